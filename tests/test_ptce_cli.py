"""``ess-graph ptce``: the table, the card, JSON for scripts, saving, and one-line errors."""

import json

import pytest
from click.testing import CliRunner

from ess_graph.cli import main

CANDIDATE_KEYS = ["rank", "score", "territory", "members", "gates", "score_breakdown", "missing", "suggestions"]
GATES = ["legal_persons", "ess_enterprise", "non_ess_enterprise", "art9_partner", "one_territory", "cooperation"]
COMPONENTS = ["continuity", "density", "diversity", "shared_theme", "public_anchoring", "size", "star_penalty"]


def run(*args):
    return CliRunner().invoke(main, ["ptce", *args])


@pytest.fixture(scope="module")
def report():
    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_table_ranks_candidates_with_their_gates():
    result = run()
    assert result.exit_code == 0
    header, first = result.output.splitlines()[:2]
    assert header.split()[:6] == ["#", "kind", "score", "stable", "gates", "persons"]
    assert first.split()[:2] == ["1", "cooperating"] and "6/6" in first
    kinds = [line.split()[1] for line in result.output.splitlines()[1:] if line[:1].isdigit()]
    assert set(kinds) == {"cooperating", "potential"}
    assert kinds == sorted(kinds)  # cooperating candidates first


def test_json_has_the_shape_scripts_rely_on(report):
    assert list(report) == ["candidates", "parameters"]
    assert report["parameters"]["seed"] == 42
    for rank, candidate in enumerate(report["candidates"], 1):
        assert list(candidate)[:len(CANDIDATE_KEYS)] == CANDIDATE_KEYS
        assert candidate["rank"] == rank
        assert 0.0 <= candidate["score"] <= 100.0
        assert candidate["territory"] is None or set(candidate["territory"]) == {"iri", "label"}
        assert all(set(m) == {"iri", "label", "kind"} for m in candidate["members"])
        assert [g["name"] for g in candidate["gates"]] == GATES
        assert all(isinstance(g["met"], bool) and isinstance(g["evidence"], list) for g in candidate["gates"])
        assert list(candidate["score_breakdown"]) == COMPONENTS
        assert all({"role", "label", "gate", "why"} == set(m) for m in candidate["missing"])
        assert all({"role", "iri", "label", "kind", "reasons"} == set(s) for s in candidate["suggestions"])
        assert candidate["kind"] in ("cooperating", "potential")
        assert 0.0 <= candidate["stability"] <= 1.0
        assert all(set(i) == {"actors", "labels", "common_partners", "affinity", "why"}
                   for i in candidate["introductions"])
        assert all({"rank", "name", "kind", "shared"} == set(o) for o in candidate["overlaps"])


def test_gate_evidence_carries_relations_and_sources(report):
    evidence = [e for c in report["candidates"] for g in c["gates"] for e in g["evidence"] if e["relations"]]
    assert evidence and all(e["sources"] and e["text"] for e in evidence)


def test_explain_shows_the_full_card():
    result = run("--explain", "2")
    assert result.exit_code == 0
    for heading in ("### Members", "### Legal checklist", "### Score", "### Bridging actors",
                    "### Missing roles and suggestions", "### Shared themes", "### Caveats about the data",
                    "### To check by a person"):
        assert heading in result.output
    assert result.output.startswith("## 2. ")


def test_explain_in_json_gives_one_candidate(report):
    result = run("--explain", "1", "--format", "json")
    assert json.loads(result.output) == report["candidates"][0]


def test_markdown_report_has_the_table_and_every_card(report):
    result = run("--format", "md")
    assert result.output.startswith("# Potential PTCE")
    assert result.output.count("\n## ") == len(report["candidates"])


def test_an_unknown_candidate_number_is_a_one_line_error():
    result = run("--explain", "99")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("ess-graph: error: --explain 99: no such candidate (there are ")


def test_a_bad_parameter_is_a_one_line_error():
    result = run("--param", "min_ties=0")
    assert result.exit_code == 2
    assert result.stderr == "ess-graph: error: --param: parameter 'min_ties': must be at least 1, got 0\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--param", "colour=red"], "--param: unknown parameter 'colour' (see ess-graph ptce --help-params)"),
    (["--param", "sed=1"], "--param: unknown parameter 'sed'; did you mean seed? (see ess-graph ptce --help-params)"),
    (["--param", "seed"], "--param: expected NAME=VALUE, got 'seed'"),
])
def test_a_bad_assignment_names_the_option_and_an_unknown_name_points_at_the_list(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"ess-graph: error: {message}\n"


def test_an_unknown_name_in_the_config_file_names_the_file(tmp_path):
    config = tmp_path / "ptce.toml"
    config.write_text("colour = 'red'\n", encoding="utf-8")
    result = run("--config", str(config))
    assert result.exit_code == 2
    assert result.stderr == f"ess-graph: error: {config}: unknown parameter 'colour' (see ess-graph ptce --help-params)\n"


def test_the_table_ends_with_how_to_read_a_card():
    assert run().output.endswith("\n\nFull card: ess-graph ptce --explain N\n")


def test_parameters_come_from_a_config_file(tmp_path):
    config = tmp_path / "ptce.toml"
    config.write_text("[ptce]\nseed = 5\n", encoding="utf-8")
    result = run("--format", "json", "--config", str(config))
    assert json.loads(result.output)["parameters"]["seed"] == 5


def test_save_writes_rdf_that_saving_again_leaves_unchanged(tmp_path):
    target = tmp_path / "candidates.ttl"
    first = run("--save", str(target))
    assert first.exit_code == 0 and target.exists()
    content = target.read_bytes()
    run("--save", str(target))
    assert target.read_bytes() == content


def test_save_refuses_an_unknown_rdf_extension(tmp_path):
    result = run("--save", str(tmp_path / "candidates.xlsx"))
    assert result.exit_code == 2 and "unknown RDF file extension '.xlsx'" in result.stderr
    assert not (tmp_path / "candidates.xlsx").exists()


def test_help_params_lists_every_parameter():
    result = run("--help-params")
    assert result.output.startswith("weight_partnership (default 1.0): ")
