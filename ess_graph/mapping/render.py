"""Turning the networkx projection into a pyvis network and a self-contained HTML page.

Any network with the attributes of :func:`ess_graph.network.to_networkx` renders: nodes carry
``label``, ``kind``, ``kinds``, ``territories``, ``sectors``... and edges ``kind``, ``status``,
``label``. pyvis holds the nodes, edges and vis-network options; the page around them is our
own template (``assets/map.html.j2``), because pyvis's template loads Bootstrap and tom-select
from CDNs and shows some tooltips with ``innerHTML``. vis-network itself is inlined from the
copy pyvis ships, so the file works with the network cut.
"""

import colorsys
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis as pyvis_package
from jinja2 import Environment, FunctionLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from ..errors import EssGraphError, InvalidValue, MapTooLarge
from ..io.files import write_text_atomically
from .layout import Placement, frozen_force_positions, geo_positions
from .overlay import Overlay
from .style import (
    DASHED_STATUSES,
    EDGE_STYLES,
    NODE_STYLES,
    WORDS,
    check_language,
    edge_kind_label,
    fact,
    kind_label,
    node_size,
    separator,
    word,
)
from .tooltips import edge_tooltip, node_tooltip
from .view import WHOLE_NETWORK, MapView

LAYOUTS = ("force", "geo")
FREEZE_ABOVE = 1000
"""Above this many nodes the force layout is computed before the page opens and frozen: letting
the browser simulate thousands of nodes would leave the page busy for too long (see
``benchmarks/map_benchmark.py``)."""
MAX_MAP_NODES = 3000
"""Above this many nodes a map is refused: its layout takes a minute to compute, and the page
becomes a hairball where searching and filtering lag (4,000 nodes: 41 s to build, 0.3-0.4 s per
search or filter; see ``benchmarks/map_benchmark.py``)."""
NARROW_A_MAP = "draw one actor's surroundings (a view with a focus), or a smaller territory"
"""How a map too large to draw is narrowed, in the library's words (the command line names its options)."""
LAYOUT_SEED = 20141101
"""Seed of every random start, so that the same network always gives the same picture."""
LIGHT_DRAWING_ABOVE = 300
"""Above this many nodes edges are drawn straight and hidden while the map is dragged or zoomed."""
TEMPLATE = "map.html.j2"


@dataclass
class PageSettings:
    """Everything the page shows besides nodes and edges: title, legend, filter choices, layout mode."""

    lang: str
    title: str
    summary: str
    layout: str
    kind_legend: list[dict]
    relation_legend: list[dict]
    territories: list[dict]
    sectors: list[dict]
    overlay: dict | None = None
    words: dict[str, str] = field(default_factory=dict)

    def script_data(self) -> dict:
        """The part the page's script reads (as JSON)."""
        return {"lang": self.lang, "layout": self.layout, "words": self.words,
                "overlay": self.overlay is not None}


class MapNetwork(Network):
    """A pyvis Network that renders as the ess-graph map page (see :func:`map_html`).

    ``page`` holds the legend and filter settings; pyvis passes its own fixed set of variables
    to templates, so the page settings reach ours as a global of this network's environment.

    Any network with the attributes of :func:`~ess_graph.network.to_networkx` draws; a few are
    enough:

    >>> import networkx as nx
    >>> network = nx.MultiDiGraph()
    >>> network.add_node("galilee", label="Galilée", kind="support")
    >>> network.add_node("la-note-bleue", label="La Note Bleue", kind="ess")
    >>> _ = network.add_edge("galilee", "la-note-bleue", kind="support", status="done")
    >>> page = map_network(network)
    >>> page.page.title, page.page.layout, [entry["label"] for entry in page.page.kind_legend]
    ("Carte du réseau de l'ESS", 'simulated', ["structure de l'ESS", "organisme d'appui ou réseau"])
    >>> page.edges
    [{'id': 'e0', 'title': 'accompagnement\\nGalilée → La Note Bleue', 'color': '#e67e22', 'width': 2.0, 'arrows': 'to',
      'kind': 'support', 'status': 'done', 'from': 'galilee', 'to': 'la-note-bleue'}]
    """

    def __init__(self, page: PageSettings):
        super().__init__(height="100%", width="100%", directed=True, heading=page.title, cdn_resources="in_line")
        self.page = page
        self.templateEnv = _environment()
        self.templateEnv.globals["page"] = page
        self.path = TEMPLATE


