"""The importers ess-graph knows, each described once: its name, the files it reads, its options
and how to run it.

The command line builds ``ess-graph import NAME`` from these descriptions (arguments from
:class:`Input`, flags from the fields of the options dataclass, the help from ``purpose`` and
:class:`Example`), so a new importer needs no wiring there: its module calls :func:`register`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from rdflib import Graph

from .common.options import option_fields
from .common.problems import Problems
from .common.streaming import Progress
from .common.triples import Record

Options = TypeVar("Options")


@dataclass(frozen=True)
class Input:
    """The files an importer reads, given before its options: one, or several when ``many``.

    >>> Input("files", many=True)
    Input(name='files', many=True)
    """

    name: str
    many: bool = False


@dataclass(frozen=True)
class Example:
    """A run of an importer, for its help: the input files, the options (those that differ from
    their defaults are shown) and the output file.

    >>> from ess_graph.importers.common.options import EncodingOptions
    >>> Example(("subventions-2023.csv",), EncodingOptions(), "subventions.ttl").output
    'subventions.ttl'
    """

    inputs: tuple[str, ...]
    options: object
    output: str


@dataclass(frozen=True)
class Job(Generic[Options]):
    """One run of an importer: the graph it merges into, the files it reads, its options, where its
    problems are collected, and what to tell of its progress.

    >>> from ess_graph.importers.common.options import EncodingOptions
    >>> Job(Graph(), [Path("actors.csv")], EncodingOptions(), Problems()).progress is None
    True
    """

    graph: Graph
    paths: list[Path]
    options: Options
    problems: Problems
    progress: Progress | None = None


def _no_notes() -> list[str]:
    return []


@dataclass(frozen=True)
class Run:
    """What a run gives: its records, read as they are iterated, and, once they are all read,
    notes on what it left aside.

    >>> Run([]).notes()
    []
    """

    records: Iterable[Record]
    notes: Callable[[], list[str]] = field(default=_no_notes)


@dataclass(frozen=True)
class Importer(Generic[Options]):
    """An importer as the command line sees it.

    ``options`` is a frozen dataclass whose fields are declared with
    :func:`~.common.options.option`; ``lenient`` says that bad rows can be left out instead of
    failing the run, ``progress`` that the run reads its first input front to back and can tell
    how far it is, ``standard_output`` that its records may go to standard output.

    >>> sorted(importer.name for importer in importers())
    ['geography', 'rna', 'sheet', 'sirene', 'subventions']
    """

    name: str
    purpose: str
    options: type[Options]
    run: Callable[[Job[Options]], Run]
    example: Example
    input: Input | None = None
    lenient: bool = False
    progress: bool = False
    standard_output: bool = False


_REGISTRY: dict[str, Importer[Any]] = {}


def register(importer: Importer[Options]) -> Importer[Options]:
    """Make ``importer`` known to :func:`importers` (and so to the command line); two importers
    cannot share a name.

    >>> register(importers()[0])
    Traceback (most recent call last):
    ...
    ValueError: two importers are named geography
    """
    option_fields(importer.options)  # a dataclass, or TypeError
    if importer.name in _REGISTRY:
        raise ValueError(f"two importers are named {importer.name}")
    _REGISTRY[importer.name] = importer
    return importer


def importers() -> list[Importer[Any]]:
    """Every registered importer, by name.

    >>> importers()[-1].name
    'subventions'
    """
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]
