"""Commands that bring outside data in: spreadsheet templates, and one ``import`` command per
importer of the library's registry (:mod:`ess_graph.importers.registry`): sheets, SCDL grants,
SIRENE, the RNA and the French geography. Each writes RDF (Turtle .ttl or N-Triples .nt)
atomically, merging actors into the shipped graph and the ``--data`` files by their identifiers.

A command's arguments, flags and help come from its importer's declaration; this module adds
what only the command line has (the output file, the progress line, leaving bad rows out) and
names options by their flags, in the help and in error messages.
"""

import dataclasses
import os
import sys
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click
from rdflib import Graph

from ..errors import EssGraphError
from ..importers.common.options import OptionError, help_of, metavar_of, option_fields
from ..importers.common.problems import InvalidRows, Problems
from ..importers.common.streaming import ProgressMeter
from ..importers.common.triples import Record, TripleWriter, write_records
from ..importers.registry import Importer, Input, Job, importers
from ..importers.sheets import write_templates
from ..importers.sheets.templates import existing_templates
from ..sources import GraphSource, open_source
from ..sources.store_sources import import_source_into, source_name
from . import main, pass_session

_INPUT = click.Path(exists=True, dir_okay=False, path_type=Path)
_OUTPUT = click.Path(dir_okay=False, path_type=Path)

_FLAGS = {"units": "--unites-legales", "all_establishments": "--all", "departements": "--departement",
          "communes": "--commune"}
"""Flags that are not the option's name written with hyphens."""

_OWN = ("output", "quiet", "skip_invalid", "name")
"""The parameters the command line adds to every importer's options."""


def _flag(option: str) -> str:
    """The flag of an importer's option: ``include_dissolved`` is ``--include-dissolved``."""
    return _FLAGS.get(option, "--" + option.replace("_", "-"))


def _option(declared: dataclasses.Field, hint: Any) -> click.Option:
    """The flag of one field of an importer's options dataclass, from its type, default and help."""
    required = declared.default is dataclasses.MISSING
    default = None if required else declared.default
    help_text, metavar = help_of(declared), metavar_of(declared)
    decls = [_flag(declared.name), declared.name]
    if hint is bool and default is False:
        return click.Option(decls, is_flag=True, help=help_text)
    if hint == tuple[str, ...]:
        return click.Option(decls, multiple=True, required=required, default=default, metavar=metavar,
                            help=f"{help_text} Repeatable.")
    if hint == Path | None:
        return click.Option(decls, type=_INPUT, default=default, metavar=metavar, help=help_text)
    if hint is str:
        return click.Option(decls, required=required, default=default, metavar=metavar, show_default=bool(default),
                            help=help_text)
    raise TypeError(f"option {declared.name}: the command line takes no {hint} option with default {default!r}")


def _arguments(source: Input | None) -> list[click.Parameter]:
    if source is None:
        return []
    return [click.Argument([source.name], nargs=-1 if source.many else 1, required=True, type=_INPUT)]


def _own_options(importer: Importer[Any]) -> list[click.Parameter]:
    if importer.standard_output:
        output = click.Option(["-o", "--output"], type=_OUTPUT, default=None,
                              help="Write to FILE (.ttl or .nt) instead of standard output (Turtle).")
    else:
        output = click.Option(["-o", "--output"], type=_OUTPUT, default=None,
                              help="RDF file to write: .ttl (Turtle) or .nt (N-Triples); or, with the global "
                                   "--store DIR and no -o, the import goes into the store.")
    own: list[click.Parameter] = [click.Option(
        ["--as", "name"], metavar="NAME",
        help="With the global --store: the source to write (or replace) in the store; by default named after "
             "the first input file.")]
    if importer.lenient:
        own.append(click.Option(["--skip-invalid"], is_flag=True,
                                help="Leave bad rows out (listed on stderr) instead of failing."))
    if importer.progress:
        own.append(click.Option(["-q", "--quiet"], is_flag=True, help="No progress line."))
    return [*own, output]


