"""Importing the SIRENE stock files and the RNA, filtered and streamed."""

import tracemalloc

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from ess_graph.errors import EssGraphError
from ess_graph.importers.common.problems import InvalidRows, Problems
from ess_graph.importers.common.streaming import ProgressMeter
from ess_graph.importers.common.triples import write_records
from ess_graph.importers.rna import RnaOptions, import_rna
from ess_graph.importers.sirene import SireneOptions, import_sirene
from ess_graph.vocab.namespaces import ESS, ESSD, FORM, ORG, SECTOR

from .conftest import ETABLISSEMENT_HEADER, RNA_HEADER, UNITE_LEGALE_HEADER, write_table

PAS_DE_CALAIS = ("62",)

UNITS = [
    {"siren": "380475558", "denominationUniteLegale": "LES JARDINS DU CALAISIS", "categorieJuridiqueUniteLegale": "9220",
     "economieSocialeSolidaireUniteLegale": "O", "identifiantAssociationUniteLegale": "W622001234",
     "activitePrincipaleUniteLegale": "88.99B", "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
     "dateCreationUniteLegale": "1995-04-01", "etatAdministratifUniteLegale": "A"},
    {"siren": "443061841", "denominationUniteLegale": "BOULANGERIE COOPERATIVE", "categorieJuridiqueUniteLegale": "5458",
     "economieSocialeSolidaireUniteLegale": "O", "activitePrincipaleUniteLegale": "10.71C",
     "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2", "etatAdministratifUniteLegale": "A"},
    {"siren": "501234561", "denominationUniteLegale": "GARAGE PRIVE", "categorieJuridiqueUniteLegale": "5710",
     "economieSocialeSolidaireUniteLegale": "N", "etatAdministratifUniteLegale": "A"},
    {"siren": "775672272", "denominationUniteLegale": "SCI SOLIDAIRE", "categorieJuridiqueUniteLegale": "6540",
     "economieSocialeSolidaireUniteLegale": "O", "etatAdministratifUniteLegale": "A"},
]


def _establishment(siret, commune, state="A", naf="", **extra):
    return {"siren": siret[:9], "nic": siret[9:], "siret": siret, "codeCommuneEtablissement": commune,
            "etatAdministratifEtablissement": state, "activitePrincipaleEtablissement": naf,
            "nomenclatureActivitePrincipaleEtablissement": "NAFRev2" if naf else "", **extra}


ESTABLISHMENTS = [
    _establishment("38047555800017", "62193", naf="88.99B", etablissementSiege="true", numeroVoieEtablissement="12",
                   typeVoieEtablissement="RUE", libelleVoieEtablissement="ROYALE", codePostalEtablissement="62100",
                   libelleCommuneEtablissement="CALAIS", dateCreationEtablissement="1995-04-01"),
    _establishment("38047555800025", "59350", naf="88.99B"),
    _establishment("44306184100013", "62548", naf="10.71C"),
    _establishment("44306184100021", "62548", state="F", naf="10.71C"),
    _establishment("50123456100014", "62193", naf="45.20A"),
    _establishment("77567227200017", "62057", naf="68.20B"),
]


def _sirene_import(tmp_path, graph, establishments=ESTABLISHMENTS, units=UNITS, problems=None, **options):
    etab = write_table(tmp_path / "StockEtablissement_utf8.csv", ETABLISSEMENT_HEADER, establishments)
    unit_path = write_table(tmp_path / "StockUniteLegale_utf8.csv", UNITE_LEGALE_HEADER, units) if units else None
    return import_sirene(etab, graph, SireneOptions(units=unit_path, **options), problems=problems)


def _written(tmp_path, records, name="sirene.nt"):
    output = tmp_path / name
    write_records(output, records)
    return Graph().parse(output)


def _sirene(tmp_path, graph, **arguments):
    return _written(tmp_path, _sirene_import(tmp_path, graph, **arguments))


