"""Node positions computed before the page opens: the geographic layout, and the frozen force
layout of large networks.

Positions are in vis-network canvas pixels (y grows downwards). Everything here is
deterministic: nodes are visited in IRI order and no randomness is left unseeded, so the same
network always gives the same picture.
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

Position = tuple[float, float]

GEO_WIDTH = 3000.0
"""Canvas width, in pixels, that the spread of known coordinates is scaled to."""
SPACING = 85.0
"""Distance, in pixels, between nodes spread around a shared point."""
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class Placement:
    """Starting positions for every node, and the nodes the page's physics may still move."""

    positions: dict[str, Position]
    movable: frozenset[str] = frozenset()


def geo_positions(network: nx.Graph) -> Placement:
    """Pin nodes at their ``lat``/``long``; start the others next to the nodes they link to.

    Nodes sharing a point (all the actors of one commune) spread on a sunflower spiral around it,
    the territory itself in the middle. A node without coordinates starts at the average position
    of its placed neighbours (placed in rounds outwards from the located nodes) and is *movable*:
    the page's physics then settles it among them without moving the pinned ones. Parts of the
    network with no coordinates at all are pinned in a row under the map.
    """
    located = {n: (lat, long) for n, lat, long in _coordinates(network)}
    project = _projection(located.values())
    spiral = _Spirals()
    positions: dict[str, Position] = {}
    by_point: dict[Position, list[str]] = defaultdict(list)
    for node, point in located.items():
        by_point[project(*point)].append(node)
    for point, nodes in sorted(by_point.items()):
        for node in sorted(nodes, key=lambda n: (not _is_territory(network, n), n)):
            positions[node] = spiral.next_around(point)
    pinned = set(positions)
    _place_by_neighbours(network, positions, spiral)
    movable = frozenset(positions) - pinned
    _place_unreachable(network, positions, spiral)
    return Placement(positions, movable)


def _coordinates(network: nx.Graph) -> Iterable[tuple[str, float, float]]:
    for node, attrs in sorted(network.nodes(data=True)):
        lat, long = attrs.get("lat"), attrs.get("long")
        if lat is not None and long is not None:
            yield node, float(lat), float(long)


def _projection(points: Iterable[tuple[float, float]]) -> Callable[[float, float], Position]:
    """An equirectangular projection centred on the points and scaled to :data:`GEO_WIDTH`."""
    points = list(points)
    if not points:
        return lambda lat, long: (0.0, 0.0)
    lats, longs = [p[0] for p in points], [p[1] for p in points]
    lat0, long0 = (min(lats) + max(lats)) / 2, (min(longs) + max(longs)) / 2
    shrink = math.cos(math.radians(lat0))
    extent = max((max(longs) - min(longs)) * shrink, max(lats) - min(lats))
    scale = GEO_WIDTH / extent if extent > 0 else 1.0
    return lambda lat, long: (round((long - long0) * shrink * scale, 1), round(-(lat - lat0) * scale, 1))


def _place_by_neighbours(network: nx.Graph, positions: dict[str, Position], spiral: "_Spirals") -> None:
    undirected = network.to_undirected(as_view=True)
    while True:
        anchors = {}
        for node in sorted(set(network) - set(positions)):
            placed = [positions[m] for m in undirected.neighbors(node) if m in positions]
            if placed:
                anchors[node] = (round(sum(p[0] for p in placed) / len(placed), 1),
                                 round(sum(p[1] for p in placed) / len(placed), 1))
        if not anchors:
            return
        for node, anchor in anchors.items():
            positions[node] = spiral.next_around(anchor)


def _place_unreachable(network: nx.Graph, positions: dict[str, Position], spiral: "_Spirals") -> None:
    left = set(network) - set(positions)
    if not left:
        return
    bottom = max((y for _, y in positions.values()), default=0.0) + 6 * SPACING
    left_edge = min((x for x, _ in positions.values()), default=0.0)
    components = sorted((sorted(c) for c in nx.connected_components(network.subgraph(left).to_undirected())),
                        key=lambda c: (-len(c), c[0]))
    x = left_edge
    for component in components:
        radius = SPACING * math.sqrt(len(component))
        centre = (round(x + radius, 1), round(bottom + radius, 1))
        for node in component:
            positions[node] = spiral.next_around(centre)
        x += 2 * radius + 2 * SPACING


