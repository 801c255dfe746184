"""Taking one territory out of a graph too large to analyse whole.

PTCE detection and the map are written for an rdflib graph in memory; a country's store or a
regional SPARQL server holds far more than memory should. :func:`territory_graph` reads the part
of it that one territory's analyses need, through a :class:`TripleReader`: an Oxigraph store's
indexes (:class:`~ess_graph.store.StoreReader`) or plain SPARQL on any engine
(:class:`SparqlReader`, for a remote endpoint).
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .engines import Engine, Term
from .errors import EssGraphError
from .names import resolve_name
from .namespaces import ESS, bind_prefixes, sparql_prologue
from .shortcuts import add_shortcuts
from .store import StoreReader

WHOLE_GRAPH_LIMIT = 1_000_000
"""Above this many triples, a store or an endpoint is not turned into one rdflib graph (that
would take minutes and gigabytes): commands must ask for a territory."""

DESCRIBED_STEPS = 3
"""How far from a territory's nodes the nodes they point at are copied with their triples: a
partner (1) has a site (2) with an address (3)."""


class TripleReader(Protocol):
    """Where a territory is read from: SPARQL for the territory itself, then triples by node."""

    engine: Engine
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
    than one per node."""

    def __init__(self, engine: Engine, *, description: str = "the graph", batch: int = 400):
        self.engine = engine
        self.description = description
        self.batch = batch

    def outgoing(self, nodes: Iterable[URIRef]) -> Iterator[tuple[Term, Term, Term]]:
        for chunk in _batched(nodes, self.batch):
            yield from self.engine.select(_TRIPLES, {"s": chunk}).rows

    def incoming(self, nodes: Iterable[URIRef]) -> Iterator[tuple[Term, Term]]:
        for chunk in _batched(nodes, self.batch):
            yield from self.engine.select(_INCOMING, {"o": chunk}).rows

    def size(self, *, at_most: int) -> int:
        return int(self.engine.select(_SIZE.format(limit=int(at_most))).rows[0][0])

    def everything(self) -> Iterator[tuple[Term, Term, Term]]:
        yield from self.engine.select(_TRIPLES).rows


def _batched(nodes: Iterable[URIRef], size: int) -> Iterator[list[URIRef]]:
    iterator = iter(nodes)
    while chunk := list(islice(iterator, size)):
        yield chunk


_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
"""Every triple; with ?s bound, the triples of those subjects."""
_INCOMING = "SELECT ?s ?p WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"
_SIZE = "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT * WHERE {{ ?s ?p ?o }} LIMIT {limit} }}"

_IS_TERRITORY = sparql_prologue() + """
ASK { ?territory a ?class . ?class rdfs:subClassOf* ess:Territory }"""

_PLACES = sparql_prologue() + """
SELECT ?place WHERE { ?place ess:within* ?territory }"""

_LOCATED = sparql_prologue() + """
SELECT DISTINCT ?node WHERE { ?place ess:within* ?territory . ?node ess:locatedIn ?place }"""

_SHORTCUT_EDGES = sparql_prologue() + """
SELECT DISTINCT ?edge WHERE { ?relationship ess:shortcutProperty ?edge }"""

_VOCABULARY = sparql_prologue() + """
SELECT DISTINCT ?term WHERE {
  VALUES ?type { owl:Ontology owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty
                 owl:SymmetricProperty owl:TransitiveProperty rdf:Property skos:Concept skos:ConceptScheme
                 qb:DimensionProperty qb:AttributeProperty qb:MeasureProperty }
  ?term a ?type .
}"""

_PLACE_PREDICATES = (ESS.locatedIn, ESS.within)


def as_reader(source: "ox.Store | TripleReader") -> TripleReader:
    """A store is read through its indexes; a reader is used as is."""
    return StoreReader(source) if isinstance(source, ox.Store) else source


@dataclass(frozen=True)
class TerritoryExtract:
    """How much one territory took: nodes inside it, nodes pointing at those (relationships
    mostly), nodes copied with their description, triples of the graph."""

    inside: int
    pointing: int
    described: int
    triples: int


def find_territory(source: "ox.Store | TripleReader", name: str, *, option: str = "--territory") -> URIRef:
    """The territory that ``name`` designates: an IRI, a prefixed name or a label, resolved as
    every other name is (:func:`~ess_graph.names.resolve_name`)."""
    return resolve_name(as_reader(source).engine, "territory", name, option=option)