def _sites(graph):
    return {str(graph.value(site, ESS.siret)) for site in graph.subjects(RDF.type, ESS.Site)}


def test_sirene_keeps_the_active_establishments_of_ess_units_in_the_territory(tmp_path, calaisis):
    graph = _sirene(tmp_path, calaisis, departements=PAS_DE_CALAIS)
    assert _sites(graph) == {"38047555800017", "44306184100013", "77567227200017"}


def test_sirene_maps_legal_categories_naf_codes_and_communes_to_the_vocabulary(tmp_path, calaisis):
    sirene = _sirene_import(tmp_path, calaisis, departements=PAS_DE_CALAIS)
    graph = _written(tmp_path, sirene)
    jardins, boulangerie, sci = ESSD["siren-380475558"], ESSD["siren-443061841"], ESSD["siren-775672272"]
    assert (jardins, RDF.type, ESS.ESSStructure) in graph
    assert (jardins, RDFS.label, Literal("LES JARDINS DU CALAISIS")) in graph
    assert (jardins, ESS.legalForm, FORM["association-declared"]) in graph
    assert (jardins, ESS.sector, SECTOR["social-action"]) in graph
    assert (jardins, ESS.rnaNumber, Literal("W622001234")) in graph
    assert (boulangerie, ESS.legalForm, FORM["scop-sarl"]) in graph
    assert (boulangerie, ESS.sector, SECTOR.industry) in graph  # NAF section C
    assert (sci, ESS.legalForm, None) not in graph
    assert sirene.summary.unmapped_categories == {"6540": 1}
    site = ESSD["site-38047555800017"]
    assert (jardins, ORG.hasSite, site) in graph
    assert (site, ESS.locatedIn, ESSD.calais) in graph  # the shipped Calais, by its INSEE code
    assert (jardins, ESS.locatedIn, ESSD.calais) in graph
    assert (sci, ESS.locatedIn, ESSD.audruicq) in graph
    assert graph.value(site, ESS.startDate) == Literal("1995-04-01", datatype=XSD.date)


def test_a_legal_unit_known_by_its_rna_number_keeps_its_node(tmp_path, calaisis):
    known = Graph()
    known += calaisis
    known.add((ESSD.jardins, ESS.rnaNumber, Literal("W622001234")))
    graph = _sirene(tmp_path, known, departements=PAS_DE_CALAIS)
    assert (ESSD.jardins, ESS.siren, Literal("380475558")) in graph
    assert (ESSD.jardins, ORG.hasSite, ESSD["site-38047555800017"]) in graph
    assert (ESSD["siren-380475558"], None, None) not in graph


def test_without_the_legal_units_the_ess_filter_cannot_apply(tmp_path, calaisis):
    with pytest.raises(EssGraphError, match=r"StockUniteLegale: give that file \(units\) or import every "
                                            r"establishment \(all_establishments\)"):
        _sirene(tmp_path, calaisis, units=None)
    graph = _sirene(tmp_path, calaisis, units=None, all_establishments=True, departements=PAS_DE_CALAIS)
    assert _sites(graph) == {"38047555800017", "44306184100013", "50123456100014", "77567227200017"}


def test_bad_sirene_rows_are_all_reported_and_nothing_is_written(tmp_path, calaisis):
    establishments = [
        _establishment("38047555800018", "62193"),                                   # wrong check digit
        _establishment("44306184100013", "62548", dateCreationEtablissement="2001-02-30"),
    ]
    units = [dict(UNITS[0]), {**UNITS[1], "categorieJuridiqueUniteLegale": "54A8"}]
    with pytest.raises(InvalidRows) as caught:
        _sirene(tmp_path, calaisis, establishments=establishments, units=units)
    where = [(p.where.rsplit("/", 1)[-1], p.line, p.column) for p in caught.value.problems]
    assert where == [("StockEtablissement_utf8.csv", 2, "siret"),
                     ("StockEtablissement_utf8.csv", 3, "dateCreationEtablissement"),
                     ("StockUniteLegale_utf8.csv", 3, "categorieJuridiqueUniteLegale")]
    assert not (tmp_path / "sirene.nt").exists()


