"""The library of named cooperation questions: one ``.rq`` file per question in ``queries/``.

Each file is plain SPARQL 1.1 that any SPARQL tool can run, opening with a comment header that
says what it answers and how to call it::

    # Title:       Funders of a structure or project
    # Question-fr: Qui finance cette structure ou ce projet ... ?
    # Question-en: Who funds this structure or project ...?
    # Parameter:   actor | type: actor | default: required | example: Boulangerie solidaire
    #              The funded structure or project (an indented line continues a field).
    # Example:     ess-graph query funders -p actor="Boulangerie solidaire"
    #
    # Free notes follow a bare "#" line.

A parameter is a variable of the query; the runner gives it its value with a VALUES block, and
when nothing binds it (in another SPARQL tool) the question is asked of every actor at once.
Parameter types: ``actor``, ``territory``, ``form``, ``sector`` (named things, resolved by
:mod:`ess_graph.sparql.names`) and ``integer``.
"""

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import InvalidInput, InvalidQuery, NameNotFound
from ..vocab.resources import data_dir
from .names import NAME_TYPES
from .syntax import code_tokens

PARAMETER_TYPES: tuple[str, ...] = (*NAME_TYPES, "integer")
REQUIRED = "required"
_FIELDS = {"title": "title", "question-fr": "question_fr", "question-en": "question_en",
           "parameter": "parameter", "example": "example"}
_FIELD_LINE = re.compile(r"#\s*([A-Za-z-]+):\s*(.*)\Z")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)\Z")


@dataclass(frozen=True)
class Parameter:
    """A value the question needs, as its header declares it: its type says how a value given as
    text becomes a term, its example goes into the help and the error messages.

    >>> actor = named_query("funders").parameter("actor")
    >>> actor.type, actor.required, actor.example
    ('actor', True, 'Boulangerie solidaire')
    >>> named_query("shared-funders").parameter("min").summary()
    'min (integer, default 2)'
    """

    name: str
    type: str
    default: str | None
    example: str
    description: str

    @property
    def required(self) -> bool:
        return self.default is None

    def summary(self) -> str:
        """``actor (actor, required)`` or ``min (integer, default 2)``."""
        need = REQUIRED if self.required else f"default {self.default}"
        return f"{self.name} ({self.type}, {need})"


@dataclass(frozen=True)
class NamedQuery:
    """One question of the library: its header and its SPARQL text.

    >>> query = named_query("funders")
    >>> query.name, query.path.name, [parameter.name for parameter in query.parameters]
    ('funders', 'funders.rq', ['actor'])
    >>> query.text.startswith("# Title:       Funders of a structure or project")
    True
    >>> query.example
    'ess-graph query funders -p actor="Boulangerie solidaire"'
    >>> query.parameter("min") is None
    True
    """

    name: str
    path: Path
    title: str
    question_fr: str
    question_en: str
    parameters: tuple[Parameter, ...]
    example: str
    text: str

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def parameter_list(self) -> str:
        """The parameters as one line, for help and error messages."""
        return ", ".join(p.summary() for p in self.parameters) or "none"


def parse_named_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file; a malformed header is an EssGraphError naming the file and line."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[tuple[int, list[str]]]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.startswith("#"):
            if line:
                break
            current = None
            continue
        field = _FIELD_LINE.match(line)
        continuation = _CONTINUATION.match(line)
        if field and field.group(1).lower() in _FIELDS:
            current = [field.group(2).strip()]
            fields.setdefault(_FIELDS[field.group(1).lower()], []).append((number, current))
        elif continuation and current is not None:
            current.append(continuation.group(1))
        else:
            current = None
    single = {}
    for key in ("title", "question_fr", "question_en", "example"):
        entries = fields.get(key, [])
        if len(entries) != 1 or not entries[0][1][0]:
            raise InvalidQuery(f"{path}: the header needs exactly one non-empty '{key.replace('_', '-')}:' line")
        single[key] = " ".join(entries[0][1])
    parameters = tuple(_parameter(path, number, parts) for number, parts in fields.get("parameter", []))
    _check_variables(path, text, parameters)
    return NamedQuery(name=path.stem, path=path, parameters=parameters, text=text, **single)