def _parameters(importer: Importer[Any]) -> list[click.Parameter]:
    hints = typing.get_type_hints(importer.options)
    fields = option_fields(importer.options)
    clash = sorted({f.name for f in fields} & {*_OWN, *([importer.input.name] if importer.input else [])})
    if clash:
        raise TypeError(f"importer {importer.name}: options named like the command's own parameters: {clash}")
    return [*_arguments(importer.input), *(_option(f, hints[f.name]) for f in fields), *_own_options(importer)]


def _example_flags(options: object) -> list[str]:
    """The flags of the options that differ from their defaults, with their values."""
    words: list[str] = []
    for declared in option_fields(options):
        value, flag = getattr(options, declared.name), _flag(declared.name)
        if value == declared.default:
            continue
        if isinstance(value, bool):
            words.append(flag)
        elif isinstance(value, tuple):
            words += [word for item in value for word in (flag, str(item))]
        else:
            words += [flag, str(value)]
    return words


def _example(importer: Importer[Any]) -> str:
    """The example of the help, as a command line (wrapped before its flags when long)."""
    example = importer.example
    command = " ".join(["ess-graph import", importer.name, *example.inputs])
    flags = " ".join([*_example_flags(example.options), "-o", example.output])
    if len(command) + len(flags) > 100:
        return f"{command} \\\n             {flags}"
    return f"{command} {flags}"


def _write(output: Path, records: Iterable[Record], problems: Problems, *, quiet: bool = False) -> None:
    """Write the records; on bad input list every problem, write nothing and exit 2 (``quiet``:
    not a word of the file written, a staging file on its way to a store)."""
    try:
        triples = write_records(output, records)
    except InvalidRows as exc:
        for line in exc.lines(_flag):
            click.echo(line, err=True)
        raise EssGraphError(str(exc)) from None
    for problem in problems.kept if not problems.strict else ():
        click.echo(f"skipped: {problem.describe(_flag)}", err=True)
    if problems.total and not problems.strict:
        click.echo(f"{problems.total} bad rows skipped", err=True)
    if not quiet:
        click.echo(f"wrote {triples:,} triples to {output}", err=True)


def _print(records: Iterable[Record]) -> None:
    writer = TripleWriter(sys.stdout, "turtle")
    for record in records:
        writer.write(record)


def _paths(source: Input | None, values: dict[str, Any]) -> list[Path]:
    """The input files among the command's values (taken out of them)."""
    if source is None:
        return []
    given = values.pop(source.name)
    return list(given) if source.many else [given]


def _finishing(records: Iterable[Record], meter: ProgressMeter) -> Iterator[Record]:
    """The records, the progress line ended once they are read (or fail), so that the problems and
    notes printed next start on lines of their own."""
    try:
        yield from records
    finally:
        meter.finish()


def _run(importer: Importer[Any], session: GraphSource, values: dict[str, Any]) -> None:
    """Run the importer on the command's values; an error about an option names its flag."""
    output: Path | None = values.pop("output")
    name: str | None = values.pop("name")
    if output is None and session.store_dir is not None:
        _run_into_store(importer, session.store_dir, name, values)
        return
    if name is not None:
        raise EssGraphError("--as: names a source of a store; give the store with the global --store DIR")
    if output is None and not importer.standard_output:
        raise EssGraphError("--output: say where to write: -o FILE, or the global --store DIR to import into a store")
    quiet, skip_invalid = values.pop("quiet", True), values.pop("skip_invalid", False)
    paths = _paths(importer.input, values)
    problems = Problems(strict=not skip_invalid)
    meter = None if quiet else ProgressMeter(os.path.getsize(paths[0]), importer.name, sys.stderr)
    graph = _without_output(session, output)
    try:
        run = importer.run(Job(graph, paths, importer.options(**values), problems, meter))
        records = run.records if meter is None else _finishing(run.records, meter)
        if output is None:
            _print(records)
        else:
            _write(output, records, problems)
    except OptionError as exc:
        raise EssGraphError(exc.spelled(_flag)) from None
    for note in run.notes():
        click.echo(f"note: {note}", err=True)