def test_an_establishment_without_its_siren_is_reported_as_such(tmp_path, calaisis):
    with pytest.raises(InvalidRows) as caught:
        _sirene(tmp_path, calaisis, establishments=[{**ESTABLISHMENTS[0], "siren": ""}])
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (2, "siren", "empty: every establishment has the SIREN of its legal unit")]


def test_skip_invalid_leaves_bad_rows_out_and_writes_the_rest(tmp_path, calaisis):
    establishments = [_establishment("38047555800018", "62193"), ESTABLISHMENTS[2]]
    problems = Problems(strict=False)
    graph = _sirene(tmp_path, calaisis, establishments=establishments, problems=problems)
    assert _sites(graph) == {"44306184100013"}
    assert problems.total == 1


def test_a_missing_column_is_an_error(tmp_path, calaisis):
    header = [c for c in ETABLISSEMENT_HEADER if c != "codeCommuneEtablissement"]
    path = write_table(tmp_path / "etab.csv", header, [])
    with pytest.raises(InvalidRows, match="1 problem"):
        list(import_sirene(path, calaisis, SireneOptions(all_establishments=True)))


def test_stock_files_in_any_order_are_joined_like_sorted_ones(tmp_path, calaisis):
    establishments = [ESTABLISHMENTS[5], ESTABLISHMENTS[0], ESTABLISHMENTS[2], ESTABLISHMENTS[4]]
    units = [UNITS[3], UNITS[0], UNITS[2], UNITS[1]]
    sirene = _sirene_import(tmp_path, calaisis, establishments=establishments, units=units)
    graph = _written(tmp_path, sirene)
    assert _sites(graph) == {"38047555800017", "44306184100013", "77567227200017"}
    assert set(graph.subjects(RDF.type, ESS.ESSStructure)) == {
        ESSD["siren-380475558"], ESSD["siren-443061841"], ESSD["siren-775672272"]}
    assert sirene.notes()[0] == ("4 rows read: 3 kept; left out: 1 of legal units not flagged ESS "
                                 "(economieSocialeSolidaireUniteLegale is not O)")


def test_an_organisation_is_written_once_even_when_its_establishments_are_apart(tmp_path, calaisis):
    establishments = [ESTABLISHMENTS[0], ESTABLISHMENTS[2], {**ESTABLISHMENTS[1], "codeCommuneEtablissement": "62193"}]
    graph = _sirene(tmp_path, calaisis, establishments=establishments)
    jardins = ESSD["siren-380475558"]
    assert set(graph.objects(jardins, ORG.hasSite)) == {ESSD["site-38047555800017"], ESSD["site-38047555800025"]}
    assert len(list(graph.objects(jardins, RDFS.label))) == 1


def test_an_establishment_whose_siren_is_not_in_the_legal_units_is_reported(tmp_path, calaisis):
    etab = write_table(tmp_path / "etab.csv", ETABLISSEMENT_HEADER, [ESTABLISHMENTS[0], ESTABLISHMENTS[5]])
    units = write_table(tmp_path / "units.csv", UNITE_LEGALE_HEADER, UNITS[:3])
    with pytest.raises(InvalidRows) as caught:
        list(import_sirene(etab, calaisis, SireneOptions(units=units)))
    assert [str(p) for p in caught.value.problems] == [
        f"{etab}:3:siren: SIREN 775672272 is not in {units}: its legal unit (ESS flag, name, legal category) is "
        "unknown; are both files of the same edition?"]