def _parameter(path: Path, number: int, parts: list[str]) -> Parameter:
    head, *description = parts
    name, *settings = [part.strip() for part in head.split("|")]
    values = {}
    for setting in settings:
        key, sep, value = setting.partition(":")
        if not sep:
            raise InvalidQuery(f"{path}:{number}: parameter setting '{setting}' should read 'key: value'")
        values[key.strip().lower()] = value.strip()
    missing = [key for key in ("type", "default", "example") if key not in values]
    if not re.match(r"[A-Za-z_]\w*\Z", name) or missing:
        raise InvalidQuery(
            f"{path}:{number}: a parameter line reads 'NAME | type: T | default: D | example: E'"
            + (f" (missing {', '.join(missing)})" if missing else f" ('{name}' is not a variable name)"))
    if values["type"] not in PARAMETER_TYPES:
        raise InvalidQuery(f"{path}:{number}: unknown parameter type '{values['type']}' "
                            f"(expected one of {', '.join(PARAMETER_TYPES)})")
    default = None if values["default"] == REQUIRED else values["default"]
    return Parameter(name, values["type"], default, values["example"], " ".join(description))


def _check_variables(path: Path, text: str, parameters: tuple[Parameter, ...]) -> None:
    variables = {token.text[1:] for token in code_tokens(text) if token.text[:1] in "?$"}
    for parameter in parameters:
        if parameter.name not in variables:
            raise InvalidQuery(f"{path}: parameter '{parameter.name}' is not a variable of the query")


def load_catalogue(*folders: Path | str, shipped: bool = True) -> dict[str, NamedQuery]:
    """Every named query of the shipped ``queries/`` (unless ``shipped`` is False) and of
    ``folders``, by name: a user keeps their own questions, with the same headers, in a folder.

    A query of a folder may not take the name of one already read: each name asks one question.

    >>> catalogue = load_catalogue()
    >>> len(catalogue), catalogue["funders"].title
    (14, 'Funders of a structure or project')
    """
    catalogue: dict[str, NamedQuery] = dict(shipped_catalogue()) if shipped else {}
    for folder in map(Path, folders):
        if not folder.is_dir():
            raise InvalidInput(f"{folder}: not a folder of .rq files", file=str(folder))
        for path in sorted(folder.glob("*.rq")):
            if path.stem in catalogue:
                raise InvalidInput(f"{path}: a query named '{path.stem}' already comes from "
                                   f"{catalogue[path.stem].path}; rename the file", file=str(path))
            catalogue[path.stem] = parse_named_query(path)
    return catalogue


@cache
def shipped_catalogue() -> dict[str, NamedQuery]:
    """The shipped named queries, read once.

    >>> "partners" in shipped_catalogue()
    True
    """
    folder = data_dir("queries")
    return {path.stem: parse_named_query(path) for path in sorted(folder.glob("*.rq"))}


def named_query(name: str, catalogue: Mapping[str, NamedQuery] | None = None) -> NamedQuery:
    """The query called ``name`` in ``catalogue`` (the shipped queries by default); an unknown
    name fails with the closest names.

    >>> named_query("funders").parameter_list()
    'actor (actor, required)'
    >>> named_query("funder")
    Traceback (most recent call last):
    ...
    ess_graph.errors.NameNotFound: no named query 'funder'; did you mean funders, funded-by, shared-funders?
    """
    catalogue = catalogue if catalogue is not None else shipped_catalogue()
    if name in catalogue:
        return catalogue[name]
    close = difflib.get_close_matches(name, list(catalogue), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise NameNotFound(f"no named query '{name}'{hint}", suggestions=close)
