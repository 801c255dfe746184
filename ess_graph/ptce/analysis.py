"""From a graph to ranked, explained PTCE candidates, of two kinds.

``cooperating`` candidates are groups that already work together: communities of the cooperation
network (:mod:`.generation`), which may overlap through the actors that bridge them. A community
held together only by a support body or network around its members is not one
(:func:`~.generation.works_together`); the body seeds a potential group instead.
``potential`` candidates are groups that could: grown from support bodies, networks, carriers,
funders and the cooperating groups in both layers (:mod:`.potential`, :mod:`.affinity`), with
the grounds for belonging together and the pairs that would have to meet (:mod:`.belonging`).

Cooperating candidates come first, then potential ones; within each kind, those that meet every
gate first, then near misses by number of failing gates, then the higher score. Candidates failing
more than ``max_failed_gates`` gates are left out; for a potential candidate the cooperation gate is
shown but not counted, since cooperation is what it lacks by definition. Each candidate says which
others it overlaps and, unless ``stability_runs`` is 0, how stable it is (:mod:`.stability`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

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
from .affinity import AffinityNetwork, affinity_network
from .belonging import Belonging, ChainFit, Introduction, belonging, chain_fit, introductions
from .gates import COOPERATION, GateResult, check_gates
from .generation import MemberSet, candidate_sets, works_together
from .parameters import PTCEParameters
from .potential import combined_graph, potential_sets
from .projection import CooperationNetwork, cooperation_network
from .scoring import Score, score
from .stability import perturbed_runs, stability
from .view import CandidateView

CandidateKind = Literal["cooperating", "potential"]
KINDS: tuple[CandidateKind, ...] = ("cooperating", "potential")
"""The kinds of candidates, in the order they are listed."""


@dataclass(frozen=True)
class Project:
    iri: str
    label: str
    status: str


@dataclass(frozen=True)
class Overlap:
    """Another candidate holding some of the same actors."""

    rank: int
    name: str
    kind: str
    shared: tuple[str, ...]


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
    kind: CandidateKind = "cooperating"
    belonging: tuple[Belonging, ...] = ()
    introductions: tuple[Introduction, ...] = ()
    introductions_total: int = 0
    chain: ChainFit | None = None
    overlaps: tuple[Overlap, ...] = ()
    stability: float | None = None

    @property
    def failed_gates(self) -> list[GateResult]:
        return [g for g in self.gates if not g.met]

    @property
    def counted_failures(self) -> list[GateResult]:
        """The failing gates that count against ``max_failed_gates`` (see the module's text)."""
        return [g for g in self.failed_gates if not (self.kind == "potential" and g.name == COOPERATION)]

    @property
    def member_iris(self) -> tuple[str, ...]:
        return tuple(m.iri for m in self.members)


@dataclass(frozen=True)
class PTCEAnalysis:
    """The ranked candidates, with the parameters and the cooperation network they came from, so
    that a report can say how they were found and a map can draw the links behind them.

    >>> from ess_graph import load_graph
    >>> analysis = find_ptce_candidates(load_graph(), PTCEParameters(max_failed_gates=0))
    >>> [(candidate.rank, candidate.kind, candidate.name) for candidate in analysis.candidates]
    [(1, 'cooperating', 'Point de vente collectif alimentaire du Calaisis')]
    >>> analysis.candidate(1) is analysis.candidates[0], analysis.parameters.max_failed_gates
    (True, 0)
    """

    candidates: tuple[Candidate, ...]
    parameters: PTCEParameters
    network: CooperationNetwork
    affinity: AffinityNetwork | None = None

    def candidate(self, rank: int) -> Candidate:
        return self.candidates[rank - 1]

    def of_kind(self, kind: str) -> list[Candidate]:
        return [c for c in self.candidates if c.kind == kind]


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
    In the Calaisis, one cooperating group meets every legal gate; three more lack only a
    classical enterprise, which is worth knowing when looking for one. Three potential groups
    follow: the food chain around Terre d'Opale, the outlets of a planned bakery, and cultural
    associations that Galilée accompanies:

    >>> from ess_graph import load_graph
    >>> analysis = find_ptce_candidates(load_graph())
    >>> [(c.rank, c.kind, c.name, [gate.name for gate in c.failed_gates]) for c in analysis.candidates]
    [(1, 'cooperating', 'Point de vente collectif alimentaire du Calaisis', []),
     (2, 'cooperating', 'Les Campagnolades', ['non_ess_enterprise']),
     (3, 'cooperating', 'Pôle alimentaire de Vieille-Église', ['non_ess_enterprise']),
     (4, 'cooperating', 'Buffet à volonté de produits locaux des ADLC', ['non_ess_enterprise']),
     (5, 'potential', 'Potential: alimentation in Pays du Calaisis, around Les Ateliers de la Citoyenneté',
      ['non_ess_enterprise']),
     (6, 'potential', 'Potential: enseignement in Pays du Calaisis, around Cide-lise',
      ['ess_enterprise', 'non_ess_enterprise']),
     (7, 'potential', 'Potential: culture in Pays du Calaisis, around Galilée', ['non_ess_enterprise', 'art9_partner'])]
    """
    params = params or PTCEParameters()
    coop = cooperation_network(graph, params, network)
    layer = affinity_network(coop)
    cooperating, potential = find_groups(coop, layer)
    evaluated = ([_evaluate(coop, layer, group, "cooperating") for group in cooperating]
                 + [_evaluate(coop, layer, group, "potential") for group in potential])
    kept = [c for c in evaluated if len(c.counted_failures) <= params.max_failed_gates]
    kept.sort(key=lambda c: (KINDS.index(c.kind), len(c.counted_failures), -c.score.total, c.name, c.iri))
    ranked = tuple(_with_rank(c, i) for i, c in enumerate(kept, 1))
    ranked = tuple(_with_overlaps(ranked))
    if params.stability_runs > 0:
        runs = perturbed_runs(coop, layer, find_groups)
        ranked = tuple(replace(c, stability=stability(c.member_iris, c.kind, runs, params.stability_match))
                       for c in ranked)
    return PTCEAnalysis(tuple(_with_external_bridges(ranked, coop)), params, coop, layer)


def find_groups(coop: CooperationNetwork, layer: AffinityNetwork) -> tuple[list[MemberSet], list[MemberSet]]:
    """The cooperating groups of ``coop`` and the potential groups of both layers, before any gate."""
    cooperating = [g for g in candidate_sets(coop) if works_together(coop, g.members)]
    return cooperating, potential_sets(coop, layer, cooperating, combined_graph(coop, layer))


def _evaluate(coop: CooperationNetwork, layer: AffinityNetwork, group: MemberSet, kind: CandidateKind) -> Candidate:
    view = CandidateView(coop, group.members)
    gates = check_gates(view)
    missing = missing_roles(view, gates)
    territory = view.territory.territory
    pairs, total = introductions(view, layer)
    return Candidate(
        kind=kind, belonging=tuple(belonging(view, layer)), introductions=tuple(pairs), introductions_total=total,
        chain=chain_fit(view, layer),
        iri=candidate_iri(view.members), rank=0, name=_name(view, group, kind), origin=group.origin,
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


def _name(view: CandidateView, group: MemberSet, kind: CandidateKind) -> str:
    """A cooperating group is named after the project most members share, else after its two most
    linked members; a potential one after its main theme, territory and the body it grew around."""
    if kind == "potential":
        held = {t for p in view.profiles for t in p.themes}
        themes = sorted(shared_themes(view), key=lambda t: (t.theme not in held, -t.members, t.theme))
        theme = themes[0].label if themes else "mixed themes"
        territory = view.territory.territory
        where = f" in {view.coop.label(territory)}" if territory else ""
        hub = f", around {view.coop.label(group.anchor)}" if group.anchor and group.anchor in view.members else ""
        return f"Potential: {theme}{where}{hub}"
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


def _with_overlaps(candidates: tuple[Candidate, ...]) -> list[Candidate]:
    """Each candidate with the others that hold some of its actors, most shared first."""
    result = []
    for c in candidates:
        members = frozenset(c.member_iris)
        found = [(-len(members & set(o.member_iris)), o.rank, o) for o in candidates
                 if o.rank != c.rank and members & set(o.member_iris)]
        overlaps = tuple(Overlap(o.rank, o.name, o.kind, tuple(sorted(members & set(o.member_iris))))
                         for _, _, o in sorted(found, key=lambda f: (f[0], f[1])))
        result.append(replace(c, overlaps=overlaps))
    return result



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
