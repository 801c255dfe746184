"""Reading tabular files (CSV or XLSX) row by row, keeping each cell's file, line and column.

CSV files are read as bytes and decoded line by line, so that a wrong encoding is reported at
its line and the reading goes on (one pass, every problem); the separator (comma, semicolon,
tab) is taken from the header row. Nothing is held in memory beyond the current row, which is
what lets the SIRENE and RNA importers stream files of several gigabytes.
"""

import codecs
import csv
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ...errors import EssGraphError
from .options import OptionError
from .problems import Fix, Problems

DELIMITERS = (",", ";", "\t", "|")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
WINDOWS_ENCODING = Fix("encoding", "cp1252", "if the file comes from Excel on Windows")
"""What a file that is not UTF-8 most often needs."""

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class Row:
    """One data row: its values by column name, and where it stands.

    >>> Row("actors.csv", 2, {"name": "Terre d'Opale"}).get("siret")
    ''
    """

    where: str
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The cell's text without surrounding blanks ('' when empty or absent)."""
        return self.values.get(column, "")


@dataclass
class Table:
    """A header and the rows under it, read lazily.

    >>> table = Table("actors.csv", None, ["name", "siret"], iter([(2, [" Terre d'Opale "])]))
    >>> [row.values for row in table.rows()]
    [{'name': "Terre d'Opale", 'siret': ''}]
    """

    where: str
    sheet: str | None
    columns: list[str]
    records: Iterator[tuple[int, list[str]]]
    position: Callable[[], int] = lambda: 0

    def rows(self) -> Iterator[Row]:
        """Rows as name -> text mappings (cells beyond the header are ignored, missing ones are '')."""
        columns = self.columns
        for line, cells in self.records:
            values = {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns)}
            yield Row(self.where, line, values)


def is_workbook(path: Path) -> bool:
    """Whether a file is an Excel workbook, by its extension.

    >>> is_workbook(Path("ess-graph.XLSX")), is_workbook(Path("actors.csv"))
    (True, False)
    """
    return path.suffix.lower() in EXCEL_SUFFIXES


def _decoded(lines: Iterable[bytes], where: str, encoding: str, problems: Problems) -> Iterator[str]:
    for number, raw in enumerate(lines, 1):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            utf8 = encoding.replace("-", "").lower() == "utf8"
            problems.add(where, number, None,
                         f"not valid {encoding} text: byte 0x{raw[exc.start]:02x} at character {exc.start + 1}",
                         WINDOWS_ENCODING if utf8 else None)
            text = raw.decode(encoding, errors="replace")
        if number == 1:
            text = text.lstrip("\ufeff")
        yield text


def check_encoding(encoding: str) -> None:
    """Refuse, as an error about the ``encoding`` option, a name that is no text encoding.

    >>> check_encoding("cp1252")
    >>> check_encoding("Atlantis")
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.options.OptionError: encoding: 'Atlantis' is not a text encoding (e.g. utf-8, ...)
    """
    try:
        codecs.lookup(encoding)
        b"a".decode(encoding)  # codecs that are not for text (rot13, base64) fail here
    except UnicodeDecodeError:
        pass  # a text encoding, in which "a" alone is not a text (utf-16)
    except LookupError:
        raise OptionError(lambda name: f"{name('encoding')}: {encoding!r} is not a text encoding "
                                       "(e.g. utf-8, cp1252, latin-1)") from None


