"""The shipped Calaisis graph holds what the November 2014 newsletter states, with its source.

Expected values are read from the newsletter itself; the comments say where.
"""

from decimal import Decimal

import pytest
from rdflib import BNode, Graph
from rdflib.namespace import PROV, RDF, RDFS

from ess_graph.vocab.namespaces import ESS, ESSD, OBS, ORG, SRC, STAT, STATUS, VCARD
from ess_graph.vocab.shortcuts import derive_shortcuts
from ess_graph.vocab.terms import label_of

DOCUMENT_LINES = 767  # the scanned newsletter has 767 lines


def sections_of(graph, node) -> set:
    return set(graph.objects(node, PROV.wasDerivedFrom))


def test_a_funding_has_its_funder_programme_status_and_section(calaisis):
    # "La Région est appelée à intervenir dans le cadre de sa politique économique" (bakery, l. 387)
    funding = ESSD["funding-region-boulangerie-economie"]
    assert calaisis.value(funding, ESS.funder) == ESSD["nord-pas-de-calais"]
    assert calaisis.value(funding, ESS.recipient) == ESSD["boulangerie-solidaire"]
    assert calaisis.value(funding, ESS.throughProgramme) == ESSD["politique-economique-region"]
    assert calaisis.value(funding, ESS.status) == STATUS.planned
    assert sections_of(calaisis, funding) == {SRC["boulangerie-solidaire"]}
    # planned, so its direct edge is that of a planned funding, not ess:funds
    assert (ESSD["nord-pas-de-calais"], ESS.plansToFund, ESSD["boulangerie-solidaire"]) in calaisis
    assert (ESSD["nord-pas-de-calais"], ESS.funds, ESSD["boulangerie-solidaire"]) not in calaisis


def test_a_conditional_funding_is_recorded_as_possible(calaisis):
    # "la ville de Calais pourrait intervenir également en financement direct" (l. 391)
    assert calaisis.value(ESSD["funding-calais-boulangerie"], ESS.status) == STATUS.possible


def test_a_partnership_links_both_partners_both_ways(calaisis):
    # The ADMR and the CIAS of the Région d'Audruicq: a partnership "à établir" (l. 249)
    partnership = ESSD["partnership-admr-cias"]
    assert set(calaisis.objects(partnership, ESS.partner)) == {ESSD["admr-audruicq"], ESSD["cias-ccra"]}
    assert calaisis.value(partnership, ESS.status) == STATUS.planned
    assert sections_of(calaisis, partnership) == {SRC["transport-a-la-demande"]}
    assert (ESSD["admr-audruicq"], ESS.plannedPartnerOf, ESSD["cias-ccra"]) in calaisis
    assert (ESSD["cias-ccra"], ESS.plannedPartnerOf, ESSD["admr-audruicq"]) in calaisis
    assert (ESSD["admr-audruicq"], ESS.partnerOf, ESSD["cias-ccra"]) not in calaisis


def test_a_location_goes_down_to_the_commune_and_up_to_the_pays(calaisis):
    # "Eco-garage du Calaisis, 32 rue Murillo, 62 100 Calais" (l. 238)
    garage = ESSD["eco-garage-du-calaisis"]
    site = calaisis.value(garage, ORG.hasSite)
    address = calaisis.value(site, ESS.address)
    assert str(calaisis.value(address, VCARD["street-address"])) == "32 rue Murillo"
    assert str(calaisis.value(address, VCARD["postal-code"])) == "62100"
    assert calaisis.value(site, ESS.locatedIn) == ESSD.calais
    assert str(calaisis.value(ESSD.calais, ESS.inseeCode)) == "62193"
    assert (garage, ESS.locatedIn, ESSD.calais) in calaisis
    # The département lies in the 2014 region and in its 2016 successor, Hauts-de-France.
    assert set(calaisis.transitive_objects(ESSD.calais, ESS.within)) == {
        ESSD.calais, ESSD["cap-calaisis"], ESSD["pays-du-calaisis"], ESSD["pas-de-calais"],
        ESSD["nord-pas-de-calais"], ESSD["region-32"]}
    assert sections_of(calaisis, site) == {SRC["eco-garage"]}


def test_a_figure_is_an_observation_with_its_year_and_source(calaisis):
    # "Pays du Calaisis 366" employing establishments, INSEE CLAP 2011 - calculs CRESS (l. 637-639)
    observation = OBS["overview-pays-du-calaisis-2011-ess-establishments"]
    assert calaisis.value(observation, ESS.refArea) == ESSD["pays-du-calaisis"]
    assert str(calaisis.value(observation, ESS.refPeriod)) == "2011"
    assert calaisis.value(observation, ESS.obsValue).toPython() == Decimal("366")
    assert sections_of(calaisis, observation) == {SRC["chiffres-etablissements-emplois"], ESSD["source-clap-2011"]}


