"""The SPARQL commands: ``query`` runs a named question of the library, ``sparql`` a query of your own."""

import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import click

from ..errors import EssGraphError, InvalidQuery, NameNotFound
from ..io.files import write_text_atomically
from ..sources import GraphSource
from ..sources.engine import Engine, SelectResult
from ..sources.graph_source import ENGINES
from ..sparql.catalogue import NamedQuery, load_catalogue, named_query, shipped_catalogue
from ..sparql.results import FORMATS, render
from ..sparql.runner import labels_for, run_named_query, run_sparql
from . import main, pass_session


def output_options(command: Callable) -> Callable:
    """The options both commands share: output format, label language, engine, output file."""
    options = [
        click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="table and md show labels; csv adds <column>_iri columns; json gives {iri, label} "
                          "for IRIs; sparql-json is the W3C results format."),
        click.option("--lang", default="fr", show_default=True, metavar="CODE",
                     help="Language of the labels shown for IRIs (fr, en)."),
        click.option("--engine", type=click.Choice(ENGINES), default="oxigraph", show_default=True,
                     help="The SPARQL engine: Oxigraph (fast, in Rust) or rdflib; both read the same files "
                          "and give the same rows. With --store or --endpoint, oxigraph means the store's "
                          "or the endpoint's own engine."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Write to FILE (replaced whole, never half-written) instead of standard output."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomically(output, text)
        click.echo(f"wrote {output}", err=True)


def _answer(engine: Engine, answer: SelectResult | bool, fmt: str, lang: str) -> str:
    labels = {} if isinstance(answer, bool) else labels_for(engine, answer, lang)
    return render(answer, fmt, labels)


def _parameters(pairs: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise EssGraphError(f"-p expects KEY=VALUE, got '{pair}'")
        values[key.strip()] = value
    return values


def _catalogue_listing(catalogue: Mapping[str, NamedQuery]) -> str:
    lines = []
    for query in catalogue.values():
        lines.append(f"{query.name:<26} {query.title}")
        lines.append(f"{'':<26} parameters: {query.parameter_list()}")
    return "\n".join(lines) + "\n"


@main.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query, e.g. -p actor=\"Boulangerie solidaire\". Repeatable.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--show", is_flag=True, help="Print the query's SPARQL file (header included) instead of running it.")
@click.option("--queries", "folders", multiple=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Add your own named queries: a folder of .rq files with the same header as the shipped ones. "
                   "Repeatable.")
@output_options
@pass_session
def query(session: GraphSource, name: str | None, params: tuple[str, ...], list_queries: bool, show: bool,
          folders: tuple[Path, ...], fmt: str, lang: str, engine: str, output: Path | None) -> None:
    """Ask a named cooperation question (see --list).

    Actors, territories, legal forms and sectors are given by name (accents and case do not
    matter), by IRI or by prefixed name.

    \b
    Example: ess-graph query funders -p actor="Boulangerie solidaire"
             ess-graph query shared-funders -p min=2 --format csv > pairs.csv
    """
    catalogue = load_catalogue(*folders) if folders else shipped_catalogue()
    if list_queries:
        _emit(_catalogue_listing(catalogue), output)
        return
    if name is None:
        raise EssGraphError("give a query name, or --list to see them")
    try:
        named = named_query(name, catalogue)
    except NameNotFound as exc:
        raise EssGraphError(f"{exc} (ess-graph query --list shows them all)") from None
    if show:
        _emit(named.text, output)
        return
    chosen = session.engine(engine)
    try:
        result = run_named_query(chosen, named.name, _parameters(params), catalogue=catalogue)
    except InvalidQuery as exc:
        raise EssGraphError(_with_flag(str(exc))) from None
    _emit(_answer(chosen, result, fmt, lang), output)


@main.command()
@click.argument("source", metavar="FILE|-|QUERY")
@output_options
@pass_session
def sparql(session: GraphSource, source: str, fmt: str, lang: str, engine: str, output: Path | None) -> None:
    """Run a read-only SPARQL query (SELECT or ASK) of your own.

    SOURCE is a .rq file, - for standard input, or the query text itself. The project prefixes
    (ess:, essd:, org:, skos:...) are declared for you; updates, SERVICE and FROM are refused.

    \b
    Example: ess-graph sparql my-question.rq
             ess-graph sparql 'SELECT ?a WHERE { ?a a ess:ESSStructure }' --format csv
    """
    text, where = _query_text(source)
    chosen = session.engine(engine)
    answer = run_sparql(chosen, text, source=where)
    _emit(_answer(chosen, answer, fmt, lang), output)


def _with_flag(message: str) -> str:
    """The library writes a missing parameter's example as ``actor="..."``; here it is given with -p."""
    return message.replace("; e.g. ", "; e.g. -p ")


def _query_text(source: str) -> tuple[str, str]:
    """The query and the name to use for it in messages: stdin, a file, or the text itself."""
    if source == "-":
        return sys.stdin.read(), "<stdin>"
    path = Path(source)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except UnicodeDecodeError as exc:
            raise EssGraphError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if not any(char.isspace() or char == "{" for char in source):
        raise EssGraphError(f"{source}: no such file (to run query text, write the whole query)")
    return source, "query"
