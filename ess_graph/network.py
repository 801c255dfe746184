"""A networkx view of the RDF graph: typed nodes and typed, attributed edges.

The map, the PTCE analysis and the GraphML/GEXF exports all work on this one projection, so that
they agree on what an actor and a link are. Nodes are actors, projects and events, programmes,
territories, and the places (sites) that are owned or host an initiative; edges come from the
n-ary relationship nodes (one edge per funding, support...; one undirected edge per pair of
partners), from locations, and from part-of, participation, management and succession links (an
authority replaced by another, dcterms:isReplacedBy).

The attributes of a node and of an edge are declared by :class:`NodeAttributes` and
:class:`EdgeAttributes`. They are TypedDicts rather than dataclasses because networkx keeps a
node's or an edge's attributes as a plain dict, which the map, the PTCE analysis and the exports
read by key: a TypedDict types that dict without changing it. An unknown number (a year, an
amount, jobs, coordinates) is None, never an empty string, and an unknown text is "", so that
each attribute keeps one type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypedDict, cast

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from .vocab.kinds import KindResolver
from .vocab.namespaces import ESS, GEO, MEASURE, ORG, SCHEMA, VCARD
from .vocab.shortcuts import ShortcutRule, shortcut_rules
from .vocab.terms import label_of, local_name, notation_of, sources_of, status_of, transitive_objects

RELATION_KINDS: dict[str, str] = {
    str(ESS.Funding): "funding",
    str(ESS.Partnership): "partnership",
    str(ESS.Support): "support",
    str(ESS.Membership): "membership",
    str(ESS.ProjectCarrying): "carrying",
    str(ESS.Ownership): "ownership",
    str(ESS.Hosting): "hosting",
    str(ESS.Trade): "trade",
}
"""Relationship classes and the key of the edges they give."""

OTHER_EDGE_KINDS = ("location", "part-of", "participation", "management", "succession")
EDGE_KINDS: tuple[str, ...] = (*RELATION_KINDS.values(), *OTHER_EDGE_KINDS)

JOB_MEASURES = {MEASURE.jobs, MEASURE.employees, MEASURE["insertion-jobs"], MEASURE.supervisors}


class NodeAttributes(TypedDict):
    """The attributes of a node of :func:`to_networkx`."""

    iri: str
    label: str
    kind: str
    kinds: list[str]
    description: str
    legal_form: str
    structure_kind: str
    sectors: list[str]
    sector_names: list[str]
    sector_labels: str
    themes: list[str]
    theme_labels: str
    status: str
    commune: str
    territories: list[str]
    address: str
    contact: str
    key_figures: list[str]
    jobs: int | None
    lat: float | None
    long: float | None
    sources: list[str]


class EdgeAttributes(TypedDict):
    """The attributes of an edge of :func:`to_networkx`; ``relation`` is "" for an edge that no
    relationship node backs, and ``year`` is the year the relationship started, when known."""

    kind: str
    relation: str
    status: str
    label: str
    purpose: str
    programme: str
    amount: float | None
    year: int | None
    sources: list[str]
    directed: bool


_Edge = tuple[Node, Node, EdgeAttributes]


def to_networkx(graph: Graph, lang: str = "fr") -> nx.MultiDiGraph[str]:
    """Project ``graph`` onto a MultiDiGraph whose node keys are IRIs (as strings).

    A node's ``territories`` are the IRIs of every territory it lies in, itself included when it
    is a territory, so that filtering by a territory needs no further lookup; ``sectors`` (keys)
    and ``sector_names`` (labels) are parallel lists.

    The bakery, planned and still looking for premises (so in no commune yet), and the associations
    Galilée accompanies:

    >>> from ess_graph import load_graph
    >>> from ess_graph.vocab.terms import prefixed
    >>> network = to_networkx(load_graph())
    >>> bakery = network.nodes["https://w3id.org/ess-graph/id/boulangerie-solidaire"]
    >>> bakery["kind"], bakery["status"], bakery["commune"], bakery["key_figures"]
    ('initiative', 'planned', '', ['6 postes en insertion (prévu)'])
    >>> bakery["territories"]
    []
    >>> sorted((prefixed(whom), data["kind"], data["status"])
    ...        for _, whom, data in network.out_edges("https://w3id.org/ess-graph/id/galilee", data=True))
    [('essd:la-note-bleue', 'support', 'done'), ('essd:le-son-du-chablon', 'support', 'in-progress'),
     ('essd:producteurs-en-calaisis', 'support', 'in-progress')]
    """
    kinds = KindResolver(graph)
    network: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    edges = [
        *_relationship_edges(graph, shortcut_rules(graph), lang),
        *_location_edges(graph),
        *_structural_edges(graph),
    ]
    endpoints = {node for s, o, _ in edges for node in (s, o)}
    for node in set(graph.subjects(RDF.type)):
        kind = kinds.primary_kind(node)
        if kind is None or (kind == "site" and node not in endpoints):
            continue
        network.add_node(str(node), **_node_attributes(graph, node, kind, kinds, lang))
    for s, o, attrs in edges:
        if str(s) in network and str(o) in network:
            network.add_edge(str(s), str(o), key=attrs["relation"] or f"{attrs['kind']}:{s}:{o}", **attrs)
    return network


def node_attributes(network: nx.MultiDiGraph[str], node: str) -> NodeAttributes:
    """The attributes of ``node`` in a network that :func:`to_networkx` built."""
    return cast(NodeAttributes, network.nodes[node])


def edges_with_attributes(network: nx.MultiDiGraph[str]) -> Iterator[tuple[str, str, str, EdgeAttributes]]:
    """The edges of a network that :func:`to_networkx` built: source, target, key and attributes."""
    for s, o, key, attrs in network.edges(keys=True, data=True):
        yield s, o, key, cast(EdgeAttributes, attrs)


def _relationship_edges(graph: Graph, rules: Iterable[ShortcutRule], lang: str) -> Iterator[_Edge]:
    for rule in rules:
        kind = RELATION_KINDS.get(str(rule.relationship_class))
        if kind is None:
            continue
        for relation in graph.subjects(RDF.type, rule.relationship_class):
            subjects = sorted(graph.objects(relation, rule.subject_role), key=str)
            objects = sorted(graph.objects(relation, rule.object_role), key=str)
            symmetric = rule.subject_role == rule.object_role
            attrs = _relation_attributes(graph, relation, kind, lang, directed=not symmetric)
            for i, s in enumerate(subjects):
                targets = subjects[i + 1:] if symmetric else objects
                for o in targets:
                    if s != o:
                        yield s, o, attrs


def _relation_attributes(graph: Graph, relation: Node, kind: str, lang: str, directed: bool) -> EdgeAttributes:
    programme = graph.value(relation, ESS.throughProgramme)
    amount = graph.value(relation, ESS.amount)
    purpose = graph.value(relation, ESS.purpose)
    details = [label_of(graph, c, lang) for c in graph.objects(relation, ESS.supportKind)]
    for prop in (ESS.role, ESS.carryingRole):
        details += [label_of(graph, c, lang) for c in graph.objects(relation, prop)]
    if isinstance(amount, Literal):
        currency = graph.value(relation, ESS.currency) or "EUR"
        details.insert(0, f"{float(amount):,.0f} {currency}".replace(",", "\u202f"))
    if programme is not None:
        details.append(label_of(graph, programme, lang))
    start = graph.value(relation, ESS.startDate)
    return {
        "kind": kind,
        "relation": str(relation),
        "status": status_of(graph, relation) or "done",
        "label": " · ".join(details),
        "purpose": str(purpose) if purpose is not None else "",
        "programme": str(programme) if programme is not None else "",
        "amount": float(amount) if isinstance(amount, Literal) else None,
        "year": _year(start),
        "sources": sources_of(graph, relation),
        "directed": directed,
    }


def _year(date: Node | None) -> int | None:
    year = str(date)[:4] if date is not None else ""
    return int(year) if year.isdigit() else None


def _location_edges(graph: Graph) -> Iterator[_Edge]:
    site_status = {
        (actor, territory): status_of(graph, site) or "done"
        for actor, site in graph.subject_objects(ORG.hasSite)
        for territory in graph.objects(site, ESS.locatedIn)
    }
    shown_sites = set(graph.objects(None, ESS.atSite)) | set(graph.objects(None, ESS.ownedAsset))
    for node, territory in graph.subject_objects(ESS.locatedIn):
        if (node, RDF.type, ESS.Site) not in graph or node in shown_sites:
            yield node, territory, _plain_edge("location", site_status.get((node, territory), "done"))
    for node, territory in graph.subject_objects(ESS.operatesIn):
        yield node, territory, _plain_edge("location", "done")
    for initiative, site in graph.subject_objects(ESS.atSite):
        yield initiative, site, _plain_edge("location", "done")


def _structural_edges(graph: Graph) -> Iterator[_Edge]:
    for part, whole in graph.subject_objects(DCTERMS.isPartOf):
        if graph.value(part, ESS.status) is not None or (part, RDF.type, ESS.Project) in graph:
            yield part, whole, _plain_edge("part-of", status_of(graph, part) or "done")
    for unit, parent in graph.subject_objects(ORG.subOrganizationOf):
        yield unit, parent, _plain_edge("part-of", "done")
    for event, participant in graph.subject_objects(ESS.participant):
        yield participant, event, _plain_edge("participation", status_of(graph, event) or "done")
    for programme, manager in graph.subject_objects(ESS.managedBy):
        yield manager, programme, _plain_edge("management", "done")
    for former, successor in graph.subject_objects(DCTERMS.isReplacedBy):
        yield former, successor, _plain_edge("succession", "done")


def _plain_edge(kind: str, status: str) -> EdgeAttributes:
    return {"kind": kind, "relation": "", "status": status, "label": "", "purpose": "", "programme": "",
            "amount": None, "year": None, "sources": [], "directed": True}


def _node_attributes(graph: Graph, node: Node, kind: str, kinds: KindResolver, lang: str) -> NodeAttributes:
    located = list(graph.objects(node, ESS.locatedIn))
    lat, long = _coordinates(graph, node, located)
    all_kinds = kinds.kinds_of(node)
    places = [node, *located] if "territory" in all_kinds else located
    sectors = sorted(graph.objects(node, ESS.sector), key=local_name)
    return {
        "iri": str(node),
        "label": label_of(graph, node, lang),
        "kind": kind,
        "kinds": all_kinds,
        "description": _text(graph.value(node, DCTERMS.description)),
        "legal_form": _labels(graph, graph.objects(node, ESS.legalForm), lang),
        "structure_kind": _labels(graph, graph.objects(node, ESS.structureKind), lang),
        "sectors": [local_name(s) for s in sectors],
        "sector_names": [label_of(graph, s, lang) for s in sectors],
        "sector_labels": _labels(graph, sectors, lang),
        "themes": sorted(local_name(t) for t in graph.objects(node, ESS.theme)),
        "theme_labels": _labels(graph, graph.objects(node, ESS.theme), lang),
        "status": status_of(graph, node) or "",
        "commune": _labels(graph, located, lang),
        "territories": sorted(str(t) for t in _enclosing_territories(graph, places)),
        "address": _address(graph, node),
        "contact": _contact(graph, node),
        "key_figures": _key_figures(graph, node, lang),
        "jobs": None if kind == "territory" or kind == "authority" else _jobs(graph, node),
        "lat": lat,
        "long": long,
        "sources": sources_of(graph, node),
    }


def _text(value: Node | None) -> str:
    return str(value) if value is not None else ""


def _labels(graph: Graph, nodes: Iterable[Node], lang: str) -> str:
    return ", ".join(sorted(label_of(graph, n, lang) for n in nodes))


def _enclosing_territories(graph: Graph, places: list[Node]) -> set[Node]:
    """The places and every territory they are within (ess:within*), so that a commune and the
    actors located in it both roll up to the intercommunality, the département and the region."""
    found: set[Node] = set()
    for territory in places:
        found |= set(transitive_objects(graph, territory, ESS.within))
    return found


def _coordinates(graph: Graph, node: Node, located: list[Node]) -> tuple[float | None, float | None]:
    for candidate in [node, *located]:
        lat, long = graph.value(candidate, GEO.lat), graph.value(candidate, GEO.long)
        if isinstance(lat, Literal) and isinstance(long, Literal):
            return float(lat), float(long)
    return None, None


def _address(graph: Graph, node: Node) -> str:
    for site in graph.objects(node, ORG.hasSite):
        address = graph.value(site, ESS.address)
        if address is None:
            continue
        parts = [graph.value(address, p) for p in (VCARD["street-address"], VCARD["post-office-box"])]
        town = " ".join(str(v) for v in (graph.value(address, VCARD["postal-code"]),
                                         graph.value(address, VCARD.locality)) if v is not None)
        return ", ".join([*(str(p) for p in parts if p is not None), town])
    return ""


def _contact(graph: Graph, node: Node) -> str:
    values = []
    for point in graph.objects(node, ESS.contactPoint):
        values += [str(v) for p in (SCHEMA.telephone, SCHEMA.email) for v in graph.objects(point, p)]
    return " · ".join(values)


def _key_figures(graph: Graph, node: Node, lang: str) -> list[str]:
    figures = []
    for figure in graph.objects(node, ESS.keyFigure):
        value = graph.value(figure, ESS.value)
        measure = label_of(graph, graph.value(figure, ESS.measure), lang)
        qualifier = graph.value(figure, ESS.qualifier)
        words = "" if qualifier is None or local_name(qualifier) == "exact" else label_of(graph, qualifier, lang) + " "
        status = notation_of(graph, graph.value(figure, ESS.status))
        suffix = f" ({label_of(graph, graph.value(figure, ESS.status), lang)})" if status != "done" else ""
        figures.append(f"{words}{_number(value)} {measure}{suffix}")
    return sorted(figures)


def _number(value: Node | None) -> str:
    number: object = value.toPython() if isinstance(value, Literal) else value
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return f"{number:,}".replace(",", "\u202f") if isinstance(number, int) else str(number)


def _jobs(graph: Graph, node: Node) -> int | None:
    total, known = 0, False
    for figure in graph.objects(node, ESS.keyFigure):
        value = graph.value(figure, ESS.value)
        if (graph.value(figure, ESS.measure) in JOB_MEASURES and status_of(graph, figure) == "done"
                and isinstance(value, Literal)):
            total += int(value.toPython())
            known = True
    return total if known else None
