"""The weighted cooperation network between actors, built on :func:`ess_graph.network.to_networkx`.

Only actors that can be members of a PTCE are nodes (organisations, groups, authorities); the rest
of the graph becomes weighted, typed links between them:

- direct links (a partnership, a support, a hosting, a trade, a membership) join their two actors;
- a project or event is a *hyperedge*: its carriers are linked to each other (shared project) and
  to its partners, supporters, funders, clients and participants; those who take part in a
  sub-project count for the whole project at ``sub_project_factor``; a link between two actors
  made for a project (``ess:forInitiative``) makes both parties to that project too;
- a site is a hyperedge too: its owner, the actors it hosts and the carriers of projects there;
- a **person** is not a legal person: the links of a person who holds a role in an organisation
  (director, president, contact...) are lent to that organisation, and two organisations where
  the same person holds a role get a weak ``shared_person`` link. A person with no organisation
  in the graph gives nothing (the card says so);
- a **programme** is not a legal person either: its links are lent to the body that manages it.

Hub funders. A funder with ``k`` beneficiaries links to each with
``weight_funding x min(1, funder_hub_scale / k)``, and two beneficiaries of one funder get a
``shared_funder`` link of ``weight_shared_funder / k``: the resource-allocation index, where each
funder spreads one unit of "glue" over everything it funds. A region that funds 500 structures
thus gives each pair 1/500 of a link while a small fund with 3 recipients gives a third; the glue
a hub adds is bounded per beneficiary and uniform, which the null model of modularity cancels,
so hubs cannot merge the territory into one community. (A significance test on co-funding was
the alternative; with most pairs sharing at most one funder it has almost no power on sparse
local data, and it costs a test per pair.) Pairs lighter than ``min_link_weight`` are not even
created, which keeps large hubs linear in time.

Every link keeps its :class:`Evidence`: the relationship nodes behind it, their status, year and
sources, and what it went through (project, site, person, programme).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from rdflib import Graph, URIRef

from ..network import EdgeAttributes, edges_with_attributes, node_attributes, to_networkx
from ..vocab.namespaces import ESS
from .actors import ActorIndex, build_actor_index
from .parameters import PTCEParameters

LINK_KINDS = (
    "partnership", "shared_project", "support", "hosting", "trade", "membership", "shared_site",
    "participation", "funding", "shared_funder", "institutional", "shared_person",
)
FUNDING_KINDS = frozenset({"funding", "shared_funder"})
WEAK_KINDS = frozenset({"institutional", "shared_person"})
COOPERATION_KINDS = frozenset(LINK_KINDS) - FUNDING_KINDS - WEAK_KINDS
"""Links that show actors working together, as opposed to being funded by the same body or being
parts of the same administration."""

STATUS_ORDER = ("done", "in-progress", "planned", "possible")

SUBJECT_ROLE = {"partnership": "partner", "support": "supporter", "trade": "trade", "hosting": "host"}
OBJECT_ROLE = {"partnership": "partner", "support": "supported", "trade": "trade", "hosting": "hosted"}
PARTY_LINK = {"partner": "partnership", "supporter": "support", "supported": "support", "trade": "trade",
              "host": "hosting", "hosted": "hosting", "participant": "participation", "funder": "funding"}
"""The link a project's carriers get with each other kind of party."""


@dataclass(frozen=True)
class Evidence:
    """Why two actors are linked: the relationship nodes of the graph that say so."""

    kind: str
    actors: tuple[str, str]
    relations: tuple[str, ...]
    status: str
    year: int | None
    sources: tuple[str, ...]
    via: tuple[str, ...]
    weight: float

    @property
    def is_cooperation(self) -> bool:
        return self.kind in COOPERATION_KINDS

    @property
    def is_realised(self) -> bool:
        return self.status in ("done", "in-progress")


@dataclass(frozen=True)
class Party:
    """An actor taking part in a project or on a site, and the relationship that says how."""

    actor: str
    role: str
    relation: str
    status: str
    year: int | None
    sources: tuple[str, ...]
    via: tuple[str, ...] = ()
    factor: float = 1.0


