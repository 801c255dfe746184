"""Collecting every problem of an input in one pass, each tied to its file, line and column.

Importers never stop at the first bad cell: a person fixing a spreadsheet wants the whole list.
They record problems as they read and, once the input is exhausted, :meth:`Problems.raise_if_any`
turns them into one :class:`InvalidRows` (an :class:`~ess_graph.errors.InvalidInput`), so that
nothing is written. Streaming importers read files far larger than memory: past ``limit``
problems only the count grows.

A problem an option would likely clear says so (:class:`Fix`), naming the option the way its
reader knows it: the library by the option's name, the command line by its flag.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ...errors import InvalidInput

Spelling = Callable[[str], str]
"""How a message names an importer's option: the library writes the option's name (``str``), the
command line its flag."""


@dataclass(frozen=True)
class Fix:
    """An option value that would likely clear a problem, and when.

    >>> Fix("encoding", "cp1252", "if the file comes from Excel on Windows").describe()
    'if the file comes from Excel on Windows, give encoding cp1252'
    """

    option: str
    value: str
    when: str

    def describe(self, spelling: Spelling = str) -> str:
        """The advice, the option named by ``spelling``."""
        return f"{self.when}, give {spelling(self.option)} {self.value}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the input, where a person can find it.

    >>> print(Problem("actors.csv", 2, "siret", "'123' is not a SIRET number"))
    actors.csv:2:siret: '123' is not a SIRET number
    """

    where: str
    line: int | None
    column: str | None
    message: str
    fix: Fix | None = None

    def describe(self, spelling: Spelling = str) -> str:
        """Where the problem is, what it is, and the fix if there is one (its option named by ``spelling``)."""
        place = self.where
        if self.line is not None:
            place += f":{self.line}"
        if self.column is not None:
            place += f":{self.column}"
        return f"{place}: {self.message}" + (f" ({self.fix.describe(spelling)})" if self.fix else "")

    def __str__(self) -> str:
        return self.describe()


class InvalidRows(InvalidInput):
    """The input has problems; ``problems`` lists them (up to the collector's limit), and
    ``file``, ``line`` and ``column`` are those of the first.

    >>> error = InvalidRows([Problem("rna.csv", 2, "id", "'X1' is not an RNA number")], total=3)
    >>> print(error)
    3 problems in the input (and 2 more); nothing written
    >>> list(error.lines())
    ["rna.csv:2:id: 'X1' is not an RNA number", '... and 2 more problems']
    """

    def __init__(self, problems: list[Problem], total: int):
        self.problems = problems
        self.total = total
        more = f" (and {total - len(problems)} more)" if total > len(problems) else ""
        first = problems[0] if problems else None
        super().__init__(f"{total} problem{'s' if total != 1 else ''} in the input{more}; nothing written",
                         file=first.where if first else None, line=first.line if first else None,
                         column=first.column if first else None)

    def lines(self, spelling: Spelling = str) -> Iterator[str]:
        """One line per problem (options named by ``spelling``), then a line for those left out."""
        yield from (problem.describe(spelling) for problem in self.problems)
        if self.total > len(self.problems):
            yield f"... and {self.total - len(self.problems)} more problems"


@dataclass
class Problems:
    """The problems met so far; at most ``limit`` are kept, all are counted.

    >>> problems = Problems(limit=1)
    >>> problems.add("rna.csv", 2, "id", "empty"); problems.add("rna.csv", 3, "id", "empty")
    >>> problems.total, len(problems.kept)
    (2, 1)
    """

    limit: int = 1000
    strict: bool = True
    """When False (``--skip-invalid``), bad rows are left out and the rest is still written."""
    kept: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, where: str, line: int | None, column: str | None, message: str, fix: Fix | None = None) -> None:
        """Count one more problem, and keep it while fewer than ``limit`` are kept."""
        self.total += 1
        if len(self.kept) < self.limit:
            self.kept.append(Problem(where, line, column, message, fix))

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self) -> None:
        if self.total and self.strict:
            ordered = sorted(self.kept, key=lambda p: (p.where, p.line or 0))
            raise InvalidRows(ordered, self.total)
