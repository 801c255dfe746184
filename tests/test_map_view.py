"""Finding what a user names, and the focused views: one actor, one territory, some links, some kinds."""

import re

import pytest
from rdflib import URIRef

from ess_graph.errors import AmbiguousName, EssGraphError, InvalidValue, MapTooLarge, NameNotFound
from ess_graph.mapping import MapView, map_network
from ess_graph.sparql.names import resolve_name

ESSD = "https://w3id.org/ess-graph/id/"


def is_territory(attrs) -> bool:
    return "territory" in attrs["kinds"]


@pytest.mark.parametrize("name", ["Galilée", "galilee", "  GALILEE ", "essd:galilee", ESSD + "galilee"])
def test_a_name_is_found_without_minding_accents_case_or_spaces_and_an_iri_always_works(calaisis, name):
    assert resolve_name(calaisis, "node", name) == URIRef(ESSD + "galilee")


def test_a_spelling_of_a_label_and_a_unique_part_of_a_name_are_enough(calaisis):
    assert resolve_name(calaisis, "node", "pas de calais") == URIRef(ESSD + "pas-de-calais")
    assert resolve_name(calaisis, "node", "note bleue") == URIRef(ESSD + "la-note-bleue")


def test_an_ambiguous_name_lists_the_candidates_on_one_line_and_carries_their_iris(calaisis):
    with pytest.raises(AmbiguousName) as error:
        resolve_name(calaisis, "node", "producteurs")
    message = str(error.value)
    assert "\n" not in message and message.startswith("'producteurs' names ")
    for candidate in ("Producteurs en Calaisis (essd:producteurs-en-calaisis)",
                      "Formation des Producteurs en Calaisis dans l'Ain"):
        assert candidate in message
    assert str(ESSD) + "producteurs-en-calaisis" in error.value.candidates


def test_an_exact_name_wins_over_names_that_contain_it(calaisis):
    assert resolve_name(calaisis, "node", "Vieille-Église") == URIRef(ESSD + "vieille-eglise")


def test_an_unknown_name_suggests_close_ones(calaisis):
    with pytest.raises(NameNotFound, match=r"^no actor, project, programme or territory is named "
                                           r"'Galile'; closest: Galilée") as error:
        resolve_name(calaisis, "node", "Galile")
    assert error.value.suggestions[0] == "Galilée"


def test_a_territory_is_sought_among_territories_only(calaisis):
    assert resolve_name(calaisis, "territory", "calais") == URIRef(ESSD + "calais")
    with pytest.raises(EssGraphError, match="no territory is named 'Galilée'"):
        resolve_name(calaisis, "territory", "Galilée")


def labels(network) -> set[str]:
    return {label for _, label in network.nodes(data="label")}


def test_a_focus_shows_the_actor_and_what_it_is_directly_linked_to(calaisis_network):
    # Galilée accompanies La Note Bleue (line 299), Le Son du Chablon (333), Producteurs en Calaisis (432).
    view = MapView(focus=ESSD + "galilee").apply(calaisis_network)
    assert labels(view) == {"Galilée", "La Note Bleue", "Le Son du Chablon", "Producteurs en Calaisis"}
    assert {kind for *_, kind in view.edges(data="kind")} == {"support"}


def test_a_deeper_focus_reaches_further_and_depth_zero_is_the_actor_alone(calaisis_network):
    one = MapView(focus=ESSD + "galilee").apply(calaisis_network)
    two = MapView(focus=ESSD + "galilee", depth=2).apply(calaisis_network)
    assert set(one) < set(two) and "Ruminghem" in labels(two)
    assert labels(MapView(focus=ESSD + "galilee", depth=0).apply(calaisis_network)) == {"Galilée"}


def test_a_territory_view_keeps_its_actors_and_their_direct_partners_from_elsewhere(calaisis_network):
    view = MapView(territory=ESSD + "ruminghem").apply(calaisis_network)
    assert {"La Note Bleue", "Ruminghem", "Galilée"} <= labels(view)
    assert not {"Le Son du Chablon", "Calais", "Terre d'Opale"} & labels(view)


def test_a_relation_filter_keeps_those_links_and_the_nodes_they_join(calaisis_network):
    view = MapView(relations=frozenset({"funding"})).apply(calaisis_network)
    assert {kind for *_, kind in view.edges(data="kind")} == {"funding"}
    assert {"Boulangerie solidaire", "Région Nord-Pas-de-Calais", "Marck"} <= labels(view)
    assert all(view.degree(node) > 0 for node in view)


def test_a_kind_filter_keeps_nodes_of_those_kinds_and_a_commune_counts_as_a_territory(calaisis_network):
    view = MapView(kinds=frozenset({"territory"})).apply(calaisis_network)
    assert {"Calais", "Pays du Calaisis", "Côte d'Opale"} <= labels(view)
    assert "Galilée" not in labels(view)
    other = MapView(kinds=frozenset({"other"})).apply(calaisis_network)
    assert "Galilée" not in labels(other), "every organisation is also an 'other organisation'; it does not count"


def test_filters_compose_and_the_focus_is_always_kept(calaisis_network):
    view = MapView(focus=ESSD + "galilee", kinds=frozenset({"ess"})).apply(calaisis_network)
    assert labels(view) == {"Galilée", "La Note Bleue", "Le Son du Chablon", "Producteurs en Calaisis"}
    alone = MapView(focus=ESSD + "galilee", relations=frozenset({"funding"})).apply(calaisis_network)
    assert labels(alone) == {"Galilée"}


@pytest.mark.parametrize(("view", "field", "message"), [
    (dict(relations=frozenset({"funding", "gift"})), "relations", "relations: unknown gift (choose among funding, "),
    (dict(kinds=frozenset({"bank"})), "kinds", "kinds: unknown bank (choose among person, "),
    (dict(depth=-1), "depth", "depth: -1 is negative"),
])
def test_bad_view_options_are_one_line_errors_naming_the_field(view, field, message):
    with pytest.raises(InvalidValue, match="^" + re.escape(message)) as caught:
        MapView(**view)
    assert caught.value.field == field


@pytest.mark.parametrize("field", ["focus", "territory"])
def test_a_focus_or_territory_outside_the_network_is_an_error(calaisis_network, field):
    with pytest.raises(InvalidValue, match=f"^{field}: https://example.org/x is not a node of the network$") as caught:
        MapView(**{field: "https://example.org/x"}).apply(calaisis_network)
    assert caught.value.field == field


def test_a_map_larger_than_a_browser_can_lay_out_is_refused_with_a_way_out(calaisis_network):
    with pytest.raises(MapTooLarge, match=r"^the map would have 114 nodes, more than a browser can lay out \(100\): "
                                          r"draw one actor's surroundings \(a view with a focus\), or a smaller "
                                          r"territory$") as caught:
        map_network(calaisis_network, max_nodes=100)
    assert (caught.value.nodes, caught.value.limit, caught.value.at_least) == (114, 100, False)
