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
            ess:status status:planned ; prov:wasDerivedFrom src:eco-garage .
    """)
    assert messages_about(report, "funding-z") == [
        "the direct edge funds (ess:funds) from État (essd:etat) to Galilée (essd:galilee) is missing: "
        "run `ess-graph shortcuts`"]


def test_a_direct_edge_that_no_relationship_backs_is_rejected(tmp_path):
    report = validate_with(tmp_path, "essd:galilee ess:funds essd:la-note-bleue .")
    assert messages_about(report, "galilee") == [
        "the direct edge funds (ess:funds) to La Note Bleue (essd:la-note-bleue) is backed by no relationship "
        "node (funding, partnership...)"]


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
