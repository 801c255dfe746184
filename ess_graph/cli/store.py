"""The store's commands: ``load`` RDF files into an Oxigraph store as sources, list its
``sources`` (and where they disagree), ``remove`` one."""

import time
from pathlib import Path

import click
import pyoxigraph as ox

from ..errors import AmbiguousName, EssGraphError, NameNotFound, StoreError
from ..sources import GraphSource
from ..sources.oxigraph import OxigraphEngine
from ..sources.store import is_store, open_store
from ..sources.store_sources import (
    Source,
    check_source_name,
    list_sources,
    load_sources_into,
    nodes_outside_sources,
    remove_source,
    source_conflicts,
    source_name,
    sources_of,
    writing,
)
from ..sparql.names import resolve_name
from ..vocab.resources import graph_files
from ..vocab.terms import prefixed
from . import main, pass_session

SHIPPED = "calaisis"
"""The name of the shipped graph as a source of a store."""


def _sources(files: tuple[Path, ...], shipped: bool, name: str | None) -> list[tuple[str, list[Path]]]:
    """The sources the files make: one with --as NAME, else one per file, named after it."""
    sources: list[tuple[str, list[Path]]] = [(SHIPPED, list(graph_files()))] if shipped else []
    if name is not None and files:
        sources.append((check_source_name(name), list(files)))
    else:
        sources += [(source_name(path), [path]) for path in files]
    names = [source for source, _ in sources]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise EssGraphError(f"two files would make the source {twice[0]!r}: load them apart, or together "
                            "with --as NAME")
    return sources


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="The store to load into (created, with the vocabulary, if the directory is new or empty).")
@click.option("--shipped", is_flag=True, help=f"Also load the shipped Calaisis graph (as the source '{SHIPPED}').")
@click.option("--as", "name", metavar="NAME",
              help="Load the files as one source called NAME (by default each file is a source named after it).")
@click.option("--unchecked", is_flag=True,
              help="Skip reading each file once to check it first (faster; a bad line is then met while "
                   "loading, and the store still keeps what it had).")
@pass_session
def load(session: GraphSource, files: tuple[Path, ...], store_dir: Path | None, shipped: bool, name: str | None,
         unchecked: bool) -> None:
    """Bulk-load RDF files (N-Triples .nt, Turtle .ttl) into an on-disk Oxigraph store, each as a
    source of its own that loading it again replaces.

    Every file is checked before anything is written, so a bad line leaves the store as it was
    (and makes no new store); loading the same files again changes nothing. Then read the store
    with the global --store option, and list its sources with `ess-graph --store DIR sources`.

    \b
    Examples:
      ess-graph load synthetic.nt --store ess-store
      ess-graph load --shipped sirene-62.nt rna-62.nt --store ess-store
      ess-graph load sirene-62-mars.nt --as sirene-62 --store ess-store
      ess-graph --store ess-store ptce --territory "Pas-de-Calais"
    """
    directory = store_dir or session.store_dir
    if directory is None:
        raise EssGraphError("load: say which store to load into with --store DIR")
    sources = _sources(files, shipped, name)
    created = not is_store(directory)
    if not sources:
        writing(directory, lambda store: None)
        if created:
            click.echo(f"created the store {directory} with the ess-graph vocabulary", err=True)
        return

    open_line: list[object] = []  # a progress line waiting for its end
    told: list[bool] = []  # whether the creation of the store was told

    def progress(stage: str, path: Path | None, triples: int) -> None:
        """A file's check counts overwrite each other on one line; each stage starts a line of its own."""
        if created and stage == "loading" and not told:
            click.echo(("\n" if open_line else "") + f"created the store {directory} with the ess-graph vocabulary",
                       err=True)
            open_line.clear()
            told.append(True)
        if stage == "checking" and path is not None and open_line == ["checking", path]:
            click.echo(f"\rchecking {path.name}: {triples:,} triples", err=True, nl=False)
            return
        text = f"checking {path.name}: {triples:,} triples" if stage == "checking" and path is not None else (
            f"{stage} {path.name}..." if path is not None else f"{stage} the store...")
        click.echo(("\n" if open_line else "") + text, err=True, nl=False)
        open_line[:] = [stage, path]

    began = time.perf_counter()
    try:
        loads = load_sources_into(directory, sources, check=not unchecked, progress=progress)
    finally:
        if open_line:
            click.echo("", err=True)
    for loaded in loads:
        click.echo(loaded.describe(), err=True)
    changed = [loaded for loaded in loads if loaded.changed]
    if changed:
        triples, count = sum(c.source.triples for c in changed), sum(len(c.source.files) for c in changed)
        seconds = time.perf_counter() - began
        click.echo(f"loaded {triples:,} triples from {count} file{'s' if count > 1 else ''} into {directory} in "
                   f"{seconds:.1f} s ({triples / seconds:,.0f} triples/s)", err=True)