def test_a_siret_or_a_siren_given_twice_is_reported(tmp_path, calaisis):
    establishments = [ESTABLISHMENTS[0], ESTABLISHMENTS[2], ESTABLISHMENTS[0]]
    units = [UNITS[0], UNITS[1], {**UNITS[1], "denominationUniteLegale": "AUTRE"}]
    with pytest.raises(InvalidRows) as caught:
        list(_sirene_import(tmp_path, calaisis, establishments=establishments, units=units))
    assert [str(p).rsplit("/", 1)[-1] for p in caught.value.problems] == [
        "StockEtablissement_utf8.csv:4: same SIRET as line 2 (38047555800017): an establishment is one row; delete "
        "one or correct its SIRET",
        "StockUniteLegale_utf8.csv:4:siren: same SIREN as line 3 (443061841): a legal unit is one row; the first is "
        "used"]


def test_sirene_rows_left_out_are_counted_by_reason(tmp_path, calaisis):
    abroad = {**ESTABLISHMENTS[4], "codeCommuneEtablissement": "", "codePaysEtrangerEtablissement": "99127"}
    sirene = _sirene_import(tmp_path, calaisis, establishments=[*ESTABLISHMENTS, abroad], departements=PAS_DE_CALAIS)
    list(sirene)
    assert sirene.notes()[0] == (
        "7 rows read: 3 kept; left out: 1 outside the territory, 1 not active (etatAdministratifEtablissement is not "
        "A), 1 of legal units not flagged ESS (economieSocialeSolidaireUniteLegale is not O), 1 abroad (no commune, a "
        "codePaysEtrangerEtablissement)")


RNA_ROWS = [
    {"id": "W622001234", "siret": "38047555800017", "titre": "LES JARDINS DU CALAISIS", "titre_court": "JARDINS",
     "objet": "favoriser l'insertion par le maraîchage", "date_creat": "1995-04-01", "date_disso": "0001-01-01",
     "adrs_numvoie": "12", "adrs_typevoie": "RUE", "adrs_libvoie": "Royale", "adrs_codeinsee": "62193",
     "adrs_codepostal": "62100", "adrs_libcommune": "Calais", "position": "A"},
    {"id": "W622005678", "titre": "PARENTS D'ELEVES DE MARCK", "date_creat": "2001-09-10", "date_disso": "0001-01-01",
     "adrs_codeinsee": "62548", "adrs_libcommune": "Marck", "position": "A"},
    {"id": "W595001111", "titre": "CLUB LILLOIS", "date_creat": "2010-01-01", "adrs_codeinsee": "59350",
     "position": "A"},
    {"id": "W622009999", "titre": "ANCIEN COMITE DES FETES", "date_creat": "1980-01-01", "date_disso": "2020-05-01",
     "adrs_codeinsee": "62057", "position": "D"},
]


def _rna(tmp_path, graph, rows=RNA_ROWS, **options):
    path = write_table(tmp_path / "rna_waldec.csv", RNA_HEADER, rows, delimiter=";")
    return _written(tmp_path, import_rna(path, graph, RnaOptions(**options)), "rna.ttl")


def test_rna_associations_of_the_territory_become_ess_structures(tmp_path, calaisis):
    graph = _rna(tmp_path, calaisis, departements=PAS_DE_CALAIS)
    jardins, parents = ESSD["siren-380475558"], ESSD["rna-w622005678"]
    assert set(graph.subjects(RDF.type, ESS.ESSStructure)) == {jardins, parents}
    assert (jardins, ESS.rnaNumber, Literal("W622001234")) in graph
    assert (jardins, ESS.legalForm, FORM["association-declared"]) in graph
    assert (jardins, ESS.locatedIn, ESSD.calais) in graph
    assert (parents, ESS.locatedIn, ESSD.marck) in graph
    assert graph.value(jardins, ESS.foundingDate) == Literal("1995-04-01", datatype=XSD.date)


