"""Synthetic territories: reproducible, in the real vocabulary, with planted clusters the analysis recovers."""

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from ess_graph.errors import EssGraphError
from ess_graph.kinds import KindResolver
from ess_graph.namespaces import ESS, FORM
from ess_graph.ptce import find_ptce_candidates
from ess_graph.ptce.evaluation import recovery
from ess_graph.synth import TerritoryGenerator, synth_knobs, synthetic_territory


@pytest.fixture(scope="module")
def territory():
    return synthetic_territory(300, seed=11)


def test_the_same_seed_gives_the_same_triples():
    first = set(TerritoryGenerator(60, seed=5).triples())
    assert first == set(TerritoryGenerator(60, seed=5).triples())
    assert first != set(TerritoryGenerator(60, seed=6).triples())


def test_communes_lie_in_intercommunalities_in_one_departement(territory):
    graph = territory.graph
    communes = set(graph.subjects(RDF.type, ESS.Commune))
    assert len(communes) == 50  # 300 structures, 6 per commune
    departements = {d for c in communes for d in graph.transitive_objects(c, ESS.within)
                    if (d, RDF.type, ESS.Departement) in graph}
    assert len(departements) == 1


def test_most_structures_are_associations(territory):
    graph = territory.graph
    structures = set(graph.subjects(RDF.type, ESS.ESSStructure))
    associations = {s for s in structures if graph.value(s, ESS.legalForm) == FORM.association}
    assert len(structures) == 300
    assert 0.7 < len(associations) / len(structures) < 0.86


def test_relationships_come_with_their_shortcut_edges(territory):
    graph = territory.graph
    for relation in graph.subjects(RDF.type, ESS.Partnership):
        partners = list(graph.objects(relation, ESS.partner))
        assert (partners[0], ESS.partnerOf, partners[1]) in graph


def test_each_planted_cluster_has_the_roles_of_a_pole(territory):
    resolver = KindResolver(territory.graph)
    for cluster in territory.planted_clusters:
        kinds = {k for member in cluster for k in resolver.kinds_of(URIRef(member))}
        assert {"ess", "enterprise", "authority"} <= kinds
    assert len(territory.planted_clusters) == 10  # one per 30 structures


def test_unknown_knobs_are_refused():
    with pytest.raises(EssGraphError, match="unknown synthetic territory knob"):
        synth_knobs(colour="blue")


def test_the_analysis_recovers_most_planted_clusters(territory):
    analysis = find_ptce_candidates(territory.graph)
    found = [frozenset(c.member_iris) for c in analysis.candidates]
    result = recovery(found, territory.planted_clusters)
    assert result.recall >= 0.8
    assert result.precision >= 0.6
