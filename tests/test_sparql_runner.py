"""The runner is safe: values are only ever values, queries only read, and every mistake is one clear line."""

import pytest
from rdflib import Literal, URIRef

from ess_graph.errors import EssGraphError
from ess_graph.sparql.binding import bind_values, sparql_term
from ess_graph.sparql.catalogue import named_query
from ess_graph.sparql.runner import bind_parameters, run_named_query, run_sparql
from ess_graph.sparql.syntax import check_query

ENGINES = ("rdflib", "oxigraph")
INJECTIONS = [
    'Boulangerie solidaire" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    "x' } UNION { ?actor ?p ?o } #",
    "<https://w3id.org/ess-graph/id/galilee> } INSERT DATA { <a:b> <a:c> <a:d> } {",
    '""" ) } FILTER(true) VALUES ?actor { UNDEF } #',
]


@pytest.fixture(params=ENGINES)
def engine(request, query_engines):
    return query_engines[request.param]


def run(engine, name, **params):
    chosen, resolver = engine
    return run_named_query(chosen, name, params, resolver=resolver)


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_value_full_of_quotes_braces_and_keywords_is_a_name_that_matches_nothing(engine, calaisis, value):
    size = len(calaisis)
    with pytest.raises(EssGraphError, match=r"^query 'funders', parameter 'actor': no actor, project or programme"):
        run(engine, "funders", actor=value)
    assert len(calaisis) == size


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_bound_literal_reaches_the_engine_as_the_same_value_and_matches_no_label(engine, value):
    chosen, _ = engine
    echoed = chosen.select("SELECT ?text WHERE { }", {"text": Literal(value)})
    assert echoed.rows == ((Literal(value),),)
    labelled = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?node WHERE { ?node rdfs:label ?text }"
    assert len(chosen.select(labelled, {"text": Literal(value)})) == 0
    # the same query finds the node whose label is bound
    assert chosen.select(labelled, {"text": Literal("Galilée", lang="fr")}).column("node") == [
        URIRef("https://w3id.org/ess-graph/id/galilee")]


def test_values_are_written_with_the_grammar_s_escapes_and_iris_are_checked():
    assert sparql_term(Literal('a "b" \\ c\nd')) == '"a \\"b\\" \\\\ c\\nd"'
    assert sparql_term(Literal("Calais", lang="fr")) == '"Calais"@fr'
    with pytest.raises(EssGraphError, match="is not a valid IRI"):
        sparql_term(URIRef("http://x/> } DROP ALL { <y"))


def test_values_go_at_the_start_of_the_where_group_on_the_same_line():
    query = "PREFIX e: <http://e/#{> # { not this\nSELECT ?a (EXISTS { ?a ?b ?c } AS ?x) WHERE {\n  ?a ?b ?c }"
    bound = bind_values(query, {"a": [URIRef("http://e/1"), URIRef("http://e/2")]})
    assert bound.splitlines()[1] == "SELECT ?a (EXISTS { ?a ?b ?c } AS ?x) WHERE { VALUES ?a { <http://e/1> <http://e/2> } "


def test_values_are_repeated_in_each_union_branch_that_uses_them_but_never_in_a_subquery():
    # Oxigraph does not carry a VALUES block of the WHERE group into the branches of a UNION
    query = ("SELECT ?a ?n WHERE {\n  { ?a <http://e/p> ?b } UNION { ?c <http://e/q> ?d }\n"
             "  { SELECT ?a (COUNT(*) AS ?n) WHERE { { ?a ?p ?o } UNION { ?o ?p ?a } } GROUP BY ?a }\n}")
    bound = bind_values(query, {"a": URIRef("http://e/1")})
    assert bound.splitlines() == [
        "SELECT ?a ?n WHERE { VALUES ?a { <http://e/1> } ",
        "  { VALUES ?a { <http://e/1> }  ?a <http://e/p> ?b } UNION { ?c <http://e/q> ?d }",
        "  { SELECT ?a (COUNT(*) AS ?n) WHERE { { ?a ?p ?o } UNION { ?o ?p ?a } } GROUP BY ?a }",
        "}",
    ]


