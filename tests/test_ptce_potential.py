"""Potential candidates (issue 13): groups that could cooperate, found in the Calaisis as the 2014
newsletter describes them (expected members written from the text, not from the program)."""

import pytest
from rdflib import Literal

from ess_graph import ESS, ESSD, load_graph
from ess_graph.ptce import PTCEParameters, cooperation_network, find_ptce_candidates
from ess_graph.ptce.affinity import affinity_network
from ess_graph.ptce.rdf import analysis_to_rdf


@pytest.fixture(scope="module")
def analysis():
    return find_ptce_candidates(load_graph())


def essd(name: str) -> str:
    return str(ESSD[name])


def holding(analysis, kind, *names):
    return [c for c in analysis.candidates if c.kind == kind and {essd(n) for n in names} <= set(c.member_iris)]


def test_the_food_group_is_no_longer_split_around_its_bridge(analysis):
    # Les Anges Gardins and Terre d'Opale share the former farm of the CCRA "pour y développer un pôle
    # d'activités liées à l'alimentation" (lines 261-263); the ADLC run a buffet "avec Terre d'Opale et
    # Environnement Solidarité" (lines 281-283): Terre d'Opale bridges two halves of one food chain.
    halves = [holding(analysis, "cooperating", "anges-gardins", "terre-d-opale"),
              holding(analysis, "cooperating", "ateliers-de-la-citoyennete", "terre-d-opale")]
    assert all(len(half) == 1 for half in halves) and halves[0] != halves[1]  # both halves keep the bridge
    [whole] = holding(analysis, "potential", "anges-gardins", "terre-d-opale", "ateliers-de-la-citoyennete",
                      "environnement-solidarite")
    covered = dict(whole.chain.covered)
    assert essd("anges-gardins") in covered["production"]  # "maraîchage biologique" (line 264)
    assert essd("ateliers-de-la-citoyennete") in covered["clients"]  # "3 restaurants d'insertion" (line 280)
    assert {o.rank for o in whole.overlaps} >= {halves[0][0].rank, halves[1][0].rank}


def test_associations_of_one_theme_accompanied_by_one_support_body_make_a_potential_candidate(analysis):
    # Galilée accompanies La Note Bleue (line 299) and Le Son du Chablon (line 333), two cultural
    # associations of the Calaisis that the text never links to each other
    [candidate] = holding(analysis, "potential", "galilee", "la-note-bleue", "le-son-du-chablon")
    assert any(b.kind == "supporter" and essd("galilee") in b.nodes for b in candidate.belonging)
    pair = (essd("la-note-bleue"), essd("le-son-du-chablon"))
    [meeting] = [i for i in candidate.introductions if i.actors == pair]
    assert "supporter" in meeting.why and meeting.common == 1  # Galilée already works with both
    assert candidate.territory == essd("pays-du-calaisis")


def test_links_to_make_come_easiest_first(analysis):
    for candidate in analysis.candidates:
        common = [i.common for i in candidate.introductions]
        assert common == sorted(common, reverse=True)
        assert candidate.introductions_total >= len(candidate.introductions)


def test_every_candidate_has_a_kind_and_a_stability(analysis):
    assert {c.kind for c in analysis.candidates} == {"cooperating", "potential"}
    assert all(0 <= c.stability <= 1 for c in analysis.candidates)
    assert all(c.stability is None for c in find_ptce_candidates(load_graph(), PTCEParameters(
        stability_runs=0)).candidates)


def test_a_support_body_accompanying_many_says_less_about_each_pair():
    # with the hub scale at 1, Galilée (3 accompanied actors) counts 1/3 per pair instead of 1
    pair = (essd("la-note-bleue"), essd("le-son-du-chablon"))

    def supporter_weight(params):
        layer = affinity_network(cooperation_network(load_graph(), params))
        return sum(a.weight for a in layer.evidence(*pair) if a.kind == "supporter")

    full = supporter_weight(PTCEParameters())
    assert supporter_weight(PTCEParameters(affinity_hub_scale=1)) == pytest.approx(full / 3)


def test_actors_of_one_theme_in_two_places_too_far_apart_are_no_potential_group():
    # La Note Bleue is in Ruminghem (line 303), Le Son du Chablon in Brêmes-les-Ardres (line 335):
    # when a pole may span only one commune, sharing Galilée and culture no longer brings them together
    params = PTCEParameters(max_territory_level="commune", stability_runs=0)
    analysis = find_ptce_candidates(load_graph(), params)
    assert holding(analysis, "potential", "la-note-bleue", "le-son-du-chablon") == []


def test_saved_candidates_say_their_kind_and_overlaps(analysis):
    saved = analysis_to_rdf(analysis)
    kinds = {str(o) for o in saved.objects(None, ESS.candidateKind)}
    assert kinds == {"cooperating", "potential"}
    potential = set(saved.subjects(ESS.candidateKind, Literal("potential")))
    assert len(potential) == len(analysis.of_kind("potential"))
    assert any(saved.objects(node, ESS.overlapsCandidate) for node in potential)
