"""Taking one territory out of a graph too large to analyse whole.

PTCE detection and the map are written for an rdflib graph in memory; a country's store or a
regional SPARQL server holds far more than memory should. :func:`territory_graph` reads the part
of it that one territory's analyses need, through a :class:`TripleReader`: an Oxigraph store's
indexes (:class:`~ess_graph.sources.store.StoreReader`) or plain SPARQL on any engine
(:class:`~ess_graph.sources.reader.SparqlReader`, for a remote endpoint).
"""

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..errors import EssGraphError, GraphTooLarge
from ..sparql.names import resolve_name
from ..vocab.namespaces import ESS, bind_prefixes, sparql_prologue
from ..vocab.shortcuts import add_shortcuts
from .engine import Term
from .reader import TripleReader
from .store import StoreReader

WHOLE_GRAPH_LIMIT = 1_000_000
"""Above this many triples, a store or an endpoint is not turned into one rdflib graph (that
would take minutes and gigabytes): commands must ask for a territory."""

DESCRIBED_STEPS = 3
"""How far from a territory's nodes the nodes they point at are copied with their triples: a
partner (1) has a site (2) with an address (3)."""


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
    """A store is read through its indexes; a reader is used as is.

    >>> from ess_graph.sources import SparqlReader, RdflibEngine
    >>> type(as_reader(ox.Store())).__name__
    'StoreReader'
    >>> reader = SparqlReader(RdflibEngine(Graph()))
    >>> as_reader(reader) is reader
    True
    """
    return StoreReader(source) if isinstance(source, ox.Store) else source


def find_territory(source: "ox.Store | TripleReader", name: str) -> URIRef:
    """The territory that ``name`` designates: an IRI, a prefixed name or a label, resolved as
    every other name is (:func:`~ess_graph.sparql.names.resolve_name`).

    >>> from ess_graph.sources.oxigraph import memory_store
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ...     ess:Commune rdfs:subClassOf ess:Territory .
    ...     ess:CommunityOfCommunes rdfs:subClassOf ess:Territory .
    ...     essd:ccra a ess:CommunityOfCommunes ; skos:altLabel "CCRA"@fr ;
    ...         rdfs:label "Communauté de communes de la Région d'Audruicq"@fr .
    ...     essd:audruicq a ess:Commune ; rdfs:label "Audruicq"@fr ; ess:within essd:ccra .
    ...     essd:admr-audruicq ess:locatedIn essd:audruicq .
    ... ''')
    >>> store = memory_store(graph)
    >>> find_territory(store, "ccra"), find_territory(store, "essd:audruicq")
    (rdflib.term.URIRef('https://w3id.org/ess-graph/id/ccra'),
     rdflib.term.URIRef('https://w3id.org/ess-graph/id/audruicq'))
    """
    return resolve_name(as_reader(source).engine, "territory", name)


def territory_nodes(source: "ox.Store | TripleReader", territory: URIRef) -> list[URIRef]:
    """The territory, the territories within it and the nodes located in any of them: where
    territory extraction starts from.

    >>> from ess_graph.sources.oxigraph import memory_store
    >>> from ess_graph.vocab.namespaces import ESSD
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ...     ess:Commune rdfs:subClassOf ess:Territory .
    ...     ess:CommunityOfCommunes rdfs:subClassOf ess:Territory .
    ...     essd:ccra a ess:CommunityOfCommunes ; skos:altLabel "CCRA"@fr ;
    ...         rdfs:label "Communauté de communes de la Région d'Audruicq"@fr .
    ...     essd:audruicq a ess:Commune ; rdfs:label "Audruicq"@fr ; ess:within essd:ccra .
    ...     essd:admr-audruicq ess:locatedIn essd:audruicq .
    ... ''')
    >>> [str(node).rsplit("/", 1)[1] for node in territory_nodes(memory_store(graph), ESSD.ccra)]
    ['ccra', 'audruicq', 'admr-audruicq']
    >>> territory_nodes(memory_store(graph), ESSD["admr-audruicq"])
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: https://w3id.org/ess-graph/id/admr-audruicq is not a territory of the store
    """
    reader = as_reader(source)
    engine = reader.engine
    if not engine.ask(_IS_TERRITORY, {"territory": territory}):
        raise EssGraphError(f"{territory} is not a territory of {reader.description}")
    found = [*engine.select(_PLACES, {"territory": territory}).column("place"),
             *engine.select(_LOCATED, {"territory": territory}).column("node")]
    return list(dict.fromkeys(node for node in found if isinstance(node, URIRef)))


