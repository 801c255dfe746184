"""Control characters in the data (U+0001, U+000B, an escape U+001B) never make an output unreadable.

XML 1.0 has no way to write them, not even as ``&#1;``: a GraphML, GEXF or RDF/XML file holding
one is refused by every XML parser, so they are written as U+FFFD there; on a terminal an escape
character would be obeyed, so the table and Markdown views show U+FFFD too. The formats that can
hold them (Turtle, N-Triples, JSON-LD, CSV, JSON) keep them.
"""

import csv
import io
import json
import xml.etree.ElementTree as ElementTree

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDFS, Graph, Literal, URIRef

from ess_graph.cli import main
from ess_graph.io.export import rdf_text
from ess_graph.io.loading import load_graph
from ess_graph.ptce import PTCEParameters, find_ptce_candidates
from ess_graph.ptce.rdf import analysis_to_rdf

LABEL = "Recyclerie\x01 des\x0bCaps\x1b[2J"
"""A label as a badly exported sheet may give it: a U+0001, a vertical tab, and an escape sequence
that would clear the terminal."""

SHOWN = "Recyclerie\ufffd des\ufffdCaps\ufffd[2J"
"""The same label in an XML file: each control character a replacement character."""

DATA = """\
@prefix ess: <https://w3id.org/ess-graph/def#> .
@prefix essd: <https://w3id.org/ess-graph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
essd:recyclerie-des-caps a ess:ESSStructure ; skos:prefLabel "Recyclerie\\u0001 des\\u000BCaps\\u001B[2J"@fr ;
    ess:supports essd:galilee .
"""
NODE = "https://w3id.org/ess-graph/id/recyclerie-des-caps"


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "recyclerie.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_a_network_export_with_control_characters_in_a_label_parses_as_xml(data, tmp_path, fmt, read):
    out = tmp_path / f"calaisis.{fmt}"
    assert run("--data", data, "export", "-o", out).exit_code == 0
    ElementTree.parse(out)
    network = read(out)
    assert network.nodes[NODE]["label"] == SHOWN
    assert network.nodes["https://w3id.org/ess-graph/id/galilee"]["label"] == "Galilée"


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_an_rdf_export_keeps_the_control_characters(data, tmp_path, fmt):
    out = tmp_path / f"calaisis.{fmt}"
    assert run("--data", data, "export", "-o", out).exit_code == 0
    labels = set(Graph().parse(out).objects(URIRef(NODE), None))
    assert Literal(LABEL, lang="fr") in labels


def test_ptce_candidates_written_as_rdf_xml_parse_whatever_their_names():
    graph = load_graph()
    project = URIRef("https://w3id.org/ess-graph/id/point-de-vente-collectif")  # names the first candidate
    graph.set((project, RDFS.label, Literal("Point de vente\x01 collectif", lang="fr")))
    analysis = find_ptce_candidates(graph, PTCEParameters())
    assert analysis.candidates[0].name == "Point de vente\x01 collectif"
    saved = Graph().parse(data=rdf_text(analysis_to_rdf(analysis), "xml"), format="xml")
    assert Literal("Point de vente\ufffd collectif", lang="fr") in set(saved.objects(None, RDFS.label))


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_the_terminal_views_show_no_control_character_a_terminal_would_obey(data, fmt):
    result = run("--data", data, "sparql", "SELECT ?l WHERE { essd:recyclerie-des-caps skos:prefLabel ?l }",
                 "--format", fmt)
    assert result.exit_code == 0
    assert "Recyclerie\ufffd des" in result.stdout
    assert not any(ord(char) < 32 and char != "\n" for char in result.stdout)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_formats_for_programs_keep_the_label_as_it_is(data, fmt):
    result = run("--data", data, "sparql", "SELECT ?l WHERE { essd:recyclerie-des-caps skos:prefLabel ?l }",
                 "--format", fmt)
    assert result.exit_code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows[0]["l"] == LABEL
    else:
        assert json.loads(result.stdout)[0]["l"] == LABEL
