"""The command line: exit codes, one-line errors, help with examples."""

import json
import re
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from ess_graph.cli import EssGraphGroup, main
from ess_graph.errors import InvalidValue
from ess_graph.io.loading import load_graph


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def leaf_commands(group, prefix=""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            assert command.help.strip().splitlines()[0], name
            yield from leaf_commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_every_command_has_a_one_line_purpose_and_an_example(run):
    listing = run("--help")
    assert listing.exit_code == 0
    assert set(main.commands) <= set(listing.output.split())
    for name, command in leaf_commands(main):
        assert command.help.strip().splitlines()[0], name
        assert re.search(rf"Examples?:\s+ess-graph {name}\b", command.help), name


@pytest.mark.slow  # SHACL over the whole graph, as test_validation.py does in every run
def test_validate_exits_zero_when_the_shipped_graph_conforms(run):
    result = run("validate")
    assert result.exit_code == 0
    assert result.output.strip().endswith("conforms: 0 violation(s), 0 warning(s)")


@pytest.mark.slow  # SHACL over the whole graph
def test_validate_exits_one_with_a_readable_report(run, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ess: <https://w3id.org/ess-graph/def#> .\n'
                   '<https://w3id.org/ess-graph/id/x> a ess:Person .\n', encoding="utf-8")
    result = run("validate", "--data", str(bad))
    assert result.exit_code == 1
    assert "violation: x <https://w3id.org/ess-graph/id/x> rdfs:label: has no name: add an rdfs:label" in result.output
    assert "does not conform: 2 violation(s)" in result.output


@pytest.mark.parametrize(("name", "content", "where"), [
    ("broken.ttl", '@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', ":3: bad Turtle syntax"),
    ("broken.nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n", ":2: "),
    ("broken.jsonld", '{"@id": "http://a",\n "http://b": [ }', ":2:16: invalid JSON"),
    ("broken.csv", "a,b\n", "unknown RDF file extension '.csv'"),
])
def test_unreadable_rdf_gets_a_one_line_error_and_exit_two(tmp_path, name, content, where):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(path), "stats"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"ess-graph: error: {path}")
    assert where in lines[0]


def test_a_missing_data_file_is_named(run, tmp_path):
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "nope.ttl"), "stats"])
    assert result.exit_code == 2
    assert result.output.strip() == f"ess-graph: error: {tmp_path / 'nope.ttl'}: no such file"


def test_stats_counts_what_the_newsletter_describes(run):
    result = run("stats", "--format", "json")
    stats = json.loads(result.output)
    # The bakery project alone has five fundings: four announced (Région twice, Département,
    # Cap Calaisis) and one only possible (Calais); Marck, the FLIP and the pension funds
    # finance the film screening, and a subsidised contract pays Le Son du Chablon's job.
    assert stats["by_relation"]["funding"] == {"done": 4, "planned": 4, "possible": 1}
    # Seven partnerships: ADMR-CIAS, the food hub, the local-products buffet, Des Racines-
    # Vieille-Église, the Campagnolades, the bakery and schools, the regional plan.
    assert sum(stats["by_relation"]["partnership"].values()) == 7
    assert stats["by_territory"]["Communauté de communes de la Région d'Audruicq"] >= 5


def test_stats_text_shows_the_calaisis_figures_beside_the_region(run):
    output = run("stats").output
    assert ("2011      établissements employeurs (nombre): "
            "Pays du Calaisis: 366  Région Nord-Pas-de-Calais: 10\u202f745") in output


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "graphml", "gexf"])
def test_export_writes_a_file_that_reads_back(run, tmp_path, fmt):
    out = tmp_path / f"calaisis.{fmt}"
    result = run("export", "-o", str(out))
    assert result.exit_code == 0
    if fmt in ("graphml", "gexf"):
        network = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert network.nodes["https://w3id.org/ess-graph/id/galilee"]["label"] == "Galilée"
    else:
        assert len(Graph().parse(out)) == len(load_graph())


def test_export_refuses_an_unknown_extension(run, tmp_path):
    result = CliRunner().invoke(main, ["export", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "cannot tell the format from the extension" in result.output


def test_shortcuts_command_reproduces_the_shipped_file(run):
    shipped = Path(__file__).resolve().parent.parent / "graph" / "calaisis" / "shortcuts.ttl"
    if not shipped.exists():
        from ess_graph.vocab.resources import data_dir
        shipped = data_dir("graph") / "calaisis" / "shortcuts.ttl"
    assert run("shortcuts").output == shipped.read_text(encoding="utf-8")


def test_an_error_about_an_argument_names_the_option_that_gave_it():
    @click.group(cls=EssGraphGroup)
    @click.option("--endpoint")
    def group(endpoint):
        if endpoint == "bad":
            raise InvalidValue("'bad' is not a web address", field="endpoint")

    @group.command()
    @click.option("--relations")
    @click.option("--field", "field_at_fault", default="relations")
    def draw(relations, field_at_fault):
        raise InvalidValue(f"unknown {relations}", field=field_at_fault)

    def stderr(*args: str) -> str:
        result = CliRunner().invoke(group, list(args))
        assert result.exit_code == 2
        return result.stderr

    assert stderr("draw", "--relations", "gift") == "ess-graph: error: --relations: unknown gift\n"
    assert stderr("draw", "--relations", "gift", "--field", "endpoint") == "ess-graph: error: --endpoint: unknown gift\n"
    assert stderr("draw", "--relations", "gift", "--field", "colour") == "ess-graph: error: colour: unknown gift\n"
    assert stderr("--endpoint", "bad", "draw") == "ess-graph: error: --endpoint: 'bad' is not a web address\n"
