"""Sources a store keeps apart, so that each can be replaced or removed: the shipped graph, an
imported spreadsheet, a SIRENE or RNA extract...

An ESS officer re-imports their spreadsheet every month. Were every file loaded into one graph, a
changed amount would give two fundings, and nothing could be taken out but by rebuilding the
store. Here each source lives in a named graph of its own, found by a stable name (``acteurs``,
``sirene-62``), and the store's catalogue graph (:data:`~ess_graph.sources.datasets.CATALOGUE`)
says which version of each source is current, with the files it came from, its importer, when it
was loaded, its triple count and the checksum of its files.

Loading a source again writes the new version into a graph of its own, out of every reader's
sight, then makes it current in one transaction of the catalogue, then empties the old one:
a reader sees the old version or the new one, never a mix, and a file that fails leaves the
store as it was. The same files loaded again under the same name change nothing (their checksum
says so). Queries read the union of the current versions (:mod:`ess_graph.sources.datasets`).
"""

from __future__ import annotations

import gc
import hashlib
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..errors import EssGraphError, InvalidValue, NameNotFound
from ..vocab.namespaces import ESS
from ..vocab.resources import ontology_files
from ..vocab.terms import prefixed
from .datasets import CATALOGUE, CURRENT, SOURCE_TERMS, current_graphs, reads
from .store import (
    Progress,
    check_directory,
    check_files,
    count_triples,
    is_store,
    load_checked,
    open_store,
)
from .store_graph import store_graph

SOURCE_IRIS = "https://w3id.org/ess-graph/source/"
"""A source ``sirene-62`` is ``<SOURCE_IRIS>sirene-62``; its versions are graphs below it, named
by their checksum."""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_NAME_TERM = ox.NamedNode(SOURCE_TERMS + "name")
_OF = ox.NamedNode(SOURCE_TERMS + "source")
_FILE = ox.NamedNode(SOURCE_TERMS + "file")
_IMPORTER = ox.NamedNode(SOURCE_TERMS + "importer")
_LOADED_AT = ox.NamedNode(SOURCE_TERMS + "loadedAt")
_TRIPLES = ox.NamedNode(SOURCE_TERMS + "triples")
_CHECKSUM = ox.NamedNode(SOURCE_TERMS + "checksum")
_XSD = "http://www.w3.org/2001/XMLSchema#"
Done = TypeVar("Done")
_BATCH = 10_000
"""Quads removed at a time when a graph is emptied: Oxigraph holds a transaction in memory."""


@dataclass(frozen=True)
class Source:
    """One source of a store, as its catalogue describes its current version.

    >>> source = Source("rna-62", "https://w3id.org/ess-graph/source/rna-62/9f2c", ("rna-62.nt",), "rdf",
    ...                 datetime(2026, 3, 1, 9, 30, tzinfo=UTC), 1200, "9f2c")
    >>> source.describe()
    'rna-62: 1,200 triples from rna-62.nt (rdf), loaded 2026-03-01 09:30 UTC'
    """

    name: str
    graph: str
    files: tuple[str, ...]
    importer: str
    loaded_at: datetime
    triples: int
    checksum: str

    def describe(self) -> str:
        return (f"{self.name}: {self.triples:,} triples from {self.files_text} ({self.importer}), "
                f"loaded {self.loaded_at:%Y-%m-%d %H:%M} UTC")

    @property
    def files_text(self) -> str:
        """The files' names, the first two of them when there are more."""
        names = [Path(file).name for file in self.files]
        return ", ".join(names[:2]) + (f" and {len(names) - 2} more files" if len(names) > 2 else "")