def check_map_size(nodes: int, max_nodes: int | None = MAX_MAP_NODES, *, at_least: bool = False,
                   narrow: str = NARROW_A_MAP) -> None:
    """Refuse a map of more nodes than a browser can lay out and read (a :class:`MapTooLarge`),
    saying how to narrow it: ``narrow`` lets the command line say so with its options.

    >>> check_map_size(4000)
    Traceback (most recent call last):
    ...
    ess_graph.errors.MapTooLarge: the map would have 4,000 nodes, more than a browser can lay out (3,000): \
draw one actor's surroundings (a view with a focus), or a smaller territory

    >>> check_map_size(114) is None
    True
    >>> try:
    ...     check_map_size(40_000, at_least=True)
    ... except EssGraphError as error:
    ...     print(str(error).split(": ")[0])
    the map would have at least 40,000 nodes, more than a browser can lay out (3,000)
    """
    if max_nodes is not None and nodes > max_nodes:
        count = f"at least {nodes:,}" if at_least else f"{nodes:,}"
        raise MapTooLarge(f"the map would have {count} nodes, more than a browser can lay out ({max_nodes:,}): "
                          f"{narrow}", nodes=nodes, limit=max_nodes, at_least=at_least)


def map_network(
    network: nx.MultiDiGraph,
    view: MapView = WHOLE_NETWORK,
    *,
    layout: str = "force",
    overlay: Overlay | None = None,
    lang: str = "fr",
    title: str | None = None,
    freeze_above: int = FREEZE_ABOVE,
    max_nodes: int | None = MAX_MAP_NODES,
    narrow: str = NARROW_A_MAP,
) -> MapNetwork:
    """The map of ``network`` (or of the part ``view`` selects) as a pyvis Network.

    ``layout`` is ``force`` (simulated in the page, then stopped; precomputed and frozen above
    ``freeze_above`` nodes) or ``geo`` (nodes at their commune's coordinates). ``overlay``
    colours groups of nodes (see :class:`~ess_graph.mapping.overlay.Overlay`). A view of more
    than ``max_nodes`` nodes is refused (None draws anything) with a
    :class:`~ess_graph.errors.MapTooLarge` whose message ends with ``narrow``, how to narrow the
    map in the caller's words (the command line names its options). A bad ``layout`` or view is
    an :class:`~ess_graph.errors.InvalidValue` naming the argument.

    >>> import networkx as nx
    >>> map_network(nx.MultiDiGraph(), layout="circle")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: layout: unknown layout 'circle' (choose among force, geo)

    >>> from ess_graph import load_graph, to_networkx
    >>> page = map_network(to_networkx(load_graph()), MapView(focus="https://w3id.org/ess-graph/id/galilee"),
    ...                    lang="en")
    >>> sorted(node["label"] for node in page.nodes)
    ['Galilée', 'La Note Bleue', 'Le Son du Chablon', 'Producteurs en Calaisis']
    >>> page.page.summary
    'around Galilée (depth 1)'
    """
    check_language(lang)
    if layout not in LAYOUTS:
        raise InvalidValue(f"unknown layout '{layout}' (choose among {', '.join(LAYOUTS)})", field="layout")
    shown = view.apply(network)
    check_map_size(len(shown), max_nodes, narrow=narrow)
    placement = _placement(shown, layout, freeze_above)
    simulated = not placement.positions or (bool(placement.movable) and len(shown) <= freeze_above)
    page = PageSettings(
        lang=lang,
        title=title or word("title", lang),
        summary=describe_view(network, view, lang),
        layout="simulated" if simulated else "fixed",
        kind_legend=_kind_legend(shown, lang),
        relation_legend=_relation_legend(shown, lang),
        territories=_choices(network, shown, "territories"),
        sectors=_sector_choices(shown),
        overlay=_overlay_legend(shown, overlay),
        words={key: word(key, lang) for key in WORDS},
    )
    pyvis = MapNetwork(page)
    for node in sorted(shown):
        pyvis.add_node(node, **_vis_node(shown, node, placement, overlay, lang, pin=simulated))
    for index, (source, target, attrs, smooth) in enumerate(_sorted_edges(shown)):
        pyvis.add_edge(source, target, **_vis_edge(shown, source, target, attrs, lang, index, smooth))
    pyvis.options = _options(len(shown), physics=simulated)
    return pyvis


def map_html(pyvis: MapNetwork) -> str:
    """The page as one self-contained HTML string: vis-network and the page's script are inlined,
    so it opens offline and loads nothing from elsewhere.

    >>> import networkx as nx
    >>> network = nx.MultiDiGraph()
    >>> network.add_node("galilee", label="Galilée", kind="support")
    >>> network.add_node("la-note-bleue", label="La Note Bleue", kind="ess")
    >>> _ = network.add_edge("galilee", "la-note-bleue", kind="support", status="done")
    >>> html = map_html(map_network(network))
    >>> html.startswith('<!DOCTYPE html><html lang="fr">'), "<script src=" in html, "La Note Bleue" in html
    (True, False, True)
    """
    return str(pyvis.generate_html())


