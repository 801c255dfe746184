"""The README tells the truth about how to install and test."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_the_readme_gives_an_install_command_and_a_test_command():
    if not (ROOT / "README.md").exists():
        pytest.fail("README.md is missing from the source tree")
    install, tests = quick_start_commands()
    assert install.startswith("pip install . && ess-graph ")
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_commands():
    ci_lines = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith(("#", "set ", "cd "))]
    assert [line for line in ci_lines if not line.startswith("apt-get")] == quick_start_commands()
