"""``ess-graph query`` and ``ess-graph sparql`` from the terminal."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from ess_graph.cli import main


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_list_shows_every_query_with_its_parameters():
    output = run("query", "--list").stdout
    assert "funders                    Funders of a structure or project" in output
    assert "parameters: min (integer, default 2)" in output


def test_a_named_query_prints_a_table_of_labels():
    result = run("query", "funders", "-p", "actor=Boulangerie solidaire")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["actor", "recipient", "funder"]
    assert any("Département du Pas-de-Calais" in line and "prévu" in line for line in lines)
    assert "https://" not in result.stdout
    assert lines[-1] == "(6 rows)"  # four authorities' five fundings and the SyMPaC's relay


def test_labels_follow_the_chosen_language_on_either_engine():
    for engine in ("rdflib", "oxigraph"):
        result = run("query", "partners", "-p", "actor=vieille eglise", "--lang", "en", "--engine", engine)
        assert result.exit_code == 0
        assert "partnership" in result.stdout and "membership or role" in result.stdout


def test_csv_goes_to_a_file_written_whole(tmp_path):
    out = tmp_path / "pairs.csv"
    result = run("query", "cofunding-authorities", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(table) == 7
    assert {"authority1", "authority1_iri", "times", "recipient_iri"} <= set(table[0])
    assert not list(tmp_path.glob(".pairs.csv.*"))


def test_show_prints_the_file_to_reuse_in_another_tool():
    text = run("query", "in-territory", "--show").stdout
    assert text.startswith("# Title:") and "?place ess:within* ?territory" in text


@pytest.mark.parametrize(("args", "message"), [
    (("query", "funder"), "no named query 'funder'; did you mean funders"),
    (("query",), "give a query name, or --list to see them"),
    (("query", "funders", "-p", "actor"), "-p expects KEY=VALUE, got 'actor'"),
    (("query", "funders", "-p", "actor=Philippe"), "'Philippe' names 3 actors, projects or programmes"),
    (("query", "shared-funders", "-p", "min=some"), "parameter 'min' must be an integer"),
    (("sparql", "DROP ALL"), "are refused: ess-graph query and sparql are read-only"),
    (("sparql", "SELECT ?s WHERE { ?s ?p }"), "query:1:19: SPARQL syntax error near '?s ?p }'"),
    (("sparql", "missing.rq"), "missing.rq: no such file"),
])
def test_mistakes_are_one_line_on_stderr_with_exit_status_two(args, message):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ess-graph: error: ")
    assert message in lines[0]
    assert result.stdout == ""


def test_sparql_runs_a_file_with_the_project_prefixes(tmp_path):
    question = tmp_path / "my-question.rq"
    question.write_text("SELECT ?structure WHERE {\n  ?structure ess:structureKind kind:siae\n}\n", encoding="utf-8")
    rows = json.loads(run("sparql", str(question), "--format", "json").stdout)
    assert {row["structure"]["label"] for row in rows} == {
        "Les Anges Gardins", "Terre d'Opale", "Les Ateliers de la Citoyenneté", "Environnement Solidarité"}


def test_sparql_reads_standard_input_and_answers_an_ask_in_the_w3c_format():
    result = run("sparql", "-", "--format", "sparql-json", stdin="ASK { essd:galilee ess:supports ?someone }")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}


def test_sparql_reports_a_syntax_error_in_a_file_by_its_name(tmp_path):
    question = tmp_path / "broken.rq"
    question.write_text("SELECT ?s WHERE {\n  ?s ess:nope\n}\n", encoding="utf-8")
    result = run("sparql", str(question))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ess-graph: error: {question}:2:")


EMPTY = "ess-graph: error: {where}: the query is empty (only spaces, comments or PREFIX lines); write a SELECT or an ASK"


@pytest.mark.parametrize("stdin", ["", "\n  \n", "# who funds the Boulangerie solidaire?\n"])
def test_an_empty_query_on_standard_input_is_said_to_be_empty_not_an_update(stdin):
    result = run("sparql", "-", stdin=stdin)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [EMPTY.format(where="<stdin>")]


@pytest.mark.parametrize("text", ["", "# to write\n", "PREFIX ex: <https://example.org/>\n"])
def test_an_empty_or_comment_only_query_file_is_said_to_be_empty(tmp_path, text):
    question = tmp_path / "question.rq"
    question.write_text(text, encoding="utf-8")
    result = run("sparql", str(question))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [EMPTY.format(where=question)]


def test_an_update_after_a_prefix_is_still_refused_as_an_update():
    result = run("sparql", "-", stdin="PREFIX ex: <https://example.org/>\nDELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "updates (INSERT, DELETE" in result.stderr


EXTRA_FUNDINGS = """\
@prefix ess: <https://w3id.org/ess-graph/def#> .
@prefix essd: <https://w3id.org/ess-graph/id/> .
@prefix status: <https://w3id.org/ess-graph/def/status/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
essd:funding-test-region-note-bleue a ess:Funding ;
    ess:funder essd:nord-pas-de-calais ; ess:recipient essd:la-note-bleue ;
    ess:amount 1500.0 ; ess:status status:done .
essd:funding-test-departement-note-bleue a ess:Funding ;
    ess:funder essd:pas-de-calais ; ess:recipient essd:la-note-bleue ; ess:status status:planned .
"""


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_data_files_join_the_graph_and_a_pair_sharing_two_funders_appears(tmp_path, engine):
    extra = tmp_path / "fundings.ttl"
    extra.write_text(EXTRA_FUNDINGS, encoding="utf-8")
    result = run("--data", str(extra), "query", "shared-funders", "--format", "json", "--engine", engine)
    rows = [(row["structure1"]["label"], row["structure2"]["label"], row["sharedFunders"], row["funder"]["label"])
            for row in json.loads(result.stdout)]
    # the Région and the Département also fund the bakery (planned) and back the ADLC buffet
    # (letter, lines 283-284 and 387-389), so La Note Bleue pairs with both
    buffet = "Buffet à volonté de produits locaux des ADLC"
    assert sorted(rows) == [
        ("Boulangerie solidaire", buffet, 2, "Département du Pas-de-Calais"),
        ("Boulangerie solidaire", buffet, 2, "Région Nord-Pas-de-Calais"),
        ("Boulangerie solidaire", "La Note Bleue", 2, "Département du Pas-de-Calais"),
        ("Boulangerie solidaire", "La Note Bleue", 2, "Région Nord-Pas-de-Calais"),
        (buffet, "La Note Bleue", 2, "Département du Pas-de-Calais"),
        (buffet, "La Note Bleue", 2, "Région Nord-Pas-de-Calais"),
    ]
    funders = json.loads(run("--data", str(extra), "query", "funders", "-p", "actor=La Note Bleue",
                             "--format", "json", "--engine", engine).stdout)
    assert {(row["funder"]["label"], row["amount"]) for row in funders} == {
        ("Région Nord-Pas-de-Calais", 1500.0), ("Département du Pas-de-Calais", None)}


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_broken_data_file_is_named_with_its_line(tmp_path, engine):
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', encoding="utf-8")
    result = run("--data", str(broken), "query", "insertion", "--engine", engine)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ess-graph: error: {broken}:3: ")
    assert len(result.stderr.strip().splitlines()) == 1
