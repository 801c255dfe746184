"""``ess-graph load`` and the global ``--store``: the commands give on a store what they give in memory."""

import pytest
from click.testing import CliRunner
from rdflib import Graph

from ess_graph.cli import main
from ess_graph.io.loading import load_graph
from ess_graph.synth import write_synthetic
from ess_graph.vocab.resources import graph_files

from .map_pages import read_page


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def calaisis_store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("cli") / "store"
    result = run("load", "--shipped", "--store", str(directory))
    assert result.exit_code == 0, result.output
    return directory


def test_load_creates_the_store_and_says_how_many_triples_it_read(tmp_path):
    result = run("load", "--shipped", "--store", str(tmp_path / "s"))
    assert result.exit_code == 0
    first, last = result.stderr.splitlines()[0], result.stderr.splitlines()[-1]
    assert first == f"created the store {tmp_path / 's'} with the ess-graph vocabulary"
    data_triples = sum(len(Graph().parse(path)) for path in graph_files())  # the vocabulary came on creation
    assert last.startswith(f"loaded {data_triples:,} triples from {len(graph_files())} files into {tmp_path / 's'} in ")
    assert last.endswith(" triples/s)")


def test_loading_again_reads_the_same_triples_and_the_store_stays_the_same(calaisis_store):
    before = run("--store", str(calaisis_store), "stats", "--format", "json").output
    result = run("load", "--shipped", "--store", str(calaisis_store))
    assert result.exit_code == 0
    assert "created" not in result.stderr
    assert run("--store", str(calaisis_store), "stats", "--format", "json").output == before


def test_stats_on_a_store_are_the_stats_in_memory(calaisis_store):
    in_memory = run("stats")
    on_store = run("--store", str(calaisis_store), "stats")
    assert on_store.exit_code == 0
    assert on_store.output == in_memory.output
    assert on_store.output.startswith(f"{len(load_graph())} triples: 70 actors")


def test_ptce_on_a_territory_of_the_store_matches_the_same_territory_in_memory(calaisis_store):
    in_memory = run("ptce", "--territory", "Région d'Audruicq", "--format", "json")
    on_store = run("--store", str(calaisis_store), "ptce", "--territory", "Région d'Audruicq", "--format", "json")
    assert on_store.exit_code == 0, on_store.output
    assert on_store.output == in_memory.output
    assert '"label": "Terre d\'Opale"' in on_store.output  # the food hub of Vieille-Église


def test_a_map_of_a_territory_of_the_store_draws_the_nodes_of_the_map_in_memory(calaisis_store, tmp_path):
    assert run("map", "--territory", "Région d'Audruicq", "-o", str(tmp_path / "memory.html")).exit_code == 0
    on_store = run("--store", str(calaisis_store), "map", "--territory", "Région d'Audruicq",
                   "-o", str(tmp_path / "store.html"))
    assert on_store.exit_code == 0, on_store.output
    memory = read_page((tmp_path / "memory.html").read_text(encoding="utf-8"))
    store = read_page((tmp_path / "store.html").read_text(encoding="utf-8"))
    assert {n["id"] for n in store.nodes} == {n["id"] for n in memory.nodes}
    # every link of the territory's actors is drawn; a link between two partners both outside the
    # territory (Environnement Solidarité supplying Les Ateliers de la Citoyenneté) is not taken
    store_links = {(e["from"], e["to"]) for e in store.edges}
    memory_links = {(e["from"], e["to"]) for e in memory.edges}
    assert store_links < memory_links
    assert {link for link in memory_links - store_links} == {
        ("https://w3id.org/ess-graph/id/environnement-solidarite",
         "https://w3id.org/ess-graph/id/ateliers-de-la-citoyennete")}


def test_a_large_store_needs_a_territory(calaisis_store, monkeypatch):
    monkeypatch.setattr("ess_graph.sources.territory.WHOLE_GRAPH_LIMIT", 5000)
    result = run("--store", str(calaisis_store), "ptce")
    assert result.exit_code == 2
    assert result.stderr == ("ess-graph: error: the store holds more than 5,000 triples, too many to read into "
                             "memory: this command needs --territory T (ptce and map take one)\n")
    assert run("--store", str(calaisis_store), "ptce", "--territory", "Calais").exit_code == 0


@pytest.mark.slow  # generates and loads 2,500 structures
def test_a_map_of_more_nodes_than_a_browser_can_lay_out_is_refused(tmp_path):
    synthetic = tmp_path / "synthetic.nt"
    write_synthetic(synthetic, 2500, seed=3, departements=1)  # 2,500 structures, 1,250 enterprises...
    assert run("load", str(synthetic), "--store", str(tmp_path / "s")).exit_code == 0
    result = run("--store", str(tmp_path / "s"), "map", "--territory", "Département 1", "-o", str(tmp_path / "m.html"))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ess-graph: error: the map would have at least ")
    assert lines[0].endswith("nodes, more than a browser can lay out (3,000): draw one actor's surroundings "
                             "with --focus ACTOR, or a smaller --territory")
    assert not (tmp_path / "m.html").exists()
    focused = run("--store", str(tmp_path / "s"), "map", "--territory", "Intercommunalité 1-3",
                  "-o", str(tmp_path / "m.html"))
    assert focused.exit_code == 0, focused.output


@pytest.mark.parametrize(("args", "message"), [
    (["load", "x.nt"], "load: say which store to load into with --store DIR"),
    (["load", "missing.nt", "--store", "{tmp}/s"], "missing.nt: no such file"),
    (["load", "{tmp}/data.csv", "--store", "{tmp}/s"],
     "{tmp}/data.csv: unknown RDF file extension '.csv' (expected one of .nt, .ttl)"),
    (["--store", "{tmp}/nothing", "stats"],
     "--store: {tmp}/nothing: no store there; make one by loading files into it (ess-graph load)"),
])
def test_load_and_store_errors_take_one_line(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    result = run(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"ess-graph: error: {message.format(tmp=tmp_path)}"


def test_a_file_with_a_bad_line_leaves_the_store_as_it_was(calaisis_store, tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n", encoding="utf-8")
    before = run("--store", str(calaisis_store), "stats").output
    result = run("load", str(bad), "--store", str(calaisis_store))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"ess-graph: error: {bad}:2:23: ")
    assert run("--store", str(calaisis_store), "stats").output == before
