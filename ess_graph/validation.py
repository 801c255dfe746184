"""SHACL validation of a graph against the vocabulary's shapes, reported for people."""

import re
from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .io.loading import parse_into
from .vocab.namespaces import SH
from .vocab.resources import shapes_file
from .vocab.terms import label_of, prefixed

SEVERITIES: dict[Node | None, str] = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class ValidationResult:
    """One problem: which node, which property, what is wrong, how serious."""

    focus: str
    focus_label: str
    path: str
    message: str
    severity: str
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.focus_label} <{self.focus}>"
        prop = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}{prop}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of validating a graph; ``conforms`` is False when any violation remains."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "warning"]


def load_shapes() -> Graph:
    """The shipped SHACL shapes."""
    return parse_into(Graph(), shapes_file())


def validate(graph: Graph, shapes: Graph | None = None, lang: str = "en") -> ValidationReport:
    """Check ``graph`` (vocabulary and data together) against the shapes.

    No inference is run: the shapes follow rdfs:subClassOf in the data graph, which holds the
    vocabulary, so an ess:Commune is checked by the ess:LocalAuthority shapes too. Warnings do
    not make the graph non-conforming.
    """
    shapes = shapes if shapes is not None else load_shapes()
    _, report_graph, _ = shacl_validate(
        graph, shacl_graph=shapes,
        inference="none", advanced=True, allow_warnings=True,
    )
    top_level = {r for report in report_graph.subjects(RDF.type, SH.ValidationReport)
                 for r in report_graph.objects(report, SH.result)}
    results = sorted(
        (_result(graph, report_graph, shapes, node, lang) for node in top_level),
        key=lambda r: (r.severity != "violation", r.focus_label, r.path, r.message),
    )
    return ValidationReport(conforms=not any(r.severity == "violation" for r in results), results=results)


def _result(data: Graph, report: Graph, shapes: Graph, node: Node, lang: str) -> ValidationResult:
    focus = report.value(node, SH.focusNode)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    return ValidationResult(
        focus=str(focus),
        focus_label=label_of(data, focus) if focus is not None else "",
        path=prefixed(path) if path is not None else "",
        message=_readable(data, _message(report, shapes, node, lang), lang),
        severity=SEVERITIES.get(report.value(node, SH.resultSeverity), "violation"),
        value=_shown(data, value, lang),
    )


def _message(report: Graph, shapes: Graph, node: Node, lang: str) -> str:
    messages = [m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    for message in messages:
        if message.language == lang:
            return str(message)
    # pyshacl drops the language of SPARQL-constraint messages once it fills in their
    # {?variables}: pick the one that starts like the shape's message in the wanted language.
    constraint = report.value(node, SH.sourceConstraint)
    for template in shapes.objects(constraint, SH.message) if constraint is not None else ():
        if isinstance(template, Literal) and template.language == lang:
            start = str(template).split("{", 1)[0]
            for message in messages:
                if str(message).startswith(start):
                    return str(message)
    return str(messages[0]) if messages else "does not conform"


def _readable(data: Graph, message: str, lang: str) -> str:
    """Messages filled in by SPARQL constraints carry full IRIs; show labels instead."""
    return re.sub(r"https?://[^\s,;)]+", lambda m: _shown(data, URIRef(m.group(0)), lang), message)


def _shown(data: Graph, value: Node | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        return str(value)
    if any(data.objects(value, RDFS.label)):
        return f"{label_of(data, value, lang)} ({prefixed(value)})"
    return prefixed(value)
