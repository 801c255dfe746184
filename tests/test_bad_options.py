"""Every command, every option and argument, a few bad values each: never a traceback.

The command tree of ``ess-graph`` is walked (every command and subcommand, the built ``import``
commands included); each parameter gets bad values chosen by its type: an empty string, a
missing file, a folder where a file is due and a file where a folder is, words for numbers,
negative and huge numbers, names of nothing ("Atlantis"), and a value with a quote, a newline
and ``<script>``. Each run must end with exit status 1 or 2, no traceback, and one last line
on stderr that is the error (``ess-graph: error: ...`` or click's ``Error: ...``) — or exit 0
where the value is a fair one: :data:`ACCEPTED` says which, and why. Those run whole commands
(a map, an import): they are the slow part, run with ``--slow``.

The walk found the faults that the tests at the end of the file pin down one by one.
"""

import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rdflib import Graph

from ess_graph.cli import main
from ess_graph.errors import EssGraphError
from ess_graph.ptce.parameters import load_parameters
from ess_graph.sources import graph_source
from ess_graph.sources.store_sources import load_sources_into
from ess_graph.vocab.resources import graph_files

from .conftest import ETABLISSEMENT_HEADER, RNA_HEADER, SCDL_HEADER, write_table

WEIRD = "Galilée'\"\n<script>alert(1)</script>"
"""A value with a quote, a newline and markup: it must come back in one line, or not at all."""

OUTPUTS = {"output", "save"}
"""The parameters that name a file to write (the others are read)."""

BASES: dict[str, list[str]] = {
    "": ["stats"],
    "export": ["export", "-o", "{tmp}/out.ttl", "--format", "ttl"],
    "template": ["template", "-o", "{tmp}/templates"],
    "import geography": ["import", "geography", "--departement", "62", "-o", "{tmp}/geo.ttl"],
    "import rna": ["import", "rna", "{tmp}/rna.csv", "-q", "-o", "{tmp}/out.ttl"],
    "import sheet": ["import", "sheet", "{tmp}/actors.csv", "-o", "{tmp}/out.ttl"],
    "import sirene": ["import", "sirene", "{tmp}/etab.csv", "--all", "-q", "-o", "{tmp}/out.ttl"],
    "import subventions": ["import", "subventions", "{tmp}/scdl.csv", "-o", "{tmp}/out.ttl"],
    "validate": ["validate"],
    "stats": ["stats"],
    "shortcuts": ["shortcuts", "-o", "{tmp}/shortcuts.ttl"],
    "ptce": ["ptce"],
    "map": ["map", "-o", "{tmp}/map.html"],
    "query": ["query", "funders", "-p", "actor=Galilée"],
    "sparql": ["sparql", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"],
    "load": ["load", "{tmp}/small.nt", "--store", "{tmp}/store"],
    "sources": ["sources", "--store", "{tmp}/sources-store", "--of", "Galilée"],
    "remove": ["remove", "calaisis", "--store", "{tmp}/sources-store"],
    "synth": ["synth", "--structures", "3", "-o", "{tmp}/synth.nt"],
}
"""A good command line for each command, in which one value at a time is replaced by a bad one."""

ACCEPTED: dict[tuple[str, str, str], str] = {
    # an output file: a missing folder is created, any name a file system takes is a name
    **{(command, "--output", kind): "an output file is created, its folder too"
       for command in ("export", "import geography", "import rna", "import sheet", "import sirene",
                       "import subventions", "shortcuts", "map", "query", "sparql", "synth")
       for kind in ("missing", "weird")},
    ("ptce", "--save", "missing"): "an output file is created, its folder too",
    ("ptce", "--save", "weird"): "any name a file system takes is a file name",
    ("template", "--output", "missing"): "the folder of templates is created",
    ("template", "--output", "weird"): "any name a file system takes is a folder name",
    ("load", "--store", "missing"): "a new store is created there",
    ("load", "--store", "weird"): "any name a file system takes is a folder name",
    ("load", "--as", "atlantis"): "a word names a source",
    ("map", "--title", "empty"): "a map may go untitled",
    ("map", "--title", "atlantis"): "a title is free text",
    ("map", "--title", "weird"): "a title is free text, escaped in the page",
    ("synth", "--seed", "negative"): "any integer is a seed",
    ("synth", "--seed", "huge"): "any integer is a seed",
    ("query", "--lang", "atlantis"): "labels in a language the graph lacks fall back to others",
    ("sparql", "--lang", "atlantis"): "labels in a language the graph lacks fall back to others",
}
"""(command, option, kind of bad value) that legitimately succeed, with the reason."""


@dataclass(frozen=True)
class Case:
    command: str
    option: str  # the flag, or the argument's name in capitals
    kind: str
    value: str
    args: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.command or 'ess-graph'} {self.option} {self.kind}"


