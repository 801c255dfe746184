"""The safe query runner: read-only SPARQL, typed parameters, readable errors.

What it guarantees, whatever the engine:

- only SELECT and ASK queries run; an update (INSERT, DELETE, LOAD, DROP...) is refused, and so
  are ``SERVICE`` and ``FROM`` clauses, which would make the engine fetch data from the network;
- a syntax error is one line with the line, the column and the text where the query went
  wrong;
- parameter values are typed by the query's header, names are resolved to graph nodes
  (:mod:`ess_graph.names`), and values reach the query only as RDF terms, never as text
  (:mod:`ess_graph.binding`).

From a notebook::

    >>> from ess_graph import load_graph, run_named_query
    >>> rows = run_named_query(load_graph(), "funders", actor="Boulangerie solidaire")
    >>> [row["funder"] for row in rows]
"""

import re
from collections.abc import Mapping
from functools import cache

from pyparsing import ParseException
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from .binding import code_tokens
from .engines import Engine, SelectResult, as_engine
from .errors import EssGraphError
from .names import NAME_TYPES, NameResolver
from .namespaces import sparql_prologue
from .queries import NamedQuery, named_query
from .terms import prefixed

_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
READ_FORMS = ("SELECT", "ASK")


def check_query(text: str, *, source: str = "query", prologue: str = "") -> str:
    """The form of a read-only query (``SELECT`` or ``ASK``), or an EssGraphError saying why it cannot run.

    ``prologue`` (PREFIX lines) is put before ``text`` to parse it; positions in messages are
    those of ``text`` alone.
    """
    offset = prologue.count("\n")
    try:
        parsed = parseQuery(prologue + text)
    except ParseException as exc:
        if _is_update(text):
            raise _update_refused(source) from None
        raise EssGraphError(_syntax_message(source, text, exc.lineno - offset, exc.col, exc.msg)) from None
    try:
        algebra = translateQuery(parsed).algebra
    except Exception as exc:  # rdflib reports an undeclared prefix this way, without a position
        raise EssGraphError(_translation_message(source, text, exc)) from None
    form = algebra.name.removesuffix("Query").upper()
    if form not in READ_FORMS:
        raise EssGraphError(f"{source}: {form} queries are not supported; write a SELECT (or an ASK)")
    if algebra.get("datasetClause"):
        raise EssGraphError(f"{source}: FROM and FROM NAMED are refused: queries run on the loaded graph only")
    if _has_service(algebra):
        raise EssGraphError(f"{source}: SERVICE is refused: queries run on the loaded graph, offline")
    return form


def _is_update(text: str) -> bool:
    """An update whatever its syntax: it parses as one, or its first keyword after the prologue is an update's."""
    try:
        parseUpdate(text)
        return True
    except Exception:
        pass
    tokens = [token.text.upper() for token in code_tokens(text) if not token.text.isspace()]
    position = 0
    while position < len(tokens) and tokens[position] in ("PREFIX", "BASE"):
        position += 2 if tokens[position] == "PREFIX" else 1
    return position < len(tokens) and tokens[position] in _UPDATE_KEYWORDS


def _update_refused(source: str) -> EssGraphError:
    return EssGraphError(f"{source}: updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) "
                         "are refused: ess-graph query and sparql are read-only")


def _syntax_message(source: str, text: str, line: int, column: int, reason: str) -> str:
    lines = text.splitlines() or [""]
    line = min(max(line, 1), len(lines))
    near = lines[line - 1][column - 1:].strip()[:40] or "end of query"
    return f"{source}:{line}:{column}: SPARQL syntax error near '{near}' ({reason})"


def _translation_message(source: str, text: str, exc: Exception) -> str:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    prefix = re.match(r"Unknown namespace prefix : (\S+)", reason)
    if prefix:
        name = prefix.group(1)
        for token in code_tokens(text):
            if token.text.startswith(f"{name}:"):
                line = text.count("\n", 0, token.start) + 1
                column = token.start - (text.rfind("\n", 0, token.start) + 1) + 1
                return (f"{source}:{line}:{column}: unknown prefix '{name}:' "
                        f"(declare it with PREFIX {name}: <...>)")
        return f"{source}: unknown prefix '{name}:' (declare it with PREFIX {name}: <...>)"
    return f"{source}: cannot read the query: {reason}"


