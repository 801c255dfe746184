"""Where nodes go: by coordinates for the geographic layout, precomputed and frozen for large networks."""

import math

from ess_graph.mapping import map_html, map_network
from ess_graph.mapping.layout import SPACING, geo_positions

from .map_pages import network_of, read_page

ESSD = "https://w3id.org/ess-graph/id/"


def test_the_geographic_layout_reads_like_the_territory(calaisis_network):
    # Calais (50.95 N, 1.85 E) is north-west of Ruminghem (50.84 N, 2.09 E) and west of Vieille-Église (2.08 E).
    at = geo_positions(calaisis_network).positions
    calais, ruminghem, vieille = at[ESSD + "calais"], at[ESSD + "ruminghem"], at[ESSD + "vieille-eglise"]
    assert calais[0] < ruminghem[0] and calais[1] < ruminghem[1]
    assert calais[0] < vieille[0]


def test_actors_of_one_commune_spread_around_it_the_commune_in_the_middle():
    network = network_of({
        ESSD + "town": {"kind": "authority", "kinds": ["authority", "territory"], "lat": 50.9, "long": 1.9},
        ESSD + "a": {"lat": 50.9, "long": 1.9}, ESSD + "b": {"lat": 50.9, "long": 1.9},
        ESSD + "far": {"lat": 50.8, "long": 2.0},
    })
    at = geo_positions(network).positions
    town = at[ESSD + "town"]
    assert at[ESSD + "a"] != at[ESSD + "b"] and town not in (at[ESSD + "a"], at[ESSD + "b"])
    for actor in ("a", "b"):
        assert math.dist(at[ESSD + actor], town) <= 2 * SPACING


def test_a_node_without_coordinates_starts_between_the_nodes_it_links_and_may_move():
    network = network_of({
        ESSD + "west": {"lat": 50.9, "long": 1.8}, ESSD + "east": {"lat": 50.9, "long": 2.0},
        ESSD + "between": {}, ESSD + "lonely": {},
    }, [(ESSD + "between", ESSD + "west", "partnership"), (ESSD + "between", ESSD + "east", "support")])
    placement = geo_positions(network)
    west, east = placement.positions[ESSD + "west"], placement.positions[ESSD + "east"]
    assert placement.positions[ESSD + "between"] == ((west[0] + east[0]) / 2, (west[1] + east[1]) / 2)
    assert placement.movable == {ESSD + "between"}
    assert placement.positions[ESSD + "lonely"][1] > max(west[1], east[1]), "unlinked nodes wait under the map"
    page = read_page(map_html(map_network(network, layout="geo")))
    fixed = {n["label"] for n in page.nodes if n.get("fixed")}
    assert fixed == {"west", "east", "lonely"} and page.options["physics"]["enabled"]


def test_the_geographic_layout_is_the_same_every_time(calaisis_network):
    assert geo_positions(calaisis_network) == geo_positions(calaisis_network.copy())


def test_a_network_above_the_threshold_opens_with_a_frozen_precomputed_layout():
    network = network_of({ESSD + k: {} for k in "abcde"},
                         [(ESSD + "a", ESSD + "b", "support"), (ESSD + "b", ESSD + "c", "partnership"),
                          (ESSD + "c", ESSD + "d", "funding")])
    page = read_page(map_html(map_network(network, freeze_above=3)))
    assert page.settings["layout"] == "fixed" and not page.options["physics"]["enabled"]
    assert all("x" in n and "y" in n and "fixed" not in n for n in page.nodes), "placed, and still draggable"
    linked_bottom = max(n["y"] for n in page.nodes if n["label"] != "e")
    assert page.node("e")["y"] > linked_bottom, "the unlinked node is lined up under the others"
    assert map_html(map_network(network, freeze_above=3)) == page.html, "the precomputed layout is seeded"