def territory_graph(source: "ox.Store | TripleReader", territory: URIRef) -> Graph:
    """The part of a store or endpoint that one territory's analyses need, as an rdflib graph.

    It holds the territory and every territory within it (``ess:within*``); every node located
    there (``ess:locatedIn/ess:within*``: actors, sites); every node pointing at one of those
    (the relationship nodes where they hold a role, events they take part in, programmes they
    manage); what all these point at, :data:`DESCRIBED_STEPS` steps out (the partner in the next
    département with its site and address, the programme, the source section, the hub funder);
    the territories enclosing every place met; the vocabulary and its concepts. Each node comes
    with its own triples except the direct edges (``ess:funds``...): those between kept nodes
    are derived again from the kept relationship nodes, so that the State, which funds
    structures all over the country, brings in only the fundings of this territory.

    The Région d'Audruicq out of the shipped graph: the ADMR of Audruicq is located there, the
    Boulangerie solidaire of Guînes is not.

    >>> from ess_graph import load_graph
    >>> from ess_graph.sources.oxigraph import memory_store
    >>> from ess_graph.vocab.namespaces import ESSD
    >>> part = territory_graph(memory_store(load_graph()), ESSD.ccra)
    >>> (ESSD["admr-audruicq"], ESS.locatedIn, ESSD.audruicq) in part
    True
    >>> (ESSD["boulangerie-solidaire"], RDF.type, ESS.Project) in part
    False
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
    return graph


def whole_graph(source: "ox.Store | TripleReader", limit: int | None = None) -> Graph:
    """Everything as an rdflib graph, when there are at most ``limit`` triples
    (:data:`WHOLE_GRAPH_LIMIT` by default); beyond, :class:`~ess_graph.errors.GraphTooLarge`
    says to work on one territory.

    >>> from ess_graph.sources.oxigraph import memory_store
    >>> store = memory_store(Graph().parse(format="turtle", data='''
    ...     <urn:ex:galilee> <urn:ex:supports> <urn:ex:note-bleue> , <urn:ex:son-du-chablon> .
    ... '''))
    >>> len(whole_graph(store))
    2
    >>> whole_graph(store, limit=1)
    Traceback (most recent call last):
    ...
    ess_graph.errors.GraphTooLarge: the store holds more than 1 triples, too many to read into memory
    """
    reader = as_reader(source)
    limit = WHOLE_GRAPH_LIMIT if limit is None else limit
    if reader.size(at_most=limit + 1) > limit:
        raise GraphTooLarge(f"{reader.description} holds more than {limit:,} triples, too many to read into "
                            "memory")
    graph = bind_prefixes(Graph())
    graph.addN((*triple, graph) for triple in reader.everything())
    return graph


class _Describer:
    """Copies nodes' own triples into an rdflib graph, each node once, and notes the places
    (objects of ``ess:locatedIn`` and ``ess:within``) they mention."""

    def __init__(self, reader: TripleReader, graph: Graph, skip: set[Term | None]):
        self.reader, self.graph, self.skip = reader, graph, skip
        self.described: set[URIRef] = set()
        self.places: set[URIRef] = set()

    def describe(self, nodes: Iterable[Term | None]) -> list[URIRef]:
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


__all__ = ["DESCRIBED_STEPS", "WHOLE_GRAPH_LIMIT", "as_reader",
           "find_territory", "territory_graph", "territory_nodes", "whole_graph"]