def commands(group: click.Group = main, path: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command under ``group`` (the group itself first), with its path of names."""
    yield path, group
    for name, command in sorted(group.commands.items()):
        full = f"{path} {name}".strip()
        if isinstance(command, click.Group):
            yield from commands(command, full)
        else:
            yield full, command


def bad_values(param: click.Parameter) -> dict[str, str]:
    """A few bad values for ``param``, by kind, chosen by its type."""
    kind = param.type
    if isinstance(kind, click.Path):
        if not kind.file_okay:
            return {"empty": "", "file": "{tmp}/afile", "missing": "{new}/folder", "weird": "{new}/" + WEIRD}
        if param.name in OUTPUTS:
            return {"empty": "", "missing": "{new}/out.ttl", "folder": "{tmp}", "under-a-file": "{tmp}/afile/out.ttl",
                    "weird": "{new}/" + WEIRD + ".ttl"}
        return {"empty": "", "missing": "{tmp}/nowhere/missing.ttl", "folder": "{tmp}", "garbage": "{tmp}/garbage.ttl",
                "weird": "{tmp}/" + WEIRD}
    if isinstance(kind, click.Choice):
        return {"empty": "", "atlantis": "Atlantis", "weird": WEIRD}
    if isinstance(kind, click.types.IntParamType):
        return {"empty": "", "word": "Atlantis", "negative": "-1", "huge": "9" * 30}
    return {"empty": "", "atlantis": "Atlantis", "weird": WEIRD}


def replaced(path: str, command: click.Command, param: click.Parameter, value: str) -> list[str]:
    """The good command line of ``path`` with ``param``'s value (or values) replaced by ``value``."""
    base = BASES[path]
    if command is main:
        return [param.opts[-1], value, *base]
    depth = len(path.split())
    head, rest = base[:depth], base[depth:]
    values = {i + 1 for i, token in enumerate(rest) if any(token in p.opts for p in command.params
                                                           if isinstance(p, click.Option) and not p.is_flag)}
    if isinstance(param, click.Argument):
        positional = [i for i, token in enumerate(rest) if not token.startswith("-") and i not in values]
        if param.nargs == -1:
            return [*head, *(t for i, t in enumerate(rest) if i not in positional), value]
        position = [p for p in command.params if isinstance(p, click.Argument)].index(param)
        if position < len(positional):
            rest[positional[position]] = value
            return [*head, *rest]
        return [*head, *rest, value]
    kept = [t for i, t in enumerate(rest) if t not in param.opts and not (i in values and rest[i - 1] in param.opts)]
    return [*head, param.opts[-1], value, *kept]


def cases() -> list[Case]:
    found = []
    for path, command in commands():
        for param in command.params:
            if getattr(param, "is_flag", False) or param.name in ("version", "help"):
                continue
            name = param.opts[-1] if isinstance(param, click.Option) else (param.name or "").upper()
            for kind, value in bad_values(param).items():
                found.append(Case(path, name, kind, value, tuple(replaced(path, command, param, value))))
    return found


CASES = cases()


@pytest.fixture(scope="module", autouse=True)
def shipped_graph_parsed_once():
    """Each command reads the shipped graph, half a second of parsing each time: here it is
    parsed once, and every command gets a copy of its own (a command may add to its graph)."""
    real = graph_source.load_graph
    pristine = real()

    def load_graph(extra=(), *, shipped_data=True):
        if tuple(extra) or not shipped_data:
            return real(extra, shipped_data=shipped_data)
        copy = Graph()
        for prefix, namespace in pristine.namespaces():
            copy.bind(prefix, namespace, override=True, replace=True)
        copy.addN((s, p, o, copy) for s, p, o in pristine)
        return copy

    patch = pytest.MonkeyPatch()
    patch.setattr(graph_source, "load_graph", load_graph)
    yield
    patch.undo()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("bad-options"))


def make_workspace(tmp: Path) -> Path:
    """Good input files for the base command lines, a plain file, a garbage file."""
    (tmp / "afile").write_text("I am a file\n", encoding="utf-8")
    (tmp / "garbage.ttl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe garbage")
    (tmp / "small.nt").write_text("<urn:ex:a> <urn:ex:b> <urn:ex:c> .\n", encoding="utf-8")
    (tmp / "actors.csv").write_text("name,siret\nRessourcerie du Calaisis,77567227200017\n", encoding="utf-8")
    write_table(tmp / "rna.csv", RNA_HEADER, [{"id": "W622000001", "titre": "LES AMIS DU VIEUX CALAIS",
                                               "adrs_codeinsee": "62193", "position": "A"}], delimiter=";")
    write_table(tmp / "etab.csv", ETABLISSEMENT_HEADER, [{"siren": "775672272", "nic": "00017",
                                                          "siret": "77567227200017",
                                                          "codeCommuneEtablissement": "62193",
                                                          "etatAdministratifEtablissement": "A"}])
    write_table(tmp / "scdl.csv", SCDL_HEADER, [{
        "nomAttribuant": "CA Grand Calais Terres et Mers", "idAttribuant": "20009075100013",
        "dateConvention": "2023-03-14", "nomBeneficiaire": "Association Les Jardins du Calaisis",
        "idBeneficiaire": "38047555800017", "objet": "Chantier d'insertion", "montant": "40000",
        "nature": "aide en numéraire", "conditionsVersement": "unique", "datesPeriodeVersement": "2023-04-01",
        "notificationUE": "non", "pourcentageSubvention": "1"}])
    load_sources_into(tmp / "sources-store", [("calaisis", graph_files())])  # what sources and remove read
    return tmp


