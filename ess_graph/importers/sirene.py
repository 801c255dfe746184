"""Importing establishments from INSEE's SIRENE stock files, streamed.

``StockEtablissement`` has one row per establishment; the legal unit's ESS flag
(``economieSocialeSolidaireUniteLegale``), legal category and name are in ``StockUniteLegale``.
INSEE publishes both sorted by SIREN, so they are joined by walking them side by side (a merge
join): memory stays constant whatever their size. A file that already carries the legal-unit
columns (some redistributions join them) needs no second file.

Each kept establishment gives a site (``ess:Site`` with its SIRET, address, commune and NAF
sector) of its organisation (SIREN, name, legal form from the INSEE category, sector, ESS class
when flagged); the organisation is written once, at its first establishment.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..errors import EssGraphError
from ..vocab.namespaces import ESS, ESSD, ORG
from ..vocab.shortcuts import record_shortcuts
from .common import checks
from .common.concepts import Vocabulary, vocabulary
from .common.identity import Identifiers, IdentityConflict, IdentityIndex
from .common.places import Communes, address_triples, street
from .common.problems import Problems
from .common.provenance import SourceFile, source_file
from .common.streaming import EVERYWHERE, Columns, Progress, TerritoryFilter
from .common.tables import Table, check_columns, read_csv
from .common.triples import Record

ESTABLISHMENT_COLUMNS = ("siren", "siret", "etatAdministratifEtablissement", "codeCommuneEtablissement",
                         "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement")
UNIT_COLUMNS = ("siren", "categorieJuridiqueUniteLegale", "economieSocialeSolidaireUniteLegale",
                "denominationUniteLegale")
ACTIVE = "A"
NAF_REV2 = "NAFRev2"
HIDDEN = "[ND]"
"""What SIRENE writes in place of a value its owner asked not to disclose."""
_CATEGORY = re.compile(r"\d{4}")


@dataclass
class SireneSummary:
    """What an import left aside, for the closing message."""

    unmapped_categories: dict[str, int]


class _UnitReader:
    """The legal units, read in SIREN order alongside the establishments."""

    def __init__(self, table: Table):
        self.table = table
        self.records = table.records
        self.cells = Columns(table.columns).getter
        self.siren_of = self.cells("siren")
        self.current: tuple[int, list[str]] | None = None
        self.last = ""

    def find(self, siren: str) -> tuple[int, list[str]] | None:
        while self.current is None or self.siren_of(self.current[1]) < siren:
            self.current = next(self.records, None)
            if self.current is None:
                return None
            found = self.siren_of(self.current[1])
            if found < self.last:
                raise EssGraphError(f"{self.table.where}:{self.current[0]}: not sorted by SIREN ({found} after "
                                    f"{self.last}); the join needs the file in SIREN order, as INSEE publishes it")
            self.last = found
        return self.current if self.siren_of(self.current[1]) == siren else None


def _unit_name(unit: dict[str, str]) -> str:
    name = unit.get("denominationUniteLegale") or unit.get("sigleUniteLegale")
    if not name:
        name = street(unit.get("prenomUsuelUniteLegale") or unit.get("prenom1UniteLegale", ""),
                      unit.get("nomUsageUniteLegale") or unit.get("nomUniteLegale", ""))
    return "" if HIDDEN in name else name


def _organisation_class(flag: str, category: str) -> URIRef:
    if flag == "O":
        return ESS.ESSStructure
    if category.startswith("7"):
        return ESS.PublicBody
    if flag == "N" and category[:1] in ("1", "5", "6"):
        return ESS.ClassicalEnterprise
    return ESS.Organisation


class _Builder:
    """Turns checked rows into records, keeping only bounded state (the communes met)."""

    def __init__(self, vocab: Vocabulary, index: IdentityIndex):
        self.vocab = vocab
        self.index = index
        self.communes = Communes(index)
        self.unmapped: dict[str, int] = {}
        self.done = vocab.statuses.by_notation["done"]

    def sector(self, naf: str, nomenclature: str) -> URIRef | None:
        return self.vocab.sector_for_naf(naf) if nomenclature == NAF_REV2 and naf else None

    def organisation(self, node: URIRef, known: bool, siren: str, unit: dict[str, str], rna: str | None,
                     section: URIRef) -> Record:
        record: Record = [(node, PROV.wasDerivedFrom, section), (node, ESS.siren, Literal(siren))]
        record += [(node, ESS.rnaNumber, Literal(rna))] if rna else []
        if known or not unit:
            return record
        category = unit.get("categorieJuridiqueUniteLegale", "")
        record.append((node, RDF.type, _organisation_class(unit.get("economieSocialeSolidaireUniteLegale", ""),
                                                           category)))
        name = _unit_name(unit)
        record += [(node, RDFS.label, Literal(name))] if name else []
        if category:
            form = self.vocab.legal_form_for_category(category)
            if form is None:
                self.unmapped[category] = self.unmapped.get(category, 0) + 1
            else:
                record.append((node, ESS.legalForm, form))
        sector = self.sector(unit.get("activitePrincipaleUniteLegale", ""),
                             unit.get("nomenclatureActivitePrincipaleUniteLegale", ""))
        record += [(node, ESS.sector, sector)] if sector else []
        created = unit.get("dateCreationUniteLegale")
        record += [(node, ESS.foundingDate, Literal(created, datatype=XSD.date))] if created else []
        return record


def _check(where: str, line: int, cells: dict[str, tuple[str, Callable[[str], object]]],
           problems: Problems) -> dict | None:
    """Parse the given cells; None after reporting each bad one."""
    values, bad = {}, False
    for column, (text, parse) in cells.items():
        if not text:
            values[column] = None
            continue
        try:
            values[column] = parse(text)
        except checks.BadValue as exc:
            problems.add(where, line, column, str(exc))
            bad = True
    return None if bad else values


def _category(text: str) -> str:
    if not _CATEGORY.fullmatch(text):
        raise checks.BadValue(f"'{text}' is not an INSEE legal category (4 digits)")
    return text


def _open_units(path: Path | str | None, problems: Problems, encoding: str) -> tuple[Table | None, SourceFile | None]:
    if path is None:
        return None, None
    table = read_csv(Path(path), problems, encoding=encoding)
    if not check_columns(table, problems, required=UNIT_COLUMNS, allow_unknown=True):
        problems.strict = True
        problems.raise_if_any()
    return table, source_file(Path(path), "Unités légales du répertoire SIRENE (INSEE), fichier StockUniteLegale.")


def import_sirene(establishments: Path | str, graph: Graph, *, units: Path | str | None = None,
                  territory: TerritoryFilter = EVERYWHERE, ess_only: bool = True, encoding: str = "utf-8",
                  problems: Problems | None = None, progress: Progress | None = None,
                  summary: SireneSummary | None = None) -> Iterator[Record]:
    """Yield the records of the active establishments of ``establishments`` kept by the filters.

    ``units`` is StockUniteLegale, joined by SIREN (both files in SIREN order). With
    ``ess_only``, only legal units flagged ESS are kept, which needs the legal-unit columns.
    Raises InvalidInput at the end when rows were bad (unless ``problems`` is lenient).
    """
    problems = problems if problems is not None else Problems()
    vocab = vocabulary()
    index = IdentityIndex.from_graph(graph)
    builder = _Builder(vocab, index)
    table = read_csv(Path(establishments), problems, encoding=encoding)
    if not check_columns(table, problems, required=ESTABLISHMENT_COLUMNS, allow_unknown=True):
        problems.strict = True
        problems.raise_if_any()
    source = source_file(Path(establishments),
                         "Établissements du répertoire SIRENE (INSEE), fichier StockEtablissement.")
    unit_table, unit_source = _open_units(units, problems, encoding)
    inline_units = unit_table is None and "economieSocialeSolidaireUniteLegale" in table.columns
    if ess_only and unit_table is None and not inline_units:
        raise EssGraphError(f"{table.where}: the ESS flag is a column of StockUniteLegale: give that file "
                            "(--unites-legales) or import every establishment (--all)")
    units_reader = _UnitReader(unit_table) if unit_table is not None else None
    cell = Columns(table.columns).getter
    siren_of, commune_of = cell("siren"), cell("codeCommuneEtablissement")
    state_of = cell("etatAdministratifEtablissement")
    yield source.triples() + (unit_source.triples() if unit_source else [])
    rows = kept = 0
    previous_siren = ""
    for line, cells in table.records:
        rows += 1
        if progress is not None and rows % 4096 == 0:
            progress(rows, kept, table.position())
        if state_of(cells) != ACTIVE or not territory.accepts(commune_of(cells)):
            continue
        siren = siren_of(cells)
        unit: dict[str, str] = {}
        unit_where, unit_line, unit_section = table.where, line, None
        if units_reader is not None:
            found = units_reader.find(siren)
            if found is not None:
                unit_line = found[0]
                unit = dict(zip(unit_table.columns, (c.strip() for c in found[1]), strict=False))
                unit_where, unit_section = unit_table.where, unit_source.row(unit_line)
        elif inline_units:
            unit = dict(zip(table.columns, (c.strip() for c in cells), strict=False))
        if ess_only and unit.get("economieSocialeSolidaireUniteLegale") != "O":
            continue
        values = dict(zip(table.columns, (c.strip() for c in cells), strict=False))
        checked = _check(table.where, line, {
            "siren": (values["siren"], checks.siren), "siret": (values["siret"], checks.siret),
            "codeCommuneEtablissement": (values["codeCommuneEtablissement"], checks.commune_code),
            "dateCreationEtablissement": (values.get("dateCreationEtablissement", ""), checks.iso_date),
        }, problems)
        unit_checked = _check(unit_where, unit_line, {
            "categorieJuridiqueUniteLegale": (unit.get("categorieJuridiqueUniteLegale", ""), _category),
            "identifiantAssociationUniteLegale": (unit.get("identifiantAssociationUniteLegale", ""), checks.rna),
            "dateCreationUniteLegale": (unit.get("dateCreationUniteLegale", ""), checks.iso_date),
        }, problems)
        if checked is None or unit_checked is None:
            continue
        if not checked["siret"] or checked["siret"][:9] != checked["siren"]:
            problems.add(table.where, line, "siret",
                         f"SIRET '{values['siret']}' is not an establishment of SIREN {siren}")
            continue
        if units_reader is not None and not unit:
            problems.add(table.where, line, "siren", f"SIREN {siren} is not in {unit_table.where}")
            continue
        rna = unit_checked["identifiantAssociationUniteLegale"]
        section = source.row(line)
        try:
            node, known = index.node_for(Identifiers(siren=siren, rna=rna), remember=False)
        except IdentityConflict as exc:
            problems.add(table.where, line, None, str(exc))
            continue
        kept += 1
        record = source.row_triples(line)
        if siren != previous_siren:
            record += builder.organisation(node, known, siren, unit, rna, unit_section or section)
            if unit_section is not None:
                record += unit_source.row_triples(unit_line) + [(node, PROV.wasDerivedFrom, section)]
            previous_siren = siren
        record += _site(builder, node, values, checked, unit, section)
        record += record_shortcuts(record, vocab.shortcut_rules)
        yield record
    if progress is not None:
        progress(rows, kept, table.position())
    if summary is not None:
        summary.unmapped_categories = dict(builder.unmapped)
    problems.raise_if_any()


def _site(builder: _Builder, organisation: URIRef, values: dict[str, str], checked: dict, unit: dict[str, str],
          section: URIRef) -> Record:
    siret = checked["siret"]
    site = ESSD[f"site-{siret}"]
    commune, commune_record = builder.communes.node(checked["codeCommuneEtablissement"], section)
    name = next((v for v in (values.get("enseigne1Etablissement"), values.get("denominationUsuelleEtablissement"),
                             _unit_name(unit)) if v and HIDDEN not in v), "")
    town = values.get("libelleCommuneEtablissement", "")
    record: Record = commune_record + [
        (organisation, ORG.hasSite, site), (site, RDF.type, ESS.Site), (site, ESS.siret, Literal(siret)),
        (site, ESS.locatedIn, commune), (site, ESS.status, builder.done), (site, PROV.wasDerivedFrom, section),
    ]
    label = ", ".join(p for p in (name, town) if p)
    record += [(site, RDFS.label, Literal(label))] if label else []
    sector = builder.sector(values.get("activitePrincipaleEtablissement", ""),
                            values.get("nomenclatureActivitePrincipaleEtablissement", ""))
    record += [(site, ESS.sector, sector)] if sector else []
    if checked.get("dateCreationEtablissement"):
        record.append((site, ESS.startDate, Literal(checked["dateCreationEtablissement"].isoformat(),
                                                    datatype=XSD.date)))
    line = street(values.get("numeroVoieEtablissement", ""), values.get("indiceRepetitionEtablissement", ""),
                  values.get("typeVoieEtablissement", ""), values.get("libelleVoieEtablissement", ""))
    if HIDDEN not in line:
        record += address_triples(site, ESSD[f"address-{siret}"], section, street_address=line,
                                  postal_code=values.get("codePostalEtablissement", ""), locality=town)
    if values.get("etablissementSiege") == "true":
        record.append((site, DCTERMS.description, Literal("Siège de l'unité légale.", lang="fr")))
    return record
