"""The README's Python is true: its examples run as written, and the names it gives exist.

Each ``python`` block runs whole, in a fresh namespace, in a temporary folder that holds the files
it names: ``my-actors.ttl`` (one actor written by hand), ``subventions-2023.csv`` (two grants in
the SCDL layout, from test_import_scdl.py) and, for the store and endpoint example, ``ess-store``:
a store of a synthetic country of 900 structures in 3 départements loaded with the shipped graph
(as ``ess-graph load --shipped`` does), served read-only by a real ``oxigraph serve`` whose
address replaces the block's ``http://127.0.0.1:7878/query``, the one change made to a block.
That example is slow (a country to generate, load, serve and analyse).
"""

import importlib
import re

import pytest

from ess_graph.sources.store import load_files, open_store
from ess_graph.synth import write_synthetic
from ess_graph.vocab.resources import graph_files

from .conftest import SCDL_HEADER, write_table
from .oxigraph_server import serving
from .readme_blocks import ROOT, blocks, readme_text
from .test_import_scdl import GOOD

ENDPOINT_IN_README = "http://127.0.0.1:7878/query"

MY_ACTORS = """
@prefix ess:  <https://w3id.org/ess-graph/def#> .
@prefix essd: <https://w3id.org/ess-graph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

essd:mon-association a ess:ESSStructure ; rdfs:label "Mon association"@fr ;
    ess:locatedIn essd:calais .
"""


@pytest.fixture(scope="module")
def readme_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("readme")
    (folder / "my-actors.ttl").write_text(MY_ACTORS, encoding="utf-8")
    write_table(folder / "subventions-2023.csv", SCDL_HEADER, GOOD)
    return folder


@pytest.fixture(scope="module")
def readme_endpoint(readme_folder):
    """``ess-store`` in the README's folder, and the address of a server reading it."""
    country = readme_folder / "country.nt"
    write_synthetic(country, 900, seed=1, departements=3)
    store = open_store(readme_folder / "ess-store", writable=True)
    load_files(store, [*graph_files(), country])
    del store  # the server and the example open it read-only
    with serving(readme_folder / "ess-store") as url:
        yield url


def needs_the_endpoint(text: str) -> bool:
    return ENDPOINT_IN_README in text


PYTHON_BLOCKS = blocks("python")


@pytest.mark.parametrize("block", [pytest.param(block, marks=pytest.mark.slow) if needs_the_endpoint(block.text)
                                   else block for block in PYTHON_BLOCKS],
                         ids=[f"line-{block.line}" for block in PYTHON_BLOCKS])
def test_the_python_example_runs_as_written(block, readme_folder, request, monkeypatch):
    text = block.text
    if needs_the_endpoint(text):
        text = text.replace(ENDPOINT_IN_README, request.getfixturevalue("readme_endpoint"))
    monkeypatch.chdir(readme_folder)
    exec(compile(text, f"README.md:{block.line}", "exec"), {"__name__": "readme_example"})


def test_the_examples_show_the_library_s_way_in():
    code = "\n".join(block.text for block in PYTHON_BLOCKS)
    assert 'run_named_query(source.engine(), "funders", {"actor": "Boulangerie solidaire"})' in code
    assert "open_source(store=" in code and "open_source(endpoint=" in code


def test_no_call_gives_a_query_parameter_as_a_keyword():
    # run_named_query(target, name, params, *, catalogue=None, resolver=None): parameters are a mapping
    calls = re.findall(r"run_named_query\(([^`\n]*)", readme_text())
    assert len(calls) > 5
    keywords = {keyword for call in calls for keyword in re.findall(r"\b(\w+)=", call)}
    assert keywords <= {"catalogue", "resolver"}


def resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for length in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:length]))
        except ImportError:
            continue
        for attribute in parts[length:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def test_every_module_function_and_class_the_readme_names_exists():
    named = set(re.findall(r"\bess_graph(?:\.[A-Za-z_]\w*)+", readme_text()))
    assert len(named) > 10
    assert sorted(name for name in named if not resolves(name)) == []


def test_the_layout_names_every_folder_and_module_of_the_package():
    [layout] = [block.text for block in blocks("text") if block.section == "Layout"]
    listed = {line.split()[0] for line in layout.splitlines() if line.strip()}
    package = ROOT / "ess_graph"
    parts = {f"{path.parent.name}/" for path in package.glob("*/__init__.py")}
    parts |= {path.name for path in package.glob("*.py") if path.name not in ("__init__.py", "__main__.py")}
    top = {f"{path.name}/" for path in ROOT.iterdir() if path.is_dir() and not path.name.startswith(".")}
    assert parts - listed == set(), "add each part of the package to the README's layout"
    assert {"ontology/", "graph/", "queries/", "ess_graph/", "tests/", "benchmarks/", "docs/"} <= listed
    assert listed - parts - top - {".ci/run"} == set(), "the layout names something that is not there"
