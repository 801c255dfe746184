"""Sources a user can replace (issue 12, part 5): each loaded or imported file is a named graph of
the store, replaced whole and atomically, listed, removed; queries read the union of the sources;
conflicts between sources are reported, never merged."""

import dataclasses
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV

from ess_graph.cli import main
from ess_graph.errors import EssGraphError, NameNotFound
from ess_graph.sources.datasets import CATALOGUE
from ess_graph.sources.oxigraph import OxigraphEngine
from ess_graph.sources.store import load_vocabulary, open_store
from ess_graph.sources.store_sources import (
    SOURCE_IRIS,
    list_sources,
    load_source,
    remove_source,
    source_conflicts,
    sources_of,
)
from ess_graph.sparql.catalogue import shipped_catalogue
from ess_graph.sparql.runner import run_named_query
from ess_graph.vocab.namespaces import ESSD, sparql_prologue
from ess_graph.vocab.resources import graph_files

from .oxigraph_server import serving

FUNDINGS = sparql_prologue() + """
SELECT ?amount WHERE { ?funding a ess:Funding ; ess:recipient ?actor ; ess:amount ?amount }"""

ACTORS = ("id,name,kinds,legal_form,siret,siren,rna,sectors,themes,commune,address,postal_code,locality,"
          "founding_date,description,email,telephone\n"
          "atelier-velo-solidaire,Atelier vélo solidaire du Calaisis,ess,9220,,,W622001234,95.29Z,mobility,62193,"
          "32 rue Murillo,62100,Calais,2014-10,Atelier associatif de réparation de vélos.,contact@example.org,"
          "+33 3 21 00 00 00\n")
