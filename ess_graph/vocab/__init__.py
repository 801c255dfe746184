"""The vocabulary as Python sees it: namespaces, reading terms, kinds of actor, direct edges, and
where the shipped ontology, graph and queries live."""

from .kinds import KIND_BY_KEY, KINDS, Kind, KindResolver
from .namespaces import ESS, ESSD, PREFIXES, bind_prefixes, sparql_prologue
from .resources import data_dir, graph_files, ontology_files, shapes_file
from .shortcuts import add_shortcuts, derive_shortcuts
from .terms import label_of, local_name, normalise, prefixed

__all__ = [
    "ESS", "ESSD", "KINDS", "KIND_BY_KEY", "Kind", "KindResolver", "PREFIXES", "add_shortcuts", "bind_prefixes",
    "data_dir", "derive_shortcuts", "graph_files", "label_of", "local_name", "normalise", "ontology_files", "prefixed",
    "shapes_file", "sparql_prologue",
]