def write_map(pyvis: MapNetwork, path: Path | str) -> Path:
    """Write the page to ``path`` (UTF-8, atomically: a failure leaves no half-written file).

    >>> import tempfile
    >>> import networkx as nx
    >>> network = nx.MultiDiGraph()
    >>> network.add_node("galilee", label="Galilée", kind="support")
    >>> network.add_node("la-note-bleue", label="La Note Bleue", kind="ess")
    >>> _ = network.add_edge("galilee", "la-note-bleue", kind="support", status="done")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_map(map_network(network), Path(folder) / "galilee.html")
    ...     path.name, path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    ('galilee.html', True)
    """
    return write_text_atomically(path, map_html(pyvis))


def describe_view(network: nx.MultiDiGraph, view: MapView, lang: str) -> str:
    """One line saying what part of the network the map shows, for the page's heading."""
    parts = []
    if view.focus:
        parts.append(f"{word('focus', lang)} {_label(network, view.focus)} ({word('depth', lang)} {view.depth})")
    if view.territory:
        parts.append(f"{word('in_territory', lang)} {_label(network, view.territory)}")
    if view.relations:
        parts.append(fact("only_relations", ", ".join(edge_kind_label(k, lang) for k in sorted(view.relations)), lang))
    if view.kinds:
        parts.append(fact("only_kinds", ", ".join(kind_label(k, lang) for k in sorted(view.kinds)), lang))
    return " · ".join(parts)


def _placement(network: nx.MultiDiGraph, layout: str, freeze_above: int) -> Placement:
    """Where nodes start: nowhere (the page simulates from a seeded random start), at their
    coordinates, or at positions computed here for networks too large to simulate in the page."""
    if layout == "geo":
        return geo_positions(network)
    if len(network) > freeze_above:
        return frozen_force_positions(network, LAYOUT_SEED)
    return Placement({})


def _vis_node(network: nx.MultiDiGraph, node: str, placement: Placement, overlay: Overlay | None,
              lang: str, pin: bool) -> dict:
    """One vis-network node. vis derives the border and highlight shades from the one colour."""
    attrs = network.nodes[node]
    kind = attrs.get("kind") or "other"
    style = NODE_STYLES.get(kind, NODE_STYLES["other"])
    vis = {
        "label": attrs.get("label") or node,
        "shape": style.shape,
        "color": style.colour,
        "size": node_size(attrs.get("jobs"), network.degree(node)),
        "kind": kind,
    }
    extra: list[str] = []
    if overlay is not None:
        group = overlay.group_of(node)
        vis["group_key"] = group.key if group is not None else ""
        extra = list(overlay.notes.get(node, ()))
        if group is not None:
            vis.update(color=group.colour, borderWidth=3)
            extra.insert(0, f"{overlay.title}{separator(lang)}{group.label}")
        elif overlay.fade_others:
            vis.update(color=_lighter(style.colour), font={"color": "#9a9a9a"})
    vis["title"] = node_tooltip(attrs, lang, extra)
    for key in ("territories", "sectors"):
        if attrs.get(key):
            vis[key] = list(attrs[key])
    if node in placement.positions:
        x, y = placement.positions[node]
        vis.update(x=x, y=y)
        if pin and node not in placement.movable:
            vis["fixed"] = {"x": True, "y": True}
    return vis


def _sorted_edges(network: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict[str, Any], dict[str, object] | None]]:
    """Edges in a stable order, each with the curve that keeps parallel links apart."""
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[3].get("kind", ""), e[0], e[1], str(e[2])))
    seen: Counter = Counter()
    for source, target, _, attrs in edges:
        pair = (source, target)
        rank = seen[pair] + seen[(target, source)]
        seen[pair] += 1
        smooth = {"enabled": True, "type": "curvedCW", "roundness": round(0.18 * rank, 2)} if rank else None
        yield source, target, attrs, smooth


def _vis_edge(network: nx.MultiDiGraph, source: str, target: str, attrs: Mapping, lang: str, index: int,
              smooth: dict | None) -> dict:
    kind = attrs.get("kind", "location")
    style = EDGE_STYLES.get(kind, EDGE_STYLES["location"])
    vis = {
        "id": f"e{index}",
        "title": edge_tooltip(attrs, _label(network, source), _label(network, target), lang),
        "color": style.colour,
        "width": style.width,
        "arrows": "to" if style.arrow and attrs.get("directed", True) else "",
        "kind": kind,
        "status": attrs.get("status") or "done",
    }
    if attrs.get("status") in DASHED_STATUSES:
        vis["dashes"] = True
    if style.labelled and attrs.get("label"):
        vis["label"] = attrs["label"]
        vis["font"] = {"color": _darker(style.colour)}
    if smooth is not None:
        vis["smooth"] = smooth
    return vis