FUNDING = ("funder,recipient,amount,purpose,programme,start_date,end_date,status\n"
           "essd:calais,atelier-velo-solidaire,{amount},Ouverture de l'atelier,Politique ESS de la ville,2014-10,,done\n")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write_nt(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def grant(folder, name: str, amount: int):
    """A one-grant N-Triples file, as an import of an officer's spreadsheet would give it."""
    return write_nt(folder / name, f"""\
<{ESSD}grant-velo> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ess-graph/def#Funding> .
<{ESSD}grant-velo> <https://w3id.org/ess-graph/def#recipient> <{ESSD}atelier-velo> .
<{ESSD}grant-velo> <https://w3id.org/ess-graph/def#amount> "{amount}"^^<http://www.w3.org/2001/XMLSchema#decimal> .
""")


def amounts(store: ox.Store) -> list[int]:
    rows = OxigraphEngine(store).select(FUNDINGS, {"actor": ESSD["atelier-velo"]}).column("amount")
    return sorted(int(amount.toPython()) for amount in rows)


def quads(store: ox.Store) -> set:
    return set(store)


# -- replace, idempotent, all or nothing ---------------------------------------------------------


def test_a_changed_amount_loaded_again_replaces_the_grant_instead_of_adding_one(tmp_path):
    store = ox.Store()
    load_source(store, "subventions", [grant(tmp_path, "march.nt", 12500)])
    replaced = load_source(store, "subventions", [grant(tmp_path, "april.nt", 15000)])
    assert amounts(store) == [15000]  # one grant, the new amount: not two fundings
    assert replaced.changed and replaced.replaced is not None and replaced.replaced.files[0].endswith("march.nt")
    assert [(s.name, s.triples) for s in list_sources(store)] == [("subventions", 3)]
    assert {q.graph_name for q in store} == {CATALOGUE, ox.NamedNode(list_sources(store)[0].graph)}


def test_loading_the_same_files_again_changes_nothing(tmp_path):
    store = ox.Store()
    path = grant(tmp_path, "march.nt", 12500)
    load_source(store, "subventions", [path])
    before = quads(store)
    again = load_source(store, "subventions", [path])
    assert not again.changed
    assert quads(store) == before  # not even the date it was loaded


@pytest.mark.parametrize("check", [True, False], ids=["checked", "met-while-loading"])
def test_a_bad_file_leaves_the_store_as_it_was(tmp_path, check):
    store = ox.Store()
    load_source(store, "subventions", [grant(tmp_path, "march.nt", 12500)])
    before = quads(store)
    bad = write_nt(tmp_path / "april.nt", grant(tmp_path, "ok.nt", 15000).read_text(encoding="utf-8")
                   + "<urn:a> <urn:b> oops .\n")
    with pytest.raises(EssGraphError) as caught:
        load_source(store, "subventions", [bad], check=check)
    assert str(caught.value).startswith(f"{bad}:4:")
    assert "\n" not in str(caught.value)
    assert quads(store) == before
    assert amounts(store) == [12500]


def test_a_version_being_written_is_out_of_every_reader_s_sight_and_dropped_by_the_next_load(tmp_path):
    store = ox.Store()
    load_source(store, "subventions", [grant(tmp_path, "march.nt", 12500)])
    # what a load killed half-way leaves: part of a new version, in a graph the catalogue does not name
    half = ox.NamedNode(SOURCE_IRIS + "subventions/0000000000000000")
    store.add(ox.Quad(ox.NamedNode(ESSD["grant-velo"]), ox.NamedNode("https://w3id.org/ess-graph/def#amount"),
                      ox.Literal("15000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), half))
    assert amounts(store) == [12500]
    assert not OxigraphEngine(store).ask("ASK { GRAPH ?g { ?s ?p ?o } FILTER(?g = ?half) }",
                                         {"half": URIRef(half.value)})
    load_source(store, "rna-62", [write_nt(tmp_path / "rna.nt", "<urn:ex:a> <urn:ex:b> <urn:ex:c> .\n")])
    assert half not in set(store.named_graphs())


# -- remove, provenance ----------------------------------------------------------------------------


def test_removing_a_source_takes_its_triples_and_leaves_the_others(tmp_path):
    store = ox.Store()
    load_source(store, "calaisis", graph_files())
    load_source(store, "subventions", [grant(tmp_path, "march.nt", 12500)])
    removed = remove_source(store, "subventions")
    assert (removed.name, removed.triples) == ("subventions", 3)
    assert amounts(store) == []
    assert [s.name for s in list_sources(store)] == ["calaisis"]
    with pytest.raises(NameNotFound, match=r"^no source is named 'subventions' \(known: calaisis\)$"):
        remove_source(store, "subventions")


def test_the_sources_that_state_something_of_an_actor_are_named(tmp_path):
    store = ox.Store()
    load_source(store, "calaisis", graph_files())
    load_source(store, "acteurs", [write_nt(tmp_path / "acteurs.nt",
                                            f'<{ESSD}galilee> <http://www.w3.org/2004/02/skos/core#altLabel> '
                                            '"Galilée Calais"@fr .\n')])
    # the shipped graph says 15 things of Galilée (type, names, legal form, themes, description, sources)
    assert sources_of(store, ESSD.galilee) == [("acteurs", 1), ("calaisis", 15)]
    rows = OxigraphEngine(store).select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?actor ?p ?o } } ORDER BY ?g",
                                        {"actor": ESSD.galilee}).column("g")
    assert [str(g).rsplit("/", 2)[1] for g in rows] == ["acteurs", "calaisis"]


# -- conflicts ---------------------------------------------------------------------------------------


def test_two_names_for_one_actor_and_one_siret_for_two_actors_are_reported_with_both_sources(tmp_path):
    store = ox.Store()
    load_source(store, "calaisis", graph_files())
    load_source(store, "acteurs", [write_nt(tmp_path / "acteurs.nt", f"""\
<{ESSD}galilee> <http://www.w3.org/2000/01/rdf-schema#label> "Association Galilée Calaisis"@fr .
<{ESSD}atelier-velo> <https://w3id.org/ess-graph/def#siret> "35600000000048" .
""")])
    load_source(store, "sirene-62", [write_nt(tmp_path / "sirene.nt", f"""\
<{ESSD}siret-35600000000048> <https://w3id.org/ess-graph/def#siret> "35600000000048" .
""")])
    described = [conflict.describe() for conflict in source_conflicts(store)]
    assert described == [
        'essd:galilee rdfs:label: "Association Galilée Calaisis"@fr in acteurs, "Galilée"@fr in calaisis',
        '"35600000000048" ess:siret: essd:atelier-velo in acteurs, essd:siret-35600000000048 in sirene-62',
    ]
    # nothing merged: both names are still there
    labels = OxigraphEngine(store).select(sparql_prologue() + "SELECT ?label WHERE { essd:galilee rdfs:label ?label }")
    assert sorted(labels.column("label")) == [Literal("Association Galilée Calaisis", lang="fr"),
                                               Literal("Galilée", lang="fr")]


def test_a_source_that_adds_a_name_is_no_conflict(tmp_path):
    store = ox.Store()
    load_source(store, "calaisis", graph_files())
    load_source(store, "copie", graph_files())
    assert source_conflicts(store) == []


# -- the union of the sources answers as the graph in memory ----------------------------------------

LAYOUTS = {
    "one source": [("calaisis", graph_files())],
    "twice the same": [("calaisis", graph_files()), ("copie", graph_files())],
    "two overlapping": [("premier", graph_files()[:6]), ("second", graph_files()[4:])],
}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def layout_store(request):
    store = ox.Store()
    load_vocabulary(store)
    for name, paths in LAYOUTS[request.param]:
        load_source(store, name, paths)
    return request.param, store


@pytest.mark.parametrize("name", sorted(shipped_catalogue()))
def test_every_named_query_gives_on_the_sources_the_rows_it_gives_in_memory(layout_store, query_engines, name):
    layout, store = layout_store
    params = {parameter.name: parameter.example for parameter in shipped_catalogue()[name].parameters}
    in_memory, _ = query_engines["oxigraph"]
    expected = run_named_query(in_memory, name, params)
    if name == "provenance":
        expected = with_the_sources_stating_each(expected, LAYOUTS[layout])
    assert run_named_query(OxigraphEngine(store), name, params, timeout=120) == expected


def with_the_sources_stating_each(result, layout):
    """provenance's rows as a store of these sources gives them: each statement once per source
    whose files hold it, named in the last column (read from the files themselves)."""
    graphs = {name: _parsed(paths) for name, paths in layout}
    rows = []
    for row in result.rows:
        subject, prop, value = row[1:4]
        stating = sorted(name for name, graph in graphs.items() if (subject, prop, value) in graph)
        rows += [(*row[:-1], Literal(name)) for name in stating] or [row]
    return dataclasses.replace(result, rows=tuple(rows))


def _parsed(paths) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path)
    return graph


