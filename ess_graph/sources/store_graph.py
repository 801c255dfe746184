"""An rdflib graph that reads chosen graphs of an Oxigraph store where they lie, instead of a copy.

An import into a store merges its rows with the rest of the store: an actor the store already
has is found by its SIRET, SIREN, RNA number or name, and keeps its own description. The
importers read that through an rdflib :class:`~rdflib.Graph`. Copying the rest of the store into
memory for them fails for a region's store (the copy is refused beyond
:data:`~ess_graph.sources.territory.WHOLE_GRAPH_LIMIT` triples). So :func:`store_graph` returns a
graph whose every lookup (``graph.value``, ``graph.subjects``, ``triple in graph``...) goes to the
store's indexes. Its SPARQL (name lookups) runs on Oxigraph over the same graphs. The import then
needs no more memory than its own rows and the indexes it builds of identifiers and names.

A triple that several of the chosen graphs hold comes once, as it would from one graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import _ContextType, _TriplePatternType, _TripleType
from rdflib.store import Store

from ..errors import EssGraphError
from .datasets import Graphs
from .oxigraph import OxigraphEngine, TermConverter

_Chosen = ox.NamedNode | ox.DefaultGraph


class StoreTriples(Store):
    """The rdflib store behind :func:`store_graph`: read-only, one lookup in Oxigraph per pattern.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:ex:galilee"), ox.NamedNode("urn:ex:supports"),
    ...                   ox.NamedNode("urn:ex:note-bleue"), ox.NamedNode("urn:ex:calaisis")))
    >>> triples = StoreTriples(store, [ox.NamedNode("urn:ex:calaisis")])
    >>> [str(o) for (s, p, o), _ in triples.triples((URIRef("urn:ex:galilee"), None, None))]
    ['urn:ex:note-bleue']
    >>> triples.engine.name
    'oxigraph'
    """

    context_aware = False
    formula_aware = False
    transaction_aware = False
    graph_aware = False

    def __init__(self, store: ox.Store, graphs: Graphs):
        super().__init__()
        self.store = store
        self.graphs: tuple[_Chosen, ...] = tuple(sorted(graphs, key=str))  # a set order: repeats come once
        self.engine = OxigraphEngine(store, self.graphs)
        """Answers SPARQL on the same graphs (:func:`ess_graph.sources.memory.as_engine` takes it)."""
        self._convert = TermConverter()

    def triples(self, triple_pattern: _TriplePatternType, context: _ContextType | None = None
                ) -> Iterator[tuple[_TripleType, Iterator[_ContextType | None]]]:
        pattern = _pattern(triple_pattern)
        if pattern is None:
            return
        subject, predicate, obj = pattern
        for index, graph in enumerate(self.graphs):
            earlier = self.graphs[:index]
            for quad in self.store.quads_for_pattern(subject, predicate, obj, graph):
                if any(ox.Quad(quad.subject, quad.predicate, quad.object, other) in self.store for other in earlier):
                    continue
                found = self._convert.triple(quad.subject, quad.predicate, quad.object)
                yield found, iter(())

    def __len__(self, context: _ContextType | None = None) -> int:
        return sum(1 for _ in self.triples((None, None, None)))

    def add(self, triple: _TripleType, context: _ContextType, quoted: bool = False) -> None:
        raise EssGraphError("this graph reads a store: it cannot be written to")

    def addN(self, quads: Iterable[Any]) -> None:
        raise EssGraphError("this graph reads a store: it cannot be written to")

    def remove(self, triple: _TriplePatternType, context: _ContextType | None = None) -> None:
        raise EssGraphError("this graph reads a store: it cannot be written to")


def store_graph(store: ox.Store, graphs: Graphs) -> Graph:
    """An rdflib graph of the ``graphs`` of ``store`` (named graphs, the default graph), read
    from the store at each lookup.

    >>> from ess_graph.vocab.namespaces import ESSD
    >>> from ess_graph.vocab.resources import graph_files
    >>> from ess_graph.sources.store_sources import load_source
    >>> store = ox.Store()
    >>> calaisis = load_source(store, "calaisis", graph_files()).source
    >>> graph = store_graph(store, [ox.NamedNode(calaisis.graph)])
    >>> str(graph.value(ESSD.galilee, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    'Galilée'
    >>> len(graph), len(store)   # the catalogue is no graph of the source's
    (3691, 3708)
    """
    return Graph(store=StoreTriples(store, graphs))


_Object = ox.NamedNode | ox.BlankNode | ox.Literal
_Pattern = tuple[ox.NamedNode | ox.BlankNode | None, ox.NamedNode | None, _Object | None]


def _pattern(pattern: _TriplePatternType) -> _Pattern | None:
    """A triple pattern's rdflib terms as Oxigraph names them (None, any term, stays None); None
    for a pattern no triple of a store can match (a literal as subject, a variable...)."""
    subject, predicate, obj = pattern
    if subject is not None and not isinstance(subject, URIRef | BNode):
        return None
    if predicate is not None and not isinstance(predicate, URIRef):
        return None
    if obj is not None and not isinstance(obj, URIRef | BNode | Literal):
        return None
    return (_resource(subject) if subject is not None else None,
            ox.NamedNode(str(predicate)) if predicate is not None else None,
            _object(obj) if obj is not None else None)


def _resource(term: URIRef | BNode) -> ox.NamedNode | ox.BlankNode:
    return ox.NamedNode(str(term)) if isinstance(term, URIRef) else ox.BlankNode(str(term))


def _object(term: URIRef | BNode | Literal) -> _Object:
    if not isinstance(term, Literal):
        return _resource(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


__all__ = ["StoreTriples", "store_graph"]
