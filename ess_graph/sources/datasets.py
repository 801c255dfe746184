"""Which graphs of an Oxigraph store a query reads: the default graph and the current version of
every source the store's catalogue lists.

A store keeps each source (the shipped graph, an imported spreadsheet, a SIRENE extract...) in a
named graph of its own, so that it can be replaced or removed alone
(:mod:`ess_graph.sources.store_sources`). Queries read the union of those graphs with the default
graph (the vocabulary, and whatever was loaded before sources existed). The union is the list of
graphs the catalogue names as current, not every graph of the store: a version being loaded, or
left half-written by a load that was killed, is in no query's sight until the catalogue names it,
and the catalogue itself is not data. (Oxigraph's own ``use_default_graph_as_union`` would show
both; ``oxigraph serve-read-only --union-default-graph`` does, for a server.)

A graph's triples also come once per graph that holds them in such a union: the named queries
say ``DISTINCT``.
"""

from __future__ import annotations

from collections.abc import Collection

import pyoxigraph as ox

CATALOGUE = ox.NamedNode("https://w3id.org/ess-graph/sources")
"""The graph that lists the sources of a store and their versions."""

SOURCE_TERMS = "https://w3id.org/ess-graph/def/source#"
"""The terms of the catalogue: a source (``src:name``, ``src:current`` version) and each version
(``src:source``, ``src:file``, ``src:importer``, ``src:loadedAt``, ``src:triples``,
``src:checksum``)."""

CURRENT = ox.NamedNode(SOURCE_TERMS + "current")


def current_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """The graphs holding the current version of each source of ``store``, in no set order.

    >>> store = ox.Store()
    >>> current_graphs(store)
    []
    >>> version = ox.NamedNode("https://w3id.org/ess-graph/source/rna-62/0123abcd")
    >>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/ess-graph/source/rna-62"), CURRENT, version, CATALOGUE))
    >>> [graph.value for graph in current_graphs(store)]
    ['https://w3id.org/ess-graph/source/rna-62/0123abcd']
    """
    return [quad.object for quad in store.quads_for_pattern(None, CURRENT, None, CATALOGUE)
            if isinstance(quad.object, ox.NamedNode)]


Graphs = Collection[ox.NamedNode | ox.DefaultGraph]
"""Graphs of a store a query reads, the default graph among them or not."""


def query(store: ox.Store, text: str, graphs: Graphs | None = None
          ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run the SPARQL ``text`` on the default graph and the current sources of ``store`` (only
    those in ``GRAPH ?g``), or on ``graphs`` alone (the store but a source being replaced, say).

    >>> store = ox.Store()
    >>> store.add(ox.Quad(CATALOGUE, CURRENT, CATALOGUE, CATALOGUE))  # the catalogue is no data
    >>> bool(query(store, "ASK { GRAPH ?g { ?s ?p ?o } }")), bool(store.query("ASK { GRAPH ?g { ?s ?p ?o } }"))
    (False, True)
    >>> bool(query(store, "ASK { ?s ?p ?o }", graphs=[CATALOGUE]))
    True
    """
    chosen: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        graph for graph in (reads(store) if graphs is None else graphs) if graphs is not None or graph != CATALOGUE]
    named: list[ox.NamedNode | ox.BlankNode] = [graph for graph in chosen if isinstance(graph, ox.NamedNode)]
    return store.query(text, default_graph=chosen, named_graphs=named)


def reads(store: ox.Store) -> set[ox.NamedNode | ox.DefaultGraph]:
    """The graphs whose quads a reader of ``store`` takes: the default one and the current sources.

    >>> reads(ox.Store())
    {<DefaultGraph>}
    """
    return {ox.DefaultGraph(), *current_graphs(store)}


__all__ = ["CATALOGUE", "Graphs", "SOURCE_TERMS", "current_graphs", "query", "reads"]