@dataclass
class CooperationNetwork:
    """The weighted actor graph plus what the cards need to explain it: each link's evidence,
    the parties of every project, site and partnership, and the people linked to no organisation.

    >>> from ess_graph import load_graph
    >>> coop = cooperation_network(load_graph())
    >>> essd = "https://w3id.org/ess-graph/id/"
    >>> coop.label(essd + "galilee"), coop.reference_year
    ('Galilée', 2014)
    >>> evidence = coop.evidence(essd + "galilee", essd + "producteurs-en-calaisis")
    >>> [(e.kind, e.status, round(e.weight, 2), e.sources) for e in evidence]
    [('support', 'in-progress', 0.72, ('Point de vente collectif alimentaire : où en est-on ? (lines 425-437)',))]
    >>> coop.evidence(essd + "galilee", essd + "etat")
    []
    """

    graph: nx.Graph
    network: nx.MultiDiGraph
    actors: ActorIndex
    params: PTCEParameters
    initiative_parties: dict[str, list[Party]] = field(default_factory=dict)
    site_parties: dict[str, list[Party]] = field(default_factory=dict)
    partnership_parties: dict[str, list[Party]] = field(default_factory=dict)
    purposes: dict[str, str] = field(default_factory=dict)
    persons_without_organisation: dict[str, list[str]] = field(default_factory=dict)
    funder_beneficiaries: dict[str, int] = field(default_factory=dict)
    reference_year: int = 0
    contexts: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    """The actors around a third one, by how: ``supporter`` (it accompanies or supports them, or
    projects they carry), ``network`` (they are its members), ``funder`` (it funds them or their
    projects), ``carrier`` (they take part in projects it carries). The potential layer
    (:mod:`.affinity`) reads them."""

    def label(self, iri: str) -> str:
        if iri in self.network:
            return node_attributes(self.network, iri)["label"]
        return self.actors.territories.labels.get(iri, iri)

    def evidence(self, a: str, b: str) -> list[Evidence]:
        return self.graph.edges[a, b]["evidence"] if self.graph.has_edge(a, b) else []


def cooperation_network(graph: Graph, params: PTCEParameters | None = None,
                        network: nx.MultiDiGraph | None = None) -> CooperationNetwork:
    """Project ``graph`` (vocabulary + data) onto the weighted cooperation network between actors.

    Galilée's accompaniment of Producteurs en Calaisis is under way: it weighs a support
    (``weight_support``, 0.8) times the factor of links under way (``status_in_progress``, 0.9
    by default, 0.5 here).

    >>> from ess_graph import load_graph
    >>> coop = cooperation_network(load_graph(), PTCEParameters(status_in_progress=0.5))
    >>> link = coop.graph.edges["https://w3id.org/ess-graph/id/galilee",
    ...                         "https://w3id.org/ess-graph/id/producteurs-en-calaisis"]
    >>> round(link["weight"], 2), link["evidence"][0].relations
    (0.4, ('https://w3id.org/ess-graph/id/support-galilee-producteurs',))
    """
    params = params or PTCEParameters()
    network = network if network is not None else to_networkx(graph)
    actors = build_actor_index(graph, network, params)
    return _Builder(graph, network, actors, params).build()


def weaker_status(*statuses: str) -> str:
    known = [s for s in statuses if s in STATUS_ORDER]
    return max(known, key=STATUS_ORDER.index) if known else "done"


