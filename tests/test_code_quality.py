"""The linter and the type checker pass on the repository, with the settings of pyproject.toml.

Both tools are in the test extra: a missing one fails its test rather than skipping it.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = _run("mypy", "ess_graph")
    assert result.returncode == 0, result.stdout + result.stderr
