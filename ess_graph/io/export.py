"""Writing the graph in the formats other tools read: RDF for triple stores, GraphML and GEXF
for network tools such as Gephi or Cytoscape."""

from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal

from ..errors import EssGraphError
from ..network import to_networkx
from .files import write_atomically
from .text import xml_text

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
NETWORK_FORMATS = ("graphml", "gexf")
EXPORT_FORMATS: tuple[str, ...] = (*RDF_FORMATS, *NETWORK_FORMATS)


def flat_network(graph: Graph) -> nx.MultiDiGraph:
    """The networkx projection with attributes GraphML and GEXF can hold: lists are joined, an
    unknown value is left out rather than written as an empty string, so that numeric attributes
    (coordinates, jobs, amounts) keep one type, and a character XML 1.0 forbids (a control
    character typed into a label) is written as U+FFFD (:func:`~ess_graph.io.text.xml_text`),
    so that the file stays readable by every XML parser."""
    network = to_networkx(graph)
    for _, attrs in network.nodes(data=True):
        _flatten(attrs)
    for _, _, attrs in network.edges(data=True):
        _flatten(attrs)
    renamed = {node: xml_text(node) for node in network if isinstance(node, str) and xml_text(node) != node}
    return nx.relabel_nodes(network, renamed, copy=False) if renamed else network


def _flatten(attrs: dict) -> None:
    for key, value in list(attrs.items()):
        if value is None:
            del attrs[key]
        elif isinstance(value, list | tuple | set):
            attrs[key] = xml_text("; ".join(str(v) for v in value))
        elif isinstance(value, str):
            attrs[key] = xml_text(value)


def rdf_text(graph: Graph, fmt: str) -> str:
    """``graph`` written in the rdflib format ``fmt``; in RDF/XML, whose characters are XML 1.0's,
    a character XML forbids in a literal (a control character typed into a label) is written as
    U+FFFD (:func:`~ess_graph.io.text.xml_text`): the file stays readable. Turtle, N-Triples
    and JSON-LD can hold such a character, and keep it.

    >>> graph = Graph().parse(format="turtle", data='<urn:ex:a> <urn:ex:name> "Tri\\u0001Porteur" .')
    >>> "Tri\x01Porteur" in rdf_text(graph, "nt")
    True
    >>> "Tri\ufffdPorteur" in rdf_text(graph, "xml"), len(Graph().parse(data=rdf_text(graph, "xml"), format="xml"))
    (True, 1)
    """
    if fmt in ("xml", "pretty-xml"):
        graph = _xml_safe(graph)
    return graph.serialize(format=fmt)


def _xml_safe(graph: Graph) -> Graph:
    safe = Graph()
    for prefix, namespace in graph.namespaces():
        safe.bind(prefix, namespace, override=True, replace=True)
    for s, p, o in graph:
        if isinstance(o, Literal) and xml_text(str(o)) != str(o):
            o = Literal(xml_text(str(o)), lang=o.language, datatype=o.datatype)
        safe.add((s, p, o))
    return safe


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
