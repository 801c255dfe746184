"""Output paths that cannot be written: one line naming the path, exit 2, nothing replaced."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.errors import OutputError
from ess_graph.io.files import write_text_atomically


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def commands_writing(output: str) -> list[list[str]]:
    """Every command that writes a file, told to write it at ``output`` (``ptce --save`` takes
    the format from the extension, so it is given only where ``output`` has one)."""
    commands = [
        ["map", "-o", output],
        ["export", "-o", output, "--format", "ttl"],
        ["query", "funders", "-p", "actor=Galilée", "-o", output],
        ["shortcuts", "-o", output],
    ]
    return commands + ([["ptce", "--save", output]] if output.endswith(".ttl") else [])


@pytest.mark.parametrize("args", commands_writing("/dev/full"), ids=lambda a: a[0])
def test_a_full_device_is_reported_and_stays_a_device(args):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == "ess-graph: error: /dev/full: cannot write: no space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("args", commands_writing("{tmp}/afile/x.ttl"), ids=lambda a: a[0])
def test_a_path_under_a_regular_file_is_refused_in_one_line(tmp_path, args):
    (tmp_path / "afile").write_text("I am a file\n", encoding="utf-8")
    result = run(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"ess-graph: error: {tmp_path}/afile/x.ttl: cannot create the folder {tmp_path}/afile: "
        f"{tmp_path}/afile is a file")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "I am a file\n"


def test_the_templates_under_a_regular_file_are_refused_in_one_line(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = run("template", "-o", str(tmp_path / "afile" / "modeles"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"ess-graph: error: {tmp_path}/afile/modeles/")
    assert "Traceback" not in result.output


def test_a_missing_parent_folder_is_created(tmp_path):
    result = run("query", "funders", "-p", "actor=Galilée", "--format", "csv", "-o", str(tmp_path / "a" / "b.csv"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "b.csv").read_text(encoding="utf-8").startswith("actor,")


def test_a_folder_given_as_output_is_refused(tmp_path):
    result = run("export", "-o", str(tmp_path), "--format", "ttl")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(f"File '{tmp_path}' is a directory.")
    with pytest.raises(OutputError, match=f"^{tmp_path}: is a folder; give a file name$"):
        write_text_atomically(tmp_path, "text")


def test_a_character_device_is_written_directly_not_replaced():
    write_text_atomically("/dev/null", "nothing to keep\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_the_temporary_file_of_a_killed_write_is_removed_by_the_next_write(tmp_path):
    target = tmp_path / "map.html"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = tmp_path / f".map.html.{dead.stdout.strip()}.abcd.tmp"
    orphan.write_text("half a map", encoding="utf-8")
    other = tmp_path / ".other.html.1.abcd.tmp"  # another target's: not ours to remove
    other.write_text("x", encoding="utf-8")
    write_text_atomically(target, "<html></html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, "map.html"]


def test_a_temporary_file_of_a_live_writer_is_left_alone(tmp_path):
    live = tmp_path / f".map.html.{os.getpid()}.abcd.tmp"
    live.write_text("being written", encoding="utf-8")
    write_text_atomically(tmp_path / "map.html", "<html></html>")
    assert live.exists()


def test_write_failures_are_output_errors_for_library_users(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file$"):
        write_text_atomically(Path(tmp_path / "afile" / "x.txt"), "text")