def _without_output(session: GraphSource, output: Path | None) -> Any:
    """The graph to merge into: the session's, less the --data file the output replaces (its
    previous version is not a source the import completes, or a renamed actor would keep its old
    name only as an altLabel, in a file that no longer holds it)."""
    if output is None or not session.data_files or session.kind != "shipped":
        return session.graph
    replaced = [path for path in session.data_files if path.resolve() == output.resolve()]
    if not replaced:
        return session.graph
    click.echo(f"note: {output} is replaced: the import does not merge with its previous version", err=True)
    return open_source(data=[path for path in session.data_files if path not in replaced]).graph


def _run_into_store(importer: Importer[Any], store: Path, name: str | None, values: dict[str, Any]) -> None:
    """Run the importer straight into the store, as the source ``name`` (replacing its last version)."""
    quiet, skip_invalid = values.pop("quiet", True), values.pop("skip_invalid", False)
    paths = _paths(importer.input, values)
    problems = Problems(strict=not skip_invalid)
    options = importer.options(**values)
    notes: list[str] = []

    def write(graph: Graph, staged: Path) -> None:
        meter = None if quiet else ProgressMeter(os.path.getsize(paths[0]), importer.name, sys.stderr)
        run = importer.run(Job(graph, paths, options, problems, meter))
        _write(staged, run.records if meter is None else _finishing(run.records, meter), problems, quiet=True)
        notes.extend(run.notes())

    try:
        loaded = import_source_into(store, name if name is not None else source_name(paths[0] if paths else
                                                                                     importer.name),
                                    write, importer=importer.name, files=[str(p) for p in paths])
    except OptionError as exc:
        raise EssGraphError(exc.spelled(_flag)) from None
    for note in notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{loaded.describe()} into {store}" if loaded.changed else loaded.describe(), err=True)


def import_command(importer: Importer[Any]) -> click.Command:
    """The ``ess-graph import`` command of an importer, from its declaration.

    >>> from ess_graph.importers.registry import importers
    >>> [parameter.opts[-1] for parameter in import_command(importers()[1]).params]
    ['file', '--departement', '--commune', '--include-dissolved', '--encoding', '--as', '--skip-invalid', '--quiet',
     '--output']
    """

    @pass_session
    def callback(session: GraphSource, /, **values: Any) -> None:
        _run(importer, session, values)

    return click.Command(importer.name, callback=callback, params=_parameters(importer),
                         help=f"{importer.purpose}\n\n\b\nExample: {_example(importer)}")


@main.command()
@click.option("-o", "--output", "directory", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the templates into (created if needed).")
@click.option("--replace", is_flag=True,
              help="Write over the templates already in the folder (those you filled in are lost).")
def template(directory: Path, replace: bool) -> None:
    """Write documented spreadsheet templates (CSV and XLSX) for actors and their links.

    Templates already in the folder are left alone (nothing is written) unless --replace.

    \b
    Example: ess-graph template -o modeles/
    """
    in_the_way = existing_templates(directory)
    if in_the_way and not replace:
        raise EssGraphError(f"{in_the_way[0]}: already exists (a template you may have filled in); nothing was "
                            "written: give another folder, or --replace to write over it")
    for path in write_templates(directory, replace=replace):
        click.echo(f"wrote {path}", err=True)


@main.group(name="import")
def import_group() -> None:
    """Import spreadsheets, SCDL grants, SIRENE, the RNA or the French geography as RDF.

    Actors are merged by SIRET, SIREN, RNA number or INSEE code with the shipped graph and the
    --data files; every problem of the input is listed as file:line:column, and nothing is
    written unless the whole input is valid.
    """


for _importer in importers():
    import_group.add_command(import_command(_importer))
