"""Importing filled-in spreadsheet templates (CSV and XLSX)."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from rdflib import BNode, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from ess_graph.errors import EssGraphError
from ess_graph.importers.common.problems import InvalidInput
from ess_graph.importers.common.triples import write_records
from ess_graph.importers.sheets import import_sheets
from ess_graph.importers.sheets.templates import write_templates
from ess_graph.vocab.namespaces import ESS, ESSD, FORM, SECTOR, STATUS, VCARD

ACTORS = """id,name,kinds,legal_form,siret,siren,rna,sectors,themes,commune,address,postal_code,founding_date,description,email,telephone
# documentation row,,,,,,,,,,,,,,,
,Garage Solidaire du Littoral,ess,9220,,,W622001234,45.20A,mobility,62193,1 rue de la Paix,62100,2019-03,Garage d'insertion.,g@example.org,
ressourcerie,Ressourcerie du Calaisis,ess;support,association déclarée,77567227200017,,,38.32Z,environment,62548,,,2015,,,
,Terre d'Opale,ess,,,,,,,,,,,,,
"""
FUNDINGS = """funder,recipient,amount,purpose,programme,start_date,end_date,status
essd:calais,Garage Solidaire du Littoral,12000.50,Ouverture,,2020-01-15,,done
Cap Calaisis,ressourcerie,5000,,,2021,,planned
"""
PARTNERSHIPS = """partners,purpose,start_date,end_date,status
ressourcerie;W622001234,Réemploi,2022,,in-progress
"""


def _files(tmp_path, **tables):
    paths = []
    for name, text in tables.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        paths.append(path)
    return paths


def _imported(tmp_path, paths, graph, name="out.ttl"):
    output = tmp_path / name
    write_records(output, import_sheets(paths, graph))
    return Graph().parse(output)


def test_actors_and_links_become_nodes_of_our_vocabulary(tmp_path, calaisis):
    graph = _imported(tmp_path, _files(tmp_path, actors=ACTORS, fundings=FUNDINGS), calaisis)
    garage = ESSD["rna-w622001234"]
    assert (garage, RDF.type, ESS.ESSStructure) in graph
    assert (garage, RDFS.label, Literal("Garage Solidaire du Littoral", lang="fr")) in graph
    assert (garage, ESS.legalForm, FORM["association-declared"]) in graph
    assert (garage, ESS.sector, SECTOR["vehicle-repair"]) in graph  # NAF 45.20A is division 45
    assert (garage, ESS.locatedIn, ESSD.calais) in graph  # commune 62193 is the shipped Calais
    funding = graph.value(predicate=ESS.recipient, object=garage)
    assert (funding, RDF.type, ESS.Funding) in graph
    assert graph.value(funding, ESS.funder) == ESSD.calais
    assert graph.value(funding, ESS.amount).toPython() == Decimal("12000.50")
    assert graph.value(funding, ESS.status) == STATUS.done
    assert (ESSD.calais, ESS.funds, garage) in graph


def test_every_node_points_at_its_file_and_row(tmp_path, calaisis):
    graph = _imported(tmp_path, _files(tmp_path, actors=ACTORS, fundings=FUNDINGS), calaisis)
    funding = graph.value(predicate=ESS.funder, object=ESSD["cap-calaisis"])
    section = graph.value(funding, PROV.wasDerivedFrom)
    assert (section, RDF.type, ESS.SourceSection) in graph
    assert graph.value(section, ESS.lines) == Literal("3")
    document = graph.value(section, DCTERMS.isPartOf)
    assert (document, RDF.type, PROV.Entity) in graph
    assert graph.value(document, RDFS.label) == Literal("fundings.csv")
    assert graph.value(funding, ESS.status) == STATUS.planned


def test_link_cells_name_actors_by_key_identifier_or_exact_name(tmp_path, calaisis):
    graph = _imported(tmp_path, _files(tmp_path, actors=ACTORS, fundings=FUNDINGS, partnerships=PARTNERSHIPS),
                      calaisis)
    partnership = graph.value(predicate=RDF.type, object=ESS.Partnership)
    assert set(graph.objects(partnership, ESS.partner)) == {ESSD.ressourcerie, ESSD["rna-w622001234"]}
    assert (ESSD.ressourcerie, ESS.partnerOf, ESSD["rna-w622001234"]) in graph
    assert (ESSD["rna-w622001234"], ESS.partnerOf, ESSD.ressourcerie) in graph
    # "Cap Calaisis" is an alternative label of a shipped node; its funding is planned
    assert (ESSD["cap-calaisis"], ESS.plansToFund, ESSD.ressourcerie) in graph
    assert (ESSD["cap-calaisis"], ESS.funds, ESSD.ressourcerie) not in graph


def test_a_link_cell_names_a_node_of_the_graph_by_any_of_its_names(tmp_path, calaisis):
    fundings = "funder,recipient,amount\nessd:calais,association d'aide a domicile en milieu rural d'audruicq,10\n"
    graph = _imported(tmp_path, _files(tmp_path, fundings=fundings), calaisis)
    assert (ESSD.calais, ESS.funds, ESSD["admr-audruicq"]) in graph  # its rov:legalName, as sparql.names reads it


def test_an_actor_the_graph_already_has_is_completed_not_duplicated(tmp_path, calaisis):
    graph = _imported(tmp_path, _files(tmp_path, actors=ACTORS), calaisis)
    # the name gives the shipped node's key; its label stays the curated one
    assert (ESSD["terre-d-opale"], RDFS.label, Literal("Terre d'Opale", lang="fr")) in graph  # its label, not an altLabel
    assert (ESSD["terre-d-opale"], SKOS.altLabel, None) not in graph


def test_an_actor_is_merged_by_its_siret_with_the_node_of_a_data_graph(tmp_path, calaisis):
    known = Graph()
    known += calaisis
    known.add((ESSD["ressourcerie-existante"], ESS.siret, Literal("77567227200017")))
    actors = ACTORS.replace("ressourcerie,Ressourcerie", ",Ressourcerie")
    graph = _imported(tmp_path, _files(tmp_path, actors=actors), known)
    assert (ESSD["ressourcerie-existante"], ESS.legalForm, FORM["association-declared"]) in graph
    assert (ESSD["siren-775672272"], None, None) not in graph


def test_identifiers_of_two_different_nodes_are_reported_not_merged(tmp_path, calaisis):
    known = Graph()
    known += calaisis
    known.add((ESSD.first, ESS.siret, Literal("77567227200017")))
    known.add((ESSD.second, ESS.rnaNumber, Literal("W622009999")))
    actors = "name,siret,rna\nDouble,77567227200017,W622009999\n"
    with pytest.raises(InvalidInput) as caught:
        list(import_sheets(_files(tmp_path, actors=actors), known))
    (problem,) = caught.value.problems
    assert "essd:first" in problem.message and "essd:second" in problem.message
    assert "not merged" in problem.message


BAD_ACTORS = """id,name,kinds,legal_form,siret,rna,sectors,commune,founding_date
,,ess,9999,77567227200018,X12,99.99Z,6219,2019-13
Bad Key,Foo,wizard,,,,,,
"""
BAD_FUNDINGS = """funder,recipient,amount,start_date,status
Nobody,essd:nope,-5,2020-02-30,maybe
"""


def test_every_bad_cell_is_reported_in_one_pass_and_nothing_is_written(tmp_path, calaisis):
    paths = _files(tmp_path, actors=BAD_ACTORS, fundings=BAD_FUNDINGS)
    output = tmp_path / "out.ttl"
    with pytest.raises(InvalidInput) as caught:
        write_records(output, import_sheets(paths, calaisis))
    where = {(p.where.rsplit("/", 1)[-1], p.line, p.column) for p in caught.value.problems}
    assert where == {
        ("actors.csv", 2, "name"), ("actors.csv", 2, "legal_form"), ("actors.csv", 2, "siret"),
        ("actors.csv", 2, "rna"), ("actors.csv", 2, "sectors"), ("actors.csv", 2, "commune"),
        ("actors.csv", 2, "founding_date"), ("actors.csv", 3, "id"), ("actors.csv", 3, "kinds"),
        ("fundings.csv", 2, "funder"), ("fundings.csv", 2, "recipient"), ("fundings.csv", 2, "amount"),
        ("fundings.csv", 2, "start_date"), ("fundings.csv", 2, "status"),
    }
    assert str(caught.value.problems[0]).startswith(f"{tmp_path}/actors.csv:2:")
    assert not output.exists()
    assert list(tmp_path.glob(".out.ttl.*")) == []


def test_reimporting_the_same_files_changes_nothing(tmp_path, calaisis):
    paths = _files(tmp_path, actors=ACTORS, fundings=FUNDINGS, partnerships=PARTNERSHIPS)
    write_records(tmp_path / "first.ttl", import_sheets(paths, calaisis))
    write_records(tmp_path / "second.ttl", import_sheets(paths, calaisis))
    assert (tmp_path / "first.ttl").read_bytes() == (tmp_path / "second.ttl").read_bytes()
    first = Graph().parse(tmp_path / "first.ttl")
    assert not any(isinstance(term, BNode) for triple in first for term in triple)  # stable IRIs only


def test_a_file_in_windows_encoding_is_reported_at_its_line_with_the_fix(tmp_path, calaisis):
    paths = _files(tmp_path, actors="name\nAssociation Générale\n".encode("cp1252"))
    with pytest.raises(InvalidInput) as caught:
        list(import_sheets(paths, calaisis))
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert str(problem).endswith("(if the file comes from Excel on Windows, give encoding cp1252)")
    graph = Graph()
    for record in import_sheets(paths, calaisis, encoding="cp1252"):
        graph.addN((s, p, o, graph) for s, p, o in record)
    assert (ESSD["association-generale"], RDFS.label, Literal("Association Générale", lang="fr")) in graph


def test_an_empty_file_and_a_missing_column_are_errors(tmp_path, calaisis):
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(EssGraphError, match="empty file"):
        list(import_sheets([tmp_path / "empty.csv"], calaisis))
    paths = _files(tmp_path, fundings="funder,amount\nessd:calais,10\n")
    with pytest.raises(InvalidInput) as caught:
        list(import_sheets(paths, calaisis))
    messages = [p.message for p in caught.value.problems]
    assert any("missing column 'recipient'" in m for m in messages) or any("cannot tell" in m for m in messages)


def test_a_filled_in_xlsx_template_imports_like_its_csv(tmp_path, calaisis):
    write_templates(tmp_path / "templates")
    book_path = tmp_path / "templates" / "ess-graph.xlsx"
    book = load_workbook(book_path)
    rows = {"actors": ["", "Garage Solidaire du Littoral", "ess", "9220", "", "", "W622001234", "45.20A", "", "62193"],
            "fundings": ["essd:calais", "W622001234", 12000.5, "Ouverture", "", "2020-01-15", "", "done"]}
    for sheet, values in rows.items():  # typed in on the row under the example, as in a spreadsheet program
        for column, value in enumerate(values, 1):
            book[sheet].cell(row=4, column=column, value=value)
    book.save(book_path)
    graph = _imported(tmp_path, [book_path], calaisis)
    garage = ESSD["rna-w622001234"]
    funding = graph.value(predicate=ESS.recipient, object=garage)
    assert graph.value(funding, ESS.amount).toPython() == Decimal("12000.5")
    section = graph.value(funding, PROV.wasDerivedFrom)
    assert graph.value(section, ESS.lines) == Literal("4")  # header, documentation, example, then this row
    assert "[fundings]" in str(graph.value(section, RDFS.label))


def _problems(tmp_path, graph, **tables):
    paths = _files(tmp_path, **tables)
    with pytest.raises(InvalidInput) as caught:
        list(import_sheets(paths, graph))
    return [str(p).removeprefix(f"{tmp_path}/") for p in caught.value.problems]


def test_a_row_named_like_a_commune_does_not_make_the_commune_an_enterprise(tmp_path, calaisis):
    assert _problems(tmp_path, calaisis, actors="name,kinds\nCalais,enterprise\n") == [
        "actors.csv:2:kinds: 'Calais' is the name of essd:calais in the graph (local authority, territory), not of a "
        "classical enterprise: to import another actor, give it an id (or its SIRET, SIREN or RNA number)"]


def test_two_rows_of_one_name_are_reported_not_merged_into_one_node_of_two_kinds(tmp_path, calaisis):
    assert _problems(tmp_path, calaisis, actors="name,kinds\nJardin,ess\nJardin,support\n") == [
        "actors.csv:3: same actor as line 2 (the same name, essd:jardin): one row per actor; merge the rows, or give "
        "each its own id"]


def test_two_rows_of_one_siret_are_reported_not_merged(tmp_path, calaisis):
    actors = "name,siret\nRessourcerie,77567227200017\nRessourcerie bis,77567227200017\n"
    assert _problems(tmp_path, calaisis, actors=actors) == [
        "actors.csv:3: same actor as line 2 (the same identifiers, essd:siren-775672272): one row per actor; merge "
        "the rows, or give each its own id"]


def test_a_row_matched_to_a_node_of_the_graph_by_its_name_is_told(tmp_path, calaisis):
    imported = import_sheets(_files(tmp_path, actors="name,kinds\nTerre d'Opale,ess\n"), calaisis)
    list(imported)
    assert imported.notes() == [
        f"{tmp_path}/actors.csv:2: 'Terre d'Opale' is essd:terre-d-opale of the graph (same name): this row completes "
        "it; give it the id terre-d-opale to say so, or another id for another actor"]


def test_completing_a_node_of_the_graph_cannot_give_it_a_second_legal_form(tmp_path, calaisis):
    actors = "id,name,legal_form\neco-garage-du-calaisis,Éco-garage du Calaisis,9220\n"
    assert _problems(tmp_path, calaisis, actors=actors) == [
        "actors.csv:2:legal_form: essd:eco-garage-du-calaisis already has the legal form form:association in the "
        "graph, and a node has one: leave the cell empty, or give the same"]


def test_an_id_cannot_make_a_person_an_organisation(tmp_path, calaisis):
    person = next(calaisis.subjects(RDF.type, ESS.Person))
    actors = f"id,name,kinds\n{str(person).removeprefix(str(ESSD))},Quelqu'un,ess\n"
    (problem,) = _problems(tmp_path, calaisis, actors=actors)
    assert problem.startswith("actors.csv:2:kinds: essd:") and problem.endswith(
        "is a person in the graph: it cannot also be a SSE structure")


def test_a_link_cell_naming_two_actors_of_one_name_is_ambiguous(tmp_path, calaisis):
    actors = "id,name\njardin-a,Jardin\njardin-b,Jardin\n"
    assert _problems(tmp_path, calaisis, actors=actors, fundings="funder,recipient\nessd:calais,Jardin\n") == [
        "fundings.csv:2:recipient: 'Jardin' is the name of several actors of the actors sheets (essd:jardin-a, "
        "essd:jardin-b): give the id of the one meant"]


def _link(graph, cls):
    (node,) = set(graph.subjects(RDF.type, cls))
    return node


def test_a_reimport_of_an_edited_link_replaces_it(tmp_path, calaisis):
    header = "funder,recipient,amount,start_date,end_date,status\n"
    first = _imported(tmp_path, _files(tmp_path, fundings=header + "essd:calais,essd:garage-social-du-boulonnais,"
                                                                   "500,2021,,planned\n"), calaisis, "first.ttl")
    second = _imported(tmp_path, _files(tmp_path, fundings=header + "essd:calais,essd:garage-social-du-boulonnais,"
                                                                    "750,2021,2022,done\n"), calaisis, "second.ttl")
    funding = _link(first, ESS.Funding)
    assert _link(second, ESS.Funding) == funding
    assert list(second.objects(funding, ESS.status)) == [STATUS.done]
    assert second.value(funding, ESS.amount).toPython() == Decimal("750")


def test_two_fundings_between_the_same_actors_are_told_apart_by_their_start_date_or_programme(tmp_path, calaisis):
    fundings = ("funder,recipient,programme,start_date\nessd:calais,essd:garage-social-du-boulonnais,,2021\n"
                "essd:calais,essd:garage-social-du-boulonnais,,2022\n"
                "essd:calais,essd:garage-social-du-boulonnais,Fonds vert,2022\n")
    graph = _imported(tmp_path, _files(tmp_path, fundings=fundings), calaisis)
    assert len(set(graph.subjects(RDF.type, ESS.Funding))) == 3


def test_two_rows_of_one_link_are_reported(tmp_path, calaisis):
    partnerships = "partners,start_date,status\nessd:calais;essd:marck,2020,planned\nessd:marck;essd:calais,2020,done\n"
    assert _problems(tmp_path, calaisis, partnerships=partnerships) == [
        "partnerships.csv:3: same partnership as line 2 (the same partners and start_date): one row each; delete one, "
        "or tell them apart"]


def test_a_programme_named_like_a_commune_is_a_programme_of_its_own(tmp_path, calaisis):
    fundings = "funder,recipient,programme\nessd:marck,essd:garage-social-du-boulonnais,Calais\n"
    graph = _imported(tmp_path, _files(tmp_path, fundings=fundings), calaisis)
    programme = graph.value(_link(graph, ESS.Funding), ESS.throughProgramme)
    assert programme == ESSD["programme-calais"]
    assert (ESSD.calais, None, None) not in graph


def test_an_address_takes_its_locality_from_the_cell_or_the_graphs_commune(tmp_path, calaisis):
    actors = "name,commune,address,postal_code,locality\nJardin,62193,1 rue Royale,62100,\nVerger,59350,2 rue Nationale,,Lille\n"
    graph = _imported(tmp_path, _files(tmp_path, actors=actors), calaisis)
    localities = {str(graph.value(address, VCARD.locality)) for address in graph.subjects(RDF.type, VCARD.Address)}
    assert localities == {"Calais", "Lille"}


def test_an_address_whose_town_nobody_knows_is_reported(tmp_path, calaisis):
    assert _problems(tmp_path, calaisis, actors="name,commune,address\nJardin,59350,1 rue Nationale\n") == [
        "actors.csv:2:locality: empty: an address needs its town (give it, or a commune code the graph knows)"]


def test_a_link_to_a_node_of_a_class_its_role_refuses_is_reported(tmp_path, calaisis):
    fundings = "funder,recipient\nessd:pays-du-calaisis,essd:eco-garage-du-calaisis\n"
    memberships = "member,organisation\nessd:eco-garage-du-calaisis,essd:pays-du-calaisis\n"
    assert _problems(tmp_path, calaisis, fundings=fundings, memberships=memberships) == [
        "fundings.csv:2:funder: essd:pays-du-calaisis is a territory in the graph: a funding's funder is an actor or "
        "a programme",
        "memberships.csv:2:organisation: essd:pays-du-calaisis is a territory in the graph: a membership's "
        "organisation is an organisation"]


def test_a_location_without_its_required_commune_is_reported(tmp_path, calaisis):
    locations = "actor,commune,label,address,postal_code\nessd:eco-garage-du-calaisis,,Antenne,,\n"
    assert _problems(tmp_path, calaisis, locations=locations) == [
        "locations.csv:2:commune: empty: this column is required"]


def test_rows_whose_first_cell_starts_with_a_hash_are_left_out_as_documentation_and_counted(tmp_path, calaisis):
    actors = "id,name\n# la clé,le nom\n#jardin,Jardin\nverger,Verger\n"
    imported = import_sheets(_files(tmp_path, actors=actors), calaisis)
    graph = Graph()
    for record in imported:
        graph.addN((s, p, o, graph) for s, p, o in record)
    assert (ESSD.verger, RDFS.label, Literal("Verger", lang="fr")) in graph
    assert imported.notes() == [f"{tmp_path}/actors.csv: 2 rows whose first cell starts with # left out as "
                                "documentation"]


def test_the_template_readme_says_that_hash_rows_are_left_out_and_counted():
    from ess_graph.importers.common.concepts import vocabulary
    from ess_graph.importers.sheets.templates import readme_text
    assert "Une ligne dont la première cellule commence par `#` est de la documentation : l'import la laisse\n" \
           "de côté et dit combien il en a laissé." in readme_text(vocabulary())
