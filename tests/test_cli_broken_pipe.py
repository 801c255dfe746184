"""A reader that stops early (``| head -1``) ends ess-graph quietly, as it ends ``cat``.

Each command runs in a real process whose standard output is a pipe read by ``head -1``, with a
graph large enough that the output does not fit in the pipe's buffer: ess-graph must stop with
no traceback and no error line, and exit with status 141, what the shell reports for ``cat`` or
``yes`` cut short the same way (128 + SIGPIPE).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "export to /dev/stdout": ["export", "-o", "/dev/stdout", "--format", "nt"],
    "export graphml to /dev/stdout": ["export", "-o", "/dev/stdout", "--format", "graphml"],
    "sparql on standard output": ["sparql", "SELECT * WHERE { ?s ?p ?o }", "--format", "csv"],
    "sparql -o /dev/stdout": ["sparql", "SELECT * WHERE { ?s ?p ?o }", "--format", "tsv", "-o", "/dev/stdout"],
    "query on standard output": ["query", "--queries", "{queries}", "every-statement", "--format", "jsonl"],
    "map to /dev/stdout": ["map", "-o", "/dev/stdout"],
}


EVERY_STATEMENT = """\
# Title:       Every statement
# Question-fr: Quelles sont toutes les affirmations du graphe ?
# Question-en: What are all the statements of the graph?
# Example:     ess-graph query every-statement
SELECT ?s ?p ?o WHERE { ?s ?p ?o }
"""
"""A named query of a user's own whose answer is larger than a pipe's buffer."""


def piped_into_head(args: list[str], tmp_path: Path) -> tuple[int, str, str]:
    """Run ``ess-graph ARGS | head -1``: ess-graph's exit status, head's line, ess-graph's stderr."""
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "every-statement.rq").write_text(EVERY_STATEMENT, encoding="utf-8")
    args = [arg.replace("{queries}", str(tmp_path / "queries")) for arg in args]
    errors = tmp_path / "stderr.txt"
    with open(errors, "wb") as stderr:
        writer = subprocess.Popen([sys.executable, "-m", "ess_graph", *args], cwd=ROOT,
                                  env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"},
                                  stdout=subprocess.PIPE, stderr=stderr)
        assert writer.stdout is not None
        head = subprocess.run(["head", "-1"], stdin=writer.stdout, capture_output=True, text=True, timeout=60)
        writer.stdout.close()
        status = writer.wait(timeout=60)
    return status, head.stdout, errors.read_text(encoding="utf-8")


def test_the_data_is_larger_than_a_pipe_buffer_so_the_reader_really_leaves_early(tmp_path):
    full = subprocess.run([sys.executable, "-m", "ess_graph", "export", "-o", "/dev/stdout", "--format", "nt"],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=60)
    assert full.returncode == 0
    assert len(full.stdout) > 4 * 65536


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_reader_that_leaves_early_ends_the_command_quietly_with_status_141(args, tmp_path):
    status, line, errors = piped_into_head(args, tmp_path)
    assert line.strip()
    assert errors == ""
    assert status == 141
