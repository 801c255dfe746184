"""Answering SPARQL with Oxigraph (pyoxigraph), over a store in memory or on disk.

Oxigraph plans queries itself, in Rust; values are bound by a ``VALUES`` block
(:mod:`ess_graph.sparql.binding`). Its terms are turned into rdflib ones on the way out, so that
every engine returns the same objects.
"""

import time
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import overload

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import EssGraphError, InvalidInput, InvalidQuery, first_line
from ..io.formats import format_of
from ..io.guards import GUARDS, check_rdf_text
from ..sparql.binding import Bindings, bind_values
from . import datasets
from .engine import Row, Rows, SelectResult, Term
from .limits import check_timeout, run_in_child


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

    def __init__(self, store: ox.Store, graphs: datasets.Graphs | None = None):
        """``graphs``: the graphs of ``store`` to read, if not the default one and the current
        sources (:func:`ess_graph.sources.datasets.query`)."""
        self.store = store
        self.graphs = graphs

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

    def select(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> SelectResult:
        return self.select_rows(query, bindings, timeout=timeout).result()

    def select_rows(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> Rows:
        """The rows of a SELECT one by one, as Oxigraph finds them. With a ``timeout``, they are
        found in a child process (:mod:`.limits`), killed when the time is up or on Ctrl-C.

        >>> graph = Graph().parse(format="turtle", data='''
        ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
        ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
        ...     essd:galilee ess:supports essd:la-note-bleue , essd:le-son-du-chablon .
        ... ''')
        >>> engine = OxigraphEngine.from_graph(graph)
        >>> with engine.select_rows("SELECT ?whom WHERE { ?who ?how ?whom } ORDER BY ?whom", timeout=10) as rows:
        ...     rows.variables, [str(whom).rsplit("/", 1)[1] for whom, in rows]
        (('whom',), ['la-note-bleue', 'le-son-du-chablon'])
        >>> every_way = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(30))  # 2**30 rows to count
        >>> engine.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {every_way} }}", timeout=0.5)
        Traceback (most recent call last):
        ...
        ess_graph.errors.QueryTimeout: the query did not finish within 0.5 s
        """
        text = bind_values(query, bindings)
        limit = check_timeout(timeout)
        if limit is None:
            solutions = _query(self.store, text, self.graphs)
            if not isinstance(solutions, ox.QuerySolutions):
                raise InvalidQuery("expected a SELECT query")
            variables = tuple(variable.value for variable in solutions.variables)
            return Rows(variables, _converted(solutions, variables))
        answer = run_in_child(lambda: _encoded_answer(self.store, text, self.graphs), limit)
        form, head = _first(answer)
        if form != "SELECT" or not isinstance(head, tuple):
            answer.close()
            raise InvalidQuery("expected a SELECT query")
        return Rows(head, _decoded(answer))

    def ask(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> bool:
        text = bind_values(query, bindings)
        limit = check_timeout(timeout)
        if limit is None:
            answer = _query(self.store, text, self.graphs)
            if not isinstance(answer, ox.QueryBoolean):
                raise InvalidQuery("expected an ASK query")
            return bool(answer)
        child = run_in_child(lambda: _encoded_answer(self.store, text, self.graphs), limit)
        try:
            form, value = _first(child)
        finally:
            child.close()
        if form != "ASK":
            raise InvalidQuery("expected an ASK query")
        return bool(value)


def _query(store: ox.Store, query: str, graphs: datasets.Graphs | None = None
           ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    try:
        return datasets.query(store, query, graphs)  # the store's sources, when it has some
    except SyntaxError as exc:
        raise InvalidQuery(f"Oxigraph rejected the query: {first_line(exc)}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise EssGraphError(f"Oxigraph could not run the query: {first_line(exc)}") from None


def _solutions(solutions: ox.QuerySolutions) -> Iterator[ox.QuerySolution]:
    """The solutions; an error met while computing one is told like an error of the query."""
    try:
        yield from solutions
    except (OSError, RuntimeError, ValueError) as exc:
        raise EssGraphError(f"Oxigraph could not run the query: {first_line(exc)}") from None


def _converted(solutions: ox.QuerySolutions, variables: tuple[str, ...]) -> Iterator[Row]:
    convert = TermConverter()
    for solution in _solutions(solutions):
        yield tuple(map(convert, solution))  # a solution's values come in the order of its variables


BATCH_ROWS = 2000
"""Rows a child process sends at a time; a batch also goes after 0.1 s, so that the first rows of
a slow query show at once."""

Encoded = str | tuple[str] | tuple[str, str] | None
"""A term on its way from a child process: an IRI as its text, a blank node as ``(id,)``, a
literal as ``(text, "@lang")``, ``(text, datatype IRI)``, or ``(text, "")`` for a plain string."""


def _first(answer: Generator[object, None, None]) -> tuple[str, object]:
    """The child's first item: the form of the query, and its variables (or its boolean)."""
    head = next(answer)
    assert isinstance(head, tuple)
    form, value = head
    return str(form), value


def _encoded_answer(store: ox.Store, query: str, graphs: datasets.Graphs | None) -> Iterator[object]:
    """In the child: the form and variables (or boolean) of the answer, then batches of rows."""
    answer = _query(store, query, graphs)
    if isinstance(answer, ox.QueryBoolean):
        yield "ASK", bool(answer)
        return
    if not isinstance(answer, ox.QuerySolutions):
        yield "CONSTRUCT", None
        return
    variables = tuple(variable.value for variable in answer.variables)
    yield "SELECT", variables
    batch: list[tuple[Encoded, ...]] = []
    began = time.monotonic()
    for solution in _solutions(answer):
        batch.append(tuple(map(_encode, solution)))  # a solution's values come in the order of its variables
        if len(batch) >= BATCH_ROWS or (not len(batch) % 64 and time.monotonic() - began > 0.1):
            yield batch
            batch, began = [], time.monotonic()
    if batch:
        yield batch


def _encode(term: "OxTerm | None") -> Encoded:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value, "@" + term.language
        datatype = term.datatype.value
        return term.value, "" if datatype == _XSD_STRING else datatype
    if isinstance(term, ox.BlankNode):
        return (term.value,)
    raise EssGraphError(f"Oxigraph returned a term ess-graph does not handle: {term!r}")


def _decoded(batches: Generator[object, None, None]) -> Iterator[Row]:
    """In the parent: the child's batches of rows, in rdflib terms."""
    decode = TermConverter().decode
    try:
        for batch in batches:
            assert isinstance(batch, list)
            for row in batch:
                yield tuple(map(decode, row))
    finally:
        batches.close()  # kills the child if rows are left


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
    into an rdflib graph). It remembers at most ``remember`` IRIs, then starts afresh, so that
    millions of rows of distinct IRIs go through in constant memory."""

    def __init__(self, remember: int = 100_000) -> None:
        self.named: dict[str, URIRef] = {}
        self.remember = remember

    def iri(self, text: str) -> URIRef:
        """The rdflib IRI for ``text``: the same object as before if it was met lately."""
        node = self.named.get(text)
        if node is None:
            if len(self.named) >= self.remember:
                self.named.clear()
            node = self.named[text] = URIRef(text)
        return node

    def decode(self, cell: Encoded) -> Term | None:
        """A term as a child process sends it (see :data:`Encoded`), in rdflib."""
        if cell is None:
            return None
        if isinstance(cell, str):
            return self.iri(cell)
        if len(cell) == 1:
            return BNode(cell[0])
        text, tag = cell
        if not tag:
            return Literal(text)
        if tag[0] == "@":
            return Literal(text, lang=tag[1:])
        return Literal(text, datatype=self.iri(tag))

    @overload
    def __call__(self, term: None) -> None: ...
    @overload
    def __call__(self, term: OxTerm) -> Term: ...
    def __call__(self, term: OxTerm | None) -> Term | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            if term.datatype.value == _XSD_STRING:  # RDF 1.1 simple literal; rdflib keeps it untyped
                return Literal(term.value)
            return Literal(term.value, datatype=self.iri(term.datatype.value))
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
