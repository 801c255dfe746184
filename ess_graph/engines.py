"""The SPARQL engines a query can run on, behind one small interface.

An :class:`Engine` answers a SELECT or an ASK, with values bound to variables, and returns
rdflib terms whatever it runs on, so that callers (the query runner, the output formats, the
tests comparing engines) never see an engine's own term types. Two engines exist:

- :class:`RdflibEngine`, over an in-memory rdflib ``Graph`` (what :func:`~ess_graph.load_graph`
  returns);
- :class:`OxigraphEngine`, over a pyoxigraph ``Store`` loaded with the same files.

Anything else that can answer SPARQL (an on-disk store, a remote endpoint) fits by providing the
same three members.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from .binding import Bindings, bind_values, sparql_term
from .errors import EssGraphError
from .loading import load_graph, rdf_files, rdf_format
from .planning import bind_and_order

Term = URIRef | Literal | BNode


@dataclass(frozen=True)
class SelectResult:
    """The answer to a SELECT: its variables, and one tuple of terms (None if unbound) per row.

    Iterating gives each row as a dict from variable name to term, for notebook use::

        for row in result:
            print(row["funder"], row["status"])
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Term | None]]:
        for row in self.rows:
            yield dict(zip(self.variables, row, strict=True))

    def column(self, variable: str) -> list[Term | None]:
        """Every value of one variable, in row order."""
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]


class Engine(Protocol):
    """Something that answers read-only SPARQL queries over the ess-graph data."""

    name: str

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        """Run a SELECT query with ``bindings`` given to its variables."""
        ...

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK query with ``bindings`` given to its variables."""
        ...


class RdflibEngine:
    """Queries an rdflib graph in memory."""

    name = "rdflib"

    def __init__(self, graph: Graph):
        self.graph = graph

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        result = self._run(query, bindings, "SELECT")
        rows = tuple(tuple(row) for row in result)
        return SelectResult(tuple(str(variable) for variable in result.vars or ()), rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        return bool(self._run(query, bindings, "ASK").askAnswer)

    def _run(self, query: str, bindings: Bindings | None, form: str):
        """Single values are bound in the parsed query (fast in rdflib), lists of values by VALUES."""
        single = {name: value for name, value in (bindings or {}).items() if isinstance(value, Node)}
        lists = {name: value for name, value in (bindings or {}).items() if not isinstance(value, Node)}
        for value in single.values():
            sparql_term(value)  # the same terms as other engines accept, no more
        try:
            prepared = prepareQuery(bind_values(query, lists))
            bind_and_order(prepared.algebra, {Variable(name): value for name, value in single.items()})
            result = self.graph.query(prepared, initBindings=single)
        except EssGraphError:
            raise
        except Exception as exc:  # rdflib raises parser, evaluation and type errors alike
            raise EssGraphError(f"rdflib could not run the query: {_first_line(exc)}") from None
        if result.type != form:
            raise EssGraphError(f"expected a {form} query, got a {result.type} query")
        return result


class OxigraphEngine:
    """Queries a pyoxigraph store: in memory, or on disk (see :mod:`ess_graph.store`)."""

    name = "oxigraph"

    def __init__(self, store: ox.Store):
        self.store = store

    @classmethod
    def from_files(cls, paths: Iterable[Path | str]) -> "OxigraphEngine":
        """A new in-memory store holding the triples of ``paths`` (Turtle, N-Triples, JSON-LD, RDF/XML)."""
        store = ox.Store()
        for path in paths:
            _load_file(store, Path(path))
        return cls(store)

    @classmethod
    def from_graph(cls, graph: Graph) -> "OxigraphEngine":
        """A new in-memory store holding the triples of an rdflib graph (built in Python, say)."""
        store = ox.Store()
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return cls(store)

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        solutions = self._run(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise EssGraphError("expected a SELECT query")
        variables = tuple(variable.value for variable in solutions.variables)
        convert = TermConverter()
        rows = tuple(tuple(convert(solution[name]) for name in variables) for solution in solutions)
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        answer = self._run(query, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise EssGraphError("expected an ASK query")
        return bool(answer)

    def _run(self, query: str, bindings: Bindings | None):
        try:
            return self.store.query(bind_values(query, bindings))
        except SyntaxError as exc:
            raise EssGraphError(f"Oxigraph rejected the query: {_first_line(exc)}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise EssGraphError(f"Oxigraph could not run the query: {_first_line(exc)}") from None


_OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                     "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
"""rdflib's parser names (chosen by :func:`~ess_graph.loading.rdf_format`) -> Oxigraph's formats."""


def _load_file(store: ox.Store, path: Path) -> None:
    fmt = _OXIGRAPH_FORMATS[rdf_format(path)]
    if not path.is_file():
        raise EssGraphError(f"{path}: no such file")
    try:
        store.load(path=path, format=fmt, base_iri=path.resolve().as_uri())
    except SyntaxError as exc:
        raise EssGraphError(f"{path}:{exc.lineno or 1}: {_first_line(exc)}") from None
    except OSError as exc:
        raise EssGraphError(f"{path}: {exc.strerror or _first_line(exc)}") from None


class TermConverter:
    """Turns pyoxigraph terms into rdflib ones, reusing the objects of IRIs met before (the same
    predicates, classes and concepts come back on every row, and in every triple of a store read
    into an rdflib graph)."""

    def __init__(self):
        self.named: dict[str, URIRef] = {}

    def __call__(self, term) -> Term | None:
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

    def triple(self, subject, predicate, obj) -> tuple:
        return self(subject), self(predicate), self(obj)


_XSD_STRING = str(XSD.string)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


ENGINES: tuple[str, ...] = ("rdflib", "oxigraph")


def open_engine(name: str, extra: Sequence[Path | str] = (), graph: Graph | None = None) -> Engine:
    """The engine called ``name`` over the shipped graph plus ``extra`` files.

    ``graph`` lets the rdflib engine reuse a graph already loaded from those same files.
    """
    if name == "rdflib":
        return RdflibEngine(graph if graph is not None else load_graph(extra))
    if name == "oxigraph":
        return OxigraphEngine.from_files(rdf_files(extra))
    raise EssGraphError(f"unknown engine '{name}' (expected one of {', '.join(ENGINES)})")


def as_engine(target: Graph | Engine) -> Engine:
    """An rdflib graph becomes an :class:`RdflibEngine`; an engine is used as is."""
    return RdflibEngine(target) if isinstance(target, Graph) else target
