"""The safe query runner: read-only SPARQL, typed parameters, readable errors.

What it guarantees, whatever the engine:

- only SELECT and ASK queries run; an update (INSERT, DELETE, LOAD, DROP...) is refused, and so
  are ``SERVICE`` and ``FROM`` clauses, which would make the engine fetch data from the network;
- a syntax error is one line with the line, the column and the text where the query went
  wrong;
- parameter values are typed by the query's header, names are resolved to graph nodes
  (:mod:`.names`), and values reach the query only as RDF terms, never as text
  (:mod:`.binding`).

From a notebook:

    >>> from ess_graph import load_graph, run_sparql
    >>> run_sparql(load_graph(), "ASK { essd:galilee ess:supports ?someone }")
    True
    >>> run_sparql(load_graph(), "DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: query: updates (INSERT, DELETE, LOAD, ...) are refused: ...
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import EssGraphError, InvalidQuery, InvalidValue
from ..sources.engine import Engine, Row, Rows, SelectResult
from ..sources.memory import as_engine
from ..vocab.namespaces import sparql_prologue
from ..vocab.terms import prefixed
from .catalogue import NamedQuery, named_query
from .names import NAME_TYPES, NameResolver
from .syntax import check_query


def run_sparql(target: Graph | Engine, text: str, *, source: str = "query",
               timeout: float | None = None) -> SelectResult | bool:
    """Run a user's read-only query; the project prefixes (``ess:``, ``essd:``...) are predeclared.

    A SELECT gives a :class:`~ess_graph.sources.engine.SelectResult`, an ASK a bool; anything
    else is refused before it reaches the engine, and ``source`` names the query in messages.
    A query running longer than ``timeout`` seconds is stopped with a
    :class:`~ess_graph.errors.QueryTimeout`; see :func:`stream_sparql` for rows one by one.

    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     essd:galilee a ess:Actor ; rdfs:label "Galilée"@fr ; ess:supports essd:la-note-bleue .
    ...     essd:la-note-bleue a ess:Actor ; rdfs:label "La Note Bleue"@fr .
    ... ''')
    >>> run_sparql(graph, "SELECT ?whom WHERE { essd:galilee ess:supports ?whom }", timeout=30).rows
    ((rdflib.term.URIRef('https://w3id.org/ess-graph/id/la-note-bleue'),),)
    >>> run_sparql(graph, "ASK { ?someone ess:supports essd:galilee }")
    False
    >>> run_sparql(graph, "SELECT * WHERE {\\n  SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o }\\n}",
    ...            source="mine.rq")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: mine.rq: SERVICE is refused: queries run on the loaded graph, offline
    """
    answer = stream_sparql(target, text, source=source, timeout=timeout)
    return answer if isinstance(answer, bool) else answer.result()


def stream_sparql(target: Graph | Engine, text: str, *, source: str = "query",
                  timeout: float | None = None) -> Rows | bool:
    """:func:`run_sparql`, the rows of a SELECT given one by one as the engine finds them
    (:class:`~ess_graph.sources.engine.Rows`), so that millions of them take no memory.

    >>> from ess_graph import load_graph
    >>> with stream_sparql(load_graph(), "SELECT ?commune WHERE { ?commune a ess:Commune }", timeout=30) as rows:
    ...     rows.variables, sum(1 for _ in rows)
    (('commune',), 8)
    """
    engine = as_engine(target)
    prologue = sparql_prologue()
    form = check_query(text, source=source, prologue=prologue)
    full = prologue + text
    if form == "SELECT":
        return engine.select_rows(full, timeout=timeout)
    return engine.ask(full, timeout=timeout)


def bind_parameters(query: NamedQuery, values: Mapping[str, object],
                    resolver: NameResolver) -> dict[str, URIRef | Literal]:
    """The terms to bind for ``values`` (strings or numbers), with defaults filled in.

    A missing or unknown parameter, a value of the wrong type, or a name that names nothing
    (or several things) is an EssGraphError listing the query's parameters.

    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     essd:galilee a ess:Actor ; rdfs:label "Galilée"@fr ; ess:supports essd:la-note-bleue .
    ...     essd:la-note-bleue a ess:Actor ; rdfs:label "La Note Bleue"@fr .
    ... ''')
    >>> resolver = NameResolver(as_engine(graph))
    >>> bind_parameters(named_query("funders"), {"actor": "galilee"}, resolver)
    {'actor': rdflib.term.URIRef('https://w3id.org/ess-graph/id/galilee')}
    >>> bind_parameters(named_query("shared-funders"), {}, resolver)["min"].toPython()
    2
    >>> bind_parameters(named_query("funders"), {}, resolver)
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: query 'funders' needs parameter 'actor' (parameters: actor (actor, required);
    e.g. actor="Boulangerie solidaire")
    >>> bind_parameters(named_query("shared-funders"), {"min": "two"}, resolver)
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidQuery: query 'shared-funders': parameter 'min' must be an integer, not 'two'
    """
    unknown = sorted(set(values) - {p.name for p in query.parameters})
    if unknown:
        raise InvalidQuery(f"query '{query.name}' has no parameter '{unknown[0]}' "
                            f"(parameters: {query.parameter_list()})")
    terms = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            example = f'{parameter.name}="{parameter.example}"'
            raise InvalidQuery(f"query '{query.name}' needs parameter '{parameter.name}' "
                                f"(parameters: {query.parameter_list()}; e.g. {example})")
        terms[parameter.name] = _typed_value(query, parameter.name, parameter.type, value, resolver)
    return terms


def _typed_value(query: NamedQuery, name: str, type_key: str, value: object,
                 resolver: NameResolver) -> Literal | URIRef:
    if type_key == "integer":
        text = str(value).strip()
        if isinstance(value, bool) or not re.fullmatch(r"[+-]?\d+", text):
            raise InvalidQuery(f"query '{query.name}': parameter '{name}' must be an integer, not '{value}'")
        return Literal(int(text), datatype=XSD.integer)
    if type_key in NAME_TYPES:
        try:
            return resolver.resolve(type_key, str(value))
        except EssGraphError as exc:
            raise exc.prefixed(f"query '{query.name}', parameter '{name}'") from None
    raise InvalidQuery(f"query '{query.name}': parameter '{name}' has unknown type '{type_key}'")


def run_named_query(target: Graph | Engine, name: str, params: Mapping[str, object] | None = None, *,
                    catalogue: Mapping[str, NamedQuery] | None = None,
                    resolver: NameResolver | None = None, timeout: float | None = None) -> SelectResult:
    """Run the named query ``name`` with the parameter values ``params`` (strings or numbers).

    Query parameters and the function's own options never mix: ``params`` holds only the
    query's. ``catalogue`` is where the query is looked up (the shipped queries by default; see
    :func:`~ess_graph.sparql.catalogue.load_catalogue` for a folder of one's own), and
    ``resolver`` lets several calls on one engine share the names it has read. The query is
    stopped after ``timeout`` seconds (:class:`~ess_graph.errors.QueryTimeout`); names are
    resolved before, without a limit.

    >>> from ess_graph import load_graph, run_named_query
    >>> rows = run_named_query(load_graph(), "funders", {"actor": "Boulangerie solidaire"}, timeout=30)
    >>> len(rows), prefixed(rows.rows[0][2])
    (6, 'essd:calais')
    """
    return stream_named_query(target, name, params, catalogue=catalogue, resolver=resolver,
                              timeout=timeout).result()


def stream_named_query(target: Graph | Engine, name: str, params: Mapping[str, object] | None = None, *,
                       catalogue: Mapping[str, NamedQuery] | None = None,
                       resolver: NameResolver | None = None, timeout: float | None = None) -> Rows:
    """:func:`run_named_query`, the rows given one by one as the engine finds them.

    >>> from ess_graph import load_graph
    >>> with stream_named_query(load_graph(), "funders", {"actor": "Boulangerie solidaire"}) as rows:
    ...     rows.variables[:3], len(list(rows))
    (('actor', 'recipient', 'funder'), 6)
    """
    engine = as_engine(target)
    query = named_query(name, catalogue)
    _check_named(query)
    terms = bind_parameters(query, params or {}, resolver or NameResolver(engine))
    return engine.select_rows(query.text, terms, timeout=timeout)


@cache
def _check_named(query: NamedQuery) -> None:
    check_query(query.text, source=str(query.path))


_LABELS_QUERY = """SELECT ?node ?label WHERE {
  ?node rdfs:label|skos:prefLabel ?label .
}"""


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
"""The shape of a language tag (BCP 47), as RDF literals carry them: ``fr``, ``en-GB``."""


def check_language(lang: str) -> str:
    """``lang`` if it is shaped like a language tag, else an error about the argument ``lang``;
    checked whatever the answer, so that an empty one does not hide a wrong value.

    >>> check_language("en-GB")
    'en-GB'
    >>> check_language("")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: lang: '' is not a language code (fr, en, de...)
    """
    if not _LANGUAGE_TAG.fullmatch(lang):
        raise InvalidValue(f"{lang!r} is not a language code (fr, en, de...)", field="lang")
    return lang


def labels_for(engine: Engine, result: SelectResult | Iterable[Row], lang: str = "fr") -> dict[URIRef, str]:
    """A readable label for every IRI in ``result`` (a SelectResult, or rows): in ``lang`` if
    possible, else any, else ``prefix:name``.

    The labels are read in one query for all of ``result``: give it a batch of rows at a time
    when there are millions (:class:`Labeller` does).

    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     essd:galilee a ess:Actor ; rdfs:label "Galilée"@fr ; ess:supports essd:la-note-bleue .
    ...     essd:la-note-bleue a ess:Actor ; rdfs:label "La Note Bleue"@fr .
    ... ''')
    >>> engine = as_engine(graph)
    >>> result = run_sparql(engine, "SELECT ?who ?how ?whom WHERE { VALUES ?how { ess:supports } ?who ?how ?whom }")
    >>> labels_for(engine, result)
    {rdflib.term.URIRef('https://w3id.org/ess-graph/def#supports'): 'ess:supports',
     rdflib.term.URIRef('https://w3id.org/ess-graph/id/galilee'): 'Galilée',
     rdflib.term.URIRef('https://w3id.org/ess-graph/id/la-note-bleue'): 'La Note Bleue'}
    """
    check_language(lang)
    rows = result.rows if isinstance(result, SelectResult) else result
    iris = sorted({term for row in rows for term in row if isinstance(term, URIRef)})
    labels: dict[URIRef, str] = {iri: prefixed(iri) for iri in iris}
    if not iris:
        return labels
    rank: dict[URIRef, int] = {}
    found = engine.select(sparql_prologue() + _LABELS_QUERY, {"node": iris})
    for node, label in found.rows:
        score = 0 if getattr(label, "language", None) == lang else 1 if not getattr(label, "language", None) else 2
        if isinstance(node, URIRef) and score < rank.get(node, 3):
            rank[node] = score
            labels[node] = str(label)
    return labels


class Labeller:
    """The labels of a batch of rows' IRIs, for :func:`~ess_graph.sparql.results.write_rows`:
    each batch asks the engine only for the IRIs it has not met lately (the same predicates,
    funders and territories come back on row after row). It remembers at most ``remember``
    labels, so that millions of rows of distinct IRIs go through in constant memory.

    The label queries run without a time limit: each asks for one batch of IRIs by ``VALUES``,
    an index lookup per IRI, however large the graph.

    >>> from ess_graph import load_graph
    >>> engine = as_engine(load_graph())
    >>> labeller = Labeller(engine, "fr")
    >>> rows = [(URIRef("https://w3id.org/ess-graph/id/galilee"),), (URIRef("https://w3id.org/ess-graph/id/calais"),)]
    >>> sorted(labeller(rows).values()), labeller.queries
    (['Calais', 'Galilée'], 1)
    >>> labeller(rows[:1]), labeller.queries   # met before: no query
    ({rdflib.term.URIRef('https://w3id.org/ess-graph/id/galilee'): 'Galilée'}, 1)
    """

    def __init__(self, engine: Engine, lang: str = "fr", *, remember: int = 50_000):
        self.engine, self.lang, self.remember = engine, lang, remember
        self.known: dict[URIRef, str] = {}
        self.queries = 0

    def __call__(self, rows: Sequence[Row]) -> dict[URIRef, str]:
        iris = {term for row in rows for term in row if isinstance(term, URIRef)}
        if len(self.known) + len(iris) > self.remember:
            self.known.clear()
        missing = [(iri,) for iri in iris if iri not in self.known]
        if missing:
            self.known.update(labels_for(self.engine, missing, self.lang))
            self.queries += 1
        return {iri: self.known[iri] for iri in iris}
