"""The named questions answer what the newsletter says, on rdflib and on Oxigraph alike.

Every expected row below is written by hand from the source document
(/work/shared/seeds/000_4de75b5316fa7e2b.txt, "the letter"; line numbers given) and named with the
graph's identifiers. Rows are compared as sets of the columns that carry the answer.

The answers are checked on Oxigraph, and on rdflib too with ``--slow``;
``test_every_named_query_gives_the_same_rows_on_rdflib_and_oxigraph`` compares the two engines
once per query in every run. ``multi-authority-projects`` takes about 20 s on rdflib (105 ms on
Oxigraph), so its answers are checked on Oxigraph only and its one rdflib run is that
comparison, with ``--slow``.
"""

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef

from ess_graph.io.loading import load_graph, rdf_files
from ess_graph.sources.memory import RdflibEngine
from ess_graph.sources.oxigraph import OxigraphEngine
from ess_graph.sparql.catalogue import shipped_catalogue
from ess_graph.sparql.results import NUMBER_DATATYPES
from ess_graph.sparql.runner import run_named_query
from ess_graph.vocab.terms import prefixed

ENGINES = ("rdflib", "oxigraph")
SLOW_ON_RDFLIB = {"multi-authority-projects"}


def compact(term):
    """IRIs as prefixed names, numbers as Decimals, other literals as text."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return prefixed(term)
    if isinstance(term, Literal) and term.datatype in NUMBER_DATATYPES:
        return Decimal(str(term))
    return str(term)


def answer(query_engines, engine: str, name: str, **params):
    chosen, resolver = query_engines[engine]
    return run_named_query(chosen, name, params, resolver=resolver)


def rows(result, *columns) -> set[tuple]:
    return {tuple(compact(row[column]) for column in columns) for row in result}


@pytest.fixture(scope="module", params=["oxigraph", pytest.param("rdflib", marks=pytest.mark.slow)])
def engine_name(request):
    """Oxigraph, and rdflib with --slow."""
    return request.param


@pytest.fixture
def ask(query_engines, engine_name):
    """Run a named query on one engine."""
    return lambda name, **params: answer(query_engines, engine_name, name, **params)


@pytest.fixture
def ask_oxigraph(query_engines):
    """Run a named query on Oxigraph only: for the query too slow on rdflib to run more than once."""
    return lambda name, **params: answer(query_engines, "oxigraph", name, **params)


def test_funders_of_the_bakery_are_the_authorities_the_letter_lists_with_their_status(ask):
    # Lines 387-391: the Région "est appelée à intervenir" through its economic policy and its Pays
    # policy, the Département "va apporter son soutien" through its insertion policy, Cap Calaisis
    # through its ESS policy (all planned); the SyMPaC, "relais des politiques régionales", places
    # the project in the action plans that trigger the regional funding (a channel, planned); the
    # town of Calais "pourrait" fund it directly (possible).
    result = ask("funders", actor="Boulangerie solidaire")
    assert rows(result, "recipient", "funder", "backing", "programme", "status", "source") == {
        ("essd:boulangerie-solidaire", "essd:nord-pas-de-calais", "ess:Funding", "essd:politique-economique-region",
         "status:planned", "src:boulangerie-solidaire"),
        ("essd:boulangerie-solidaire", "essd:nord-pas-de-calais", "ess:Funding", "essd:politique-pays-region",
         "status:planned", "src:boulangerie-solidaire"),
        ("essd:boulangerie-solidaire", "essd:pas-de-calais", "ess:Funding", "essd:politique-insertion-departement",
         "status:planned", "src:boulangerie-solidaire"),
        ("essd:boulangerie-solidaire", "essd:cap-calaisis", "ess:Funding", "essd:politique-ess-cap-calaisis",
         "status:planned", "src:boulangerie-solidaire"),
        ("essd:boulangerie-solidaire", "essd:sympac", "support:funding-relay", None,
         "status:planned", "src:boulangerie-solidaire"),
        ("essd:boulangerie-solidaire", "essd:calais", "ess:Funding", None, "status:possible", "src:boulangerie-solidaire"),
    }
    assert result.column("amount") == [None] * 6  # the letter gives no amount


def test_funders_of_a_structure_include_those_of_the_event_it_carries(ask):
    # Lines 358-363: the Théâtre de l'Envol screens its film; "La ville de Marck, le Fonds Local
    # d'Initiative Pays et les caisses de retraites participent au soutien financier".
    result = ask("funders", actor="Théâtre de l'Envol")
    assert rows(result, "recipient", "funder", "backing", "programme", "since", "status") == {
        ("essd:projection-film-memoire-marck", "essd:marck", "ess:Funding", None, "2014", "status:done"),
        ("essd:projection-film-memoire-marck", "essd:sympac", "ess:Funding", "essd:flip", "2014", "status:done"),
        ("essd:projection-film-memoire-marck", "essd:caisses-de-retraite", "ess:Funding", None, "2014", "status:done"),
    }
    assert ("src:theatre-envol",) in rows(result, "source")


def test_funders_include_the_bodies_that_back_an_operation_without_saying_how(ask):
    # Lines 281-284: the ADLC try a buffet of local products; "Etat, Département et Région
    # soutiennent cette opération", without saying whether with money.
    result = ask("funders", actor="Les Ateliers de la Citoyenneté")
    assert rows(result, "recipient", "funder", "backing", "since", "status", "source") == {
        ("essd:buffet-produits-locaux-adlc", funder, "support:unspecified", "2014", "status:done",
         "src:ateliers-citoyennete")
        for funder in ("essd:etat", "essd:pas-de-calais", "essd:nord-pas-de-calais")}


def test_funders_of_a_commune_include_the_intercommunality_that_backed_its_purchase(ask):
    # Line 313: Vieille-Église bought the old dryer in 2012 "grâce au soutien de l'intercommunalité".
    result = ask("funders", actor="Vieille-Église")
    assert rows(result, "recipient", "funder", "backing", "since", "status") == {
        ("essd:vieille-eglise", "essd:ccra", "support:unspecified", "2012", "status:done")}


def test_funders_leave_out_support_that_is_no_backing_of_money(ask):
    # Lines 299-300 and 333: Galilée accompanies La Note Bleue and Le Son du Chablon; that is in
    # supported-by. Le Son du Chablon's job is "un contrat aidé" (line 331), a funding.
    assert len(ask("funders", actor="La Note Bleue")) == 0
    assert rows(ask("funders", actor="Le Son du Chablon"), "funder", "backing") == {
        ("essd:contrats-aides", "ess:Funding")}


def test_funded_by_the_region_lists_its_two_policies_for_the_bakery_and_its_backing_of_the_buffet(ask):
    # Lines 387-388 (the bakery, planned) and 283-284 (the buffet it "soutient", done).
    result = ask("funded-by", funder="Région Nord-Pas-de-Calais")
    assert rows(result, "recipient", "backing", "programme", "status") == {
        ("essd:boulangerie-solidaire", "ess:Funding", "essd:politique-economique-region", "status:planned"),
        ("essd:boulangerie-solidaire", "ess:Funding", "essd:politique-pays-region", "status:planned"),
        ("essd:buffet-produits-locaux-adlc", "support:unspecified", None, "status:done"),
    }


def test_funded_by_the_state_is_its_backing_of_the_buffet_the_letter_names_no_manager_of_aided_contracts(ask):
    # Lines 283-284: the State backs the ADLC buffet, without saying how; lines 330-331: Le Son du
    # Chablon's first job is "un contrat aidé", but the letter does not say who runs the scheme.
    result = ask("funded-by", funder="État")
    assert rows(result, "recipient", "grantor", "backing", "programme", "status") == {
        ("essd:buffet-produits-locaux-adlc", "essd:etat", "support:unspecified", None, "status:done"),
    }
    result = ask("funded-by", funder="Contrats aidés")
    assert rows(result, "recipient", "grantor", "backing", "programme", "status") == {
        ("essd:le-son-du-chablon", "essd:contrats-aides", "ess:Funding", "essd:contrats-aides", "status:done"),
    }


def test_funded_by_a_fund_names_the_body_that_grants_it(ask):
    # Lines 18-20 and 362: the FLIP is the SyMPaC's fund; it co-funds the Marck screening.
    result = ask("funded-by", funder="FLIP")
    assert rows(result, "recipient", "grantor", "backing") == {
        ("essd:projection-film-memoire-marck", "essd:sympac", "ess:Funding")}


def test_funded_by_a_relay_lists_what_it_channels_funding_to(ask):
    # Line 362: the SyMPaC's FLIP co-funds the screening; lines 389-390: it relays the Région's
    # policies for the bakery.
    result = ask("funded-by", funder="SyMPaC")
    assert rows(result, "recipient", "backing", "status") == {
        ("essd:projection-film-memoire-marck", "ess:Funding", "status:done"),
        ("essd:boulangerie-solidaire", "support:funding-relay", "status:planned"),
    }


def test_partners_of_terre_d_opale_cover_every_kind_of_link_in_both_directions(ask):
    # Lines 258-272: the two associations and the Région d'Audruicq intercommunality work together
    # on the former farm it bought and lends them; both carry the food hub (labelled "Pôle
    # d'Excellence Rurale") and may open a processing workshop. Lines 279-283: the ADLC try a buffet
    # "avec Terre d'Opale et Environnement Solidarité", with local products those two supply.
    result = ask("partners", actor="Terre d'Opale")
    assert rows(result, "partner", "link", "actorRole", "partnerRole", "project", "status") == {
        ("essd:anges-gardins", "ess:Partnership", "ess:partner", "ess:partner", None, "status:done"),
        ("essd:ccra", "ess:Partnership", "ess:partner", "ess:partner", None, "status:done"),
        ("essd:ccra", "ess:Hosting", "ess:hosted", "ess:host", None, "status:done"),
        ("essd:ateliers-de-la-citoyennete", "ess:Partnership", "ess:partner", "ess:partner", None, "status:in-progress"),
        ("essd:environnement-solidarite", "ess:Partnership", "ess:partner", "ess:partner", None, "status:in-progress"),
        ("essd:ateliers-de-la-citoyennete", "ess:Trade", "ess:supplier", "ess:client", None, "status:in-progress"),
        ("essd:anges-gardins", "ess:ProjectCarrying", "ess:carrier", "ess:carrier",
         "essd:pole-alimentaire-vieille-eglise", "status:done"),
        ("essd:anges-gardins", "ess:ProjectCarrying", "ess:carrier", "ess:carrier",
         "essd:atelier-transformation-fruits-legumes", "status:possible"),
        ("essd:pole-excellence-rurale", "ess:Support", "ess:carrier", "ess:supporter",
         "essd:pole-alimentaire-vieille-eglise", "status:done"),
    }


def test_partners_of_a_commune_named_without_accents(ask):
    # Lines 311-316: Vieille-Église bought the old chicory dryer "grâce au soutien de
    # l'intercommunalité", then "engagé un partenariat" with Des Racines et des Hommes, whose
    # members give technical advice; the commune is a member of the Région d'Audruicq.
    result = ask("partners", actor="vieille eglise")
    assert rows(result, "partner", "link", "partnerRole", "status") == {
        ("essd:des-racines-et-des-hommes", "ess:Partnership", "ess:partner", "status:done"),
        ("essd:des-racines-et-des-hommes", "ess:Support", "ess:supporter", "status:in-progress"),
        ("essd:ccra", "ess:Support", "ess:supporter", "status:done"),
        ("essd:ccra", "ess:Membership", "org:organization", "status:done"),
    }


def test_supported_by_galilee_lists_the_three_associations_it_accompanies(ask):
    # Lines 297-300 (La Note Bleue, done), 332 (Le Son du Chablon, "actuellement"), 433-434
    # (Producteurs en Calaisis, "avec le soutien et l'accompagnement ... de l'association Galilée").
    result = ask("supported-by", actor="Galilée")
    assert rows(result, "supported", "kind", "status") == {
        ("essd:la-note-bleue", "support:accompaniment", "status:done"),
        ("essd:le-son-du-chablon", "support:accompaniment", "status:in-progress"),
        ("essd:producteurs-en-calaisis", "support:accompaniment", "status:in-progress"),
    }


# Three structures of a test, not of the letter, with funders of their own: A and B share two
# funders, B and C one.
SHARING_FUNDERS = """
@prefix ess:    <https://w3id.org/ess-graph/def#> .
@prefix essd:   <https://w3id.org/ess-graph/id/> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix status: <https://w3id.org/ess-graph/def/status/> .

