"""The ``map`` command: the interactive network map as one self-contained HTML file."""

import webbrowser
from pathlib import Path

import click

from ..errors import EssGraphError
from ..mapping import LAYOUTS, map_of_source, write_map
from ..sources import GraphSource
from . import main, pass_session
from .ptce import ptce_parameters

NARROW_A_MAP = "draw one actor's surroundings with --focus ACTOR, or a smaller --territory"
"""How to narrow a map too large to draw, with this command's options."""


def _keys(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str]:
    """``funding, partnership`` -> {"funding", "partnership"}; the view checks the keys. A value
    that names none (``--relations ""``) is refused: it would keep every kind, unasked."""
    keys = frozenset(part.strip() for part in (value or "").split(",") if part.strip())
    if value is not None and not keys:
        raise click.BadParameter("names no kind; give one or more, comma-separated, or leave the option out")
    return keys


def _name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A name to look up; an empty one (``--focus ""``) is refused, not taken for no name at all."""
    if value is not None and not value.strip():
        raise click.BadParameter("an empty name names nothing; give a name or an IRI, or leave the option out")
    return value


@main.command("map")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("ess-map.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--open", "open_page", is_flag=True, help="Open the map in the default browser afterwards.")
@click.option("--focus", metavar="ACTOR", callback=_name,
              help="Show only this actor's surroundings (a name or an IRI).")
@click.option("--depth", type=click.IntRange(min=0), default=None, metavar="N",
              help="With --focus: how many links away to go.  [default: 1]")
@click.option("--territory", metavar="T", callback=_name,
              help="Show the actors of this territory and the actors they are linked to.")
@click.option("--relations", metavar="KINDS", callback=_keys,
              help="Keep only these kinds of link, comma-separated: funding, partnership, support, membership, "
                   "carrying, ownership, hosting, trade, location, part-of, participation, management, succession.")
@click.option("--kinds", metavar="KINDS", callback=_keys,
              help="Keep only these kinds of node, comma-separated: ess, support, authority, state, enterprise, "
                   "research, initiative, programme, territory, person, site, other.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="force", show_default=True,
              help="force: linked actors close together; geo: actors at their commune's coordinates.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the page's legend and tooltips.")
@click.option("--title", help="Heading of the page.  [default: Carte du réseau de l'ESS]")
@click.option("--ptce", "show_ptce", is_flag=True,
              help="Colour the potential PTCE clusters (see `ess-graph ptce`); tooltips give score and gaps.")
@click.option("--ptce-param", "ptce_assignments", multiple=True, metavar="NAME=VALUE",
              help="With --ptce: change a weight or threshold of the PTCE analysis (repeatable).")
@click.option("--ptce-config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --ptce: read the PTCE parameters from a TOML file.")
@pass_session
def map_command(session: GraphSource, output: Path, open_page: bool, focus: str | None, depth: int | None,
                territory: str | None, relations: frozenset[str], kinds: frozenset[str], layout: str, lang: str,
                title: str | None, show_ptce: bool, ptce_assignments: tuple[str, ...],
                ptce_config: Path | None) -> None:
    """Draw the network as an interactive map in one HTML file that works offline.

    Colours and shapes tell the kinds of actor, arrows show who funds whom; the page has a
    legend, search by name, filters by kind, link, territory and sector, and highlights a
    node's neighbours when clicked.

    On a store (--store), give --territory: only what that territory needs is read from it. A
    map of more than 3,000 nodes is refused (a browser cannot lay it out): narrow it with
    --focus or a smaller territory.

    \b
    Examples:
      ess-graph map --focus "Terre d'Opale" --depth 2 -o terre-d-opale.html --open
      ess-graph map --ptce -o ptce.html
      ess-graph --store ess-store map --territory "Intercommunalité 3-12" -o epci.html
    """
    if depth is not None and focus is None:
        raise EssGraphError("--depth: only applies with --focus")
    if (ptce_assignments or ptce_config) and not show_ptce:
        raise EssGraphError("--ptce-param and --ptce-config only apply with --ptce")
    params = ptce_parameters(ptce_config, ptce_assignments, "--ptce-param") if show_ptce else None
    pyvis = map_of_source(session, focus=focus, depth=1 if depth is None else depth, territory=territory,
                          relations=relations, kinds=kinds, layout=layout, lang=lang, title=title, ptce=params,
                          narrow=NARROW_A_MAP)
    write_map(pyvis, output)
    click.echo(f"wrote {output} ({len(pyvis.nodes)} nodes, {len(pyvis.edges)} links)", err=True)
    if open_page and not webbrowser.open(output.resolve().as_uri()):
        click.echo(f"could not open a browser; open {output} yourself", err=True)
