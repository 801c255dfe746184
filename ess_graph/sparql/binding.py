"""Giving values to the variables of a SPARQL query without pasting user text into it.

A value reaches a query as an RDF term (an IRI found in the graph, a typed number), never as
text from the user. Each engine binds terms its own safe way:

- rdflib: the terms are put in place of their variables in the parsed query and passed as
  ``initBindings`` (:mod:`ess_graph.sources.planning`);
- Oxigraph and any engine that only takes a query string (a SPARQL endpoint): a ``VALUES``
  block, written by :func:`bind_values` with the escaping of the SPARQL grammar
  (:func:`sparql_term`) at the start of the query's outermost ``WHERE`` group and of each
  UNION branch that uses the variable. (pyoxigraph's substitutions, SEP-0007, were tried:
  on a store of 5,000 synthetic structures they answered the named queries 1.4 to 127 times
  slower than VALUES, funders taking 106 ms against 1.5 ms: the optimiser does not start
  from the substituted value.)

rdflib binds the variable everywhere in the query, VALUES only where the standard says; the
two agree when a parameter is used as a join variable (``?funding ess:recipient ?actor``),
which is how the named queries use theirs. The tests run every named query both ways.
"""

import re
from collections.abc import Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import InvalidQuery
from .syntax import code_tokens

Bindings = Mapping[str, Node | Sequence[Node]]
"""Variable name (without ``?``) -> one term, or several terms the variable may take."""

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]*\Z')
_LANGUAGE = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_term(term: Node) -> str:
    """The SPARQL spelling of an IRI or a literal; anything else is refused, and so is an IRI or
    a language tag that would break out of its term.

    >>> sparql_term(URIRef("https://w3id.org/ess-graph/id/galilee"))
    '<https://w3id.org/ess-graph/id/galilee>'
    >>> print(sparql_term(Literal("Vieille-Église", lang="fr")), sparql_term(Literal(6)))
    "Vieille-Église"@fr "6"^^<http://www.w3.org/2001/XMLSchema#integer>
    >>> print(sparql_term(Literal('la "Note Bleue" }')))
    "la \\"Note Bleue\\" }"
    >>> sparql_term(URIRef("https://w3id.org/ess-graph/id/> } DROP ALL"))
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: 'https://w3id.org/ess-graph/id/> } DROP ALL' is not a valid IRI
    (it holds a space, a quote, a brace or '<>')
    """
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        lexical = '"' + "".join(_ESCAPES.get(char, char) for char in str(term)) + '"'
        if term.language:
            if not _LANGUAGE.match(term.language):
                raise InvalidQuery(f"'{term.language}' is not a language tag")
            return f"{lexical}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{lexical}^^{_iri(str(term.datatype))}"
        return lexical
    raise InvalidQuery(f"a query value must be an IRI or a literal, not {type(term).__name__} {term!r}")


def _iri(text: str) -> str:
    if not _IRI.match(text):
        raise InvalidQuery(f"'{text}' is not a valid IRI (it holds a space, a quote, a brace or '<>')")
    return f"<{text}>"


def values_block(bindings: Bindings) -> str:
    """One ``VALUES ?v { ... }`` per variable; several blocks join as a cross product."""
    blocks = []
    for name, value in bindings.items():
        if not _VARIABLE.match(name):
            raise InvalidQuery(f"'{name}' is not a SPARQL variable name")
        terms = [value] if isinstance(value, Node) else list(value)
        blocks.append(f"VALUES ?{name} {{ {' '.join(sparql_term(term) for term in terms)} }}")
    return " ".join(blocks)


def bind_values(query: str, bindings: Bindings | None) -> str:
    """``query`` with ``bindings`` as VALUES at the start of its outermost WHERE group, and
    again in each branch of a UNION that uses them (see :func:`union_branches`).

    The block goes on the line of the opening brace, so that line numbers in error messages
    still match the text the user wrote.

    >>> bakery = URIRef("https://w3id.org/ess-graph/id/boulangerie-solidaire")
    >>> print(bind_values("SELECT ?funder WHERE { ?funding ess:funder ?funder ; ess:recipient ?actor }",
    ...                   {"actor": bakery}))
    SELECT ?funder WHERE { VALUES ?actor { <https://w3id.org/ess-graph/id/boulangerie-solidaire> }
      ?funding ess:funder ?funder ; ess:recipient ?actor }
    >>> print(bind_values("ASK { { ?s ess:supported ?actor } UNION { ?s ess:recipient ?actor } }",
    ...                   {"actor": [URIRef("urn:ex:bakery"), URIRef("urn:ex:galilee")]}))
    ASK { VALUES ?actor { <urn:ex:bakery> <urn:ex:galilee> }
      { VALUES ?actor { <urn:ex:bakery> <urn:ex:galilee> } ?s ess:supported ?actor } UNION
      { VALUES ?actor { <urn:ex:bakery> <urn:ex:galilee> } ?s ess:recipient ?actor } }
    """
    if not bindings:
        return query
    inserts = {where_brace(query): values_block(bindings)}
    for brace, variables in union_branches(query):
        bound = {name: value for name, value in bindings.items() if name in variables}
        if bound:
            inserts[brace] = values_block(bound)
    for brace in sorted(inserts, reverse=True):
        query = f"{query[:brace + 1]} {inserts[brace]} {query[brace + 1:]}"
    return query


def union_branches(query: str) -> list[tuple[int, set[str]]]:
    """The ``{`` of each branch of a UNION, outside subqueries, with the variables the branch
    uses at its own level (not only inside a nested OPTIONAL, MINUS or FILTER group).

    A VALUES block at the start of the WHERE group does not reach into the branches of a UNION
    in Oxigraph's planner, which then evaluates each branch over the whole store; the same
    block repeated in a branch that uses the variable gives the same rows and starts there.
    """
    tokens = list(code_tokens(query))
    stack: list[tuple[int, set[str], bool]] = []  # (token index, variables, opens a subquery)
    branches = []
    for index, token in enumerate(tokens):
        text = token.text
        if text == "{":
            stack.append((index, set(), False))
        elif text.upper() == "SELECT" and stack:
            opened, variables, _ = stack[-1]
            stack[-1] = (opened, variables, True)
        elif text[:1] in "?$" and stack:
            stack[-1][1].add(text[1:])
        elif text == "}" and stack:
            opened, variables, subquery = stack.pop()
            before = tokens[opened - 1].text.upper() if opened else ""
            after = tokens[index + 1].text.upper() if index + 1 < len(tokens) else ""
            inside_subquery = subquery or any(flag for _, _, flag in stack)
            if "UNION" in (before, after) and not inside_subquery:
                branches.append((tokens[opened].start, variables))
    return branches


def where_brace(query: str) -> int:
    """The offset of the ``{`` that opens the outermost WHERE group of a SELECT or ASK query.

    In those forms the first brace outside parentheses opens the WHERE group (braces in the
    SELECT clause, as in ``(EXISTS { ... } AS ?x)``, sit inside parentheses).
    """
    depth = 0
    form = None
    for token in code_tokens(query):
        upper = token.text.upper()
        if form is None and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form = upper
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif token.text == "{" and depth == 0:
            if form not in ("SELECT", "ASK"):
                break
            return token.start
    raise InvalidQuery("values can only be bound in a SELECT or ASK query with a WHERE group")
