"""Answering SPARQL over an rdflib graph in memory: the shipped graph and a user's files.

rdflib binds single values in the parsed query, which its evaluator then starts from
(:mod:`.planning` orders the patterns); lists of values go in a ``VALUES`` block.
"""

from typing import Any

from rdflib import Graph, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier

from ..errors import EssGraphError, InvalidQuery, first_line
from ..sparql.binding import Bindings, bind_values, sparql_term
from .engine import Engine, SelectResult
from .planning import bind_and_order


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
    >>> engine.ask("ASK { ?who <https://w3id.org/ess-graph/def#supports> ?who }")
    False
    >>> engine.select("SELECT ?who WHERE { ?who ?p }")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: rdflib could not run the query: ...
    """

    name = "rdflib"

    def __init__(self, graph: Graph):
        self.graph = graph

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        result = self._run(query, bindings, "SELECT")
        rows = tuple(tuple(row) for row in result)
        return SelectResult(tuple(str(variable) for variable in result.vars or ()), rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        return bool(self._run(query, bindings, "ASK").askAnswer)

    def _run(self, query: str, bindings: Bindings | None, form: str) -> Any:  # an rdflib Result of that form
        """Single values are bound in the parsed query (fast in rdflib), lists of values by VALUES."""
        single = {name: value for name, value in (bindings or {}).items() if isinstance(value, Identifier)}
        lists = {name: value for name, value in (bindings or {}).items() if not isinstance(value, Identifier)}
        for value in single.values():
            sparql_term(value)  # the same terms as other engines accept, no more
        try:
            prepared = prepareQuery(bind_values(query, lists))
            bind_and_order(prepared.algebra, {Variable(name): value for name, value in single.items()})
            result = self.graph.query(prepared, initBindings=single)
        except EssGraphError:
            raise
        except Exception as exc:  # rdflib raises parser, evaluation and type errors alike
            raise InvalidQuery(f"rdflib could not run the query: {first_line(exc)}") from None
        if result.type != form:
            raise InvalidQuery(f"expected {_article(form)} {form} query, "
                               f"got {_article(result.type)} {result.type} query")
        return result


def as_engine(target: Graph | Engine) -> Engine:
    """An rdflib graph becomes an :class:`RdflibEngine`; an engine is used as is, so that library
    functions take either.

    >>> engine = as_engine(Graph())
    >>> engine.name, as_engine(engine) is engine
    ('rdflib', True)
    """
    return RdflibEngine(target) if isinstance(target, Graph) else target


def _article(form: str) -> str:
    """``an ASK query``, ``a SELECT query``."""
    return "an" if form[:1] in "AEIOU" else "a"
