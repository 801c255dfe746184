"""SPARQL the safe way: reading query text, binding values as terms, the catalogue of named
questions, the runner, names people give, and the output formats.

A named query is one ``.rq`` file with a documented header (:mod:`.catalogue`); to add one, put
a file in ``queries/`` or in a folder of your own given as ``catalogue``.
"""

from .binding import bind_values, sparql_term
from .catalogue import NamedQuery, Parameter, load_catalogue, named_query, shipped_catalogue
from .names import NAME_TYPES, NameResolver, resolve_name
from .results import FORMATS, render, write_rows
from .runner import (
    Labeller,
    bind_parameters,
    labels_for,
    run_named_query,
    run_sparql,
    stream_named_query,
    stream_sparql,
)
from .syntax import check_query, code_tokens

__all__ = [
    "FORMATS", "NAME_TYPES", "Labeller", "NameResolver", "NamedQuery", "Parameter", "bind_parameters", "bind_values",
    "check_query", "code_tokens", "labels_for", "load_catalogue", "named_query", "render", "resolve_name",
    "run_named_query", "run_sparql", "shipped_catalogue", "sparql_term", "stream_named_query", "stream_sparql",
    "write_rows",
]