@dataclass(frozen=True)
class SourceLoad:
    """What loading a source did: the source as it now is, the version it replaced (None for a new
    source), whether anything changed, and how long it took.

    >>> loaded = Source("rna-62", "g", ("rna-62.nt",), "rdf", datetime(2026, 3, 1, tzinfo=UTC), 1200, "9f2c")
    >>> SourceLoad(loaded, loaded, changed=False, seconds=0.1).describe()
    'rna-62: unchanged (1,200 triples, the same files as the version loaded 2026-03-01 00:00 UTC)'
    >>> SourceLoad(loaded, None, changed=True, seconds=2.0).describe()
    'rna-62: loaded 1,200 triples from rna-62.nt in 2.0 s (600 triples/s)'
    """

    source: Source
    replaced: Source | None
    changed: bool
    seconds: float

    @property
    def triples_per_second(self) -> float:
        return self.source.triples / self.seconds if self.seconds else 0.0

    def describe(self) -> str:
        source = self.source
        if not self.changed:
            return (f"{source.name}: unchanged ({source.triples:,} triples, the same files as the version loaded "
                    f"{source.loaded_at:%Y-%m-%d %H:%M} UTC)")
        verb = "replaced by" if self.replaced is not None else "loaded"
        was = f" (was {self.replaced.triples:,})" if self.replaced is not None else ""
        return (f"{source.name}: {verb} {source.triples:,} triples from {source.files_text}{was} in "
                f"{self.seconds:.1f} s ({self.triples_per_second:,.0f} triples/s)")


@dataclass(frozen=True)
class Conflict:
    """Two sources that say different things of one actor: two values of one property (a label, a
    legal form, an address...), or one identifier (SIRET, SIREN, RNA number) given to two nodes.

    >>> Conflict("essd:galilee", "rdfs:label", "calaisis", '"Galilée"@fr', "acteurs", '"Galilee"@fr').describe()
    'essd:galilee rdfs:label: "Galilée"@fr in calaisis, "Galilee"@fr in acteurs'
    """

    about: str
    property: str
    first_source: str
    first_value: str
    second_source: str
    second_value: str

    def describe(self) -> str:
        return (f"{self.about} {self.property}: {self.first_value} in {self.first_source}, "
                f"{self.second_value} in {self.second_source}")


# -- names -----------------------------------------------------------------------------------------


def source_name(path: Path | str) -> str:
    """The name a file's source takes unless one is given: its file name without the extension,
    with anything but letters, digits, dots, dashes and underscores turned into dashes.

    >>> source_name("exports/Mes acteurs (mars).csv"), source_name("sirene-62.nt")
    ('Mes-acteurs-mars', 'sirene-62')
    """
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(path).stem).strip("-._")
    return check_source_name(stem[:100] or "source")


def check_source_name(name: str) -> str:
    """``name`` if it can name a source (it becomes part of an IRI), else an error about ``name``.

    >>> check_source_name("acteurs-2026")
    'acteurs-2026'
    >>> check_source_name("mes acteurs")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: name: 'mes acteurs' cannot name a source (letters, digits, . - _ only)
    """
    if not _NAME.fullmatch(name):
        raise InvalidValue(f"{name!r} cannot name a source (letters, digits, . - _ only)",
                           field="name")
    return name


def _source_iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(SOURCE_IRIS + name)


def checksum(paths: Sequence[Path]) -> str:
    """The SHA-256 of the files' contents, in order (each one's length first, so that moving
    bytes from one file to the next changes it).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "a.nt"
    ...     _ = path.write_bytes(b"<urn:a> <urn:b> <urn:c> .\\n")
    ...     checksum([path]) == hashlib.sha256(b"26\\n<urn:a> <urn:b> <urn:c> .\\n").hexdigest()
    True
    """
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.stat().st_size}\n".encode())
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


# -- the catalogue ---------------------------------------------------------------------------------


def list_sources(store: ox.Store) -> list[Source]:
    """The sources of ``store``, by name.

    >>> from ess_graph.vocab.resources import graph_files
    >>> store = ox.Store()
    >>> _ = load_source(store, "calaisis", graph_files(), importer="shipped")
    >>> [(s.name, s.triples, len(s.files), s.importer) for s in list_sources(store)]
    [('calaisis', 3691, 10, 'shipped')]
    """
    sources = []
    for quad in store.quads_for_pattern(None, CURRENT, None, CATALOGUE):
        version = quad.object
        assert isinstance(version, ox.NamedNode)
        values: dict[str, list[str]] = {}
        for fact in store.quads_for_pattern(version, None, None, CATALOGUE):
            values.setdefault(fact.predicate.value.removeprefix(SOURCE_TERMS), []).append(_text(fact.object))
        sources.append(Source(
            name=_text(quad.subject).removeprefix(SOURCE_IRIS), graph=version.value,
            files=tuple(sorted(values.get("file", []))), importer=values.get("importer", ["?"])[0],
            loaded_at=datetime.fromisoformat(values.get("loadedAt", ["1970-01-01T00:00:00+00:00"])[0]),
            triples=int(values.get("triples", ["0"])[0]), checksum=values.get("checksum", [""])[0]))
    return sorted(sources, key=lambda source: source.name)


