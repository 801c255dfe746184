"""ess-graph: a knowledge graph of a territory's social and solidarity economy.

The library API comes first; the ``ess-graph`` command is a thin layer over it::

    >>> from ess_graph import load_graph, to_networkx
    >>> graph = load_graph()                 # vocabulary + shipped Calaisis graph
    >>> network = to_networkx(graph)         # typed nodes and edges for analyses
    >>> rows = run_named_query(graph, "funders", actor="Boulangerie solidaire")
"""

from .engines import OxigraphEngine, RdflibEngine, SelectResult, open_engine
from .errors import EssGraphError
from .kinds import KINDS, KindResolver
from .loading import load_graph, parse_into
from .namespaces import ESS, ESSD, bind_prefixes
from .network import EDGE_KINDS, to_networkx
from .shortcuts import add_shortcuts, derive_shortcuts
from .sparql import run_named_query, run_sparql

__all__ = [
    "EDGE_KINDS", "ESS", "ESSD", "KINDS", "EssGraphError", "KindResolver", "OxigraphEngine", "RdflibEngine",
    "SelectResult", "add_shortcuts", "bind_prefixes", "derive_shortcuts", "load_graph", "open_engine",
    "parse_into", "run_named_query", "run_sparql", "to_networkx",
]
