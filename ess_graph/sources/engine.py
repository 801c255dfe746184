"""What every SPARQL engine of ess-graph answers with, behind one small interface.

An :class:`Engine` answers a SELECT or an ASK, with values bound to variables, and returns
rdflib terms whatever it runs on, so that callers (the query runner, the output formats, the
tests comparing engines) never see an engine's own term types. The engines:

- :class:`~ess_graph.sources.memory.RdflibEngine`, over an in-memory rdflib ``Graph`` (what
  :func:`~ess_graph.load_graph` returns);
- :class:`~ess_graph.sources.oxigraph.OxigraphEngine`, over a pyoxigraph ``Store``, in memory or
  on disk;
- :class:`~ess_graph.sources.endpoint.EndpointEngine`, over any SPARQL 1.1 endpoint.

Anything else that can answer SPARQL fits by providing the same three members.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from rdflib import BNode, Literal, URIRef

from ..sparql.binding import Bindings

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


