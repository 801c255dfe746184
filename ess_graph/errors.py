"""The exceptions of ess-graph: one base class, and subclasses a program can tell apart.

Every error a user can fix is an :class:`EssGraphError`. Its message is one line that names the
value, file, line or field at fault and says what is wrong; the command line prints it as is
(adding the option it came from) and exits with status 2, never with a traceback. Library
messages speak of values and files, never of command-line flags: an error about the value of
one argument says so with :meth:`EssGraphError.about` (or is an :class:`InvalidValue`), and the
command line puts the option that gave the value in the argument's place.

    >>> from ess_graph import AmbiguousName, EssGraphError, NameNotFound
    >>> issubclass(NameNotFound, EssGraphError), issubclass(AmbiguousName, EssGraphError)
    (True, True)
"""

import copy
import unicodedata
from collections.abc import Sequence
from typing import Self


class EssGraphError(Exception):
    """A problem the user can fix, told in one line.

    >>> str(EssGraphError("mine.ttl:3: bad Turtle syntax"))
    'mine.ttl:3: bad Turtle syntax'
    """

    field: str | None = None
    """The library argument whose value is at fault, when the error is about one: the message then
    starts with ``field: ``, which the command line replaces by the option (see :meth:`given_as`)."""

    def __str__(self) -> str:
        """The message, on one line whatever the values it quotes: a newline (or another control
        character) typed into a value is written as in a Python string.

        >>> str(NameNotFound("no territory is named 'Calais\\nNord'"))
        "no territory is named 'Calais\\\\nNord'"
        """
        return one_line(super().__str__())

    def prefixed(self, where: str) -> Self:
        """The same error, of the same class and with the same details, its message starting with
        ``where``: what the value was given for (a parameter, an option).

        >>> error = NameNotFound("no actor is named 'Galilé'", suggestions=("Galilée",))
        >>> moved = error.prefixed("parameter 'actor'")
        >>> str(moved), moved.suggestions
        ("parameter 'actor': no actor is named 'Galilé'", ('Galilée',))
        """
        moved = copy.copy(self)
        moved.args = (f"{where}: {self}",)
        return moved

    def about(self, field: str) -> Self:
        """The same error, of the same class, told about the value of the argument ``field``.

        A library message names the argument, so that a notebook user knows what to fix; the
        command line, which knows which option gave that argument, names the option instead
        (:meth:`given_as`). The message never names a flag.

        >>> error = NameNotFound("unknown parameter 'colour'").about("assignments")
        >>> str(error), error.field, type(error).__name__
        ("assignments: unknown parameter 'colour'", 'assignments', 'NameNotFound')
        """
        moved = self.prefixed(field)
        moved.field = field
        return moved

    def given_as(self, option: str) -> Self:
        """The same error, told about the command-line ``option`` that gave the value: ``option``
        takes the place of the argument's name (:attr:`field`), or comes first if there is none.

        This is how the command line adds the flag to a library message. The result is about an
        option, no longer about an argument: its ``field`` is None, so nothing names it twice.

        >>> moved = InvalidValue("-1 is negative", field="depth").given_as("--depth")
        >>> str(moved), moved.field
        ('--depth: -1 is negative', None)
        >>> str(EssGraphError("no such candidate").given_as("--explain 9"))
        '--explain 9: no such candidate'
        """
        told = str(self)
        head = f"{self.field}: "
        moved = self.prefixed(option)
        if self.field is not None and told.startswith(head):
            moved.args = (f"{option}: {told[len(head):]}",)
        moved.field = None
        return moved


class NameNotFound(EssGraphError):
    """A name, IRI or query name that designates nothing of the kind asked for.

    ``suggestions`` holds the closest names, for a "did you mean".

    >>> error = NameNotFound("no territory is named 'Calais-Nord'", suggestions=("Calais",))
    >>> error.suggestions
    ('Calais',)
    """

    def __init__(self, message: str, *, suggestions: Sequence[str] = ()):
        super().__init__(message)
        self.suggestions = tuple(suggestions)


class AmbiguousName(EssGraphError):
    """A name that fits several nodes; ``candidates`` holds their IRIs, so a program can choose.

    >>> error = AmbiguousName("'Calais' names 2 actors", candidates=("essd:calais", "essd:port-de-calais"))
    >>> len(error.candidates)
    2
    """

    def __init__(self, message: str, *, candidates: Sequence[str] = ()):
        super().__init__(message)
        self.candidates = tuple(candidates)


