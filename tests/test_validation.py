"""The shapes accept the shipped graph and reject broken data with messages people understand."""

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.io.loading import load_graph
from ess_graph.validation import validate

PREFIXES = """
@prefix ess: <https://w3id.org/ess-graph/def#> .
@prefix essd: <https://w3id.org/ess-graph/id/> .
@prefix src: <https://w3id.org/ess-graph/id/source/odefie-2014-11/> .
@prefix status: <https://w3id.org/ess-graph/def/status/> .
@prefix form: <https://w3id.org/ess-graph/def/legal-form/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


NEIGHBOURS = """
essd:etat a ess:StateBody ; rdfs:label "État"@fr ; prov:wasDerivedFrom src:ateliers-citoyennete .
essd:galilee a ess:ESSStructure ; rdfs:label "Galilée"@fr ; prov:wasDerivedFrom src:note-bleue .
essd:la-note-bleue a ess:ESSStructure ; rdfs:label "La Note Bleue"@fr ; prov:wasDerivedFrom src:note-bleue .
essd:ccra a ess:CommunityOfCommunes ; rdfs:label "CCRA"@fr ; prov:wasDerivedFrom src:pole-alimentaire .
"""


def validate_with(tmp_path: Path, turtle: str, lang: str = "en"):
    """Validate a few nodes, with the vocabulary and the actors they point to, but not the whole
    shipped graph: the shapes see the same class hierarchy, and each check stays fast."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(PREFIXES + NEIGHBOURS + textwrap.dedent(turtle), encoding="utf-8")
    return validate(load_graph([extra], shipped_data=False), lang=lang)


def messages_about(report, focus_local_name: str) -> list[str]:
    return [r.message for r in report.results if r.focus.endswith("/" + focus_local_name)]


def test_the_shipped_calaisis_graph_conforms_without_warnings(calaisis):
    report = validate(calaisis)
    assert report.conforms, "\n".join(map(str, report.results))
    assert report.results == []


def test_a_funding_without_recipient_is_rejected(tmp_path):
    report = validate_with(tmp_path, """
        essd:funding-x a ess:Funding ; ess:funder essd:etat ; ess:status status:done ;
            prov:wasDerivedFrom src:eco-garage .
    """)
    assert not report.conforms
    assert "a funding has exactly one recipient, a structure or a project" in messages_about(report, "funding-x")


def test_a_structure_without_name_or_source_is_rejected(tmp_path):
    report = validate_with(tmp_path, "essd:nameless a ess:ESSStructure .")
    messages = messages_about(report, "nameless")
    assert "has no name: add an rdfs:label" in messages
    assert "does not say where it comes from: add prov:wasDerivedFrom pointing to the source section" in messages


@pytest.mark.parametrize(("triple", "expected"), [
    ('ess:foundingDate "hier"', "invalid founding date: expected a date, a month or a year"),
    ('ess:siren "12345"', "invalid SIREN: 9 digits expected"),
    ('ess:rnaNumber "X123"', "invalid RNA number: W followed by 9 characters expected"),
])
def test_a_value_of_the_wrong_shape_is_rejected(tmp_path, triple, expected):
    report = validate_with(tmp_path, f"""
        essd:assoc a ess:ESSStructure ; rdfs:label "Assoc"@fr ; {triple} ; prov:wasDerivedFrom src:eco-garage .
    """)
    assert expected in messages_about(report, "assoc")


def test_a_negative_amount_is_rejected(tmp_path):
    report = validate_with(tmp_path, """
        essd:funding-y a ess:Funding ; ess:funder essd:etat ; ess:recipient essd:galilee ;
            ess:amount "-5"^^xsd:decimal ; ess:status status:done ; prov:wasDerivedFrom src:eco-garage .
        essd:etat ess:funds essd:galilee .
    """)
    assert messages_about(report, "funding-y") == ["invalid amount: a non-negative decimal number (in euros)"]


def test_an_unknown_legal_form_is_rejected_in_both_languages(tmp_path):
    turtle = """
        essd:assoc a ess:ESSStructure ; rdfs:label "Assoc"@fr ; ess:legalForm form:kolkhoze ;
            prov:wasDerivedFrom src:eco-garage .
    """
    assert messages_about(validate_with(tmp_path, turtle), "assoc") == [
        "unknown or repeated legal form: give one, from the legal-form scheme"]
    assert messages_about(validate_with(tmp_path, turtle, lang="fr"), "assoc") == [
        "forme juridique inconnue ou en double : une seule, prise dans le schéma des formes juridiques"]


def test_a_commune_needs_its_five_character_insee_code(tmp_path):
    report = validate_with(tmp_path, """
        essd:somewhere a ess:Commune ; rdfs:label "Quelque part"@fr ; ess:inseeCode "621" ;
            ess:within essd:ccra ; prov:wasDerivedFrom src:eco-garage .
    """)
    assert messages_about(report, "somewhere") == [
        "a commune has exactly one 5-character INSEE code (62193, 2A004)"]


def test_a_relationship_without_its_direct_edge_is_rejected_with_the_fix(tmp_path):
    report = validate_with(tmp_path, """
        essd:funding-z a ess:Funding ; ess:funder essd:etat ; ess:recipient essd:galilee ;
            ess:status status:done ; prov:wasDerivedFrom src:eco-garage .
    """)
    assert messages_about(report, "funding-z") == [
        "the direct edge funds (ess:funds) from État (essd:etat) to Galilée (essd:galilee) is missing: "
        "run `ess-graph shortcuts`"]


