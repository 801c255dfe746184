"""The map in a real headless Chromium with the network cut: it draws, settles, searches, filters,
and shows hostile labels as text."""

import pytest

from ess_graph.mapping import MapView, map_network, write_map

from .browser import open_map
from .map_pages import network_of

pytestmark = pytest.mark.slow  # a real Chromium: seconds to start, about two a page

ESSD = "https://w3id.org/ess-graph/id/"
FADED = "#eeeeee"


@pytest.fixture(scope="module")
def calaisis_map(calaisis_network, tmp_path_factory):
    return write_map(map_network(calaisis_network), tmp_path_factory.mktemp("map") / "calaisis.html")


@pytest.fixture(scope="module")
def calaisis_page(browser, calaisis_map):
    opened = open_map(browser, calaisis_map)
    yield opened
    opened.page.close()


def test_the_calaisis_map_draws_every_node_and_link_offline_then_stops_moving(calaisis_page, calaisis_network):
    page = calaisis_page.page
    drawn = page.evaluate("""() => ({
        nodes: essMap.network.body.nodeIndices.length, edges: essMap.network.body.edgeIndices.length,
        visible: essMap.visibleCounts(), physics: essMap.network.physics.physicsEnabled})""")
    assert drawn["nodes"] == drawn["visible"]["nodes"] == calaisis_network.number_of_nodes()
    assert drawn["edges"] == drawn["visible"]["edges"] == calaisis_network.number_of_edges()
    assert drawn["physics"] is False, "the layout settled and the simulation stopped"
    before = page.evaluate("essMap.network.getPositions()")
    page.wait_for_timeout(400)
    assert page.evaluate("essMap.network.getPositions()") == before, "nothing jiggles"
    assert calaisis_page.blocked == [] and calaisis_page.errors() == []


def test_the_same_map_opens_with_the_same_layout(browser, calaisis_page, calaisis_map):
    again = open_map(browser, calaisis_map)
    try:
        first = calaisis_page.page.evaluate("essMap.network.getPositions()")
        second = again.page.evaluate("essMap.network.getPositions()")
    finally:
        again.page.close()
    assert {k: (round(p["x"]), round(p["y"])) for k, p in first.items()} == {
        k: (round(p["x"]), round(p["y"])) for k, p in second.items()}


def test_searching_a_name_without_its_accent_finds_it_and_enter_shows_its_neighbours(calaisis_page):
    page = calaisis_page.page
    page.fill("#search", "galilee")
    assert page.text_content("#search-results") == "Galilée"
    assert page.text_content("#search-count") == "1 résultat(s)"
    page.press("#search", "Enter")
    # Galilée accompanies La Note Bleue, Le Son du Chablon and Producteurs en Calaisis.
    lit = page.evaluate(f"""() => essMap.nodes.get({{filter: n => n.color !== "{FADED}"}})
                                   .map(n => n.label).sort()""")
    assert lit == ["Galilée", "La Note Bleue", "Le Son du Chablon", "Producteurs en Calaisis"]
    assert "Galilée" in page.text_content("#selection-details")
    page.click("#reset")
    assert page.evaluate(f"essMap.nodes.get({{filter: n => n.color === '{FADED}'}}).length") == 0


def test_the_territory_and_kind_filters_show_what_the_command_line_view_shows(calaisis_page, calaisis_network):
    page = calaisis_page.page
    page.select_option("#territory", ESSD + "ruminghem")
    shown = page.evaluate("essMap.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()")
    assert shown == sorted(MapView(territory=ESSD + "ruminghem").apply(calaisis_network))
    page.select_option("#territory", "")
    page.uncheck('input[name="kind"][value="person"]')
    kinds = page.evaluate("essMap.nodes.get({filter: n => !n.hidden}).map(n => n.kind)")
    persons = sum(1 for _, kind in calaisis_network.nodes(data="kind") if kind == "person")
    assert "person" not in kinds and len(kinds) == calaisis_network.number_of_nodes() - persons
    page.click("#reset")
    assert page.evaluate("essMap.visibleCounts().nodes") == calaisis_network.number_of_nodes()
    assert calaisis_page.errors() == []


def test_hostile_labels_show_as_text_and_never_run(browser, tmp_path):
    script = "<script>window.pwned = 1</script>"
    image = '<img src=x onerror="window.pwned = 2">'
    network = network_of({ESSD + "a": {"label": script, "description": image},
                          ESSD + "b": {"label": image, "kind": "support", "description": 'say "href" & go'}},
                         [(ESSD + "b", ESSD + "a", "support")])
    opened = open_map(browser, write_map(map_network(network, MapView(focus=ESSD + "a")), tmp_path / "x.html"))
    page = opened.page
    try:
        box = page.locator("#map").bounding_box()
        spot = page.evaluate(f"essMap.network.canvasToDOM(essMap.network.getPositions(['{ESSD}a'])['{ESSD}a'])")
        page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
        page.wait_for_selector(".vis-tooltip", state="visible")
        assert page.text_content(".vis-tooltip").startswith(script)
        page.evaluate(f"essMap.select('{ESSD}b', false)")
        assert image in page.text_content("#selection-details")
        assert page.evaluate("window.pwned") is None
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.title().startswith("Carte du réseau de l'ESS — autour de " + script)
        assert opened.errors() == [] and opened.blocked == []
    finally:
        page.close()


def test_the_geographic_map_settles_offline_without_errors(browser, calaisis_network, tmp_path):
    opened = open_map(browser, write_map(map_network(calaisis_network, layout="geo"), tmp_path / "geo.html"))
    try:
        calais = opened.page.evaluate(f"essMap.network.getPositions(['{ESSD}calais'])['{ESSD}calais']")
        ruminghem = opened.page.evaluate(f"essMap.network.getPositions(['{ESSD}ruminghem'])['{ESSD}ruminghem']")
        assert calais["x"] < ruminghem["x"] and calais["y"] < ruminghem["y"], "Calais is north-west of Ruminghem"
        assert opened.errors() == [] and opened.blocked == []
    finally:
        opened.page.close()


def test_a_request_the_page_makes_beyond_its_file_is_blocked_and_recorded(browser, calaisis_network, tmp_path):
    # the other tests find nothing blocked and no error: a page that asks for an image finds both
    path = write_map(map_network(calaisis_network, MapView(focus=ESSD + "galilee", depth=0)), tmp_path / "probe.html")
    probe = "http://127.0.0.1:9/probe.png"  # loopback; the request is aborted before it is sent
    path.write_text(path.read_text(encoding="utf-8").replace("</body>", f'<img src="{probe}"></body>'),
                    encoding="utf-8")
    opened = open_map(browser, path)
    try:
        assert opened.blocked == [probe]
        assert [kind for kind, _ in opened.errors()] == ["error"]
    finally:
        opened.page.close()
