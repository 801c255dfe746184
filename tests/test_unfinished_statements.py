"""RDF files whose last statement is cut short: one line naming the file and the statement's line."""

import pytest
from click.testing import CliRunner
from rdflib import Graph

from ess_graph.cli import main
from ess_graph.errors import InvalidInput
from ess_graph.io.loading import parse_into

HEAD = "@prefix ex: <urn:ex:> .\nex:galilee ex:supports ex:note-bleue .\n"
MISSING_DOT = ("bad Turtle syntax: the file ends in the middle of a statement (EOF found after object); "
               "is its final '.' missing?")


@pytest.mark.parametrize(("ending", "reason"), [
    ("ex:envol ex:supports ex:galilee", MISSING_DOT),
    ("ex:envol ex:supports ex:galilee\n", MISSING_DOT),
    ("ex:envol ex:supports ex:galilee\n\n# the end, without a dot", MISSING_DOT),
    ("ex:envol ex:supports ex:galilee ;", "bad Turtle syntax: the file ends in the middle of a statement (EOF "
                                          "found when expected verb in property list); is its final '.' missing?"),
    ("ex:envol ex:supports ( ex:galilee", "bad Turtle syntax: needed ')', found end."),
], ids=["no-newline", "newline", "comment-after", "semicolon", "open-list"])
def test_a_turtle_file_whose_last_statement_is_unfinished_names_its_line(tmp_path, ending, reason):
    path = tmp_path / "mine.ttl"
    path.write_text(HEAD + ending, encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(path), "stats"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"ess-graph: error: {path}:3: {reason}"]
    with pytest.raises(InvalidInput) as raised:
        parse_into(Graph(), path)
    assert raised.value.line == 3 and str(raised.value) == f"{path}:3: {reason}"


def test_an_n_triples_file_whose_last_triple_has_no_dot_names_its_line(tmp_path):
    path = tmp_path / "mine.nt"
    path.write_text("<urn:ex:a> <urn:ex:b> <urn:ex:c> .\n<urn:ex:a> <urn:ex:b> <urn:ex:d>", encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(path), "stats"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"ess-graph: error: {path}:2: the line ends before its triple does (is its final '.' missing?)"]


@pytest.mark.parametrize("name", ["mine.ttl", "mine.nt"])
def test_loading_a_file_whose_last_triple_has_no_dot_into_a_store_names_its_line(tmp_path, name):
    path = tmp_path / name
    path.write_text("<urn:ex:a> <urn:ex:b> <urn:ex:c> .\n<urn:ex:a> <urn:ex:b> <urn:ex:d>", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"ess-graph: error: {path}:2:")
    assert "Traceback" not in result.output
