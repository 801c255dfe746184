"""Parsing a user's file never reaches the network and never lets XML entities expand without bound."""

import http.server

import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.errors import InvalidInput
from ess_graph.io.loading import load_graph

from .local_http import serving_locally

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="http://example.org/x"><rdfs:label>&h;</rdfs:label></rdf:Description>
</rdf:RDF>
"""

OWL_WITH_NAMESPACE_ENTITIES = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY ex "http://example.org/" >
 <!ENTITY rdfs "http://www.w3.org/2000/01/rdf-schema#" >
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="&rdfs;">
  <rdf:Description rdf:about="&ex;galilee"><rdfs:label>Galilée</rdfs:label></rdf:Description>
</rdf:RDF>
"""


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers any GET with an empty JSON-LD context and remembers that it was asked."""

    calls: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        Recorder.calls.append(self.path)
        body = b'{"@context": {"name": "http://schema.org/name"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    Recorder.calls = []
    with serving_locally(Recorder) as url:
        yield url


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_nested_entity_bomb_is_refused_at_once_with_its_line(tmp_path):
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(BOMB, encoding="utf-8")
    assert len(BOMB.encode()) < 1000
    result = run("--data", str(bomb), "stats")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"ess-graph: error: {bomb}:4: entity 'b' is made of other entities (&a;); nested entities are refused, "
        "since they can expand without bound")


def test_namespace_entities_of_an_owl_file_are_read(tmp_path):
    owl = tmp_path / "mine.owl"
    owl.write_text(OWL_WITH_NAMESPACE_ENTITIES, encoding="utf-8")
    graph = load_graph([owl], shipped_data=False)
    assert any(str(label) == "Galilée" for label in graph.objects(None, None) if str(label) == "Galilée")


def test_an_external_entity_is_refused(tmp_path, local_server):
    external = tmp_path / "external.rdf"
    external.write_text(BOMB.replace(' <!ENTITY a "aaaaaaaaaa">', f' <!ENTITY a SYSTEM "{local_server}/a">'),
                        encoding="utf-8")
    with pytest.raises(InvalidInput, match=r":3: entity 'a' is external or a parameter entity"):
        load_graph([external], shipped_data=False)
    assert Recorder.calls == []


def test_a_json_ld_file_with_a_remote_context_is_refused_and_nothing_is_fetched(tmp_path, local_server):
    remote = tmp_path / "remote.jsonld"
    remote.write_text(f'{{"@context": "{local_server}/context.jsonld", "@id": "http://example.org/x", '
                      '"name": "Galilée"}', encoding="utf-8")
    for engine in ("rdflib", "oxigraph"):
        result = run("--data", str(remote), "sparql", "--engine", engine, "ASK { ?s ?p ?o }")
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines()[-1] == (
            f"ess-graph: error: {remote}: a remote @context ({local_server}/context.jsonld) is not fetched: "
            "parsing never reaches the network; put the context in the file")
    assert Recorder.calls == []


def test_a_json_ld_file_with_its_context_inline_is_read(tmp_path, local_server):
    inline = tmp_path / "inline.jsonld"
    inline.write_text('{"@context": {"name": "http://schema.org/name"}, "@id": "http://example.org/x", '
                      '"name": "Galilée"}', encoding="utf-8")
    graph = load_graph([inline], shipped_data=False)
    assert "Galilée" in {str(o) for o in graph.objects()}
    assert Recorder.calls == []
