"""The map page as HTML: self-contained, escaped, with its legend, and the Calaisis links drawn
the way the newsletter describes them."""

import re

import pytest

from ess_graph.errors import EssGraphError, InvalidValue
from ess_graph.mapping import MapView, Overlay, OverlayGroup, map_html, map_network
from ess_graph.mapping.render import _asset
from ess_graph.mapping.style import EDGE_STYLES, NODE_STYLES

from .map_pages import elements, legend_entries, network_of, read_page

ESSD = "https://w3id.org/ess-graph/id/"
TEXT_ONLY_URLS = {
    # vis-network's licence header and error messages, and the SVG namespace it creates elements
    # in: text in the script, never fetched.
    "https://visjs.github.io/vis-network/", "http://almende.com", "https://github.com/visjs",
    "http://www.apache.org/licenses/LICENSE-2.0", "http://opensource.org/licenses/MIT",
    "http://www.w3.org/2000/svg", "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/zloirock/core-js", "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
}


@pytest.fixture(scope="module")
def calaisis_page(calaisis_network):
    return read_page(map_html(map_network(calaisis_network)))


def test_the_page_loads_no_script_stylesheet_or_font_from_the_network(calaisis_page):
    html = calaisis_page.html
    tags = elements(html)
    assert not [t for t, a in tags if t == "link" or "src" in a or "href" in a], "no element may load a resource"
    assert not re.search(r"@import|@font-face", html)
    assert all(url.startswith("data:") for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", html))
    urls = set(re.findall(r"https?://[^\s\"'<>)\\]+", html))
    data_iris = {u for u in urls if u.startswith("https://w3id.org/ess-graph/")}
    assert urls - data_iris <= TEXT_ONLY_URLS
    assert sum(1 for tag, _ in tags if tag == "script") == 6, "four data blocks, vis-network and the page script"


def test_markup_in_names_and_descriptions_shows_as_text():
    script = "<script>window.pwned = 1</script>"
    image = '<img src=x onerror="window.pwned = 2">'
    quotes = "Chez \"Léa\" & l'atelier <b>href</b>"
    network = network_of({
        ESSD + "a": {"label": script, "description": image, "sectors": ["x"], "sector_names": [image],
                     "territories": [ESSD + "t"]},
        ESSD + "b": {"label": quotes, "kind": "support", "contact": image},
        ESSD + "t": {"label": image, "kind": "territory", "kinds": ["territory"], "territories": [ESSD + "t"]},
    }, [(ESSD + "b", ESSD + "a", "support"), (ESSD + "a", ESSD + "t", "location")])
    overlay = Overlay(quotes, [OverlayGroup("g", script, "#123456", description=image)], {ESSD + "a": "g"},
                      notes={ESSD + "a": [image]})
    html = map_html(map_network(network, MapView(focus=ESSD + "a"), overlay=overlay, title=quotes))
    for payload in ("<script>window", "<img src=x", "<b>href", '"Léa"'):
        assert payload not in html
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html, "the focus label is escaped in the heading"
    page = read_page(html)
    assert {n["label"] for n in page.nodes} == {script, quotes, image}, "labels come back intact, as text"
    assert image in page.node(script)["title"] and "Chez \"Léa\"" in page.edges_between(quotes, script)[0]["title"]
    assert "innerHTML" not in _asset("map.js"), "the page's script never parses data as HTML"


def test_the_legend_names_each_kind_of_node_and_link_drawn(calaisis_page):
    kinds = legend_entries(calaisis_page.html, "kind")
    relations = legend_entries(calaisis_page.html, "relation")
    assert set(kinds) == {n["kind"] for n in calaisis_page.nodes}
    assert set(relations) == {e["kind"] for e in calaisis_page.edges}
    assert {kinds["ess"], kinds["authority"], kinds["support"], kinds["programme"], kinds["initiative"]} == {
        "structure de l&#39;ESS", "collectivité locale", "organisme d&#39;appui ou réseau", "programme ou fonds",
        "projet ou événement"}
    assert {relations["funding"], relations["partnership"], relations["location"]} == {
        "financement", "partenariat", "localisation"}
    assert "tireté : lien prévu ou possible" in calaisis_page.html
    assert "taille : emplois si connus, sinon nombre de liens" in calaisis_page.html


def test_the_legend_speaks_english_when_asked(calaisis_network):
    html = map_html(map_network(calaisis_network, lang="en"))
    assert legend_entries(html, "kind")["ess"] == "SSE structure"
    assert legend_entries(html, "relation")["funding"] == "funding"
    assert "dashed: planned or possible link" in html


def test_each_kind_has_its_own_colour_and_shape(calaisis_page):
    for label, kind in [("Galilée", "support"), ("Terre d'Opale", "ess"), ("Calais", "authority"),
                        ("Pays du Calaisis", "territory"), ("Fonds local d'initiatives de Pays", "programme"),
                        ("Boulangerie solidaire", "initiative"), ("État", "state")]:
        node = calaisis_page.node(label)
        assert node["kind"] == kind
        assert (node["shape"], node["color"]) == (NODE_STYLES[kind].shape, NODE_STYLES[kind].colour)
    shapes = {(s.shape, s.colour) for s in NODE_STYLES.values()}
    assert len(shapes) == len(NODE_STYLES), "no two kinds look alike"


def test_the_five_fundings_announced_for_the_solidarity_bakery_are_dashed_arrows(calaisis_page):
    # Source lines 386-390: the Région (economic policy and Pays policy), the Département
    # (insertion policy) and Cap Calaisis (SSE policy) are to fund it; Calais "pourrait" fund it.
    bakery = calaisis_page.node("Boulangerie solidaire")["id"]
    fundings = [e for e in calaisis_page.edges if e["to"] == bakery and e["kind"] == "funding"]
    funders = sorted(calaisis_page.nodes[[n["id"] for n in calaisis_page.nodes].index(e["from"])]["label"]
                     for e in fundings)
    assert funders == ["Calais", "Cap Calaisis Terre d'Opale", "Département du Pas-de-Calais",
                       "Région Nord-Pas-de-Calais", "Région Nord-Pas-de-Calais"]
    assert all(e.get("dashes") and e["arrows"] == "to" for e in fundings)
    assert all(e["color"] == EDGE_STYLES["funding"].colour and e["width"] == 3.0 for e in fundings)
    labels = sorted(e.get("label", "").lower() for e in fundings)
    assert labels[0] == "", "Calais's possible direct funding has no programme"
    assert [any(word in label for label in labels) for word in ("économique", "pays", "insertion", "ess")] == [True] * 4


def test_funding_already_granted_is_solid_and_labelled_with_its_programme(calaisis_page):
    # Source line 362: Marck, the FLIP and the pension funds support the film screening.
    film = "Projection-débat du film de mémoire de Marck"
    (marck,) = calaisis_page.edges_between("Marck", film, "funding")
    (flip,) = calaisis_page.edges_between("Syndicat mixte du Pays du Calaisis", film, "funding")
    assert "dashes" not in marck and "dashes" not in flip
    assert flip["label"] == "Fonds local d'initiatives de Pays"
    assert "label" not in marck


def test_partners_are_joined_without_arrows_and_support_points_to_the_supported(calaisis_page):
    # Source: the food hub gathers the CCRA, Les Anges Gardins and Terre d'Opale; Galilée
    # accompanies La Note Bleue (line 299).
    partners = ["Communauté de communes de la Région d'Audruicq", "Les Anges Gardins", "Terre d'Opale"]
    for i, a in enumerate(partners):
        for b in partners[i + 1:]:
            (edge,) = (calaisis_page.edges_between(a, b, "partnership")
                       or calaisis_page.edges_between(b, a, "partnership"))
            assert edge["arrows"] == "" and edge["color"] == EDGE_STYLES["partnership"].colour
    (support,) = calaisis_page.edges_between("Galilée", "La Note Bleue", "support")
    assert support["arrows"] == "to" and "dashes" not in support


def test_nodes_are_sized_by_jobs_when_known_otherwise_by_links(calaisis_page):
    # Les Anges Gardins: 5 supervisors and over 20 insertion posts; La Note Bleue: one employee.
    assert calaisis_page.node("Les Anges Gardins")["size"] > calaisis_page.node("La Note Bleue")["size"]
    hub, leaf = calaisis_page.node("Stratégie ESS du Calaisis"), calaisis_page.node("Michel Abhervé")
    assert hub["size"] > leaf["size"]


def test_a_tooltip_tells_what_an_officer_asks_first(calaisis_page):
    # Source lines 289-303: La Note Bleue, Ruminghem, 277 members, one employee, phone and e-mail.
    title = calaisis_page.node("La Note Bleue")["title"]
    lines = title.split("\n")
    assert lines[0] == "La Note Bleue" and lines[1] == "structure de l'ESS"
    for fact in ("Forme juridique : association", "Localisation : Ruminghem", "277 adhérents", "21 35 33 21",
                 "lanotebleue@live.com", "Source : ", "La Note Bleue (lines 287-303)"):
        assert fact in title
    bakery = calaisis_page.node("Boulangerie solidaire")["id"]
    (calais,) = [e for e in calaisis_page.edges if e["to"] == bakery and e.get("label") is None
                 and e["kind"] == "funding"]
    assert calais["title"].split("\n")[:2] == ["financement (possible)", "Calais → Boulangerie solidaire"]


def test_links_not_yet_made_are_dashed_and_done_ones_solid(calaisis_page):
    assert {e["status"] for e in calaisis_page.edges if e.get("dashes")} == {"planned", "possible"}
    assert {e["status"] for e in calaisis_page.edges if not e.get("dashes")} == {"done", "in-progress"}


def test_the_force_layout_is_seeded_and_stops_after_stabilising(calaisis_page):
    physics, layout = calaisis_page.options["physics"], calaisis_page.options["layout"]
    assert physics["enabled"] and physics["stabilization"]["enabled"] and isinstance(layout["randomSeed"], int)
    assert calaisis_page.settings["layout"] == "simulated"
    assert "setOptions({physics: {enabled: false}})" in _asset("map.js")


def test_the_same_network_gives_the_same_page(calaisis_network):
    shuffled = calaisis_network.__class__()
    shuffled.add_nodes_from(reversed(list(calaisis_network.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(calaisis_network.edges(keys=True, data=True))))
    assert map_html(map_network(shuffled)) == map_html(map_network(calaisis_network))


def test_each_map_keeps_its_own_page_settings(calaisis_network):
    focused = map_network(calaisis_network, MapView(focus=ESSD + "galilee"))
    whole = map_network(calaisis_network, lang="en")
    assert '<p id="summary">autour de Galilée (profondeur 1)</p>' in map_html(focused)
    assert 'id="summary"' not in map_html(whole) and '<html lang="en">' in map_html(whole)


def test_an_overlay_colours_its_groups_fades_the_rest_and_adds_legend_and_tooltip_lines(calaisis_network):
    terre, anges = ESSD + "terre-d-opale", ESSD + "anges-gardins"
    overlay = Overlay("PTCE candidats", [OverlayGroup("vieille-eglise", "Pôle de Vieille-Église", "#aa3377")],
                      {terre: "vieille-eglise", anges: "vieille-eglise"},
                      notes={terre: ["score 0.8", "manque : une entreprise classique"]})
    page = read_page(map_html(map_network(calaisis_network, overlay=overlay)))
    assert legend_entries(page.html, "group") == {"vieille-eglise": "Pôle de Vieille-Église", "": "hors groupe"}
    terre_node = page.node("Terre d'Opale")
    assert terre_node["color"] == "#aa3377" and terre_node["group_key"] == "vieille-eglise"
    assert terre_node["title"].endswith("PTCE candidats : Pôle de Vieille-Église\nscore 0.8\n"
                                        "manque : une entreprise classique")
    assert terre_node["shape"] == NODE_STYLES["ess"].shape, "the shape still tells the kind"
    assert page.node("Galilée")["color"] != NODE_STYLES["support"].colour, "others are faded"


def test_an_overlay_refuses_a_colour_that_is_not_hex():
    with pytest.raises(EssGraphError, match="colour 'red;x' is not #rgb or #rrggbb"):
        OverlayGroup("g", "G", "red;x")
    with pytest.raises(EssGraphError, match="unknown groups h"):
        Overlay("O", [OverlayGroup("g", "G", "#fff")], {"n": "h"})


def test_an_unknown_layout_is_a_one_line_error(calaisis_network):
    with pytest.raises(InvalidValue, match="^layout: unknown layout 'circle' \\(choose among force, geo\\)$") as caught:
        map_network(calaisis_network, layout="circle")
    assert caught.value.field == "layout"
