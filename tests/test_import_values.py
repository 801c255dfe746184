"""Values a person would not accept are refused at their cell, as file:line:column, before anything is written."""

import pytest
from click.testing import CliRunner

from ess_graph.cli import main

from .conftest import ETABLISSEMENT_HEADER, RNA_HEADER, SCDL_HEADER, UNITE_LEGALE_HEADER, write_table
from .test_import_registers import ESTABLISHMENTS, RNA_ROWS, UNITS
from .test_import_scdl import GOOD


def _refused(tmp_path, arguments, expected):
    output = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["import", *arguments, "-o", str(output)])
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not output.exists()
    return result.output


FUNDING = "funder,recipient,amount,start_date,end_date,status\n"


@pytest.mark.parametrize(("row", "column", "message"), [
    ("essd:calais,essd:eco-garage-du-calaisis,1e400,,,", "amount",
     "'1e400' is not an amount written in digits, with a point before the cents (12500.50)"),
    ("essd:calais,essd:eco-garage-du-calaisis,0.001,,,", "amount",
     "'0.001' has more than two decimals: an amount is in euros and cents"),
    ("essd:calais,essd:eco-garage-du-calaisis,2000000000,,,", "amount",
     "'2000000000' is more than one billion euros: not a plausible amount"),
    ("essd:calais,essd:eco-garage-du-calaisis,10,2020-01-15,2019,", "end_date",
     "'2019' is before the start date 2020-01-15"),
    ("essd:calais,essd:eco-garage-du-calaisis,10,0000,,", "start_date",
     "'0000' is before the year 1000: not a plausible date"),
    ("essd:calais,essd:eco-garage-du-calaisis,10,2999,,", "start_date",
     "'2999' is more than 100 years ahead: not a plausible date"),
    ("essd:calais,essd:eco-garage-du-calaisis,10,,,done;planned", "status",
     "'done;planned' gives 2 values: give one status"),
])
def test_an_implausible_funding_cell_is_refused_at_its_cell(tmp_path, row, column, message):
    sheet = tmp_path / "fundings.csv"
    sheet.write_text(FUNDING + row + "\n")
    _refused(tmp_path, ["sheet", str(sheet)], f"{sheet}:2:{column}: {message}")


ACTOR = "name,founding_date,postal_code,address,commune,email,telephone\n"


@pytest.mark.parametrize(("row", "column", "message"), [
    ("Jardin,2999,,,,,", "founding_date", "'2999' is in the future: a founding date is a date that has passed"),
    ("Jardin,0000,,,,,", "founding_date", "'0000' is before the year 1000: not a plausible date"),
    ("Jardin,,ABCDE,1 rue Royale,62193,,", "postal_code", "'ABCDE' is not a postal code (5 digits, e.g. 62100)"),
    ("Jardin,,,,,contact@,", "email", "'contact@' is not an email address (name@example.org)"),
    ("Jardin,,,,,,03 21 00 00 00", "telephone",
     "'03 21 00 00 00' is not in international format: write +33 3 21 00 00 00"),
    ("Jardin,,,,,,12", "telephone", "'12' is not a telephone number in international format"),
])
def test_an_implausible_actor_cell_is_refused_at_its_cell(tmp_path, row, column, message):
    sheet = tmp_path / "actors.csv"
    sheet.write_text(ACTOR + row + "\n")
    _refused(tmp_path, ["sheet", str(sheet)], f"{sheet}:2:{column}: {message}")


def test_every_implausible_value_of_a_sheet_is_reported_in_one_pass(tmp_path):
    sheet = tmp_path / "fundings.csv"
    sheet.write_text(FUNDING + "essd:calais,essd:eco-garage-du-calaisis,1e400,2020,2019,done;planned\n"
                     "essd:calais,essd:eco-garage-du-calaisis,0.001,0000,,\n")
    output = _refused(tmp_path, ["sheet", str(sheet)], "5 problems in the input; nothing written")
    assert sorted(line.split(": ")[0] for line in output.splitlines() if line.startswith(str(sheet))) == [
        f"{sheet}:2:amount", f"{sheet}:2:end_date", f"{sheet}:2:status", f"{sheet}:3:amount", f"{sheet}:3:start_date"]


def test_an_scdl_amount_of_1e400_is_refused(tmp_path):
    path = write_table(tmp_path / "subventions.csv", SCDL_HEADER, [{**GOOD[0], "montant": "1e400"}])
    _refused(tmp_path, ["subventions", str(path)],
             f"{path}:2:montant: '1e400' is not an amount written in digits, with a point before the cents")


def test_an_rna_dissolution_before_the_creation_and_a_bad_postal_code_are_refused(tmp_path):
    rows = [{**RNA_ROWS[3], "date_disso": "1970-01-01", "position": "A"},
            {**RNA_ROWS[1], "adrs_codepostal": "ABCDE"}]
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, rows, delimiter=";")
    output = _refused(tmp_path, ["rna", str(path), "-q"],
                      f"{path}:2:date_disso: '1970-01-01' is before the creation date 1980-01-01")
    assert f"{path}:3:adrs_codepostal: 'ABCDE' is not a postal code (5 digits, e.g. 62100)" in output


def test_a_sirene_postal_code_that_is_not_five_digits_is_refused(tmp_path):
    etab = write_table(tmp_path / "etab.csv", ETABLISSEMENT_HEADER,
                       [{**ESTABLISHMENTS[0], "codePostalEtablissement": "ABCDE"}])
    units = write_table(tmp_path / "units.csv", UNITE_LEGALE_HEADER, UNITS[:1])
    _refused(tmp_path, ["sirene", str(etab), "--unites-legales", str(units), "-q"],
             f"{etab}:2:codePostalEtablissement: 'ABCDE' is not a postal code (5 digits, e.g. 62100)")