def test_dissolved_associations_are_left_out_unless_asked_for_then_dated(tmp_path, calaisis):
    graph = _rna(tmp_path, calaisis, departements=PAS_DE_CALAIS, include_dissolved=True)
    comite = ESSD["rna-w622009999"]
    assert graph.value(comite, ESS.endDate) == Literal("2020-05-01", datatype=XSD.date)


def test_bad_rna_rows_are_reported_at_their_line_and_column(tmp_path, calaisis):
    rows = [{**RNA_ROWS[0], "id": "X123"}, {**RNA_ROWS[1], "date_creat": "2001-13-10"},
            {**RNA_ROWS[1], "id": "W622005679", "siret": "12345678901234"}]
    with pytest.raises(InvalidRows) as caught:
        _rna(tmp_path, calaisis, rows=rows)
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, "id"), (3, "date_creat"), (4, "siret")]


def test_a_bad_territory_code_names_the_option_not_a_flag(tmp_path, calaisis):
    with pytest.raises(EssGraphError, match="^departements/communes: '6Z' is not a département code"):
        _rna(tmp_path, calaisis, departements=("6Z",))


def test_rna_in_latin_1_is_read_with_its_encoding(tmp_path, calaisis):
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, RNA_ROWS[1:2], delimiter=";", encoding="latin-1")
    rows = [{**RNA_ROWS[1], "titre": "ÉCOLE DE MUSIQUE"}]
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, rows, delimiter=";", encoding="latin-1")
    with pytest.raises(InvalidRows, match="1 problem"):
        list(import_rna(path, calaisis))
    graph = Graph()
    for record in import_rna(path, calaisis, RnaOptions(encoding="latin-1")):
        graph.addN((s, p, o, graph) for s, p, o in record)
    assert (ESSD["rna-w622005678"], RDFS.label, Literal("ÉCOLE DE MUSIQUE", lang="fr")) in graph


def test_the_progress_meter_shows_rows_per_second(tmp_path, calaisis):
    import io
    stream = io.StringIO()
    meter = ProgressMeter(1000, "rna", stream, interval=0)
    meter(10_000, 42, 500)
    meter.finish()
    assert " 50.0% 10,000 rows read, 42 kept, " in stream.getvalue()
    assert stream.getvalue().rstrip().endswith("rows/s")


def _generated_stock(folder, rows):
    """A stock pair of ``rows`` establishments (one per legal unit), all active and ESS; one in fifty in the 62."""
    from ess_graph.importers.common.checks import luhn_valid

    def keyed(prefix):
        return next(prefix + d for d in "0123456789" if luhn_valid(prefix + d))

    units, establishments = [], []
    for number in range(rows):
        siren = keyed(f"{10000000 + number:08d}")
        if units and units[-1]["siren"] >= siren:
            continue
        units.append({**UNITS[0], "siren": siren, "identifiantAssociationUniteLegale": ""})
        commune = "62193" if number % 50 == 0 else "59350"
        establishments.append(_establishment(keyed(siren + "0001"), commune, naf="88.99B",
                                             libelleVoieEtablissement=f"RUE {number}"))
    write_table(folder / "etab.csv", ETABLISSEMENT_HEADER, establishments)
    write_table(folder / "units.csv", UNITE_LEGALE_HEADER, units)
    return folder / "etab.csv", folder / "units.csv", len(establishments)


