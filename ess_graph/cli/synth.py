"""The ``synth`` command: France-shaped synthetic graphs for benchmarks and tests."""

from pathlib import Path

import click

from ..synth import MAX_STRUCTURES, write_synthetic
from . import main


@main.command()
@click.option("--structures", type=click.IntRange(min=1, max=MAX_STRUCTURES), required=True, metavar="N",
              help="How many ESS structures (enterprises, authorities, funders... come on top).")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same graph.")
@click.option("--departements", type=click.IntRange(min=1, max=99), default=None, metavar="K",
              help="How many départements (grouped in régions).  [default: one per 20,000 structures]")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write: .nt (N-Triples) or .ttl (Turtle).")
def synth(structures: int, seed: int, departements: int | None, output: Path) -> None:
    """Write a synthetic, France-shaped graph: for benchmarks, tests and demonstrations.

    Communes in intercommunalities in départements in régions; ESS structures with legal forms
    and sectors in the proportions of the CLAP figures; classical enterprises, research and
    support bodies; the State, régions and départements funding many structures, communes and
    intercommunalities a few; partnerships, supports, trade, projects; and planted clusters of
    cooperating actors (potential PTCE). Streamed in constant memory, written atomically.

    \b
    Examples:
      ess-graph synth --structures 100000 --seed 1 -o synthetic.nt
      ess-graph synth --structures 5000 --departements 2 -o small.ttl
    """
    def progress(number: int, total: int) -> None:
        click.echo(f"\rsynth: département {number}/{total}", err=True, nl=False)

    report = write_synthetic(output, structures, seed, departements=departements, progress=progress)
    click.echo(f"\nwrote {report.triples:,} triples ({structures:,} structures in {report.departements} "
               f"département(s)) to {output} in {report.seconds:.1f} s", err=True)
