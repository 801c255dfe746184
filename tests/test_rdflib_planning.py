"""On rdflib, a parameterised query starts from the bound value instead of walking the whole graph."""

import time

from rdflib import URIRef, Variable
from rdflib.namespace import RDF, RDFS

from ess_graph.sources.planning import order_triples
from ess_graph.sparql.runner import run_named_query
from ess_graph.vocab.namespaces import ESS

ACTOR = URIRef("https://w3id.org/ess-graph/id/terre-d-opale")
relation, role, link, partner = (Variable(name) for name in ("relation", "role", "link", "partner"))
CLASS_PATH = RDF.type / (RDFS.subClassOf * "*")


def test_the_triple_holding_the_bound_value_comes_first_and_paths_are_checked_not_walked():
    triples = [(relation, CLASS_PATH, link), (link, ESS.shortcutSubject, role),
               (relation, role, partner), (relation, role, ACTOR)]
    ordered = order_triples(triples, {ACTOR})
    assert ordered[0] == (relation, role, ACTOR)
    # the class path is only checked once both its ends are bound, never walked from one end
    assert ordered.index((relation, CLASS_PATH, link)) > ordered.index((link, ESS.shortcutSubject, role))


def test_a_path_open_at_both_ends_waits_until_nothing_else_is_left():
    triples = [(partner, CLASS_PATH, link), (partner, ESS.locatedIn, Variable("place"))]
    assert order_triples(triples)[-1] == (partner, CLASS_PATH, link)


def best_of_three(engine, resolver, name: str, **params) -> float:
    run_named_query(engine, name, params, resolver=resolver)  # names read, caches warm
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        run_named_query(engine, name, params, resolver=resolver)
        runs.append(time.perf_counter() - start)
    return min(runs)


def test_planning_keeps_partners_of_one_actor_fast_on_rdflib(query_engines):
    # Measured: 17 s with rdflib's own order, about 0.25 s planned, while the one-pattern
    # supported-by takes about 0.012 s. Only a ratio within one run is asserted: partners stays
    # within 200 times supported-by (rdflib's own order would be over 1 000 times).
    engine, resolver = query_engines["rdflib"]
    partners = best_of_three(engine, resolver, "partners", actor="Terre d'Opale")
    simple = best_of_three(engine, resolver, "supported-by", actor="Galilée")
    assert partners < 200 * simple
