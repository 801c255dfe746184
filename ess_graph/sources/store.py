"""A persistent Oxigraph store holding the vocabulary and a country's worth of data.

rdflib keeps a graph in Python objects: a million triples take it 30-45 s and 1.4 GB to load.
An on-disk Oxigraph store (pyoxigraph's ``Store(path)``, RocksDB underneath) bulk-loads hundreds
of thousands of triples a second and answers SPARQL from its indexes, so a whole country fits.
The analyses written for rdflib graphs (PTCE detection, the map) still run unchanged on one
territory at a time: :mod:`ess_graph.sources.territory` takes the part of the store a territory needs
into an rdflib graph, reading it through a :class:`StoreReader`.

A store is opened read-write only to load it (one writer at a time: RocksDB locks the
directory); commands that read open it read-only, so several can read at once. A store made
by ``open_store(..., writable=True)`` receives the vocabulary and its concept schemes at once,
so that every query sees the class hierarchy next to the data.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ..errors import InvalidInput, StoreError, first_line
from ..io.formats import format_of
from ..vocab.namespaces import ESS
from ..vocab.resources import ontology_files
from . import datasets
from .datasets import reads
from .engine import Term
from .oxigraph import OxigraphEngine, TermConverter

ONTOLOGY = URIRef("https://w3id.org/ess-graph/def")

Progress = Callable[[str, Path | None, int], None]
"""Called with (stage, file, triples so far) as a load goes: ``checking`` every million triples,
``loading`` when a file's bulk load starts, ``compacting`` at the end (file None)."""