def test_provenance_in_a_store_names_the_source_of_each_statement(tmp_path):
    directory = tmp_path / "store"
    assert run("load", "--shipped", "--store", str(directory)).exit_code == 0
    result = run("--store", str(directory), "query", "provenance", "-p", "actor=Garage social du Boulonnais",
                 "--format", "csv")
    header, *rows = result.stdout.splitlines()
    assert header.endswith(",lines,source") and rows
    assert {row.rsplit(",", 1)[1] for row in rows} == {"calaisis"}


def test_a_server_with_the_union_default_graph_answers_as_the_store(tmp_path, query_engines):
    from ess_graph.sources.endpoint import EndpointEngine
    directory = tmp_path / "store"
    assert run("load", "--shipped", "--store", str(directory)).exit_code == 0
    params = {"actor": "Boulangerie solidaire"}
    in_memory, _ = query_engines["oxigraph"]
    with serving(directory, union=True) as url:
        assert run_named_query(EndpointEngine(url), "funders", params) == run_named_query(in_memory, "funders", params)


# -- the command line --------------------------------------------------------------------------------


def sheet(folder, amount: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    (folder / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (folder / "fundings.csv").write_text(FUNDING.format(amount=amount), encoding="utf-8")
    return [str(folder / "actors.csv"), str(folder / "fundings.csv")]


def store_amounts(directory) -> list[str]:
    result = run("--store", str(directory), "sparql", "SELECT ?amount WHERE { ?f a ess:Funding ; "
                 "ess:recipient essd:atelier-velo-solidaire ; ess:amount ?amount }", "--format", "csv")
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1:]


def test_a_spreadsheet_imported_into_a_store_each_month_replaces_its_last_version(tmp_path):
    directory = tmp_path / "store"
    assert run("load", "--shipped", "--store", str(directory)).exit_code == 0
    first = run("--store", str(directory), "import", "sheet", *sheet(tmp_path / "mars", 12500), "--as", "acteurs")
    assert first.exit_code == 0, first.output
    assert first.stderr.splitlines()[-1].startswith("acteurs: loaded ")
    again = run("--store", str(directory), "import", "sheet", *sheet(tmp_path / "mars", 12500), "--as", "acteurs")
    assert again.stderr.splitlines()[-1].startswith("acteurs: unchanged ")
    april = run("--store", str(directory), "import", "sheet", *sheet(tmp_path / "avril", 15000), "--as", "acteurs")
    assert april.exit_code == 0, april.output
    assert april.stderr.splitlines()[-1].startswith("acteurs: replaced by ")
    assert store_amounts(directory) == ["15000"]
    listed = [line.split("\t") for line in run("--store", str(directory), "sources").stdout.splitlines()]
    assert listed[0] == ["source", "triples", "importer", "loaded (UTC)", "files"]
    assert [(row[0], row[2], row[4]) for row in listed[1:]] == [
        ("acteurs", "sheet", f"{tmp_path}/avril/actors.csv {tmp_path}/avril/fundings.csv"),
        ("calaisis", "rdf", " ".join(str(path) for path in graph_files()))]
    removed = run("--store", str(directory), "remove", "acteurs")
    assert removed.exit_code == 0 and removed.stderr.startswith("removed acteurs (")
    assert store_amounts(directory) == []


def test_a_bad_spreadsheet_into_a_new_store_makes_no_store(tmp_path):
    files = sheet(tmp_path / "mars", 12500)
    (tmp_path / "mars" / "fundings.csv").write_text(FUNDING.format(amount="douze"), encoding="utf-8")
    result = run("--store", str(tmp_path / "store"), "import", "sheet", *files)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("ess-graph: error: ")
    assert not (tmp_path / "store").exists()


def test_a_bad_file_loaded_into_a_new_store_makes_no_store(tmp_path):
    bad = write_nt(tmp_path / "bad.nt", "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> oops .\n")
    for flags in ([], ["--unchecked"]):
        result = run("load", str(bad), "--store", str(tmp_path / "store"), *flags)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1].startswith(f"ess-graph: error: {bad}:2:")
        assert not (tmp_path / "store").exists()
    (tmp_path / "empty").mkdir()
    assert run("load", str(bad), "--store", str(tmp_path / "empty"), "--unchecked").exit_code == 2
    assert list((tmp_path / "empty").iterdir()) == []