def territory_nodes(source: "ox.Store | TripleReader", territory: URIRef) -> list[URIRef]:
    """The territory, the territories within it and the nodes located in any of them."""
    reader = as_reader(source)
    engine = reader.engine
    if not engine.ask(_IS_TERRITORY, {"territory": territory}):
        raise EssGraphError(f"{territory} is not a territory of {reader.description}")
    return list(dict.fromkeys([*engine.select(_PLACES, {"territory": territory}).column("place"),
                               *engine.select(_LOCATED, {"territory": territory}).column("node")]))


def territory_graph(source: "ox.Store | TripleReader", territory: URIRef, *,
                    sizes: list[TerritoryExtract] | None = None) -> Graph:
    """The part of a store or endpoint that one territory's analyses need, as an rdflib graph.

    It holds the territory and every territory within it (``ess:within*``); every node located
    there (``ess:locatedIn/ess:within*``: actors, sites); every node pointing at one of those
    (the relationship nodes where they hold a role, events they take part in, programmes they
    manage); what all these point at, :data:`DESCRIBED_STEPS` steps out (the partner in the next
    département with its site and address, the programme, the source section, the hub funder);
    the territories enclosing every place met; the vocabulary and its concepts. Each node comes
    with its own triples except the direct edges (``ess:funds``...): those between kept nodes
    are derived again from the kept relationship nodes, so that the State, which funds
    structures all over the country, brings in only the fundings of this territory. ``sizes``,
    if given, receives the counts of what was taken.
    """
    reader = as_reader(source)
    inside = territory_nodes(reader, territory)
    shortcut_edges = set(reader.engine.select(_SHORTCUT_EDGES).column("edge"))
    vocabulary = set(reader.engine.select(_VOCABULARY).column("term"))
    skip = {*shortcut_edges, *_PLACE_PREDICATES, RDF.type}
    pointing = list(dict.fromkeys(subject for subject, predicate in reader.incoming(inside)
                                  if predicate not in skip and isinstance(subject, URIRef)))
    graph = bind_prefixes(Graph(store="SimpleMemory"))  # no named graphs: adds and lookups about twice as fast
    describer = _Describer(reader, graph, skip=shortcut_edges)
    wave = [*inside, *pointing]
    for _ in range(DESCRIBED_STEPS + 1):
        wave = [node for node in describer.describe(wave) if node not in vocabulary]
    while places := [place for place in describer.places if place not in describer.described]:
        describer.describe(places)  # up the ess:within chains of every place met
    describer.describe(vocabulary)
    add_shortcuts(graph)
    if sizes is not None:
        sizes.append(TerritoryExtract(len(inside), len(pointing), len(describer.described), len(graph)))
    return graph


def whole_graph(source: "ox.Store | TripleReader", limit: int | None = None) -> Graph:
    """Everything as an rdflib graph, when there are at most ``limit`` triples
    (:data:`WHOLE_GRAPH_LIMIT` by default)."""
    reader = as_reader(source)
    limit = WHOLE_GRAPH_LIMIT if limit is None else limit
    if reader.size(at_most=limit + 1) > limit:
        raise EssGraphError(f"{reader.description} holds more than {limit:,} triples, too many to read into memory: "
                            "this command needs --territory T (ptce and map take one)")
    graph = bind_prefixes(Graph())
    graph.addN((*triple, graph) for triple in reader.everything())
    return graph


class _Describer:
    """Copies nodes' own triples into an rdflib graph, each node once, and notes the places
    (objects of ``ess:locatedIn`` and ``ess:within``) they mention."""

    def __init__(self, reader: TripleReader, graph: Graph, skip: set[URIRef]):
        self.reader, self.graph, self.skip = reader, graph, skip
        self.described: set[URIRef] = set()
        self.places: set[URIRef] = set()

    def describe(self, nodes: Sequence[URIRef]) -> list[URIRef]:
        """Add the triples of the nodes not described yet; the IRIs they point at."""
        new = [node for node in dict.fromkeys(nodes) if isinstance(node, URIRef) and node not in self.described]
        self.described.update(new)
        pointed: dict[URIRef, None] = {}
        triples = []
        for subject, predicate, obj in self.reader.outgoing(new):
            if predicate in self.skip:
                continue
            triples.append((subject, predicate, obj, self.graph))
            if isinstance(obj, URIRef):
                pointed[obj] = None
                if predicate in _PLACE_PREDICATES:
                    self.places.add(obj)
        self.graph.addN(triples)
        return [node for node in pointed if node not in self.described]


__all__ = ["DESCRIBED_STEPS", "SparqlReader", "TerritoryExtract", "TripleReader", "WHOLE_GRAPH_LIMIT", "as_reader",
           "find_territory", "territory_graph", "territory_nodes", "whole_graph"]