def nodes_outside_sources(store: ox.Store) -> int:
    """How many nodes of the store's default graph cite a source (``prov:wasDerivedFrom``), as
    every actor and relationship does: data a store made before sources existed kept there, which
    queries read but which cannot be replaced or removed alone. The vocabulary cites none.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:ex:galilee"), ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"),
    ...                   ox.NamedNode("urn:ex:section"), ox.DefaultGraph()))
    >>> nodes_outside_sources(store)
    1
    """
    solutions = store.query("SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE { "
                            "?node <http://www.w3.org/ns/prov#wasDerivedFrom> ?section }",
                            default_graph=ox.DefaultGraph())
    assert isinstance(solutions, ox.QuerySolutions)
    return int(next(iter(solutions))["n"].value)


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return str(term) if isinstance(term, ox.Triple) else term.value


def find_source(store: ox.Store, name: str) -> Source:
    """The source called ``name``, or an error naming it and the sources the store has.

    >>> find_source(ox.Store(), "acteurs")
    Traceback (most recent call last):
    ...
    ess_graph.errors.NameNotFound: no source is named 'acteurs' (the store has none)
    """
    sources = list_sources(store)
    for source in sources:
        if source.name == name:
            return source
    known = ", ".join(s.name for s in sources) if sources else None
    raise NameNotFound(f"no source is named {name!r} ({'known: ' + known if known else 'the store has none'})",
                       suggestions=[s.name for s in sources])


def _current(store: ox.Store, name: str) -> Source | None:
    return next((s for s in list_sources(store) if s.name == name), None)


# -- loading and removing --------------------------------------------------------------------------


def load_source(store: ox.Store, name: str, paths: Sequence[Path | str], *, importer: str = "rdf",
                files: Sequence[str] | None = None, check: bool = True, progress: Progress | None = None,
                optimize: bool = True) -> SourceLoad:
    """Load N-Triples or Turtle ``paths`` into ``store`` as the source ``name``, replacing its
    current version if it has one; ``files`` are the files to name in the catalogue (the inputs
    of an importer, when ``paths`` is what it wrote), ``importer`` what made them.

    With ``check``, every file is read once before anything is written, so that a bad line fails
    fast; without, a bad line is met by the bulk loader, and the half-written version is emptied.
    Either way the store keeps its current version. ``optimize`` compacts the store once the files
    are in, when there were several (lookups by node are faster once their tables are merged).

    >>> from ess_graph.vocab.resources import graph_files
    >>> store = ox.Store()
    >>> first = load_source(store, "calaisis", graph_files())
    >>> first.changed, first.source.triples, first.source.graph.rsplit("/", 1)[0]
    (True, 3691, 'https://w3id.org/ess-graph/source/calaisis')
    >>> load_source(store, "calaisis", graph_files()).changed   # the same files again
    False
    """
    return load_sources(store, [(name, paths)], importer=importer, files=files, check=check, progress=progress,
                        optimize=optimize)[0]


@dataclass(frozen=True)
class _Staged:
    """A source's new version, bulk-loaded into its graph but not yet current."""

    name: str
    inputs: list[Path]
    digest: str
    previous: Source | None
    began: float

    @property
    def version(self) -> ox.NamedNode:
        return ox.NamedNode(f"{SOURCE_IRIS}{self.name}/{self.digest[:16]}")


