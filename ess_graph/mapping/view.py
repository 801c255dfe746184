"""Focused views of the network: one actor's surroundings, one territory, some kinds of link.

A small view for one actor should be as useful as the whole map, so each filter keeps what a
person looking at that question needs: the actors of a territory come with the partners and
funders they are directly linked to (wherever those are), and a relation filter drops the nodes
it leaves without any link. The filters compose in a fixed order: kinds, relations, territory,
then the focus's neighbourhood within what is left.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..errors import InvalidValue
from ..network import EDGE_KINDS
from ..vocab.kinds import KIND_BY_KEY
from .style import telling_kinds

QUIET_EDGE_KINDS = frozenset({"location"})
"""Links that say where a node is rather than whom it works with; they do not pull a node into a
territory's view."""


@dataclass(frozen=True)
class MapView:
    """Which part of the network to draw. Every field left empty keeps everything.

    ``focus`` and ``territory`` are node IRIs (see :func:`~ess_graph.sparql.names.resolve_name` to find
    them from a name); ``relations`` and ``kinds`` are keys of
    :data:`~ess_graph.network.EDGE_KINDS` and :data:`~ess_graph.vocab.kinds.KINDS`. A bad value is
    an :class:`~ess_graph.errors.InvalidValue` naming the field, so that the command line can name
    the option that gave it.

    >>> MapView(relations=frozenset({"gift"}))
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: relations: unknown gift (choose among funding, partnership, support, \
membership, carrying, ownership, hosting, trade, location, part-of, participation, management, succession)

    >>> network = nx.MultiDiGraph()
    >>> for source, target, kind in [("galilee", "la-note-bleue", "support"),
    ...                              ("la-note-bleue", "calais", "location"), ("etat", "calais", "funding")]:
    ...     _ = network.add_edge(source, target, kind=kind)
    >>> sorted(MapView(focus="galilee").apply(network)), sorted(MapView(focus="galilee", depth=2).apply(network))
    (['galilee', 'la-note-bleue'], ['calais', 'galilee', 'la-note-bleue'])
    >>> sorted(MapView(relations=frozenset({"support"})).apply(network))
    ['galilee', 'la-note-bleue']
    """

    focus: str | None = None
    depth: int = 1
    territory: str | None = None
    relations: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _check_keys("relations", self.relations, EDGE_KINDS)
        _check_keys("kinds", self.kinds, KIND_BY_KEY)
        if self.depth < 0:
            raise InvalidValue(f"{self.depth} is negative; give 0 (the actor alone) or more", field="depth")

    def apply(self, network: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """The part of ``network`` this view shows, as a new graph with the same attributes.

        A ``focus`` or ``territory`` that is not a node of ``network`` is an
        :class:`~ess_graph.errors.InvalidValue` of that field.

        >>> import networkx as nx
        >>> MapView(focus="https://example.org/x").apply(nx.MultiDiGraph())
        Traceback (most recent call last):
        ...
        ess_graph.errors.InvalidValue: focus: https://example.org/x is not a node of the network
        """
        for field, node in (("focus", self.focus), ("territory", self.territory)):
            if node is not None and node not in network:
                raise InvalidValue(f"{node} is not a node of the network", field=field)
        kept = self._kept_nodes(network)
        view = network.subgraph(kept).copy()
        if self.relations:
            view.remove_edges_from([(s, o, k) for s, o, k, attrs in view.edges(keys=True, data=True)
                                    if attrs.get("kind") not in self.relations])
            view.remove_nodes_from([n for n in list(view) if view.degree(n) == 0 and n != self.focus])
        if self.territory is not None:
            view = view.subgraph(territory_view_nodes(view, self.territory) | self._focus_set()).copy()
        if self.focus is not None:
            view = nx.ego_graph(view, self.focus, radius=self.depth, undirected=True)
        return view

    def _kept_nodes(self, network: nx.MultiDiGraph) -> set[str]:
        if not self.kinds:
            return set(network)
        return {n for n, attrs in network.nodes(data=True)
                if self.kinds.intersection(telling_kinds(attrs.get("kind") or "other", attrs.get("kinds")))
                } | self._focus_set()

    def _focus_set(self) -> set[str]:
        return {self.focus} if self.focus is not None else set()


def territory_view_nodes(network: nx.MultiDiGraph, territory: str) -> set[str]:
    """The nodes lying in ``territory`` and the nodes they are directly linked to, except by location."""
    inside = {n for n, places in network.nodes(data="territories") if territory in (places or ())}
    linked = {other
              for s, o, attrs in network.edges(data=True) if attrs.get("kind") not in QUIET_EDGE_KINDS
              for node, other in ((s, o), (o, s)) if node in inside}
    return inside | linked


def _check_keys(field: str, given: Iterable[str], known: Iterable[str]) -> None:
    """Refuse keys of ``given`` that are not ``known``, listing the known ones: the error is about
    the ``field`` of the view, which the command line names by its option."""
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise InvalidValue(f"unknown {', '.join(unknown)} (choose among {', '.join(known)})", field=field)


WHOLE_NETWORK = MapView()
"""The view that keeps everything."""
