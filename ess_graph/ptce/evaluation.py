"""How well candidates recover known clusters: best-match Jaccard precision and recall, by kind.

A candidate is a hit when some known cluster shares at least ``threshold`` of their union with it
(Jaccard); a cluster is recovered when some candidate is a hit for it. Used by the benchmark and
by the tests that pin floors on synthetic territories (:mod:`ess_graph.synth`).

Candidates come in two kinds, each judged against its own ground truth
(:func:`recovery_by_kind`):

- a **cooperating** candidate is a hit when it matches a *planted* (cooperating) cluster, and the
  cooperating recall is the share of planted clusters some cooperating candidate matches;
- a **potential** candidate is a hit when it matches a *latent* cluster (one territory, a theme or
  value chain, a supporter, few links), and the latent recall is the share of latent clusters some
  potential candidate matches.

Precision is thus strict: a potential candidate that finds a cooperating cluster is a true group
under the wrong kind, and does not count. ``precision_any`` says how many candidates of a kind
match a true cluster of either kind, so that a wrong kind can be told from a wrong group, and
``decoys`` how many match a decoy group (same theme and supporter, other territories). A candidate
without a ``kind`` attribute (the analysis before there were two kinds) is a cooperating one.

Stability is how often a candidate comes back when the seed or the parameters change: the
candidates' own ``stability`` when they carry one, else :func:`with_rerun_stability` computes it
from runs with other seeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from statistics import mean
from typing import Protocol

CANDIDATE_KINDS = ("cooperating", "potential")
"""The kinds a candidate may have; the first is the kind of a candidate that says none."""


@dataclass(frozen=True)
class Recovery:
    precision: float
    recall: float
    candidates: int
    clusters: int


class HasMembers(Protocol):
    """What evaluation reads of a candidate; ``kind`` and ``stability`` are read when present."""

    @property
    def member_iris(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Found:
    """A candidate as evaluation sees it: its members, its kind and its stability (None: unknown).

    >>> class Old:  # a candidate of the analysis before kinds
    ...     member_iris = ("a", "b", "c")
    >>> old = Found.of(Old())
    >>> sorted(old.members), old.kind, old.stability
    (['a', 'b', 'c'], 'cooperating', None)
    """

    members: frozenset[str]
    kind: str
    stability: float | None = None

    @classmethod
    def of(cls, candidate: HasMembers) -> Found:
        kind = getattr(candidate, "kind", None) or CANDIDATE_KINDS[0]
        if kind not in CANDIDATE_KINDS:
            raise ValueError(f"kind: expected one of {', '.join(CANDIDATE_KINDS)}, got {kind!r}")
        return cls(frozenset(candidate.member_iris), kind, getattr(candidate, "stability", None))


@dataclass(frozen=True)
class KindRecovery:
    """Precision and recall of the candidates of one kind against the clusters of that kind.

    ``precision`` is None when there is no candidate of the kind (nothing to be precise about);
    ``stability`` is the mean stability of the candidates of the kind that have one, and
    ``stability_of_hits`` the same over the hits only (None when no candidate has one).
    """

    kind: str
    precision: float | None
    recall: float
    precision_any: float | None
    candidates: int
    clusters: int
    decoys: int
    stability: float | None
    stability_of_hits: float | None


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared members over all members of the two groups.

    >>> jaccard(frozenset("abc"), frozenset("bcd"))
    0.5
    """
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def best_match(group: frozenset[str], others: Iterable[frozenset[str]]) -> float:
    """The Jaccard of ``group`` with the closest of ``others`` (0 when there are none).

    >>> best_match(frozenset("abc"), [frozenset("xyz"), frozenset("abcd")])
    0.75
    """
    return max((jaccard(group, other) for other in others), default=0.0)


def recovery(found: Sequence[frozenset[str]], planted: Sequence[frozenset[str]], threshold: float = 0.5) -> Recovery:
    """Precision and recall of groups against clusters, whatever their kinds.

    >>> recovery([frozenset("abc"), frozenset("xy")], [frozenset("abcd")])
    Recovery(precision=0.5, recall=1.0, candidates=2, clusters=1)
    """
    hits = sum(1 for group in found if best_match(group, planted) >= threshold)
    recovered = sum(1 for cluster in planted if best_match(cluster, found) >= threshold)
    return Recovery(hits / len(found) if found else 0.0, recovered / len(planted) if planted else 0.0,
                    len(found), len(planted))


def recovery_by_kind(found: Sequence[Found], planted: Sequence[frozenset[str]], latent: Sequence[frozenset[str]],
                     decoys: Sequence[frozenset[str]] = (), threshold: float = 0.5) -> dict[str, KindRecovery]:
    """Cooperating candidates against the planted clusters, potential ones against the latent clusters.

    >>> planted, latent = [frozenset("abcd")], [frozenset("wxyz")]
    >>> found = [Found(frozenset("abc"), "cooperating", 0.9), Found(frozenset("wxy"), "potential", 0.6),
    ...          Found(frozenset("abcd"), "potential", 0.2)]
    >>> result = recovery_by_kind(found, planted, latent)
    >>> result["cooperating"].precision, result["cooperating"].recall
    (1.0, 1.0)
    >>> potential = result["potential"]
    >>> potential.precision, potential.precision_any, potential.recall, potential.stability_of_hits
    (0.5, 1.0, 1.0, 0.6)
    """
    truth = {"cooperating": planted, "potential": latent}
    both = [*planted, *latent]
    result = {}
    for kind in CANDIDATE_KINDS:
        mine = [f for f in found if f.kind == kind]
        hits = [f for f in mine if best_match(f.members, truth[kind]) >= threshold]
        true_groups = sum(1 for f in mine if best_match(f.members, both) >= threshold)
        recovered = sum(1 for cluster in truth[kind]
                        if best_match(cluster, (f.members for f in mine)) >= threshold)
        result[kind] = KindRecovery(
            kind, len(hits) / len(mine) if mine else None,
            recovered / len(truth[kind]) if truth[kind] else 0.0,
            true_groups / len(mine) if mine else None, len(mine), len(truth[kind]),
            sum(1 for f in mine if best_match(f.members, decoys) >= threshold),
            _mean_stability(mine), _mean_stability(hits))
    return result


def with_rerun_stability(reference: Sequence[Found], reruns: Sequence[Sequence[Found]],
                         threshold: float = 0.5) -> list[Found]:
    """``reference`` with each candidate's stability set to the share of ``reruns`` (the same
    graph analysed with other seeds or parameters) that return a candidate of its kind matching it.

    >>> group = Found(frozenset("abcd"), "potential")
    >>> again, moved, other_kind = ([Found(frozenset("abcde"), "potential")], [Found(frozenset("axy"), "potential")],
    ...                             [Found(frozenset("abcd"), "cooperating")])
    >>> with_rerun_stability([group], [again, moved, other_kind])[0].stability
    0.3333333333333333
    """
    if not reruns:
        return list(reference)
    return [replace(f, stability=sum(
        1 for run in reruns if best_match(f.members, (g.members for g in run if g.kind == f.kind)) >= threshold
    ) / len(reruns)) for f in reference]


def _mean_stability(found: Sequence[Found]) -> float | None:
    known = [f.stability for f in found if f.stability is not None]
    return mean(known) if known else None

