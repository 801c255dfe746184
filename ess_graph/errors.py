"""The exceptions of ess-graph: one base class, and subclasses a program can tell apart.

Every error a user can fix is an :class:`EssGraphError`. Its message is one line that names the
value, file, line or field at fault and says what is wrong; the command line prints it as is
(adding the option it came from) and exits with status 2, never with a traceback. Library
messages speak of values and files, never of command-line flags.

    >>> from ess_graph import AmbiguousName, EssGraphError, NameNotFound
    >>> issubclass(NameNotFound, EssGraphError), issubclass(AmbiguousName, EssGraphError)
    (True, True)
"""

import copy
from collections.abc import Sequence
from typing import Self


class EssGraphError(Exception):
    """A problem the user can fix, told in one line.

    >>> str(EssGraphError("mine.ttl:3: bad Turtle syntax"))
    'mine.ttl:3: bad Turtle syntax'
    """

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
           "NameNotFound", "OutputError", "StoreError", "first_line"]
