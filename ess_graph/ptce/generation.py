"""Candidate groups of actors: communities of the cooperation network, plus shared projects and sites.

Communities come from Louvain modularity (networkx), seeded so that the same graph and parameters
always give the same groups; nodes are renumbered in IRI order first, so that the result does not
depend on Python's string hashing either. Louvain may return a community that is not connected, and
may keep there a node it had nowhere better to put (a hub funder): each community is pruned of
members weakly attached to the rest (see :func:`prune_and_split`), then split into its connected
parts. The actors of each project, site and partnership of three or more make candidates too (a
project many actors build together is a PTCE seed even when modularity cuts across it); when a
candidate already holds ``merge_overlap`` of them, they extend it instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .projection import CooperationNetwork

FORMAL_TIE_KINDS = frozenset({"membership", "hosting"})


@dataclass(frozen=True)
class MemberSet:
    """A group of actors and where it comes from: a community, or the parties of a project or site."""

    members: frozenset[str]
    origin: str
    anchor: str | None = None


def community_sets(coop: CooperationNetwork) -> list[MemberSet]:
    """Louvain communities, split and pruned, each with the bridges it shares with others."""
    params = coop.params
    found = []
    for community in louvain(coop.graph, params.resolution, params.seed):
        for loose in split_loose_parts(coop, community):
            for part in prune_and_split(coop, loose):
                if len(part) >= params.min_members:
                    found.append(part)
    strength = cooperation_strength(coop)
    sets = {MemberSet(frozenset(attach_bridges(coop, part, strength)), "community") for part in found}
    return sorted(sets, key=lambda s: (-len(s.members), sorted(s.members)))


def cooperation_strength(coop: CooperationNetwork) -> dict[str, float]:
    """Each actor's total weight of cooperation links (not funding, not structure)."""
    strength: dict[str, float] = dict.fromkeys(coop.graph, 0.0)
    for a, b, data in coop.graph.edges(data=True):
        weight = sum(e.weight for e in data["evidence"] if e.is_cooperation)
        strength[a] += weight
        strength[b] += weight
    return strength


def attach_bridges(coop: CooperationNetwork, members: set[str], strength: dict[str, float]) -> set[str]:
    """The group plus the outside actors that bridge it to another: cooperation ties with at least
    ``min_ties`` members carrying ``bridge_share`` of their cooperation weight. Louvain gives every
    actor one community; an actor working with two groups belongs to both, as a structure may
    join two poles.
    """
    params = coop.params
    ties: dict[str, list[float]] = {}
    for member in members:
        for other, data in coop.graph.adj[member].items():
            if other not in members:
                weight = sum(e.weight for e in data["evidence"] if e.is_cooperation)
                if weight > 0:
                    ties.setdefault(other, []).append(weight)
    bridges = {other for other, weights in ties.items()
               if len(weights) >= params.min_ties and strength[other] > 0
               and sum(weights) >= params.bridge_share * strength[other]}
    return set(members) | bridges


def louvain(graph: nx.Graph, resolution: float, seed: int) -> list[set[str]]:
    """Seeded Louvain communities of the linked nodes, independent of Python's string hashing."""
    nodes = sorted(n for n in graph if graph.degree(n) > 0)
    number = {node: i for i, node in enumerate(nodes)}
    numbered: nx.Graph[int] = nx.Graph()
    numbered.add_nodes_from(range(len(nodes)))
    numbered.add_weighted_edges_from(
        sorted((number[a], number[b], d["weight"]) for a, b, d in graph.edges(data=True) if a in number))
    communities = nx.community.louvain_communities(numbered, weight="weight", resolution=resolution, seed=seed)
    return sorted(({nodes[i] for i in c} for c in communities), key=lambda c: sorted(c))


def split_loose_parts(coop: CooperationNetwork, members: set[str]) -> list[set[str]]:
    """Cut a community into the parts that are only loosely joined, repeatedly.

    In a large network modularity merges groups joined by a single link (its resolution limit:
    the larger the network, the smaller the cost of merging). Inside each community, modularity
    at resolution 1 proposes parts; a part whose outgoing links weigh at most ``split_conductance``
    of its links (its conductance) and that has ``min_members`` actors stands alone; what remains
    is one more group when large enough, else it joins the loose part it is most linked to.
    """
    params = coop.params
    if len(members) < 2 * params.min_members:
        return [set(members)]
    subgraph = coop.graph.subgraph(members)
    parts = louvain(subgraph, 1.0, params.seed)
    if len(parts) < 2:
        return [set(members)]
    loose = [part for part in parts if len(part) >= params.min_members
             and nx.conductance(subgraph, part, weight="weight") <= params.split_conductance]
    groups = [set(part) for part in loose]
    rest = set(members).difference(*loose)
    if len(rest) >= params.min_members:
        groups.append(rest)
    elif groups and rest:
        links = [nx.cut_size(subgraph, rest, group, weight="weight") for group in groups]
        groups[links.index(max(links))] |= rest
    if len(groups) < 2:
        return [set(members)]
    return [split for group in groups for split in split_loose_parts(coop, group)]


