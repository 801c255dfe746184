"""The legal checklist of art. 9 of law 2014-856 and art. 3 of decree 2015-431, gate by gate."""

from ess_graph.ptce.gates import (
    GATE_NAMES,
    art9_partner_gate,
    check_gates,
    cooperation_gate,
    ess_enterprise_gate,
    legal_persons_gate,
    non_ess_enterprise_gate,
    one_territory_gate,
)
from ess_graph.vocab.namespaces import ESS

from .ptce_graphs import TinyTerritory, cooperating_trio, iri, view_of


def trio() -> TinyTerritory:
    territory = TinyTerritory()
    cooperating_trio(territory)
    return territory


def test_the_checklist_gives_every_gate_under_its_one_name_in_order():
    assert [gate.name for gate in check_gates(view_of(trio(), "assoc", "firm", "epci-a"))] == list(GATE_NAMES)


def test_three_organisations_are_three_legal_persons():
    gate = legal_persons_gate(view_of(trio(), "assoc", "firm", "epci-a"))
    assert gate.met and gate.detail == "3 legal persons among 3 members"


def test_a_group_of_producers_counts_its_stated_size():
    territory = TinyTerritory()
    territory.ess("assoc")
    territory.group("producers", ESS.ClassicalEnterprise, size=11)
    gate = legal_persons_gate(view_of(territory, "assoc", "producers"))
    assert gate.met and gate.detail.startswith("12 legal persons")


def test_a_group_of_unstated_size_counts_as_two_by_default():
    territory = TinyTerritory()
    territory.ess("assoc")
    territory.group("committees", ESS.ESSStructure)
    assert legal_persons_gate(view_of(territory, "assoc", "committees")).detail.startswith("3 legal persons")
    assert legal_persons_gate(view_of(territory, "assoc", "committees", unknown_group_size=1)).detail.startswith(
        "2 legal persons")


def test_an_informal_collective_is_not_a_legal_person():
    territory = TinyTerritory()
    territory.ess("assoc")
    territory.actor("troupes", ESS.Network, "a1", "informal-group")
    gate = legal_persons_gate(view_of(territory, "assoc", "troupes", "epci-a"))
    assert not gate.met
    assert any("troupes: 0 (no legal personality" in p.text for p in gate.evidence)


def test_ess_gate_names_the_sse_structure_and_its_form():
    gate = ess_enterprise_gate(view_of(trio(), "assoc", "firm", "epci-a"))
    assert gate.met
    assert [p.text for p in gate.evidence] == ["assoc: SSE structure (association)"]
    assert gate.evidence[0].nodes == (iri("assoc"),)


def test_ess_gate_fails_without_an_sse_structure():
    territory = trio()
    territory.research("lab")
    assert not ess_enterprise_gate(view_of(territory, "firm", "epci-a", "lab")).met


def test_ess_gate_says_when_the_legal_form_is_not_stated():
    territory = TinyTerritory()
    territory.ess("insertion", form=None)
    gate = ess_enterprise_gate(view_of(territory, "insertion"))
    assert gate.met and gate.evidence[0].text == "insertion: SSE structure (legal form not stated)"


def test_non_ess_gate_met_by_a_classical_enterprise():
    gate = non_ess_enterprise_gate(view_of(trio(), "assoc", "firm", "epci-a"))
    assert gate.met and gate.evidence[0].nodes == (iri("firm"),)


def test_non_ess_gate_fails_without_enterprise():
    territory = trio()
    territory.research("lab")
    gate = non_ess_enterprise_gate(view_of(territory, "assoc", "epci-a", "lab"))
    assert not gate.met and gate.evidence == ()


def test_an_association_founded_mostly_by_farms_is_a_grouping_of_enterprises():
    territory = TinyTerritory()
    territory.ess("shop")
    territory.group("farms", ESS.ClassicalEnterprise, size=11)
    territory.ess("other-assoc")
    territory.member_of("farms", "shop", role="founder")
    territory.member_of("other-assoc", "shop")
    gate = non_ess_enterprise_gate(view_of(territory, "shop", "epci-a"))
    assert gate.met
    assert gate.evidence[0].text == "shop: a grouping of 12 legal persons, 11 of them classical enterprises"


def test_an_association_of_mostly_sse_members_is_not_a_grouping_of_enterprises():
    territory = TinyTerritory()
    territory.ess("federation")
    territory.enterprise("firm")
    for name in ("a", "b"):
        territory.ess(name)
        territory.member_of(name, "federation")
    territory.member_of("firm", "federation")
    assert not non_ess_enterprise_gate(view_of(territory, "federation", "epci-a")).met


def test_art9_gate_met_by_an_authority_with_its_link():
    gate = art9_partner_gate(view_of(trio(), "assoc", "firm", "epci-a"))
    assert gate.met
    assert gate.evidence[0].text == "epci-a: local authority"
    assert gate.evidence[1].relations  # the partnership node proves the link


def test_art9_gate_met_by_a_research_body():
    territory = trio()
    territory.research("lab")
    assert art9_partner_gate(view_of(territory, "assoc", "firm", "lab")).met


def test_art9_gate_ignores_support_bodies_unless_asked():
    territory = trio()
    territory.support_body("incubator")
    assert not art9_partner_gate(view_of(territory, "assoc", "firm", "incubator")).met
    assert art9_partner_gate(view_of(territory, "assoc", "firm", "incubator",
                                     art9_kinds="authority,research,support")).met


def test_members_of_one_intercommunality_share_it_as_territory():
    view = view_of(trio(), "assoc", "firm", "epci-a")
    gate = one_territory_gate(view)
    assert gate.met and gate.detail == "epci-a"
    assert view.territory.territory == iri("epci-a")


def test_a_member_in_another_departement_breaks_the_territory_gate():
    territory = trio()
    territory.enterprise("remote", commune="far")
    gate = one_territory_gate(view_of(territory, "assoc", "remote", "epci-a"))
    assert not gate.met and gate.detail == "region is wider than a departement"


def test_an_authority_of_another_intercommunality_is_not_compatible():
    gate = one_territory_gate(view_of(trio(), "assoc", "firm", "epci-b"))
    assert not gate.met and gate.detail == "epci-a, but some members act elsewhere"


def test_a_region_backing_local_members_does_not_widen_their_territory():
    gate = one_territory_gate(view_of(trio(), "assoc", "firm", "region"))
    assert gate.met and gate.detail == "epci-a"


def test_the_widest_territory_is_a_parameter():
    territory = trio()
    territory.ess("other", commune="b1")
    view = view_of(territory, "assoc", "other", max_territory_level="intercommunality")
    assert not one_territory_gate(view).met
    assert one_territory_gate(view_of(territory, "assoc", "other")).met


def test_cooperation_gate_met_by_a_partnership_of_three():
    gate = cooperation_gate(view_of(trio(), "assoc", "firm", "epci-a"))
    assert gate.met and len(gate.evidence) == 3


def test_shared_funders_are_not_cooperation():
    territory = TinyTerritory()
    territory.ess("assoc")
    territory.enterprise("firm")
    territory.funds("epci-a", "assoc")
    territory.funds("epci-a", "firm")
    gate = cooperation_gate(view_of(territory, "assoc", "firm", "epci-a"))
    assert not gate.met and gate.evidence == ()
