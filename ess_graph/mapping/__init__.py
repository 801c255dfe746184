"""The interactive network map: a self-contained HTML page drawn with pyvis/vis-network.

    >>> from ess_graph import load_graph, to_networkx
    >>> from ess_graph.mapping import MapView, map_network, resolve_node, write_map
    >>> network = to_networkx(load_graph())
    >>> galilee = resolve_node(network, "Galilée", what="actor")
    >>> write_map(map_network(network, MapView(focus=galilee, depth=2)), "galilee.html")

:func:`map_network` returns the pyvis Network (a :class:`MapNetwork`), :func:`map_html` its
page as a string, :func:`write_map` writes it; an :class:`Overlay` colours groups of nodes.
"""

from .names import normalise, resolve_name, resolve_node
from .overlay import Overlay, OverlayGroup
from .render import (
    FREEZE_ABOVE,
    LAYOUTS,
    MAX_MAP_NODES,
    MapNetwork,
    check_map_size,
    map_html,
    map_network,
    save_map,
    write_map,
)
from .view import MapView

__all__ = [
    "FREEZE_ABOVE", "LAYOUTS", "MAX_MAP_NODES", "MapNetwork", "MapView", "Overlay", "OverlayGroup", "check_map_size",
    "map_html", "map_network",
    "normalise", "resolve_name", "resolve_node", "save_map", "write_map",
]
