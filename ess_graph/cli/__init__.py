"""The ``ess-graph`` command: a thin click layer over the library.

Every command reads the shipped Calaisis graph plus the files given with the global ``--data``
option. Errors the user can fix (:class:`~ess_graph.errors.EssGraphError`) print one line and
exit with status 2; no command shows a traceback for bad input.
"""

import sys
from functools import cached_property
from pathlib import Path

import click
from rdflib import Graph

from ..errors import EssGraphError
from ..loading import load_graph


class Session:
    """What every command shares: the extra data files, and the graph loaded once on demand."""

    def __init__(self, data_files: tuple[Path, ...]):
        self.data_files = data_files

    @cached_property
    def graph(self) -> Graph:
        return load_graph(self.data_files)


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
@click.version_option(package_name="ess-graph")
@click.pass_context
def main(ctx: click.Context, data_files: tuple[Path, ...]) -> None:
    """Explore the social and solidarity economy of a territory as a knowledge graph.

    The shipped graph describes the Calaisis (Pas-de-Calais) from a 2014 newsletter; add your
    own data with --data.
    """
    ctx.obj = Session(data_files)


pass_session = click.make_pass_decorator(Session)

from . import export, imports, inspect, maintenance, map, ptce, query  # noqa: E402  (commands register themselves)

__all__ = ["main", "pass_session", "Session", "export", "imports", "inspect", "maintenance", "map", "ptce", "query"]
