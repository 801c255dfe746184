"""Direct edges derived from n-ary relationship nodes.

Each relationship class of the vocabulary declares its shortcuts with three annotations, e.g.
``ess:Funding ess:shortcutProperty ess:funds , ess:plansToFund , ess:mayFund ;
ess:shortcutSubject ess:funder ; ess:shortcutObject ess:recipient``, and each edge says which
statuses of the nodes it stands for (``ess:funds ess:shortcutStatus status:done ,
status:in-progress``; ``ess:plansToFund ess:shortcutStatus status:planned``; ``ess:mayFund
ess:shortcutStatus status:possible``): a funding granted or under way yields ``funder ess:funds
recipient``, a planned one ``funder ess:plansToFund recipient``, so that a direct edge never says
more than its relationship. A node without a status, or of a status no edge stands for, yields no
edge (the shapes reject the missing status). When subject and object roles are the same property
(partnership), every ordered pair of distinct participants gets the edge, so that the symmetric
property needs no reasoner. An actor's sites give it their territory: ``?a org:hasSite ?s .
?s ess:locatedIn ?t`` yields ``?a ess:locatedIn ?t``.

The shipped graph stores these edges in ``graph/calaisis/shortcuts.ttl``; the shapes reject an
edge that no relationship of its status backs, and a relationship whose edge is missing.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .namespaces import ESS, ORG, STATUS, bind_prefixes

Term = TypeVar("Term", bound=Node)


@dataclass(frozen=True)
class ShortcutRule:
    """How the nodes of one relationship class summarise into direct edges: ``edges_by_status``
    pairs each status with the edge of the nodes that have it."""

    relationship_class: URIRef
    subject_role: URIRef
    object_role: URIRef
    edges_by_status: tuple[tuple[URIRef, URIRef], ...]

    def edge_for(self, status: Node) -> URIRef | None:
        """The edge of a node of this status, None for a status no edge stands for.

        >>> from ess_graph.vocab.namespaces import STATUS
        >>> rule = ShortcutRule(ESS.Funding, ESS.funder, ESS.recipient,
        ...                     ((STATUS.done, ESS.funds), (STATUS.planned, ESS.plansToFund)))
        >>> rule.edge_for(STATUS.planned) == ESS.plansToFund, rule.edge_for(STATUS.possible)
        (True, None)
        """
        return next((edge for known, edge in self.edges_by_status if known == status), None)

    @property
    def all_edges(self) -> tuple[URIRef, ...]:
        """Every edge of the class, each once."""
        return tuple(dict.fromkeys(edge for _, edge in self.edges_by_status))

    def edges(self, subjects: Iterable[Term], objects: Iterable[Term],
              statuses: Iterable[Node]) -> Iterator[tuple[Term, URIRef, Term]]:
        """The direct edges of one relationship node whose roles hold ``subjects`` and ``objects``
        and whose status is among ``statuses`` (one, in valid data)."""
        edges = list(dict.fromkeys(edge for edge in map(self.edge_for, statuses) if edge is not None))
        objects = list(dict.fromkeys(objects))  # ordered, so that a stream of edges is reproducible
        for edge in edges:
            for s in dict.fromkeys(subjects):
                for o in objects:
                    if s != o:
                        yield s, edge, o


def shortcut_rules(graph: Graph) -> list[ShortcutRule]:
    """The rules the vocabulary in ``graph`` declares, one per relationship class; an edge that
    declares no ``ess:shortcutStatus`` stands for no node.

    >>> from ess_graph import load_graph
    >>> from ess_graph.vocab.terms import prefixed
    >>> funding = next(rule for rule in shortcut_rules(load_graph()) if rule.relationship_class == ESS.Funding)
    >>> [(prefixed(status), prefixed(edge)) for status, edge in funding.edges_by_status]
    [('status:done', 'ess:funds'), ('status:in-progress', 'ess:funds'), ('status:planned', 'ess:plansToFund'),
     ('status:possible', 'ess:mayFund')]
    """
    rules = []
    for cls in set(graph.subjects(ESS.shortcutProperty, None)):
        subject_role = graph.value(cls, ESS.shortcutSubject)
        object_role = graph.value(cls, ESS.shortcutObject)
        if not (isinstance(cls, URIRef) and isinstance(subject_role, URIRef) and isinstance(object_role, URIRef)):
            continue
        pairs = {(status, edge) for edge in graph.objects(cls, ESS.shortcutProperty) if isinstance(edge, URIRef)
                 for status in graph.objects(edge, ESS.shortcutStatus) if isinstance(status, URIRef)}
        if pairs:
            rules.append(ShortcutRule(cls, subject_role, object_role, tuple(sorted(pairs, key=_status_order))))
    return sorted(rules, key=lambda rule: str(rule.relationship_class))


_STATUS_RANKS = {status: rank for rank, status in enumerate(
    (STATUS.done, STATUS["in-progress"], STATUS.planned, STATUS.possible))}


def _status_order(pair: tuple[URIRef, URIRef]) -> tuple[int, str, str]:
    status, edge = pair
    return _STATUS_RANKS.get(status, len(_STATUS_RANKS)), str(status), str(edge)


def _instances(graph: Graph, cls: URIRef) -> set:
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {node for c in classes for node in graph.subjects(RDF.type, c)}


def derive_shortcuts(graph: Graph) -> Graph:
    """A new graph holding every direct edge that the relationship nodes and sites of ``graph`` imply.

    The rules come from the vocabulary in ``graph``; here two support nodes of the Calaisis, one
    done and one planned, and the rule of their class:

    >>> from ess_graph.vocab.terms import prefixed
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     @prefix status: <https://w3id.org/ess-graph/def/status/> .
    ...     ess:Support ess:shortcutProperty ess:supports , ess:plansToSupport ;
    ...         ess:shortcutSubject ess:supporter ; ess:shortcutObject ess:supported .
    ...     ess:supports ess:shortcutStatus status:done , status:in-progress .
    ...     ess:plansToSupport ess:shortcutStatus status:planned .
    ...     essd:support-galilee-note-bleue a ess:Support ; ess:status status:done ;
    ...         ess:supporter essd:galilee ; ess:supported essd:la-note-bleue .
    ...     essd:support-sympac-boulangerie a ess:Support ; ess:status status:planned ;
    ...         ess:supporter essd:sympac ; ess:supported essd:boulangerie-solidaire .
    ... ''')
    >>> sorted(tuple(map(prefixed, edge)) for edge in derive_shortcuts(graph))
    [('essd:galilee', 'ess:supports', 'essd:la-note-bleue'),
     ('essd:sympac', 'ess:plansToSupport', 'essd:boulangerie-solidaire')]
    """
    edges = bind_prefixes(Graph())
    for rule in shortcut_rules(graph):
        for node in _instances(graph, rule.relationship_class):
            for edge in rule.edges(graph.objects(node, rule.subject_role), graph.objects(node, rule.object_role),
                                   graph.objects(node, ESS.status)):
                edges.add(edge)
    for actor, site in graph.subject_objects(ORG.hasSite):
        for territory in graph.objects(site, ESS.locatedIn):
            edges.add((actor, ESS.locatedIn, territory))
    return edges


def record_shortcuts(triples: Iterable[tuple], rules: Iterable[ShortcutRule]) -> list[tuple]:
    """The direct edges that a few triples imply on their own, without the vocabulary beside them.

    Importers stream records (a funding with its funder, recipient and status, an organisation
    with its site) and add each record's shortcuts as they go, so that no graph has to be built to
    derive them. Relationship nodes must carry the exact class a rule names (importers write no
    subclass), and their status in the same record. Terms are compared as plain strings: this runs
    once per imported row.

    >>> from ess_graph import load_graph
    >>> from ess_graph.vocab.namespaces import ESSD
    >>> from ess_graph.vocab.terms import prefixed
    >>> record = [(ESSD.f, RDF.type, ESS.Funding), (ESSD.f, ESS.funder, ESSD.calais),
    ...           (ESSD.f, ESS.recipient, ESSD.garage), (ESSD.f, ESS.status, STATUS.possible)]
    >>> [tuple(map(prefixed, edge)) for edge in record_shortcuts(record, shortcut_rules(load_graph()))]
    [('essd:calais', 'ess:mayFund', 'essd:garage')]
    """
    by_class = {str(rule.relationship_class): rule for rule in rules}
    values: dict[tuple[str, str], list[Node]] = {}
    relationships, sites = [], []
    for s, p, o in triples:
        predicate = str(p)
        values.setdefault((str(s), predicate), []).append(o)
        if predicate == _TYPE and str(o) in by_class:
            relationships.append((s, by_class[str(o)]))
        elif predicate == _HAS_SITE:
            sites.append((s, o))
    found: dict[tuple, None] = {}
    for node, rule in relationships:
        subjects = values.get((str(node), str(rule.subject_role)), [])
        objects = values.get((str(node), str(rule.object_role)), [])
        statuses = values.get((str(node), _STATUS), [])
        found.update(dict.fromkeys(rule.edges(subjects, objects, statuses)))
    for actor, site in sites:
        found.update(dict.fromkeys((actor, ESS.locatedIn, t) for t in values.get((str(site), _LOCATED_IN), [])))
    return sorted(found, key=lambda edge: tuple(map(str, edge)))


_TYPE, _HAS_SITE, _LOCATED_IN, _STATUS = str(RDF.type), str(ORG.hasSite), str(ESS.locatedIn), str(ESS.status)


def add_shortcuts(graph: Graph) -> int:
    """Add the derived edges to ``graph`` itself; returns how many were new, so that adding them
    twice is harmless (the second time adds none).

    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     @prefix org: <http://www.w3.org/ns/org#> .
    ...     essd:eco-garage-du-calaisis org:hasSite essd:site-eco-garage .
    ...     essd:site-eco-garage ess:locatedIn essd:calais .
    ... ''')
    >>> add_shortcuts(graph), add_shortcuts(graph)
    (1, 0)
    >>> from ess_graph.vocab.namespaces import ESS, ESSD
    >>> (ESSD["eco-garage-du-calaisis"], ESS.locatedIn, ESSD.calais) in graph
    True
    """
    before = len(graph)
    graph += derive_shortcuts(graph)
    return len(graph) - before


SHORTCUTS_HEADER = """\
# Derived file: the direct edges that the relationship nodes of this graph imply, and
# ess:locatedIn from sites. Links done or in progress give ess:funds, ess:partnerOf,
# ess:supports, ess:carries, ess:owns, ess:hosts, ess:supplies, org:memberOf; planned links give
# ess:plansToFund, ess:plannedPartnerOf, ess:plansToSupport, ess:plansToCarry...; possible links
# ess:mayFund, ess:possiblePartnerOf, ess:maySupport, ess:mayCarry... (ontology/ess.ttl,
# ess:shortcutStatus). Regenerate it with `ess-graph shortcuts -o <this file>` after editing the
# relationship nodes; the shapes reject a graph where the two disagree.
"""


def shortcuts_turtle(graph: Graph) -> str:
    """The derived edges of ``graph`` as a Turtle document with its explanatory header."""
    return SHORTCUTS_HEADER + derive_shortcuts(graph).serialize(format="turtle")
