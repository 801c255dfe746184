"""ess-graph: a knowledge graph of a territory's social and solidarity economy.

The library API comes first; the ``ess-graph`` command is a thin layer over it. Open the graph
(the shipped Calaisis, an on-disk store or an endpoint), then ask it questions:

    >>> from ess_graph import open_source, run_named_query, to_networkx
    >>> source = open_source()                  # vocabulary + shipped Calaisis graph
    >>> rows = run_named_query(source.engine(), "funders", {"actor": "Boulangerie solidaire"})
    >>> len(rows)
    6
    >>> network = to_networkx(source.graph)     # typed nodes and edges for analyses
    >>> network.nodes["https://w3id.org/ess-graph/id/galilee"]["kind"]
    'support'

Packages: :mod:`.vocab` (namespaces, terms, kinds), :mod:`.io` (formats, loading, files),
:mod:`.sources` (where the graph is read from and the engines), :mod:`.sparql` (named questions
and the safe runner), :mod:`.importers`, :mod:`.ptce`, :mod:`.mapping`, :mod:`.cli`.
"""

from .errors import (
    AmbiguousName,
    EndpointError,
    EssGraphError,
    GraphTooLarge,
    InvalidInput,
    InvalidQuery,
    InvalidValue,
    MapTooLarge,
    NameNotFound,
    OutputError,
    QueryTimeout,
    StoreError,
)
from .io.loading import load_graph, parse_into
from .network import EDGE_KINDS, to_networkx
from .sources import (
    GraphSource,
    OxigraphEngine,
    RdflibEngine,
    SelectResult,
    open_engine,
    open_source,
)
from .sparql import run_named_query, run_sparql
from .vocab import ESS, ESSD, KINDS, KindResolver, add_shortcuts, bind_prefixes, derive_shortcuts

__all__ = [
    "EDGE_KINDS", "ESS", "ESSD", "KINDS", "AmbiguousName", "EndpointError", "EssGraphError", "GraphSource",
    "GraphTooLarge", "InvalidInput", "InvalidQuery", "InvalidValue", "KindResolver", "MapTooLarge", "NameNotFound",
    "OutputError", "OxigraphEngine", "QueryTimeout", "RdflibEngine", "SelectResult", "StoreError", "add_shortcuts",
    "bind_prefixes", "derive_shortcuts", "load_graph", "open_engine", "open_source", "parse_into", "run_named_query",
    "run_sparql", "to_networkx",
]
