"""Potential groups: overlapping communities grown from seeds in both layers.

A partition (Louvain) puts every actor in one group, which cuts a group in two around the actor
that bridges both halves. Potential groups are grown instead by *local expansion* (Lancichinetti,
Fortunato and Kertész's fitness): from a seed, add the neighbour that most raises
``w_in / (w_in + w_out) ** expansion_alpha`` and drop any member whose removal raises it, until
nothing does; ``w_in`` counts the weight inside the group twice, ``w_out`` the weight leaving it,
in the graph that sums ``layer_cooperation`` x cooperation and ``layer_affinity`` x affinity.
Each group grows on its own, so an actor may belong to several.

Seeds are what makes actors likely partners: the actors of one theme and territory that a support
body accompanies, that are members of one network, or that take part in one carrier's projects
(each with that body when it is an actor), and the cooperating groups (which may thus grow along a
value chain, or join across the actor that bridges them). Groups grow only within the territories
(up to ``affinity_block_level``) of their seed: a latent group's look-alike in another
intercommunality stays out. Grown groups are
pruned of members weakly attached to them (``potential_min_attachment``) and cut into connected
parts; a group inside one cooperating group, merely extending one, or with no pair of members
still to introduce, adds nothing and goes. Groups that overlap by ``potential_merge`` (Jaccard)
(or one inside the other) and share a theme are merged: the same pole found from two seeds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import networkx as nx

from .affinity import AffinityNetwork
from .generation import MemberSet
from .parameters import TERRITORY_LEVELS
from .projection import CooperationNetwork


def combined_graph(coop: CooperationNetwork, layer: AffinityNetwork) -> nx.Graph:
    """Both layers in one weighted graph (``layer_cooperation`` and ``layer_affinity`` weigh them).

    Only cooperation links count from the first layer: funders enter through the co-funding
    affinity, which discounts hubs; the links of an administration to its communes not at all."""
    params = coop.params
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(coop.graph)
    for source, factor in ((coop.graph, params.layer_cooperation), (layer.graph, params.layer_affinity)):
        if factor <= 0:
            continue
        for a, b, data in source.edges(data=True):
            weight = factor * (data["weight"] if source is layer.graph else
                               sum(e.weight for e in data["evidence"] if e.is_cooperation))
            if weight <= 0:
                continue
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += weight
            else:
                graph.add_edge(a, b, weight=weight)
    return graph


def expand(graph: nx.Graph, seed: Iterable[str], alpha: float, max_size: int,
           strength: dict[str, float] | None = None, allowed: Callable[[str], bool] | None = None) -> set[str]:
    """Grow ``seed`` by local expansion (see the module's text). The seed is the group's core and
    stays: only members added on the way may be dropped again, so that a bridge of the core, whose
    links go to both sides, is not pushed out. ``strength`` (each node's weighted degree) may be
    given when growing many seeds in one graph; only nodes that ``allowed`` accepts may join.

    >>> graph = nx.Graph()
    >>> graph.add_weighted_edges_from([("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("c", "d", 0.1),
    ...                                ("d", "e", 1), ("e", "f", 1), ("d", "f", 1)])
    >>> sorted(expand(graph, {"a", "b"}, 1.0, 10))
    ['a', 'b', 'c']
    """
    strength = strength if strength is not None else dict(graph.degree(weight="weight"))
    members: set[str] = {n for n in seed if n in graph}
    core = frozenset(members)
    inside: dict[str, float] = {}
    for member in members:
        for other, data in graph.adj[member].items():
            if other != member:
                inside[other] = inside.get(other, 0.0) + data["weight"]
    w_in = sum(inside.get(m, 0.0) for m in members)
    total = sum(strength[m] for m in members)

    def fitness(w: float, t: float) -> float:
        return w / t ** alpha if t > 0 else 0.0

    def move(node: str, sign: int) -> None:
        nonlocal w_in, total
        w_in += sign * 2 * inside.get(node, 0.0)
        total += sign * strength[node]
        (members.add if sign > 0 else members.discard)(node)
        for other, data in graph.adj[node].items():
            if other != node:
                inside[other] = inside.get(other, 0.0) + sign * data["weight"]

    def shrink() -> None:
        while len(members) > 1:
            current = fitness(w_in, total)
            gains = [(fitness(w_in - 2 * inside.get(m, 0.0), total - strength[m]) - current, m)
                     for m in sorted(members - core)]
            if not gains:
                return
            gain, worst = max(gains, key=lambda g: (g[0], g[1]))
            if gain <= 1e-12:
                return
            move(worst, -1)

    shrink()
    steps = 0
    while len(members) < max_size and steps < 4 * max_size:  # a bound against add/drop cycles
        steps += 1
        current = fitness(w_in, total)
        boundary = sorted(n for n, w in inside.items() if w > 1e-12 and n not in members
                          and (allowed is None or allowed(n)))
        if not boundary:
            break
        gain, best = max(((fitness(w_in + 2 * inside[n], total + strength[n]) - current, n) for n in boundary),
                         key=lambda g: (g[0], g[1]))
        if gain <= 1e-12:
            break
        move(best, +1)
        shrink()
    return set(members)


SEED_KINDS = ("supporter", "network", "carrier")
"""The contexts potential groups grow from; funders are not among them (co-funding is evidence in
the affinity layer, discounted for hubs, but a subsidy is no reason to meet)."""


def seeds(coop: CooperationNetwork, cooperating: list[MemberSet]) -> list[MemberSet]:
    """Seeds of potential groups: the actors of one theme and one territory (no wider than
    ``affinity_block_level``) around one body, then the cooperating groups.

    The bodies are the support bodies, networks and project carriers of
    :attr:`CooperationNetwork.contexts` other than public ones (an authority backs projects of
    every theme; it is no sign that their carriers belong together), each seed with its body. A
    body working with the same theme in two intercommunalities gives two seeds, not one pole.

    The communities that do not work together (:func:`~.generation.works_together`) are no seeds:
    tried as seeds on synthetic territories, they grew into mixed groups of one theme (precision
    on latent clusters 0.40 with them, 0.67 without, size 1000, seed 11), and the support bodies
    and networks they gather around seed them anyway."""
    params = coop.params
    found: list[MemberSet] = []
    seen: set[frozenset[str]] = set()

    def add(actors: Iterable[str], hubs: set[str], origin: str, anchor: str | None) -> None:
        placed: dict[tuple[str, str], set[str]] = {}
        unplaced: dict[str, set[str]] = {}
        for actor in actors:
            block = _block(coop, actor)
            for theme in coop.actors[actor].themes:
                if block:
                    placed.setdefault((block, theme), set()).add(actor)
                else:  # no known place: it may belong with those of its theme anywhere
                    unplaced.setdefault(theme, set()).add(actor)
        parts = [part | unplaced.get(theme, set()) for (_, theme), part in placed.items()]
        parts += [part for theme, part in unplaced.items() if all(t != theme for _, t in placed)]
        for part in parts:
            members = frozenset(part | hubs)
            if len(part) >= 2 and len(members) >= params.min_members and members not in seen:
                seen.add(members)
                found.append(MemberSet(members, origin, anchor))

    for kind in SEED_KINDS:
        for hub, around in sorted(coop.contexts.get(kind, {}).items()):
            actors = sorted(a for a in around if a in coop.actors)
            if hub in coop.actors and not coop.actors[hub].is_public and 2 <= len(actors) <= params.potential_max_size:
                add(actors, {hub}, f"potential:{kind}", hub)
    found += [MemberSet(group.members, "potential:growth", group.anchor) for group in cooperating]
    return found


def _within(blocks: dict[str, str], territories: set[str]) -> Callable[[str], bool]:
    """Whether a node may join a group grown in these territories: it lies in one of them, or its
    place is unknown or wider (an authority of the département, a regional network)."""
    return lambda node: blocks.get(node, "") in territories or blocks.get(node, "") == ""


def _block(coop: CooperationNetwork, actor: str) -> str:
    """The widest territory, up to ``affinity_block_level``, around the actor's places ("" unknown)."""
    territories = coop.actors.territories
    widest = TERRITORY_LEVELS[coop.params.affinity_block_level]
    profile = coop.actors[actor]
    around = {t for place in profile.homes or profile.areas for t in territories.enclosing(place)
              if territories.level(t) <= widest}
    return max(around, key=lambda t: (territories.level(t), t)) if around else ""


def potential_sets(coop: CooperationNetwork, layer: AffinityNetwork, cooperating: list[MemberSet],
                   graph: nx.Graph | None = None) -> list[MemberSet]:
    """The potential groups of ``coop``: grown from :func:`seeds`, pruned, filtered and merged.

    A group grown from one cooperating group that holds most of no other (Jaccard at least
    ``potential_merge`` with it) only extends it and goes: its extra actors are around that group;
    a group that joins two cooperating groups, or most of one with others, stays."""
    params = coop.params
    graph = graph if graph is not None else combined_graph(coop, layer)
    found: list[MemberSet] = []
    seen: set[frozenset[str]] = set()
    strength = dict(graph.degree(weight="weight"))
    blocks = {actor: _block(coop, actor) for actor in coop.actors.profiles}
    for seed in seeds(coop, cooperating):
        grown = expand(graph, seed.members, params.expansion_alpha, params.potential_max_size, strength,
                       _within(blocks, {blocks[m] for m in seed.members}))

        for part in _prune(graph, grown, seed.members, params.potential_min_attachment):
            members = frozenset(part)
            if len(members) < params.min_members or members in seen:
                continue
            seen.add(members)
            if any(members <= group.members for group in cooperating) or not _pairs_to_introduce(coop, members) \
                    or _extends_one(coop, members, cooperating):
                continue
            found.append(MemberSet(members, seed.origin, seed.anchor))
    return merge_sharing_core(coop, found)


def _prune(graph: nx.Graph, members: set[str], core: frozenset[str], threshold: float) -> list[set[str]]:
    """Drop members (other than the core's) weakly attached to the rest, then cut into connected parts."""
    kept = set(members)
    while True:
        subgraph = graph.subgraph(kept)
        weak = {m for m in kept - core if subgraph.degree(m, weight="weight") < threshold}
        if not weak:
            break
        kept -= weak
    return [set(part) for part in nx.connected_components(graph.subgraph(kept))]


def _extends_one(coop: CooperationNetwork, members: frozenset[str], cooperating: list[MemberSet]) -> bool:
    """Whether the group is one cooperating group grown by a few actors, holding most of no other."""
    threshold = coop.params.potential_merge
    held = [g for g in cooperating if len(g.members & members) >= threshold * len(g.members)]
    return len(held) == 1 and jaccard(held[0].members, members) >= threshold


def _pairs_to_introduce(coop: CooperationNetwork, members: frozenset[str]) -> bool:
    """Whether some pair of members has no cooperation link yet."""
    n = len(members)
    cooperating = sum(1 for a, b, data in coop.graph.subgraph(members).edges(data=True)
                      if any(e.is_cooperation for e in data["evidence"]))
    return cooperating < n * (n - 1) // 2


def main_themes(coop: CooperationNetwork, members: Iterable[str]) -> set[str]:
    """The themes and sectors that at least half the members (with a known theme) hold."""
    profiles = [coop.actors[m] for m in members]
    counts = Counter(t for p in profiles for t in p.themes | p.sectors)
    informed = sum(1 for p in profiles if p.themes or p.sectors)
    return {t for t, n in counts.items() if informed and n * 2 >= informed}


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the actors of two groups that both hold.

    >>> jaccard(frozenset("abc"), frozenset("bcd"))
    0.5
    """
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def merge_sharing_core(coop: CooperationNetwork, groups: list[MemberSet]) -> list[MemberSet]:
    """Merge groups that share a core - members overlapping by ``potential_merge`` (Jaccard), or
    one group inside the other - and a theme, largest first."""
    threshold = coop.params.potential_merge
    kept: list[MemberSet] = []
    for group in sorted(groups, key=lambda g: (-len(g.members), sorted(g.members))):
        themes = main_themes(coop, group.members)
        for i, other in enumerate(kept):
            core = jaccard(group.members, other.members) >= threshold or group.members <= other.members
            if core and themes & main_themes(coop, other.members):
                kept[i] = MemberSet(other.members | group.members, other.origin, other.anchor)
                break
        else:
            kept.append(group)
    return kept
