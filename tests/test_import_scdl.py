"""Importing grants in the SCDL subventions schema (2.1.1)."""

from decimal import Decimal

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from ess_graph.errors import EssGraphError
from ess_graph.importers.common.problems import InvalidRows
from ess_graph.importers.common.triples import write_records
from ess_graph.importers.scdl import import_subventions
from ess_graph.vocab.namespaces import ESS, ESSD, FORM, STATUS

from .conftest import SCDL_HEADER, write_table

GRAND_CALAIS = {"nomAttribuant": "CA Grand Calais Terres et Mers", "idAttribuant": "20009075100013"}
GOOD = [
    {**GRAND_CALAIS, "dateConvention": "2023-03-14", "referenceDecision": "2023-03-103",
     "nomBeneficiaire": "Association Les Jardins du Calaisis", "idBeneficiaire": "38047555800017",
     "rnaBeneficiaire": "W622001234", "objet": "Chantier d'insertion en maraîchage", "montant": "40000",
     "nature": "aide en numéraire", "conditionsVersement": "échelonné",
     "datesPeriodeVersement": "2023-04-01/2024-03-31", "notificationUE": "non", "pourcentageSubvention": "0.25"},
    {**GRAND_CALAIS, "dateConvention": "2023-06-01", "nomBeneficiaire": "Les Jardins du Calaisis",
     "rnaBeneficiaire": "W622001234", "objet": "Prêt d'une salle", "montant": "1500.50",
     "nature": "aide en nature", "conditionsVersement": "unique", "datesPeriodeVersement": "2023-06-01",
     "notificationUE": "non", "pourcentageSubvention": "1"},
]


def _import(tmp_path, rows, graph, header=SCDL_HEADER):
    path = write_table(tmp_path / "subventions.csv", header, rows)
    output = tmp_path / "out.nt"
    write_records(output, import_subventions(path, graph))
    return Graph().parse(output)


def test_each_row_becomes_a_funding_for_the_beneficiarys_share(tmp_path, calaisis):
    graph = _import(tmp_path, GOOD, calaisis)
    jardins = ESSD["siren-380475558"]
    fundings = sorted(graph.subjects(ESS.recipient, jardins), key=lambda f: graph.value(f, ESS.startDate))
    assert len(fundings) == 2
    first, second = fundings
    assert graph.value(first, ESS.amount).toPython() == Decimal("10000.00")  # 25 % of 40,000
    assert graph.value(first, ESS.startDate) == Literal("2023-03-14", datatype=XSD.date)
    assert graph.value(first, ESS.purpose) == Literal("Chantier d'insertion en maraîchage", lang="fr")
    assert graph.value(first, ESS.status) == STATUS.done
    terms = str(graph.value(first, DCTERMS.description))
    assert "Aide en numéraire" in terms and "échelonné" in terms and "2023-04-01/2024-03-31" in terms
    assert "25 % d'un montant total de 40000" in terms
    assert graph.value(second, ESS.amount).toPython() == Decimal("1500.50")
    assert "Aide en nature" in str(graph.value(second, DCTERMS.description))


def test_the_grantor_is_found_by_siret_among_the_known_intercommunalities(tmp_path, calaisis):
    graph = _import(tmp_path, GOOD, calaisis)
    # the shipped successions know CA Grand Calais Terres et Mers by its SIREN (its INSEE code)
    assert (ESSD["epci-200090751"], ESS.funds, ESSD["siren-380475558"]) in graph
    assert (ESSD["siren-200090751"], None, None) not in graph


def test_a_beneficiary_given_by_rna_on_one_row_and_siret_on_another_is_one_node(tmp_path, calaisis):
    graph = _import(tmp_path, GOOD, calaisis)
    jardins = ESSD["siren-380475558"]
    assert (jardins, ESS.rnaNumber, Literal("W622001234")) in graph
    assert (jardins, ESS.legalForm, FORM["association-declared"]) in graph
    assert (ESSD["rna-w622001234"], None, None) not in graph


