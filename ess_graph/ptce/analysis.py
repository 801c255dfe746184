"""From a graph to ranked, explained PTCE candidates.

Candidates that meet every gate come first, then near misses by number of failing gates; within
each, the higher score first. Candidates failing more than ``max_failed_gates`` gates are left out:
spotting *potential* PTCE is the point, so a group lacking only a classical enterprise is shown with
its failing gate rather than hidden.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx
from rdflib import Graph

from ..vocab.namespaces import ESSD
from .actors import ActorProfile
from .advice import (
    Bridge,
    Caveat,
    MissingRole,
    Neighbour,
    SharedTheme,
    Suggestion,
    around,
    bridging_actors,
    caveats,
    missing_roles,
    shared_themes,
    suggestions,
    to_check,
)
from .gates import GateResult, check_gates
from .generation import MemberSet, candidate_sets
from .parameters import PTCEParameters
from .projection import CooperationNetwork, cooperation_network
from .scoring import Score, score
from .view import CandidateView


@dataclass(frozen=True)
class Project:
    iri: str
    label: str
    status: str


@dataclass(frozen=True)
class Candidate:
    """A group of actors that could form a PTCE, with everything its card shows: its members and
    projects, the legal gates it meets or fails with their evidence, its score, the roles it
    lacks and who could fill them, and what to check with the actors.

    The first candidate of the Calaisis is the collective food shop of Producteurs en Calaisis,
    which eleven local producers founded:

    >>> from ess_graph import load_graph
    >>> best = find_ptce_candidates(load_graph()).candidate(1)
    >>> best.name, best.territory_label, best.legal_persons
    ('Point de vente collectif alimentaire du Calaisis', 'Pays du Calaisis', 14)
    >>> [(member.label, member.kind) for member in best.members]
    [('Producteurs en Calaisis', 'ess'), ("Cap Calaisis Terre d'Opale", 'authority'),
     ('Syndicat mixte du Pays du Calaisis', 'authority'),
     ('Producteurs locaux fondateurs de Producteurs en Calaisis', 'enterprise')]
    >>> [gate.name for gate in best.gates if gate.met], best.failed_gates
    (['legal_persons', 'ess_enterprise', 'non_ess_enterprise', 'art9_partner', 'one_territory', 'cooperation'], [])
    """

    iri: str
    rank: int
    name: str
    origin: str
    anchor: str | None
    members: tuple[ActorProfile, ...]
    legal_persons: int
    projects: tuple[Project, ...]
    territory: str | None
    territory_label: str | None
    gates: tuple[GateResult, ...]
    score: Score
    missing: tuple[MissingRole, ...]
    suggestions: tuple[Suggestion, ...]
    bridging: tuple[Bridge, ...]
    around: tuple[Neighbour, ...]
    shared_themes: tuple[SharedTheme, ...]
    caveats: tuple[Caveat, ...]
    to_check: tuple[str, ...]

    @property
    def failed_gates(self) -> list[GateResult]:
        return [g for g in self.gates if not g.met]

    @property
    def member_iris(self) -> tuple[str, ...]:
        return tuple(m.iri for m in self.members)


@dataclass(frozen=True)
class PTCEAnalysis:
    """The ranked candidates, with the parameters and the cooperation network they came from, so
    that a report can say how they were found and a map can draw the links behind them.

    >>> from ess_graph import load_graph
    >>> analysis = find_ptce_candidates(load_graph(), PTCEParameters(max_failed_gates=0))
    >>> [(candidate.rank, candidate.name) for candidate in analysis.candidates]
    [(1, 'Point de vente collectif alimentaire du Calaisis')]
    >>> analysis.candidate(1) is analysis.candidates[0], analysis.parameters.max_failed_gates
    (True, 0)
    """

    candidates: tuple[Candidate, ...]
    parameters: PTCEParameters
    network: CooperationNetwork

    def candidate(self, rank: int) -> Candidate:
        return self.candidates[rank - 1]


def candidate_iri(members: Iterable[str]) -> str:
    """A stable IRI from the member set alone, so that saving twice gives the same nodes.

    >>> essd = "https://w3id.org/ess-graph/id/"
    >>> members = [essd + "producteurs-en-calaisis", essd + "cap-calaisis", essd + "sympac"]
    >>> candidate_iri(members)
    'https://w3id.org/ess-graph/id/ptce-candidate-3a0bdcc59efc0f97'
    >>> candidate_iri(members) == candidate_iri(reversed(members))
    True
    """
    digest = hashlib.sha256("\n".join(sorted(members)).encode("utf-8")).hexdigest()[:16]
    return str(ESSD[f"ptce-candidate-{digest}"])


def find_ptce_candidates(graph: Graph, params: PTCEParameters | None = None,
                         network: nx.MultiDiGraph | None = None) -> PTCEAnalysis:
    """Rank the groups of ``graph`` (vocabulary + data) that cooperate like a PTCE, or nearly.

    ``network`` lets a caller that has already projected ``graph`` (for a map, say) reuse it.
    In the Calaisis, one group meets every legal gate; three more lack only a classical
    enterprise, which is worth knowing when looking for one:

    >>> from ess_graph import load_graph
    >>> analysis = find_ptce_candidates(load_graph())
    >>> [(c.rank, c.name, [gate.name for gate in c.failed_gates]) for c in analysis.candidates]
    [(1, 'Point de vente collectif alimentaire du Calaisis', []),
     (2, 'Les Campagnolades', ['non_ess_enterprise']),
     (3, 'Pôle alimentaire de Vieille-Église', ['non_ess_enterprise']),
     (4, 'Buffet à volonté de produits locaux des ADLC', ['non_ess_enterprise'])]
    """
    params = params or PTCEParameters()
    coop = cooperation_network(graph, params, network)
    evaluated = [_evaluate(coop, group) for group in candidate_sets(coop)]
    kept = [c for c in evaluated if len(c.failed_gates) <= params.max_failed_gates]
    kept.sort(key=lambda c: (len(c.failed_gates), -c.score.total, c.name, c.iri))
    ranked = tuple(_with_rank(c, i) for i, c in enumerate(kept, 1))
    return PTCEAnalysis(tuple(_with_external_bridges(ranked, coop)), params, coop)


def _evaluate(coop: CooperationNetwork, group: MemberSet) -> Candidate:
    view = CandidateView(coop, group.members)
    gates = check_gates(view)
    missing = missing_roles(view, gates)
    territory = view.territory.territory
    return Candidate(
        iri=candidate_iri(view.members), rank=0, name=_name(view, group), origin=group.origin,
        anchor=group.anchor,
        members=tuple(sorted(view.profiles, key=lambda p: (-view.strength(p.iri), p.label, p.iri))),
        legal_persons=view.legal_persons,
        projects=tuple(Project(p, coop.label(p), coop.network.nodes[p]["status"]) for p in view.projects),
        territory=territory, territory_label=coop.label(territory) if territory else None,
        gates=tuple(gates), score=score(view), missing=tuple(missing),
        suggestions=tuple(suggestions(view, missing)), bridging=tuple(bridging_actors(view)),
        around=tuple(around(view)),
        shared_themes=tuple(shared_themes(view)), caveats=tuple(caveats(view)), to_check=tuple(to_check(view)),
    )


def _name(view: CandidateView, group: MemberSet) -> str:
    """Named after the project most members share, else after its two most linked members."""
    if group.origin == "partnership":
        purpose = view.coop.purposes.get(group.anchor) if group.anchor is not None else None
        return f"Partnership: {purpose}" if purpose else "Partnership of " + ", ".join(
            view.coop.label(m) for m in view.members[:3])
    if group.anchor is not None:
        return view.coop.label(group.anchor)
    if view.shared_projects:
        return view.coop.label(view.shared_projects[0])
    top = sorted(view.members, key=lambda m: (-view.strength(m), view.coop.label(m)))
    names = [view.coop.label(m) for m in top[:2]]
    more = len(top) - 2
    return " & ".join(names) + (f" (+{more})" if more > 0 else "")


def _with_rank(candidate: Candidate, rank: int) -> Candidate:
    return replace(candidate, rank=rank)


def _with_external_bridges(candidates: tuple[Candidate, ...], coop: CooperationNetwork) -> list[Candidate]:
    """Add, as bridging actors, members cooperating with members of another candidate."""
    owner: dict[str, list[int]] = {}
    for c in candidates:
        for m in c.member_iris:
            owner.setdefault(m, []).append(c.rank)
    result = []
    for c in candidates:
        extra = []
        for m in c.member_iris:
            others = sorted({r for n in coop.graph.adj[m] for r in owner.get(n, [])
                             if r != c.rank and any(e.is_cooperation for e in coop.evidence(m, n))
                             and n not in c.member_iris})
            if others:
                extra.append(Bridge(m, coop.label(m),
                                    "also cooperates with candidate(s) " + ", ".join(f"#{r}" for r in others)))
        result.append(replace(c, bridging=c.bridging + tuple(extra)) if extra else c)
    return result
