"""The README's query sections show what the commands really print today."""

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.sparql.catalogue import shipped_catalogue

README = Path(__file__).resolve().parent.parent / "README.md"


def query_sections() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## Cooperation questions in SPARQL", 1)[1].split("\n## From Python", 1)[0]


def shell_words(command: str) -> list[str] | None:
    """The words of a shell command line (an unquoted pipe is a word), None while a quote is open."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars="|")
    lexer.whitespace_split = True
    try:
        return list(lexer)
    except ValueError:
        return None


def console_blocks(text: str) -> list[list[str]]:
    """The lines of each ``console`` block (the sessions: ``$ command`` and what it prints)."""
    blocks, inside, language, lines = [], False, "", []
    for line in text.splitlines():
        if not line.startswith("```"):
            if inside:
                lines.append(line)
        elif inside:
            if language == "console":
                blocks.append(lines)
            inside = False
        else:
            inside, language, lines = True, line[3:].strip(), []
    return blocks


def documented_runs() -> list[tuple[str, str]]:
    """(command, output) for each `$ ess-graph ...` of the query sections, piped ones aside."""
    runs = []
    for lines in console_blocks(query_sections()):
        index = 0
        while index < len(lines):
            if not lines[index].startswith("$ "):
                index += 1
                continue
            command = lines[index][2:]
            while shell_words(command) is None:  # a query text over several lines
                index += 1
                command += "\n" + lines[index]
            index += 1
            output = []
            while index < len(lines) and not lines[index].startswith("$ "):
                output.append(lines[index])
                index += 1
            if "|" not in shell_words(command):  # piped to grep or head: not run here
                runs.append((command, "".join(f"{line}\n" for line in output)))
    return runs


@pytest.mark.parametrize(("command", "output"), documented_runs(), ids=lambda value: value[:60])
def test_the_readme_example_is_what_the_command_prints(command, output):
    args = shell_words(command)[1:]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.output == output, f"regenerate the output of `{command}` in README.md"


def test_the_readme_documents_every_named_query():
    section = query_sections()
    assert [name for name in shipped_catalogue() if f"`{name}`" not in section] == []
