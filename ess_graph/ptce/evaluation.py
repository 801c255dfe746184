"""How well candidates recover known clusters: best-match Jaccard precision and recall.

A candidate is a hit when some planted cluster shares at least ``threshold`` of their union with it
(Jaccard); a planted cluster is recovered when some candidate is a hit for it. Used by the
benchmark and by the test that pins a floor on recall.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Recovery:
    precision: float
    recall: float
    candidates: int
    clusters: int


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def best_match(group: frozenset[str], others: Iterable[frozenset[str]]) -> float:
    return max((jaccard(group, other) for other in others), default=0.0)


def recovery(found: Sequence[frozenset[str]], planted: Sequence[frozenset[str]], threshold: float = 0.5) -> Recovery:
    hits = sum(1 for group in found if best_match(group, planted) >= threshold)
    recovered = sum(1 for cluster in planted if best_match(cluster, found) >= threshold)
    return Recovery(hits / len(found) if found else 0.0, recovered / len(planted) if planted else 0.0,
                    len(found), len(planted))
