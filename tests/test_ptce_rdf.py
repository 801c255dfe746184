"""Candidates saved as RDF: queryable with SPARQL, and the same triples when saved twice."""

from datetime import date

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from ess_graph import load_graph
from ess_graph.mapping.ptce_overlay import ptce_map_overlay
from ess_graph.ptce import PTCEParameters, find_ptce_candidates
from ess_graph.ptce.rdf import analysis_to_rdf
from ess_graph.vocab.namespaces import ESS, sparql_prologue

DAY = date(2024, 5, 1)


@pytest.fixture(scope="module")
def analysis():
    return find_ptce_candidates(load_graph())


def test_saving_twice_gives_the_same_graph(analysis):
    again = find_ptce_candidates(load_graph())
    assert isomorphic(analysis_to_rdf(analysis, DAY), analysis_to_rdf(again, DAY))


def test_candidate_iris_depend_on_members_only(analysis):
    other = find_ptce_candidates(load_graph(), PTCEParameters(score_size=0))
    assert {c.iri for c in other.candidates} == {c.iri for c in analysis.candidates}


def test_candidates_meeting_every_gate_can_be_queried_with_sparql(analysis):
    saved = analysis_to_rdf(analysis, DAY)
    query = sparql_prologue() + """
        SELECT ?candidate ?score (COUNT(DISTINCT ?member) AS ?members) WHERE {
            ?candidate a ess:PTCECandidate ; ess:score ?score ; ess:candidateMember ?member .
            FILTER NOT EXISTS { ?candidate ess:gateCheck/ess:gateMet false }
        } GROUP BY ?candidate ?score"""
    rows = list(saved.query(query))
    complete = [c for c in analysis.candidates if not c.failed_gates]
    assert {str(r.candidate) for r in rows} == {c.iri for c in complete}
    assert {int(r.members) for r in rows} == {len(c.members) for c in complete}


def test_the_activity_keeps_the_date_and_every_parameter(analysis):
    saved = analysis_to_rdf(analysis, DAY)
    query = sparql_prologue() + """
        SELECT DISTINCT ?date ?value WHERE {
            ?candidate prov:wasGeneratedBy ?activity .
            ?activity a prov:Activity ; dcterms:date ?date ; ess:parameter ?setting .
            ?setting ess:parameterName ?name ; ess:parameterValue ?value .
        }"""
    rows = list(saved.query(query, initBindings={"name": Literal("seed")}))
    assert [(row.date.toPython(), row.value.toPython()) for row in rows] == [(DAY, 42)]


def test_gate_evidence_points_at_relationship_nodes_with_sources(analysis):
    graph = load_graph() + analysis_to_rdf(analysis, DAY)
    evidence = set(graph.objects(None, ESS.evidence))
    sourced = [e for e in evidence if (e, None, None) in graph and graph.value(e, ESS.status) is not None]
    assert sourced
    assert all(graph.value(e, PROV.wasDerivedFrom) is not None for e in sourced)


def test_the_vocabulary_declares_every_term_the_saved_graph_uses(analysis):
    saved = analysis_to_rdf(analysis, DAY)
    vocabulary = load_graph()
    used = {p for p in saved.predicates() if str(p).startswith(str(ESS))}
    used |= {o for o in saved.objects() if str(o).startswith(str(ESS))}
    assert all((term, None, None) in vocabulary for term in used)


def test_the_map_overlay_colours_members_and_projects_of_each_candidate(analysis):
    overlay = ptce_map_overlay(analysis.candidates)
    first = analysis.candidate(1)
    group = overlay.group_of(first.members[0].iri)
    assert group.label.startswith("PTCE #1 (cooperating): ")
    assert group.colour.startswith("#") and len(group.colour) == 7
    assert overlay.notes[first.members[0].iri][0].startswith(f"cooperating; score {first.score.total:.1f}; ")
    assert [g.key for g in overlay.groups] == [f"ptce-{c.rank}" for c in analysis.candidates]
    assert set(overlay.members) == {i for c in analysis.candidates
                                    for i in (*c.member_iris, *(p.iri for p in c.projects))}


def test_a_member_of_two_candidates_names_both_in_its_tooltip(analysis):
    overlay = ptce_map_overlay(analysis.candidates)
    in_two = {}
    for candidate in analysis.candidates:
        for iri in candidate.member_iris:
            in_two.setdefault(iri, []).append(candidate.rank)
    iri, ranks = next((i, r) for i, r in in_two.items() if len(r) > 1)
    first, *others = sorted(ranks)
    kinds = {c.rank: c.kind for c in analysis.candidates}
    assert overlay.group_of(iri).label.startswith(f"PTCE #{first} ({kinds[first]}): ")
    assert [line.split(":")[0] for line in overlay.notes[iri][1:]] == [f"also PTCE #{r} ({kinds[r]})" for r in others]