def prune_and_split(coop: CooperationNetwork, members: Iterable[str]) -> list[set[str]]:
    """Peel off weakly attached members (repeatedly), then cut into connected parts.

    A member goes when its links to the others weigh less than ``min_attachment``, or when it is
    tied to fewer than ``min_ties`` other members by cooperation links - one for a public body,
    which often backs a group through a single link - unless its one tie is formal (membership,
    hosting). Funding alone never makes a member: decree 2015-431 asks that the pole be
    *constituted* of its legal persons, which a subsidy does not do; one partnership with one
    member makes a partner of the group, not a member of it. The card lists both around the group.
    """
    graph, params = coop.graph, coop.params
    kept = set(members)
    while True:
        subgraph = graph.subgraph(kept)
        weak = {m for m in kept if subgraph.degree(m, weight="weight") < params.min_attachment
                or _peripheral(coop, subgraph, m)}
        if not weak:
            break
        kept -= weak
    return [group for part in nx.connected_components(graph.subgraph(kept))
            for group in split_at_public_hubs(coop, set(part))]


def _peripheral(coop: CooperationNetwork, subgraph: nx.Graph, member: str) -> bool:
    """Too few cooperation ties to the other members to be one of them."""
    ties = [data["evidence"] for data in subgraph.adj[member].values()
            if any(e.is_cooperation for e in data["evidence"])]
    needed = 1 if coop.actors[member].is_public else coop.params.min_ties
    if len(ties) >= needed:
        return False
    return not any(e.kind in FORMAL_TIE_KINDS for evidence in ties for e in evidence)


def split_at_public_hubs(coop: CooperationNetwork, members: set[str]) -> list[set[str]]:
    """Cut a group where a public body is the only link between parts that could each be a candidate.

    An intercommunality backing two groups that do not cooperate with each other does not make
    them one pole, any more than a region funding both would: each part keeps the authority.
    """
    cooperation: nx.Graph[str] = nx.Graph()
    cooperation.add_nodes_from(members)
    for a, b, data in coop.graph.subgraph(members).edges(data=True):
        if any(e.is_cooperation for e in data["evidence"]):
            cooperation.add_edge(a, b)
    smallest = coop.params.min_members - 1
    hubs = sorted((m for m in members if coop.actors[m].is_public), key=lambda m: (-cooperation.degree(m), m))
    for hub in hubs:
        rest = cooperation.copy()
        rest.remove_node(hub)
        parts = sorted((set(c) for c in nx.connected_components(rest)), key=lambda c: (-len(c), sorted(c)))
        large = [part for part in parts if len(part) >= smallest]
        if len(large) >= 2:
            large[0] |= set().union(*(part for part in parts if len(part) < smallest))
            return [group for part in large for group in split_at_public_hubs(coop, part | {hub})]
    return [members]


def hyperedge_sets(coop: CooperationNetwork) -> list[MemberSet]:
    """The actors of each project, site and partnership of three or more, pruned and split like communities."""
    params = coop.params
    found = []
    for origin, groups in (("project", coop.initiative_parties), ("site", coop.site_parties),
                           ("partnership", coop.partnership_parties)):
        for anchor in sorted(groups):
            actors = {p.actor for p in groups[anchor]}
            for part in prune_and_split(coop, actors):
                if len(part) >= params.min_members:
                    found.append(MemberSet(frozenset(part), origin, anchor))
    return found


def works_together(coop: CooperationNetwork, members: Iterable[str]) -> bool:
    """Whether the members cooperate with each other, beyond a support body or network around them.

    A support body that accompanies every member, or a network they all join, draws a star of
    support or membership links that modularity takes for a community; that is the situation of
    a *potential* pole (same body, few links between members). The group works together when the
    other cooperation links connect at least ``cooperating_share`` of its members and link at
    least ``cooperating_density`` of its member pairs.
    """
    group = set(members)
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(group)
    for a, b, data in coop.graph.subgraph(group).edges(data=True):
        if any(e.is_cooperation and not _accompaniment(coop, e.kind, a, b) for e in data["evidence"]):
            graph.add_edge(a, b)
    largest = max((len(c) for c in nx.connected_components(graph)), default=0)
    pairs = len(group) * (len(group) - 1) / 2
    params = coop.params
    return (largest >= params.cooperating_share * len(group)
            and graph.number_of_edges() >= params.cooperating_density * pairs)


def _accompaniment(coop: CooperationNetwork, kind: str, a: str, b: str) -> bool:
    return kind in ("support", "membership") and (coop.actors[a].kind == "support" or coop.actors[b].kind == "support")


def candidate_sets(coop: CooperationNetwork) -> list[MemberSet]:
    """Communities, extended by the projects, sites and partnerships they mostly hold; the others
    become candidates of their own.

    A project whose actors belong for at least ``merge_overlap`` to one candidate adds its other
    actors to it (an actor may then belong to two candidates, as a structure may join two poles).
    """
    kept: list[MemberSet] = list(community_sets(coop))
    for group in hyperedge_sets(coop):
        overlaps = [(len(group.members & other.members), -i) for i, other in enumerate(kept)]
        best, position = max(overlaps, default=(0, 0))
        if best and best >= coop.params.merge_overlap * len(group.members):
            target = kept[-position]
            kept[-position] = MemberSet(target.members | group.members, target.origin, target.anchor)
        else:
            kept.append(group)
    return kept
