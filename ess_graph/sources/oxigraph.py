"""Answering SPARQL with Oxigraph (pyoxigraph), over a store in memory or on disk.

Oxigraph plans queries itself, in Rust; values are bound by a ``VALUES`` block
(:mod:`ess_graph.sparql.binding`). Its terms are turned into rdflib ones on the way out, so that
every engine returns the same objects.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import overload

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import EssGraphError, InvalidInput, InvalidQuery, first_line
from ..io.formats import format_of
from ..io.guards import GUARDS, check_rdf_text
from ..sparql.binding import Bindings, bind_values
from .engine import SelectResult, Term


class OxigraphEngine:
    """Queries a pyoxigraph store: in memory, or on disk (see :mod:`ess_graph.sources.store`).

    Oxigraph's own terms never leave it: rows hold rdflib terms, as with every engine.

    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     essd:figure-boulangerie-insertion-jobs ess:value 6 .
    ... ''')
    >>> engine = OxigraphEngine(memory_store(graph))
    >>> engine.select("SELECT ?figure ?value WHERE { ?figure ?p ?value }").rows
    ((rdflib.term.URIRef('https://w3id.org/ess-graph/id/figure-boulangerie-insertion-jobs'),
      rdflib.term.Literal('6', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))),)
    >>> engine.ask("ASK { ?figure ?p ?value }", {"value": Literal(6)})
    True
    >>> engine.ask("SELECT * WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: expected an ASK query
    """

    name = "oxigraph"

    def __init__(self, store: ox.Store):
        self.store = store

    @classmethod
    def from_files(cls, paths: Iterable[Path | str]) -> "OxigraphEngine":
        """A new in-memory store holding the triples of ``paths`` (Turtle, N-Triples, JSON-LD, RDF/XML).

        Oxigraph parses them itself, in Rust, far faster than rdflib: this is how the
        ``oxigraph`` engine reads the shipped graph.

        >>> from ess_graph.io.loading import rdf_files
        >>> from ess_graph.vocab.namespaces import sparql_prologue
        >>> engine = OxigraphEngine.from_files(rdf_files())
        >>> engine.ask(sparql_prologue() + "ASK { essd:galilee ess:supports essd:la-note-bleue }")
        True
        """
        store = ox.Store()
        for path in paths:
            _load_file(store, Path(path))
        return cls(store)

    @classmethod
    def from_graph(cls, graph: Graph) -> "OxigraphEngine":
        """A new in-memory store holding the triples of an rdflib graph (built in Python, say).

        >>> graph = Graph().parse(format="turtle", data="<urn:ex:galilee> <urn:ex:supports> <urn:ex:note-bleue> .")
        >>> len(OxigraphEngine.from_graph(graph).store)
        1
        """
        return cls(memory_store(graph))

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        solutions = self._run(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise InvalidQuery("expected a SELECT query")
        variables = tuple(variable.value for variable in solutions.variables)
        convert = TermConverter()
        rows = tuple(tuple(convert(solution[name]) for name in variables) for solution in solutions)
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        answer = self._run(query, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise InvalidQuery("expected an ASK query")
        return bool(answer)

    def _run(self, query: str, bindings: Bindings | None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        try:
            return self.store.query(bind_values(query, bindings))
        except SyntaxError as exc:
            raise InvalidQuery(f"Oxigraph rejected the query: {first_line(exc)}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise EssGraphError(f"Oxigraph could not run the query: {first_line(exc)}") from None


def _load_file(store: ox.Store, path: Path) -> None:
    rdf_format = format_of(path)
    fmt = rdf_format.oxigraph
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file", file=str(path))
    if rdf_format.rdflib in GUARDS:
        try:
            check_rdf_text(path.read_text(encoding="utf-8"), rdf_format.rdflib, str(path))
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"{path}: not UTF-8 text (byte {exc.start})", file=str(path)) from None
    try:
        store.load(path=path, format=fmt, base_iri=path.resolve().as_uri())
    except SyntaxError as exc:
        raise InvalidInput(f"{path}:{exc.lineno or 1}: {first_line(exc)}", file=str(path),
                           line=exc.lineno or 1) from None
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or first_line(exc)}", file=str(path)) from None


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class TermConverter:
    """Turns pyoxigraph terms into rdflib ones, reusing the objects of IRIs met before (the same
    predicates, classes and concepts come back on every row, and in every triple of a store read
    into an rdflib graph)."""

    def __init__(self) -> None:
        self.named: dict[str, URIRef] = {}

    @overload
    def __call__(self, term: None) -> None: ...
    @overload
    def __call__(self, term: OxTerm) -> Term: ...
    def __call__(self, term: OxTerm | None) -> Term | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            node = self.named.get(term.value)
            if node is None:
                node = self.named[term.value] = URIRef(term.value)
            return node
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            if term.datatype.value == _XSD_STRING:  # RDF 1.1 simple literal; rdflib keeps it untyped
                return Literal(term.value)
            return Literal(term.value, datatype=self(term.datatype))
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        raise EssGraphError(f"Oxigraph returned a term ess-graph does not handle: {term!r}")

    def triple(self, subject: OxTerm, predicate: OxTerm, obj: OxTerm) -> tuple[Term, Term, Term]:
        return self(subject), self(predicate), self(obj)


_XSD_STRING = str(XSD.string)


def memory_store(graph: Graph) -> ox.Store:
    """A new in-memory Oxigraph store holding the triples of an rdflib graph.

    Territories are taken out of an in-memory graph this way, through the same code as out of a
    store on disk.

    >>> graph = Graph().parse(format="turtle", data="<urn:ex:galilee> <urn:ex:supports> <urn:ex:note-bleue> .")
    >>> store = memory_store(graph)
    >>> len(store), [quad.object.value for quad in store]
    (1, ['urn:ex:note-bleue'])
    """
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store
