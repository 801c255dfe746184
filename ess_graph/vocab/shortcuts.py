"""Direct edges derived from n-ary relationship nodes.

Each relationship class of the vocabulary declares its shortcut with three annotations, e.g.
``ess:Funding ess:shortcutProperty ess:funds ; ess:shortcutSubject ess:funder ;
ess:shortcutObject ess:recipient``: every Funding node yields ``funder ess:funds recipient``.
When subject and object roles are the same property (partnership), every ordered pair of
distinct participants gets the edge, so that the symmetric property needs no reasoner.
An actor's sites give it their territory: ``?a org:hasSite ?s . ?s ess:locatedIn ?t`` yields
``?a ess:locatedIn ?t``.

The shipped graph stores these edges in ``graph/calaisis/shortcuts.ttl``; the shapes reject a
shortcut no relationship backs, and a relationship whose shortcut is missing.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .namespaces import ESS, ORG, bind_prefixes


@dataclass(frozen=True)
class ShortcutRule:
    """How the nodes of one relationship class summarise into a direct edge."""

    relationship_class: URIRef
    edge: URIRef
    subject_role: URIRef
    object_role: URIRef

    def edges(self, subjects: Iterable[Node], objects: Iterable[Node]) -> Iterator[tuple]:
        """The direct edges of one relationship node whose roles hold ``subjects`` and ``objects``."""
        objects = list(dict.fromkeys(objects))  # ordered, so that a stream of edges is reproducible
        for s in dict.fromkeys(subjects):
            for o in objects:
                if s != o:
                    yield s, self.edge, o


def shortcut_rules(graph: Graph) -> list[ShortcutRule]:
    """The rules the vocabulary in ``graph`` declares, one per relationship class."""
    rules = []
    for cls, edge in graph.subject_objects(ESS.shortcutProperty):
        subject_role = graph.value(cls, ESS.shortcutSubject)
        object_role = graph.value(cls, ESS.shortcutObject)
        if (isinstance(cls, URIRef) and isinstance(edge, URIRef) and isinstance(subject_role, URIRef)
                and isinstance(object_role, URIRef)):
            rules.append(ShortcutRule(cls, edge, subject_role, object_role))
    return sorted(rules, key=lambda rule: str(rule.relationship_class))


def _instances(graph: Graph, cls: URIRef) -> set:
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {node for c in classes for node in graph.subjects(RDF.type, c)}


def derive_shortcuts(graph: Graph) -> Graph:
    """A new graph holding every direct edge that the relationship nodes and sites of ``graph`` imply.

    The rules come from the vocabulary in ``graph``; here one support node of the Calaisis and
    the rule of its class:

    >>> from ess_graph.vocab.terms import prefixed
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     ess:Support ess:shortcutProperty ess:supports ;
    ...         ess:shortcutSubject ess:supporter ; ess:shortcutObject ess:supported .
    ...     essd:support-galilee-note-bleue a ess:Support ;
    ...         ess:supporter essd:galilee ; ess:supported essd:la-note-bleue .
    ... ''')
    >>> [tuple(map(prefixed, edge)) for edge in derive_shortcuts(graph)]
    [('essd:galilee', 'ess:supports', 'essd:la-note-bleue')]
    """
    edges = bind_prefixes(Graph())
    for rule in shortcut_rules(graph):
        for node in _instances(graph, rule.relationship_class):
            for edge in rule.edges(graph.objects(node, rule.subject_role), graph.objects(node, rule.object_role)):
                edges.add(edge)
    for actor, site in graph.subject_objects(ORG.hasSite):
        for territory in graph.objects(site, ESS.locatedIn):
            edges.add((actor, ESS.locatedIn, territory))
    return edges


def record_shortcuts(triples: Iterable[tuple], rules: Iterable[ShortcutRule]) -> list[tuple]:
    """The direct edges that a few triples imply on their own, without the vocabulary beside them.

    Importers stream records (a funding with its funder and recipient, an organisation with its
    site) and add each record's shortcuts as they go, so that no graph has to be built to derive
    them. Relationship nodes must carry the exact class a rule names (importers write no subclass).
    Terms are compared as plain strings: this runs once per imported row.
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
        found.update(dict.fromkeys(rule.edges(subjects, objects)))
    for actor, site in sites:
        found.update(dict.fromkeys((actor, ESS.locatedIn, t) for t in values.get((str(site), _LOCATED_IN), [])))
    return sorted(found, key=lambda edge: tuple(map(str, edge)))


_TYPE, _HAS_SITE, _LOCATED_IN = str(RDF.type), str(ORG.hasSite), str(ESS.locatedIn)


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
# Derived file: the direct edges (ess:funds, ess:partnerOf, ess:supports, ess:carries, ess:owns,
# ess:hosts, ess:supplies, org:memberOf, and ess:locatedIn from sites) that the relationship nodes
# of this graph imply. Regenerate it with `ess-graph shortcuts -o <this file>` after editing the
# relationship nodes; the shapes reject a graph where the two disagree.
"""


def shortcuts_turtle(graph: Graph) -> str:
    """The derived edges of ``graph`` as a Turtle document with its explanatory header."""
    return SHORTCUTS_HEADER + derive_shortcuts(graph).serialize(format="turtle")
