"""Importing again with the earlier output among the graph's files writes the same output.

An ESS officer imports a sheet (or a register extract), then keeps the result as a ``--data``
file; importing the same input again, with that file loaded, must write what it wrote the first
time: the actors keep their names (``rdfs:label``, not ``skos:altLabel``) and their classes, and
the output still passes ``validate`` on its own. Writing the new output over the file that is
loaded (``--data out.ttl import ... -o out.ttl``) replaces it: its previous version is not a
source the import completes.
"""

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDFS, SKOS

from ess_graph.cli import main
from ess_graph.vocab.namespaces import ESSD

from .conftest import ETABLISSEMENT_HEADER, RNA_HEADER, SCDL_HEADER, UNITE_LEGALE_HEADER, write_table
from .test_import_registers import ESTABLISHMENTS, RNA_ROWS, UNITS
from .test_import_scdl import GOOD

ACTORS = "name,kinds,commune,postal_code,locality\nRessourcerie du Calaisis,ess,62193,62100,Calais\n"


def inputs(tmp_path) -> dict[str, list[str]]:
    """One command line per importer (its input files written in ``tmp_path``), output left out."""
    sheet = tmp_path / "actors.csv"
    sheet.write_text(ACTORS, encoding="utf-8")
    etab = write_table(tmp_path / "etab.csv", ETABLISSEMENT_HEADER, ESTABLISHMENTS)
    units = write_table(tmp_path / "units.csv", UNITE_LEGALE_HEADER, UNITS)
    return {
        "sheet": ["import", "sheet", str(sheet)],
        "sirene": ["import", "sirene", str(etab), "--unites-legales", str(units), "--departement", "62", "-q"],
        "rna": ["import", "rna", str(write_table(tmp_path / "rna.csv", RNA_HEADER, RNA_ROWS[:2], delimiter=";")),
                "-q"],
        "subventions": ["import", "subventions", str(write_table(tmp_path / "scdl.csv", SCDL_HEADER, GOOD))],
        "geography": ["import", "geography", "--departement", "90"],  # the Territoire de Belfort: small
    }


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def conforms(path) -> bool:
    return CliRunner().invoke(main, ["--data", str(path), "validate"]).exit_code == 0


@pytest.mark.parametrize("importer", ["sheet", "sirene", "rna", "subventions", "geography"])
def test_importing_again_with_the_earlier_output_loaded_writes_the_same_output(tmp_path, importer):
    command = inputs(tmp_path)[importer]
    first, again = tmp_path / "first.ttl", tmp_path / "again.ttl"
    run(*command, "-o", str(first))
    run("--data", str(first), *command, "-o", str(again))
    assert to_isomorphic(Graph().parse(again)) == to_isomorphic(Graph().parse(first))
    assert conforms(again)


@pytest.mark.parametrize("importer", ["sheet", "sirene", "rna", "subventions", "geography"])
def test_importing_over_the_loaded_output_replaces_it_and_it_still_validates(tmp_path, importer):
    command = inputs(tmp_path)[importer]
    out = tmp_path / "out.ttl"
    run(*command, "-o", str(out))
    first = to_isomorphic(Graph().parse(out))
    run("--data", str(out), *command, "-o", str(out))
    assert to_isomorphic(Graph().parse(out)) == first
    assert conforms(out)


def test_a_renamed_actor_imported_over_its_own_output_takes_the_new_name_as_its_label(tmp_path):
    sheet, out = tmp_path / "actors.csv", tmp_path / "out.ttl"
    sheet.write_text("id," + ACTORS.replace("\nR", "\nressourcerie,R", 1), encoding="utf-8")
    run("import", "sheet", str(sheet), "-o", str(out))
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("Ressourcerie du Calaisis", "La Ressourcerie"),
                     encoding="utf-8")
    result = run("--data", str(out), "import", "sheet", str(sheet), "-o", str(out))
    written = Graph().parse(out)
    assert set(written.objects(ESSD.ressourcerie, RDFS.label)) == {Literal("La Ressourcerie", lang="fr")}
    assert set(written.objects(ESSD.ressourcerie, SKOS.altLabel)) == set()
    assert f"{out} is replaced" in result.stderr
    assert conforms(out)


def test_a_sheet_row_with_another_name_for_a_node_of_the_graph_still_gives_an_altlabel(tmp_path):
    sheet, out = tmp_path / "actors.csv", tmp_path / "out.ttl"
    sheet.write_text("id,name\ngalilee,Centre Galilée\n", encoding="utf-8")
    run("import", "sheet", str(sheet), "-o", str(out))
    written = Graph().parse(out)
    assert set(written.objects(ESSD.galilee, SKOS.altLabel)) == {Literal("Centre Galilée", lang="fr")}
    assert set(written.objects(ESSD.galilee, RDFS.label)) == set()
