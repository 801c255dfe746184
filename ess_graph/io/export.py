"""Writing the graph in the formats other tools read: RDF for triple stores, GraphML and GEXF
for network tools such as Gephi or Cytoscape."""

from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rdflib import Graph

from ..errors import EssGraphError
from ..network import to_networkx
from .files import write_atomically

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
NETWORK_FORMATS = ("graphml", "gexf")
EXPORT_FORMATS: tuple[str, ...] = (*RDF_FORMATS, *NETWORK_FORMATS)


def flat_network(graph: Graph) -> nx.MultiDiGraph:
    """The networkx projection with attributes GraphML and GEXF can hold: lists are joined, and an
    unknown value is left out rather than written as an empty string, so that numeric attributes
    (coordinates, jobs, amounts) keep one type."""
    network = to_networkx(graph)
    for _, attrs in network.nodes(data=True):
        _flatten(attrs)
    for _, _, attrs in network.edges(data=True):
        _flatten(attrs)
    return network


def _flatten(attrs: dict) -> None:
    for key, value in list(attrs.items()):
        if value is None:
            del attrs[key]
        elif isinstance(value, list | tuple | set):
            attrs[key] = "; ".join(str(v) for v in value)


def export(graph: Graph, fmt: str, path: Path | str) -> Path:
    """Write ``graph`` to ``path`` in ``fmt`` (ttl, nt, jsonld, graphml, gexf), atomically.

    The RDF formats keep every triple, for another triple store; GraphML and GEXF keep the
    network of :func:`~ess_graph.network.to_networkx` (actors, typed links and their attributes),
    for Gephi or Cytoscape. An unknown format is refused before anything is written.

    >>> import tempfile
    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     essd:galilee ess:supports essd:la-note-bleue .
    ... ''')
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = export(graph, "nt", Path(folder) / "calaisis.nt")
    ...     path.name, path.read_text(encoding="utf-8").split()
    ('calaisis.nt', ['<https://w3id.org/ess-graph/id/galilee>', '<https://w3id.org/ess-graph/def#supports>',
                     '<https://w3id.org/ess-graph/id/la-note-bleue>', '.'])
    >>> export(graph, "csv", "calaisis.csv")
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: unknown export format 'csv' (expected one of ttl, nt, jsonld, graphml, gexf)
    """
    writer = _writer(graph, fmt)
    return write_atomically(path, writer)


def _writer(graph: Graph, fmt: str) -> Callable[[Path], object]:
    if fmt in RDF_FORMATS:
        return lambda tmp: graph.serialize(destination=str(tmp), format=RDF_FORMATS[fmt], encoding="utf-8")
    if fmt == "graphml":
        return lambda tmp: nx.write_graphml(flat_network(graph), tmp, encoding="utf-8")
    if fmt == "gexf":
        return lambda tmp: nx.write_gexf(flat_network(graph), tmp, encoding="utf-8")
    raise EssGraphError(f"unknown export format '{fmt}' (expected one of {', '.join(EXPORT_FORMATS)})")