class _Spirals:
    """Hands out free spots on a sunflower spiral around each point, first come first served."""

    def __init__(self) -> None:
        self.used: dict[Position, int] = defaultdict(int)

    def next_around(self, point: Position) -> Position:
        index = self.used[point]
        self.used[point] += 1
        if index == 0:
            return point
        radius = SPACING * math.sqrt(index)
        angle = index * GOLDEN_ANGLE
        return (round(point[0] + radius * math.cos(angle), 1), round(point[1] + radius * math.sin(angle), 1))


def _is_territory(network: nx.Graph, node: str) -> bool:
    return "territory" in (network.nodes[node].get("kinds") or ())



def frozen_force_positions(network: nx.Graph, seed: int) -> Placement:
    """A seeded force layout, computed once here for networks too large to simulate in the page.

    Nodes without links are left out of the simulation, where they would only drift to the
    edge and squeeze the rest, and are lined up under the picture instead.
    """
    linked: nx.Graph[str] = nx.Graph()
    linked.add_nodes_from(sorted(n for n in network if any(m != n for m in nx.all_neighbors(network, n))))
    linked.add_edges_from(sorted((s, o) for s, o in network.edges() if s != o))
    raw = force_layout(linked, seed) if len(linked) else {}
    radius = 1.5 * SPACING * math.sqrt(max(len(linked), 1) / math.pi)
    positions = {node: (round(float(x) * radius, 1), round(float(y) * radius, 1)) for node, (x, y) in raw.items()}
    _place_unreachable(network, positions, _Spirals())
    return Placement(positions)


def force_layout(graph: nx.Graph, seed: int, iterations: int = 100) -> dict[str, Position]:
    """Fruchterman and Reingold's force layout in its grid variant: nodes repel only the nodes
    closer than twice the ideal distance (found with a k-d tree), linked nodes attract, all in
    numpy; positions fit in [-1, 1].

    networkx's ``spring_layout`` computes every pair's repulsion in Python on large graphs: 41 s
    for a map of 4,000 nodes (2-core machine). Bounding the repulsion keeps each step near
    linear in the nodes and links.

    >>> positions = force_layout(nx.path_graph(["a", "b", "c"]), seed=1)
    >>> sorted(positions), all(-1 <= value <= 1 for point in positions.values() for value in point)
    (['a', 'b', 'c'], True)
    >>> force_layout(nx.path_graph(["a", "b", "c"]), seed=1) == positions
    True
    """

    nodes = sorted(graph)
    count = len(nodes)
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array(sorted((index[s], index[o]) for s, o in graph.edges() if s != o), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = math.sqrt(count)
    position = rng.uniform(0, side, size=(count, 2))
    ideal = 1.0  # one node per unit of area
    cutoff = 2 * ideal
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        shift = np.zeros_like(position)
        pairs = cKDTree(position).query_pairs(cutoff, output_type="ndarray")
        if len(pairs):
            delta = position[pairs[:, 0]] - position[pairs[:, 1]]
            distance = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            push = (ideal * ideal / distance ** 2)[:, None] * delta
            shift += _summed(pairs[:, 0], push, count) - _summed(pairs[:, 1], push, count)
        if len(edges):
            delta = position[edges[:, 0]] - position[edges[:, 1]]
            distance = np.hypot(delta[:, 0], delta[:, 1])[:, None]
            pull = delta * distance / ideal
            shift += _summed(edges[:, 1], pull, count) - _summed(edges[:, 0], pull, count)
        shift += (side / 2 - position) * 0.01  # a little gravity keeps the parts together
        length = np.maximum(np.hypot(shift[:, 0], shift[:, 1]), 1e-9)[:, None]
        position += shift / length * np.minimum(length, temperature)
        temperature -= cooling
    position -= position.mean(axis=0)
    position /= max(float(np.abs(position).max()), 1e-9)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, position, strict=True)}


def _summed(at: np.ndarray, vectors: np.ndarray, count: int) -> np.ndarray:
    """The sum of the ``vectors`` landing on each of ``count`` nodes (``at`` says where each lands)."""

    return np.stack([np.bincount(at, weights=vectors[:, 0], minlength=count),
                     np.bincount(at, weights=vectors[:, 1], minlength=count)], axis=1)
