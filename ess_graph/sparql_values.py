"""Giving values to a query's variables as a SPARQL ``VALUES`` block built from RDF terms.

Engines that take query text (an Oxigraph store, a remote endpoint) cannot be handed bound
values the way rdflib's ``initBindings`` are, and pyoxigraph's own substitutions only accept
variables the query projects. The portable way is a ``VALUES`` block at the start of the
query's outermost ``WHERE`` group: the engine joins it first, so a parameterised question stays
as fast as one written with the value in place. Every value is an rdflib term spelt out with
the escaping of the SPARQL grammar; text typed by a user never reaches the query as such.
"""

import re
from collections.abc import Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .errors import EssGraphError

Bindings = Mapping[str, Node | Sequence[Node]]
"""Variable name (without ``?``) -> the term it takes, or the several terms it may take."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_IRI_TEXT = re.compile(r'[^<>"{}|^`\\\x00-\x20]*\Z')
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                                 "\b": "\\b", "\f": "\\f"})
_TOKEN = re.compile(
    r"""\#[^\n]*                                   # a comment
      | '''(?:[^'\\]|\\.|'(?!''))*'''              # long strings
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*"  # strings
      | <[^<>"{}|^`\\\x00-\x20]*>                  # an IRI
      | [?$]\w+                                    # a variable
      | [A-Za-z_][\w.-]*:[\w.:-]*                  # a prefixed name
      | [A-Za-z]+                                  # a keyword
      | [(){}]""",
    re.VERBOSE | re.DOTALL,
)


def sparql_term(term: Node) -> str:
    """An IRI or a literal as SPARQL writes it; any other kind of node is refused."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        quoted = '"' + str(term).translate(_STRING_ESCAPES) + '"'
        if term.language:
            if not _LANGUAGE_TAG.match(term.language):
                raise EssGraphError(f"'{term.language}' is not a language tag")
            return f"{quoted}@{term.language}"
        if term.datatype is None or term.datatype == XSD.string:
            return quoted
        return f"{quoted}^^{_iri(str(term.datatype))}"
    raise EssGraphError(f"a bound value must be an IRI or a literal, not {type(term).__name__} {term!r}")


def _iri(text: str) -> str:
    if not _IRI_TEXT.match(text):
        raise EssGraphError(f"'{text}' is not a valid IRI (it holds a space, a quote, a brace or angle brackets)")
    return f"<{text}>"


def values_block(bindings: Bindings) -> str:
    """``VALUES ?name { term ... }`` for each bound variable (several blocks make a cross product)."""
    blocks = []
    for name, value in bindings.items():
        if not _NAME.match(name):
            raise EssGraphError(f"'{name}' is not a SPARQL variable name")
        terms = [value] if isinstance(value, Node) else list(value)
        blocks.append(f"VALUES ?{name} {{ {' '.join(map(sparql_term, terms))} }}")
    return " ".join(blocks)


def bind_values(query: str, bindings: Bindings | None) -> str:
    """``query`` with ``bindings`` joined first in its outermost WHERE group.

    The block is put on the line of the opening brace, so that an engine's error message about
    the query still points at the line the author wrote.
    """
    if not bindings:
        return query
    brace = _where_brace(query)
    return f"{query[:brace + 1]} {values_block(bindings)} {query[brace + 1:]}"


def _where_brace(query: str) -> int:
    """Where the WHERE group of a SELECT or ASK query opens: its first brace outside parentheses
    (a SELECT clause's ``(EXISTS { ... } AS ?x)`` sits inside parentheses), skipping comments,
    strings and IRIs, which may hold braces of their own."""
    form, depth = None, 0
    for match in _TOKEN.finditer(query):
        token = match.group()
        if form is None and token.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form = token.upper()
        elif token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "{" and depth == 0 and form is not None:
            if form in ("SELECT", "ASK"):
                return match.start()
            break
    raise EssGraphError("values can only be bound in a SELECT or ASK query that has a WHERE group")
