"""A direct edge never says more than its relationship: planned and possible links have edges of
their own, so that a query over the direct edges alone cannot read a plan as a fact.

Expected edges are read from the newsletter (/work/shared/seeds/000_4de75b5316fa7e2b.txt, "the
letter"; line numbers given) and named with the graph's identifiers.
"""

import pytest
from rdflib.namespace import RDF, RDFS

from ess_graph.sparql.runner import run_sparql
from ess_graph.vocab.namespaces import ESS, ESSD, ORG, STATUS
from ess_graph.vocab.shortcuts import shortcut_rules
from ess_graph.vocab.terms import prefixed

DONE_EDGES = {ESS.funds, ESS.partnerOf, ESS.supports, ESS.carries, ESS.owns, ESS.hosts, ESS.supplies, ORG.memberOf}
PLANNED_EDGES = {ESS.plansToFund, ESS.plannedPartnerOf, ESS.plansToSupport, ESS.plansToCarry, ESS.plansToOwn,
                 ESS.plansToHost, ESS.plansToSupply, ESS.plannedMemberOf}
POSSIBLE_EDGES = {ESS.mayFund, ESS.possiblePartnerOf, ESS.maySupport, ESS.mayCarry, ESS.mayOwn, ESS.mayHost,
                  ESS.maySupply, ESS.possibleMemberOf}

# Every link of the letter that is only planned or possible, with the edge that shows it.
PLANNED_OR_POSSIBLE = {
    # line 21: the SyMPaC "se veut être en première ligne" of a concerted ESS policy
    ("essd:sympac", "ess:plansToCarry", "essd:strategie-ess-calaisis"),
    # line 46: Cap Calaisis "entend se doter d'un plan d'actions"
    ("essd:cap-calaisis", "ess:plansToCarry", "essd:plan-actions-ess-cap-calaisis"),
    # lines 89-92: a regional plan, the Région's responsibility, "associant ... en premier lieu la CRESS"
    ("essd:nord-pas-de-calais", "ess:mayCarry", "essd:plan-deploiement-ess-nord-pas-de-calais"),
    ("essd:nord-pas-de-calais", "ess:possiblePartnerOf", "essd:cress-nord-pas-de-calais"),
    ("essd:cress-nord-pas-de-calais", "ess:possiblePartnerOf", "essd:nord-pas-de-calais"),
    # line 249: "Le partenariat à établir entre l'ADMR et le CIAS"
    ("essd:admr-audruicq", "ess:plannedPartnerOf", "essd:cias-ccra"),
    ("essd:cias-ccra", "ess:plannedPartnerOf", "essd:admr-audruicq"),
    # lines 269-270: "d'envisager à court terme ... un atelier de transformation des fruits et légumes"
    ("essd:anges-gardins", "ess:mayCarry", "essd:atelier-transformation-fruits-legumes"),
    ("essd:terre-d-opale", "ess:mayCarry", "essd:atelier-transformation-fruits-legumes"),
    # line 318: Des Racines et des Hommes "en assurera la coordination"
    ("essd:des-racines-et-des-hommes", "ess:plansToCarry", "essd:site-animation-chicoree"),
    # lines 387-391: the Région "est appelée à intervenir", the Département "va apporter son
    # soutien", Cap Calaisis through its ESS policy, the SyMPaC relays the regional policies;
    # "la ville de Calais pourrait intervenir également en financement direct"
    ("essd:nord-pas-de-calais", "ess:plansToFund", "essd:boulangerie-solidaire"),
    ("essd:pas-de-calais", "ess:plansToFund", "essd:boulangerie-solidaire"),
    ("essd:cap-calaisis", "ess:plansToFund", "essd:boulangerie-solidaire"),
    ("essd:sympac", "ess:plansToSupport", "essd:boulangerie-solidaire"),
    ("essd:calais", "ess:mayFund", "essd:boulangerie-solidaire"),
    # lines 393-395: canteens the communes run, whose interest is being gauged; line 377: schools
    ("essd:boulangerie-solidaire", "ess:maySupply", "essd:communes-restauration-scolaire"),
    ("essd:boulangerie-solidaire", "ess:maySupply", "essd:etablissements-scolaires"),
    # line 403: "un dernier partenariat sur le plan pédagogique avec les écoles, collèges, lycées"
    ("essd:boulangerie-solidaire", "ess:plannedPartnerOf", "essd:etablissements-scolaires"),
    ("essd:etablissements-scolaires", "ess:plannedPartnerOf", "essd:boulangerie-solidaire"),
}


