"""The Oxigraph store: loading files once and for all, bad files refused whole, territories taken
out of it as rdflib graphs, and read-only queries with bound values."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ess_graph.errors import EssGraphError
from ess_graph.sources.oxigraph import OxigraphEngine
from ess_graph.sources.store import has_vocabulary, load_files, open_store, store_size
from ess_graph.sources.territory import find_territory, territory_graph, whole_graph
from ess_graph.sparql.catalogue import shipped_catalogue
from ess_graph.sparql.runner import run_named_query
from ess_graph.vocab.namespaces import ESS, ESSD, sparql_prologue
from ess_graph.vocab.resources import graph_files, ontology_files

CCRA = ESSD.ccra
AUDRUICQ_COMMUNES = {ESSD["vieille-eglise"], ESSD.audruicq, ESSD.ruminghem, ESSD.polincove}
# The organisations the newsletter places in the Région d'Audruicq: the ADMR d'Audruicq, the CCRA's
# social action centre, Les Anges Gardins and Terre d'Opale at Vieille-Église, La Note Bleue at
# Ruminghem. Des Racines et des Hommes works there but is located nowhere: its only address, at
# Polincove, is its contact person's (line 320).
AUDRUICQ_ORGANISATIONS = {ESSD["admr-audruicq"], ESSD["cias-ccra"], ESSD["anges-gardins"], ESSD["terre-d-opale"],
                          ESSD["la-note-bleue"]}

LOCATED = sparql_prologue() + "SELECT ?node WHERE { ?node ess:locatedIn/ess:within* ?territory }"
FUNDERS = sparql_prologue() + """
SELECT ?funder ?status WHERE {
  ?funding a ess:Funding ; ess:recipient ?actor ; ess:funder ?funder ; ess:status ?status .
} ORDER BY ?funder ?status"""


@pytest.fixture(scope="module")
def calaisis_store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("store") / "calaisis"
    store = open_store(directory, writable=True)
    load_files(store, graph_files())
    return store


def actors_in(graph: Graph, territory: URIRef) -> set[URIRef]:
    return {row.node for row in graph.query(LOCATED, initBindings={"territory": territory})}


def test_a_new_store_holds_the_vocabulary(tmp_path):
    store = open_store(tmp_path / "new", writable=True)
    vocabulary = Graph()
    for path in ontology_files():
        vocabulary.parse(path)
    assert has_vocabulary(store)
    assert len(store) == len(vocabulary)


def test_loading_the_same_files_twice_changes_nothing(tmp_path, calaisis):
    store = open_store(tmp_path / "twice", writable=True)
    first = load_files(store, graph_files())
    size = len(store)
    second = load_files(store, graph_files())
    assert len(store) == size == len(calaisis)
    assert first.triples == second.triples > 3000
    assert second.triples_per_second > 0


@pytest.mark.parametrize(("name", "content", "where"), [
    ("bad.nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n", "bad.nt:2:23: "),
    ("bad.ttl", '@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', "bad.ttl:3:11: "),
])
def test_a_bad_line_is_named_and_nothing_is_loaded(tmp_path, name, content, where):
    store = open_store(tmp_path / "store", writable=True)
    good = tmp_path / "good.nt"
    good.write_text("<http://x> <http://y> <http://z> .\n", encoding="utf-8")
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    before = len(store)
    with pytest.raises(EssGraphError) as caught:
        load_files(store, [good, bad])
    message = str(caught.value)
    assert message.startswith(str(tmp_path / where))
    assert "\n" not in message
    assert len(store) == before  # not even the good file: every file is checked first


@pytest.mark.parametrize(("name", "expected"), [
    ("data.csv", "unknown RDF file extension '.csv' (expected one of .nt, .ttl)"),
    ("missing.nt", "no such file"),
])
def test_files_that_cannot_be_loaded_are_refused_before_anything_is_read(tmp_path, name, expected):
    store = open_store(tmp_path / "store", writable=True)
    if name.endswith(".csv"):
        (tmp_path / name).write_text("a,b\n", encoding="utf-8")
    with pytest.raises(EssGraphError) as caught:
        load_files(store, [tmp_path / name])
    assert str(caught.value) == f"{tmp_path / name}: {expected}"


def test_a_directory_that_holds_something_else_is_not_turned_into_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("my notes", encoding="utf-8")
    with pytest.raises(EssGraphError, match="not empty and holds no Oxigraph store"):
        open_store(tmp_path, writable=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_reading_a_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(EssGraphError, match=r"no store there; make one by loading files into it"):
        open_store(tmp_path / "nowhere")


def test_a_territory_holds_its_actors_the_region_d_audruicq(calaisis_store):
    graph = territory_graph(calaisis_store, CCRA)
    located = actors_in(graph, CCRA)
    organisations = {n for n in located if (n, RDF.type, ESS.Site) not in graph
                     and (n, RDF.type, ESS.Project) not in graph and n not in AUDRUICQ_COMMUNES | {CCRA}}
    assert organisations == AUDRUICQ_ORGANISATIONS
    assert set(graph.subjects(ESS.within, CCRA)) >= AUDRUICQ_COMMUNES


def test_a_territory_graph_has_what_rdflib_finds_in_the_whole_graph(calaisis_store, calaisis):
    graph = territory_graph(calaisis_store, CCRA)
    inside = actors_in(calaisis, CCRA) | AUDRUICQ_COMMUNES | {CCRA}
    assert actors_in(graph, CCRA) == actors_in(calaisis, CCRA)
    relationships = {r for r, _, o in calaisis.triples((None, None, None))
                     if o in inside and (r, ESS.status, None) in calaisis
                     and any(calaisis.query(sparql_prologue() + "ASK { ?r a/rdfs:subClassOf* ess:Relationship }",
                                            initBindings={"r": r}))}
    assert relationships and all(set(calaisis.triples((r, None, None))) <= set(graph) for r in relationships)
    # the other ends come with their names, and the vocabulary with its class hierarchy
    funder = ESSD["nord-pas-de-calais"]
    assert graph.value(funder, ESS.legalForm) == calaisis.value(funder, ESS.legalForm)
    assert (ESS.Commune, None, None) in graph


def test_direct_edges_are_kept_only_where_their_relationship_is(calaisis_store, calaisis):
    graph = territory_graph(calaisis_store, CCRA)
    kept_funds = set(graph.subject_objects(ESS.funds))
    assert kept_funds < set(calaisis.subject_objects(ESS.funds))
    for funder, recipient in kept_funds:
        assert any(graph.triples((None, ESS.funder, funder))) and any(graph.triples((None, ESS.recipient, recipient)))


def test_a_territory_is_found_by_name_or_iri_and_anything_else_is_refused(calaisis_store):
    assert find_territory(calaisis_store, "Région d'Audruicq") == CCRA
    assert find_territory(calaisis_store, "essd:ccra") == CCRA
    with pytest.raises(EssGraphError, match="^no territory is named 'Atlantis'"):
        find_territory(calaisis_store, "Atlantis")
    with pytest.raises(EssGraphError, match="is not a territory of the store"):
        territory_graph(calaisis_store, ESSD["terre-d-opale"])


def by_value(graph: Graph) -> set[tuple]:
    """Triples with literals compared by value: Oxigraph keeps numbers in canonical form ("13.0" -> "13")."""
    return {(s, p, (o.toPython(), o.datatype, o.language) if isinstance(o, Literal) else o) for s, p, o in graph}


def test_the_whole_store_reads_back_as_the_graph_it_was_loaded_from(calaisis_store, calaisis):
    assert by_value(whole_graph(calaisis_store)) == by_value(calaisis)


def test_a_store_too_large_for_memory_asks_for_a_territory(calaisis_store):
    with pytest.raises(EssGraphError, match="more than 1,000 triples, too many to read into memory$"):
        whole_graph(calaisis_store, limit=1000)
    assert store_size(calaisis_store, at_most=1000) == 1000


def test_the_store_engine_answers_like_rdflib_with_bound_values(calaisis_store, calaisis):
    actor = ESSD["boulangerie-solidaire"]
    expected = [(row.funder, row.status) for row in calaisis.query(FUNDERS, initBindings={"actor": actor})]
    result = OxigraphEngine(calaisis_store).select(FUNDERS, {"actor": actor})
    assert result.variables == ("funder", "status")
    assert list(result.rows) == expected
    assert len(expected) >= 3  # the région, the département, Cap Calaisis...


def test_bound_text_is_a_value_never_query_text(calaisis_store):
    engine = OxigraphEngine(calaisis_store)
    query = sparql_prologue() + "SELECT ?node WHERE { ?node rdfs:label ?name }"
    sneaky = Literal('x" } ?node ?p ?o . { ?node ?p "')
    assert len(engine.select(query, {"name": sneaky})) == 0
    assert engine.select(query, {"name": Literal("Audruicq", lang="fr")}).column("node") == [ESSD.audruicq]
    assert engine.ask(sparql_prologue() + "ASK { ?node a ess:Commune }", {"node": ESSD.audruicq})
    with pytest.raises(EssGraphError, match="not a valid IRI"):
        engine.select(query, {"node": URIRef("http://a> . ?s ?p ?o . <http://b")})
    with pytest.raises(EssGraphError, match="not a SPARQL variable name"):
        engine.select(query, {"name } ?s ?p ?o {": sneaky})


def test_the_engine_refuses_a_query_of_the_wrong_form(calaisis_store):
    engine = OxigraphEngine(calaisis_store)
    with pytest.raises(EssGraphError, match="expected an ASK query"):
        engine.ask("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    with pytest.raises(EssGraphError, match="Oxigraph rejected the query"):
        engine.select("SELECT ?s WHERE { ?s ?p }")


def test_a_store_opened_for_reading_can_be_read_twice(tmp_path, calaisis):
    directory = tmp_path / "shared"
    writer = open_store(directory, writable=True)
    load_files(writer, graph_files())
    del writer
    first, second = open_store(directory), open_store(directory)
    assert len(first) == len(second) == len(calaisis)



@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.slow) if name == "multi-authority-projects"
                                  else name for name in sorted(shipped_catalogue())])  # seconds, that one
def test_every_named_query_gives_on_disk_the_rows_it_gives_in_memory(calaisis_store, query_engines, name):
    # in memory, Oxigraph gives rdflib's rows (tests/test_queries_calaisis.py); on disk, the same
    params = {parameter.name: parameter.example for parameter in shipped_catalogue()[name].parameters}
    in_memory, _ = query_engines["oxigraph"]
    assert run_named_query(OxigraphEngine(calaisis_store), name, params) == run_named_query(in_memory, name, params)
