"""Files and queries nested thousands of levels deep, and files that start with a byte-order mark:
one line naming the file, never a RecursionError; a mark some editors write is no error."""

from click.testing import CliRunner

from ess_graph.cli import main

DEPTH = 5000


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_turtle_file_nested_too_deeply_is_one_line_naming_it(tmp_path):
    path = tmp_path / "deep.ttl"
    path.write_text("@prefix ex: <urn:ex:> .\nex:a ex:p " + "[ ex:p " * DEPTH + "ex:b" + " ]" * DEPTH + " .\n",
                    encoding="utf-8")
    result = run("--data", str(path), "stats")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"ess-graph: error: {path}: nested too deeply to be read (blank nodes, lists or objects within one "
        "another, hundreds of levels deep)"]


def test_a_json_ld_file_nested_too_deeply_is_one_line_naming_it(tmp_path):
    path = tmp_path / "deep.jsonld"
    path.write_text('{"@id": "urn:a", "urn:p": ' + '{"urn:p": ' * DEPTH + '"x"' + "}" * DEPTH + "}", encoding="utf-8")
    result = run("--data", str(path), "stats")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"ess-graph: error: {path}: nested too deeply to be read (JSON objects or arrays within one another, "
        "hundreds of levels deep)"]


def test_a_query_nested_too_deeply_is_one_line_and_never_reaches_the_engine(tmp_path):
    # rdflib's parser gives up at some fifty brackets; Oxigraph's would crash the process at ten thousand
    path = tmp_path / "deep.rq"
    path.write_text("SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }", encoding="utf-8")
    result = run("sparql", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"ess-graph: error: {path}: nested too deeply to be parsed (brackets within brackets); write it with "
        "fewer levels"]


def test_a_turtle_file_that_starts_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "windows.ttl"
    path.write_bytes("\ufeff@prefix ex: <urn:ex:> .\r\nex:a ex:b ex:c .\r\n".encode())
    assert run("--data", str(path), "stats", "--format", "json").exit_code == 0


def test_loading_a_file_that_starts_with_a_byte_order_mark_says_so(tmp_path):
    path = tmp_path / "windows.nt"
    path.write_bytes("\ufeff<urn:ex:a> <urn:ex:b> <urn:ex:c> .\n".encode())
    result = run("load", str(path), "--store", str(tmp_path / "store"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"ess-graph: error: {path}:1:1: the file starts with a byte-order mark (U+FEFF), which the loader does "
        "not read; save it as UTF-8 without one")
