"""What every SPARQL engine of ess-graph answers with, behind one small interface.

An :class:`Engine` answers a SELECT or an ASK, with values bound to variables, and returns
rdflib terms whatever it runs on, so that callers (the query runner, the output formats, the
tests comparing engines) never see an engine's own term types. The engines:

- :class:`~ess_graph.sources.memory.RdflibEngine`, over an in-memory rdflib ``Graph`` (what
  :func:`~ess_graph.load_graph` returns);
- :class:`~ess_graph.sources.oxigraph.OxigraphEngine`, over a pyoxigraph ``Store``, in memory or
  on disk;
- :class:`~ess_graph.sources.endpoint.EndpointEngine`, over any SPARQL 1.1 endpoint.

Anything else that can answer SPARQL fits by providing the same four members.

Every query may be given a ``timeout`` in seconds: over it, the engine stops the query and raises
:class:`~ess_graph.errors.QueryTimeout`. A SELECT's rows come whole (``select``, a
:class:`SelectResult`) or one by one as the engine finds them (``select_rows``, :class:`Rows`),
so that an answer of millions of rows can be written out in constant memory.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, Self

from rdflib import BNode, Literal, URIRef

from ..sparql.binding import Bindings

Term = URIRef | Literal | BNode


@dataclass(frozen=True)
class SelectResult:
    """The answer to a SELECT: its variables, and one tuple of terms (None if unbound) per row.

    The rows stay tuples, which the output formats and the tests comparing engines read;
    iterating gives each row as a dict from variable name to term, for notebook use.

    >>> essd = "https://w3id.org/ess-graph/id/"
    >>> result = SelectResult(("funder", "programme"), (
    ...     (URIRef(essd + "cap-calaisis"), Literal("Politique ESS de Cap Calaisis")),
    ...     (URIRef(essd + "calais"), None),
    ... ))
    >>> len(result), result.column("programme")
    (2, [rdflib.term.Literal('Politique ESS de Cap Calaisis'), None])
    >>> for row in result:
    ...     print(row["funder"].rsplit("/", 1)[1], row["programme"])
    cap-calaisis Politique ESS de Cap Calaisis
    calais None
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


Row = tuple[Term | None, ...]


class Rows(Iterator[Row]):
    """The rows of a SELECT as the engine gives them: the ``variables`` at once, then one tuple of
    terms (None if unbound) per row, read once. :meth:`close` (or leaving a ``with`` block) stops
    the query when fewer rows are wanted; :meth:`result` reads them all into a :class:`SelectResult`.

    >>> from itertools import islice
    >>> essd = "https://w3id.org/ess-graph/id/"
    >>> rows = Rows(("funder",), iter([(URIRef(essd + "cap-calaisis"),), (URIRef(essd + "calais"),)]))
    >>> with rows:
    ...     rows.variables, [str(funder).rsplit("/", 1)[1] for funder, in islice(rows, 1)]
    (('funder',), ['cap-calaisis'])
    >>> Rows(("n",), iter([(Literal(3),)])).result().rows
    ((rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')),),)
    """

    def __init__(self, variables: Iterable[str], rows: Iterator[Row], stop: Callable[[], None] | None = None):
        self.variables = tuple(variables)
        self._rows = rows
        self._stop = stop if stop is not None else getattr(rows, "close", None)

    def __iter__(self) -> Iterator[Row]:
        return self._rows  # the engine's own iterator: a for loop then pays no call per row here

    def __next__(self) -> Row:
        return next(self._rows)

    def close(self) -> None:
        """Stop the query: the engine reads no further (a child process running it is killed)."""
        if self._stop is not None:
            self._stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def result(self) -> SelectResult:
        """Every row left, in a :class:`SelectResult`."""
        with self:
            return SelectResult(self.variables, tuple(self))


class Engine(Protocol):
    """Something that answers read-only SPARQL queries over the ess-graph data.

    Every engine takes the same query text and bindings and gives back the same rdflib terms,
    so that a caller never asks which one it holds:

    >>> from rdflib import Graph
    >>> from ess_graph.sources import OxigraphEngine, RdflibEngine
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     essd:galilee ess:supports essd:la-note-bleue , essd:le-son-du-chablon .
    ... ''')
    >>> query = "SELECT ?who WHERE { ?who <https://w3id.org/ess-graph/def#supports> ?whom }"
    >>> whom = URIRef("https://w3id.org/ess-graph/id/la-note-bleue")
    >>> engines: list[Engine] = [RdflibEngine(graph), OxigraphEngine.from_graph(graph)]
    >>> [(engine.name, engine.select(query, {"whom": whom}).rows) for engine in engines]
    [('rdflib', ((rdflib.term.URIRef('https://w3id.org/ess-graph/id/galilee'),),)),
     ('oxigraph', ((rdflib.term.URIRef('https://w3id.org/ess-graph/id/galilee'),),))]
    """

    name: str

    def select(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> SelectResult:
        """Run a SELECT query with ``bindings`` given to its variables, within ``timeout`` seconds."""
        ...

    def select_rows(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> Rows:
        """The rows of a SELECT query one by one, as the engine finds them; ``timeout`` as for select."""
        ...

    def ask(self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> bool:
        """Run an ASK query with ``bindings`` given to its variables, within ``timeout`` seconds."""
        ...


