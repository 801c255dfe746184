"""Reading triples by node, from wherever the graph is: the interface territory extraction needs.

A :class:`TripleReader` answers SPARQL through its engine and gives the triples around a set of
nodes. An Oxigraph store reads them from its indexes
(:class:`~ess_graph.sources.store.StoreReader`); any other engine, a remote endpoint included,
through batched SELECT queries (:class:`SparqlReader`).
"""

from collections.abc import Iterable, Iterator
from typing import Protocol

from rdflib import URIRef

from ..io.chunks import batched
from .engine import Engine, SelectResult, Term


class TripleReader(Protocol):
    """Where a territory is read from: SPARQL for the territory itself, then triples by node.

    A store's indexes and plain SPARQL give the same triples; territory extraction takes
    whichever the graph offers:

    >>> from rdflib import Graph
    >>> from ess_graph.sources import RdflibEngine, StoreReader, memory_store
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     essd:galilee ess:supports essd:la-note-bleue .
    ...     essd:la-note-bleue ess:locatedIn essd:calais .
    ... ''')
    >>> note_bleue = URIRef("https://w3id.org/ess-graph/id/la-note-bleue")
    >>> readers: list[TripleReader] = [StoreReader(memory_store(graph)), SparqlReader(RdflibEngine(graph))]
    >>> [[str(o).rsplit("/", 1)[1] for _, _, o in reader.outgoing([note_bleue])] for reader in readers]
    [['calais'], ['calais']]
    >>> [reader.size(at_most=10) for reader in readers]
    [2, 2]
    """

    @property
    def engine(self) -> Engine: ...

    description: str
    """What is read, for messages: "the store", "the endpoint"."""

    def outgoing(self, nodes: Iterable[URIRef]) -> Iterator[tuple[Term, Term, Term]]:
        """The triples whose subject is one of ``nodes``."""
        ...

    def incoming(self, nodes: Iterable[URIRef]) -> Iterator[tuple[Term, Term]]:
        """(subject, predicate) of the triples whose object is one of ``nodes``."""
        ...

    def size(self, *, at_most: int) -> int:
        """How many triples there are, counting no further than ``at_most``."""
        ...

    def everything(self) -> Iterator[tuple[Term, Term, Term]]:
        """Every triple."""
        ...


class SparqlReader:
    """Reads triples by node with SELECT queries on any engine, the nodes bound by ``VALUES``
    in batches, so that a remote endpoint gets a few hundred requests for a territory rather
    than one per node.

    >>> from rdflib import Graph
    >>> from ess_graph.sources import RdflibEngine
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     essd:galilee ess:supports essd:la-note-bleue , essd:le-son-du-chablon .
    ... ''')
    >>> reader = SparqlReader(RdflibEngine(graph), description="the notebook's graph", batch=1)
    >>> supported = [URIRef("https://w3id.org/ess-graph/id/la-note-bleue"),
    ...              URIRef("https://w3id.org/ess-graph/id/le-son-du-chablon")]
    >>> [(str(s).rsplit("/", 1)[1], p.fragment) for s, p in reader.incoming(supported)]
    [('galilee', 'supports'), ('galilee', 'supports')]
    >>> reader.size(at_most=1), len(list(reader.everything()))
    (1, 2)
    """

    def __init__(self, engine: Engine, *, description: str = "the graph", batch: int = 400):
        self.engine = engine
        self.description = description
        self.batch = batch

    def outgoing(self, nodes: Iterable[URIRef]) -> Iterator[tuple[Term, Term, Term]]:
        for chunk in batched(nodes, self.batch):
            yield from _triples(self.engine.select(_TRIPLES, {"s": chunk}))

    def incoming(self, nodes: Iterable[URIRef]) -> Iterator[tuple[Term, Term]]:
        for chunk in batched(nodes, self.batch):
            for s, p in self.engine.select(_INCOMING, {"o": chunk}).rows:
                if s is not None and p is not None:  # always bound: the pattern binds them
                    yield s, p

    def size(self, *, at_most: int) -> int:
        count = self.engine.select(_SIZE.format(limit=int(at_most))).rows[0][0]
        return int(count) if count is not None else 0

    def everything(self) -> Iterator[tuple[Term, Term, Term]]:
        yield from _triples(self.engine.select(_TRIPLES))


def _triples(result: SelectResult) -> Iterator[tuple[Term, Term, Term]]:
    for s, p, o in result.rows:
        if s is not None and p is not None and o is not None:  # always bound: the pattern binds them
            yield s, p, o


_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
"""Every triple; with ?s bound, the triples of those subjects."""
_INCOMING = "SELECT ?s ?p WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"
_SIZE = "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT * WHERE {{ ?s ?p ?o }} LIMIT {limit} }}"


__all__ = ["SparqlReader", "TripleReader"]
