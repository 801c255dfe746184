"""The potential layer: a second weighted graph between actors who *could* cooperate.

The cooperation network (:mod:`.projection`) says who works together. A PTCE call asks an ESS
officer to spot also those who do not yet: actors of one theme in one territory, accompanied by the
same support body or members of the same network, whose activities would complete a value chain.
Two actors get an affinity link whose weight is their territorial proximity times the sum of:

- ``affinity_supporter`` for each body that accompanies or supports both (directly or through
  projects they carry), ``affinity_network`` for each network or grouping both are members of,
  ``affinity_carrier`` for each actor whose projects both take part in; each times the hub factor
  ``min(1, affinity_hub_scale / k)`` of that body with ``k`` actors around it, so that a body
  accompanying half the territory says little about any two of them;
- ``affinity_cofunding`` times ``1/k`` for each funder of both with ``k`` beneficiaries (the
  resource-allocation index: each funder spreads one unit over everything it funds);
- ``affinity_theme`` times the Jaccard similarity of their themes and sectors, broader concepts
  included (short supply chains count as food);
- ``affinity_chain`` when they share a theme and hold complementary positions of a value chain
  (:mod:`.chains`).

Proximity is ``proximity_commune`` ... ``proximity_departement`` for the narrowest territory both
lie in (``proximity_unknown`` when a place is missing, 0 beyond ``max_territory_level``): the same
theme in another département is no pole. Theme and chain affinity are only looked for among the
actors of one territory (up to ``affinity_block_level``) sharing a theme, in blocks of at most
``affinity_max_block`` actors, and hub pairs lighter than ``min_link_weight`` are not created, so
the layer stays near linear in the number of actors.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from .actors import ActorProfile
from .chains import chain_positions, complementary
from .parameters import TERRITORY_LEVELS
from .projection import CooperationNetwork

CONTEXT_KINDS = ("supporter", "network", "carrier", "funder")
AFFINITY_KINDS = ("supporter", "network", "carrier", "cofunding", "theme", "chain")
CONTEXT_WORDS = {
    "supporter": "accompanied or supported by", "network": "members of", "carrier": "taking part in projects of",
    "funder": "funded by",
}


@dataclass(frozen=True)
class Affinity:
    """One reason why two actors could cooperate, and how much it weighs."""

    kind: str
    actors: tuple[str, str]
    via: tuple[str, ...]
    weight: float


@dataclass
class AffinityNetwork:
    """The affinity links between actors, each with its reasons, and each actor's chain positions.

    >>> from ess_graph import load_graph
    >>> from ess_graph.ptce import cooperation_network
    >>> layer = affinity_network(cooperation_network(load_graph()))
    >>> essd = "https://w3id.org/ess-graph/id/"
    >>> sorted({a.kind for a in layer.evidence(essd + "la-note-bleue", essd + "le-son-du-chablon")})
    ['supporter', 'theme']
    >>> layer.positions[essd + "anges-gardins"]
    ('production', 'workforce')
    """

    graph: nx.Graph
    positions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def evidence(self, a: str, b: str) -> list[Affinity]:
        return self.graph.edges[a, b]["evidence"] if self.graph.has_edge(a, b) else []


def affinity_network(coop: CooperationNetwork) -> AffinityNetwork:
    """Build the potential layer of ``coop`` (see the module's text for the weights)."""
    params = coop.params
    profiles = coop.actors.profiles
    places = {iri: _places(coop, profile) for iri, profile in profiles.items()}
    layer = AffinityNetwork(nx.Graph(), {iri: chain_positions(p.themes, p.sectors) for iri, p in profiles.items()})
    layer.graph.add_nodes_from(sorted(profiles))

    def add(a: str, b: str, kind: str, via: tuple[str, ...], weight: float) -> None:
        weight *= params.proximity(_common_level(places[a], places[b]))
        if weight <= 0 or a == b:
            return
        pair = (a, b) if a <= b else (b, a)
        if layer.graph.has_edge(a, b):
            layer.graph.edges[a, b]["weight"] += weight
            layer.graph.edges[a, b]["evidence"].append(Affinity(kind, pair, via, weight))
        else:
            layer.graph.add_edge(a, b, weight=weight, evidence=[Affinity(kind, pair, via, weight)])

    for kind in CONTEXT_KINDS:
        for hub, around in sorted(coop.contexts.get(kind, {}).items()):
            actors = sorted(a for a in around if a in profiles)
            k = len(actors)
            if k < 2:
                continue
            if kind == "funder":
                weight, affinity_kind = params.affinity_cofunding / k, "cofunding"
            else:
                weight = float(getattr(params, f"affinity_{kind}")) * min(1.0, params.affinity_hub_scale / k)
                affinity_kind = kind
            if weight < params.min_link_weight:
                continue
            for a, b in combinations(actors, 2):
                add(a, b, affinity_kind, (hub,), weight)

    for a, b in sorted(_block_pairs(coop, places)):
        pa, pb = profiles[a], profiles[b]
        concepts_a, concepts_b = pa.themes | pa.sectors, pb.themes | pb.sectors
        shared = concepts_a & concepts_b
        if shared:
            similarity = len(shared) / len(concepts_a | concepts_b)
            add(a, b, "theme", tuple(sorted(shared)), params.affinity_theme * similarity)
        if pa.themes & pb.themes and complementary(layer.positions[a], layer.positions[b]):
            add(a, b, "chain", layer.positions[a] + layer.positions[b], params.affinity_chain)
    return layer


def _places(coop: CooperationNetwork, profile: ActorProfile) -> dict[str, float]:
    """Every territory enclosing the actor's places (homes, else areas), with its width."""
    territories = coop.actors.territories
    found: dict[str, float] = {}
    for place in profile.homes or profile.areas:
        for territory in territories.enclosing(place):
            found[territory] = territories.level(territory)
    return found


def _common_level(a: dict[str, float], b: dict[str, float]) -> float | None:
    if not a or not b:
        return None
    common = [a[t] for t in a.keys() & b.keys()]
    return min(common) if common else TERRITORY_LEVELS["region"] + 1


def _block_pairs(coop: CooperationNetwork, places: dict[str, dict[str, float]]) -> set[tuple[str, str]]:
    """Pairs of actors that share a theme or sector and a territory no wider than
    ``affinity_block_level``, in blocks of at most ``affinity_max_block`` actors."""
    params = coop.params
    widest = TERRITORY_LEVELS[params.affinity_block_level]
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for iri, profile in sorted(coop.actors.profiles.items()):
        for territory, level in places[iri].items():
            if level <= widest:
                for concept in profile.themes | profile.sectors:
                    blocks[(territory, concept)].append(iri)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if 2 <= len(members) <= params.affinity_max_block:
            pairs.update(combinations(members, 2))
    return pairs
