"""How candidates are judged against the synthetic ground truth, by kind, and the floors the analysis
keeps on a fixed territory (issue 13, "Evaluation").

The floors are measured, not wished for: see FLOORS for the figures they were set from and how they
compare with what the issue asks.
"""

from dataclasses import dataclass

import pytest

from ess_graph.ptce import PTCEParameters, find_ptce_candidates
from ess_graph.ptce.evaluation import Found, recovery_by_kind, with_rerun_stability
from ess_graph.synth import synthetic_territory

PLANTED = [frozenset({"authority", "a1", "a2", "a3"})]
LATENT = [frozenset({"supporter", "b1", "b2", "b3", "b4"})]
DECOYS = [frozenset({"network", "c1", "c2", "c3"})]


@dataclass(frozen=True)
class OldCandidate:
    """A candidate of the analysis before kinds: no kind, no stability."""

    member_iris: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    member_iris: tuple[str, ...]
    kind: str
    stability: float | None = None


def _judge(*candidates):
    return recovery_by_kind([Found.of(c) for c in candidates], PLANTED, LATENT, DECOYS)


def test_a_candidate_without_a_kind_is_judged_as_cooperating():
    result = _judge(OldCandidate(("authority", "a1", "a2")))
    assert result["cooperating"].candidates == 1 and result["cooperating"].recall == 1.0
    assert result["potential"].candidates == 0 and result["potential"].precision is None
    assert result["potential"].recall == 0.0


def test_a_potential_candidate_counts_for_latent_recall_only():
    result = _judge(Candidate(("supporter", "b1", "b2", "b3"), "potential"))
    assert result["potential"].recall == 1.0 and result["potential"].precision == 1.0
    assert result["cooperating"].recall == 0.0


def test_a_true_group_under_the_wrong_kind_is_no_hit_but_counts_as_a_true_group():
    result = _judge(Candidate(("authority", "a1", "a2", "a3"), "potential"),
                    Candidate(("supporter", "b1", "b2", "b3", "b4"), "cooperating"))
    for kind in ("cooperating", "potential"):
        assert result[kind].precision == 0.0 and result[kind].recall == 0.0
        assert result[kind].precision_any == 1.0


def test_a_candidate_below_half_the_union_is_no_hit_and_decoys_are_counted():
    # 2 shared of 6 in all: Jaccard 1/3
    result = _judge(Candidate(("supporter", "b1", "x", "y"), "potential"),
                    Candidate(("network", "c1", "c2"), "potential"))
    assert result["potential"].precision == 0.0 and result["potential"].recall == 0.0
    assert result["potential"].decoys == 1


def test_stability_is_the_candidates_own_figure_or_the_share_of_reruns_that_find_them_again():
    result = _judge(Candidate(("supporter", "b1", "b2", "b3"), "potential", 0.75),
                    Candidate(("x", "y", "z"), "potential", 0.25))
    assert result["potential"].stability == 0.5 and result["potential"].stability_of_hits == 0.75
    group = Found(frozenset({"b1", "b2", "b3"}), "potential")
    reruns = [[Found(frozenset({"b1", "b2", "b3", "b4"}), "potential")], [], [group], [Found(group.members, "cooperating")]]
    assert with_rerun_stability([group], reruns)[0].stability == 0.5


# -- floors on a fixed synthetic territory ------------------------------------------------------

SIZE, SEED = 300, 11
FLOORS = {
    "cooperating": {"recall": 0.8, "precision": 0.75, "precision_any": 0.75, "stability_of_hits": 0.8},
    "potential": {"recall": 0.8, "precision": 0.3, "precision_any": 0.4, "stability_of_hits": 0.8},
}
"""A notch under what the analysis gave on this territory (300 structures, seed 11: 10 planted and
5 latent clusters, 4 decoy groups), default parameters, with the detection of the h-ptce branch (commit 4b5c0ee):
cooperating precision 0.82 (11 candidates), recall 0.90, stability of hits 0.97; potential
precision 0.38 (13 candidates, 0.46 matching a true cluster of either kind), latent recall 1.00,
stability of hits 1.00, no candidate matching a decoy group. The issue's cooperating figures
(precision 0.84-0.95, recall 0.95-1.00) were measured before the territory had latent clusters and
decoys; the benchmark gives them over sizes and seeds. The potential precision floor is low
because it is what the potential layer does today (it proposes groups of the planted clusters'
actors and some of its own): meant to be raised, not lowered."""
CEILINGS = {"cooperating": {"decoys": 2}, "potential": {"decoys": 1}}
"""Candidates matching a decoy group (same theme or chain and supporter, other territories):
2 cooperating and none potential were measured."""


@pytest.fixture(scope="module")
def judged():
    territory = synthetic_territory(SIZE, seed=SEED)
    analysis = find_ptce_candidates(territory.graph, PTCEParameters())
    found = [Found.of(c) for c in analysis.candidates]
    return recovery_by_kind(found, territory.planted_clusters, territory.latent_clusters, territory.decoy_groups)


def _missed(result, kind):
    figures = vars(result[kind])
    low = {name: figures[name] for name, floor in FLOORS[kind].items() if figures[name] is None or figures[name] < floor}
    high = {name: figures[name] for name, ceiling in CEILINGS[kind].items() if figures[name] > ceiling}
    return low | high


@pytest.mark.slow  # the analysis with its stability runs: about 2 s of CPU, 10 s and more on a busy machine
def test_cooperating_candidates_recover_the_planted_clusters_above_the_floors(judged):
    assert _missed(judged, "cooperating") == {}


@pytest.mark.slow
def test_potential_candidates_recover_the_latent_clusters_above_the_floors(judged):
    assert _missed(judged, "potential") == {}
