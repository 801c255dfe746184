"""``ess-graph query`` and ``sparql`` stream their rows, stop a query at its time limit or on Ctrl-C.

From the hostile-input issue: a query answering millions of rows took gigabytes, nothing being
streamed; ``sparql`` on Oxigraph had no time limit and ignored Ctrl-C. Rows now go out as the
engine finds them (csv, tsv, jsonl...), the table shows at most 1,000 and says how many more
there are, ``--limit N`` stops the query after N rows, ``--timeout SECONDS`` (60 by default, 0 for
none) stops a slow query with one line, and Ctrl-C stops it within a second: one line, exit 130.
"""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.cli.query import DEFAULT_TIMEOUT, TABLE_ROWS
from ess_graph.io.loading import rdf_files
from ess_graph.sources.oxigraph import OxigraphEngine

ROOT = Path(__file__).resolve().parent.parent
EVERY_WAY = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(12))
ENDLESS = f"SELECT (COUNT(*) AS ?n) WHERE {{ {EVERY_WAY} }}"
TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def triple_count():
    return len(OxigraphEngine.from_files(rdf_files()).store)


def test_the_table_shows_a_thousand_rows_and_says_how_many_more_there_are(triple_count):
    result = run("sparql", TRIPLES)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + TABLE_ROWS + 1 and TABLE_ROWS == 1000
    more = triple_count - TABLE_ROWS
    assert lines[-1] == f"(1,000 rows shown; {more:,} more rows, use --limit or --format csv)"


def test_limit_writes_that_many_rows_in_every_format():
    assert run("sparql", TRIPLES, "--limit", "3").stdout.splitlines()[-1] == "(3 rows)"
    table = list(csv.reader(io.StringIO(run("sparql", TRIPLES, "--limit", "3", "--format", "csv").stdout)))
    assert table[0] == ["s", "s_iri", "p", "p_iri", "o", "o_iri"] and len(table) == 4
    assert len(json.loads(run("sparql", TRIPLES, "--limit", "3", "--format", "json").stdout)) == 3
    assert len(run("sparql", TRIPLES, "--limit", "3", "--format", "jsonl").stdout.splitlines()) == 3


def test_csv_gives_every_row_however_many(triple_count):
    table = list(csv.DictReader(io.StringIO(run("sparql", TRIPLES, "--format", "csv").stdout)))
    assert len(table) == triple_count


def test_tsv_has_the_columns_of_csv_separated_by_tabs_one_row_a_line():
    result = run("query", "funders", "-p", "actor=Boulangerie solidaire", "--format", "tsv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    as_csv = list(csv.reader(io.StringIO(run("query", "funders", "-p", "actor=Boulangerie solidaire",
                                             "--format", "csv").stdout)))
    assert [line.split("\t") for line in lines] == as_csv
    assert len(lines) == 7  # the header and the README's six backers


def test_jsonl_gives_the_objects_of_json_one_a_line():
    options = ("query", "funders", "-p", "actor=Boulangerie solidaire")
    lines = run(*options, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(run(*options, "--format", "json").stdout)
    assert len(lines) == 6  # the README's six backers


def test_a_query_over_its_time_limit_is_stopped_with_one_line():
    started = time.monotonic()
    result = run("sparql", ENDLESS, "--timeout", "1")
    assert time.monotonic() - started < 6
    assert result.exit_code == 2
    assert result.stderr == ("ess-graph: error: the query did not finish within 1 s; give it more time with "
                             "--timeout SECONDS (0: no limit)\n")
    assert DEFAULT_TIMEOUT == 60


SLOW_NAMED_QUERY = """# Title:       Every way three triples can be chosen
# Question-fr: Combien de façons de choisir trois triplets ?
# Question-en: How many ways are there to choose three triples?
# Example:     ess-graph query --queries DIR every-three-triples

SELECT (COUNT(*) AS ?ways) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }
"""


def test_a_named_query_is_given_the_time_limit_too(tmp_path):
    (tmp_path / "every-three-triples.rq").write_text(SLOW_NAMED_QUERY, encoding="utf-8")
    result = run("query", "--queries", str(tmp_path), "every-three-triples", "--timeout", "0.5")
    assert result.exit_code == 2
    assert "the query did not finish within 0.5 s" in result.stderr


def query_child_started(process: subprocess.Popen, seconds: float) -> bool:
    """Whether the command has started its query's child process (Linux /proc) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if any(listing.read_text().split() for listing in Path(f"/proc/{process.pid}/task").glob("*/children")):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="watches the command's child process in /proc")
@pytest.mark.parametrize("timeout", ["60", "0"])
def test_ctrl_c_stops_a_query_within_a_second_with_one_line_and_status_130(tmp_path, timeout):
    out = tmp_path / "counted.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "ess_graph", "sparql", ENDLESS, "--timeout", timeout, "-o", str(out)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as from a terminal
    try:
        assert query_child_started(process, 8), process.communicate(timeout=5)
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        sent = time.monotonic()
        stdout, stderr = process.communicate(timeout=10)
        stopped_after = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    assert stderr == "ess-graph: interrupted\n" and stdout == ""
    assert stopped_after < 2  # within a second, and some slack for a busy machine
    assert list(tmp_path.iterdir()) == []  # no output, and no temporary file left


def test_options_that_are_not_numbers_of_the_right_range_are_refused():
    for option, value in (("--timeout", "-1"), ("--limit", "0"), ("--max-answer", "0")):
        result = run("sparql", TRIPLES, option, value)
        assert result.exit_code == 2
        assert f"Invalid value for '{option}'" in result.stderr
