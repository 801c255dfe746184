"""Reading RDF terms the way people read them: labels, statuses, sources, class ancestry."""

import re
import unicodedata
from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from .namespaces import ESS, PREFIXES

LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel)


def label_of(graph: Graph, node: Node | None, lang: str = "fr") -> str:
    """The node's label in ``lang`` if it has one, else any label, else its local name, so that
    every node has something a person can read.

    >>> from rdflib import URIRef
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     ess:Funding rdfs:label "financement"@fr , "funding"@en .
    ... ''')
    >>> label_of(graph, ESS.Funding), label_of(graph, ESS.Funding, "en")
    ('financement', 'funding')
    >>> label_of(graph, URIRef("https://w3id.org/ess-graph/id/galilee"))
    'galilee'
    """
    if node is None:
        return ""
    fallback = None
    for prop in LABEL_PROPERTIES:
        for value in graph.objects(node, prop):
            if isinstance(value, Literal):
                if value.language == lang:
                    return str(value)
                fallback = fallback or str(value)
    return fallback or local_name(node)


def normalise(text: str) -> str:
    """How people's spellings of a name compare: lower case, no accents, punctuation as single
    spaces ("Vieille-Église" and "vieille eglise" both give "vieille eglise").

    >>> normalise("Vieille-Église"), normalise("  CIAS de la Région d'Audruicq ")
    ('vieille eglise', 'cias de la region d audruicq')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(re.findall(r"[^\W_]+", bare))


def local_name(node: Node) -> str:
    """The last segment of an IRI (after ``#`` or ``/``), or the node as text.

    >>> local_name(ESS.Funding), local_name("https://w3id.org/ess-graph/def/sector/vehicle-repair")
    ('Funding', 'vehicle-repair')
    """
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text


def prefixed(node: Node) -> str:
    """``essd:galilee`` rather than the full IRI, when a project prefix covers it (the longest
    namespace wins, so a sector is ``sector:...``, not ``ess:...``).

    >>> prefixed("https://w3id.org/ess-graph/id/galilee")
    'essd:galilee'
    >>> prefixed("https://w3id.org/ess-graph/def/sector/vehicle-repair")
    'sector:vehicle-repair'
    >>> prefixed("https://example.org/a/b")
    'https://example.org/a/b'
    """
    text = str(node)
    best = None
    for prefix, namespace in PREFIXES.items():
        base = str(namespace)
        if text.startswith(base) and (best is None or len(base) > len(str(PREFIXES[best]))):
            best = prefix
    if best is None:
        return text
    rest = text[len(str(PREFIXES[best])):]
    return f"{best}:{rest}" if rest and "/" not in rest and "#" not in rest else text


def notation_of(graph: Graph, concept: Node | None) -> str | None:
    """A concept's skos:notation (the status keys ``done``, ``planned``... are notations)."""
    if concept is None:
        return None
    value = graph.value(concept, SKOS.notation)
    return str(value) if value is not None else local_name(concept)


def status_of(graph: Graph, node: Node) -> str | None:
    """``done``, ``in-progress``, ``planned`` or ``possible``, or None when the node has no status."""
    return notation_of(graph, graph.value(node, ESS.status))


def sources_of(graph: Graph, node: Node) -> list[str]:
    """The sections a node comes from, as "title (lines a-b)", sorted."""
    sources = []
    for section in graph.objects(node, PROV.wasDerivedFrom):
        title = label_of(graph, section)
        lines = graph.value(section, ESS.lines)
        document = graph.value(section, DCTERMS.isPartOf)
        where = f"lines {lines}" if lines is not None else None
        if document is not None and graph.value(document, DCTERMS.isPartOf) is not None:
            document = graph.value(document, DCTERMS.isPartOf)
        sources.append(f"{title} ({where})" if where else title)
    return sorted(sources)


def class_ancestors(graph: Graph) -> dict[Node, set[Node]]:
    """For each class of the graph, itself and all its superclasses (rdfs:subClassOf*)."""
    classes = set(graph.subjects(RDFS.subClassOf)) | set(graph.objects(RDFS.subClassOf))
    classes |= set(graph.objects(None, RDF.type))
    return {cls: set(transitive_objects(graph, cls, RDFS.subClassOf)) for cls in classes}


def transitive_objects(graph: Graph, node: Node, prop: URIRef) -> Iterator[Node]:
    """``node`` and every node it reaches through ``prop``, repeatedly (``prop*``)."""
    # rdflib types what Graph.transitive_objects yields as Optional, because it starts with the
    # subject it is given, which may be None; a node is not.
    return (found for found in graph.transitive_objects(node, prop) if found is not None)


def types_of(graph: Graph, node: Node, ancestors: dict[Node, set[Node]] | None = None) -> set[Node]:
    """Every class the node belongs to, asserted or inherited through rdfs:subClassOf."""
    ancestors = ancestors if ancestors is not None else class_ancestors(graph)
    found: set[Node] = set()
    for cls in graph.objects(node, RDF.type):
        found |= ancestors.get(cls, {cls})
    return found

