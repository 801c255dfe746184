"""A store folder that is not a store, or a store in use by a load: one line, nothing written."""

import subprocess
import sys
import time

from click.testing import CliRunner

from ess_graph.cli import main

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
