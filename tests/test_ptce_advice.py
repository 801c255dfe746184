"""Missing roles and who could fill them, bridging actors, caveats, and what a person must check."""

from ess_graph.ptce.advice import around, bridging_actors, caveats, missing_roles, suggestions, to_check
from ess_graph.ptce.gates import check_gates
from ess_graph.vocab.namespaces import ESS

from .ptce_graphs import TinyTerritory, iri, view_of


def food_group() -> TinyTerritory:
    """An association and a cooperative working with their intercommunality on food, no enterprise."""
    territory = TinyTerritory()
    territory.ess("market", commune="a1", themes=("food",))
    territory.ess("kitchen", commune="a2", form="scic", themes=("short-supply-chains",))
    territory.partnership("market", "kitchen", "epci-a", year=2012)
    return territory


def test_a_missing_enterprise_is_a_missing_role_with_its_gate():
    view = view_of(food_group(), "market", "kitchen", "epci-a")
    missing = missing_roles(view, check_gates(view))
    assert [(m.role, m.gate) for m in missing][0] == ("enterprise", "non_ess_enterprise")


def test_families_that_would_raise_diversity_are_listed_without_a_gate():
    view = view_of(food_group(), "market", "kitchen", "epci-a")
    roles = {m.role: m.gate for m in missing_roles(view, check_gates(view))}
    assert roles["research"] is None and roles["support"] is None


def test_an_enterprise_of_the_same_territory_and_theme_is_suggested_first_with_reasons():
    territory = food_group()
    territory.enterprise("farm", commune="a2", themes=("sustainable-agriculture",))
    territory.enterprise("garage", commune="a1", themes=("mobility",))
    territory.enterprise("remote-farm", commune="far", themes=("food",))
    view = view_of(territory, "market", "kitchen", "epci-a")
    found = [s for s in suggestions(view, missing_roles(view, check_gates(view))) if s.role == "enterprise"]
    assert [s.iri for s in found] == [iri("farm"), iri("garage")]
    assert found[0].reasons == ("located in a2, inside epci-a", "shares alimentation")


def test_an_actor_already_linked_to_members_comes_before_one_that_only_shares_a_theme():
    territory = food_group()
    territory.enterprise("farm", commune="a2", themes=("food",))
    territory.enterprise("supplier", commune="a1")
    territory.relation(ESS.Trade, {ESS.supplier: ["supplier"], ESS.client: ["kitchen"]})
    view = view_of(territory, "market", "kitchen", "epci-a")
    found = [s for s in suggestions(view, missing_roles(view, check_gates(view))) if s.role == "enterprise"]
    assert found[0].iri == iri("supplier")
    assert "already linked to kitchen (trade)" in found[0].reasons


def test_the_member_holding_two_parts_together_is_a_bridge():
    territory = TinyTerritory()
    for name in ("a", "b", "hub", "c", "d"):
        territory.ess(name)
    territory.partnership("a", "b", "hub")
    territory.partnership("hub", "c", "d")
    [bridge] = bridging_actors(view_of(territory, "a", "b", "hub", "c", "d"))
    assert bridge.iri == iri("hub") and bridge.why == "the only link between a, b | c, d"


def test_partners_and_funders_around_the_group_are_listed():
    territory = food_group()
    territory.ess("visitor")
    territory.partnership("visitor", "market")
    territory.funds("region", "kitchen")
    territory.funds("region", "visitor")
    listed = {n.iri: (n.links, n.beneficiaries) for n in around(view_of(territory, "market", "kitchen", "epci-a"))}
    assert listed == {iri("visitor"): (("partnership",), None), iri("region"): (("funding",), 2)}


def test_caveats_name_uncertain_status_informal_groups_and_unknown_places():
    territory = food_group()
    territory.ess("insertion", form=None)
    territory.actor("unknown-kind", ESS.Organisation, None)
    territory.actor("troupes", ESS.Network, None, "informal-group")
    territory.group("committees", ESS.ESSStructure)
    view = view_of(territory, "market", "insertion", "unknown-kind", "troupes", "committees")
    kinds = sorted({(c.kind, c.nodes[0].rsplit("/", 1)[-1]) for c in caveats(view)})
    assert kinds == [("group_size", "committees"), ("not_legal_person", "troupes"), ("place_unknown", "troupes"),
                     ("place_unknown", "unknown-kind"), ("uncertain_ess", "committees"),
                     ("uncertain_ess", "insertion"), ("uncertain_ess", "unknown-kind")]


def test_links_only_planned_are_a_caveat():
    territory = food_group()
    territory.ess("newcomer")
    territory.partnership("newcomer", "market", status="planned")
    found = [c.text for c in caveats(view_of(territory, "market", "kitchen", "epci-a", "newcomer"))]
    assert "newcomer's links to the others are only planned or possible" in found


def test_public_bodies_that_only_fund_are_a_caveat_when_no_public_body_is_a_member():
    territory = food_group()
    territory.funds("dep", "market")
    found = {c.kind: c.nodes for c in caveats(view_of(territory, "market", "kitchen"))}
    assert found["funding_only"] == (iri("dep"),)


def test_a_person_must_check_innovation_and_the_private_law_carrier():
    checks = to_check(view_of(food_group(), "market", "kitchen", "epci-a"))
    assert any(c.startswith("Innovative character") for c in checks)
    assert any("legal person under private law" in c for c in checks)
