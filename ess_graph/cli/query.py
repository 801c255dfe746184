"""The SPARQL commands: ``query`` runs a named question of the library, ``sparql`` a query of your own.

Both stream their rows to the output as the engine finds them (the table shows at most
``TABLE_ROWS`` unless ``--limit`` says otherwise), stop a query after ``--timeout`` seconds, and
stop it at once on Ctrl-C: one line on stderr, exit status 130.
"""

import math
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import click

from ..errors import EssGraphError, InvalidQuery, NameNotFound, QueryTimeout
from ..io.files import write_atomically, write_text_atomically
from ..sources import GraphSource
from ..sources.endpoint import EndpointEngine
from ..sources.engine import Engine, Rows
from ..sources.graph_source import ENGINES
from ..sparql.catalogue import NamedQuery, load_catalogue, named_query, shipped_catalogue
from ..sparql.results import FORMATS, render_boolean, write_rows
from ..sparql.runner import Labeller, check_language, stream_named_query, stream_sparql
from . import main, pass_session, reader_left

DEFAULT_TIMEOUT = 60.0
"""Seconds a query may make one wait at the terminal; --timeout 0 lifts the limit."""
TABLE_ROWS = 1000
"""Rows the table shows when no --limit is given; it counts the others."""


def output_options(command: Callable) -> Callable:
    """The options both commands share: output format, label language, engine, output file, and the
    limits: rows, time, size of an endpoint's answer."""
    options = [
        click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="table and md show labels; csv and tsv add <column>_iri columns; json (one array) "
                          "and jsonl (one object a line) give {iri, label} for IRIs; sparql-json is the W3C "
                          "results format."),
        click.option("--lang", default="fr", show_default=True, metavar="CODE",
                     help="Language of the labels shown for IRIs (fr, en)."),
        click.option("--engine", type=click.Choice(ENGINES), default="oxigraph", show_default=True,
                     help="The SPARQL engine: Oxigraph (fast, in Rust) or rdflib; both read the same files "
                          "and give the same rows. With --store or --endpoint, oxigraph means the store's "
                          "or the endpoint's own engine."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Write to FILE (replaced whole, never half-written) instead of standard output."),
        click.option("--limit", type=click.IntRange(min=1, max=sys.maxsize), default=None, metavar="N",
                     help=f"Write at most N rows, then stop the query. Without it the table shows {TABLE_ROWS} "
                          "rows and counts the others; the other formats write every row, as it comes."),
        click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
                     metavar="SECONDS",
                     help="Stop a query that makes you wait longer than this (writing its rows out does not "
                          "count); 0: no limit. Ctrl-C stops a query at once."),
        click.option("--max-answer", "max_answer", type=click.IntRange(min=1, max=1_048_576), default=None,
                     metavar="MB",
                     help="With --endpoint: the largest answer to read, in MiB (default 256)."),
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


class Limits:
    """The options that bound a query: its time, its rows, an endpoint's answer size."""

    def __init__(self, timeout: float, limit: int | None, max_answer: int | None):
        self.timeout = math.inf if timeout == 0 else timeout  # a child process all the same: Ctrl-C stops it
        self.limit = limit
        self.max_answer = max_answer

    def apply(self, engine: Engine) -> Engine:
        if self.max_answer is not None and isinstance(engine, EndpointEngine):
            engine.max_bytes = self.max_answer * 2**20
        return engine


@contextmanager
def _stoppable() -> Iterator[None]:
    """Ctrl-C: one line and exit status 130; a timeout: how to give the query more time; a closed
    pipe (``| head``): stop quietly (:func:`~ess_graph.cli.reader_left`)."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo("ess-graph: interrupted", err=True)
        sys.exit(130)
    except QueryTimeout as exc:
        raise EssGraphError(f"{exc}; give it more time with --timeout SECONDS (0: no limit)") from None
    except BrokenPipeError:
        reader_left()


def _more_rows(shown: int, more: int) -> str:
    if not more:
        return f"({shown} row{'s' if shown != 1 else ''})"
    return f"({shown:,} rows shown; {more:,} more row{'s' if more != 1 else ''}, use --limit or --format csv)"


def _write_answer(engine: Engine, answer: Rows | bool, fmt: str, lang: str, output: Path | None,
                  limits: Limits) -> None:
    """Write the answer as it comes, to standard output or to a file replaced whole at the end."""
    check_language(lang)
    if isinstance(answer, bool):
        _emit(render_boolean(answer, fmt), output)
        return
    rows = answer

    def write(stream: TextIO) -> None:
        write_rows(rows, fmt, stream, Labeller(engine, lang), limit=limits.limit,
                   table_rows=limits.limit or TABLE_ROWS, count_line=_more_rows)

    try:
        if output is None:
            write(sys.stdout)
            sys.stdout.flush()
            return
        write_atomically(output, lambda temporary: _write_file(temporary, write))
    finally:
        rows.close()
    click.echo(f"wrote {output}", err=True)


def _write_file(path: Path, write: Callable[[TextIO], None]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        write(stream)


def _parameters(pairs: tuple[str, ...]) -> dict[str, str]:
    """The ``-p KEY=VALUE`` values; a key given twice is refused, as which value was meant
    cannot be told (``-p actor=A -p actor=B`` would ask about B alone)."""
    values: dict[str, str] = {}
    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise EssGraphError(f"-p expects KEY=VALUE, got '{pair}'")
        key = key.strip()
        if key in values:
            raise EssGraphError(f"-p: '{key}' is given twice ({given[key]}, then {pair}); give it once")
        values[key], given[key] = value, pair
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
          folders: tuple[Path, ...], fmt: str, lang: str, engine: str, output: Path | None, limit: int | None,
          timeout: float, max_answer: int | None) -> None:
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
    limits = Limits(timeout, limit, max_answer)
    with _stoppable():
        chosen = limits.apply(session.engine(engine))
        try:
            rows = stream_named_query(chosen, named.name, _parameters(params), catalogue=catalogue,
                                      timeout=limits.timeout)
        except InvalidQuery as exc:
            raise EssGraphError(_with_flag(str(exc))) from None
        _write_answer(chosen, rows, fmt, lang, output, limits)


@main.command()
@click.argument("source", metavar="FILE|-|QUERY")
@output_options
@pass_session
def sparql(session: GraphSource, source: str, fmt: str, lang: str, engine: str, output: Path | None,
           limit: int | None, timeout: float, max_answer: int | None) -> None:
    """Run a read-only SPARQL query (SELECT or ASK) of your own.

    SOURCE is a .rq file, - for standard input, or the query text itself. The project prefixes
    (ess:, essd:, org:, skos:...) are declared for you; updates, SERVICE and FROM are refused.

    \b
    Example: ess-graph sparql my-question.rq
             ess-graph sparql 'SELECT ?a WHERE { ?a a ess:ESSStructure }' --format csv
    """
    text, where = _query_text(source)
    limits = Limits(timeout, limit, max_answer)
    with _stoppable():
        chosen = limits.apply(session.engine(engine))
        answer = stream_sparql(chosen, text, source=where, timeout=limits.timeout)
        _write_answer(chosen, answer, fmt, lang, output, limits)


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