class InvalidQuery(EssGraphError):
    """A SPARQL query that cannot run: bad syntax, an update, ``SERVICE``, a wrong parameter.

    >>> InvalidQuery("query:1:8: SPARQL syntax error near '}'").args[0]
    "query:1:8: SPARQL syntax error near '}'"
    """


class InvalidValue(EssGraphError):
    """A value out of range or not among the choices, given for the library argument ``field``
    (``depth``, ``relations``, ``layout``...); the message is ``field: problem``.

    A program tells which argument to fix from ``field``; the command line, which knows which
    option gave that argument, names the option instead (:meth:`EssGraphError.given_as`).

    >>> error = InvalidValue("-1 is negative; give 0 (the actor alone) or more", field="depth")
    >>> str(error), error.field
    ('depth: -1 is negative; give 0 (the actor alone) or more', 'depth')
    """

    def __init__(self, problem: str, *, field: str | None = None):
        super().__init__(f"{field}: {problem}" if field is not None else problem)
        self.field = field


class InvalidInput(EssGraphError):
    """A file that cannot be read as it should: its ``file``, and the ``line`` and ``column`` (a
    number, or a spreadsheet's column name) when they are known. The message already names them.

    >>> error = InvalidInput("mine.ttl:3: bad Turtle syntax", file="mine.ttl", line=3)
    >>> error.file, error.line, error.column
    ('mine.ttl', 3, None)
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 column: int | str | None = None):
        super().__init__(message)
        self.file, self.line, self.column = file, line, column


class EndpointError(EssGraphError):
    """A SPARQL endpoint that cannot be reached, refuses a query or answers something else.

    >>> isinstance(EndpointError("http://127.0.0.1:1/sparql: cannot reach the endpoint"), EssGraphError)
    True
    """


class QueryTimeout(EssGraphError):
    """A query that did not finish within its time limit, ``seconds``; it was stopped.

    >>> error = QueryTimeout("the query did not finish within 60 s", seconds=60.0)
    >>> isinstance(error, EssGraphError), error.seconds
    (True, 60.0)
    """

    def __init__(self, message: str, *, seconds: float):
        super().__init__(message)
        self.seconds = seconds


class StoreError(EssGraphError):
    """An on-disk store that is missing, locked, not a store, or cannot be read.

    >>> isinstance(StoreError("ess-store: no store there"), EssGraphError)
    True
    """


class OutputError(EssGraphError):
    """An output file that cannot be written: a missing permission, a file where a folder should
    be, a full disk.

    >>> isinstance(OutputError("out/map.html: cannot write: no space left on device"), EssGraphError)
    True
    """


class GraphTooLarge(EssGraphError):
    """A store or endpoint too large to be read whole into memory: work on one territory of it.

    >>> issubclass(GraphTooLarge, EssGraphError)
    True
    """


class MapTooLarge(EssGraphError):
    """A map of more nodes than a browser can lay out and read: ``nodes`` it would have (at least
    that many when ``at_least``: the count stopped early) and the ``limit``. The message ends by
    saying how to narrow the map; the command line says it with its own options.

    >>> error = MapTooLarge("the map would have 4,000 nodes, more than a browser can lay out (3,000)",
    ...                     nodes=4000, limit=3000)
    >>> error.nodes, error.limit, error.at_least
    (4000, 3000, False)
    """

    def __init__(self, message: str, *, nodes: int = 0, limit: int = 0, at_least: bool = False):
        super().__init__(message)
        self.nodes, self.limit, self.at_least = nodes, limit, at_least


def one_line(text: str) -> str:
    r"""``text`` with its line breaks and other control characters escaped as in a Python string,
    so that it prints as one line.

    >>> one_line("Galilée\n<script>")
    'Galilée\\n<script>'
    """
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def first_line(error: BaseException | str) -> str:
    """The first line of an exception's message (or of a text), or the exception's class name.

    Engines and parsers raise multi-line messages; ess-graph shows one line.

    >>> first_line(ValueError("bad IRI\\n  at offset 3"))
    'bad IRI'
    >>> first_line(RuntimeError())
    'RuntimeError'
    """
    text = str(error).strip()
    if text:
        return text.splitlines()[0]
    return "" if isinstance(error, str) else type(error).__name__


__all__ = ["AmbiguousName", "EndpointError", "EssGraphError", "GraphTooLarge", "InvalidInput", "InvalidQuery",
           "InvalidValue", "MapTooLarge", "NameNotFound", "OutputError", "QueryTimeout", "StoreError", "first_line"]
