"""The options of an importer, declared once: a frozen dataclass whose fields say what each option
takes (its type and default) and what it is for (its help, in the library's words).

Library callers build the dataclass; the command line reads its fields to make its flags, so an
option an importer declares is on the command line without more wiring. The options several
importers share (the text encoding, the territory filter) are declared here, and
:class:`OptionError`, whose message names options as its reader knows them.
"""

from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields, is_dataclass
from typing import Any

from ...errors import EssGraphError
from .checks import BadValue
from .problems import Spelling
from .streaming import TerritoryFilter


class OptionError(EssGraphError):
    """An option whose value (or absence) stops an import before it reads a row. ``words`` writes
    the message with the options named by a :data:`~.problems.Spelling`: the message is in the
    library's words (the options' names); :meth:`spelled` gives it in the caller's (flags).

    >>> error = OptionError(lambda name: f"{name('departements')}: '6Z' is not a département code")
    >>> print(error)
    departements: '6Z' is not a département code
    >>> print(error.spelled(lambda option: "--departement"))
    --departement: '6Z' is not a département code
    """

    def __init__(self, words: Callable[[Spelling], str]):
        super().__init__(words(str))
        self.words = words

    def spelled(self, spelling: Spelling) -> str:
        """The message, with the options named by ``spelling``."""
        return self.words(spelling)


def option(default: Any = MISSING, *, help: str, metavar: str | None = None) -> Any:
    """A field of an options dataclass with its help (and the placeholder of its value); a field
    without a default is required.

    >>> @dataclass(frozen=True)
    ... class Options:
    ...     encoding: str = option("utf-8", help="Text encoding of the files.")
    >>> Options().encoding, help_of(Options.__dataclass_fields__["encoding"])
    ('utf-8', 'Text encoding of the files.')
    """
    return field(default=default, metadata={"help": help, "metavar": metavar})


def option_fields(options: object) -> tuple[Field, ...]:
    """The fields of an options dataclass, or of an instance of one; TypeError for anything else.

    >>> [declared.name for declared in option_fields(TerritoryOptions)]
    ['departements', 'communes']
    """
    if not is_dataclass(options):
        raise TypeError(f"{options!r} is not an options dataclass")
    return fields(options)


def help_of(declared: Field) -> str:
    """The help of an option declared with :func:`option` ('' for a plain field).

    >>> help_of(option_fields(TerritoryOptions)[1])
    'Keep this commune (INSEE code).'
    """
    return str(declared.metadata.get("help", ""))


def metavar_of(declared: Field) -> str | None:
    """The placeholder of an option's value in its help (``CODE``), when it has one.

    >>> metavar_of(option_fields(TerritoryOptions)[0]), metavar_of(option_fields(EncodingOptions)[0])
    ('CODE', None)
    """
    return declared.metadata.get("metavar")


def encoding_option() -> Any:
    """The ``encoding`` option of the importers that read CSV files.

    >>> EncodingOptions().encoding
    'utf-8'
    """
    return option("utf-8", help="Text encoding of the CSV files (cp1252 for files saved by Excel on Windows).")


@dataclass(frozen=True)
class EncodingOptions:
    """The options of an importer whose only option is the text encoding of its CSV files.

    >>> EncodingOptions(encoding="cp1252")
    EncodingOptions(encoding='cp1252')
    """

    encoding: str = encoding_option()


@dataclass(frozen=True)
class TerritoryOptions:
    """Options that keep only the rows of some départements and communes (every row when none is given).

    >>> TerritoryOptions(departements=("62",)).territory().accepts("62193")
    True
    """

    departements: tuple[str, ...] = option((), help="Keep this département (62, 2A, 974).", metavar="CODE")
    communes: tuple[str, ...] = option((), help="Keep this commune (INSEE code).", metavar="CODE")

    def territory(self) -> TerritoryFilter:
        """The filter of the given codes; OptionError for a code that is not a département or commune code."""
        try:
            return TerritoryFilter.of(self.departements, self.communes)
        except BadValue as exc:
            reason = str(exc)
            raise OptionError(lambda name: f"{name('departements')}/{name('communes')}: {reason}") from None