def load_sources(store: ox.Store, sources: Sequence[tuple[str, Sequence[Path | str]]], *, importer: str = "rdf",
                 files: Sequence[str] | None = None, check: bool = True, progress: Progress | None = None,
                 optimize: bool = True) -> list[SourceLoad]:
    """Load each ``(name, paths)`` of ``sources`` as :func:`load_source` does, every new version
    bulk-loaded first, the store compacted once, then each made current in its own transaction
    of the catalogue. ``files`` (for one source) are the files to name in its catalogue entry.

    >>> from ess_graph.vocab.resources import graph_files
    >>> store = ox.Store()
    >>> [(load.source.name, load.source.triples) for load in load_sources(store, [
    ...     ("loi", [path for path in graph_files() if path.name == "law.ttl"]),
    ...     ("territoires", [path for path in graph_files() if path.name == "territories.ttl"])])]
    [('loi', 71), ('territoires', 276)]
    """
    staged: list[_Staged] = []
    unchanged: dict[str, SourceLoad] = {}
    try:
        for name, paths in sources:
            began = time.perf_counter()
            inputs = check_files(paths)
            check_source_name(name)
            digest, previous = checksum(inputs), _current(store, name)
            if previous is not None and previous.checksum == digest:
                unchanged[name] = SourceLoad(previous, previous, changed=False, seconds=time.perf_counter() - began)
                continue
            if check:
                for path in inputs:
                    count_triples(path, progress)
            staged.append(_Staged(name, inputs, digest, previous, began))
        if staged:
            drop_leftovers(store)
        for stage in staged:
            for path in stage.inputs:
                if progress is not None:
                    progress("loading", path, 0)
                load_checked(store, path, bulk=True, lenient=check, graph=stage.version)
    except BaseException:
        for stage in staged:
            _empty(store, stage.version)
        raise
    if optimize and sum(len(stage.inputs) for stage in staged) > 1:
        # several bulk loads leave overlapping tables, which compacting merges (one is sorted already:
        # compacting it would rewrite every index, with the vocabulary's writes, for twice the disk);
        # before the catalogue's writes, which would be rewritten with the rest
        if progress is not None:
            progress("compacting", None, 0)
        store.optimize()
    done = {stage.name: _commit(store, stage, importer, files) for stage in staged}
    if staged:
        drop_leftovers(store)  # the replaced versions, now out of sight
    return [unchanged.get(name) or done[name] for name, _ in sources]