@dataclass(frozen=True)
class LoadedFile:
    """One file put into the store: how many triples it holds (None when it was loaded unchecked,
    without counting), and the time spent checking and loading it, so that a slow file shows.

    >>> from ess_graph.vocab.resources import graph_files
    >>> report = load_files(ox.Store(), graph_files())
    >>> first = report.files[0]
    >>> first.path.name, first.triples, first.load_seconds > 0
    ('actors.ttl', 549, True)
    """

    path: Path
    triples: int | None
    check_seconds: float
    load_seconds: float


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_files` did: each file, the time it all took, and the resulting rate.

    >>> report = LoadReport((LoadedFile(Path("sirene-62.nt"), 300_000, 0.5, 1.0),
    ...                      LoadedFile(Path("rna-62.nt"), 100_000, 0.2, 0.3)), seconds=2.0)
    >>> report.triples, report.triples_per_second
    (400000, 200000.0)
    >>> LoadReport((LoadedFile(Path("sirene-62.nt"), None, 0.0, 1.0),), seconds=1.0).triples is None
    True
    """

    files: tuple[LoadedFile, ...]
    seconds: float

    @property
    def triples(self) -> int | None:
        """Triples read from the files (loading a file again reads them again and adds nothing)."""
        counts = [f.triples for f in self.files if f.triples is not None]
        return sum(counts) if len(counts) == len(self.files) else None

    @property
    def triples_per_second(self) -> float | None:
        return None if self.triples is None or not self.seconds else self.triples / self.seconds


# -- opening -------------------------------------------------------------------------------------


def open_store(directory: Path | str, *, writable: bool = False) -> ox.Store:
    """The store in ``directory``.

    ``writable`` opens it for loading, creating it (with the vocabulary) if the directory is
    missing or empty; otherwise it is opened read-only and must already hold the vocabulary.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = open_store(Path(folder) / "ess-store", writable=True)
    ...     print(has_vocabulary(store))
    ...     del store  # the writer's lock goes with it
    ...     print(has_vocabulary(open_store(Path(folder) / "ess-store")))
    ...     try:
    ...         open_store(Path(folder) / "elsewhere")
    ...     except StoreError as error:
    ...         print(str(error).split(": ", 1)[1])
    True
    True
    no store there; make one by loading files into it (ess-graph load)
    """
    directory = Path(directory)
    check_directory(directory, writable=writable)
    if writable and not directory.exists():
        try:
            directory.mkdir(parents=True)  # RocksDB makes the store's folder, not the folders above it
        except OSError as exc:
            raise StoreError(f"{directory}: cannot create the folder ({(exc.strerror or str(exc)).lower()})") from None
    try:
        store = ox.Store(str(directory)) if writable else ox.Store.read_only(str(directory))
    except (OSError, RuntimeError) as exc:  # RocksDB reports a damaged store as a RuntimeError
        raise StoreError(f"{directory}: cannot open the store ({first_line(exc)})") from None
    if writable:
        remove_bulk_leftovers(directory)
    if not has_vocabulary(store):
        if not writable:
            raise StoreError(f"{directory}: the store holds no ess-graph vocabulary; load the vocabulary "
                             "into it (ess-graph load)")
        load_vocabulary(store)
    return store


def check_directory(directory: Path | str, *, writable: bool = False) -> bool:
    """Whether ``directory`` holds a store, once it is known to be one that :func:`open_store` can
    open (for writing: one that no load holds, or a new or empty folder to make one in), so that
    a load can refuse a store it cannot use before it spends time on its files.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     check_directory(Path(folder) / "new", writable=True)
    False
    """
    directory = Path(directory)
    exists = _is_store(directory)
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory}: not a directory")
    if (directory / "CURRENT").exists() and not exists:
        raise StoreError(f"{directory}: holds a CURRENT file but no Oxigraph store (it names no manifest); "
                         "give a store, or a new or empty directory")
    if exists and _held_by_a_writer(directory):
        after = "one load at a time" if writable else "try again when the load has finished"
        raise StoreError(f"{directory}: the store is being loaded by another process; {after}")
    if not exists and (not writable or (directory.is_dir() and any(directory.iterdir()))):
        if writable:
            raise StoreError(f"{directory}: the directory is not empty and holds no Oxigraph store; "
                             "give a new or empty directory")
        raise StoreError(f"{directory}: no store there; make one by loading files into it (ess-graph load)")
    return exists


def is_store(directory: Path | str) -> bool:
    """Whether ``directory`` holds an Oxigraph store, so that a command can tell a store from a
    folder of RDF files before opening anything.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     before = is_store(folder)
    ...     _ = open_store(folder, writable=True)
    ...     before, is_store(folder)
    (False, True)
    """
    return _is_store(Path(directory))


def _is_store(directory: Path) -> bool:
    """RocksDB keeps the name of its current manifest in a file called CURRENT, beside it."""
    current = directory / "CURRENT"
    try:
        manifest = current.read_text(encoding="ascii").strip() if current.is_file() else ""
    except (OSError, UnicodeDecodeError):
        return False
    return bool(re.fullmatch(r"MANIFEST-\d+", manifest)) and (directory / manifest).is_file()


def _held_by_a_writer(directory: Path) -> bool:
    """Whether another process has the store open for writing (a load): RocksDB holds a POSIX
    lock on the store's LOCK file while it is open, which Linux lists in ``/proc/locks``.

    The lock is looked up, not tried: taking and releasing a test lock would release the lock
    this process itself may hold on the store. Where ``/proc/locks`` does not exist, nothing is
    known and the open goes ahead (RocksDB then refuses a second writer itself).
    """
    try:
        info = (directory / "LOCK").stat()
        table = Path("/proc/locks").read_text(encoding="ascii")
    except OSError:
        return False
    where = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    for line in table.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[5] == where and fields[4] != str(os.getpid()) and "WRITE" in fields:
            return True
    return False


_BULK_LEFTOVER = re.compile(r"bulk-\d+\.sst|\d{20,}")
"""The names Oxigraph's bulk loader gives the table files it writes into the store folder before
handing them to RocksDB: ``bulk-<random>.sst`` (pyoxigraph 0.5.1 and later), a bare random
number (0.5.0). RocksDB never names a file so: its tables are ``<number>.sst``, its other files
``<number>.log``, ``MANIFEST-<number>``, ``OPTIONS-<number>``, ``CURRENT``, ``LOCK``, ``LOG``..."""


def remove_bulk_leftovers(directory: Path | str) -> int:
    """Remove the table files that a bulk load killed half-way left in the store folder
    ``directory``; returns how many bytes that frees.

    The bulk loader writes its tables under names of its own, then RocksDB ingests them: it takes
    a copy (or a link) under a number of its own, which its manifest lists, and the loader deletes
    its file. A load killed before that leaves its files behind; no manifest lists them (RocksDB's
    manifest records tables by number, and these names hold none), and RocksDB, which cleans up
    only the numbered files it no longer needs, never removes them. Call it only while holding the
    store's lock (an open writable store): then no other process can be writing such a file.
    Removing a name that RocksDB also links under its own number frees nothing and loses nothing.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = open_store(folder, writable=True)
    ...     _ = (Path(folder) / "bulk-1234.sst").write_bytes(bytes(1000))
    ...     _ = (Path(folder) / "notes.txt").write_bytes(b"mine")
    ...     print(remove_bulk_leftovers(folder), [p.name for p in Path(folder).glob("[bn]*")])
    1000 ['notes.txt']
    """
    freed = 0
    try:
        leftovers = [p for p in Path(directory).iterdir() if _BULK_LEFTOVER.fullmatch(p.name)]
    except OSError:
        return 0
    for leftover in leftovers:
        try:
            info = leftover.lstat()
            if not stat.S_ISREG(info.st_mode):
                continue
            leftover.unlink()
        except OSError:
            continue  # gone already, or not ours to remove: the store works without it
        freed += info.st_size if info.st_nlink == 1 else 0
    return freed


def has_vocabulary(store: ox.Store) -> bool:
    """Whether the store holds the ess-graph vocabulary (its ontology header and relationship class).

    >>> store = ox.Store()
    >>> has_vocabulary(store), load_vocabulary(store), has_vocabulary(store)
    (False, 11, True)
    """
    answer = store.query(f"ASK {{ <{ONTOLOGY}> a <http://www.w3.org/2002/07/owl#Ontology> . "
                         f"<{ESS.Relationship}> a <http://www.w3.org/2002/07/owl#Class> }}")
    return isinstance(answer, ox.QueryBoolean) and bool(answer)


def load_vocabulary(store: ox.Store) -> int:
    """Add the vocabulary and its concept schemes (a few thousand triples, in one transaction);
    returns how many files were read.

    >>> from ess_graph.vocab.resources import ontology_files
    >>> store = ox.Store()
    >>> load_vocabulary(store) == len(ontology_files()), len(store) > 2000
    (True, True)
    """
    paths = ontology_files()
    for path in paths:
        load_checked(store, path, bulk=False)
    return len(paths)


# -- loading -------------------------------------------------------------------------------------


def load_files(store: ox.Store, paths: Sequence[Path | str], progress: Progress | None = None, *,
               check: bool = True) -> LoadReport:
    """Bulk-load N-Triples and Turtle files into ``store``, then compact it for reading.

    With ``check``, every file is first read through once to check its syntax, so that a bad
    line stops everything before anything is written: Oxigraph's bulk loader is fast because
    it is not transactional, and a file that failed half-way would stay half-loaded. The load
    then skips the checks already made. Loading a file twice adds nothing: a store is a set of
    triples. Compacting (``Store.optimize``) makes lookups by node ten times faster after a
    bulk load, which territory extraction relies on.

    >>> from ess_graph.vocab.resources import graph_files
    >>> store = ox.Store()
    >>> report = load_files(store, graph_files())
    >>> len(report.files), report.triples, len(store)
    (10, 3691, 3691)
    >>> load_files(store, graph_files(), check=False).triples, len(store)   # the same triples again
    (None, 3691)
    >>> load_files(store, ["figures.xlsx"])
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidInput: figures.xlsx: unknown RDF file extension '.xlsx' (expected one of .nt, .ttl)
    """
    files = check_files(paths)
    start = time.perf_counter()
    counted = []
    for path in files:
        began = time.perf_counter()
        counted.append((path, count_triples(path, progress) if check else None, time.perf_counter() - began))
    loaded = []
    for path, triples, check_seconds in counted:
        if progress is not None:
            progress("loading", path, triples or 0)
        began = time.perf_counter()
        load_checked(store, path, bulk=True, lenient=check)
        loaded.append(LoadedFile(path, triples, check_seconds, time.perf_counter() - began))
    if progress is not None:
        progress("compacting", None, sum(f.triples or 0 for f in loaded))
    store.optimize()
    return LoadReport(tuple(loaded), time.perf_counter() - start)


def check_files(paths: Sequence[Path | str]) -> list[Path]:
    """The ``paths``, once each is known to be a file :func:`load_files` can load (N-Triples or
    Turtle): so that a command can refuse a missing file before it creates a store.

    >>> check_files(["sirene-62.nt"])
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidInput: sirene-62.nt: no such file
    """
    files = [Path(p) for p in paths]
    for path in files:
        _format(path)
        if not path.is_file():
            raise InvalidInput(f"{path}: no such file", file=str(path))
    return files


def count_triples(path: Path, progress: Progress | None = None) -> int:
    """Parse ``path`` completely (in Oxigraph's parser) and count its triples; a syntax error
    becomes ``file:line:column: what is wrong``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "rna-62.nt"
    ...     _ = path.write_text('<urn:ex:a> <urn:ex:name> "Galilée" .\\n', encoding="utf-8")
    ...     print(count_triples(path))
    ...     _ = path.write_text('<urn:ex:a> <urn:ex:name> "Galilée" .\\n<urn:ex:b> <urn:ex:name> "Envol\\n',
    ...                         encoding="utf-8")
    ...     try:
    ...         count_triples(path)
    ...     except InvalidInput as error:
    ...         print(error.line, str(error).removeprefix(str(path)))
    1
    2 :2:26: Unexpected end of file
    """
    count = 0
    try:
        for count, _ in enumerate(ox.parse(path=str(path), format=_format(path), base_iri=path.resolve().as_uri()),
                                  1):
            if progress is not None and not count % 1_000_000:
                progress("checking", path, count)
    except SyntaxError as exc:
        raise InvalidInput(_syntax_error(path, exc), file=str(path), line=exc.lineno) from None
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{path}: cannot read it ({first_line(exc)})", file=str(path)) from None
    return count


def load_checked(store: ox.Store, path: Path, *, bulk: bool, lenient: bool = False,
                  graph: ox.NamedNode | None = None) -> None:
    load = store.bulk_load if bulk else store.load
    try:
        load(path=str(path), format=_format(path), base_iri=path.resolve().as_uri(), lenient=lenient,
             to_graph=graph if graph is not None else ox.DefaultGraph())
    except SyntaxError as exc:
        raise InvalidInput(_syntax_error(path, exc), file=str(path), line=exc.lineno) from None
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{path}: cannot load it ({first_line(exc)})", file=str(path)) from None


def _format(path: Path) -> ox.RdfFormat:
    return format_of(path, bulk=True).oxigraph


def _syntax_error(path: Path, exc: SyntaxError) -> str:
    """Oxigraph says 'Parser error at line 2 between columns 23 and 27: <what>'; keep the what."""
    what = str(exc.msg).split(": ", 1)[-1].split(" (", 1)[0] if exc.msg else "syntax error"
    where = f"{exc.lineno}:{exc.offset}" if exc.offset else f"{exc.lineno or 1}"
    if (exc.lineno or 1) == 1 and _starts_with_bom(path):  # Oxigraph reads the mark as a bad first term
        what = "the file starts with a byte-order mark (U+FEFF), which the loader does not read; save it as UTF-8 " \
               "without one"
    return f"{path}:{where}: {what}"


def _starts_with_bom(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(3) == b"\xef\xbb\xbf"
    except OSError:
        return False


# -- reading -------------------------------------------------------------------------------------


def store_size(store: ox.Store, *, at_most: int | None = None) -> int:
    """How many triples the store holds, counting no further than ``at_most`` (counting a large
    store takes a full scan: a few seconds per ten million triples).

    >>> store = ox.Store()
    >>> _ = load_vocabulary(store)
    >>> store_size(store) == len(store), store_size(store, at_most=1000)
    (True, 1000)
    """
    if at_most is None:
        return len(store)
    return StoreReader(store).size(at_most=at_most)


class StoreReader:
    """Reads a store's triples by node from its indexes (``quads_for_pattern``), as
    :mod:`ess_graph.sources.territory` needs: faster than any SPARQL for one node, and free of the
    query planner, which, given thousands of bound nodes in one join, may start from the
    other end and scan the country.

    >>> from rdflib import Graph
    >>> from ess_graph.sources.oxigraph import memory_store
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     essd:galilee ess:supports essd:la-note-bleue .
    ... ''')
    >>> reader = StoreReader(memory_store(graph))
    >>> note_bleue = URIRef("https://w3id.org/ess-graph/id/la-note-bleue")
    >>> [(str(s), str(p)) for s, p in reader.incoming([note_bleue])]
    [('https://w3id.org/ess-graph/id/galilee', 'https://w3id.org/ess-graph/def#supports')]
    >>> reader.description, reader.engine.name, reader.size(at_most=10)
    ('the store', 'oxigraph', 1)
    """

    description = "the store"

    def __init__(self, store: ox.Store):
        self.store = store
        self.engine = OxigraphEngine(store)
        self._convert = TermConverter()
        self._graphs = reads(store)

    def without(self, graph: ox.NamedNode) -> None:
        """Read no more the graph ``graph`` (a source being replaced, say)."""
        self._graphs = self._graphs - {graph}

    def _quads(self, subject: ox.NamedNode | None, obj: ox.NamedNode | None) -> Iterator[ox.Quad]:
        """The quads of the graphs a reader reads (the default graph and the current sources)."""
        if self._graphs == {ox.DefaultGraph()}:
            yield from self.store.quads_for_pattern(subject, None, obj, ox.DefaultGraph())
            return
        graphs = self._graphs
        for quad in self.store.quads_for_pattern(subject, None, obj, None):
            if quad.graph_name in graphs:
                yield quad

    def outgoing(self, nodes: Iterable[URIRef]) -> Iterator[tuple[Term, Term, Term]]:
        for node in nodes:
            for quad in self._quads(ox.NamedNode(node), None):
                yield self._convert.triple(quad.subject, quad.predicate, quad.object)

    def incoming(self, nodes: Iterable[URIRef]) -> Iterator[tuple[Term, Term]]:
        for node in nodes:
            for quad in self._quads(None, ox.NamedNode(node)):
                yield self._convert(quad.subject), self._convert(quad.predicate)

    def size(self, *, at_most: int) -> int:
        solutions = datasets.query(self.store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT * WHERE {{ ?s ?p ?o }} "
                                               f"LIMIT {int(at_most)} }}")
        assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query
        return int(next(iter(solutions))["n"].value)

    def everything(self) -> Iterator[tuple[Term, Term, Term]]:
        for quad in self._quads(None, None):
            yield self._convert.triple(quad.subject, quad.predicate, quad.object)


__all__ = [
    "LoadReport", "LoadedFile", "StoreReader", "check_directory", "check_files", "count_triples", "has_vocabulary",
    "is_store", "load_files", "load_vocabulary", "open_store", "remove_bulk_leftovers", "store_size",
]