class _Builder:
    def __init__(self, graph: Graph, network: nx.MultiDiGraph, actors: ActorIndex, params: PTCEParameters):
        self.rdf = graph
        self.network = network
        self.actors = actors
        self.params = params
        self.result = CooperationNetwork(nx.Graph(), network, actors, params)
        self.person_orgs: dict[str, list[tuple[str, EdgeAttributes]]] = defaultdict(list)
        self.managers: dict[str, list[str]] = defaultdict(list)
        self.parties: dict[str, list[Party]] = defaultdict(list)
        self.sites: dict[str, list[Party]] = defaultdict(list)
        self.partnerships: dict[str, list[Party]] = defaultdict(list)
        self.hosted_pairs: dict[str, set[frozenset[str]]] = defaultdict(set)
        self.site_initiatives: dict[str, set[str]] = defaultdict(set)
        self.sub_projects: dict[str, set[str]] = defaultdict(set)
        self.fundings: dict[str, list[tuple[str, EdgeAttributes, tuple[str, ...]]]] = defaultdict(list)
        self.contexts: dict[str, dict[str, set[str]]] = {
            kind: defaultdict(set) for kind in ("supporter", "network", "funder", "carrier")}
        self.direct: set[tuple[str, tuple[str, str]]] = set()
        """(relationship, pair of actors) already linked directly: a link made for a project
        (``ess:forInitiative``) is not counted again through the project."""

    def kind(self, node: str) -> str:
        return node_attributes(self.network, node)["kind"]

    # -- building -------------------------------------------------------------------------------

    def build(self) -> CooperationNetwork:
        for iri in sorted(self.actors.profiles):
            self.result.graph.add_node(iri)
        edges = sorted(edges_with_attributes(self.network), key=lambda e: (e[0], e[1], str(e[2])))
        for u, v, _, data in edges:
            if data["kind"] == "membership" and self.kind(u) == "person" and v in self.actors:
                self.person_orgs[u].append((v, data))
            elif data["kind"] == "management" and u in self.actors:
                self.managers[v].append(u)
        for u, v, _, data in edges:
            self._edge(u, v, data)
        self._propagate_sub_projects()
        self._initiative_links()
        self._site_links()
        self._funding_links()
        self._shared_person_links()
        self.result.initiative_parties = dict(self.parties)
        self.result.site_parties = dict(self.sites)
        self.result.partnership_parties = {
            relation: list({p.actor: p for p in parties}.values()) for relation, parties in self.partnerships.items()
        }
        self.result.reference_year = self.params.reference_year or self._latest_year()
        self.result.contexts = {kind: {hub: actors - {hub} for hub, actors in hubs.items() if actors - {hub}}
                                for kind, hubs in self.contexts.items()}
        return self.result

    def _latest_year(self) -> int:
        years = [d["year"] for *_, d in edges_with_attributes(self.network) if d["year"] is not None]
        return max(years) if years else 0

    def resolve(self, node: str) -> list[tuple[str, tuple[str, ...]]]:
        """The actors that stand for ``node``: itself, a person's organisations, a programme's manager."""
        if node in self.actors:
            return [(node, ())]
        kind = self.kind(node)
        if kind == "person":
            return [(org, (node,)) for org, _ in self.person_orgs.get(node, [])]
        if kind == "programme":
            return [(manager, (node,)) for manager in self.managers.get(node, [])]
        return []

    def _edge(self, u: str, v: str, data: EdgeAttributes) -> None:
        kind = data["kind"]
        if kind in ("membership", "part-of"):
            self._structural(u, v, data)
        elif kind == "funding":
            for funder, via in self.resolve(u):
                self.fundings[funder].append((v, data, via))
        elif kind == "carrying":
            self._party_of(v, u, "carrier", data)
        elif kind == "participation":
            self._party_of(v, u, "participant", data)
        elif kind in ("partnership", "support", "trade", "hosting"):
            self._relation(u, v, kind, data)
        elif kind == "ownership":
            self._ownership(u, v, data)
        elif kind == "location" and self.kind(u) == "initiative" and self.kind(v) == "site":
            self.site_initiatives[v].add(u)

    def _structural(self, u: str, v: str, data: EdgeAttributes) -> None:
        if self.kind(u) == "initiative" and self.kind(v) == "initiative":
            self.sub_projects[v].add(u)
            return
        if u not in self.actors or v not in self.actors:
            return
        both_public = self.actors[u].is_public and self.actors[v].is_public
        kind = "institutional" if data["kind"] == "part-of" or both_public else "membership"
        if kind == "membership":
            self.contexts["network"][v].add(u)
        self._link_from(u, v, kind, data, ())

    def _relation(self, u: str, v: str, kind: str, data: EdgeAttributes) -> None:
        """A partnership, support, trade or hosting: a direct link, or a party to a project."""
        if self.kind(v) == "initiative" and self.kind(u) != "initiative":
            self._party_of(v, u, SUBJECT_ROLE[kind], data)
        elif self.kind(u) == "initiative" and self.kind(v) != "initiative":
            self._party_of(u, v, OBJECT_ROLE[kind], data)
        else:
            for a, via_a in self.resolve(u):
                for b, via_b in self.resolve(v):
                    self._link_from(a, b, kind, data, via_a + via_b)
                    self.direct.add((data["relation"], _pair(a, b)))
                    if kind == "support":
                        self.contexts["supporter"][a].add(b)
            for initiative in self.rdf.objects(URIRef(data["relation"]), ESS.forInitiative) if data["relation"] else ():
                self._party_of(str(initiative), u, SUBJECT_ROLE[kind], data)
                self._party_of(str(initiative), v, OBJECT_ROLE[kind], data)
            if kind == "partnership":
                if data["purpose"]:
                    self.result.purposes[data["relation"]] = data["purpose"]
                for node in (u, v):
                    for actor, via in self.resolve(node):
                        self.partnerships[data["relation"]].append(_party(actor, "partner", data, via))
        if kind == "hosting":
            site = self.rdf.value(URIRef(data["relation"]), ESS.atSite)
            if site is not None:
                self._site_party(str(site), u, "host", data)
                self._site_party(str(site), v, "hosted", data)
                self.hosted_pairs[str(site)] |= {frozenset((a, b)) for a, _ in self.resolve(u)
                                                 for b, _ in self.resolve(v)}

    def _ownership(self, owner: str, asset: str, data: EdgeAttributes) -> None:
        if self.kind(asset) == "site":
            self._site_party(asset, owner, "owner", data)
        else:
            for a, via in self.resolve(owner):
                for b, _ in self.resolve(asset):
                    self._link_from(a, b, "membership", data, via)

    def _party_of(self, initiative: str, node: str, role: str, data: EdgeAttributes) -> None:
        if self.kind(initiative) != "initiative":
            return
        resolved = self.resolve(node)
        if not resolved and self.kind(node) == "person" and role == "carrier":
            self.result.persons_without_organisation.setdefault(initiative, []).append(node)
        for actor, via in resolved:
            self.parties[initiative].append(_party(actor, role, data, via))

    def _site_party(self, site: str, node: str, role: str, data: EdgeAttributes) -> None:
        for actor, via in self.resolve(node):
            self.sites[site].append(_party(actor, role, data, via))

    # -- links ----------------------------------------------------------------------------------

    def _link_from(self, a: str, b: str, kind: str, data: EdgeAttributes, via: tuple[str, ...],
                   factor: float = 1.0) -> None:
        weight = self.params.link_weight(kind) * self.params.status_factor(data["status"]) * factor
        self.add(a, b, Evidence(kind, _pair(a, b), (data["relation"],) if data["relation"] else (),
                                data["status"], data["year"], tuple(data["sources"]), via, weight))

    def add(self, a: str, b: str, evidence: Evidence) -> None:
        if a == b or a not in self.actors or b not in self.actors or evidence.weight <= 0:
            return
        graph = self.result.graph
        if graph.has_edge(a, b):
            graph.edges[a, b]["weight"] += evidence.weight
            graph.edges[a, b]["evidence"].append(evidence)
        else:
            graph.add_edge(a, b, weight=evidence.weight, evidence=[evidence])

    def _pair_evidence(self, kind: str, p: Party, q: Party, via: tuple[str, ...], factor: float = 1.0) -> Evidence:
        status = weaker_status(p.status, q.status)
        weight = (self.params.link_weight(kind) * self.params.status_factor(status)
                  * min(p.factor, q.factor) * factor)
        years = [y for y in (p.year, q.year) if y is not None]
        relations = tuple(dict.fromkeys(r for r in (p.relation, q.relation) if r))
        return Evidence(kind, _pair(p.actor, q.actor), relations, status, min(years) if years else None,
                        tuple(sorted(set(p.sources) | set(q.sources))),
                        tuple(dict.fromkeys(via + p.via + q.via)), weight)

    def _propagate_sub_projects(self) -> None:
        factor = self.params.sub_project_factor
        for parent in sorted(self.sub_projects):
            for child in sorted(_descendants(self.sub_projects, parent)):
                for party in self.parties.get(child, []):
                    self.parties[parent].append(Party(party.actor, party.role, party.relation, party.status,
                                                      party.year, party.sources, (child, *party.via),
                                                      party.factor * factor))

    def _initiative_links(self) -> None:
        for initiative in sorted(self.parties):
            parties = self.parties[initiative]
            carriers = [p for p in parties if p.role == "carrier"]
            others = [p for p in parties if p.role not in ("carrier", "funder")]
            for supporter in (p.actor for p in parties if p.role == "supporter"):
                self.contexts["supporter"][supporter].update(c.actor for c in carriers)
            carrying = {c.actor for c in carriers}
            for actor in carrying:
                self.contexts["carrier"][actor].update(p.actor for p in others if p.actor not in carrying)
            if carriers:
                for p, q in combinations(carriers, 2):
                    self.add(p.actor, q.actor, self._pair_evidence("shared_project", p, q, (initiative,)))
                for carrier in carriers:
                    for other in others:
                        if not self._linked_by(other, carrier):
                            self.add(carrier.actor, other.actor,
                                     self._pair_evidence(PARTY_LINK[other.role], carrier, other, (initiative,)))
            else:
                partners = [p for p in others if p.role == "partner"]
                for p, q in combinations(partners, 2):
                    if not self._linked_by(p, q):
                        self.add(p.actor, q.actor, self._pair_evidence("partnership", p, q, (initiative,)))

    def _linked_by(self, party: Party, other: Party) -> bool:
        """Whether the relationship that makes ``party`` a party already links it to ``other``."""
        return (party.relation, _pair(party.actor, other.actor)) in self.direct

    def _site_links(self) -> None:
        for site, initiatives in self.site_initiatives.items():
            for initiative in sorted(initiatives):
                self.sites[site] += [p for p in self.parties.get(initiative, []) if p.role == "carrier"]
        for site in sorted(self.sites):
            for p, q in combinations(self.sites[site], 2):
                pair = frozenset((p.actor, q.actor))
                if p.actor != q.actor and p.relation != q.relation and pair not in self.hosted_pairs[site]:
                    self.add(p.actor, q.actor, self._pair_evidence("shared_site", p, q, (site,)))

    def _funding_links(self) -> None:
        params = self.params
        for funder in sorted(self.fundings):
            records = self.fundings[funder]
            recipients = {recipient for recipient, _, _ in records}
            k = len(recipients)
            self.result.funder_beneficiaries[funder] = k
            informativeness = min(1.0, params.funder_hub_scale / k)
            beneficiaries: dict[str, Party] = {}
            for recipient, data, via in records:
                funding = _party(funder, "funder", data, via, informativeness)
                if self.kind(recipient) == "initiative":
                    for carrier in (p for p in self.parties.get(recipient, []) if p.role == "carrier"):
                        self.add(funder, carrier.actor, self._pair_evidence("funding", funding, carrier, (recipient,)))
                        beneficiaries.setdefault(carrier.actor, _party(carrier.actor, "funded", data, (recipient,)))
                else:
                    for actor, via_r in self.resolve(recipient):
                        self._link_from(funder, actor, "funding", data, via + via_r, informativeness)
                        beneficiaries.setdefault(actor, _party(actor, "funded", data, via_r))
            self.contexts["funder"][funder].update(beneficiaries)
            self._shared_funder_links(funder, beneficiaries)

    def _shared_funder_links(self, funder: str, beneficiaries: dict[str, Party]) -> None:
        n = len(beneficiaries)
        if n < 2 or self.params.weight_shared_funder / n < self.params.min_link_weight:
            return
        for p, q in combinations(sorted(beneficiaries.values(), key=lambda party: party.actor), 2):
            self.add(p.actor, q.actor, self._pair_evidence("shared_funder", p, q, (funder,), 1 / n))

    def _shared_person_links(self) -> None:
        for person in sorted(self.person_orgs):
            roles = self.person_orgs[person]
            for (a, da), (b, db) in combinations(roles, 2):
                p, q = _party(a, "role", da, (person,)), _party(b, "role", db, (person,))
                self.add(a, b, self._pair_evidence("shared_person", p, q, (person,)))


def _party(actor: str, role: str, data: EdgeAttributes, via: tuple[str, ...], factor: float = 1.0) -> Party:
    return Party(actor, role, data["relation"], data["status"], data["year"], tuple(data["sources"]), via, factor)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _descendants(children: dict[str, set[str]], root: str) -> set[str]:
    seen, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in seen and child != root:
                seen.add(child)
                todo.append(child)
    return seen