def _has_service(algebra) -> bool:
    found = []

    def visit(node):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found.append(node)

    traverse(algebra, visitPre=visit)
    return bool(found)


def run_sparql(target: Graph | Engine, text: str, *, source: str = "query") -> SelectResult | bool:
    """Run a user's read-only query; the project prefixes (``ess:``, ``essd:``...) are predeclared."""
    engine = as_engine(target)
    prologue = sparql_prologue()
    form = check_query(text, source=source, prologue=prologue)
    full = prologue + text
    return engine.select(full) if form == "SELECT" else engine.ask(full)


def bind_parameters(query: NamedQuery, values: Mapping[str, object],
                    resolver: NameResolver) -> dict[str, URIRef | Literal]:
    """The terms to bind for ``values`` (strings or numbers), with defaults filled in.

    A missing or unknown parameter, a value of the wrong type, or a name that names nothing
    (or several things) is an EssGraphError listing the query's parameters.
    """
    unknown = sorted(set(values) - {p.name for p in query.parameters})
    if unknown:
        raise EssGraphError(f"query '{query.name}' has no parameter '{unknown[0]}' "
                            f"(parameters: {query.parameter_list()})")
    terms = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            example = f'-p {parameter.name}="{parameter.example}"'
            raise EssGraphError(f"query '{query.name}' needs parameter '{parameter.name}' "
                                f"(parameters: {query.parameter_list()}; e.g. {example})")
        terms[parameter.name] = _typed_value(query, parameter.name, parameter.type, value, resolver)
    return terms


def _typed_value(query: NamedQuery, name: str, type_key: str, value: object, resolver: NameResolver):
    if type_key == "integer":
        text = str(value).strip()
        if isinstance(value, bool) or not re.fullmatch(r"[+-]?\d+", text):
            raise EssGraphError(f"query '{query.name}': parameter '{name}' must be an integer, not '{value}'")
        return Literal(int(text), datatype=XSD.integer)
    if type_key in NAME_TYPES:
        try:
            return resolver.resolve(type_key, str(value))
        except EssGraphError as exc:
            raise EssGraphError(f"query '{query.name}', parameter '{name}': {exc}") from None
    raise EssGraphError(f"query '{query.name}': parameter '{name}' has unknown type '{type_key}'")


def run_named_query(target: Graph | Engine, name: str, /, resolver: NameResolver | None = None,
                    **values: object) -> SelectResult:
    """Run the named query ``name`` with parameter ``values`` given as keywords.

    >>> rows = run_named_query(graph, "shared-funders", min=1)

    ``resolver`` lets several calls on one engine share the names it has read.
    """
    engine = as_engine(target)
    query = named_query(name)
    _check_named(query)
    terms = bind_parameters(query, values, resolver or NameResolver(engine))
    return engine.select(query.text, terms)


@cache
def _check_named(query: NamedQuery) -> None:
    check_query(query.text, source=str(query.path))


_LABELS_QUERY = """SELECT ?node ?label WHERE {
  ?node rdfs:label|skos:prefLabel ?label .
}"""


def labels_for(engine: Engine, result: SelectResult, lang: str = "fr") -> dict[URIRef, str]:
    """A readable label for every IRI in ``result``: in ``lang`` if possible, else any, else ``prefix:name``."""
    iris = sorted({term for row in result.rows for term in row if isinstance(term, URIRef)})
    labels: dict[URIRef, str] = {iri: prefixed(iri) for iri in iris}
    if not iris:
        return labels
    rank: dict[URIRef, int] = {}
    found = engine.select(sparql_prologue() + _LABELS_QUERY, {"node": iris})
    for node, label in found.rows:
        score = 0 if getattr(label, "language", None) == lang else 1 if not getattr(label, "language", None) else 2
        if score < rank.get(node, 3):
            rank[node] = score
            labels[node] = str(label)
    return labels

