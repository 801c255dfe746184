"""Where the graph is read from, and the engines that answer SPARQL over it.

:class:`GraphSource` (made by :func:`open_source`) is the shipped graph with a user's files, an
on-disk Oxigraph store or a SPARQL endpoint; every command works on one. Each answers SPARQL
through an :class:`Engine` (rdflib in memory, Oxigraph, an endpoint over HTTP; rows whole or
one by one as :class:`Rows`, within a time limit: :mod:`.limits`) and gives its
triples by node through a :class:`TripleReader`, from which one territory is taken out
(:func:`territory_graph`).
"""

from .endpoint import EndpointEngine
from .engine import Engine, Rows, SelectResult, Term
from .graph_source import ENGINES, GraphSource, open_engine, open_source
from .memory import RdflibEngine, as_engine
from .oxigraph import OxigraphEngine, memory_store
from .reader import SparqlReader, TripleReader
from .store import LoadReport, StoreReader, is_store, load_files, open_store
from .territory import find_territory, territory_graph, territory_nodes, whole_graph

__all__ = [
    "ENGINES", "EndpointEngine", "Engine", "GraphSource", "LoadReport", "OxigraphEngine", "RdflibEngine", "Rows",
    "SelectResult", "SparqlReader", "StoreReader", "Term", "TripleReader", "as_engine", "find_territory", "is_store",
    "load_files", "memory_store", "open_engine", "open_source", "open_store", "territory_graph", "territory_nodes",
    "whole_graph",
]