def test_a_number_lost_by_the_scan_is_derived_from_the_total_and_says_so(calaisis):
    # Establishments by sector: 366 in all, "Services divers" unreadable; 366 - 322 = 44.
    observation = OBS["by-sector-pays-du-calaisis-2011-ess-establishments-miscellaneous-services"]
    assert calaisis.value(observation, ESS.obsValue).toPython() == Decimal("44")
    assert calaisis.value(observation, ESS.valueStatus) == STAT.derived
    assert "366" in str(calaisis.value(observation, ESS.readingNote))


def test_jobs_by_sector_add_up_to_the_published_total(calaisis):
    values = [calaisis.value(o, ESS.obsValue).toPython()
              for o in calaisis.subjects(ESS.statMeasure, STAT.jobs)
              if calaisis.value(o, ESS.sectorDimension) is not None]
    assert sum(values) == 4600


@pytest.mark.parametrize(("node", "expected"), [
    (ESSD["vieille-eglise"], "Vieille-Église"),
    (ESSD.guines, "Guînes"),
    (ESSD.bremes, "Brêmes"),
    (ESSD["pays-du-calaisis"], "Pays du Calaisis"),
])
def test_names_are_free_of_scanning_slips(calaisis, node, expected):
    assert label_of(calaisis, node) == expected


def without_source(graph) -> list:
    """The actors, initiatives, programmes, relationships, figures and sites that cite no source."""
    classes = [ESS.Actor, ESS.Initiative, ESS.Programme, ESS.Relationship, ESS.KeyFigure, ESS.Site]
    missing = []
    for cls in classes:
        for sub in graph.transitive_subjects(RDFS.subClassOf, cls):
            for node in graph.subjects(RDF.type, sub):
                if not sections_of(graph, node):
                    missing.append(node)
    return missing


def test_every_actor_initiative_and_relationship_says_where_it_comes_from(calaisis):
    assert without_source(calaisis) == []
    # a commune (a subclass of a subclass of ess:Actor) and a support that cite nothing are found
    extended = Graph()
    extended += calaisis
    extended.add((ESSD["test-commune"], RDF.type, ESS.Commune))
    extended.add((ESSD["test-support"], RDF.type, ESS.Support))
    assert sorted(without_source(extended)) == [ESSD["test-commune"], ESSD["test-support"]]


def test_every_section_points_at_lines_of_the_newsletter(calaisis):
    for section in calaisis.subjects(RDF.type, ESS.SourceSection):
        first, last = (int(n) for n in str(calaisis.value(section, ESS.lines)).split("-"))
        assert 1 <= first <= last <= DOCUMENT_LINES, section


def test_the_graph_has_no_blank_nodes_so_reloading_changes_nothing(calaisis):
    assert not any(isinstance(term, BNode) for triple in calaisis for term in triple)


def test_the_shipped_shortcut_edges_are_exactly_those_the_relationships_imply(calaisis):
    derived = set(derive_shortcuts(calaisis))
    assert derived <= set(calaisis)
    # ess:locatedIn is also written by hand for actors without a site; the other edges are only derived.
    edges = {p for _, p, _ in derived} - {ESS.locatedIn}
    assert {t for t in calaisis if t[1] in edges} == {t for t in derived if t[1] in edges}


def test_the_bakery_mobilises_most_local_authorities(calaisis):
    # Anne Lecerf: the cooperation "mobilise la plupart des collectivités locales" (l. 384-385).
    funders = {calaisis.value(f, ESS.funder) for f in calaisis.subjects(ESS.recipient, ESSD["boulangerie-solidaire"])}
    assert funders == {ESSD["nord-pas-de-calais"], ESSD["pas-de-calais"], ESSD["cap-calaisis"], ESSD.calais}


def test_persons_appear_in_the_role_the_newsletter_gives_them(calaisis):
    # "Le président du SYMPAC - Olivier MAJEWICZ", also "vice-président du Conseil Général" (l. 25-29)
    roles = {(calaisis.value(m, ORG.organization), label_of(calaisis, calaisis.value(m, ESS.role), "en"))
             for m in calaisis.subjects(ORG.member, ESSD["olivier-majewicz"])}
    assert roles == {(ESSD.sympac, "president"), (ESSD["pas-de-calais"], "vice-president")}
