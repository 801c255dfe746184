"""The ``export`` command."""

from pathlib import Path

import click

from ..errors import EssGraphError
from ..io.export import EXPORT_FORMATS
from ..io.export import export as export_graph
from ..sources import GraphSource
from . import main, pass_session


@main.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Output format; by default taken from the output file's extension.")
@pass_session
def export(session: GraphSource, output: Path, fmt: str | None) -> None:
    """Write the graph as RDF (ttl, nt, jsonld) or as a network (graphml, gexf for Gephi).

    \b
    Example: ess-graph export -o calaisis.gexf
    """
    fmt = fmt or output.suffix.lstrip(".").lower()
    if fmt not in EXPORT_FORMATS:
        raise EssGraphError(f"{output}: cannot tell the format from the extension; use --format "
                            f"({', '.join(EXPORT_FORMATS)})")
    export_graph(session.graph, fmt, output)
    click.echo(f"wrote {output} ({fmt})", err=True)