@pytest.mark.parametrize(("name", "params", "message"), [
    ("funders", {}, "query 'funders' needs parameter 'actor' (parameters: actor (actor, required); "
                    "e.g. actor=\"Boulangerie solidaire\")"),
    ("funders", {"actor": "Galilée", "year": "2014"},
     "query 'funders' has no parameter 'year' (parameters: actor (actor, required))"),
    ("shared-funders", {"min": "two"}, "query 'shared-funders': parameter 'min' must be an integer, not 'two'"),
    ("shared-funders", {"min": "2; DROP ALL"}, "parameter 'min' must be an integer"),
    ("in-territory", {"territory": "essd:galilee"},
     "query 'in-territory', parameter 'territory': essd:galilee is not a known territory"),
    ("in-territory", {"territory": "<https://w3id.org/ess-graph/id/x> } DROP ALL {"}, "no territory is named"),
    ("in-territory", {"territory": "<https://w3id.org/ess-graph/id/x}DROP>"}, "is not a known territory"),
])
def test_bad_parameters_fail_with_the_query_s_parameter_list(engine, name, params, message):
    with pytest.raises(EssGraphError) as caught:
        run(engine, name, **params)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_name_shared_by_several_actors_lists_the_candidates(engine):
    with pytest.raises(EssGraphError) as caught:
        run(engine, "partners", actor="Philippe")
    assert str(caught.value) == (
        "query 'partners', parameter 'actor': 'Philippe' names 3 actors, projects or programmes: "
        "Philippe Blet (essd:philippe-blet); Philippe Delville (essd:philippe-delville); "
        "Philippe Martinod (essd:philippe-martinod); give the full name or the IRI")


def test_a_name_that_matches_nothing_offers_the_closest_labels(engine):
    with pytest.raises(EssGraphError, match=r"no territory is named 'Vieille Eglize'; closest: Vieille-Église"):
        run(engine, "in-territory", territory="Vieille Eglize")


def test_a_number_may_be_given_as_a_python_int_from_a_notebook(query_engines):
    # the runner hands the engine the terms bind_parameters gives: the same term, the same rows
    _, resolver = query_engines["oxigraph"]
    query = named_query("multi-authority-projects")
    two = Literal(2)  # xsd:integer
    assert bind_parameters(query, {"min": 2}, resolver) == bind_parameters(query, {"min": "2"}, resolver) == {"min": two}
    assert bind_parameters(query, {"min": " +2 "}, resolver) == {"min": two}
    with pytest.raises(EssGraphError, match="parameter 'min' must be an integer, not 'True'"):
        bind_parameters(query, {"min": True}, resolver)


@pytest.mark.parametrize(("text", "message"), [
    ("SELECT ?s WHERE {\n  ?s ?p\n}", "query:2:3: SPARQL syntax error near '?s ?p'"),
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT ten", "query:1:30: SPARQL syntax error near 'LIMIT ten'"),
    ("SELECT ?s WHERE {\n  ?s a nope:Thing }", "query:2:8: unknown prefix 'nope:' (declare it with PREFIX nope: <...>)"),
])
def test_broken_sparql_is_located_by_line_and_column(text, message):
    with pytest.raises(EssGraphError) as caught:
        check_query(text)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("text", [
    "INSERT DATA { essd:x a ess:Actor }",
    "PREFIX ex: <http://ex/>\nDELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR DEFAULT",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p",
])
def test_updates_are_refused_and_change_nothing(engine, calaisis, text):
    size = len(calaisis)
    with pytest.raises(EssGraphError, match="updates .* are refused: ess-graph query and sparql are read-only"):
        run_sparql(engine[0], text)
    assert len(calaisis) == size


@pytest.mark.parametrize(("text", "message"), [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are refused"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT queries are not supported"),
])
def test_queries_that_would_leave_the_graph_or_build_one_are_refused(text, message):
    with pytest.raises(EssGraphError, match=message):
        check_query(text)


def test_own_queries_have_the_project_prefixes_and_may_ask(engine):
    chosen, _ = engine
    result = run_sparql(chosen, "SELECT ?label WHERE { essd:galilee rdfs:label ?label }")
    assert [str(label) for label in result.column("label")] == ["Galilée"]
    assert run_sparql(chosen, "ASK { essd:galilee rdf:type/rdfs:subClassOf* ess:Organisation }") is True
