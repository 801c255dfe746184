"""PTCE candidates saved back as RDF, so that SPARQL and the map can read them.

Each candidate is an ``ess:PTCECandidate`` (terms in ``ontology/ptce.ttl``) whose IRI comes from
its member set alone, with its kind (``cooperating`` or ``potential``), stability, the candidates
it overlaps, its members, shared projects, territory, score and components, legal checklist and
suggested members; it ``prov:wasGeneratedBy`` a ``prov:Activity`` that records the
date and every parameter. Every IRI is derived from content (members; parameters and date), so
saving the same analysis twice writes the same triples.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..vocab.namespaces import ESS, ESSD, bind_prefixes
from .analysis import Candidate, PTCEAnalysis


def analysis_to_rdf(analysis: PTCEAnalysis, generated_on: date | None = None) -> Graph:
    """The candidates of ``analysis`` and the activity that produced them, as a new graph."""
    day = generated_on or date.today()
    graph = bind_prefixes(Graph())
    activity = _activity(graph, analysis, day)
    iris = {c.rank: c.iri for c in analysis.candidates}
    for candidate in analysis.candidates:
        _candidate(graph, candidate, activity, [iris[o.rank] for o in candidate.overlaps])
    return graph


def _activity(graph: Graph, analysis: PTCEAnalysis, day: date) -> URIRef:
    params = analysis.parameters.as_dict()
    digest = hashlib.sha256(json.dumps([params, day.isoformat()], sort_keys=True).encode()).hexdigest()[:16]
    activity = ESSD[f"ptce-analysis-{digest}"]
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"Recherche de PTCE potentiels du {day.isoformat()}", lang="fr")))
    graph.add((activity, RDFS.label, Literal(f"Search for potential PTCE of {day.isoformat()}", lang="en")))
    graph.add((activity, DCTERMS.date, Literal(day.isoformat(), datatype=XSD.date)))
    for name, value in params.items():
        setting = URIRef(f"{activity}/parameter/{name}")
        graph.add((activity, ESS.parameter, setting))
        graph.add((setting, RDF.type, ESS.ParameterSetting))
        graph.add((setting, ESS.parameterName, Literal(name)))
        graph.add((setting, ESS.parameterValue, Literal(value)))
    return activity


def _candidate(graph: Graph, c: Candidate, activity: URIRef, overlaps: list[str]) -> None:
    node = URIRef(c.iri)
    add = graph.add
    add((node, RDF.type, ESS.PTCECandidate))
    add((node, RDFS.label, Literal(c.name, lang="fr")))
    add((node, PROV.wasGeneratedBy, activity))
    add((node, ESS.rank, Literal(c.rank, datatype=XSD.positiveInteger)))
    add((node, ESS.score, Literal(f"{c.score.total:.1f}", datatype=XSD.decimal)))
    add((node, ESS.legalPersonCount, Literal(c.legal_persons, datatype=XSD.nonNegativeInteger)))
    add((node, ESS.candidateKind, Literal(c.kind)))
    if c.stability is not None:
        add((node, ESS.stability, Literal(f"{c.stability:.3f}", datatype=XSD.decimal)))
    for overlap in overlaps:
        add((node, ESS.overlapsCandidate, URIRef(overlap)))
    for member in c.members:
        add((node, ESS.candidateMember, URIRef(member.iri)))
    for project in c.projects:
        add((node, ESS.candidateProject, URIRef(project.iri)))
    if c.territory:
        add((node, ESS.candidateTerritory, URIRef(c.territory)))
    for suggestion in c.suggestions:
        add((node, ESS.suggestedMember, URIRef(suggestion.iri)))
    for component in c.score.components:
        part = URIRef(f"{c.iri}/score/{component.name}")
        add((node, ESS.scoreComponent, part))
        add((part, RDF.type, ESS.ScoreComponent))
        add((part, ESS.componentName, Literal(component.name)))
        add((part, ESS.componentValue, Literal(f"{component.value:.3f}", datatype=XSD.decimal)))
        add((part, ESS.componentWeight, Literal(f"{component.weight:g}", datatype=XSD.decimal)))
        add((part, ESS.points, Literal(f"{component.points:.1f}", datatype=XSD.decimal)))
        add((part, RDFS.comment, Literal(component.detail, lang="en")))
    for gate in c.gates:
        check = URIRef(f"{c.iri}/gate/{gate.name}")
        add((node, ESS.gateCheck, check))
        add((check, RDF.type, ESS.GateCheck))
        add((check, ESS.gateName, Literal(gate.name)))
        add((check, ESS.gateMet, Literal(gate.met)))
        add((check, RDFS.comment, Literal(f"{gate.label}: {gate.detail}", lang="en")))
        for proof in gate.evidence:
            for iri in proof.relations or proof.nodes[:1]:
                add((check, ESS.evidence, URIRef(iri)))

