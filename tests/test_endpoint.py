"""A real ``oxigraph serve`` on 127.0.0.1 answers the same rows over HTTP as the graph in memory.

The server is the ``oxigraph`` package of the test extra, serving (read-only) a store made by
``ess_graph.sources.store`` (see ``oxigraph_server.py``). Without the ``oxigraph`` command these tests
skip and say why, except under CI (``CI=true``), where they fail.
"""

import http.server
import time

import pytest
from click.testing import CliRunner
from rdflib import Literal

from ess_graph import open_source
from ess_graph.cli import main
from ess_graph.errors import EndpointError, EssGraphError, InvalidValue
from ess_graph.sources.endpoint import EndpointEngine
from ess_graph.sources.oxigraph import OxigraphEngine
from ess_graph.sources.reader import SparqlReader
from ess_graph.sources.store import load_files, open_store
from ess_graph.sources.territory import territory_graph
from ess_graph.sparql.catalogue import shipped_catalogue
from ess_graph.sparql.runner import run_named_query
from ess_graph.vocab.namespaces import ESSD, sparql_prologue
from ess_graph.vocab.resources import graph_files

from .local_http import serving_locally
from .oxigraph_server import free_port, serving

FUNDINGS = sparql_prologue() + """
SELECT ?funder ?status ?year WHERE {
  ?funding a ess:Funding ; ess:recipient ?actor ; ess:funder ?funder ; ess:status ?status .
  OPTIONAL { ?funding ess:startDate ?year }
} ORDER BY ?funder ?status"""

BY_LEGAL_FORM = sparql_prologue() + """
SELECT ?form (COUNT(DISTINCT ?actor) AS ?actors) WHERE {
  ?actor ess:locatedIn/ess:within* ?territory ; ess:legalForm ?form .
} GROUP BY ?form ORDER BY DESC(?actors) ?form"""

NAMED = sparql_prologue() + "SELECT ?node ?label WHERE { ?node rdfs:label ?label }"


@pytest.fixture(scope="module")
def store_directory(tmp_path_factory):
    directory = tmp_path_factory.mktemp("endpoint") / "calaisis"
    store = open_store(directory, writable=True)
    load_files(store, graph_files())
    del store  # the server needs the directory's lock
    return directory


@pytest.fixture(scope="module")
def endpoint(store_directory):
    with serving(store_directory) as url:
        yield EndpointEngine(url, timeout=20)


@pytest.fixture(scope="module")
def store_engine(store_directory, endpoint):
    return OxigraphEngine(open_store(store_directory))  # read-only, beside the server


def rdflib_rows(graph, query, **bindings):
    result = graph.query(query, initBindings=bindings)
    return [tuple(row) for row in result]


def test_a_select_over_http_gives_the_rows_of_the_graph_in_memory(endpoint, calaisis):
    bakery = ESSD["boulangerie-solidaire"]
    result = endpoint.select(FUNDINGS, {"actor": bakery})
    assert result.variables == ("funder", "status", "year")
    assert list(result.rows) == rdflib_rows(calaisis, FUNDINGS, actor=bakery)
    assert len(result) >= 3  # the région, the département, Cap Calaisis... (source lines 530-560)


def test_an_aggregate_over_http_counts_like_the_store_and_like_rdflib(endpoint, store_engine, calaisis):
    pays = ESSD["pays-du-calaisis"]
    over_http = endpoint.select(BY_LEGAL_FORM, {"territory": pays})
    assert over_http == store_engine.select(BY_LEGAL_FORM, {"territory": pays})
    assert [(f, int(n)) for f, n in over_http.rows] == [(f, int(n)) for f, n in rdflib_rows(calaisis, BY_LEGAL_FORM,
                                                                                          territory=pays)]


def test_labels_keep_their_language_and_unbound_values_are_none(endpoint, calaisis):
    result = endpoint.select(NAMED)
    assert len(result) == len(set(result.rows)) == len(rdflib_rows(calaisis, NAMED))
    assert set(result.rows) == set(rdflib_rows(calaisis, NAMED))
    assert Literal("Audruicq", lang="fr") in result.column("label")
    code = sparql_prologue() + "SELECT ?code WHERE { OPTIONAL { ?node ess:inseeCode ?code } }"
    assert endpoint.select(code, {"node": ESSD.audruicq}).rows == ((Literal("62057"),),)
    assert endpoint.select(code, {"node": ESSD["terre-d-opale"]}).rows == ((None,),)


def test_ask_over_http_and_values_bound_as_terms(endpoint):
    query = sparql_prologue() + "ASK { ?node a ess:Commune ; rdfs:label ?name }"
    assert endpoint.ask(query, {"node": ESSD.audruicq, "name": Literal("Audruicq", lang="fr")})
    assert not endpoint.ask(query, {"node": ESSD.audruicq, "name": Literal('Audruicq"@fr } ASK { ?s ?p ?o')})


