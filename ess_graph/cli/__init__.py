"""The ``ess-graph`` command: a thin click layer over the library.

Every command reads a :class:`~ess_graph.sources.GraphSource`: the shipped Calaisis graph plus
the files given with the global ``--data`` option, or, with ``--store DIR``, an Oxigraph store
made by ``ess-graph load``, or, with ``--endpoint URL``, any SPARQL 1.1 endpoint. Each command
parses its options, then makes one library call. Errors the user can fix
(:class:`~ess_graph.errors.EssGraphError`) print one line and exit with status 2; no command
shows a traceback for bad input. This package is the only place that names a flag: a library
error about the value of an argument (its ``field``) is told about the option of the same name
(see :class:`EssGraphCommand`).
"""

import io
import os
import signal
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ..errors import EssGraphError, GraphTooLarge, StoreError
from ..sources import GraphSource, open_source


def option_for(ctx: click.Context | None, field: str) -> str | None:
    """The flag of the option whose value the library received as the argument ``field``: the
    option of the running command, or of a group around it, whose parameter is called ``field``.

    Library errors name arguments, never flags; this is where a flag is found for one.

    >>> from ess_graph.cli import main
    >>> ctx = click.Context(main.commands["map"], parent=click.Context(main))
    >>> option_for(ctx, "relations"), option_for(ctx, "endpoint"), option_for(ctx, "colour")
    ('--relations', '--endpoint', None)
    """
    while ctx is not None:
        for param in ctx.command.params:
            if isinstance(param, click.Option) and param.name == field:
                return next((opt for opt in param.opts if opt.startswith("--")), param.opts[0])
        ctx = ctx.parent
    return None


class EssGraphCommand(click.Command):
    """A click command whose errors about a library argument name the option that gave it.

    The library raises, say, ``InvalidValue("unknown gift (choose among ...)", field="relations")``;
    run from ``ess-graph map --relations gift``, the user reads ``--relations: unknown gift
    (choose among ...)``. An error whose field no option feeds keeps the argument's name.

    >>> from click.testing import CliRunner
    >>> from ess_graph.cli import main
    >>> CliRunner().invoke(main, ["map", "--relations", "gift"]).stderr.split(" (")[0]
    'ess-graph: error: --relations: unknown gift'
    """

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an error about a library argument leaves it naming the option instead."""
        try:
            return super().invoke(ctx)
        except EssGraphError as exc:
            option = option_for(ctx, exc.field) if exc.field is not None else None
            if option is None:
                raise
            raise exc.given_as(option) from None


class EssGraphGroup(click.Group, EssGraphCommand):
    """A click group that turns user errors into one line on stderr and exit status 2.

    Its commands and subgroups are of its kind, so every error about an argument names its
    option; the group's own options (``--endpoint``...) are named for errors of its callback.

    >>> from ess_graph.cli import main
    >>> isinstance(main.commands["import"], EssGraphGroup), isinstance(main.commands["map"], EssGraphCommand)
    (True, True)
    """

    command_class = EssGraphCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            reader_left()
        except GraphTooLarge as exc:
            fail(f"{exc}: this command needs --territory T (ptce and map take one)")
        except StoreError as exc:
            fail(f"--store: {exc}")
        except EssGraphError as exc:
            fail(str(exc))


SIGPIPE_STATUS = 128 + signal.SIGPIPE
"""141: the status a shell reports for ``cat`` or ``yes`` stopped by a reader that left (``| head``)."""


def reader_left() -> NoReturn:
    """End quietly, as ``cat`` and ``grep`` do, when the program reading the output has closed it
    (``ess-graph export -o /dev/stdout | head -1``): no message, no traceback, exit status 141.

    141 is what the shell shows for a standard tool killed by SIGPIPE, so a script with
    ``set -o pipefail`` sees an ess-graph cut short as it sees ``cat`` cut short, and never takes
    an unfinished export for a finished one. What is left to write goes to /dev/null, as Python's
    documentation advises, so that flushing standard output at exit raises nothing.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # no real file (a test runner)
        pass
    sys.exit(SIGPIPE_STATUS)


def fail(message: str) -> None:
    """Print ``ess-graph: error: message`` on stderr and exit with status 2."""
    click.echo(f"ess-graph: error: {message}", err=True)
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
    if store_dir is not None and endpoint is not None:
        raise EssGraphError("--store and --endpoint: give one or the other")
    ctx.obj = open_source(store=store_dir, endpoint=endpoint, data=data_files)


pass_session = click.make_pass_decorator(GraphSource)


class NamedPath(click.Path):
    """A ``click.Path`` that refuses an empty value: ``Path("")`` is the current folder, and an
    empty value is a shell variable left unset (``-o "$OUT"``), not a wish to write there.

    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(main, ["template", "-o", ""]).stderr.splitlines()[-1]
    "Error: Invalid value for '-o' / '--output': an empty value names no folder; give a folder name"
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            what = "folder" if not self.file_okay else "file" if not self.dir_okay else "file or folder"
            self.fail(f"an empty value names no {what}; give a {what} name", param, ctx)
        return super().convert(value, param, ctx)


def _refuse_empty_paths(command: click.Command) -> None:
    """Give every path option and argument of ``command`` and of its subcommands the type
    :class:`NamedPath`, with the same settings."""
    for param in command.params:
        kind = param.type
        if type(kind) is click.Path:
            param.type = NamedPath(exists=kind.exists, file_okay=kind.file_okay, dir_okay=kind.dir_okay,
                                   writable=kind.writable, readable=kind.readable, resolve_path=kind.resolve_path,
                                   allow_dash=kind.allow_dash, path_type=kind.type, executable=kind.executable)
    for subcommand in getattr(command, "commands", {}).values():
        _refuse_empty_paths(subcommand)


from . import export, imports, inspect, maintenance, map, ptce, query, store, synth  # noqa: E402  (commands register)

_refuse_empty_paths(main)

__all__ = ["EssGraphCommand", "EssGraphGroup", "NamedPath", "SIGPIPE_STATUS", "export", "fail", "imports", "inspect",
           "main", "maintenance", "map", "option_for", "pass_session", "ptce", "query", "reader_left", "store", "synth"]
