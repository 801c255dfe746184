"""The answer to a SELECT query, the same whatever engine ran it.

Every engine (an rdflib graph, an Oxigraph store, a SPARQL endpoint over HTTP) returns rdflib
terms in this shape, so that callers and the tests comparing engines never meet an engine's own
term types.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef

Term = URIRef | Literal | BNode


@dataclass(frozen=True)
class SelectResult:
    """The query's variables, and one tuple of terms (None where unbound) per row.

    Iterating gives each row as a dict from variable name to term::

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
        position = self.variables.index(variable)
        return [row[position] for row in self.rows]
