"""The ``ess-graph`` command: a thin click layer over the library.

Every command reads the shipped Calaisis graph plus the files given with the global ``--data``
option, or, with ``--store DIR``, an Oxigraph store made by ``ess-graph load``, or, with
``--endpoint URL``, any SPARQL 1.1 endpoint. Errors the user
can fix (:class:`~ess_graph.errors.EssGraphError`) print one line and exit with status 2; no
command shows a traceback for bad input.
"""

import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import click
from rdflib import Graph

from ..endpoint import EndpointEngine
from ..engines import Engine, RdflibEngine, open_engine
from ..errors import EssGraphError
from ..loading import load_graph, parse_into
from ..store import StoreReader, memory_store, open_store
from ..territory import SparqlReader, TripleReader, find_territory, territory_graph, territory_nodes, whole_graph


class Session:
    """What every command shares: the extra data files, the store or endpoint if any, and the
    graph loaded once on demand."""

    def __init__(self, data_files: tuple[Path, ...], store_dir: Path | None = None, endpoint: str | None = None):
        if store_dir is not None and endpoint is not None:
            raise EssGraphError("--store and --endpoint: give one or the other")
        self.data_files = data_files
        self.store_dir = store_dir
        self.endpoint = endpoint

    @cached_property
    def reader(self) -> TripleReader | None:
        """The ``--store`` store, opened read-only, or the ``--endpoint`` server; None for the shipped graph."""
        if self.store_dir is not None:
            return StoreReader(open_store(self.store_dir))
        if self.endpoint is not None:
            return SparqlReader(EndpointEngine(self.endpoint), description=f"the endpoint {self.endpoint}")
        return None

    @cached_property
    def graph(self) -> Graph:
        """The whole graph: the shipped one, or the store's or endpoint's when it is small enough;
        plus ``--data``."""
        if self.reader is None:
            return load_graph(self.data_files)
        return self._with_data_files(whole_graph(self.reader))

    def engine(self, name: str) -> Engine:
        """The engine a SPARQL command runs on: the store's or the endpoint's own when there is
        one (``name`` rdflib then reads the whole of it into memory), else ``name`` over the
        shipped graph and ``--data``."""
        if self.reader is not None and self.data_files:
            raise EssGraphError("--data: queries on a store or an endpoint cannot add files to it; "
                                "load them into a store with `ess-graph load FILE... --store DIR`")
        if name == "rdflib":
            return RdflibEngine(self.graph)
        if self.reader is not None:
            return self.reader.engine
        return open_engine(name, self.data_files)

    def territory_graph(self, territory: str | None,
                        check_size: Callable[[int], None] | None = None) -> Graph:
        """The graph a command about one territory (a name or an IRI) works on: what that
        territory's actors need, taken from the store or endpoint (or from the in-memory graph,
        the same way); the whole graph when no territory is given. ``check_size`` sees how many
        nodes lie in the territory before anything is read, and may refuse."""
        if territory is None:
            return self.graph
        source = self.reader if self.reader is not None else memory_store(self.graph)
        iri = find_territory(source, territory)
        if check_size is not None:
            check_size(len(territory_nodes(source, iri)))
        graph = territory_graph(source, iri)
        return self._with_data_files(graph) if self.reader is not None else graph

    def _with_data_files(self, graph: Graph) -> Graph:
        for path in self.data_files:
            parse_into(graph, path)
        return graph


class EssGraphGroup(click.Group):
    """A click group that turns user errors into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EssGraphError as exc:
            click.echo(f"ess-graph: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=EssGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data", "data_files", multiple=True, metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Add an RDF file (Turtle .ttl, N-Triples .nt, JSON-LD .jsonld) to the shipped graph. Repeatable.",
)
@click.option(
    "--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
    help="Read an Oxigraph store made by `ess-graph load` instead of the shipped graph; on a large store, "
         "commands about one territory (ptce, map) need --territory.",
)
@click.option(
    "--endpoint", metavar="URL",
    help="Read a SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso, QLever) instead of the "
         "shipped graph; like --store, commands about one territory need --territory on a large one.",
)
@click.version_option(package_name="ess-graph")
@click.pass_context
def main(ctx: click.Context, data_files: tuple[Path, ...], store_dir: Path | None, endpoint: str | None) -> None:
    """Explore the social and solidarity economy of a territory as a knowledge graph.

    The shipped graph describes the Calaisis (Pas-de-Calais) from a 2014 newsletter; add your
    own data with --data, or work on a store of a whole region or country with --store, or
    on a SPARQL server shared by many users with --endpoint.
    """
    ctx.obj = Session(data_files, store_dir, endpoint)


pass_session = click.make_pass_decorator(Session)

from . import export, imports, inspect, maintenance, map, ptce, query, store, synth  # noqa: E402  (commands register)

__all__ = ["main", "pass_session", "Session", "export", "imports", "inspect", "maintenance", "map", "ptce", "query",
           "store", "synth"]
