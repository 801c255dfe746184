"""One group of actors seen inside the cooperation network: its links, projects and territory.

The gates, the score and the advice all read a candidate through this view, so that they agree on
which links are internal, which count as cooperation and where the candidate stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from .actors import ActorProfile
from .projection import CooperationNetwork, Evidence


@dataclass(frozen=True)
class Proof:
    """One line of a card that proves something, with the graph nodes and sources behind it."""

    text: str
    nodes: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    status: str = ""


@dataclass(frozen=True)
class TerritoryFit:
    """Where a candidate stands: its narrowest common territory and who fits in it."""

    territory: str | None
    level: float | None
    located: tuple[tuple[str, str], ...]
    compatible: tuple[tuple[str, str], ...]
    incompatible: tuple[tuple[str, str], ...]
    unknown: tuple[str, ...]


LINK_WORDS = {
    "partnership": "partners with", "shared_project": "carries a project with", "support": "support link with",
    "hosting": "hosting link with", "trade": "trades with", "membership": "member link with",
    "shared_site": "shares a site with", "participation": "takes part in a project of",
    "funding": "funding link with", "shared_funder": "shares a funder with",
    "institutional": "institutional link with", "shared_person": "shares a person with",
}


class CandidateView:
    """A set of actors of a :class:`CooperationNetwork`."""

    def __init__(self, coop: CooperationNetwork, members: Iterable[str]) -> None:
        self.coop = coop
        self.params = coop.params
        self.members: tuple[str, ...] = tuple(sorted(members))

    @cached_property
    def profiles(self) -> list[ActorProfile]:
        return [self.coop.actors[m] for m in self.members]

    @cached_property
    def internal_evidence(self) -> list[Evidence]:
        subgraph = self.coop.graph.subgraph(self.members)
        return sorted((e for _, _, data in subgraph.edges(data=True) for e in data["evidence"]),
                      key=lambda e: (-e.weight, e.actors, e.kind, e.relations))

    @cached_property
    def cooperation_evidence(self) -> list[Evidence]:
        return [e for e in self.internal_evidence if e.is_cooperation]

    @cached_property
    def cooperation_graph(self) -> nx.Graph:
        """Members, linked when at least one cooperation link (not funding, not structure) joins them."""
        graph: nx.Graph[str] = nx.Graph()
        graph.add_nodes_from(self.members)
        for evidence in self.cooperation_evidence:
            a, b = evidence.actors
            weight = graph.edges[a, b]["weight"] + evidence.weight if graph.has_edge(a, b) else evidence.weight
            graph.add_edge(a, b, weight=weight)
        return graph

    @cached_property
    def legal_persons(self) -> int:
        return sum(p.legal_persons for p in self.profiles)

    @cached_property
    def projects(self) -> list[str]:
        """Projects and events that two members or more take part in, or that a member carries;
        most shared first."""
        found = []
        member_set = set(self.members)
        for initiative, parties in self.coop.initiative_parties.items():
            involved = {p.actor for p in parties} & member_set
            carried = any(p.role == "carrier" and p.actor in member_set for p in parties)
            if len(involved) >= 2 or carried:
                found.append((-len(involved), self.coop.label(initiative), initiative))
        return [iri for *_, iri in sorted(found)]

    @cached_property
    def shared_projects(self) -> list[str]:
        """Projects and events at least two members take part in."""
        member_set = set(self.members)
        return [p for p in self.projects
                if len({party.actor for party in self.coop.initiative_parties[p]} & member_set) >= 2]

    @cached_property
    def outside_links(self) -> dict[str, list[tuple[float, str]]]:
        """Actors outside the group linked to members: for each, (weight, member) strongest first."""
        found: dict[str, list[tuple[float, str]]] = {}
        member_set = set(self.members)
        for member in self.members:
            for other, data in self.coop.graph.adj[member].items():
                if other not in member_set:
                    found.setdefault(other, []).append((data["weight"], member))
        return {other: sorted(links, key=lambda link: (-link[0], link[1])) for other, links in found.items()}

    @cached_property
    def public_funders_outside(self) -> list[str]:
        """Public bodies outside the group that fund members (funding alone does not make a member)."""
        actors = self.coop.actors
        return sorted(other for other, links in self.outside_links.items()
                      if other in actors and actors[other].is_public
                      and any(e.kind == "funding" for _, m in links for e in self.coop.evidence(other, m)))

    def strength(self, member: str) -> float:
        """Weight of a member's links to the other members."""
        return self.coop.graph.subgraph(self.members).degree(member, weight="weight")

    def proof(self, evidence: Evidence) -> Proof:
        a, b = evidence.actors
        label = self.coop.label
        when = f", since {evidence.year}" if evidence.year else ""
        via = [label(v) for v in evidence.via]
        through = f" (through {', '.join(via)})" if via else ""
        text = f"{label(a)} {LINK_WORDS[evidence.kind]} {label(b)}{through} [{evidence.status}{when}]"
        return Proof(text, evidence.actors, evidence.relations, evidence.sources, evidence.status)

    def member_proof(self, profile: ActorProfile, what: str) -> Proof:
        return Proof(f"{profile.label}: {what}", (profile.iri,), (), profile.sources)

    @cached_property
    def territory(self) -> TerritoryFit:
        """The narrowest territory around the members located by address, that every authority's
        jurisdiction and every declared area of action contains or lies within.

        Located private members set the territory; an authority or a network of regional scope
        only has to be compatible with it, since a region backing a local project does not make
        the project regional.
        """
        index = self.coop.actors.territories
        located = [(p.iri, home) for p in self.profiles if not p.is_public for home in p.homes]
        soft = [(p.iri, area) for p in self.profiles for area in (p.areas if p.areas else p.homes)
                if p.is_public or not p.homes]
        if located:
            territory = index.lowest_common(home for _, home in located)
        else:
            territory = index.narrowest(area for _, area in soft)
        if territory is None:
            return TerritoryFit(None, None, tuple(located), (), tuple(soft), self._unlocated())
        compatible = tuple(pair for pair in soft if index.comparable(pair[1], territory))
        incompatible = tuple(pair for pair in soft if not index.comparable(pair[1], territory))
        return TerritoryFit(territory, index.level(territory), tuple(located), compatible, incompatible,
                            self._unlocated())

    def _unlocated(self) -> tuple[str, ...]:
        return tuple(p.iri for p in self.profiles if not p.homes and not p.areas)
