"""A store folder that is not a store, or a store in use by a load: one line, nothing written."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.sources.datasets import CATALOGUE
from ess_graph.sources.store import StoreReader, load_files, open_store, remove_bulk_leftovers
from ess_graph.sources.store_sources import list_sources
from ess_graph.vocab.resources import graph_files

HOLD = """
import sys, time
from ess_graph.sources.store import open_store
store = open_store(sys.argv[1], writable=True)  # kept open, so RocksDB keeps its lock
print("open", flush=True)
time.sleep(60)
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_folder_with_a_stray_current_file_is_refused_without_writing_into_it(tmp_path):
    folder = tmp_path / "not-a-store"
    folder.mkdir()
    (folder / "CURRENT").write_text("notes\n", encoding="utf-8")
    for args in (["--store", str(folder), "stats"], ["load", "--store", str(folder), "x.nt"]):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == (
            f"ess-graph: error: --store: {folder}: holds a CURRENT file but no Oxigraph store (it names no "
            "manifest); give a store, or a new or empty directory")
    assert sorted(p.name for p in folder.iterdir()) == ["CURRENT"]


def test_a_store_being_loaded_is_named_as_such_to_readers_and_to_a_second_load(tmp_path):
    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        reading = run("--store", str(store), "query", "in-territory", "-p", "territory=Calais")
        loading = run("load", "--store", str(store), str(tmp_path / "more.nt"))
    finally:
        holder.kill()
        holder.wait()
    expected = f"ess-graph: error: --store: {store}: the store is being loaded by another process; "
    assert reading.exit_code == 2 and reading.stderr.splitlines()[-1] == expected + "try again when the load has finished"
    assert loading.exit_code == 2 and loading.stderr.splitlines()[-1] == expected + "one load at a time"


def test_once_the_load_is_over_the_store_opens_again(tmp_path):
    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    holder.kill()
    holder.wait()
    time.sleep(0.1)
    result = run("--store", str(store), "stats")
    assert result.exit_code == 0, result.output


def load_in_a_process(data: Path, store: Path) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path.cwd()),
                                                                           os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", "ess_graph", "load", str(data), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)


def bulk_files(store: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in store.glob("bulk-*.sst")} if store.is_dir() else {}


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """42,000 triples: a bulk load long enough to be caught writing, a store small enough for stats."""
    path = tmp_path_factory.mktemp("big") / "big.nt"
    result = run("synth", "--structures", "1000", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_a_load_killed_mid_bulk_load_leaves_no_orphan_files_once_loaded_again(tmp_path, big_file):
    store, clean = tmp_path / "killed", tmp_path / "clean"
    loading = load_in_a_process(big_file, store)
    deadline, left = time.monotonic() + 30, {}
    while loading.poll() is None and time.monotonic() < deadline:
        left = bulk_files(store)
        if sum(left.values()) > 0:  # the bulk loader is writing its tables
            loading.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    loading.wait()
    assert loading.returncode == -signal.SIGKILL, "the load ended before any table file showed"
    orphans = bulk_files(store)
    assert orphans, "a bulk load killed half-way leaves its table files"
    print(f"killed: {len(orphans)} orphan file(s), {sum(orphans.values()):,} bytes")

    again = run("load", str(big_file), "--store", str(store))
    assert again.exit_code == 0, again.output
    assert bulk_files(store) == {}
    reference = open_store(clean, writable=True)
    load_files(reference, [big_file])
    reloaded = open_store(store)
    # every triple, as a clean load leaves them, and nothing of the half-written version
    assert set(StoreReader(reloaded).everything()) == set(StoreReader(reference).everything())
    assert {quad.graph_name for quad in reloaded} == {ox.DefaultGraph(), CATALOGUE,
                                                      ox.NamedNode(list_sources(reloaded)[0].graph)}
    stats = run("--store", str(store), "stats", "--format", "json")
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)["triples"] == len(reference)


def test_removing_bulk_leftovers_keeps_every_file_rocksdb_lists(tmp_path):
    directory = tmp_path / "store"
    store = open_store(directory, writable=True)
    load_files(store, graph_files())
    size = len(store)
    planted = {"bulk-271828182845904523536028747135266249775.sst": 4096,
               "314159265358979323846264338327950288419": 512}  # pyoxigraph 0.5.0's names
    for name, length in planted.items():
        (directory / name).write_bytes(bytes(length))
    # A load no longer ends compacted, so RocksDB may add and retire its own numbered tables meanwhile:
    # the bytes freed are exactly the planted files', and only they are gone.
    assert remove_bulk_leftovers(directory) == sum(planted.values())
    after = {p.name for p in directory.iterdir()}
    assert not after & planted.keys()
    assert {"CURRENT", "IDENTITY"} <= after and any(name.startswith("MANIFEST-") for name in after)
    del store
    assert len(open_store(directory)) == size


def test_a_load_of_a_missing_file_creates_no_store(tmp_path):
    result = run("load", str(tmp_path / "sirene-62.nt"), "--store", str(tmp_path / "new-store"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"ess-graph: error: {tmp_path}/sirene-62.nt: no such file"]
    assert not (tmp_path / "new-store").exists()


def test_a_new_store_is_made_in_folders_that_do_not_exist_yet(tmp_path):
    data = tmp_path / "small.nt"
    data.write_text("<urn:ex:a> <urn:ex:b> <urn:ex:c> .\n", encoding="utf-8")
    result = run("load", str(data), "--store", str(tmp_path / "stores" / "2025" / "ess-store"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "stores" / "2025" / "ess-store" / "CURRENT").is_file()