BAD = [
    {**GOOD[0], "idAttribuant": "2000907510001"},                     # 13 digits
    {**GOOD[0], "idBeneficiaire": "38047555800018"},                  # wrong check digit
    {**GOOD[0], "dateConvention": "14/03/2023"},                      # not ISO
    {**GOOD[0], "montant": "-40000"},                                 # negative
    {**GOOD[0], "montant": "40000,50"},                               # decimal comma
    {**GOOD[0], "nature": "aide financière"},                         # not an allowed value
    {**GOOD[0], "notificationUE": "yes"},                             # oui / non only
    {**GOOD[0], "pourcentageSubvention": "45"},                       # a share, at most 1
    {**GOOD[0], "rnaBeneficiaire": "W3222"},                          # too short
    {**GOOD[0], "datesPeriodeVersement": "2017-06-27_2018-06-27"},    # wrong separator
    {**GOOD[0], "idBeneficiaire": "", "rnaBeneficiaire": ""},         # neither SIRET nor RNA
    {**GOOD[0], "objet": ""},                                         # required
]


def test_every_bad_cell_is_reported_with_its_line_and_column(tmp_path, calaisis):
    path = write_table(tmp_path / "subventions.csv", SCDL_HEADER, BAD)
    output = tmp_path / "out.nt"
    with pytest.raises(InvalidRows) as caught:
        write_records(output, import_subventions(path, calaisis))
    where = [(p.line, p.column) for p in caught.value.problems]
    assert where == [(2, "idAttribuant"), (3, "idBeneficiaire"), (4, "dateConvention"), (5, "montant"),
                     (6, "montant"), (7, "nature"), (8, "notificationUE"), (9, "pourcentageSubvention"),
                     (10, "rnaBeneficiaire"), (11, "datesPeriodeVersement"), (12, "idBeneficiaire"),
                     (13, "objet")]
    assert not output.exists()


def test_a_missing_required_column_is_reported_and_optional_ones_may_be_absent(tmp_path, calaisis):
    header = [c for c in SCDL_HEADER if c != "montant"]
    rows = [{k: v for k, v in GOOD[0].items() if k != "montant"}]
    with pytest.raises(InvalidRows) as caught:
        _import(tmp_path, rows, calaisis, header=header)
    assert [p.message for p in caught.value.problems] == ["missing column 'montant'"]
    older = [c for c in SCDL_HEADER if c not in ("dispositifAide", "idRAE")]  # a file of an earlier version
    graph = _import(tmp_path, GOOD, calaisis, header=older)
    assert len(set(graph.subjects(RDF.type, ESS.Funding))) == 2


def test_an_empty_file_is_an_error_and_a_wrong_encoding_is_reported(tmp_path, calaisis):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(EssGraphError, match="empty file"):
        list(import_subventions(empty, calaisis))
    path = write_table(tmp_path / "latin.csv", SCDL_HEADER, GOOD, encoding="cp1252")
    with pytest.raises(InvalidRows) as caught:
        list(import_subventions(path, calaisis))
    assert {p.line for p in caught.value.problems} == {2, 3}
    assert all("give encoding cp1252" in str(p) for p in caught.value.problems if p.column is None)


def test_reimporting_the_same_file_gives_the_same_triples(tmp_path, calaisis):
    path = write_table(tmp_path / "subventions.csv", SCDL_HEADER, GOOD)
    write_records(tmp_path / "a.nt", import_subventions(path, calaisis))
    write_records(tmp_path / "b.nt", import_subventions(path, calaisis))
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()


def test_a_missing_file_is_a_one_line_error_not_a_raw_file_not_found(tmp_path, calaisis):
    missing = tmp_path / "subventions-2023.csv"
    with pytest.raises(EssGraphError) as caught:
        list(import_subventions(missing, calaisis))
    assert str(caught.value) == f"{missing}: cannot open (No such file or directory)"


def test_an_identical_duplicate_grant_row_is_reported_not_merged_into_one_funding(tmp_path, calaisis):
    path = write_table(tmp_path / "subventions.csv", SCDL_HEADER, [GOOD[0], GOOD[1], GOOD[0]])
    with pytest.raises(InvalidRows) as caught:
        list(import_subventions(path, calaisis))
    assert [str(p) for p in caught.value.problems] == [f"{path}:4: same grant as line 2 (an identical row: delete one)"]


def test_a_grant_row_that_differs_only_in_its_nature_is_reported_too(tmp_path, calaisis):
    path = write_table(tmp_path / "subventions.csv", SCDL_HEADER, [GOOD[0], {**GOOD[0], "nature": "aide en nature"}])
    with pytest.raises(InvalidRows) as caught:
        list(import_subventions(path, calaisis))
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{path}:3: same grant as line 2 (grantor, beneficiary, convention date, decision, "
                                   "purpose, amount and payment period), with other values in other columns")
