"""Answering SPARQL over an rdflib graph in memory: the shipped graph and a user's files.

rdflib binds single values in the parsed query, which its evaluator then starts from
(:mod:`.planning` orders the patterns); lists of values go in a ``VALUES`` block. A query given a
``timeout`` runs in a child process that is killed when the time is up (:mod:`.limits`).
"""

from collections.abc import Generator, Iterator, Mapping
from typing import Any

from rdflib import Dataset, Graph, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.evaluate import evalQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier

from ..errors import EssGraphError, InvalidQuery, first_line
from ..sparql.binding import Bindings, bind_values, sparql_term
from .engine import Engine, Row, Rows, SelectResult
from .limits import check_timeout, run_in_child
from .planning import bind_and_order
from .store_graph import StoreTriples

BATCH_ROWS = 1000
"""Rows a child process sends at a time."""


class RdflibEngine:
    """Queries an rdflib graph in memory: the shipped graph with a user's files, or any graph
    built in Python. Errors of rdflib's parser and evaluator come back as one-line
    :class:`~ess_graph.errors.InvalidQuery` errors.

    >>> from rdflib import URIRef
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     essd:galilee ess:supports essd:la-note-bleue , essd:le-son-du-chablon .
    ... ''')
    >>> engine = RdflibEngine(graph)
    >>> galilee = URIRef("https://w3id.org/ess-graph/id/galilee")
    >>> query = "SELECT ?whom WHERE { ?who <https://w3id.org/ess-graph/def#supports> ?whom } ORDER BY ?whom"
    >>> [str(whom).rsplit("/", 1)[1] for whom in engine.select(query, {"who": galilee}).column("whom")]
    ['la-note-bleue', 'le-son-du-chablon']
    >>> engine.ask("ASK { ?who <https://w3id.org/ess-graph/def#supports> ?who }", timeout=10)
    False
    >>> engine.select("SELECT ?who WHERE { ?who ?p }")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: rdflib could not run the query: ...
    """

    name = "rdflib"

    def __init__(self, graph: Graph):
        self.graph = graph

    def select(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> SelectResult:
        return self.select_rows(query, bindings, timeout=timeout).result()

    def select_rows(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> Rows:
        """The rows of a SELECT one by one, as rdflib finds them (with a ``timeout``, in a child
        process that is killed when the time is up or on Ctrl-C).

        >>> graph = Graph().parse(format="turtle", data="<urn:ex:galilee> <urn:ex:supports> <urn:ex:note-bleue> .")
        >>> with RdflibEngine(graph).select_rows("SELECT ?who ?whom WHERE { ?who ?how ?whom }", timeout=10) as rows:
        ...     rows.variables, [(str(who), str(whom)) for who, whom in rows]
        (('who', 'whom'), [('urn:ex:galilee', 'urn:ex:note-bleue')])
        """
        prepared, initial = self._prepare(query, bindings)
        limit = check_timeout(timeout)
        if limit is None:
            answer = self._evaluate(prepared, initial, "SELECT")
            variables = tuple(str(variable) for variable in answer.get("vars_") or ())
            return Rows(variables, _rows(answer, variables))
        child = run_in_child(lambda: self._batches(prepared, initial), limit)
        head = next(child)
        assert isinstance(head, tuple)  # the child's first item: the variables
        return Rows(head, _unbatched(child))

    def ask(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> bool:
        prepared, initial = self._prepare(query, bindings)
        limit = check_timeout(timeout)
        if limit is None:
            return bool(self._evaluate(prepared, initial, "ASK").get("askAnswer"))
        child = run_in_child(lambda: iter([bool(self._evaluate(prepared, initial, "ASK").get("askAnswer"))]), limit)
        try:
            return bool(next(child))
        finally:
            child.close()

    def _prepare(self, query: str, bindings: Bindings | None) -> tuple[Query, dict[str, Identifier]]:
        """Single values are bound in the parsed query (fast in rdflib), lists of values by VALUES."""
        single = {name: value for name, value in (bindings or {}).items() if isinstance(value, Identifier)}
        lists = {name: value for name, value in (bindings or {}).items() if not isinstance(value, Identifier)}
        for value in single.values():
            sparql_term(value)  # the same terms as other engines accept, no more
        try:
            prepared = prepareQuery(bind_values(query, lists))
            bind_and_order(prepared.algebra, {Variable(name): value for name, value in single.items()})
        except EssGraphError:
            raise
        except Exception as exc:  # rdflib raises parser and type errors alike
            raise InvalidQuery(f"rdflib could not run the query: {first_line(exc)}") from None
        return prepared, single

    def _evaluate(self, prepared: Query, initial: dict[str, Identifier], form: str) -> Mapping[str, Any]:
        """rdflib's evaluation of the query (what ``Graph.query`` runs), its rows still to come."""
        try:
            answer = evalQuery(_dataset_of(self.graph) if _reads_named_graphs(prepared.algebra) else self.graph,
                               prepared, initial)
        except EssGraphError:
            raise
        except Exception as exc:  # rdflib raises evaluation and type errors alike
            raise InvalidQuery(f"rdflib could not run the query: {first_line(exc)}") from None
        kind = answer.get("type_")
        if kind != form:
            raise InvalidQuery(f"expected {_article(form)} {form} query, got {_article(str(kind))} {kind} query")
        return answer

    def _batches(self, prepared: Query, initial: dict[str, Identifier]) -> Iterator[object]:
        """In the child: the variables, then batches of rows (rdflib terms pickle as they are)."""
        answer = self._evaluate(prepared, initial, "SELECT")
        variables = tuple(str(variable) for variable in answer.get("vars_") or ())
        yield variables
        batch: list[Row] = []
        for row in _rows(answer, variables):
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch


def _reads_named_graphs(part: object) -> bool:
    """Whether a query's algebra holds a ``GRAPH`` pattern, which rdflib refuses on a lone graph.

    >>> _reads_named_graphs(prepareQuery("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").algebra)
    True
    >>> _reads_named_graphs(prepareQuery("SELECT * WHERE { ?s ?p ?o }").algebra)
    False
    """
    if isinstance(part, CompValue):
        return part.name == "Graph" or any(_reads_named_graphs(value) for value in part.values())
    if isinstance(part, list | tuple):
        return any(_reads_named_graphs(value) for value in part)
    return False


def _dataset_of(graph: Graph) -> Graph:
    """The graph as a dataset whose one named graph it is (the same triples, not a copy): its
    ``GRAPH ?g`` patterns then match the graph under its own name, which is no source's.

    >>> from rdflib import URIRef
    >>> graph = Graph(identifier=URIRef("urn:ex:mine")).parse(data="<urn:a> <urn:b> <urn:c> .", format="nt")
    >>> [str(g) for g, in RdflibEngine(graph).select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows]
    ['urn:ex:mine']
    """
    return graph if isinstance(graph, Dataset) else Dataset(store=graph.store, default_union=True)


def _rows(answer: Mapping[str, Any], variables: tuple[str, ...]) -> Iterator[Row]:
    """rdflib's solutions as rows, never kept (``Result`` would keep every row it gave); an
    error met while computing one is told like an error of the query."""
    names = [Variable(name) for name in variables]
    try:
        for solution in answer.get("bindings") or ():
            if solution:  # rdflib gives no row for an empty solution
                yield tuple(solution.get(name) for name in names)
    except EssGraphError:
        raise
    except Exception as exc:
        raise InvalidQuery(f"rdflib could not run the query: {first_line(exc)}") from None


def _unbatched(child: Generator[object, None, None]) -> Iterator[Row]:
    try:
        for batch in child:
            assert isinstance(batch, list)
            yield from batch
    finally:
        child.close()  # kills the child if rows are left


def as_engine(target: Graph | Engine) -> Engine:
    """An rdflib graph becomes an :class:`RdflibEngine`; an engine is used as is, so that library
    functions take either.

    A graph that reads a store where it lies (:func:`ess_graph.sources.store_graph.store_graph`)
    is queried by the store's own engine, on the same graphs: rdflib would run the query on
    Python lookups, one per pattern.

    >>> engine = as_engine(Graph())
    >>> engine.name, as_engine(engine) is engine
    ('rdflib', True)
    """
    if not isinstance(target, Graph):
        return target
    return target.store.engine if isinstance(target.store, StoreTriples) else RdflibEngine(target)


def _article(form: str) -> str:
    """``an ASK query``, ``a SELECT query``."""
    return "an" if form[:1] in "AEIOU" else "a"
