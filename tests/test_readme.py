"""The README renders as it is meant to and its commands exist.

It is read as Markdown by markdown-it-py (CommonMark, as GitHub renders it), and these rules hold:

- **Fences.** Every fenced block opens with a language (``sh``, ``console``, ``python``,
  ``sparql``, ``text``), holds no fence line, and ends at a closing fence of its own before the
  end of the file. A bare ```` ``` ```` is thus only ever a closing line, and a block left open
  is caught where it runs into the next block, instead of swapping code and prose from there
  on, as it once did from the importers' Python example to the end of the file.
- **Headings.** Every ``(#anchor)`` link names a heading markdown-it finds (GitHub's anchors:
  lower case, punctuation dropped, spaces as hyphens), so a heading swallowed by a block is
  caught as well.
- **Shell blocks** (``sh``: one command a line; ``console``: the commands after ``$ ``). Each
  command is split at pipes, ``&&``, ``;`` and ``&``; every program it runs must be one of:
  ``ess-graph`` (or ``.venv/bin/ess-graph``), whose words are checked against the click
  command itself: the global options before the subcommand, the subcommand (and an ``import``
  subcommand's own), each option after it, and the query name of ``ess-graph query``
  (a shipped one, unless ``--queries`` adds a folder);
  ``python``/``python3``/``.venv/bin/python`` running a script of this repository or a module
  that imports here (``-m pytest``, ``-m venv``); ``pip``/``.venv/bin/pip install`` of this
  project with extras it declares, or of a package the project depends on; or one of the few
  other programs named in ``OTHER_PROGRAMS``, taken as they are. Anything else fails, so a
  command that was renamed, misspelt or never existed cannot stay in the README.
- **Indented blocks** hold output or query text, never a command (a command there would escape
  the check above: put it in an ``sh`` block).
- **Text.** A command written as inline code follows the same rules, unless it is a synopsis
  (``[optional]`` parts, ``a|b``, ``...``); every file or folder of the repository named in inline
  code or a link exists.
- **Quick start.** Its two ``sh`` blocks install into a virtual environment (Debian's own Python
  refuses ``pip install`` outside one, PEP 668) and run the whole suite (``--slow``); ``.ci/run``
  runs exactly them under ``set -euo pipefail``.
"""

import importlib.util
import re
import tomllib

import click
import pytest

from ess_graph.cli import main
from ess_graph.sparql.catalogue import shipped_catalogue

from .readme_blocks import (
    README,
    ROOT,
    SHELL_LANGUAGES,
    block_commands,
    blocks,
    headings,
    readme_text,
    simple_commands,
    tokens,
)

LANGUAGES = {"sh", "console", "python", "sparql", "text"}
CLI_PROGRAMS = {"ess-graph", ".venv/bin/ess-graph"}
PYTHONS = {"python", "python3", ".venv/bin/python"}
PIPS = {"pip", ".venv/bin/pip"}
OTHER_PROGRAMS = {
    "apt-get": "Debian's package manager, to install Chromium",
    "oxigraph": "the Oxigraph server of the test extra",
    "grep": "to filter a command's output",
    "head": "to shorten a command's output",
}
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_fence_names_its_language_and_is_closed_by_its_own_closing_line():
    lines = readme_text().splitlines()
    for token in tokens():
        if token.type != "fence":
            continue
        start, end = token.map
        where = f"README.md:{start + 1}"
        assert token.info.strip() in LANGUAGES, f"{where}: a fence opens with one of {sorted(LANGUAGES)}"
        closing = lines[end - 1].strip() if end - 1 > start else ""
        assert closing and set(closing) == {token.markup[0]} and len(closing) >= len(token.markup), \
            f"{where}: the block opened here is never closed (it runs on to line {end})"
        opening = [number for number, line in enumerate(lines[start + 1:end - 1], start + 2) if line.startswith("```")]
        assert opening == [], f"{where}: the block opened here runs over the fence of line {opening[:1]}: close it"


