"""The README read as Markdown by markdown-it-py (CommonMark, as GitHub renders it), for the tests
that check what it shows: its code blocks, its headings and the commands of its shell blocks."""

import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

SHELL_LANGUAGES = ("sh", "console")
"""``sh``: one command a line (``\\`` continues it, ``#`` starts a comment); ``console``: a session
where each command follows ``$ `` and the lines up to the next ``$ `` are what it prints."""

OPERATORS = {"&&", "||", "|", ";", "&"}
REDIRECTIONS = {">", ">>", "<", "2>", "&>"}


@dataclass(frozen=True)
class Block:
    """A code block: ``language`` is the fence's info word ("" for an indented block), ``line``
    the 1-based line where it opens, ``section`` the ``##`` heading it stands under."""

    language: str
    text: str
    line: int
    section: str
    token: Token


def readme_text() -> str:
    return README.read_text(encoding="utf-8")


@cache
def tokens() -> tuple[Token, ...]:
    return tuple(MarkdownIt("commonmark").enable("table").parse(readme_text()))


def headings() -> list[tuple[int, str]]:
    """(level, text as rendered) of every heading: inline code keeps its text, marks go."""
    found = []
    parsed = tokens()
    for index, token in enumerate(parsed):
        if token.type == "heading_open":
            inline = parsed[index + 1]
            text = "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))
            found.append((int(token.tag[1:]), text))
    return found


def blocks(*languages: str) -> list[Block]:
    """The code blocks, in order; only those of ``languages`` when given."""
    found, section = [], ""
    parsed = tokens()
    for index, token in enumerate(parsed):
        if token.type == "heading_open" and token.tag == "h2":
            section = parsed[index + 1].content
        elif token.type in ("fence", "code_block"):
            language = token.info.split()[0] if token.type == "fence" and token.info.strip() else ""
            if not languages or language in languages:
                found.append(Block(language, token.content, token.map[0] + 1, section, token))
    return found


def shell_words(command: str) -> list[str] | None:
    """The words of a shell command line, operators (``|``, ``&&``, ``>``...) as words of their
    own and comments dropped; None while a quote is still open (the command goes on below)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        return list(lexer)
    except ValueError:
        return None


def block_commands(block: Block) -> list[str]:
    """The command lines of a shell block (a ``console`` block's without their output)."""
    lines = block.text.replace("\\\n", " ").splitlines()
    commands, index = [], 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if block.language == "console":
            if not line.startswith("$ "):
                continue
            line = line[2:]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        while shell_words(line) is None and index < len(lines):  # a quoted query over several lines
            line += "\n" + lines[index]
            index += 1
        commands.append(line)
    return commands


def simple_commands(command: str) -> list[list[str]]:
    """The programs a command line runs, each with its arguments: split at pipes, ``&&``, ``;``
    and ``&``, redirections and their file left out."""
    words = shell_words(command)
    assert words is not None, f"unclosed quote in {command!r}"
    found, current, skip = [], [], False
    for word in words:
        if skip:
            skip = False
        elif word in OPERATORS:
            found.append(current)
            current = []
        elif word in REDIRECTIONS:
            skip = True
        else:
            current.append(word)
    found.append(current)
    return [words for words in found if words]
