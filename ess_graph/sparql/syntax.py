"""Reading SPARQL text without running it: its words, and whether it is a query ess-graph runs.

The tokenizer skips comments, strings and IRIs, so that the catalogue, the checks and the
binding of values see only the query's own words. :func:`check_query` admits read-only queries
(SELECT and ASK) and refuses updates and every clause that would reach the network
(``SERVICE``, ``FROM``), with a message that points at the line and column at fault.

    >>> check_query("SELECT ?s WHERE { ?s ?p ?o }")
    'SELECT'
    >>> [token.text for token in code_tokens('ASK { ?s rdfs:label "a { b" } # }')]
    ['ASK', '{', '?s', 'rdfs:label', '}']
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from ..errors import InvalidQuery, first_line


@dataclass(frozen=True)
class Token:
    """A piece of query text that is neither a comment, a string nor an IRI, with its offset in
    the text, where a VALUES block can be put or an error pointed at.

    >>> next(code_tokens("  ASK { ?s ?p ?o }"))
    Token(text='ASK', start=2)
    """

    text: str
    start: int


_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
      | (?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<word>[A-Za-z_][\w-]*:?[\w.-]*|[?$][\w]+)
      | (?P<space>\s+)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


def code_tokens(query: str) -> Iterator[Token]:
    """The words and punctuation of ``query``, skipping comments, strings and IRIs, so that a
    brace in a label or a keyword in a comment is not taken for the query's own.

    >>> [token.text for token in code_tokens('ASK { ?s rdfs:label "a { b" } # }')]
    ['ASK', '{', '?s', 'rdfs:label', '}']
    >>> [token.text for token in code_tokens("SELECT ?x WHERE { <urn:ex:DELETE> ?p ?x }  # DROP ALL")]
    ['SELECT', '?x', 'WHERE', '{', '?p', '?x', '}']
    """
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        if kind in ("word", "other"):
            yield Token(match.group(), match.start())


_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
READ_FORMS = ("SELECT", "ASK")


def check_query(text: str, *, source: str = "query", prologue: str = "") -> str:
    """The form of a read-only query (``SELECT`` or ``ASK``), or an InvalidQuery saying why it cannot run.

    ``prologue`` (PREFIX lines) is put before ``text`` to parse it; positions in messages are
    those of ``text`` alone.

    >>> check_query("ASK { ?s ?p ?o }")
    'ASK'
    >>> check_query("SELECT ?s WHERE {\\n  ?s ?p\\n}", source="mine.rq")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: mine.rq:2:3: SPARQL syntax error near '?s ?p' (Expected SelectQuery)
    >>> check_query("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: query: updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) are
    refused: ess-graph query and sparql are read-only
    >>> check_query("SELECT * FROM <https://example.org/graph> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: query: FROM and FROM NAMED are refused: queries run on the loaded graph only

    A text with nothing but spaces, comments or PREFIX lines is said to be empty (SPARQL's grammar
    reads it as an update that does nothing, which would be refused as an update):

    >>> check_query("# who funds the Boulangerie solidaire?\\n", source="<stdin>")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: <stdin>: the query is empty (only spaces, comments or PREFIX lines); write a SELECT
    or an ASK
    """
    if not _query_words(text):
        raise InvalidQuery(f"{source}: the query is empty (only spaces, comments or PREFIX lines); "
                           "write a SELECT or an ASK")
    offset = prologue.count("\n")
    try:
        parsed = parseQuery(prologue + text)
    except RecursionError:  # rdflib's parser recurses for each bracket: some fifty are too many
        raise InvalidQuery(f"{source}: nested too deeply to be parsed (brackets within brackets); "
                           "write it with fewer levels") from None
    except ParseException as exc:
        if _is_update(text):
            raise _update_refused(source) from None
        raise InvalidQuery(_syntax_message(source, text, exc.lineno - offset, exc.col, exc.msg)) from None
    try:
        algebra = translateQuery(parsed).algebra
    except Exception as exc:  # rdflib reports an undeclared prefix this way, without a position
        raise InvalidQuery(_translation_message(source, text, exc)) from None
    form = algebra.name.removesuffix("Query").upper()
    if form not in READ_FORMS:
        raise InvalidQuery(f"{source}: {form} queries are not supported; write a SELECT (or an ASK)")
    if algebra.get("datasetClause"):
        raise InvalidQuery(f"{source}: FROM and FROM NAMED are refused: queries run on the loaded graph only")
    if _has_service(algebra):
        raise InvalidQuery(f"{source}: SERVICE is refused: queries run on the loaded graph, offline")
    return form


def _is_update(text: str) -> bool:
    """An update whatever its syntax: it parses as one, or its first keyword after the prologue is an update's."""
    try:
        parseUpdate(text)
        return True
    except Exception:
        pass
    words = _query_words(text)
    return bool(words) and words[0] in _UPDATE_KEYWORDS


def _query_words(text: str) -> list[str]:
    """The words and punctuation of ``text`` after its prologue (PREFIX and BASE lines), in capitals."""
    tokens = [token.text.upper() for token in code_tokens(text) if not token.text.isspace()]
    position = 0
    while position < len(tokens) and tokens[position] in ("PREFIX", "BASE"):
        position += 2 if tokens[position] == "PREFIX" else 1
    return tokens[position:]


def _update_refused(source: str) -> InvalidQuery:
    return InvalidQuery(f"{source}: updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) "
                         "are refused: ess-graph query and sparql are read-only")


def _syntax_message(source: str, text: str, line: int, column: int, reason: str) -> str:
    lines = text.splitlines() or [""]
    line = min(max(line, 1), len(lines))
    near = lines[line - 1][column - 1:].strip()[:40] or "end of query"
    return f"{source}:{line}:{column}: SPARQL syntax error near '{near}' ({reason})"


def _translation_message(source: str, text: str, exc: Exception) -> str:
    reason = first_line(exc)
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


def _has_service(algebra: object) -> bool:
    found = []

    def visit(node: object) -> None:
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found.append(node)

    traverse(algebra, visitPre=visit)
    return bool(found)


__all__ = ["READ_FORMS", "Token", "check_query", "code_tokens"]
