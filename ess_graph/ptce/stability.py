"""How robust a candidate is: how often its group comes back when the analysis is perturbed.

Each of ``stability_runs`` runs changes the seed (``seed + run``), the Louvain resolution (times
0.75, 1.25 or 1 in turn) and drops ``stability_drop`` of the links of both layers at random
(seeded, so the figure itself is reproducible), then finds the groups again, cooperating and
potential. A candidate comes back in a run when a group of its kind there has a Jaccard similarity
of at least ``stability_match`` with it; its stability is the share of runs where it does. A
candidate found only under one exact setting is a lead to check, not a pole.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import replace

import networkx as nx

from .affinity import AffinityNetwork
from .generation import MemberSet
from .potential import jaccard
from .projection import CooperationNetwork

RESOLUTION_FACTORS = (0.75, 1.25, 1.0)


Finder = Callable[[CooperationNetwork, AffinityNetwork], tuple[list[MemberSet], list[MemberSet]]]
"""What finds the groups of both kinds: (cooperating, potential)."""


def perturbed_runs(coop: CooperationNetwork, layer: AffinityNetwork,
                   find: Finder) -> list[dict[str, list[frozenset[str]]]]:
    """The groups of each perturbed run, by kind; ``find(coop, layer)`` returns (cooperating, potential)."""
    params = coop.params
    runs = []
    for run in range(params.stability_runs):
        run_params = replace(params, seed=params.seed + run + 1,
                             resolution=params.resolution * RESOLUTION_FACTORS[run % len(RESOLUTION_FACTORS)])
        rng = random.Random(params.seed * 1000 + run)
        run_coop = replace(coop, graph=_thinned(coop.graph, params.stability_drop, rng), params=run_params)
        run_layer = replace(layer, graph=_thinned(layer.graph, params.stability_drop, rng))
        cooperating, potential = find(run_coop, run_layer)
        runs.append({"cooperating": [g.members for g in cooperating], "potential": [g.members for g in potential]})
    return runs


def stability(members: Iterable[str], kind: str, runs: list[dict[str, list[frozenset[str]]]],
              match: float) -> float | None:
    """Share of ``runs`` where a group of ``kind`` matches ``members`` (None with no run).

    >>> runs = [{"potential": [frozenset("abc")]}, {"potential": [frozenset("abd")]}, {"potential": []}]
    >>> stability("abc", "potential", runs, 0.5)
    0.667
    """
    if not runs:
        return None
    group = frozenset(members)
    back = sum(1 for run in runs if any(jaccard(group, other) >= match for other in run.get(kind, [])))
    return round(back / len(runs), 3)


def _thinned(graph: nx.Graph, drop: float, rng: random.Random) -> nx.Graph:
    """A copy of ``graph`` without a random ``drop`` share of its links (the nodes all stay)."""
    thinned: nx.Graph[str] = nx.Graph()
    thinned.add_nodes_from(graph)
    thinned.add_edges_from((a, b, data) for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))
                           if rng.random() >= drop)
    return thinned