def github_anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_every_link_to_a_section_names_a_heading():
    anchors = {github_anchor(text) for _, text in headings()}
    links = re.findall(r"\]\(#([^)]+)\)", readme_text())
    assert links, "the contents line links to the sections"
    assert [link for link in links if link not in anchors] == []


def test_the_sections_are_headings_and_not_text_inside_a_block():
    # the ## lines of the file outside any block are exactly the level-2 headings markdown-it sees
    assert "Spotting potential PTCE" in {text for level, text in headings() if level == 2}
    inside = [block for block in blocks() if re.search(r"^## [A-Z]", block.text, re.MULTILINE)]
    assert [f"README.md:{block.line}" for block in inside] == []


def option_words(command: click.Command) -> dict[str, bool]:
    """Each option spelling of ``command`` -> whether it takes a value."""
    words = {"-h": False, "--help": False}
    for param in command.params:
        if isinstance(param, click.Option):
            takes_value = not (param.is_flag or param.count)
            for word in (*param.opts, *param.secondary_opts):
                words[word] = takes_value
    return words


def check_cli(words: list[str]) -> None:
    """``words`` (after the program) are a real ess-graph command line; AssertionError if not."""
    command: click.Command = main
    index, path = 0, "ess-graph"
    while isinstance(command, click.Group) and index < len(words):
        options = option_words(command)
        word = words[index]
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            assert name in options, f"{path}: no option {name} (options: {sorted(options)})"
            index += 2 if options[name] and "=" not in word else 1
            continue
        assert word in command.commands, f"{path}: no subcommand {word!r} (subcommands: {sorted(command.commands)})"
        command, path, index = command.commands[word], f"{path} {word}", index + 1
    assert not isinstance(command, click.Group) or "--help" in words, f"{path}: which subcommand?"
    options = option_words(command)
    positional = []
    while index < len(words):
        word = words[index]
        if word.startswith("-") and word != "-":
            name = word.split("=", 1)[0]
            assert name in options, f"{path}: no option {name} (options: {sorted(options)})"
            index += 2 if options[name] and "=" not in word else 1
        else:
            positional.append(word)
            index += 1
    if path == "ess-graph query" and positional and "--queries" not in words:
        assert positional[0] in shipped_catalogue(), f"ess-graph query: no named query {positional[0]!r}"