def _peak_memory_of_import(folder, rows, graph):
    etab, units, count = _generated_stock(folder, rows)
    tracemalloc.start()
    write_records(folder / "out.nt", import_sirene(etab, graph, SireneOptions(units=units, departements=PAS_DE_CALAIS)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with open(folder / "out.nt") as written:
        assert sum(1 for _ in written) > count / 2  # one row in fifty kept, about 29 triples each
    return peak


@pytest.mark.slow  # imports 55,000 generated rows
def test_sirene_streams_in_constant_memory(tmp_path, calaisis):
    (tmp_path / "small").mkdir()
    (tmp_path / "large").mkdir()
    small = _peak_memory_of_import(tmp_path / "small", 5_000, calaisis)
    large = _peak_memory_of_import(tmp_path / "large", 50_000, calaisis)
    # ten times the rows and the output; an importer holding either would need about ten times the memory
    assert large < 1.5 * small, (small, large)


def test_two_rna_rows_of_one_number_are_reported_not_merged(tmp_path, calaisis):
    rows = [RNA_ROWS[0], {**RNA_ROWS[0], "titre": "JARDINS DE CALAIS", "date_creat": "1996-01-01"}]
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, rows, delimiter=";")
    with pytest.raises(InvalidRows) as caught:
        list(import_rna(path, calaisis))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3: same RNA number as line 2 (W622001234), with other values: one association is one row; "
        "delete one or correct its number"]


def test_an_identical_rna_row_is_reported_and_skip_invalid_keeps_the_first(tmp_path, calaisis):
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, [RNA_ROWS[1], RNA_ROWS[1]], delimiter=";")
    problems = Problems(strict=False)
    imported = import_rna(path, calaisis, problems=problems)
    graph = _written(tmp_path, imported)
    assert [str(p) for p in problems.kept] == [f"{path}:3: same RNA number as line 2 (W622005678); the rows are "
                                               "identical: delete one"]
    assert len(list(graph.objects(ESSD["rna-w622005678"], RDFS.label))) == 1
    assert imported.notes() == ["2 rows read: 1 kept; 1 with problems"]


def test_two_associations_with_one_siret_are_reported_not_merged(tmp_path, calaisis):
    rows = [RNA_ROWS[0], {**RNA_ROWS[1], "siret": RNA_ROWS[0]["siret"]}]
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, rows, delimiter=";")
    with pytest.raises(InvalidRows) as caught:
        list(import_rna(path, calaisis))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3: same SIRET as line 2 (38047555800017), with other values: one association is one row; "
        "delete one or correct its number"]


def test_rna_rows_left_out_are_counted_by_reason(tmp_path, calaisis):
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, [*RNA_ROWS, {**RNA_ROWS[1], "id": "W622000001",
                                                                      "position": "S"}], delimiter=";")
    imported = import_rna(path, calaisis, RnaOptions(departements=PAS_DE_CALAIS))
    list(imported)
    assert imported.notes() == ["5 rows read: 2 kept; left out: 1 outside the territory, 1 dissolved (position D), "
                                "1 deleted (position S)"]


def test_a_legal_unit_repeated_far_away_in_an_unsorted_file_is_reported(tmp_path, calaisis):
    units = [UNITS[0], UNITS[1], {**UNITS[0], "denominationUniteLegale": "AUTRE"}]
    with pytest.raises(InvalidRows) as caught:
        list(_sirene_import(tmp_path, calaisis, establishments=[ESTABLISHMENTS[0], ESTABLISHMENTS[2]], units=units))
    assert [str(p).rsplit("/", 1)[-1] for p in caught.value.problems] == [
        "StockUniteLegale_utf8.csv:4:siren: same SIREN as line 2 (380475558): a legal unit is one row; the first is "
        "used"]


def test_an_rna_date_that_disagrees_with_the_graph_is_not_written_and_counted(tmp_path, calaisis):
    known = Graph()
    known += calaisis
    known.add((ESSD.parents, ESS.rnaNumber, Literal("W622005678")))
    known.add((ESSD.parents, ESS.foundingDate, Literal("2001", datatype=XSD.gYear)))
    path = write_table(tmp_path / "rna.csv", RNA_HEADER, [RNA_ROWS[1]], delimiter=";")
    imported = import_rna(path, known)
    graph = _written(tmp_path, imported)
    assert (ESSD.parents, ESS.foundingDate, None) not in graph
    assert imported.notes()[1] == (f"1 founding or dissolution date not written: the graph gives the association "
                                   f"another one (first at {path}:2)")
