"""Importing the spreadsheets an ESS officer keeps: actors, and their fundings, partnerships,
supports, memberships and places (the tables of :mod:`.model`), from CSV or XLSX files.

Spreadsheets are small, so the import reads every table first - checking every cell and
collecting every problem - and only then yields records: links may name an actor defined
further down or in another file. The kind of each sheet (:mod:`.kinds`) turns its rows into
records. Actors are found by identifier in the graphs merged into (one actor, one node), or by
name, which a note tells; links get IRIs hashed from what they are (their kind, their nodes, their
start date...), so re-importing the same file gives the same triples and re-importing it after
editing a link's status, end date or amount updates that link.
"""

from collections.abc import Iterator, Sequence
from pathlib import Path

from rdflib import Graph

from ...vocab.shortcuts import record_shortcuts
from ..common.concepts import vocabulary
from ..common.identity import IdentityIndex
from ..common.notes import Imported, Notes
from ..common.options import EncodingOptions
from ..common.places import Communes
from ..common.problems import Problems
from ..common.provenance import source_file
from ..common.tables import Row, Table, check_columns, is_workbook, read_csv, read_workbook
from ..common.triples import Record
from ..registry import Example, Importer, Input, Job, Run, register
from .cells import BadRow
from .context import SheetImport
from .kinds import KINDS
from .model import SHEET_BY_KEY, Sheet, sheet_for

NOTES_SHEETS = ("readme", "values", "lisez-moi")
"""Workbook sheets that document the template and hold no data."""


def _tables(paths: list[Path], problems: Problems, encoding: str) -> list[tuple[Path, Table, Sheet | None]]:
    found = []
    for path in paths:
        if is_workbook(path):
            tables = read_workbook(path, problems, skip=lambda name: name.strip().lower() in NOTES_SHEETS)
            found += [(path, table, sheet_for(table.columns, table.sheet)) for table in tables]
        else:
            table = read_csv(path, problems, encoding=encoding)
            found.append((path, table, sheet_for(table.columns, path.stem)))
    return found


def is_documentation(row: Row) -> bool:
    """Whether a row is documentation, not data: its first cell starts with ``#`` (the templates'
    explanation and example rows do, until the example is kept).

    >>> is_documentation(Row("actors.csv", 2, {"id": "# Clé de l'acteur", "name": ""}))
    True
    """
    return next(iter(row.values.values()), "").startswith("#")


def _readable(tables: list[tuple[Path, Table, Sheet | None]], problems: Problems,
              notes: Notes) -> list[tuple[Path, Table, Sheet, list[Row]]]:
    """The tables whose template and columns are right, with their rows (``#`` rows left out and
    counted in the notes), actors first."""
    readable = []
    for path, table, sheet in tables:
        if sheet is None:
            problems.add(table.where, 1, None, "cannot tell which template this table follows (expected the columns "
                         "of one of: " + ", ".join(SHEET_BY_KEY) + ")")
            continue
        if check_columns(table, problems, required=sheet.required, optional=sheet.names):
            rows = list(table.rows())
            data = [row for row in rows if not is_documentation(row)]
            if len(data) < len(rows):
                skipped = len(rows) - len(data)
                notes.remark(f"{table.where}: {skipped} row{'s' if skipped > 1 else ''} whose first cell starts "
                             "with # left out as documentation")
            readable.append((path, table, sheet, data))
    return sorted(readable, key=lambda t: not KINDS[t[2].key].read_first)


def import_sheets(paths: Sequence[Path | str], graph: Graph, *, encoding: str = "utf-8",
                  problems: Problems | None = None) -> Imported:
    """Check every table of ``paths`` and yield its records, merging actors into ``graph`` by identifier.

    Raises :class:`~ess_graph.errors.InvalidInput` listing every bad cell before yielding anything.
    The notes tell what the import did that a person should know (a row matched to a node of the
    graph by its name).

    >>> from ess_graph.errors import EssGraphError
    >>> try:
    ...     list(import_sheets(["actors.csv"], Graph()))
    ... except EssGraphError as error:
    ...     print(error)
    actors.csv: cannot open (No such file or directory)
    """
    problems = problems if problems is not None else Problems()
    index = IdentityIndex.from_graph(graph)
    shared = SheetImport(graph, index, vocabulary(), problems, Communes(index, graph))
    return Imported(_records([Path(p) for p in paths], shared, encoding), shared.notes.lines)


def _records(files: list[Path], shared: SheetImport, encoding: str) -> Iterator[Record]:
    problems = shared.problems
    tables = _tables(files, problems, encoding)
    sources = {path: source_file(path, "Tableau importé avec ess-graph import sheet.") for path in files}
    records: list[Record] = []
    for path, table, sheet, rows in _readable(tables, problems, shared.notes):
        kind, source = KINDS[sheet.key], sources[path]
        for row in rows:
            try:
                record = kind.record(shared, row, source.row(row.line, table.sheet))
            except BadRow:
                continue
            records.append(source.row_triples(row.line, table.sheet) + record +
                           record_shortcuts(record, shared.vocab.shortcut_rules))
    problems.raise_if_any()
    for path in files:
        yield sources[path].triples()
    yield from records


def _run(job: Job[EncodingOptions]) -> Run:
    imported = import_sheets(job.paths, job.graph, encoding=job.options.encoding, problems=job.problems)
    return Run(imported, imported.notes)


IMPORTER = register(Importer(
    name="sheet", purpose="Import filled-in templates (CSV files or an XLSX workbook).",
    options=EncodingOptions, run=_run, input=Input("files", many=True),
    example=Example(("actors.csv", "fundings.csv"), EncodingOptions(), "mes-acteurs.ttl")))
