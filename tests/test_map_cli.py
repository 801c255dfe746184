"""``ess-graph map``: writes one HTML file, reports what it drew, and turns bad input into one line."""

import pytest
from click.testing import CliRunner

from ess_graph.cli import main

from .map_pages import read_page


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):
        return CliRunner().invoke(main, ["map", *args])

    return invoke


def test_the_map_is_written_to_ess_map_html_by_default(run, tmp_path):
    result = run()
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("wrote ess-map.html (")
    page = read_page((tmp_path / "ess-map.html").read_text(encoding="utf-8"))
    assert len(page.nodes) > 100


def test_a_focused_map_names_its_actor_and_counts_what_it_drew(run, tmp_path):
    # Galilée and the three associations it accompanies (source lines 299, 333, 432).
    result = run("--focus", "galilee", "-o", "g.html")
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote g.html (4 nodes, 3 links)\n"
    html = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "autour de Galilée (profondeur 1)" in html


def test_territory_relations_kinds_and_layout_options_reach_the_map(run, tmp_path):
    result = run("--territory", "Pays du Calaisis", "--relations", "funding, support",
                 "--kinds", "ess,initiative,authority,support,programme", "--layout", "geo", "--lang", "en",
                 "-o", "v.html")
    assert result.exit_code == 0, result.output
    page = read_page((tmp_path / "v.html").read_text(encoding="utf-8"))
    assert {e["kind"] for e in page.edges} == {"funding", "support"}
    assert "Boulangerie solidaire" in {n["label"] for n in page.nodes}
    assert "territory Pays du Calaisis" in page.html and page.settings["lang"] == "en"


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "producteurs"], "ess-graph: error: --focus: 'producteurs' names 4 actors, projects, "),
    (["--focus", "Nobody"], "ess-graph: error: --focus: no actor, project, programme or territory is named 'Nobody'"),
    (["--territory", "Galilée"], "ess-graph: error: --territory: no territory is named 'Galilée'"),
    (["--relations", "gifts"], "ess-graph: error: --relations: unknown gifts (choose among "),
    (["--depth", "2"], "ess-graph: error: --depth: only applies with --focus"),
    (["--kinds", "person", "--relations", "funding"], "ess-graph: error: nothing to draw: "),
])
def test_bad_options_are_one_line_errors_and_write_nothing(run, tmp_path, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == [], "no file, not even a temporary one"


def test_open_shows_the_written_file_in_the_browser(run, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda uri: opened.append(uri) or True)
    result = run("--focus", "Galilée", "-o", "g.html", "--open")
    assert result.exit_code == 0, result.output
    assert opened == [(tmp_path / "g.html").resolve().as_uri()]


def test_the_ptce_view_colours_each_candidate_and_says_what_it_lacks(run, tmp_path):
    result = run("--ptce", "-o", "ptce.html")
    assert result.exit_code == 0, result.output
    page = read_page((tmp_path / "ptce.html").read_text(encoding="utf-8"))
    # The producers' association founded by 11 local producers (l. 427), supported by Cap Calaisis
    # and the SyMPaC (l. 431-432), groups an SSE structure, farms and authorities.
    producers = page.node("Producteurs en Calaisis")
    campagnolades_partner = page.node("Ligue de l'enseignement")
    assert producers["group_key"] != campagnolades_partner["group_key"]
    assert "every legal gate met" in producers["title"]
    # The Campagnolades bring no classical enterprise together (l. 410-411).
    assert "missing At least one non-SSE enterprise" in campagnolades_partner["title"]
    assert page.settings["overlay"] is True


def test_ptce_parameters_only_apply_with_the_ptce_view(run, tmp_path):
    result = run("--ptce-param", "seed=3")
    assert result.exit_code == 2
    assert result.stderr == "ess-graph: error: --ptce-param and --ptce-config only apply with --ptce\n"


def test_a_bad_ptce_parameter_names_the_map_option(run):
    result = run("--ptce", "--ptce-param", "min_ties=0")
    assert result.exit_code == 2
    assert result.stderr == "ess-graph: error: --ptce-param: parameter 'min_ties': must be at least 1, got 0\n"
    unknown = run("--ptce", "--ptce-param", "colour=red")
    assert unknown.stderr == ("ess-graph: error: --ptce-param: unknown parameter 'colour' "
                              "(see ess-graph ptce --help-params)\n")
