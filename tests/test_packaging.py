"""A plain, non-editable install carries the vocabulary, the shapes, the Calaisis graph and the queries."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not (ROOT / "pyproject.toml").exists():
        pytest.fail("the packaging test needs the source tree next to the tests")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out)], check=True)
    return next(out.glob("ess_graph-*.whl"))


def test_the_wheel_contains_the_ontology_shapes_graph_and_queries(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("ess_graph/data/ontology/ess.ttl", "ess_graph/data/ontology/shapes.ttl",
                     "ess_graph/data/ontology/schemes/legal-forms.ttl",
                     "ess_graph/data/graph/calaisis/relations.ttl",
                     "ess_graph/data/graph/calaisis/shortcuts.ttl", "ess_graph/data/queries/funders.rq",
                     "ess_graph/py.typed"):
        assert expected in names


@pytest.mark.slow  # installs the wheel, then SHACL in a new process
def test_an_installed_copy_validates_its_own_shipped_graph_away_from_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-m", "ess_graph", "validate"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("conforms: 0 violation(s), 0 warning(s)")
    where = subprocess.run([sys.executable, "-c", "from ess_graph.vocab.resources import data_dir; print(data_dir('graph'))"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(target)


def test_an_installed_copy_answers_a_named_query_away_from_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-m", "ess_graph", "query", "supported-by", "-p", "actor=Galilée",
                             "--format", "csv", "--engine", "oxigraph"],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1 + 3  # header and Galilée's three associations