essd:test-a a ess:ESSStructure ; rdfs:label "Structure A"@fr .
essd:test-b a ess:ESSStructure ; rdfs:label "Structure B"@fr .
essd:test-c a ess:ESSStructure ; rdfs:label "Structure C"@fr .
essd:test-x a ess:Organisation ; rdfs:label "Fondation X"@fr .
essd:test-y a ess:Organisation ; rdfs:label "Fonds Y"@fr .
essd:test-z a ess:Organisation ; rdfs:label "Mécène Z"@fr .

essd:test-funding-xa a ess:Funding ; ess:funder essd:test-x ; ess:recipient essd:test-a ; ess:status status:done .
essd:test-funding-ya a ess:Funding ; ess:funder essd:test-y ; ess:recipient essd:test-a ; ess:status status:planned .
essd:test-funding-xb a ess:Funding ; ess:funder essd:test-x ; ess:recipient essd:test-b ; ess:status status:done .
essd:test-funding-yb a ess:Funding ; ess:funder essd:test-y ; ess:recipient essd:test-b ; ess:status status:possible .
essd:test-funding-zb a ess:Funding ; ess:funder essd:test-z ; ess:recipient essd:test-b ; ess:status status:done .
essd:test-funding-zc a ess:Funding ; ess:funder essd:test-z ; ess:recipient essd:test-c ; ess:status status:done .
"""


@pytest.fixture(scope="module")
def ask_with_shared_funders(engine_name, tmp_path_factory):
    """Run a named query on the shipped graph plus SHARING_FUNDERS, on the same engine as ``ask``."""
    extra = tmp_path_factory.mktemp("shared-funders") / "sharing-funders.ttl"
    extra.write_text(SHARING_FUNDERS, encoding="utf-8")
    engine = (OxigraphEngine.from_files(rdf_files([extra])) if engine_name == "oxigraph"
              else RdflibEngine(load_graph([extra])))
    return lambda name, **params: run_named_query(engine, name, params)


# Lines 387-390 and 283-284: the Région and the Département are to fund the bakery (planned) and
# back the ADLC buffet (done, of unstated kind); lines 362 and 389-390: the SyMPaC funds the Marck
# screening through the FLIP and relays the regional funding for the bakery.
BAKERY, BUFFET, SCREENING = "essd:boulangerie-solidaire", "essd:buffet-produits-locaux-adlc", \
    "essd:projection-film-memoire-marck"
SHARED_IN_THE_LETTER = {
    (BAKERY, BUFFET, Decimal(2), "essd:nord-pas-de-calais", "ess:Funding", "status:planned", "support:unspecified",
     "status:done"),
    (BAKERY, BUFFET, Decimal(2), "essd:pas-de-calais", "ess:Funding", "status:planned", "support:unspecified",
     "status:done"),
}
SHARED_ONCE_IN_THE_LETTER = {
    (BAKERY, SCREENING, Decimal(1), "essd:sympac", "support:funding-relay", "status:planned", "ess:Funding",
     "status:done"),
}


@pytest.mark.parametrize(("minimum", "letter", "pairs"), [
    (None, SHARED_IN_THE_LETTER,
     {("essd:test-a", "essd:test-b", Decimal(2), "essd:test-x", "ess:Funding", "status:done", "ess:Funding",
       "status:done"),
      ("essd:test-a", "essd:test-b", Decimal(2), "essd:test-y", "ess:Funding", "status:planned", "ess:Funding",
       "status:possible")}),
    ("1", SHARED_IN_THE_LETTER | SHARED_ONCE_IN_THE_LETTER,
     {("essd:test-a", "essd:test-b", Decimal(2), "essd:test-x", "ess:Funding", "status:done", "ess:Funding",
       "status:done"),
      ("essd:test-a", "essd:test-b", Decimal(2), "essd:test-y", "ess:Funding", "status:planned", "ess:Funding",
       "status:possible"),
      ("essd:test-b", "essd:test-c", Decimal(1), "essd:test-z", "ess:Funding", "status:done", "ess:Funding",
       "status:done")}),
])
def test_shared_funders_pair_the_items_backed_by_the_same_bodies_with_how_and_where_each_stands(
        ask, ask_with_shared_funders, minimum, letter, pairs):
    params = {} if minimum is None else {"min": minimum}
    columns = ("structure1", "structure2", "sharedFunders", "funder", "backing1", "status1", "backing2", "status2")
    assert rows(ask("shared-funders", **params), *columns) == letter
    # where items share funders by money only, the same query lists each pair once per shared funder
    result = ask_with_shared_funders("shared-funders", **params)
    assert rows(result, *columns) == letter | pairs


def test_cofunding_authorities_are_the_bakery_funders_pairwise_and_marck_with_the_sympac(ask):
    result = ask("cofunding-authorities")
    bakery = ["essd:calais", "essd:cap-calaisis", "essd:nord-pas-de-calais", "essd:pas-de-calais"]
    expected = {(a, b, Decimal(1), "essd:boulangerie-solidaire") for i, a in enumerate(bakery) for b in bakery[i + 1:]}
    expected.add(("essd:marck", "essd:sympac", Decimal(1), "essd:projection-film-memoire-marck"))
    assert rows(result, "authority1", "authority2", "times", "recipient") == expected


def test_multi_authority_projects_are_the_bakery_and_the_buffet(ask_oxigraph):
    # Lines 379-392: the bakery "mobilise la plupart des collectivités locales": four funders,
    # the SyMPaC as relay, the communes' canteens as possible clients. Line 285: "Etat,
    # Département et Région soutiennent cette opération" (the ADLC buffet).
    result = ask_oxigraph("multi-authority-projects")
    assert rows(result, "project", "authorities", "authority", "role", "status") == {
        ("essd:boulangerie-solidaire", Decimal(6), "essd:nord-pas-de-calais", "ess:funder", "status:planned"),
        ("essd:boulangerie-solidaire", Decimal(6), "essd:pas-de-calais", "ess:funder", "status:planned"),
        ("essd:boulangerie-solidaire", Decimal(6), "essd:cap-calaisis", "ess:funder", "status:planned"),
        ("essd:boulangerie-solidaire", Decimal(6), "essd:calais", "ess:funder", "status:possible"),
        ("essd:boulangerie-solidaire", Decimal(6), "essd:sympac", "ess:supporter", "status:planned"),
        ("essd:boulangerie-solidaire", Decimal(6), "essd:communes-restauration-scolaire", "ess:client",
         "status:possible"),
        ("essd:buffet-produits-locaux-adlc", Decimal(3), "essd:etat", "ess:supporter", "status:done"),
        ("essd:buffet-produits-locaux-adlc", Decimal(3), "essd:pas-de-calais", "ess:supporter", "status:done"),
        ("essd:buffet-produits-locaux-adlc", Decimal(3), "essd:nord-pas-de-calais", "ess:supporter", "status:done"),
    }


def test_a_lower_threshold_adds_the_screening_funded_by_marck_and_the_sympac(ask_oxigraph):
    # ... and the collective food outlet, whose producers Cap Calaisis and the SyMPaC accompany
    # (lines 430-432): links that serve a project count for it (ess:forInitiative).
    projects = {row["project"] for row in ask_oxigraph("multi-authority-projects", min=2)}
    assert {prefixed(project) for project in projects} == {
        "essd:boulangerie-solidaire", "essd:buffet-produits-locaux-adlc", "essd:projection-film-memoire-marck",
        "essd:point-de-vente-collectif"}


def test_links_that_serve_a_project_show_the_authority_in_its_role(ask_oxigraph):
    # The Région d'Audruicq bought the farm, hosts the two associations and is their partner in
    # developing the food hub (lines 261-270).
    roles = {(prefixed(row["authority"]), prefixed(row["role"]))
             for row in ask_oxigraph("multi-authority-projects", min=1)
             if prefixed(row["project"]) == "essd:pole-alimentaire-vieille-eglise"}
    assert roles == {("essd:ccra", "ess:owner"), ("essd:ccra", "ess:host"), ("essd:ccra", "ess:partner")}


def test_in_territory_rolls_the_intercommunality_down_to_its_communes(ask):
    # The Région d'Audruicq: ADMR (Audruicq, line 252), the CIAS (line 245), the food hub's two
    # associations and projects at Vieille-Église (lines 258-272), La Note Bleue (Ruminghem,
    # line 293), Des Racines et des Hommes (works "dans le territoire de la communauté de
    # communes", line 309; its only address, at Polincove, line 320, is its contact person's and
    # locates nothing), its chicory site project, the ADMR's transport service (line 244), and the
    # four communes themselves.
    result = ask("in-territory", territory="Communauté de communes de la Région d'Audruicq")
    assert rows(result, "actor", "link", "place", "status") == {
        ("essd:admr-audruicq", "ess:locatedIn", "essd:audruicq", "status:done"),
        ("essd:cias-ccra", "ess:locatedIn", "essd:ccra", None),
        ("essd:anges-gardins", "ess:locatedIn", "essd:vieille-eglise", None),
        ("essd:terre-d-opale", "ess:locatedIn", "essd:vieille-eglise", "status:done"),
        ("essd:la-note-bleue", "ess:locatedIn", "essd:ruminghem", "status:done"),
        ("essd:des-racines-et-des-hommes", "ess:operatesIn", "essd:ccra", None),
        ("essd:transport-a-la-demande-admr", "ess:locatedIn", "essd:ccra", None),
        ("essd:pole-alimentaire-vieille-eglise", "ess:locatedIn", "essd:vieille-eglise", None),
        ("essd:atelier-transformation-fruits-legumes", "ess:locatedIn", "essd:vieille-eglise", None),
        ("essd:site-animation-chicoree", "ess:locatedIn", "essd:vieille-eglise", None),
        ("essd:vieille-eglise", "ess:within", "essd:ccra", None),
        ("essd:audruicq", "ess:within", "essd:ccra", None),
        ("essd:ruminghem", "ess:within", "essd:ccra", None),
        ("essd:polincove", "ess:within", "essd:ccra", None),
    }


def test_in_territory_of_the_pays_reaches_every_intercommunality_but_not_the_boulonnais(ask):
    actors = {prefixed(actor) for actor in ask("in-territory", territory="Pays du Calaisis").column("actor")}
    # Le Son du Chablon is at Brêmes (line 334), in an intercommunality of the Pays; the garage
    # social du Boulonnais (line 236) and the regional CRESS are outside it.
    assert {"essd:le-son-du-chablon", "essd:eco-garage-du-calaisis", "essd:carrement-assos",
            "essd:producteurs-en-calaisis", "essd:terre-d-opale", "essd:ccsoc"} <= actors
    assert not {"essd:garage-social-du-boulonnais", "essd:cress-nord-pas-de-calais"} & actors


def test_by_legal_form_association_finds_the_ten_associations(ask):
    # The letter calls each of these an association; the ADLC, Carrément Assos, Environnement
    # Solidarité and the comités des fêtes (line 410) have no stated legal form.
    expected = {f"essd:{name}" for name in (
        "eco-garage-du-calaisis", "admr-audruicq", "anges-gardins", "terre-d-opale", "la-note-bleue",
        "des-racines-et-des-hommes", "le-son-du-chablon", "theatre-de-l-envol",
        "producteurs-en-calaisis", "galilee")}
    assert {actor for actor, in rows(ask("by-legal-form", form="association"), "actor")} == expected
    assert rows(ask("by-legal-form", form="92"), "actor") == rows(ask("by-legal-form", form="association"), "actor")


def test_by_legal_form_scic_finds_the_bakery_that_plans_to_become_one(ask):
    # Line 395: "Il est prévu de créer une société d'intérêt collectif (SCIC)".
    assert rows(ask("by-legal-form", form="SCIC"), "actor", "link") == {
        ("essd:boulangerie-solidaire", "ess:plannedLegalForm")}


def test_by_sector_includes_the_narrower_sectors(ask):
    # Market gardening (lines 261-262), the producers' association and its founders, the fruit and
    # vegetable workshop (line 271) and the bakery (line 372) fall under the CLAP group
    # "agriculture, industrie, construction".
    result = ask("by-sector", sector="agriculture, industrie, construction")
    assert rows(result, "actor", "actorSector") == {
        ("essd:anges-gardins", "sector:agriculture"),
        ("essd:producteurs-en-calaisis", "sector:agriculture"),
        ("essd:producteurs-locaux-fondateurs", "sector:agriculture"),
        ("essd:atelier-transformation-fruits-legumes", "sector:industry"),
        ("essd:boulangerie-solidaire", "sector:industry"),
    }
    arts = {actor for actor, in rows(ask("by-sector", sector="arts, spectacles, sport et loisirs"), "actor")}
    assert arts == {"essd:la-note-bleue", "essd:des-racines-et-des-hommes", "essd:le-son-du-chablon",
                    "essd:reseau-the-et-groseille", "essd:theatre-de-l-envol"}


def test_insertion_lists_the_work_integration_structures_and_their_job_figures(ask):
    # Lines 261-262: "Les Anges Gardins emploient régulièrement plus de 20 personnes en insertion
    # et 5 encadrants"; line 374: the bakery plans "6 emplois ... d'insertion"; lines 278-283: the
    # ADLC, Terre d'Opale and Environnement Solidarité are "structures d'insertion" of which the
    # letter gives no job figure.
    result = ask("insertion")
    assert rows(result, "structure", "measure", "qualifier", "value", "status") == {
        ("essd:anges-gardins", "measure:insertion-jobs", "qualifier:more-than", Decimal(20), "status:done"),
        ("essd:anges-gardins", "measure:supervisors", "qualifier:exact", Decimal(5), "status:done"),
        ("essd:boulangerie-solidaire", "measure:insertion-jobs", "qualifier:exact", Decimal(6), "status:planned"),
        ("essd:ateliers-de-la-citoyennete", None, None, None, None),
        ("essd:terre-d-opale", None, None, None, None),
        ("essd:environnement-solidarite", None, None, None, None),
    }


def test_ptce_ingredients_of_the_region_d_audruicq(ask):
    result = ask("ptce-ingredients", territory="Région d'Audruicq")
    ess = {f"essd:{name}" for name in ("admr-audruicq", "anges-gardins", "terre-d-opale", "la-note-bleue",
                                       "des-racines-et-des-hommes")}
    authorities = {f"essd:{name}" for name in ("ccra", "cias-ccra", "vieille-eglise", "audruicq", "ruminghem",
                                               "polincove")}
    assert rows(result, "ingredient", "actor") == (
        {("ess:ESSStructure", actor) for actor in ess} | {("ess:LocalAuthority", actor) for actor in authorities})


# Lines 643-656 and 746-760: the figures the letter prints for both the Pays du Calaisis and the
# Nord - Pas-de-Calais (decimal commas the scan lost restored: 293 -> 29,3 and so on).
BESIDE_THE_REGION = {
    ("stat:establishments", None, "10745", "366"), ("stat:share-of-establishments", None, "9.7", "8.8"),
    ("stat:jobs", None, "149270", "4600"), ("stat:share-of-jobs", None, "11.4", "10.9"),
    ("stat:fte", None, "123337", "3708"),
    ("stat:sector-weight-establishments", "sector:social-action", "57.3", "58.8"),
    ("stat:sector-weight-jobs", "sector:social-action", "65.4", "72.2"),
    ("stat:sector-weight-establishments", "sector:arts-sport-leisure", "79.1", "76.9"),
    ("stat:sector-weight-jobs", "sector:arts-sport-leisure", "43.2", "52.3"),
    ("stat:sector-weight-establishments", "sector:finance", "22.7", "29.3"),
    ("stat:sector-weight-jobs", "sector:finance", "26.0", "38.2"),
    ("stat:sector-weight-establishments", "sector:education", "18.1", "14.2"),
    ("stat:sector-weight-jobs", "sector:education", "23.3", "18.2"),
    ("stat:sector-weight-establishments", "sector:health", "4.9", "3.2"),
    ("stat:sector-weight-jobs", "sector:health", "13.0", "7.6"),
    ("stat:sector-weight-establishments", "sector:agriculture-industry-construction", "0.5", "0.5"),
    ("stat:sector-weight-jobs", "sector:agriculture-industry-construction", "1.1", "2.8"),
    ("stat:sector-weight-establishments", "sector:miscellaneous-services", "1.8", "1.9"),
    ("stat:sector-weight-jobs", "sector:miscellaneous-services", "1.8", "1.5"),
}


def test_territory_figures_put_the_calaisis_beside_the_region(ask):
    result = ask("territory-figures")
    paired = {(indicator, breakdown, region_value, value)
              for indicator, breakdown, region_value, value, region
              in rows(result, "indicator", "breakdown", "regionValue", "value", "region") if region is not None}
    assert paired == {(indicator, breakdown, Decimal(region_value), Decimal(value))
                      for indicator, breakdown, region_value, value in BESIDE_THE_REGION}
    assert {prefixed(region) for region in result.column("region") if region is not None} == {"essd:nord-pas-de-calais"}


def test_territory_figures_give_every_calaisis_figure_of_the_letter(ask):
    # Counted by hand in lines 634-767: 13 overall figures (2010 and 2011 establishments and
    # jobs, shares, FTE, wages and their share, growth rates), 4 by sex, 6 by age, 12 by
    # occupation (ESS, working population, gaps), 9 by statutory family, 16 by sector
    # (establishments and jobs) and 14 sector weights.
    result = ask("territory-figures")
    assert len(result) == 13 + 4 + 6 + 12 + 9 + 16 + 14
    assert {prefixed(area) for area in result.column("territory")} == {"essd:pays-du-calaisis"}
    wages = [row for row in result if prefixed(row["indicator"]) == "stat:gross-wages"]
    # Line 656 prints "957" (M€) for 4 600 jobs; the graph reads 95,7 and says so.
    assert [(compact(row["value"]), compact(row["reading"])) for row in wages] == [
        (Decimal("95.7"), "stat:ocr-corrected")]


def test_provenance_of_the_boulonnais_garage_points_at_the_eco_garage_article(ask):
    # The garage social du Boulonnais appears once in the letter, lines 235-236 of the article on
    # the éco-garage: "L'activité bénéficie du soutien du garage social du boulonnais".
    result = ask("provenance", actor="Garage social du Boulonnais")
    assert {(compact(row["section"]), compact(row["lines"])) for row in result} == {
        ("src:eco-garage", "228-238")}
    statements = rows(result, "subject", "property", "value")
    assert ("essd:support-garage-boulonnais-eco-garage", "ess:supporter", "essd:garage-social-du-boulonnais") \
        in statements
    assert ("essd:support-garage-boulonnais-eco-garage", "ess:supportKind", "support:know-how") in statements
    assert ("essd:garage-social-du-boulonnais", "ess:locatedIn", "essd:boulonnais") in statements
    # Its 8 own triples and the 5 of the support node; the ess:supports shortcut is left out.
    assert len(result) == 13
    assert not any(compact(row["property"]) == "ess:supports" for row in result)


@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.slow) if name in SLOW_ON_RDFLIB else name
                                  for name in sorted(shipped_catalogue())])
def test_every_named_query_gives_the_same_rows_on_rdflib_and_oxigraph(query_engines, name):
    # rdflib binds single values in the parsed query, Oxigraph gets them as a VALUES block: the
    # two ways of binding are compared here too
    params = {parameter.name: parameter.example for parameter in shipped_catalogue()[name].parameters}
    answers = [answer(query_engines, engine, name, **params) for engine in ENGINES]
    assert answers[0].variables == answers[1].variables
    as_rows = [sorted((tuple(compact(term) for term in row) for row in result.rows), key=repr) for result in answers]
    assert as_rows[0] == as_rows[1]


@pytest.mark.parametrize(("name", "engine"), [
    ("shared-funders", "rdflib"), ("shared-funders", "oxigraph"), ("multi-authority-projects", "oxigraph")])
def test_a_threshold_left_unbound_in_another_tool_falls_back_to_the_header_default(query_engines, name, engine):
    query = shipped_catalogue()[name]
    chosen, _ = query_engines[engine]
    standalone = chosen.select(query.text)
    assert sorted(map(repr, standalone.rows)) == sorted(map(repr, answer(query_engines, engine, name).rows))
