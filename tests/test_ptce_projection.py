"""The weighted cooperation network: what links actors, how much, and through what."""

import pytest
from rdflib.namespace import DCTERMS, RDF

from ess_graph.ptce import PTCEParameters, cooperation_network
from ess_graph.vocab.namespaces import ESS

from .ptce_graphs import TinyTerritory, co_carried_market, iri


def network(territory, **params):
    return cooperation_network(territory.graph(), PTCEParameters(**params))


def kinds(coop, a, b):
    return sorted(e.kind for e in coop.evidence(iri(a), iri(b)))


def test_a_partnership_links_each_pair_of_partners_with_its_relationship_node():
    territory = TinyTerritory()
    for name in ("a", "b", "c"):
        territory.ess(name)
    relation = territory.partnership("a", "b", "c", year=2012)
    coop = network(territory)
    evidence = coop.evidence(iri("a"), iri("c"))
    assert [(e.kind, e.relations, e.year, e.sources) for e in evidence] == [
        ("partnership", (str(relation),), 2012, ("Section de test (lines 1-10)",))]


def test_planned_links_weigh_less_than_done_ones():
    territory = TinyTerritory()
    for name in ("a", "b", "c"):
        territory.ess(name)
    territory.partnership("a", "b")
    territory.partnership("a", "c", status="planned")
    coop = network(territory, status_planned=0.5)
    assert coop.graph.edges[iri("a"), iri("b")]["weight"] == 1.0
    assert coop.graph.edges[iri("a"), iri("c")]["weight"] == 0.5


def test_co_carriers_of_a_project_share_it():
    territory = TinyTerritory()
    co_carried_market(territory)
    coop = network(territory)
    [evidence] = coop.evidence(iri("a"), iri("b"))
    assert evidence.kind == "shared_project" and evidence.via == (iri("market"),)


def test_a_persons_links_are_lent_to_the_organisation_where_they_hold_a_role():
    territory = TinyTerritory()
    territory.ess("bakery-association")
    territory.ess("mill")
    territory.person("anne")
    territory.member_of("anne", "bakery-association", role="director")
    territory.project("bread")
    territory.carries("anne", "bread")
    territory.carries("mill", "bread")
    coop = network(territory)
    [evidence] = coop.evidence(iri("bakery-association"), iri("mill"))
    assert evidence.kind == "shared_project"
    assert iri("anne") in evidence.via
    assert iri("anne") not in coop.graph  # persons are never members


def test_a_person_with_no_organisation_is_recorded_as_such():
    territory = TinyTerritory()
    territory.person("instructor")
    territory.project("driving-school")
    territory.carries("instructor", "driving-school")
    coop = network(territory)
    assert coop.persons_without_organisation == {iri("driving-school"): [iri("instructor")]}


def test_one_person_in_two_organisations_links_them_weakly():
    territory = TinyTerritory()
    territory.person("mayor")
    territory.member_of("mayor", "epci-a", role="president")
    territory.member_of("mayor", "dep", role="vice-president")
    coop = network(territory, weight_shared_person=0.2)
    assert kinds(coop, "epci-a", "dep") == ["shared_person"]
    assert coop.graph.edges[iri("epci-a"), iri("dep")]["weight"] == pytest.approx(0.2)


def test_a_programmes_funding_is_lent_to_the_body_that_manages_it():
    territory = TinyTerritory()
    territory.actor("state", ESS.StateBody)
    territory.programme("aided-jobs", manager="state")
    territory.ess("assoc")
    territory.funds("aided-jobs", "assoc")
    coop = network(territory)
    [evidence] = coop.evidence(iri("state"), iri("assoc"))
    assert evidence.kind == "funding" and evidence.via == (iri("aided-jobs"),)


def test_a_funder_with_many_beneficiaries_weighs_less_on_each():
    territory = TinyTerritory()
    names = [f"s{i}" for i in range(10)]
    for name in names:
        territory.ess(name)
        territory.funds("region", name)
    coop = network(territory, weight_funding=0.4, funder_hub_scale=5)
    assert coop.funder_beneficiaries[iri("region")] == 10
    assert coop.graph.edges[iri("region"), iri("s0")]["weight"] == pytest.approx(0.4 * 5 / 10)


def test_shared_funder_links_follow_the_resource_allocation_index():
    territory = TinyTerritory()
    for name in ("a", "b", "c", "d"):
        territory.ess(name)
        territory.funds("epci-a", name)
    coop = network(territory, weight_shared_funder=0.3)
    assert kinds(coop, "a", "b") == ["shared_funder"]
    assert coop.graph.edges[iri("a"), iri("b")]["weight"] == pytest.approx(0.3 / 4)


def test_a_hub_funder_creates_no_shared_funder_links():
    territory = TinyTerritory()
    names = [f"s{i}" for i in range(20)]
    for name in names:
        territory.ess(name)
        territory.funds("region", name)
    coop = network(territory, weight_shared_funder=0.3, min_link_weight=0.02)
    # 0.3 / 20 = 0.015 per pair is below the floor: the region glues nothing together
    assert not coop.graph.has_edge(iri("s0"), iri("s1"))
    # without the floor, the same funder links each pair at that weight
    unfloored = network(territory, weight_shared_funder=0.3, min_link_weight=0)
    assert kinds(unfloored, "s0", "s1") == ["shared_funder"]
    assert unfloored.graph.edges[iri("s0"), iri("s1")]["weight"] == pytest.approx(0.3 / 20)


def test_those_in_a_sub_project_count_for_the_whole_at_a_factor():
    territory = TinyTerritory()
    territory.ess("a")
    territory.ess("b")
    territory.project("hub")
    territory.project("workshop")
    territory.add(territory.node("workshop"), DCTERMS.isPartOf, territory.node("hub"))
    territory.carries("a", "hub")
    territory.carries("b", "workshop")
    coop = network(territory, sub_project_factor=0.5)
    [evidence] = coop.evidence(iri("a"), iri("b"))
    assert evidence.via[:2] == (iri("hub"), iri("workshop")) and evidence.weight == pytest.approx(0.5)


def test_a_commune_in_its_intercommunality_is_structure_not_cooperation():
    territory = TinyTerritory()
    territory.member_of("a1", "epci-a")
    coop = network(territory)
    [evidence] = coop.evidence(iri("a1"), iri("epci-a"))
    assert evidence.kind == "institutional" and not evidence.is_cooperation


def test_actors_hosted_on_one_site_share_it():
    territory = TinyTerritory()
    territory.ess("gardeners")
    territory.ess("shop")
    farm = territory.node("farm")
    territory.add(farm, RDF.type, ESS.Site)
    territory.add(farm, ESS.locatedIn, territory.node("a1"))
    for hosted in ("gardeners", "shop"):
        relation = territory.relation(ESS.Hosting, {ESS.host: ["epci-a"], ESS.hosted: [hosted]})
        territory.add(relation, ESS.atSite, farm)
    coop = network(territory)
    assert kinds(coop, "gardeners", "shop") == ["shared_site"]
    assert kinds(coop, "epci-a", "shop") == ["hosting"]
