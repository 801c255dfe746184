"""The import commands: one line per problem, exit status 2, nothing written; progress on stderr."""

from dataclasses import dataclass

from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from ess_graph.cli import main
from ess_graph.cli.imports import import_command
from ess_graph.importers.common.options import option
from ess_graph.importers.registry import Example, Importer, Input, Run, importers
from ess_graph.sources import open_source
from ess_graph.vocab.namespaces import ESS, ESSD

from .conftest import ETABLISSEMENT_HEADER, UNITE_LEGALE_HEADER, write_table
from .test_import_registers import ESTABLISHMENTS, UNITS


def test_template_writes_csv_xlsx_and_readme(tmp_path):
    result = CliRunner().invoke(main, ["template", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["README.md", "actors.csv", "ess-graph.xlsx", "fundings.csv", "locations.csv",
                     "memberships.csv", "partnerships.csv", "supports.csv"]
    readme = (tmp_path / "README.md").read_text()
    assert "| `association-declared` | association déclarée | 9220 |" in readme
    assert "| `done` | réalisé | done |" in readme


FILLED_IN = "name,kind,commune\nRessourcerie du Calaisis,ess,Calais\n"
"""An actors sheet a user has filled in (and would lose if the templates were written again)."""


def test_template_leaves_a_filled_in_template_alone_and_names_it(tmp_path):
    assert CliRunner().invoke(main, ["template", "-o", str(tmp_path)]).exit_code == 0
    (tmp_path / "actors.csv").write_text(FILLED_IN, encoding="utf-8")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    result = CliRunner().invoke(main, ["template", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"ess-graph: error: {tmp_path / 'actors.csv'}: already exists (a template you may have filled in); "
        "nothing was written: give another folder, or --replace to write over it"]
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_template_writes_nothing_when_any_one_of_its_files_is_there(tmp_path):
    (tmp_path / "ess-graph.xlsx").write_bytes(b"my workbook")
    result = CliRunner().invoke(main, ["template", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'ess-graph.xlsx'}: already exists" in result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["ess-graph.xlsx"]


def test_template_replace_writes_over_the_templates_when_asked(tmp_path):
    assert CliRunner().invoke(main, ["template", "-o", str(tmp_path)]).exit_code == 0
    (tmp_path / "actors.csv").write_text(FILLED_IN, encoding="utf-8")
    result = CliRunner().invoke(main, ["template", "-o", str(tmp_path), "--replace"])
    assert result.exit_code == 0
    assert (tmp_path / "actors.csv").read_text(encoding="utf-8").startswith("id,")


def test_a_bad_sheet_prints_file_line_column_lines_and_exits_2(tmp_path):
    sheet = tmp_path / "fundings.csv"
    sheet.write_text("funder,recipient,amount\nessd:calais,essd:eco-garage-du-calaisis,-3\n")
    output = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["import", "sheet", str(sheet), "-o", str(output)])
    assert result.exit_code == 2
    assert f"{sheet}:2:amount: -3 is below zero: an amount cannot be negative" in result.output
    assert "ess-graph: error: 1 problem in the input; nothing written" in result.output
    assert not output.exists()


def test_a_good_sheet_is_written_and_merged_with_a_data_file(tmp_path):
    data = tmp_path / "known.ttl"
    data.write_text('@prefix ess: <https://w3id.org/ess-graph/def#> .\n'
                    '<https://w3id.org/ess-graph/id/ressourcerie> ess:siret "77567227200017" .\n')
    sheet = tmp_path / "actors.csv"
    sheet.write_text("name,siret\nRessourcerie du Calaisis,77567227200017\n")
    output = tmp_path / "out.nt"
    result = CliRunner().invoke(main, ["--data", str(data), "import", "sheet", str(sheet), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert (ESSD.ressourcerie, ESS.siren, None) in Graph().parse(output)


def test_sirene_shows_rows_per_second_and_notes_unmapped_legal_categories(tmp_path):
    etab = write_table(tmp_path / "etab.csv", ETABLISSEMENT_HEADER, ESTABLISHMENTS)
    units = write_table(tmp_path / "units.csv", UNITE_LEGALE_HEADER, UNITS)
    output = tmp_path / "out.nt"
    result = CliRunner().invoke(main, ["import", "sirene", str(etab), "--unites-legales", str(units),
                                       "--departement", "62", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "sirene: 6 rows read, 3 kept, " in result.output and "rows/s" in result.output
    assert "legal category 6540 (1 units)" in result.output


def test_sirene_files_out_of_siren_order_keep_every_ess_establishment_and_say_what_was_left_out(tmp_path):
    etab = write_table(tmp_path / "etab.csv", ETABLISSEMENT_HEADER,
                       [ESTABLISHMENTS[5], ESTABLISHMENTS[0], ESTABLISHMENTS[2], ESTABLISHMENTS[4]])
    units = write_table(tmp_path / "units.csv", UNITE_LEGALE_HEADER, [UNITS[3], UNITS[0], UNITS[2], UNITS[1]])
    result = CliRunner().invoke(main, ["import", "sirene", str(etab), "--unites-legales", str(units), "-q",
                                       "-o", str(tmp_path / "out.nt")])
    assert result.exit_code == 0, result.output
    assert ("note: 4 rows read: 3 kept; left out: 1 of legal units not flagged ESS "
            "(economieSocialeSolidaireUniteLegale is not O)") in result.output


def test_a_bad_territory_code_is_a_one_line_error(tmp_path):
    etab = write_table(tmp_path / "etab.csv", ETABLISSEMENT_HEADER, ESTABLISHMENTS)
    result = CliRunner().invoke(main, ["import", "sirene", str(etab), "--all", "--departement", "6Z",
                                       "-o", str(tmp_path / "o.nt")])
    assert result.exit_code == 2
    assert "--departement/--commune: '6Z' is not a département code" in result.output


def test_the_cli_names_the_flag_that_fixes_a_problem(tmp_path):
    sheet = tmp_path / "actors.csv"
    sheet.write_bytes("name\nAssociation Générale\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["import", "sheet", str(sheet), "-o", str(tmp_path / "o.ttl")])
    assert result.exit_code == 2
    assert "(if the file comes from Excel on Windows, give --encoding cp1252)" in result.output
    etab = write_table(tmp_path / "etab.csv", ETABLISSEMENT_HEADER, ESTABLISHMENTS)
    result = CliRunner().invoke(main, ["import", "sirene", str(etab), "-q", "-o", str(tmp_path / "o.nt")])
    assert result.exit_code == 2
    assert "give that file (--unites-legales) or import every establishment (--all)" in result.output


def test_every_registered_importer_is_an_import_command():
    assert sorted(main.commands["import"].commands) == [importer.name for importer in importers()]


@dataclass(frozen=True)
class NoteOptions:
    label: str = option("note", help="Label of the notes.")
    shout: bool = option(False, help="Write the label in capitals.")


def _notes(job):
    words = job.paths[0].read_text().split()
    label = job.options.label.upper() if job.options.shout else job.options.label
    return Run([[(ESSD[word], RDFS.label, Literal(label))] for word in words], lambda: [f"{len(words)} notes"])


def test_an_importer_declaration_is_all_a_command_needs(tmp_path):
    notes = Importer("notes", "Import notes.", NoteOptions, _notes,
                     Example(("notes.txt",), NoteOptions(shout=True), "notes.ttl"), Input("file"))
    command = import_command(notes)
    assert "Example: ess-graph import notes notes.txt --shout -o notes.ttl" in command.help
    source = tmp_path / "notes.txt"
    source.write_text("first second")
    output = tmp_path / "notes.ttl"
    result = CliRunner().invoke(command, [str(source), "--label", "memo", "--shout", "-o", str(output)],
                                obj=open_source())
    assert result.exit_code == 0, result.output
    assert "wrote 2 triples" in result.output and "note: 2 notes" in result.output
    assert (ESSD.second, RDFS.label, Literal("MEMO")) in Graph().parse(output)


def test_the_progress_line_ends_before_the_problems_so_each_is_a_line_of_its_own(tmp_path):
    from .conftest import RNA_HEADER
    from .test_import_registers import RNA_ROWS
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, [RNA_ROWS[1], RNA_ROWS[1]], delimiter=";")
    result = CliRunner().invoke(main, ["import", "rna", str(path), "-o", str(tmp_path / "rna.ttl")])
    assert result.exit_code == 2
    lines = result.output.replace("\r", "\n").splitlines()
    assert f"{path}:3: same RNA number as line 2 (W622005678); the rows are identical: delete one" in lines
