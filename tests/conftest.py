"""Shared fixtures: the shipped graph (loaded once per session) and its network, a headless
Chromium for the map's end-to-end tests, and writers of small files in the official column layouts.

Tests marked ``slow`` (more than a few seconds each: a real browser, SHACL over a whole graph, an
installed copy, the rdflib run of the slowest named query...) run only with ``--slow``; without
it they are deselected and the run ends saying how many were left out. CI runs ``--slow``.

The headers below are copied by hand from the publishers' documentation: INSEE's StockEtablissement
and StockUniteLegale (SIRENE stock files, 2025 layout), the RNA waldec export, and the SCDL
subventions schema 2.1.1. Tests give only the cells they care about; the others stay empty.
"""

import csv
from pathlib import Path

import pytest

from ess_graph import load_graph, to_networkx
from ess_graph.io.loading import rdf_files
from ess_graph.sources.memory import RdflibEngine
from ess_graph.sources.oxigraph import OxigraphEngine
from ess_graph.sparql.names import NameResolver

from .browser import chromium, missing_browser_reason
from .oxigraph_server import skip_or_fail

pytest_plugins = ["pytester"]  # for test_slow_option.py

ETABLISSEMENT_HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,"
    "anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,"
    "indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,indiceRepetitionDernierNumeroVoieEtablissement,"
    "typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,codeCommuneEtablissement,"
    "codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,"
    "identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement,"
    "complementAdresse2Etablissement,numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,"
    "libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,"
    "libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,codeCommune2Etablissement,"
    "codeCedex2Etablissement,libelleCedex2Etablissement,codePaysEtranger2Etablissement,"
    "libellePaysEtranger2Etablissement,dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,"
    "enseigne2Etablissement,enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement"
).split(",")

UNITE_LEGALE_HEADER = (
    "siren,statutDiffusionUniteLegale,unitePurgeeUniteLegale,dateCreationUniteLegale,sigleUniteLegale,"
    "sexeUniteLegale,prenom1UniteLegale,prenom2UniteLegale,prenom3UniteLegale,prenom4UniteLegale,"
    "prenomUsuelUniteLegale,pseudonymeUniteLegale,identifiantAssociationUniteLegale,trancheEffectifsUniteLegale,"
    "anneeEffectifsUniteLegale,dateDernierTraitementUniteLegale,nombrePeriodesUniteLegale,categorieEntreprise,"
    "anneeCategorieEntreprise,dateDebut,etatAdministratifUniteLegale,nomUniteLegale,nomUsageUniteLegale,"
    "denominationUniteLegale,denominationUsuelle1UniteLegale,denominationUsuelle2UniteLegale,"
    "denominationUsuelle3UniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,"
    "nomenclatureActivitePrincipaleUniteLegale,nicSiegeUniteLegale,economieSocialeSolidaireUniteLegale,"
    "societeMissionUniteLegale,caractereEmployeurUniteLegale"
).split(",")

RNA_HEADER = (
    "id;id_ex;siret;rup_mi;gestion;date_creat;date_decla;date_publi;date_disso;nature;groupement;titre;titre_court;"
    "objet;objet_social1;objet_social2;adrs_complement;adrs_numvoie;adrs_repetition;adrs_typevoie;adrs_libvoie;"
    "adrs_distrib;adrs_codeinsee;adrs_codepostal;adrs_libcommune;adrg_declarant;adrg_complemid;adrg_complemgeo;"
    "adrg_libvoie;adrg_distrib;adrg_codepostal;adrg_achemine;adrg_pays;dir_civilite;siteweb;publiweb;observation;"
    "position;maj_time"
).split(";")

SCDL_HEADER = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
               "rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,"
               "pourcentageSubvention,dispositifAide").split(",")


SLOW_LEFT_OUT = pytest.StashKey[int]()


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run the tests marked slow (each takes more than a few seconds); CI does")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
    config.stash[SLOW_LEFT_OUT] = len(slow)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    left_out = config.stash.get(SLOW_LEFT_OUT, 0)
    if left_out:
        terminalreporter.write_line(f"{left_out} slow test(s) left out: run them with --slow "
                                    "(python -m pytest --slow runs the whole suite)")


def write_table(path: Path, header: list[str], rows: list[dict[str, str]], delimiter: str = ",",
                encoding: str = "utf-8") -> Path:
    """A CSV file with ``header`` and one line per row (cells not given are empty)."""
    unknown = {key for row in rows for key in row} - set(header)
    assert not unknown, f"not columns of the layout: {unknown}"
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([row.get(column, "") for column in header] for row in rows)
    return path


@pytest.fixture(scope="session")
def calaisis():
    """The vocabulary and the shipped Calaisis graph (read-only: tests must not modify it)."""
    return load_graph()


@pytest.fixture(scope="session")
def calaisis_network(calaisis):
    """The networkx projection of the shipped graph (read-only)."""
    return to_networkx(calaisis)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Without it the browser tests skip and say why,
    except under CI (``CI=true``), where a missing browser fails them."""
    reason = missing_browser_reason()
    if reason:
        skip_or_fail(f"the browser tests cannot run: {reason}")
    with chromium() as opened:
        yield opened


@pytest.fixture(scope="session")
def query_engines(calaisis):
    """The shipped graph on both SPARQL engines: rdflib over ``calaisis``, and an Oxigraph store
    loaded from the same files (read-only), each with a name resolver that reads names once."""
    engines = {"rdflib": RdflibEngine(calaisis), "oxigraph": OxigraphEngine.from_files(rdf_files())}
    return {name: (engine, NameResolver(engine)) for name, engine in engines.items()}
