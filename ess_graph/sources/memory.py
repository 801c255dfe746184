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
            raise InvalidQuery(f"expected a {form} query, got a {result.type} query")
        return result


def as_engine(target: Graph | Engine) -> Engine:
    """An rdflib graph becomes an :class:`RdflibEngine`; an engine is used as is."""
    return RdflibEngine(target) if isinstance(target, Graph) else target