def edges_of(graph, properties) -> set[tuple[str, str, str]]:
    return {tuple(map(prefixed, triple)) for prop in properties for triple in graph.triples((None, prop, None))}


def test_the_planned_and_possible_links_of_the_letter_are_shown_by_edges_of_their_own(calaisis):
    assert edges_of(calaisis, PLANNED_EDGES | POSSIBLE_EDGES) == PLANNED_OR_POSSIBLE


def test_every_edge_of_a_done_link_is_backed_by_a_link_done_or_in_progress(calaisis):
    done_or_under_way = {STATUS.done, STATUS["in-progress"]}
    for rule in shortcut_rules(calaisis):
        edge = rule.edge_for(STATUS.done)
        nodes = set(calaisis.transitive_subjects(RDFS.subClassOf, rule.relationship_class))
        for s, o in calaisis.subject_objects(edge):
            assert any(calaisis.value(node, ESS.status) in done_or_under_way
                       for node in calaisis.subjects(rule.subject_role, s)
                       if (node, rule.object_role, o) in calaisis
                       and any((node, RDF.type, cls) in calaisis for cls in nodes)), (s, edge, o)
    # Des Racines et des Hommes is to coordinate the chicory site (planned) and prepares it now
    # ("travaille actuellement à l'élaboration du projet", line 318): both edges hold.
    racines, site = ESSD["des-racines-et-des-hommes"], ESSD["site-animation-chicoree"]
    assert {p for p in calaisis.predicates(racines, site)} == {ESS.carries, ESS.plansToCarry}


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_query_over_the_funding_edges_alone_keeps_plans_apart_from_grants(query_engines, engine):
    # Lines 387-391: none of the bakery's five fundings is granted yet.
    chosen, _ = query_engines[engine]
    asked = {edge: {prefixed(row["funder"]) for row in run_sparql(
        chosen, f"SELECT ?funder WHERE {{ ?funder {edge} essd:boulangerie-solidaire }}")}
        for edge in ("ess:funds", "ess:plansToFund", "ess:mayFund")}
    assert asked == {"ess:funds": set(),
                     "ess:plansToFund": {"essd:nord-pas-de-calais", "essd:pas-de-calais", "essd:cap-calaisis"},
                     "ess:mayFund": {"essd:calais"}}
    # the screening at Marck is funded (line 362: "participent au soutien financier")
    granted = run_sparql(chosen, "SELECT ?funder WHERE { ?funder ess:funds essd:projection-film-memoire-marck }")
    assert {prefixed(row["funder"]) for row in granted} == {"essd:marck", "essd:sympac", "essd:caisses-de-retraite"}


def test_only_the_edges_of_done_and_in_progress_links_are_org_linked_to(calaisis):
    below = {group: set(calaisis.subjects(RDFS.subPropertyOf, group))
             for group in (ORG.linkedTo, ESS.plannedLink, ESS.possibleLink)}
    assert below == {ORG.linkedTo: DONE_EDGES - {ORG.memberOf}, ESS.plannedLink: PLANNED_EDGES,
                     ESS.possibleLink: POSSIBLE_EDGES}
    # org:memberOf is W3C ORG's own; it already means an actual membership


def test_each_edge_says_which_statuses_it_stands_for(calaisis):
    stands_for = {edge: set(calaisis.objects(edge, ESS.shortcutStatus))
                  for edge in DONE_EDGES | PLANNED_EDGES | POSSIBLE_EDGES}
    assert {edge for edge, statuses in stands_for.items() if statuses == {STATUS.done, STATUS["in-progress"]}} \
        == DONE_EDGES
    assert {edge for edge, statuses in stands_for.items() if statuses == {STATUS.planned}} == PLANNED_EDGES
    assert {edge for edge, statuses in stands_for.items() if statuses == {STATUS.possible}} == POSSIBLE_EDGES
    rules = shortcut_rules(calaisis)
    assert len(rules) == 8
    assert {edge for rule in rules for edge in rule.all_edges} == DONE_EDGES | PLANNED_EDGES | POSSIBLE_EDGES