def test_a_bad_file_loaded_into_a_store_leaves_it_as_it_was(tmp_path):
    directory = tmp_path / "store"
    assert run("load", "--shipped", "--store", str(directory)).exit_code == 0
    before = set(open_store(directory))
    bad = write_nt(tmp_path / "calaisis.nt", "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> oops .\n")
    result = run("load", str(bad), "--store", str(directory), "--unchecked")
    assert result.exit_code == 2
    assert set(open_store(directory)) == before


@pytest.mark.parametrize(("args", "message"), [
    (["--store", "{tmp}/store", "remove", "acteurs"], "no source is named 'acteurs' (known: calaisis)"),
    (["remove", "acteurs"], "remove: say which store with --store DIR"),
    (["sources"], "sources: say which store with --store DIR"),
    (["sources", "--store", "{tmp}/store", "--of", "Atlantis"], "--of: no actor, project or programme is named 'Atlantis'; closest: Calais, CAP Calaisis"),
    (["load", "{tmp}/a.nt", "--as", "mes acteurs", "--store", "{tmp}/store"],
     "--as: 'mes acteurs' cannot name a source (letters, digits, . - _ only)"),
    (["load", "{tmp}/a.nt", "{tmp}/sub/a.nt", "--store", "{tmp}/store"],
     "two files would make the source 'a': load them apart, or together with --as NAME"),
    (["import", "sheet", "{tmp}/a.csv", "--as", "acteurs"],
     "--as: names a source of a store; give the store with the global --store DIR"),
    (["import", "sheet", "{tmp}/a.csv"],
     "--output: say where to write: -o FILE, or the global --store DIR to import into a store"),
])
def test_source_errors_take_one_line(tmp_path, args, message):
    assert run("load", "--shipped", "--store", str(tmp_path / "store")).exit_code == 0
    write_nt(tmp_path / "a.nt", "<urn:a> <urn:b> <urn:c> .\n")
    (tmp_path / "sub").mkdir()
    write_nt(tmp_path / "sub" / "a.nt", "<urn:a> <urn:b> <urn:d> .\n")
    (tmp_path / "a.csv").write_text(ACTORS, encoding="utf-8")
    result = run(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"ess-graph: error: {message.format(tmp=tmp_path)}"]