def test_a_query_the_server_refuses_is_one_line(endpoint):
    with pytest.raises(EssGraphError) as caught:
        endpoint.select("SELECT ?s WHERE { ?s ?p }")
    message = str(caught.value)
    assert message.startswith(f"{endpoint.url} refused the query (HTTP 400): ")
    assert "\n" not in message


def test_an_endpoint_nobody_answers_at_is_named():
    with pytest.raises(EndpointError, match=r"^http://127\.0\.0\.1:\d+/query: cannot reach the endpoint \("):
        EndpointEngine(f"http://127.0.0.1:{free_port()}/query", timeout=5).ask("ASK {}")


ANSWERS = {  # path: (status, body, seconds to wait first)
    "/refuses": (500, b"Internal error\n  at line 3\n", 0),
    "/garbage": (200, b"<html>not SPARQL</html>", 0),
    "/list": (200, b"[1, 2]", 0),
    "/shapeless": (200, b'{"head": {"vars": ["s"]}, "results": {"bindings": [1]}}', 0),
    "/slow": (200, b'{"boolean": true}', 3),
}


class ScriptedEndpoint(http.server.BaseHTTPRequestHandler):
    """A pretend SPARQL server: each path answers in its own wrong way (see ANSWERS)."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, body, wait = ANSWERS[self.path]
        time.sleep(wait)
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up waiting
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def scripted():
    with serving_locally(ScriptedEndpoint) as url:
        yield url


@pytest.mark.parametrize(("path", "message"), [
    ("/refuses", " refused the query (HTTP 500): Internal error"),
    ("/garbage", ": the answer is not SPARQL JSON results"),
    ("/list", ": the answer is not SPARQL JSON results"),
    ("/shapeless", ": the answer is not SPARQL JSON results"),
    ("/slow", ": no answer within 0.5 s"),
])
def test_an_endpoint_that_refuses_times_out_or_answers_garbage_is_an_endpoint_error(scripted, path, message):
    engine = EndpointEngine(scripted + path, timeout=0.5)
    with pytest.raises(EndpointError) as caught:
        engine.select("SELECT ?s WHERE { ?s ?p ?o }")
    assert str(caught.value) == f"{scripted}{path}{message}"


def test_only_web_addresses_are_endpoints():
    with pytest.raises(InvalidValue, match="^url: 'file:///etc/passwd' is not an http:// or https:// address$"):
        EndpointEngine("file:///etc/passwd")
    with pytest.raises(InvalidValue, match="^endpoint: 'ftp://example.org' is not an http") as caught:
        open_source(endpoint="ftp://example.org")
    assert caught.value.field == "endpoint"


def test_the_command_line_names_the_endpoint_option():
    result = run("--endpoint", "ftp://example.org", "stats")
    assert result.exit_code == 2
    assert result.stderr == "ess-graph: error: --endpoint: 'ftp://example.org' is not an http:// or https:// address\n"


@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.slow) if name == "multi-authority-projects"
                                  else name for name in sorted(shipped_catalogue())])  # seconds, that one
def test_every_named_query_gives_over_http_the_rows_it_gives_on_the_store(endpoint, store_engine, name):
    params = {parameter.name: parameter.example for parameter in shipped_catalogue()[name].parameters}
    over_http = run_named_query(endpoint, name, params)
    assert over_http == run_named_query(store_engine, name, params)


def test_a_territory_read_over_http_is_the_territory_read_from_the_store(endpoint, store_directory):
    ccra = ESSD.ccra
    over_http = territory_graph(SparqlReader(endpoint, batch=7), ccra)  # small batches: many requests
    assert set(over_http) == set(territory_graph(open_store(store_directory), ccra))
    assert len(over_http) > 3000  # the vocabulary, and the Région d'Audruicq's actors with their links


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", [
    ("query", "funders", "-p", "actor=Boulangerie solidaire"),
    ("query", "in-territory", "-p", "territory=CCRA", "--format", "csv"),
    ("sparql", "SELECT ?n WHERE { ?n a ess:Commune } ORDER BY ?n"),
    ("stats",),
    ("ptce", "--territory", "Pays du Calaisis", "--format", "json"),
])
def test_a_command_given_an_endpoint_prints_what_it_prints_on_the_shipped_graph(endpoint, command):
    on_endpoint = run("--endpoint", endpoint.url, *command)
    assert on_endpoint.exit_code == 0, on_endpoint.output
    assert on_endpoint.output == run(*command).output


def test_data_files_cannot_be_added_to_an_endpoint_for_a_query(endpoint, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text("", encoding="utf-8")
    result = run("--endpoint", endpoint.url, "--data", str(extra), "query", "funders", "-p", "actor=Galilée")
    assert result.exit_code == 2
    assert result.stderr.startswith("ess-graph: error: ")
    assert "extra.ttl: queries on a store or an endpoint cannot add files to it" in result.stderr


def test_a_store_and_an_endpoint_together_are_refused(endpoint, store_directory):
    result = run("--store", str(store_directory), "--endpoint", endpoint.url, "stats")
    assert result.exit_code == 2
    assert result.stderr == "ess-graph: error: --store and --endpoint: give one or the other\n"
