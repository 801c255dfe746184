"""Commands that keep the shipped graph consistent."""

from pathlib import Path

import click

from ..io.files import write_text_atomically
from ..sources import GraphSource
from ..vocab.shortcuts import shortcuts_turtle
from . import main, pass_session


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output.")
@pass_session
def shortcuts(session: GraphSource, output: Path | None) -> None:
    """Derive the direct edges (ess:funds, ess:partnerOf...) from the relationship nodes.

    A link done or in progress gives ess:funds, a planned one ess:plansToFund, a possible one
    ess:mayFund (and so for every kind of link), so that no edge says more than its link.

    \b
    Example: ess-graph shortcuts -o graph/calaisis/shortcuts.ttl
    """
    text = shortcuts_turtle(session.graph)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomically(output, text)
        click.echo(f"wrote {output}", err=True)