def declared_packages() -> set[str]:
    requirements = [*PROJECT["dependencies"], *(r for extra in PROJECT["optional-dependencies"].values() for r in extra)]
    return {re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def check_pip(words: list[str]) -> None:
    assert words[:1] == ["install"], f"pip {' '.join(words)}: the README only installs"
    for requirement in (word for word in words[1:] if not word.startswith("-")):
        name, _, extras = requirement.partition("[")
        if name in (".", PROJECT["name"]):
            unknown = set(filter(None, extras.rstrip("]").split(","))) - set(PROJECT["optional-dependencies"])
            assert not unknown, f"pip install {requirement}: pyproject.toml declares no extra {sorted(unknown)}"
        else:
            assert name.lower() in declared_packages(), f"pip install {name}: not a dependency of the project"


def check_python(words: list[str]) -> None:
    if words[:1] == ["-m"]:
        assert importlib.util.find_spec(words[1]) is not None, f"python -m {words[1]}: no such module here"
    else:
        assert words and (ROOT / words[0]).is_file(), f"python {' '.join(words)}: no such script in the repository"


def check_command(words: list[str]) -> None:
    program, arguments = words[0], words[1:]
    if program in CLI_PROGRAMS:
        check_cli(arguments)
    elif program in PYTHONS:
        check_python(arguments)
    elif program in PIPS:
        check_pip(arguments)
    else:
        assert program in OTHER_PROGRAMS, f"{program}: not a program the README may run (see OTHER_PROGRAMS)"


SHELL_COMMANDS = [(block, line) for block in blocks(*SHELL_LANGUAGES) for line in block_commands(block)]


@pytest.mark.parametrize(("block", "command"), SHELL_COMMANDS,
                         ids=[f"{block.line}:{command[:50]}" for block, command in SHELL_COMMANDS])
def test_every_command_of_a_shell_block_exists(block, command):
    for words in simple_commands(command):
        try:
            check_command(words)
        except AssertionError as exc:
            raise AssertionError(f"README.md:{block.line}: {command!r}: {exc}") from None


def test_the_shell_blocks_hold_commands_of_every_kind_the_rules_check():
    programs = {words[0] for _, command in SHELL_COMMANDS for words in simple_commands(command)}
    assert {"ess-graph", ".venv/bin/ess-graph", "pip", ".venv/bin/pip", "python3", ".venv/bin/python"} <= programs
    assert len(SHELL_COMMANDS) > 40


def inline_code() -> list[str]:
    return [child.content for token in tokens() if token.type == "inline"
            for child in token.children or () if child.type == "code_inline"]


def test_every_command_written_in_the_text_exists():
    # `ess-graph ptce --explain 1`, `python benchmarks/ptce_benchmark.py`...; a synopsis with
    # [optional] parts, alternatives (a|b) or "..." is left to the shell blocks
    commands = [span for span in inline_code()
                if re.match(r"(ess-graph|python|pip) ", span) and not re.search(r"[\[\]|]|\.\.\.", span)]
    assert len(commands) > 10
    for command in commands:
        for words in simple_commands(command):
            check_command(words)


def test_every_file_and_folder_of_the_repository_the_text_names_exists():
    top = {path.name for path in ROOT.iterdir()}
    named = [span for span in inline_code() + re.findall(r"\]\(([^)#:]+)\)", readme_text())
             if re.fullmatch(r"[\w.-]+(/[\w.-]*)+", span) and span.split("/")[0] in top]
    assert len(named) > 5
    assert [path for path in named if not (ROOT / path).exists()] == []


@pytest.mark.parametrize("words", [
    ["ess-graph", "mapp"], ["ess-graph", "map", "--focuss", "x"], ["ess-graph", "import", "sheets", "a.csv"],
    ["ess-graph", "--stores", "s", "stats"], ["ess-graph", "query", "funder", "-p", "actor=x"],
    ["ess-grpah", "stats"], ["pip", "install", ".[tests]"], ["pip", "install", "requests"],
    ["python", "benchmarks/no_such_benchmark.py"], ["python", "-m", "no_such_module"],
])
def test_a_command_that_does_not_exist_is_caught(words):
    with pytest.raises(AssertionError):
        check_command(words)


COMMAND_WORDS = CLI_PROGRAMS | PYTHONS | PIPS | set(OTHER_PROGRAMS)


def test_indented_blocks_hold_no_command():
    found = [f"README.md:{block.line}: {line.strip()}" for block in blocks("") for line in block.text.splitlines()
             if line.split(" ", 1)[0] in COMMAND_WORDS]
    assert found == []


def quick_start_commands() -> list[str]:
    return [block.text.strip() for block in blocks("sh") if block.section == "Quick start"]


def test_the_readme_gives_an_install_command_and_a_test_command():
    if not README.exists():
        pytest.fail("README.md is missing from the source tree")
    install, tests = quick_start_commands()
    # a virtual environment: Debian's own Python refuses pip install outside one (PEP 668)
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/ess-graph ")
    assert tests.startswith(".venv/bin/pip install ") and tests.endswith(" && .venv/bin/python -m pytest --slow")


def ci_script() -> list[str]:
    return (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_ci_runs_exactly_the_readme_commands():
    ci_lines = [line for line in ci_script() if line and not line.startswith(("#", "set ", "cd "))]
    assert [line for line in ci_lines if not line.startswith("apt-get")] == quick_start_commands()


def test_ci_fails_on_any_failing_command_including_pytest_finding_no_test():
    # pytest exits 5 when no test ran: under set -e that fails the run like any other error
    assert "set -euo pipefail" in ci_script()
    assert not [line for line in ci_script() if re.search(r"\|\|\s*(true|:)|;\s*exit 0|set \+e", line)]