def test_an_import_into_a_store_merges_by_identifier_without_copying_the_store_into_memory(tmp_path, monkeypatch):
    """The rest of the store is read where it lies: with a copy refused beyond 10 triples, the
    sheet's association is still found by its RNA number in another source, and keeps its name."""
    directory = tmp_path / "store"
    register = write_nt(tmp_path / "rna.nt", f"""\
<{ESSD}rna-w622001234> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ess-graph/def#ESSStructure> .
<{ESSD}rna-w622001234> <http://www.w3.org/2000/01/rdf-schema#label> "Vélo solidaire"@fr .
<{ESSD}rna-w622001234> <https://w3id.org/ess-graph/def#rnaNumber> "W622001234" .
""")
    assert run("load", "--shipped", "--store", str(directory)).exit_code == 0
    assert run("--store", str(directory), "load", str(register), "--as", "rna").exit_code == 0
    monkeypatch.setattr("ess_graph.sources.territory.WHOLE_GRAPH_LIMIT", 10)
    files = sheet(tmp_path / "mars", 12500)
    (tmp_path / "mars" / "actors.csv").write_text(ACTORS.replace("\natelier-velo-solidaire,", "\n,"), encoding="utf-8")
    (tmp_path / "mars" / "fundings.csv").write_text(
        FUNDING.format(amount=12500).replace(",atelier-velo-solidaire,", ",W622001234,"), encoding="utf-8")
    imported = run("--store", str(directory), "import", "sheet", *files, "--as", "acteurs")
    assert imported.exit_code == 0, imported.output
    names = run("--store", str(directory), "sparql", "SELECT ?name ?label WHERE { essd:rna-w622001234 rdfs:label ?label ; "
                "skos:altLabel ?name }", "--format", "csv")
    assert names.stdout.splitlines()[1:] == ["Atelier vélo solidaire du Calaisis,Vélo solidaire"]


def test_sources_tells_of_data_a_store_kept_in_its_default_graph_before_sources_existed(tmp_path):
    directory = tmp_path / "store"
    store = open_store(directory, writable=True)
    load_vocabulary(store)
    for path in graph_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)  # as ess-graph load did before sources
    del store
    result = run("--store", str(directory), "sources")
    assert result.exit_code == 0
    cited = {node for node, _ in _parsed(graph_files()).subject_objects(PROV.wasDerivedFrom)}
    assert result.stderr.startswith(f"note: the default graph holds {len(cited):,} nodes loaded before sources "
                                    "existed: queries read them, but they cannot be replaced or removed alone")


def test_a_ptce_analysis_kept_in_the_store_is_a_source_that_leaves_the_next_analysis_as_it_was(tmp_path):
    directory = tmp_path / "store"
    assert run("load", "--shipped", "--store", str(directory)).exit_code == 0
    before = run("--store", str(directory), "ptce", "--format", "json")
    kept = run("--store", str(directory), "ptce", "--keep-as", "ptce-decembre")
    assert kept.exit_code == 0, kept.output
    assert kept.stderr.splitlines()[-1].startswith("ptce-decembre: loaded ")
    again = run("--store", str(directory), "ptce", "--keep-as", "ptce-decembre")
    assert again.stderr.splitlines()[-1].startswith("ptce-decembre: unchanged ")
    listed = [line.split("\t") for line in run("--store", str(directory), "sources").stdout.splitlines()[1:]]
    assert [(row[0], row[2], row[4]) for row in listed] == [
        ("calaisis", "rdf", " ".join(str(path) for path in graph_files())),
        ("ptce-decembre", "ptce", "ess-graph ptce")]
    candidates = run("--store", str(directory), "sparql", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a ess:PTCECandidate }",
                     "--format", "csv")
    assert candidates.stdout.splitlines()[1] == str(len(json.loads(before.stdout)["candidates"]))
    assert run("--store", str(directory), "ptce", "--format", "json").stdout == before.stdout


def test_keeping_a_ptce_analysis_needs_a_store():
    result = run("ptce", "--keep-as", "ptce-decembre")
    assert result.exit_code == 2
    assert result.stderr == "ess-graph: error: --keep-as: the candidates are kept in a store: give --store DIR\n"
