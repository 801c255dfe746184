"""The ``load`` command: RDF files into an Oxigraph store, for graphs too large for memory."""

from pathlib import Path

import click

from ..errors import EssGraphError
from ..sources import GraphSource
from ..sources.store import check_files, is_store, load_files, open_store
from ..vocab.resources import graph_files
from . import main, pass_session


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="The store to load into (created, with the vocabulary, if the directory is new or empty).")
@click.option("--shipped", is_flag=True, help="Also load the shipped Calaisis graph.")
@click.option("--unchecked", is_flag=True,
              help="Skip reading each file once to check it first (faster; a file with a bad line may then "
                   "be left half-loaded).")
@pass_session
def load(session: GraphSource, files: tuple[Path, ...], store_dir: Path | None, shipped: bool, unchecked: bool) -> None:
    """Bulk-load RDF files (N-Triples .nt, Turtle .ttl) into an on-disk Oxigraph store.

    Every file is checked before anything is written, so a bad line leaves the store as it
    was; loading a file twice adds nothing. Then read the store with the global --store option.

    \b
    Examples:
      ess-graph load synthetic.nt --store ess-store
      ess-graph load --shipped sirene-62.nt rna-62.nt --store ess-store
      ess-graph --store ess-store ptce --territory "Pas-de-Calais"
    """
    directory = store_dir or session.store_dir
    if directory is None:
        raise EssGraphError("load: say which store to load into with --store DIR")
    paths = [*(graph_files() if shipped else []), *files]
    if not directory.exists() or (directory.is_dir() and not any(directory.iterdir())):
        check_files(paths)  # a missing file makes no new store
    created = not is_store(directory)
    store = open_store(directory, writable=True)
    if created:
        click.echo(f"created the store {directory} with the ess-graph vocabulary", err=True)
    if not paths:
        return

    open_line: list[object] = []  # a progress line waiting for its end

    def progress(stage: str, path: Path | None, triples: int) -> None:
        """A file's check counts overwrite each other on one line; each stage starts a line of its own."""
        if stage == "checking" and path is not None and open_line == ["checking", path]:
            click.echo(f"\rchecking {path.name}: {triples:,} triples", err=True, nl=False)
            return
        text = f"checking {path.name}: {triples:,} triples" if stage == "checking" and path is not None else (
            f"{stage} {path.name}..." if path is not None else f"{stage} the store...")
        click.echo(("\n" if open_line else "") + text, err=True, nl=False)
        open_line[:] = [stage, path]

    report = load_files(store, paths, progress, check=not unchecked)
    if open_line:
        click.echo("", err=True)
    files_text = f"{len(report.files)} file{'s' if len(report.files) > 1 else ''}"
    if report.triples is None:
        click.echo(f"loaded {files_text} into {directory} in {report.seconds:.1f} s (not counted: --unchecked)",
                   err=True)
    else:
        click.echo(f"loaded {report.triples:,} triples from {files_text} into {directory} in "
                   f"{report.seconds:.1f} s ({report.triples_per_second:,.0f} triples/s)", err=True)
