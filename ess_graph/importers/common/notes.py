"""What an import tells besides its records and its problems, so that nothing it reads goes unsaid:
the rows it left out on purpose, counted by reason, and remarks on what it did with a row (a row
matched to a node by its name...). The command line prints them as ``note:`` lines once the
records are written; a library caller reads :meth:`Imported.notes`.
"""

from collections.abc import Callable, Iterator

from .triples import Record


class Notes:
    """Rows left out by reason, and remarks, in the order they were met.

    >>> notes = Notes()
    >>> notes.leave_out("outside the territory"); notes.leave_out("outside the territory")
    >>> notes.remark("actors.csv:4: matched by name")
    >>> notes.lines()
    ['left out: 2 outside the territory', 'actors.csv:4: matched by name']
    """

    def __init__(self) -> None:
        self.reasons: dict[str, int] = {}
        self.remarks: list[str] = []

    def leave_out(self, reason: str) -> None:
        """One more row left out for ``reason`` (a phrase that follows a count: "outside the territory")."""
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    @property
    def left_out(self) -> int:
        """How many rows were left out, whatever the reason."""
        return sum(self.reasons.values())

    def remark(self, text: str) -> None:
        """A line to tell, as it is."""
        self.remarks.append(text)

    def reasons_text(self) -> str:
        """The counts by reason, most frequent first ('' when no row was left out)."""
        ordered = sorted(self.reasons.items(), key=lambda item: -item[1])
        return ", ".join(f"{count:,} {reason}" for reason, count in ordered)

    def lines(self) -> list[str]:
        return ([f"left out: {self.reasons_text()}"] if self.reasons else []) + self.remarks


class Imported:
    """The records of an import, read as they are iterated (once), and its notes, complete once
    the records are all read.

    >>> imported = Imported(iter([[]]), lambda: ["1 row read"])
    >>> next(imported), imported.notes()
    ([], ['1 row read'])
    """

    def __init__(self, records: Iterator[Record], notes: Callable[[], list[str]]):
        self._records = records
        self._notes = notes

    def __iter__(self) -> Iterator[Record]:
        return self

    def __next__(self) -> Record:
        return next(self._records)

    def notes(self) -> list[str]:
        """What the import left out and did, so far (all of it once the records are read)."""
        return self._notes()
