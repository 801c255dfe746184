"""The ``ptce`` command: ranked, explained candidates for a territorial economic cooperation pole."""

import json
from pathlib import Path

import click

from ..errors import EssGraphError, NameNotFound
from ..io.export import rdf_text
from ..io.files import write_text_atomically
from ..io.formats import rdf_format
from ..ptce import PTCEParameters, find_ptce_candidates, load_parameters, parameter_help
from ..ptce.rdf import analysis_to_rdf
from ..ptce.report import analysis_markdown, analysis_to_json, candidate_card, candidate_to_json, candidates_table
from ..sources import GraphSource
from ..sources.store_sources import check_source_name, keep_graph_as_source
from . import fail, main, pass_session

FULL_CARD_HINT = "Full card: ess-graph ptce --explain N"
"""The line under the ranked table that says how to read one candidate's card."""


def ptce_parameters(config: Path | None, assignments: tuple[str, ...], option: str) -> PTCEParameters:
    """The PTCE parameters of a TOML file and NAME=VALUE assignments, for ``ptce`` and ``map --ptce``.

    An error in an assignment starts with ``option``, the option that gave it (``--param``,
    ``--ptce-param``); an unknown parameter, in the file or an assignment, points at
    ``--help-params``, which lists them all.

    >>> ptce_parameters(None, ("seed=7",), "--param").seed
    7
    """
    try:
        return load_parameters(config, assignments)
    except EssGraphError as exc:
        error = exc.given_as(option) if exc.field == "assignments" else exc
        if isinstance(exc, NameNotFound):
            fail(f"{error} (see ess-graph ptce --help-params)")
        raise error from None


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True,
              help="table for reading, json for scripts, md for a report.")
@click.option("--explain", type=int, metavar="N", default=None, help="Show the full card of candidate N.")
@click.option("--param", "assignments", multiple=True, metavar="NAME=VALUE",
              help="Change a weight or threshold (repeatable); see --help-params.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read parameters from a TOML file (keys at the top or under [ptce]); --param wins.")
@click.option("--save", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the candidates as RDF (.ttl, .nt, .jsonld) for SPARQL and the map.")
@click.option("--keep-as", "keep_as", metavar="NAME", default=None,
              help="Also keep the candidates in the store (--store DIR) as the source NAME, replacing its last "
                   "version (see ess-graph sources).")
@click.option("--territory", metavar="T",
              help="Look only at the actors of this territory (a name or an IRI) and those they are linked to; "
                   "needed on a large store.")
@click.option("--help-params", is_flag=True, help="List every parameter with its default and meaning.")
@pass_session
def ptce(session: GraphSource, fmt: str, explain: int | None, assignments: tuple[str, ...], config: Path | None,
         save: Path | None, keep_as: str | None, territory: str | None, help_params: bool) -> None:
    """Rank the groups of actors that cooperate like a PTCE (law 2014-856 art. 9), or nearly.

    Each candidate shows the legal checklist of decree 2015-431 art. 3 with its evidence, a score
    broken into components, missing roles with suggested actors, and caveats about the data.

    \b
    Examples:
      ess-graph ptce
      ess-graph ptce --explain 1
      ess-graph ptce --format json --param weight_funding=0.2 --param seed=7
      ess-graph ptce --config ptce.toml --save candidates.ttl
      ess-graph --store ess-store ptce --territory "Département 3"
      ess-graph --store ess-store ptce --keep-as ptce-2026-12
    """
    if help_params:
        for name, default, text in parameter_help():
            click.echo(f"{name} (default {default}): {text}")
        return
    params = ptce_parameters(config, assignments, "--param")
    if keep_as is not None:
        try:
            check_source_name(keep_as)
        except EssGraphError as exc:
            raise exc.given_as("--keep-as") from None
        if session.store_dir is None:
            raise EssGraphError("--keep-as: the candidates are kept in a store: give --store DIR")
    save_format = rdf_format(save) if save is not None else None
    analysis = find_ptce_candidates(session.territory_graph(territory), params)
    if explain is not None:
        if not 1 <= explain <= len(analysis.candidates):
            raise EssGraphError(f"--explain {explain}: no such candidate (there are {len(analysis.candidates)})")
        candidate = analysis.candidate(explain)
        text = (json.dumps(candidate_to_json(candidate), ensure_ascii=False, indent=2) + "\n"
                if fmt == "json" else candidate_card(candidate))
    elif fmt == "json":
        text = json.dumps(analysis_to_json(analysis), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        text = analysis_markdown(analysis)
    else:
        text = candidates_table(analysis)
        if analysis.candidates:
            text += f"\n{FULL_CARD_HINT}\n"
    if save is not None and save_format is not None:
        write_text_atomically(save, rdf_text(analysis_to_rdf(analysis), save_format))
        click.echo(f"wrote {len(analysis.candidates)} candidates to {save}", err=True)
    if keep_as is not None and session.store_dir is not None:
        kept = keep_graph_as_source(session.store_dir, keep_as, analysis_to_rdf(analysis), importer="ptce",
                                    made_by="ess-graph ptce")
        click.echo(f"{kept.describe()} into {session.store_dir}" if kept.changed else kept.describe(), err=True)
    click.echo(text, nl=False)
