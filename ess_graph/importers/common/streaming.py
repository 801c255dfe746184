"""What the register importers share: the territory filter, the progress meter and the count of
rows it shows, cell access and checking.

The SIRENE and RNA stock files are read once, front to back; a row outside the territory is
dropped after looking at a single cell, before anything is parsed, which is what makes a
département's extract of a national file take minutes and constant memory.
"""

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from . import checks
from .notes import Notes
from .problems import Problems

Progress = Callable[[int, int, int], None]
"""Called with (rows read, rows kept, bytes read) as an import goes."""

PROGRESS_EVERY = 4096
"""Rows read between two calls of the progress callback."""


@dataclass(frozen=True)
class TerritoryFilter:
    """Keeps rows whose commune is one of ``communes`` or lies in one of ``departements``.

    >>> territory = TerritoryFilter.of(["62"], ["59350"])
    >>> territory.accepts("62193"), territory.accepts("59350"), territory.accepts("59009")
    (True, True, False)
    """

    departements: frozenset[str] = frozenset()
    communes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, departements: Iterable[str] = (), communes: Iterable[str] = ()) -> "TerritoryFilter":
        """Checked codes: raises BadValue for a code that is not a département or commune code."""
        return cls(frozenset(map(checks.departement_code, departements)), frozenset(map(checks.commune_code, communes)))

    def __bool__(self) -> bool:
        return bool(self.departements or self.communes)

    def accepts(self, commune: str) -> bool:
        if not self:
            return True
        return commune in self.communes or checks.departement_of_commune(commune) in self.departements


class ProgressMeter:
    """Rows read, rows kept and rows per second on one self-overwriting line of stderr.

    >>> import io
    >>> meter = ProgressMeter(1000, "rna", io.StringIO())
    >>> meter(4096, 12, 500)
    >>> meter.line().startswith("4,096 rows read, 12 kept, ")
    True
    """

    def __init__(self, total_bytes: int, label: str, stream: TextIO | None = None, interval: float = 0.5):
        self.total = total_bytes
        self.label = label
        self.stream = stream or sys.stderr
        self.interval = interval
        self.started = time.monotonic()
        self.shown = 0.0
        self.rows = self.kept = 0

    def __call__(self, rows: int, kept: int, position: int) -> None:
        self.rows, self.kept = rows, kept
        now = time.monotonic()
        if now - self.shown >= self.interval:
            self.shown = now
            share = f"{100 * position / self.total:5.1f}% " if self.total else ""
            self.stream.write(f"\r{self.label}: {share}{self.line(now)}")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        return f"{self.rows:,} rows read, {self.kept:,} kept, {self.rows / elapsed:,.0f} rows/s"

    def finish(self) -> None:
        self.stream.write(f"\r{self.label}: {self.line()}\n")
        self.stream.flush()


class Columns:
    """Positions of a file's columns, for reading cells from a raw row without building a dict.

    >>> siret_of = Columns(["siren", "siret"]).getter("siret")
    >>> siret_of(["380475558", " 38047555800017 "]), siret_of(["380475558"])
    ('38047555800017', '')
    """

    def __init__(self, header: list[str]):
        self.position = {name: i for i, name in enumerate(header)}

    def getter(self, name: str) -> Callable[[list[str]], str]:
        index = self.position.get(name)
        if index is None:
            return lambda cells: ""
        return lambda cells: cells[index].strip() if index < len(cells) else ""


def row_values(header: list[str], cells: list[str]) -> dict[str, str]:
    """A raw row's cells by column name, without surrounding blanks (cells beyond the header dropped).

    >>> row_values(["siren", "siret"], [" 380475558 ", "38047555800017", "extra"])
    {'siren': '380475558', 'siret': '38047555800017'}
    """
    return dict(zip(header, (cell.strip() for cell in cells), strict=False))


def check_cells(where: str, line: int, cells: dict[str, tuple[str, Callable[[str], Any]]],
                problems: Problems) -> dict[str, Any] | None:
    """Each column's text parsed (None when empty); None after reporting every bad one.

    >>> problems = Problems()
    >>> check_cells("rna.csv", 2, {"id": ("W622001234", checks.rna), "siret": ("", checks.siret)}, problems)
    {'id': 'W622001234', 'siret': None}
    >>> check_cells("rna.csv", 3, {"id": ("X1", checks.rna)}, problems), problems.total
    (None, 1)
    """
    values: dict[str, Any] = {}
    bad = False
    for column, (text, parse) in cells.items():
        if not text:
            values[column] = None
            continue
        try:
            values[column] = parse(text)
        except checks.BadValue as exc:
            problems.add(where, line, column, str(exc))
            bad = True
    return None if bad else values


class RowCount:
    """The rows a streamed import has read, kept and left out (by reason), told to ``progress``
    every few thousand rows and at the end; the rows neither kept nor left out had problems.

    >>> seen = []
    >>> count = RowCount(lambda rows, kept, position: seen.append((rows, kept, position)), lambda: 512)
    >>> count.read(); count.keep(); count.read(); count.leave_out("outside the territory"); count.finish()
    >>> seen, count.summary()
    ([(2, 1, 512)], '2 rows read: 1 kept; left out: 1 outside the territory')
    """

    def __init__(self, progress: Progress | None, position: Callable[[], int], notes: Notes | None = None):
        self.progress = progress
        self.position = position
        self.notes = notes if notes is not None else Notes()
        self.rows = self.kept = 0

    def read(self) -> None:
        """One more row read."""
        self.rows += 1
        if self.progress is not None and self.rows % PROGRESS_EVERY == 0:
            self.progress(self.rows, self.kept, self.position())

    def keep(self) -> None:
        """One more row kept."""
        self.kept += 1

    def leave_out(self, reason: str) -> None:
        """One more row left out on purpose, for ``reason`` (a phrase that follows a count)."""
        self.notes.leave_out(reason)

    def summary(self) -> str:
        """The rows read, kept, left out by reason, and with problems."""
        left_out = self.notes.left_out
        bad = self.rows - self.kept - left_out
        text = f"{self.rows:,} rows read: {self.kept:,} kept"
        text += f"; left out: {self.notes.reasons_text()}" if left_out else ""
        return text + (f"; {bad:,} with problems" if bad else "")

    def lines(self) -> list[str]:
        """The summary, then the remarks of the import, for its notes."""
        return [self.summary(), *self.notes.remarks]

    def finish(self) -> None:
        """The input is read: tell the final count."""
        if self.progress is not None:
            self.progress(self.rows, self.kept, self.position())