def _commit(store: ox.Store, stage: _Staged, importer: str, files: Sequence[str] | None) -> SourceLoad:
    """Describe the staged version in the catalogue, then make it current in one transaction."""
    version, name = stage.version, stage.name
    triples = _count(store, version)
    loaded_at = datetime.now(UTC).replace(microsecond=0)
    facts: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (_OF, _source_iri(name)), (_IMPORTER, ox.Literal(importer)),
        (_LOADED_AT, ox.Literal(loaded_at.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime"))),
        (_TRIPLES, ox.Literal(str(triples), datatype=ox.NamedNode(_XSD + "integer"))),
        (_CHECKSUM, ox.Literal(stage.digest)),
        *((_FILE, ox.Literal(str(f))) for f in (files if files is not None else [str(p) for p in stage.inputs])),
    ]
    store.extend([ox.Quad(version, predicate, value, CATALOGUE) for predicate, value in facts])
    source = _source_iri(name)  # a checked name: nothing but letters, digits and .-_ reaches the update
    store.update(f"DELETE {{ GRAPH {CATALOGUE} {{ {source} {CURRENT} ?old }} }} "
                 f"INSERT {{ GRAPH {CATALOGUE} {{ {source} {_NAME_TERM} {ox.Literal(name)} ; {CURRENT} {version} }} }} "
                 f"WHERE {{ OPTIONAL {{ GRAPH {CATALOGUE} {{ {source} {CURRENT} ?old }} }} }}")
    loaded = _current(store, name)
    assert loaded is not None
    return SourceLoad(loaded, stage.previous, changed=True, seconds=time.perf_counter() - stage.began)


def remove_source(store: ox.Store, name: str) -> Source:
    """Take the source ``name`` out of ``store`` (at once out of every query's sight, in one
    transaction of the catalogue; then its graph is emptied); returns what it was.

    >>> from ess_graph.vocab.resources import graph_files
    >>> store = ox.Store()
    >>> _ = load_source(store, "calaisis", graph_files())
    >>> remove_source(store, "calaisis").triples, list_sources(store), len(store)
    (3691, [], 0)
    >>> remove_source(store, "calaisis")
    Traceback (most recent call last):
    ...
    ess_graph.errors.NameNotFound: no source is named 'calaisis' (the store has none)
    """
    source = find_source(store, name)
    store.update(f"DELETE WHERE {{ GRAPH {CATALOGUE} {{ {_source_iri(source.name)} ?p ?o }} }}")
    drop_leftovers(store)
    return source


def drop_leftovers(store: ox.Store) -> int:
    """Empty the graphs of versions that are no longer current (replaced, removed, or left
    half-written by a load that was killed), and forget them in the catalogue; returns how many.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c"),
    ...                   ox.NamedNode(SOURCE_IRIS + "rna-62/0123")))
    >>> drop_leftovers(store), len(store)
    (1, 0)
    """
    current = set(current_graphs(store))
    stale = [graph for graph in store.named_graphs() if isinstance(graph, ox.NamedNode)
             and graph.value.startswith(SOURCE_IRIS) and graph not in current]
    for graph in stale:
        _empty(store, graph)
    forgotten = {quad.subject for quad in store.quads_for_pattern(None, _OF, None, CATALOGUE)} - current
    for version in forgotten:
        for quad in list(store.quads_for_pattern(version, None, None, CATALOGUE)):
            store.remove(quad)
    return len(stale)


def _empty(store: ox.Store, graph: ox.NamedNode) -> None:
    """Remove a graph in batches: one transaction for all of it would hold it all in memory."""
    while batch := list(islice(store.quads_for_pattern(None, None, None, graph), _BATCH)):
        for quad in batch:
            store.remove(quad)
    store.remove_graph(graph)


def _count(store: ox.Store, graph: ox.NamedNode) -> int:
    solutions = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    assert isinstance(solutions, ox.QuerySolutions)
    return int(next(iter(solutions))["n"].value)


# -- a store on disk -------------------------------------------------------------------------------


def writing(directory: Path | str, action: Callable[[ox.Store], Done]) -> Done:
    """``action`` done on the store in ``directory`` opened for writing, created if need be; if it
    was created here and ``action`` fails, it is removed again, so that a bad file makes no store.
    The store is closed before a user error (:class:`~ess_graph.errors.EssGraphError`) leaves: its
    folder can then go, and the next reader reads a store no writer holds. (A callable, not a
    ``with`` block: a block's variable would keep the store open.)

    >>> from ess_graph.errors import EssGraphError
    >>> def fail(store: ox.Store) -> None:
    ...     raise EssGraphError("a bad file")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     try:
    ...         writing(Path(folder) / "new", fail)
    ...     except EssGraphError:
    ...         pass
    ...     (Path(folder) / "new").exists(), writing(Path(folder) / "new", len) > 2000
    (False, True)
    """
    directory = Path(directory)
    existed, created = directory.exists(), not is_store(directory)
    failure: BaseException | None = None
    try:
        return action(open_store(directory, writable=True))
    except BaseException as exc:
        if not created and not isinstance(exc, EssGraphError):
            raise
        failure = exc
    _forget_frames(failure)  # their frames hold the store open: once they go, RocksDB closes it
    gc.collect()
    if created:
        if existed:
            for child in directory.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        else:
            shutil.rmtree(directory)
    raise failure


def _forget_frames(error: BaseException) -> None:
    """Drop the tracebacks of ``error`` and its chain: their frames hold the store open."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__


def load_sources_into(directory: Path | str, sources: Sequence[tuple[str, Sequence[Path | str]]], *,
                      importer: str = "rdf", check: bool = True,
                      progress: Progress | None = None) -> list[SourceLoad]:
    """Load each ``(name, files)`` of ``sources`` into the store in ``directory`` (created, with
    the vocabulary, if it is new). With ``check``, every file of every source is
    read before anything is written (a new store is not even created), so that a bad line leaves
    the store as it was.

    >>> from ess_graph.vocab.resources import graph_files
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     loads = load_sources_into(Path(folder) / "store", [("calaisis", graph_files())])
    ...     [load.describe().split(" in ")[0] for load in loads]
    ['calaisis: loaded 3,691 triples from actors.ttl, figures.ttl and 8 more files']
    """
    check_directory(directory, writable=True)  # a store it cannot use is refused before the files are read
    for name, paths in sources:
        check_source_name(name)
        for path in check_files(paths):
            if check:
                count_triples(path, progress)

    return writing(directory, lambda store: load_sources(store, sources, importer=importer, check=False,
                                                         progress=progress))


def keep_graph_as_source(directory: Path | str, name: str, graph: Graph, *, importer: str,
                         made_by: str) -> SourceLoad:
    """Keep the rdflib ``graph`` (a PTCE analysis, say) in the store in ``directory`` as the
    source ``name``, replacing its previous version; the same graph kept again changes nothing.
    The catalogue names ``made_by`` (the command that made it) where a source names its files.

    >>> from rdflib import Literal
    >>> from ess_graph.vocab.namespaces import ESSD
    >>> analysis = Graph()
    >>> _ = analysis.add((ESSD["ptce-candidate-1"], URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    ...                   Literal("Pôle alimentation", lang="fr")))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = Path(folder) / "store"
    ...     first = keep_graph_as_source(store, "ptce", analysis, importer="ptce", made_by="ess-graph ptce")
    ...     again = keep_graph_as_source(store, "ptce", analysis, importer="ptce", made_by="ess-graph ptce")
    ...     first.describe().split(" in ")[0], again.changed
    ('ptce: loaded 1 triples from ess-graph ptce', False)
    """
    check_source_name(name)
    with tempfile.TemporaryDirectory(prefix="ess-graph-keep-") as folder:
        staged = Path(folder) / f"{name}.nt"
        lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
        staged.write_bytes(b"".join(sorted(lines)))  # rdflib's order changes from run to run; the checksum must not
        check_directory(directory, writable=True)
        return writing(directory, lambda store: load_source(store, name, [staged], importer=importer,
                                                            files=[made_by], check=False))


def import_source_into(directory: Path | str, name: str, write: Callable[[Graph, Path], None], *, importer: str,
                       files: Sequence[str]) -> SourceLoad:
    """Run an importer straight into the store in ``directory`` as the source ``name``:
    ``write(graph, path)`` writes the importer's N-Triples to ``path``, merging actors into
    ``graph``, the rest of the store (every source but ``name``'s current version, so that a
    re-import states again what the last one stated). Nothing reaches the store unless the
    importer succeeds; a new store is made only then.

    >>> def write(graph: Graph, path: Path) -> None:
    ...     _ = path.write_text("<urn:ex:galilee> <urn:ex:name> 'Galilée' .\\n".replace("'", '"'), encoding="utf-8")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     import_source_into(Path(folder) / "store", "acteurs", write, importer="sheet",
    ...                        files=["acteurs.csv"]).describe().split(" in ")[0]
    'acteurs: loaded 1 triples from acteurs.csv'
    """
    check_source_name(name)
    directory = Path(directory)
    check_directory(directory, writable=True)
    with tempfile.TemporaryDirectory(prefix="ess-graph-import-") as folder:
        staged = Path(folder) / f"{name}.nt"

        def load(store: ox.Store) -> SourceLoad:
            return load_source(store, name, [staged], importer=importer, files=files, check=False)

        if is_store(directory):
            def write_and_load(store: ox.Store) -> SourceLoad:
                write(rest_of_store(store, name), staged)
                return load(store)
            return writing(directory, write_and_load)
        vocabulary = Graph()
        for path in ontology_files():
            vocabulary.parse(path)
        write(vocabulary, staged)  # a new store is made only once the importer has succeeded
        return writing(directory, load)


def rest_of_store(store: ox.Store, name: str) -> Graph:
    """The store without the source ``name``: the vocabulary and the other sources, as a graph
    read from the store at each lookup (:func:`~ess_graph.sources.store_graph.store_graph`), not
    copied into memory, so that an import merges with a region's or a country's store.

    >>> from ess_graph.vocab.resources import graph_files
    >>> store = ox.Store()
    >>> _ = load_source(store, "calaisis", graph_files())
    >>> len(rest_of_store(store, "calaisis")), len(rest_of_store(store, "acteurs"))
    (0, 3691)
    """
    current = _current(store, name)
    return store_graph(store, reads(store) - ({ox.NamedNode(current.graph)} if current is not None else set()))


# -- provenance and conflicts ----------------------------------------------------------------------


def sources_of(store: ox.Store, node: URIRef) -> list[tuple[str, int]]:
    """The sources that state something of ``node`` (as its subject), each with how many
    triples: which file a store got an actor from.

    >>> from ess_graph.vocab.namespaces import ESSD
    >>> from ess_graph.vocab.resources import graph_files
    >>> store = ox.Store()
    >>> _ = load_source(store, "calaisis", graph_files())
    >>> sources_of(store, ESSD.galilee)   # Galilée's type, names, legal form, address, sector...
    [('calaisis', 15)]
    """
    names = {source.graph: source.name for source in list_sources(store)}
    counts: dict[str, int] = {}
    for quad in store.quads_for_pattern(ox.NamedNode(node), None, None, None):
        name = names.get(quad.graph_name.value) if isinstance(quad.graph_name, ox.NamedNode) else None
        if name is not None:
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items())


_COMPARED = ("http://www.w3.org/2000/01/rdf-schema#label", str(ESS.legalForm), str(ESS.address), str(ESS.siren),
             str(ESS.siret), str(ESS.rnaNumber), "http://www.w3.org/2006/vcard/ns#street-address",
             "http://www.w3.org/2006/vcard/ns#postal-code", "http://www.w3.org/2006/vcard/ns#locality")
"""What two sources must not say differently of one node: names, legal form, address, identifiers."""
_IDENTIFIERS = (str(ESS.siren), str(ESS.siret), str(ESS.rnaNumber))

_DIFFERENT_VALUES = """
SELECT DISTINCT ?node ?property ?g1 ?v1 ?g2 ?v2 WHERE {
  VALUES ?property { %s }
  GRAPH ?g1 { ?node ?property ?v1 }
  GRAPH ?g2 { ?node ?property ?v2 }
  FILTER(STR(?g1) < STR(?g2) && !sameTerm(?v1, ?v2) && LANG(?v1) = LANG(?v2))
  FILTER NOT EXISTS { GRAPH ?g2 { ?node ?property ?v1 } }
  FILTER NOT EXISTS { GRAPH ?g1 { ?node ?property ?v2 } }
} ORDER BY ?node ?property ?v1 ?v2"""

_SHARED_IDENTIFIERS = """
SELECT DISTINCT ?id ?property ?g1 ?node1 ?g2 ?node2 WHERE {
  VALUES ?property { %s }
  GRAPH ?g1 { ?node1 ?property ?id }
  GRAPH ?g2 { ?node2 ?property ?id }
  FILTER(!sameTerm(?g1, ?g2) && STR(?node1) < STR(?node2))
} ORDER BY ?property ?id ?node1 ?node2"""


def source_conflicts(store: ox.Store) -> list[Conflict]:
    """Where two sources disagree: a node with a value of a compared property (label, legal form,
    address, identifier) that the other source does not give while it gives another; and one
    SIRET, SIREN or RNA number on two nodes. Nothing is merged: each is told with both sources.

    >>> from ess_graph.vocab.resources import graph_files
    >>> store = ox.Store()
    >>> _ = load_source(store, "calaisis", graph_files())
    >>> source_conflicts(store)
    []
    """
    sources = list_sources(store)
    names = {source.graph: source.name for source in sources}
    graphs: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(source.graph) for source in sources]
    if len(graphs) < 2:
        return []
    conflicts = []
    listed = " ".join(f"<{p}>" for p in _COMPARED)
    for row in _select(store, _DIFFERENT_VALUES % listed, graphs):
        conflicts.append(Conflict(_shown(row["node"]), _shown(row["property"]), names[row["g1"].value],
                                  _shown(row["v1"]), names[row["g2"].value], _shown(row["v2"])))
    identifiers = " ".join(f"<{p}>" for p in _IDENTIFIERS)
    for row in _select(store, _SHARED_IDENTIFIERS % identifiers, graphs):
        conflicts.append(Conflict(_shown(row["id"]), _shown(row["property"]), names[row["g1"].value],
                                  _shown(row["node1"]), names[row["g2"].value], _shown(row["node2"])))
    return conflicts


def _select(store: ox.Store, query: str, graphs: list[ox.NamedNode | ox.BlankNode]) -> ox.QuerySolutions:
    solutions = store.query(query, named_graphs=graphs)
    assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query
    return solutions


def _shown(term: object) -> str:
    """A term as a user reads it: a prefixed name, or a literal in N-Triples."""
    if isinstance(term, ox.NamedNode):
        return prefixed(URIRef(term.value))
    return str(term)


__all__ = [
    "Conflict", "SOURCE_IRIS", "Source", "SourceLoad", "check_source_name", "checksum", "drop_leftovers",
    "find_source", "import_source_into", "keep_graph_as_source", "list_sources", "load_source", "load_sources",
    "load_sources_into", "nodes_outside_sources", "remove_source", "rest_of_store", "source_conflicts",
    "source_name", "sources_of", "writing",
]
