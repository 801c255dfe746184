"""Reading the cells of one spreadsheet row: each checked, every problem reported, and the row
left out when any cell is bad.

A person fixing a spreadsheet wants every bad cell of a row at once, so a failing cell does not
stop the reading of the others: :class:`Cells` records that the row is bad and goes on, and
:meth:`Cells.check` leaves the row out at the end.
"""

from collections.abc import Callable
from typing import TypeVar

from rdflib import URIRef

from ..common import checks
from ..common.problems import Problems
from ..common.tables import Row
from .model import SEPARATOR

Value = TypeVar("Value")


class BadRow(Exception):
    """A row already reported as bad; its record is left out.

    >>> issubclass(BadRow, Exception)
    True
    """


def many(text: str) -> list[str]:
    """The values of a cell that holds several, separated by semicolons.

    >>> many("mobility; work-integration;")
    ['mobility', 'work-integration']
    """
    return [part.strip() for part in text.split(SEPARATOR) if part.strip()]


class Cells:
    """The cells of one row, read one by one; a bad cell is reported and the reading goes on.

    >>> row = Row("actors.csv", 2, {"siret": "123", "rna": "W622001234"})
    >>> problems = Problems()
    >>> cells = Cells(row, problems)
    >>> cells.parsed("siret", checks.siret), cells.parsed("rna", checks.rna), cells.bad
    (None, 'W622001234', True)
    >>> print(problems.kept[0])
    actors.csv:2:siret: '123' is not a SIRET number (14 digits: SIREN + NIC)
    """

    def __init__(self, row: Row, problems: Problems):
        self.row = row
        self.problems = problems
        self.bad = False

    def report(self, column: str | None, message: str) -> None:
        """Report a problem of the row; the row will be left out."""
        self.problems.add(self.row.where, self.row.line, column, message)
        self.bad = True

    def take(self, read: Callable[[], Value]) -> Value | None:
        """What ``read`` returns, or None when it raised BadRow (having reported why)."""
        try:
            return read()
        except BadRow:
            self.bad = True
            return None

    def parsed(self, column: str, parse: Callable[[str], Value]) -> Value | None:
        """The cell's value as ``parse`` reads it; None when the cell is empty or bad."""
        text = self.row.get(column)
        if not text:
            return None
        try:
            return parse(text)
        except checks.BadValue as exc:
            self.report(column, str(exc))
            return None

    def concepts(self, column: str, find: Callable[[str], URIRef | None], what: str) -> list[URIRef]:
        """The concepts a cell names, one per value; every unknown value is reported."""
        found = []
        for part in many(self.row.get(column)):
            concept = find(part)
            if concept is None:
                self.report(column, f"unknown {what} '{part}' (see the lists in the template README)")
            else:
                found.append(concept)
        return found

    def concept(self, column: str, find: Callable[[str], URIRef | None], what: str) -> URIRef | None:
        """The one concept a single-valued cell names (None when empty); several values are reported.

        >>> from ess_graph.importers.common.concepts import vocabulary
        >>> problems = Problems()
        >>> cells = Cells(Row("fundings.csv", 2, {"status": "done;planned"}), problems)
        >>> cells.concept("status", vocabulary().statuses.find, "status"), str(problems.kept[0])
        (None, "fundings.csv:2:status: 'done;planned' gives 2 values: give one status")
        """
        parts = many(self.row.get(column))
        if len(parts) > 1:
            self.report(column, f"'{self.row.get(column)}' gives {len(parts)} values: give one {what}")
            return None
        found = self.concepts(column, find, what)
        return found[0] if found else None

    def required(self, column: str) -> str:
        """The text of a cell the template requires; an empty one is reported."""
        text = self.row.get(column)
        if not text:
            self.report(column, "empty: this column is required")
        return text

    def check(self) -> None:
        """Leave the row out (raise BadRow) if any of its cells was bad."""
        if self.bad:
            raise BadRow
