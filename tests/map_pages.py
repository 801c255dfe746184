"""Reading back what a map page holds: its JSON data blocks and its legend."""

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class MapPage:
    html: str
    nodes: list[dict]
    edges: list[dict]
    options: dict
    settings: dict

    def node(self, label: str) -> dict:
        found = [n for n in self.nodes if n["label"] == label]
        assert len(found) == 1, f"{len(found)} nodes labelled {label!r}"
        return found[0]

    def edges_between(self, source: str, target: str, kind: str | None = None) -> list[dict]:
        ids = (self.node(source)["id"], self.node(target)["id"])
        return [e for e in self.edges if (e["from"], e["to"]) == ids and kind in (None, e["kind"])]


def read_page(html: str) -> MapPage:
    def block(name: str):
        match = re.search(rf'<script type="application/json" id="ess-map-{name}">(.*?)</script>', html, re.S)
        assert match, f"no {name} block"
        return json.loads(match.group(1))

    return MapPage(html, block("nodes"), block("edges"), block("options"), block("page"))


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def elements(html: str) -> list[tuple[str, dict]]:
    """Every start tag of the page with its attributes (entities decoded)."""
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def legend_entries(html: str, name: str) -> dict[str, str]:
    """The legend's checkbox entries of one filter (``kind``, ``relation``, ``group``): value -> label."""
    pattern = re.compile(rf'<input type="checkbox" name="{name}" value="([^"]*)" checked>.*?'
                         r'<span class="name">(.*?)</span>', re.S)
    return {value: label for value, label in pattern.findall(html)}


def network_of(nodes: dict[str, dict], edges: list[tuple[str, str, str]] = (), status: str = "done"):
    """A small network with the attributes of ``to_networkx``: ``nodes`` maps an IRI to the
    attributes that matter for a test (the others get empty values); ``edges`` are
    (source, target, kind) triples."""
    import networkx as nx

    network = nx.MultiDiGraph()
    for iri, attrs in nodes.items():
        kind = attrs.get("kind", "ess")
        network.add_node(iri, **{
            "iri": iri, "label": iri.rsplit("/", 1)[-1], "kind": kind, "kinds": [kind], "description": "",
            "legal_form": "", "structure_kind": "", "sectors": [], "sector_names": [], "sector_labels": "",
            "themes": [], "theme_labels": "", "status": "", "commune": "", "territories": [], "address": "",
            "contact": "", "key_figures": [], "jobs": None, "lat": None, "long": None, "sources": [], **attrs})
    for number, (source, target, kind) in enumerate(edges):
        network.add_edge(source, target, key=f"r{number}", kind=kind, relation=f"r{number}", status=status, label="",
                         purpose="", programme="", amount=None, year=None, sources=[], directed=kind != "partnership")
    return network
