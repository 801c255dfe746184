"""Commands that check and describe the graph: ``validate`` and ``stats``."""

import dataclasses
import json
import sys
from pathlib import Path

import click

from ..io.loading import parse_into
from ..sources import GraphSource
from ..stats import GraphStats, describe
from ..validation import validate as validate_graph
from . import main, pass_session


@main.command()
@click.option("--data", "extra", multiple=True, metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="Also validate this RDF file with the shipped graph. Repeatable.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="Language of the messages.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--warnings/--no-warnings", default=True, show_default=True, help="Also list warnings.")
@pass_session
def validate(session: GraphSource, extra: tuple[Path, ...], lang: str, fmt: str, warnings: bool) -> None:
    """Check the graph against the vocabulary's SHACL shapes.

    Exits 0 when the graph conforms, 1 with the list of problems when it does not, and 2 when a
    file cannot be read.

    \b
    Example: ess-graph validate --data my-actors.ttl
    """
    graph = session.graph
    for path in extra:
        parse_into(graph, path)
    report = validate_graph(graph, lang=lang)
    shown = [r for r in report.results if warnings or r.severity == "violation"]
    if fmt == "json":
        payload = {"conforms": report.conforms, "results": [dataclasses.asdict(r) for r in shown]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for result in shown:
            click.echo(str(result))
        verdict = "conforms" if report.conforms else "does not conform"
        click.echo(f"{verdict}: {len(report.violations)} violation(s), {len(report.warnings)} warning(s)")
    sys.exit(0 if report.conforms else 1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "fr"]), default="fr", show_default=True,
              help="Language of territory and indicator names.")
@pass_session
def stats(session: GraphSource, fmt: str, lang: str) -> None:
    """Count actors, links and territories, and show the territory figures.

    \b
    Example: ess-graph stats --format json
    """
    summary = describe(session.graph, lang=lang)
    if fmt == "json":
        click.echo(json.dumps(dataclasses.asdict(summary), ensure_ascii=False, indent=2))
    else:
        click.echo(_stats_text(summary))


def _stats_text(summary: GraphStats) -> str:
    lines = [
        f"{summary.triples} triples: {summary.actors} actors, {summary.initiatives} projects and events, "
        f"{summary.programmes} programmes, {summary.relationships} relationships",
        *_section("Nodes by kind (each node counted once, by its main kind)", summary.by_kind),
        *_section("Relationships by kind and status",
                  {kind: f"{sum(c.values()):>3}  ({', '.join(f'{s} {n}' for s, n in c.items())})"
                   for kind, c in summary.by_relation.items()}),
        *_section("Actors by territory (communes counted in their intercommunality and Pays)", summary.by_territory),
        *_section("Classes of the data nodes", summary.by_class),
        "",
        "Territory figures (INSEE CLAP, computed by the CRESS)",
    ]
    areas = sorted({area for row in summary.figures for area in row.values})
    for row in summary.figures:
        cells = "  ".join(f"{area}: {_number(row.values[area])}" for area in areas if area in row.values)
        lines.append(f"  {row.period:<9} {row.indicator} ({row.unit}): {cells}")
    return "\n".join(lines)


def _section(title: str, counts: dict) -> list[str]:
    width = max((len(str(k)) for k in counts), default=0)
    return ["", title, *(f"  {str(key):<{width}}  {value:>3}" for key, value in counts.items())]


def _number(value: float) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.replace(",", "\u202f")