def _options(size: int, physics: bool) -> dict:
    """vis-network options. Large maps draw straight edges and hide them while moving, so that
    dragging and zooming stay smooth."""
    large = size > LIGHT_DRAWING_ABOVE
    return {
        "autoResize": True,
        "nodes": {"font": {"size": 16, "face": "system-ui, sans-serif", "color": "#222222"}, "borderWidth": 1.5,
                  "widthConstraint": {"maximum": 180}},
        "edges": {"smooth": {"enabled": not large, "type": "continuous"}, "selectionWidth": 1.5, "hoverWidth": 0.5,
                  "arrows": {"to": {"scaleFactor": 0.6}},
                  "font": {"size": 11, "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "keyboard": False, "multiselect": False},
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": size <= 150},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.008, "springLength": 110,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.4},
            "stabilization": {"enabled": physics, "iterations": 600, "updateInterval": 20, "fit": True},
            "minVelocity": 1.0,
        },
    }


def _kind_legend(network: nx.MultiDiGraph, lang: str) -> list[dict]:
    counts = Counter(kind or "other" for _, kind in network.nodes(data="kind"))
    return [{"key": key, "label": kind_label(key, lang), "shape": style.shape, "colour": style.colour,
             "count": counts[key]} for key, style in NODE_STYLES.items() if counts[key]]


def _relation_legend(network: nx.MultiDiGraph, lang: str) -> list[dict]:
    counts = Counter(attrs.get("kind") for _, _, attrs in network.edges(data=True))
    return [{"key": key, "label": edge_kind_label(key, lang), "colour": style.colour, "width": style.width,
             "arrow": style.arrow, "count": counts[key]} for key, style in EDGE_STYLES.items() if counts[key]]


def _choices(network: nx.MultiDiGraph, shown: nx.MultiDiGraph, attribute: str) -> list[dict]:
    keys = {key for _, values in shown.nodes(data=attribute) for key in values or ()}
    return sorted(({"key": key, "label": _label(network, key)} for key in keys), key=lambda c: (c["label"], c["key"]))


def _sector_choices(shown: nx.MultiDiGraph) -> list[dict]:
    labels: dict[str, str] = {}
    for _, attrs in shown.nodes(data=True):
        for key, name in zip(attrs.get("sectors") or (), attrs.get("sector_names") or (), strict=False):
            labels.setdefault(key, name)
        for key in attrs.get("sectors") or ():
            labels.setdefault(key, key)
    return sorted(({"key": k, "label": v} for k, v in labels.items()), key=lambda c: (c["label"], c["key"]))


def _overlay_legend(network: nx.MultiDiGraph, overlay: Overlay | None) -> dict | None:
    if overlay is None:
        return None
    counts = Counter(overlay.members.get(node) for node in network)
    groups = [{"key": g.key, "label": g.label, "colour": g.colour, "description": g.description,
               "count": counts[g.key]} for g in overlay.groups]
    return {"title": overlay.title, "groups": groups, "others": counts[None]}


def _label(network: nx.Graph, node: str) -> str:
    if node in network:
        return network.nodes[node].get("label") or node
    return node.rsplit("/", 1)[-1]


def _darker(colour: str) -> str:
    return _shade(colour, 0.7)


def _lighter(colour: str) -> str:
    """The colour mixed with white, for nodes pushed into the background."""
    r, g, b = _rgb(colour)
    return "#{:02x}{:02x}{:02x}".format(*(round(c + (255 - c) * 0.7) for c in (r, g, b)))


def _shade(colour: str, factor: float) -> str:
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in _rgb(colour)))
    r, g, b = colorsys.hls_to_rgb(h, lightness * factor, s)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _environment() -> Environment:
    """A Jinja environment for one map's page: autoescaping on, assets read from the package.

    One per map, because the map's page settings are among its globals."""
    env = Environment(loader=FunctionLoader(_asset),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["script_json"] = script_json
    env.globals["asset"] = lambda name: Markup(_asset(name))
    env.globals["vis_network_js"] = Markup(vis_network_js())
    return env


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def script_json(value: object) -> Markup:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` become ``\\u`` escapes.

    Escaping only those characters keeps the JSON valid and makes ``</script>`` or ``<!--`` in
    a label impossible to break out of the element. ``value`` may already be JSON text.
    """
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                           separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


@cache
def vis_network_js() -> str:
    """The vis-network library that pyvis ships, to inline in the page (source-map comment dropped)."""
    libraries = sorted((Path(pyvis_package.__file__).parent / "templates" / "lib").glob("vis-*/vis-network.min.js"),
                       key=lambda p: tuple(int(x) for x in p.parent.name[4:].split(".") if x.isdigit()))
    if not libraries:
        raise EssGraphError("pyvis is installed without its vis-network library (templates/lib/vis-*); reinstall pyvis")
    text = libraries[-1].read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    if "</script" in text.lower() or "<!--" in text:
        raise EssGraphError(f"{libraries[-1]}: cannot be inlined in a <script> element")
    return text