def invoke(case: Case, tmp: Path):
    """Run the case in ``tmp`` (so that a value taken for the current folder writes nothing
    elsewhere), with a folder of its own for what it creates."""
    new = tmp / "new" / str(CASES.index(case))
    args = [token.replace("{tmp}", str(tmp)).replace("{new}", str(new)) for token in case.args]
    before = Path.cwd()
    os.chdir(tmp)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        os.chdir(before)
        gc.collect()  # a store a failed load opened is closed, and its lock released, only then


@pytest.mark.parametrize("case", [
    pytest.param(case, id=case.id, marks=[pytest.mark.slow] if (case.command, case.option, case.kind) in ACCEPTED else [])
    for case in CASES])
def test_a_bad_value_ends_in_one_line_of_error_never_a_traceback(case, workspace):
    result = invoke(case, workspace)
    output = result.output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    key = (case.command, case.option, case.kind)
    if result.exit_code == 0:
        assert key in ACCEPTED, f"accepted, but not known to be fair: {case.args}\n{output}"
        return
    assert result.exit_code in (1, 2), output
    lines = result.stderr.splitlines()
    assert lines, "an error with no message"
    assert lines[-1].startswith(("ess-graph: error: ", "Error: ")), lines[-1]


# -- the faults the walk above found, one by one ---------------------------------------------------


def test_a_value_with_a_newline_comes_back_escaped_on_one_line():
    result = CliRunner().invoke(main, ["map", "--focus", "Galilée\n<script>"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "ess-graph: error: --focus: no actor, project, programme or territory is named 'Galilée\\n<script>'; "
        "closest: Galilée"]


def test_an_empty_path_is_refused_and_nothing_is_written_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["template", "-o", ""], ["load", "--store", "", "x.nt"], ["--data", "", "stats"],
                 ["ptce", "--config", ""], ["query", "--queries", "", "--list"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, args
        assert result.stderr.splitlines()[-1].endswith(": an empty value names no file; give a file name") or \
            result.stderr.splitlines()[-1].endswith(": an empty value names no folder; give a folder name"), args
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_text_encoding_is_refused_with_its_option(tmp_path):
    sheet = tmp_path / "actors.csv"
    sheet.write_text("name\nRessourcerie du Calaisis\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "sheet", str(sheet), "--encoding", "Atlantis",
                                       "-o", str(tmp_path / "out.ttl")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "ess-graph: error: --encoding: 'Atlantis' is not a text encoding (e.g. utf-8, cp1252, latin-1)")
    assert not (tmp_path / "out.ttl").exists()


@pytest.mark.parametrize("option", ["--focus", "--territory", "--relations", "--kinds"])
def test_an_empty_name_or_list_on_the_map_is_refused_not_taken_for_none(tmp_path, option):
    result = CliRunner().invoke(main, ["map", option, " ", "-o", str(tmp_path / "map.html")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: Invalid value for '{option}': ")
    assert not (tmp_path / "map.html").exists()


@pytest.mark.parametrize("lang", ["", "-1", "fr\n"])
def test_a_label_language_that_is_no_language_code_is_refused(lang):
    result = CliRunner().invoke(main, ["query", "funders", "-p", "actor=Galilée", "--lang", lang])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"ess-graph: error: --lang: {lang!r} is not a language code (fr, en, de...)"]


def test_more_synthetic_structures_than_can_be_written_are_refused_at_once(tmp_path):
    result = CliRunner().invoke(main, ["synth", "--structures", "9" * 30, "-o", str(tmp_path / "s.nt")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--structures': {'9' * 30} is not in the range 1<=x<=10000000.")


def test_a_ptce_configuration_that_is_a_folder_is_one_line_for_library_users(tmp_path):
    with pytest.raises(EssGraphError, match=f"^{tmp_path}: cannot read it \\(is a directory\\)$"):
        load_parameters(tmp_path)


@pytest.mark.parametrize("args, option, key", [
    (["query", "funders", "-p", "actor=Boulangerie solidaire", "-p", "actor=Calais"], "-p", "actor"),
    (["ptce", "--param", "seed=1", "--param", "seed=2"], "--param", "seed"),
    (["map", "--ptce", "--ptce-param", "seed=1", "--ptce-param", "seed = 2"], "--ptce-param", "seed"),
])
def test_a_parameter_given_twice_is_refused_naming_it_not_settled_by_the_last(tmp_path, args, option, key):
    result = CliRunner().invoke(main, [*args, *(["-o", str(tmp_path / "map.html")] if args[0] == "map" else [])])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"ess-graph: error: {option}: '{key}' is given twice (")
    assert result.stdout == ""
    assert not (tmp_path / "map.html").exists()


def test_a_parameter_given_twice_is_refused_to_library_users_too():
    with pytest.raises(EssGraphError, match="^assignments: 'seed' is given twice"):
        load_parameters(None, ["seed=1", "seed=1"])
