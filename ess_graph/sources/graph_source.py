"""Where the graph is read from: the shipped graph with a user's files, an on-disk store, or an
endpoint, behind one object that every command and a notebook use alike.

    >>> from ess_graph import open_source
    >>> source = open_source()
    >>> source.kind, source.description
    ('shipped', 'the shipped graph')
    >>> len(source.graph) > 6000
    True
"""

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import AmbiguousName, EssGraphError, NameNotFound
from ..io.loading import load_graph, parse_into, rdf_files
from .endpoint import EndpointEngine, check_endpoint_url
from .engine import Engine
from .memory import RdflibEngine
from .oxigraph import OxigraphEngine, memory_store
from .reader import SparqlReader, TripleReader
from .store import StoreReader, open_store
from .territory import find_territory, territory_graph, territory_nodes, whole_graph

ENGINES: tuple[str, ...] = ("rdflib", "oxigraph")
"""The engines a query can run on over the shipped graph and files; a store or an endpoint
answers with its own."""


def open_engine(name: str, extra: Sequence[Path | str] = (), graph: Graph | None = None) -> Engine:
    """The engine called ``name`` over the vocabulary, the shipped graph and ``extra`` files.

    ``graph`` lets the rdflib engine reuse a graph already loaded from those same files.

    >>> open_engine("oxigraph").name
    'oxigraph'
    >>> open_engine("virtuoso")
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: unknown engine 'virtuoso' (expected one of rdflib, oxigraph)
    """
    if name == "rdflib":
        return RdflibEngine(graph if graph is not None else load_graph(extra))
    if name == "oxigraph":
        return OxigraphEngine.from_files(rdf_files(extra))
    raise EssGraphError(f"unknown engine '{name}' (expected one of {', '.join(ENGINES)})")


class GraphSource:
    """The graph a command works on, opened lazily: nothing is read until it is asked for.

    ``kind`` is ``shipped`` (the vocabulary, the shipped graph and the ``data`` files, in
    memory), ``store`` (an Oxigraph store on disk) or ``endpoint`` (a SPARQL 1.1 server). Build
    one with :func:`open_source`. An ``endpoint`` that is not a web address is refused at once (an
    :class:`~ess_graph.errors.InvalidValue` about ``endpoint``), before anything is asked of it.

    >>> GraphSource(endpoint="ftp://example.org/sparql")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: endpoint: 'ftp://example.org/sparql' is not an http:// or https:// address

    >>> source = GraphSource(store="ess-store")
    >>> source.kind, source.description
    ('store', 'the store ess-store')
    >>> GraphSource(data=["mine.ttl"]).description
    'the shipped graph and 1 file(s)'
    >>> GraphSource(store="ess-store", endpoint="http://localhost:7878/query")
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: a graph is read from a store or from an endpoint, not from both
    """

    def __init__(self, *, store: Path | str | None = None, endpoint: str | None = None,
                 data: Sequence[Path | str] = ()):
        if store is not None and endpoint is not None:
            raise EssGraphError("a graph is read from a store or from an endpoint, not from both")
        if endpoint is not None:
            check_endpoint_url(endpoint, "endpoint")
        self.store_dir = Path(store) if store is not None else None
        self.endpoint = endpoint
        self.data_files = tuple(Path(path) for path in data)

    @property
    def kind(self) -> str:
        """``shipped``, ``store`` or ``endpoint``."""
        return "store" if self.store_dir is not None else "endpoint" if self.endpoint is not None else "shipped"

    @property
    def description(self) -> str:
        """What is read, for messages."""
        if self.store_dir is not None:
            return f"the store {self.store_dir}"
        if self.endpoint is not None:
            return f"the endpoint {self.endpoint}"
        return "the shipped graph" + (f" and {len(self.data_files)} file(s)" if self.data_files else "")

    @cached_property
    def reader(self) -> TripleReader | None:
        """The store, opened read-only, or the endpoint; None for the shipped graph."""
        if self.store_dir is not None:
            return StoreReader(open_store(self.store_dir))
        if self.endpoint is not None:
            return SparqlReader(EndpointEngine(self.endpoint), description=f"the endpoint {self.endpoint}")
        return None

    @cached_property
    def graph(self) -> Graph:
        """The whole graph in memory, with the ``data`` files: the shipped one, or the store's or
        endpoint's when it is small enough (:class:`~ess_graph.errors.GraphTooLarge` otherwise)."""
        if self.reader is None:
            return load_graph(self.data_files)
        return self._with_data_files(whole_graph(self.reader))

    def engine(self, name: str = "oxigraph") -> Engine:
        """The engine SPARQL runs on: the store's or the endpoint's own when there is one
        (``rdflib`` then reads the whole of it into memory), else ``name`` over the shipped graph
        and the ``data`` files.

        >>> open_source().engine("rdflib").name
        'rdflib'
        """
        if self.reader is not None and self.data_files:
            raise EssGraphError(f"{self.data_files[0]}: queries on a store or an endpoint cannot add files to it; "
                                "load them into a store first")
        if name == "rdflib":
            return RdflibEngine(self.graph)
        if self.reader is not None:
            return self.reader.engine
        return open_engine(name, self.data_files)

    def find_territory(self, name: str) -> URIRef:
        """The territory ``name`` designates (a label, an IRI or a prefixed name).

        >>> from ess_graph.vocab.terms import prefixed
        >>> prefixed(open_source().find_territory("CCRA"))
        'essd:ccra'
        """
        return find_territory(self._territory_reader(), name)

    def territory_graph(self, territory: str | None,
                        check_size: Callable[[int], None] | None = None) -> Graph:
        """The graph an analysis of one territory (a name or an IRI) works on: what that
        territory's actors need, read from the store or endpoint (or taken from the in-memory
        graph the same way); the whole graph when ``territory`` is None. ``check_size`` sees how
        many nodes lie in the territory before anything is read, and may refuse. A name that
        designates no territory is an error about the argument ``territory``.

        >>> graph = open_source().territory_graph("CCRA")
        >>> len(graph) < len(open_source().graph)
        True
        """
        if territory is None:
            return self.graph
        reader = self._territory_reader()
        try:
            iri = find_territory(reader, territory)
        except (NameNotFound, AmbiguousName) as exc:
            raise exc.about("territory") from None
        if check_size is not None:
            check_size(len(territory_nodes(reader, iri)))
        graph = territory_graph(reader, iri)
        return self._with_data_files(graph) if self.reader is not None else graph

    @cached_property
    def _memory_reader(self) -> StoreReader:
        return StoreReader(memory_store(self.graph))

    def _territory_reader(self) -> TripleReader:
        return self.reader if self.reader is not None else self._memory_reader

    def _with_data_files(self, graph: Graph) -> Graph:
        for path in self.data_files:
            parse_into(graph, path)
        return graph


def open_source(store: Path | str | None = None, endpoint: str | None = None,
                data: Sequence[Path | str] = ()) -> GraphSource:
    """The graph every command reads: the shipped graph plus ``data`` files by default, or the
    Oxigraph ``store`` in a folder, or a SPARQL ``endpoint``.

    >>> from ess_graph import open_source, run_named_query
    >>> rows = run_named_query(open_source().engine(), "funders", {"actor": "Boulangerie solidaire"})
    >>> len(rows)
    6
    """
    return GraphSource(store=store, endpoint=endpoint, data=data)


__all__ = ["ENGINES", "GraphSource", "open_engine", "open_source"]
