"""The score's components, each on a group built for it."""

import pytest

from ess_graph.ptce import scoring
from ess_graph.vocab.namespaces import ESS

from .ptce_graphs import TinyTerritory, cooperating_trio, view_of


def trio(year=2011, status="done") -> TinyTerritory:
    territory = TinyTerritory()
    territory.ess("assoc", themes=("food",))
    territory.enterprise("firm", commune="a2", themes=("food",))
    territory.partnership("assoc", "firm", "epci-a", status=status, year=year)
    return territory


def test_links_done_for_three_years_give_full_continuity():
    value, detail = scoring.continuity(view_of(trio(2011), "assoc", "firm", "epci-a", reference_year=2014))
    assert value == 1.0
    assert detail == "3 of 3 cooperation links done or under way; cooperating since 2011 (3 year(s) to 2014)"


def test_links_only_planned_this_year_give_no_continuity():
    view = view_of(trio(2014, "planned"), "assoc", "firm", "epci-a", reference_year=2014)
    assert scoring.continuity(view)[0] == 0.0


def test_continuity_averages_realised_share_and_duration():
    territory = trio(2013)
    territory.ess("newcomer")
    territory.partnership("assoc", "newcomer", status="planned", year=2014)
    view = view_of(territory, "assoc", "firm", "epci-a", "newcomer", reference_year=2014, continuity_years=2)
    # 3 of 4 links realised; since 2013, one year of the two that give full marks
    assert scoring.continuity(view)[0] == pytest.approx((3 / 4 + 1 / 2) / 2)


def test_the_reference_year_defaults_to_the_latest_year_in_the_data():
    territory = trio(2011)
    territory.supports("epci-b", "assoc", year=2016)
    view = view_of(territory, "assoc", "firm", "epci-a")
    assert view.coop.reference_year == 2016


def test_density_is_the_share_of_cooperating_pairs_against_the_target():
    territory = TinyTerritory()
    for name in ("a", "b", "c", "d"):
        territory.ess(name)
    territory.partnership("a", "b")
    territory.partnership("c", "d")
    value, detail = scoring.density(view_of(territory, "a", "b", "c", "d", target_density=0.5))
    assert detail == "2 of 6 member pairs cooperate"
    assert value == pytest.approx((2 / 6) / 0.5)


def test_a_fully_linked_trio_has_full_density():
    assert scoring.density(view_of(trio(), "assoc", "firm", "epci-a"))[0] == 1.0


def test_diversity_counts_the_five_families():
    territory = trio()
    territory.research("lab")
    territory.support_body("incubator")
    assert scoring.diversity(view_of(territory, "assoc", "firm", "epci-a"))[0] == pytest.approx(3 / 5)
    assert scoring.diversity(view_of(territory, "assoc", "firm", "epci-a", "lab", "incubator"))[0] == 1.0


def test_a_theme_shared_by_every_informed_member_scores_full():
    value, detail = scoring.shared_theme(view_of(trio(), "assoc", "firm", "epci-a"))
    assert value == 1.0 and detail.endswith("2 of 2 members with a known theme or sector")


def test_members_with_nothing_in_common_score_no_shared_theme():
    territory = TinyTerritory()
    territory.ess("theatre", themes=("culture",))
    territory.enterprise("garage", themes=("mobility",))
    assert scoring.shared_theme(view_of(territory, "theatre", "garage"))[0] == 0.0


def test_a_sub_theme_counts_for_its_broader_theme():
    territory = TinyTerritory()
    territory.ess("shop", themes=("short-supply-chains",))
    territory.enterprise("farm", themes=("sustainable-agriculture",))
    value, detail = scoring.shared_theme(view_of(territory, "shop", "farm"))
    assert value == 1.0 and detail.startswith("alimentation")


def test_an_authority_cooperating_anchors_the_group():
    assert scoring.public_anchoring(view_of(trio(), "assoc", "firm", "epci-a"))[0] == 1.0


def test_an_authority_that_only_funds_anchors_half():
    territory = TinyTerritory()
    territory.ess("assoc")
    territory.enterprise("firm")
    territory.partnership("assoc", "firm")
    territory.funds("epci-a", "assoc")
    assert scoring.public_anchoring(view_of(territory, "assoc", "firm"))[0] == 0.5


def test_no_public_body_no_anchoring():
    territory = TinyTerritory()
    cooperating_trio(territory)
    assert scoring.public_anchoring(view_of(territory, "assoc", "firm"))[0] == 0.0


@pytest.mark.parametrize(("size", "expected"), [(3, 0.2), (15, 1.0), (30, 0.5)])
def test_size_scores_best_near_fifteen_legal_persons(size, expected):
    territory = TinyTerritory()
    territory.group("members", ESS.ESSStructure, size=size)
    assert scoring.size(view_of(territory, "members"))[0] == pytest.approx(expected)


def test_a_star_around_one_hub_is_fully_centralised():
    territory = TinyTerritory()
    territory.ess("hub")
    for leaf in ("x", "y", "z"):
        territory.ess(leaf)
        territory.supports("hub", leaf)
    value, detail = scoring.star_centralisation(view_of(territory, "hub", "x", "y", "z"))
    assert value == 1.0 and detail == "hub has 3 of the 3 member links"


def test_a_triangle_has_no_centralisation():
    assert scoring.star_centralisation(view_of(trio(), "assoc", "firm", "epci-a"))[0] == 0.0


def test_total_is_the_weighted_mean_minus_the_star_penalty():
    territory = TinyTerritory()
    territory.ess("hub", themes=("food",))
    for leaf in ("x", "y"):
        territory.ess(leaf, themes=("food",))
        territory.supports("hub", leaf, year=2014)
    only_theme = dict(score_continuity=0, score_density=0, score_diversity=0, score_public_anchoring=0,
                      score_size=0, score_shared_theme=1, score_star_penalty=0)
    assert scoring.score(view_of(territory, "hub", "x", "y", **only_theme)).total == 100.0
    penalised = {**only_theme, "score_star_penalty": 0.5}
    # shared theme 1 x 1, minus the path's centralisation 1 x 0.5, over a weight of 1
    assert scoring.score(view_of(territory, "hub", "x", "y", **penalised)).total == 50.0
