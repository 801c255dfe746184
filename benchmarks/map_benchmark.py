"""How large and how quick the network map is: HTML size, build time, time to settle in Chromium.

Measures the Calaisis map and a fabricated network of 2,000 nodes (seeded, with the kinds,
attributes and heavy-tailed degree distribution of a real territory's graph), in Debian's
headless Chromium with the network blocked. The time to settle is measured in the page: from
navigation start, and from the creation of the vis-network to the end of the layout. The time
of a search and of a filter change (median of five) tells whether the page stays usable.

    PYTHONPATH=. python benchmarks/map_benchmark.py [--sizes 2000 4000] [--runs 3] [--keep DIR]
"""

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ess_graph import load_graph, to_networkx  # noqa: E402
from ess_graph.mapping import FREEZE_ABOVE, map_html, map_network  # noqa: E402
from tests.browser import chromium, missing_browser_reason, open_map  # noqa: E402

BASE = "https://w3id.org/ess-graph/id/synthetic/"
KIND_SHARES = {
    "ess": 0.30, "initiative": 0.17, "person": 0.12, "support": 0.08, "programme": 0.06, "enterprise": 0.07,
    "research": 0.03, "authority": 0.04, "state": 0.01, "site": 0.02,
}
"""Shares of the nodes that are not communes or intercommunalities (those are 5 % of the total),
close to the Calaisis graph's."""
LEGAL_FORMS = {"ess": ["association déclarée", "SCIC", "SCOP", "mutuelle"], "enterprise": ["SARL", "SAS"],
               "support": ["association déclarée"], "research": ["établissement public"]}
SECTORS = [("agriculture", "agriculture, sylviculture et pêche"), ("social-action", "action sociale"),
           ("education", "enseignement"), ("trade", "commerce"),
           ("arts-sport-leisure", "arts, spectacles, sport et loisirs"),
           ("accommodation-food", "hébergement et restauration"), ("transport", "transports et entreposage"),
           ("health", "santé humaine"), ("finance", "activités financières et d'assurance"), ("industry", "industrie")]
WORDS = ["Solidaire", "Éco", "Réseau", "Atelier", "Jardin", "Maison", "Coopérative", "Entraide", "Opale", "Littoral",
         "Ressourcerie", "Épicerie", "Mobilité", "Chantier", "Forêt", "Marais", "Dunes", "Avenir", "Lien", "Fabrique"]
STATUSES = (["done"] * 70) + (["in-progress"] * 10) + (["planned"] * 12) + (["possible"] * 8)


