"""Candidate groups: seeded communities, peeled of loose members, split where nothing but a hub joins them."""

from ess_graph.ptce import PTCEParameters, cooperation_network
from ess_graph.ptce.generation import candidate_sets, community_sets, prune_and_split, split_loose_parts
from ess_graph.vocab.namespaces import ESS

from .ptce_graphs import TinyTerritory, co_carried_market, iri


def two_trios(territory: TinyTerritory) -> None:
    """Two groups of three that cooperate inside, each in its own intercommunality."""
    for suffix, epci, commune in (("1", "epci-a", "a1"), ("2", "epci-b", "b1")):
        territory.ess(f"assoc{suffix}", commune=commune)
        territory.enterprise(f"firm{suffix}", commune=commune)
        territory.ess(f"coop{suffix}", commune=commune, form="scop")
        territory.partnership(f"assoc{suffix}", f"firm{suffix}", f"coop{suffix}", epci)


def member_sets(territory, **params):
    return sorted(sorted(s.members) for s in candidate_sets(cooperation_network(territory.graph(),
                                                                                PTCEParameters(**params))))


def expected(*names):
    return sorted(iri(n) for n in names)


def test_two_separate_groups_give_two_candidates():
    territory = TinyTerritory()
    two_trios(territory)
    assert member_sets(territory) == sorted([expected("assoc1", "firm1", "coop1", "epci-a"),
                                             expected("assoc2", "firm2", "coop2", "epci-b")])


def test_hub_funders_of_everyone_do_not_merge_the_groups():
    territory = TinyTerritory()
    two_trios(territory)
    for funder in ("region", "dep"):
        for name in ("assoc1", "firm1", "coop1", "assoc2", "firm2", "coop2"):
            territory.funds(funder, name)
    sets = member_sets(territory)
    assert expected("assoc1", "firm1", "coop1", "epci-a") in sets
    assert all(iri("region") not in s and iri("dep") not in s for s in sets)


def test_the_same_seed_gives_the_same_candidates():
    territory = TinyTerritory()
    two_trios(territory)
    territory.partnership("assoc1", "assoc2")
    graph = territory.graph()
    runs = [sorted(sorted(s.members) for s in community_sets(cooperation_network(graph, PTCEParameters(seed=3))))
            for _ in range(2)]
    assert runs[0] == runs[1]


def test_a_disconnected_group_is_split_into_its_parts():
    territory = TinyTerritory()
    two_trios(territory)
    coop = cooperation_network(territory.graph(), PTCEParameters())
    everyone = [iri(n) for n in ("assoc1", "firm1", "coop1", "epci-a", "assoc2", "firm2", "coop2", "epci-b")]
    assert sorted(sorted(p) for p in prune_and_split(coop, everyone)) == sorted(
        [expected("assoc1", "firm1", "coop1", "epci-a"), expected("assoc2", "firm2", "coop2", "epci-b")])


def test_a_partner_of_a_single_member_is_not_a_member():
    territory = TinyTerritory()
    two_trios(territory)
    territory.ess("visitor")
    territory.partnership("visitor", "assoc1")
    coop = cooperation_network(territory.graph(), PTCEParameters())
    group = [iri(n) for n in ("assoc1", "firm1", "coop1", "epci-a", "visitor")]
    assert [sorted(p) for p in prune_and_split(coop, group)] == [expected("assoc1", "firm1", "coop1", "epci-a")]
    assert [sorted(p) for p in prune_and_split(cooperation_network(territory.graph(), PTCEParameters(min_ties=1)),
                                               group)] == [sorted(group)]


def test_a_founding_member_stays_on_its_single_formal_tie():
    territory = TinyTerritory()
    two_trios(territory)
    territory.group("farms", ESS.ClassicalEnterprise, size=11)
    territory.member_of("farms", "assoc1", role="founder")
    coop = cooperation_network(territory.graph(), PTCEParameters())
    group = [iri(n) for n in ("assoc1", "firm1", "coop1", "epci-a", "farms")]
    assert [sorted(p) for p in prune_and_split(coop, group)] == [sorted(group)]


def test_funding_alone_does_not_make_a_member():
    territory = TinyTerritory()
    two_trios(territory)
    territory.funds("a1", "assoc1")
    territory.funds("a1", "firm1")
    coop = cooperation_network(territory.graph(), PTCEParameters())
    group = [iri(n) for n in ("assoc1", "firm1", "coop1", "epci-a", "a1")]
    assert [sorted(p) for p in prune_and_split(coop, group)] == [expected("assoc1", "firm1", "coop1", "epci-a")]


def test_an_authority_backing_two_groups_that_do_not_cooperate_is_in_both():
    territory = TinyTerritory()
    for suffix in ("1", "2"):
        territory.ess(f"assoc{suffix}")
        territory.enterprise(f"firm{suffix}")
        territory.partnership(f"assoc{suffix}", f"firm{suffix}", "epci-a")
    coop = cooperation_network(territory.graph(), PTCEParameters())
    group = [iri(n) for n in ("assoc1", "firm1", "assoc2", "firm2", "epci-a")]
    assert sorted(sorted(p) for p in prune_and_split(coop, group)) == sorted(
        [expected("assoc1", "firm1", "epci-a"), expected("assoc2", "firm2", "epci-a")])


def test_the_carriers_and_backer_of_a_project_form_a_candidate():
    territory = TinyTerritory()
    co_carried_market(territory)
    territory.supports("epci-a", "market")
    sets = candidate_sets(cooperation_network(territory.graph(), PTCEParameters()))
    assert [sorted(s.members) for s in sets] == [expected("a", "b", "epci-a")]


def test_two_tight_groups_joined_by_one_link_are_cut_apart():
    territory = TinyTerritory()
    left, right = ["l1", "l2", "l3", "l4"], ["r1", "r2", "r3", "r4"]
    for name in left + right:
        territory.ess(name)
    territory.partnership(*left)
    territory.partnership(*right)
    territory.partnership("l1", "r1")
    coop = cooperation_network(territory.graph(), PTCEParameters(split_conductance=0.1))
    everyone = {iri(n) for n in left + right}
    assert sorted(sorted(g) for g in split_loose_parts(coop, everyone)) == sorted([expected(*left), expected(*right)])
    # one link out of thirteen is a conductance of 1/13: above a stricter threshold nothing is cut
    stricter = cooperation_network(territory.graph(), PTCEParameters(split_conductance=0.05))
    assert split_loose_parts(stricter, everyone) == [everyone]