def not_backed(edge: str, to: str) -> str:
    return (f"the direct edge {edge} to {to} is backed by no relationship node of a status it stands for "
            "(ess:funds: a funding done or in progress; ess:plansToFund: a planned one; ess:mayFund: a possible one; "
            "and so for the other links): run `ess-graph shortcuts`")


def test_a_direct_edge_that_no_relationship_backs_is_rejected(tmp_path):
    report = validate_with(tmp_path, "essd:galilee ess:funds essd:la-note-bleue .")
    assert messages_about(report, "galilee") == [not_backed("funds (ess:funds)", "La Note Bleue (essd:la-note-bleue)")]


# A funding of each status, and the edge it must have: "la ville de Calais pourrait intervenir
# également en financement direct" (the bakery, line 391) is possible and gives ess:mayFund; the
# Région, "appelée à intervenir" (line 387), is planned and gives ess:plansToFund.
STATUS_EDGES = {"done": "funds", "in-progress": "funds", "planned": "plansToFund", "possible": "mayFund"}
EDGE_LABELS = {"funds": "funds (ess:funds)", "plansToFund": "plans to fund (ess:plansToFund)",
               "mayFund": "may fund (ess:mayFund)"}


@pytest.mark.parametrize("status", sorted(STATUS_EDGES))
def test_a_funding_with_the_edge_of_its_status_conforms(tmp_path, status):
    report = validate_with(tmp_path, f"""
        essd:funding-z a ess:Funding ; ess:funder essd:etat ; ess:recipient essd:galilee ;
            ess:status status:{status} ; prov:wasDerivedFrom src:eco-garage .
        essd:etat ess:{STATUS_EDGES[status]} essd:galilee .
    """)
    assert report.conforms, "\n".join(map(str, report.results))


@pytest.mark.parametrize(("status", "shown_as"), [
    ("planned", "funds"), ("possible", "funds"), ("possible", "plansToFund"),  # saying more than the link
    ("done", "plansToFund"), ("planned", "mayFund"),  # saying other than the link
])
def test_a_link_shown_by_the_edge_of_another_status_is_rejected(tmp_path, status, shown_as):
    report = validate_with(tmp_path, f"""
        essd:funding-z a ess:Funding ; ess:funder essd:etat ; ess:recipient essd:galilee ;
            ess:status status:{status} ; prov:wasDerivedFrom src:eco-garage .
        essd:etat ess:{shown_as} essd:galilee .
    """)
    assert not report.conforms
    # the edge says what no funding of its status backs...
    assert messages_about(report, "etat") == [not_backed(EDGE_LABELS[shown_as], "Galilée (essd:galilee)")]
    # ... and the funding misses the edge of its own status
    assert messages_about(report, "funding-z") == [
        f"the direct edge {EDGE_LABELS[STATUS_EDGES[status]]} from État (essd:etat) to Galilée (essd:galilee) "
        "is missing: run `ess-graph shortcuts`"]


def test_a_done_edge_beside_a_planned_one_needs_a_done_link_of_its_own(tmp_path):
    # Des Racines et des Hommes prepares the chicory site (in progress) and is to coordinate it
    # once open (planned, lines 317-318): both edges hold, each backed by its own node. Without
    # the node in progress, the done edge is rejected even though a planned link joins the two.
    both = """
        essd:carrying-a a ess:ProjectCarrying ; ess:carrier essd:galilee ; ess:project essd:site ;
            ess:status status:in-progress ; prov:wasDerivedFrom src:eco-garage .
        essd:carrying-b a ess:ProjectCarrying ; ess:carrier essd:galilee ; ess:project essd:site ;
            ess:status status:planned ; prov:wasDerivedFrom src:eco-garage .
        essd:site a ess:Project ; rdfs:label "Site"@fr ; ess:status status:planned ; prov:wasDerivedFrom src:eco-garage .
        essd:galilee ess:carries essd:site ; ess:plansToCarry essd:site .
    """
    assert validate_with(tmp_path, both).conforms
    report = validate_with(tmp_path, both.replace("status:in-progress", "status:possible")
                           .replace("ess:plansToCarry essd:site .", "ess:plansToCarry essd:site ; ess:mayCarry essd:site ."))
    assert [message.split(" is backed")[0] for message in messages_about(report, "galilee")] == [
        "the direct edge carries (ess:carries) to Site (essd:site)"]


def test_a_commune_outside_any_intercommunality_is_only_a_warning(tmp_path):
    report = validate_with(tmp_path, """
        essd:lonely a ess:Commune ; rdfs:label "Isolée"@fr ; ess:inseeCode "62001" ;
            prov:wasDerivedFrom src:eco-garage .
    """)
    assert report.conforms
    assert [r.severity for r in report.results if r.focus.endswith("/lonely")] == ["warning"]


@pytest.mark.slow  # the PTCE analysis, then SHACL over the whole graph
def test_saved_ptce_candidates_conform_to_their_shape(tmp_path):
    saved = tmp_path / "candidates.ttl"
    assert CliRunner().invoke(main, ["ptce", "--save", str(saved)]).exit_code == 0
    report = validate(load_graph([saved]))
    assert report.conforms, "\n".join(map(str, report.results))


def test_a_candidate_score_outside_zero_to_a_hundred_is_rejected(tmp_path):
    report = validate_with(tmp_path, """
        essd:run a prov:Activity .
        essd:cand a ess:PTCECandidate ; rdfs:label "Candidat"@fr ; prov:wasGeneratedBy essd:run ;
            ess:candidateMember essd:galilee ; ess:score 140.0 .
    """)
    assert messages_about(report, "cand") == ["a PTCE candidate's score is a decimal number from 0 to 100"]
