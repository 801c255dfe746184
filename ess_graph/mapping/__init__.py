"""The interactive network map: a self-contained HTML page drawn with pyvis/vis-network.

    >>> from ess_graph import load_graph, to_networkx
    >>> from ess_graph.mapping import MapView, map_html, map_network
    >>> from ess_graph.sparql.names import resolve_name
    >>> graph = load_graph()
    >>> galilee = str(resolve_name(graph, "node", "Galilée"))
    >>> page = map_network(to_networkx(graph), MapView(focus=galilee, depth=1))
    >>> len(page.nodes), map_html(page).startswith("<!DOCTYPE html>")
    (4, True)

:func:`map_of_source` draws the map of a :class:`~ess_graph.sources.GraphSource` in one call (what
``ess-graph map`` does); :func:`map_network` returns the pyvis Network (a :class:`MapNetwork`) of a
networkx projection, :func:`map_html` its page as a string, :func:`write_map` writes it; an
:class:`Overlay` colours groups of nodes.
"""

from .overlay import Overlay, OverlayGroup
from .render import (
    FREEZE_ABOVE,
    LAYOUTS,
    MAX_MAP_NODES,
    MapNetwork,
    check_map_size,
    map_html,
    map_network,
    write_map,
)
from .source_map import map_of_source
from .view import MapView

__all__ = [
    "FREEZE_ABOVE", "LAYOUTS", "MAX_MAP_NODES", "MapNetwork", "MapView", "Overlay", "OverlayGroup", "check_map_size",
    "map_html", "map_network", "map_of_source", "write_map",
]