def _store_of(session: GraphSource, store_dir: Path | None, command: str) -> Path:
    directory = store_dir or session.store_dir
    if directory is None:
        raise EssGraphError(f"{command}: say which store with --store DIR")
    return directory


_STORE = click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
                      help="The store (or give the global --store DIR before the command).")


@main.command()
@_STORE
@click.option("--conflicts", is_flag=True,
              help="List what two sources say differently of one actor (names, legal form, address, identifiers).")
@click.option("--of", "actor", metavar="ACTOR", help="List the sources that state something of ACTOR.")
@pass_session
def sources(session: GraphSource, store_dir: Path | None, conflicts: bool, actor: str | None) -> None:
    """List the sources of a store: name, triples, importer, when loaded, files.

    \b
    Examples:
      ess-graph sources --store ess-store
      ess-graph --store ess-store sources --conflicts
      ess-graph --store ess-store sources --of "Boulangerie solidaire"
    """
    store = open_store(_store_of(session, store_dir, "sources"))
    if actor is not None:
        try:
            node = resolve_name(OxigraphEngine(store), "actor", actor)
        except (NameNotFound, AmbiguousName) as exc:
            raise exc.about("actor") from None
        stated = sources_of(store, node)
        if not stated:
            click.echo(f"no source states anything of {prefixed(node)}", err=True)
        for name, triples in stated:
            click.echo(f"{name}\t{triples} triples about {prefixed(node)}")
        return
    if conflicts:
        found = source_conflicts(store)
        for conflict in found:
            click.echo(conflict.describe())
        click.echo(f"{len(found)} conflict{'s' if len(found) != 1 else ''} between sources", err=True)
        return
    listed, outside = list_sources(store), nodes_outside_sources(store)
    if outside:
        click.echo(f"note: the default graph holds {outside:,} nodes loaded before sources existed: queries read "
                   "them, but they cannot be replaced or removed alone (load their files again with --as NAME "
                   "into a new store to make them a source)", err=True)
    if not listed:
        click.echo("the store has no sources (load some with ess-graph load or ess-graph --store DIR import)",
                   err=True)
    if listed:
        click.echo("source\ttriples\timporter\tloaded (UTC)\tfiles")
    for source in listed:
        click.echo(f"{source.name}\t{source.triples}\t{source.importer}\t{source.loaded_at:%Y-%m-%d %H:%M}\t"
                   f"{' '.join(source.files)}")


@main.command()
@click.argument("name")
@_STORE
@pass_session
def remove(session: GraphSource, name: str, store_dir: Path | None) -> None:
    """Remove the source NAME from a store (its triples go; the others stay).

    \b
    Examples:
      ess-graph remove acteurs --store ess-store
      ess-graph --store ess-store remove acteurs
    """
    directory = _store_of(session, store_dir, "remove")
    if not is_store(directory):
        raise StoreError(f"{directory}: no store there; make one by loading files into it (ess-graph load)")

    def remove_and_compact(store: ox.Store) -> Source:
        removed = remove_source(store, name)
        store.optimize()
        return removed

    removed = writing(directory, remove_and_compact)
    click.echo(f"removed {removed.name} ({removed.triples:,} triples) from {directory}", err=True)