def synthetic_network(size: int = 2000, seed: int = 2014) -> nx.MultiDiGraph:
    """A fabricated territory graph with the attributes of :func:`ess_graph.network.to_networkx`.

    Communes (with coordinates) group into intercommunalities inside one département; actors are
    located in communes; links grow by preferential attachment (each newcomer links to one to
    three actors, chosen in proportion to their links), which gives the few hubs and many
    one-link actors of the real graph. Link kinds follow the kinds of their ends: authorities,
    programmes and the State fund, persons are members, support bodies support.
    """
    rng = random.Random(seed)
    network = nx.MultiDiGraph()
    departement = _add_territory(network, "departement", "Département synthétique", [], None)
    epcis = [_add_territory(network, f"epci-{i}", f"Communauté de communes {rng.choice(WORDS)} {i}",
                            [departement], None) for i in range(max(1, size // 100))]
    communes = []
    for i in range(max(1, size // 25)):
        epci = rng.choice(epcis)
        point = (round(rng.uniform(50.3, 51.0), 5), round(rng.uniform(1.6, 2.6), 5))
        communes.append(_add_territory(network, f"commune-{i}", f"Commune {rng.choice(WORDS)}-{i}",
                                       [epci, departement], point))
    actors = []
    kinds, weights = zip(*KIND_SHARES.items(), strict=True)
    for i in range(size - len(network)):
        kind = rng.choices(kinds, weights)[0]
        actors.append(_add_actor(network, rng, f"{kind}-{i}", kind, communes))
    _link(network, rng, actors)
    return network


def _add_territory(network: nx.MultiDiGraph, key: str, label: str, within: list[str], point) -> str:
    iri = BASE + key
    lat, long = point if point else (None, None)
    network.add_node(iri, **_attributes(iri, label, "authority", ["authority", "territory", "other"],
                                        territories=[iri, *within], lat=lat, long=long, legal_form="commune"))
    return iri


def _add_actor(network: nx.MultiDiGraph, rng: random.Random, key: str, kind: str, communes: list[str]) -> str:
    iri = BASE + key
    located = kind not in ("person", "programme", "state") and rng.random() < 0.85
    commune = rng.choice(communes) if located else None
    place = network.nodes[commune] if commune else {}
    jobs = round(math.exp(rng.gauss(2.3, 1.2))) if kind in ("ess", "enterprise") and rng.random() < 0.3 else None
    sector = rng.choice(SECTORS) if kind in ("ess", "enterprise", "initiative") else None
    network.add_node(iri, **_attributes(
        iri, f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} n°{key.rsplit('-', 1)[1]}", kind, [kind],
        territories=list(place.get("territories", [])), lat=place.get("lat"), long=place.get("long"),
        commune=place.get("label", ""), jobs=jobs, sectors=[sector[0]] if sector else [],
        sector_names=[sector[1]] if sector else [], legal_form=rng.choice(LEGAL_FORMS.get(kind, [""])),
        key_figures=[f"{jobs} salariés"] if jobs else [],
        contact=f"contact@{key}.example" if rng.random() < 0.3 else "",
        status=rng.choice(STATUSES) if kind == "initiative" else ""))
    if commune:
        network.add_edge(iri, commune, key=f"location:{key}", **_edge("location", "done"))
    return iri


def _link(network: nx.MultiDiGraph, rng: random.Random, actors: list[str]) -> None:
    weights = {actors[0]: 1}
    for index, newcomer in enumerate(actors[1:], 1):
        pool = list(weights)
        targets = set(rng.choices(pool, [weights[a] for a in pool], k=rng.choices([1, 2, 3], [50, 35, 15])[0]))
        for target in sorted(targets):
            source, other, kind = _relation(network, newcomer, target)
            network.add_edge(source, other, key=f"rel:{index}:{target}",
                             **_edge(kind, rng.choice(STATUSES), amount=rng.choice([5000, 12000, 30000, 150000])))
            weights[target] += 1
        weights[newcomer] = 1 + len(targets)


def _relation(network: nx.MultiDiGraph, a: str, b: str) -> tuple[str, str, str]:
    kind_a, kind_b = network.nodes[a]["kind"], network.nodes[b]["kind"]
    for source, target, kind_s, kind_t in ((a, b, kind_a, kind_b), (b, a, kind_b, kind_a)):
        if kind_s in ("authority", "state", "programme") and kind_t not in ("authority", "state", "programme"):
            return source, target, "funding"
        if kind_s == "person":
            return source, target, "membership"
        if kind_s == "support":
            return source, target, "support"
        if kind_s == "ess" and kind_t == "initiative":
            return source, target, "carrying"
        if kind_s == "site":
            return target, source, "ownership"
    return a, b, "trade" if "enterprise" in (kind_a, kind_b) else "partnership"


def _attributes(iri: str, label: str, kind: str, kinds: list[str], **values) -> dict:
    attrs = {"iri": iri, "label": label, "kind": kind, "kinds": kinds, "description": "", "legal_form": "",
             "structure_kind": "", "sectors": [], "sector_names": [], "sector_labels": "", "themes": [],
             "theme_labels": "", "status": "", "commune": "", "territories": [], "address": "", "contact": "",
             "key_figures": [], "jobs": None, "lat": None, "long": None, "sources": ["Section synthétique"]}
    attrs.update(values)
    attrs["sector_labels"] = ", ".join(attrs["sector_names"])
    return attrs


def _edge(kind: str, status: str, amount: float | None = None) -> dict:
    funded = kind == "funding"
    return {"kind": kind, "relation": "", "status": status,
            "label": f"{amount:,.0f} EUR".replace(",", "\u202f") if funded else "", "purpose": "",
            "programme": "", "amount": amount if funded else None, "year": 2014, "sources": [],
            "directed": kind != "partnership"}


TIMINGS = """() => {
    const median = (f) => {
        const times = [1, 2, 3, 4, 5].map(() => { const t = performance.now(); f(); return performance.now() - t; });
        return times.sort((a, b) => a - b)[2];
    };
    const search = median(() => { essMap.search("a"); essMap.search(""); }) / 2;
    const box = document.querySelector('input[name="kind"]');
    const filter = median(() => { box.checked = !box.checked; essMap.render(); });
    return {settle: essMap.state.settleMs, layout: essMap.state.layoutMs, search, filter};
}"""
"""In the page: when the layout settled, and the median time of a search and of a filter change."""


def measure(name: str, network: nx.MultiDiGraph, browser, folder: Path, layout: str, runs: int) -> dict:
    """Build the page once, then load it ``runs`` times; the times are the medians of the loads."""
    started = time.perf_counter()
    html = map_html(map_network(network, layout=layout, max_nodes=None))  # measures beyond the CLI limit
    built = time.perf_counter() - started
    path = folder / f"{name}-{layout}.html"
    path.write_text(html, encoding="utf-8")
    loads, blocked, errors = [], 0, 0
    for _ in range(runs):
        opened = open_map(browser, path)
        loads.append(opened.page.evaluate(TIMINGS))
        blocked, errors = blocked + len(opened.blocked), errors + len(opened.errors())
        opened.page.close()
    timings = {key: statistics.median(load[key] for load in loads) for key in loads[0]}
    return {"map": f"{name} ({layout})", "nodes": len(network), "links": network.number_of_edges(),
            "html_kb": len(html.encode()) / 1024, "build_s": built, **timings, "blocked": blocked, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000], help="synthetic network sizes")
    parser.add_argument("--runs", type=int, default=3, help="page loads per map (medians are printed)")
    parser.add_argument("--keep", type=Path, help="keep the HTML files in this folder")
    args = parser.parse_args()
    reason = missing_browser_reason()
    if reason:
        sys.exit(f"cannot measure: {reason}")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ess-map-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    calaisis = to_networkx(load_graph())
    cases = [("calaisis", calaisis, "force"), ("calaisis", calaisis, "geo")]
    for size in args.sizes:
        synthetic = synthetic_network(size)
        cases += [(f"synthetic-{size}", synthetic, "force"), (f"synthetic-{size}", synthetic, "geo")]
    print(f"freeze_above = {FREEZE_ABOVE} nodes; headless Chromium, network blocked; median of {args.runs} loads;"
          " times in ms unless noted (settle: from navigation start; layout: from drawing start)")
    print(f"{'map':26} {'nodes':>6} {'links':>6} {'HTML kB':>8} {'build s':>8} {'settle':>7} {'layout':>7}"
          f" {'search':>7} {'filter':>7} {'blocked':>7} {'errors':>6}")
    with chromium() as browser:
        for name, network, layout in cases:
            r = measure(name, network, browser, folder, layout, args.runs)
            print(f"{r['map']:26} {r['nodes']:>6} {r['links']:>6} {r['html_kb']:>8.0f} {r['build_s']:>8.2f}"
                  f" {r['settle']:>7.0f} {r['layout']:>7.0f} {r['search']:>7.0f} {r['filter']:>7.0f}"
                  f" {r['blocked']:>7} {r['errors']:>6}")
    if args.keep:
        print(f"pages kept in {folder}")


if __name__ == "__main__":
    main()
