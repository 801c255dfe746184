"""One actor, one node: identifiers find existing nodes, and conflicts are reported."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import ORG, RDF

from ess_graph.importers.common.identity import Identifiers, IdentityConflict, IdentityIndex, minted_iri
from ess_graph.vocab.namespaces import ESS, ESSD


def _graph(*triples):
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def test_a_siret_carried_by_a_site_names_the_organisation_of_the_site():
    graph = _graph((ESSD.garage, ORG.hasSite, ESSD["site-garage"]),
                   (ESSD["site-garage"], RDF.type, ESS.Site),
                   (ESSD["site-garage"], ESS.siret, Literal("77567227200017")))
    index = IdentityIndex.from_graph(graph)
    assert index.resolve(Identifiers(siret="77567227200017")) == ESSD.garage
    assert index.resolve(Identifiers(siret="77567227200025")) == ESSD.garage  # another establishment, same SIREN


def test_the_same_siret_on_two_nodes_is_a_conflict_that_blocks_merging():
    graph = _graph((ESSD.a, ESS.siret, Literal("77567227200017")), (ESSD.b, ESS.siret, Literal("77567227200017")))
    index = IdentityIndex.from_graph(graph)
    assert any("SIRET 77567227200017 is on two nodes" in c for c in index.conflicts)
    with pytest.raises(IdentityConflict, match="not merged"):
        index.resolve(Identifiers(siret="77567227200017"))


def test_a_node_with_two_sirens_is_reported():
    graph = _graph((ESSD.a, ESS.siren, Literal("775672272")), (ESSD.a, ESS.siren, Literal("380475558")))
    assert IdentityIndex.from_graph(graph).conflicts == ["essd:a has two SIRENs: 380475558 and 775672272"]


def test_an_rna_number_and_a_siret_of_another_unit_are_not_merged():
    graph = _graph((ESSD.a, ESS.rnaNumber, Literal("W622001234")), (ESSD.a, ESS.siren, Literal("775672272")))
    index = IdentityIndex.from_graph(graph)
    with pytest.raises(IdentityConflict, match="has SIREN 775672272"):
        index.resolve(Identifiers(siret="38047555800017", rna="W622001234"))


def test_new_nodes_get_iris_from_their_best_identifier_and_later_rows_find_them():
    index = IdentityIndex()
    node, existed = index.node_for(Identifiers(rna="W622001234"), "Les Jardins")
    assert (node, existed) == (ESSD["rna-w622001234"], False)
    assert index.node_for(Identifiers(siret="38047555800017", rna="W622001234"))[0] == node
    assert index.resolve(Identifiers(siret="38047555800025")) == node
    assert minted_iri(Identifiers(siret="38047555800017")) == ESSD["siren-380475558"]
    assert minted_iri(Identifiers(), "Terre d'Opale") == ESSD["terre-d-opale"]