def read_csv(path: Path, problems: Problems, *, encoding: str = "utf-8", where: str | None = None) -> Table:
    """Open a CSV file whose first row is the header; an empty file is an error.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "rna.csv"
    ...     _ = path.write_text("id;titre\\nW622001234;JARDINS\\n")
    ...     table = read_csv(path, Problems(), where="rna.csv")
    ...     table.columns, list(table.records)
    (['id', 'titre'], [(2, ['W622001234', 'JARDINS'])])
    """
    where = where or str(path)
    check_encoding(encoding)
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed when the records are exhausted)
    except OSError as exc:
        raise EssGraphError(f"{path}: cannot open ({exc.strerror})") from None
    lines = _decoded(handle, where, encoding, problems)
    first = next(lines, None)
    if first is None or not first.strip():
        handle.close()
        raise EssGraphError(f"{where}: empty file (a header row is expected)")
    delimiter = max(DELIMITERS, key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))

    def records() -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(lines, delimiter=delimiter)
        previous = 1
        try:
            for cells in reader:
                start, previous = previous + 1, reader.line_num + 1
                if cells and any(cells):
                    if len(cells) != len(header):
                        problems.add(where, start, None,
                                     f"{len(cells)} fields where the header has {len(header)}")
                    yield start, cells
        except csv.Error as exc:
            problems.add(where, previous + 1, None, f"malformed CSV ({exc})")
        finally:
            handle.close()

    size = os.path.getsize(path)
    return Table(where, None, [c.strip() for c in header], records(),
                 lambda: size if handle.closed else handle.tell())


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(path: Path, problems: Problems, *, skip: Callable[[str], bool] = lambda name: False) -> list[Table]:
    """Every sheet of an XLSX workbook as a table (sheets for which ``skip`` is true left out).

    >>> import tempfile
    >>> from openpyxl import Workbook
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     book = Workbook()
    ...     book.active.title = "actors"
    ...     book.active.append(["name", "siret"])
    ...     book.active.append(["Terre d'Opale", None])
    ...     book.save(Path(folder) / "book.xlsx")
    ...     [(t.sheet, t.columns, list(t.records)) for t in read_workbook(Path(folder) / "book.xlsx", Problems())]
    [('actors', ['name', 'siret'], [(2, ["Terre d'Opale", ''])])]
    """
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError) as exc:
        raise EssGraphError(f"{path}: not a readable XLSX workbook ({exc})") from None
    tables = []
    for sheet in workbook.worksheets:
        if skip(sheet.title):
            continue
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        where = f"{path}[{sheet.title}]"
        if header is None or not any(cell is not None for cell in header):
            continue
        columns = [_cell_text(cell).strip() for cell in header]
        while columns and not columns[-1]:
            columns.pop()
        records = ((number, [_cell_text(cell) for cell in cells])
                   for number, cells in enumerate(rows, 2) if any(_cell_text(cell).strip() for cell in cells))
        tables.append(Table(where, sheet.title, columns, records))
    return tables


def check_columns(table: Table, problems: Problems, *, required: Iterable[str], optional: Iterable[str] = (),
                  allow_unknown: bool = False) -> bool:
    """Report missing, duplicated and (unless allowed) unknown columns; True when the rows can be read.

    >>> problems = Problems()
    >>> check_columns(Table("fundings.csv", None, ["funder"], iter([])), problems, required=["funder", "recipient"])
    False
    >>> print(problems.kept[0])
    fundings.csv:1: missing column 'recipient'
    """
    required = list(required)
    known = set(required) | set(optional)
    seen: set[str] = set()
    usable = True
    for column in table.columns:
        if column in seen:
            problems.add(table.where, 1, column, "column given twice")
            usable = False
        seen.add(column)
        if column and column not in known and not allow_unknown:
            problems.add(table.where, 1, column, f"unknown column (expected: {', '.join(sorted(known))})")
    for column in required:
        if column not in seen:
            problems.add(table.where, 1, None, f"missing column '{column}'")
            usable = False
    return usable


def require_columns(table: Table, problems: Problems, required: Iterable[str]) -> None:
    """Stop at once, whatever the leniency of ``problems``, when a streamed file lacks a column its
    rows cannot do without (other columns are allowed: the registers add some every year).

    >>> from ess_graph.errors import InvalidInput
    >>> problems = Problems(strict=False)
    >>> table = Table("rna.csv", None, ["id"], iter([]))
    >>> try:
    ...     require_columns(table, problems, ["id", "titre"])
    ... except InvalidInput as error:
    ...     print(error, "-", error.problems[0])
    1 problem in the input; nothing written - rna.csv:1: missing column 'titre'
    """
    if not check_columns(table, problems, required=required, allow_unknown=True):
        problems.strict = True
        problems.raise_if_any()
