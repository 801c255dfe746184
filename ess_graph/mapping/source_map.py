"""The map of a graph source in one call: the part of the graph a view needs, the PTCE overlay if
asked, the view's names resolved, the page built.

The command line and a notebook draw the same map the same way: ``ess-graph map`` parses its
options and calls :func:`map_of_source`.

    >>> from ess_graph import open_source
    >>> page = map_of_source(open_source(), focus="Galilée")
    >>> len(page.nodes), page.page.summary
    (4, 'autour de Galilée (profondeur 1)')
"""

from collections.abc import Callable
from functools import partial
from typing import TypeVar

import networkx as nx
from rdflib import URIRef

from ..errors import AmbiguousName, EssGraphError, InvalidValue, NameNotFound
from ..network import to_networkx
from ..ptce import PTCEParameters, find_ptce_candidates
from ..sources import GraphSource
from ..sparql.names import resolve_name
from ..vocab.terms import prefixed
from .ptce_overlay import ptce_map_overlay
from .render import NARROW_A_MAP, MapNetwork, check_map_size, map_network
from .view import MapView

Result = TypeVar("Result")


def map_of_source(source: GraphSource, *, focus: str | None = None, depth: int = 1, territory: str | None = None,
                  relations: frozenset[str] = frozenset(), kinds: frozenset[str] = frozenset(),
                  layout: str = "force", lang: str = "fr", title: str | None = None,
                  ptce: PTCEParameters | None = None, narrow: str = NARROW_A_MAP) -> MapNetwork:
    """The map of ``source`` around ``focus`` (an actor's name or IRI, ``depth`` links out) or of a
    ``territory``, keeping only the ``relations`` and ``kinds`` given (all when empty); with
    ``ptce`` parameters, the PTCE candidates are coloured.

    On a store or an endpoint with a ``territory``, only what the territory needs is read, and a
    territory too large to draw is refused before it is read (``narrow`` says how to narrow it,
    in the caller's words). A name that designates nothing is an error about its argument
    (``focus``, ``territory``).

    >>> from ess_graph import open_source
    >>> map_of_source(open_source(), focus="Atlantis")
    Traceback (most recent call last):
    ...
    ess_graph.errors.NameNotFound: focus: no actor, project, programme or territory is named 'Atlantis'; closest: ...
    """
    if source.reader is not None and territory is not None:
        narrowed = focus is not None or bool(kinds) or bool(relations)
        check = None if narrowed else partial(check_map_size, at_least=True, narrow=narrow)
        graph = source.territory_graph(territory, check)
    else:
        graph = source.graph
    overlay = ptce_map_overlay(find_ptce_candidates(graph, ptce).candidates) if ptce is not None else None
    network = to_networkx(graph, lang=lang)
    view = MapView(
        focus=_drawn(network, _about("focus", resolve_name, graph, "node", focus), "focus") if focus else None,
        depth=depth,
        territory=_drawn(network, _about("territory", resolve_name, graph, "territory", territory), "territory")
        if territory else None,
        relations=relations,
        kinds=kinds,
    )
    page = map_network(network, view, layout=layout, lang=lang, title=title, overlay=overlay, narrow=narrow)
    if not page.nodes:
        raise EssGraphError("nothing to draw: no node is left by the territory, relations and kinds together")
    return page


def _about(field: str, call: Callable[..., Result], *args: object) -> Result:
    """``call(*args)``, a name it cannot resolve told about the argument ``field``."""
    try:
        return call(*args)
    except (NameNotFound, AmbiguousName) as exc:
        raise exc.about(field) from None


def _drawn(network: nx.MultiDiGraph, iri: URIRef, field: str) -> str:
    """Every actor, project, programme and territory is drawn; this guards graphs built otherwise."""
    if str(iri) not in network:
        raise InvalidValue(f"{prefixed(iri)} is not drawn on the map", field=field)
    return str(iri)


__all__ = ["map_of_source"]
