"""Writing query answers out: an aligned table, CSV, JSON, SPARQL JSON or Markdown.

People read labels, programs read IRIs, so the formats split the work: ``table`` and ``md``
show labels; ``csv`` gives each IRI column's labels with the IRIs in a ``<column>_iri`` column
next to it; ``json`` is a list of row objects where an IRI cell carries ``{"iri", "label"}``;
``sparql-json`` is the W3C SPARQL 1.1 Query Results JSON Format, terms untouched.
"""

import csv
import io
import json
from collections.abc import Callable, Mapping
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ..sources.engine import SelectResult, Term

Labels = Mapping[URIRef, str]

TABLE_CELL_WIDTH = 60
"""Longer cells are cut (with "…") in the table only; the other formats keep the full text."""

_INTEGER_DATATYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger,
                  XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt, XSD.unsignedLong}
NUMBER_DATATYPES = _INTEGER_DATATYPES | {XSD.decimal, XSD.double, XSD.float}


def cell_text(term: Term | None, labels: Labels) -> str:
    """What a person reads in a cell: the label of an IRI, the text of a literal, nothing if unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return labels.get(term, str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def json_value(term: Term | None, labels: Labels) -> object:
    """A JSON value for a cell: numbers and booleans as such, IRIs as {"iri", "label"}."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"iri": str(term), "label": labels.get(term, str(term))}
    if isinstance(term, Literal) and term.datatype in NUMBER_DATATYPES:
        value = term.toPython()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() and "." not in str(term) else float(value)
        if isinstance(value, int | float):
            return value
    if isinstance(term, Literal) and term.datatype == XSD.boolean:
        return term.toPython() is True
    return cell_text(term, labels)


def _is_number(term: Term | None) -> bool:
    return isinstance(term, Literal) and term.datatype in NUMBER_DATATYPES


def to_table(result: SelectResult, labels: Labels) -> str:
    """Aligned columns with a header rule; numbers right-aligned; a row count at the end."""
    header = list(result.variables)
    cells = [[_cut(cell_text(term, labels)) for term in row] for row in result.rows]
    numeric = [_numeric_column(result, i) for i in range(len(header))]
    widths = [max([len(header[i]), *(len(row[i]) for row in cells)]) for i in range(len(header))]

    def line(values: list[str]) -> str:
        parts = [value.rjust(widths[i]) if numeric[i] else value.ljust(widths[i]) for i, value in enumerate(values)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * width for width in widths)
    count = f"({len(result)} row{'s' if len(result) != 1 else ''})"
    return "\n".join([line(header), rule, *(line(row) for row in cells), count]) + "\n"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL_WIDTH else text[:TABLE_CELL_WIDTH - 1] + "…"


def to_markdown(result: SelectResult, labels: Labels) -> str:
    """A GitHub Markdown table of labels."""

    def escape(text: str) -> str:
        return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")

    rule = ["---:" if _numeric_column(result, i) else "---" for i in range(len(result.variables))]
    lines = ["| " + " | ".join(result.variables) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(escape(cell_text(term, labels)) for term in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _numeric_column(result: SelectResult, index: int) -> bool:
    return bool(result.rows) and all(_is_number(row[index]) or row[index] is None for row in result.rows)


def to_csv(result: SelectResult, labels: Labels) -> str:
    """Labels in each column; a ``<column>_iri`` column after each column that holds IRIs."""
    with_iris = [any(isinstance(row[i], URIRef) for row in result.rows) for i in range(len(result.variables))]
    header = []
    for name, has_iris in zip(result.variables, with_iris, strict=True):
        header += [name, f"{name}_iri"] if has_iris else [name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in result.rows:
        cells = []
        for term, has_iris in zip(row, with_iris, strict=True):
            cells.append(cell_text(term, labels))
            if has_iris:
                cells.append(str(term) if isinstance(term, URIRef) else "")
        writer.writerow(cells)
    return buffer.getvalue()


def to_json(result: SelectResult, labels: Labels) -> str:
    """A list of row objects, one key per variable (null when unbound)."""
    rows = [{name: json_value(term, labels) for name, term in zip(result.variables, row, strict=True)}
            for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def sparql_json_term(term: Term) -> dict:
    """One RDF term in the W3C SPARQL 1.1 Query Results JSON Format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    cell = {"type": "literal", "value": str(term)}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype is not None:
        cell["datatype"] = str(term.datatype)
    return cell


def to_sparql_json(result: SelectResult, labels: Labels) -> str:
    """The W3C format: ``head.vars`` and ``results.bindings``; unbound variables are left out."""
    bindings = [{name: sparql_json_term(term) for name, term in zip(result.variables, row, strict=True)
                 if term is not None} for row in result.rows]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[SelectResult, Labels], str]] = {
    "table": to_table, "csv": to_csv, "json": to_json, "sparql-json": to_sparql_json, "md": to_markdown,
}
FORMATS: tuple[str, ...] = tuple(FORMATTERS)


def render(answer: SelectResult | bool, fmt: str, labels: Labels) -> str:
    """``answer`` in format ``fmt``; an ASK answer is ``true``/``false`` (a W3C boolean document in sparql-json).

    ``labels`` (from :func:`~ess_graph.sparql.runner.labels_for`) give the names people read; an
    IRI without one is shown as is.

    >>> essd = "https://w3id.org/ess-graph/id/"
    >>> result = SelectResult(("funder", "purpose"), (
    ...     (URIRef(essd + "cap-calaisis"), Literal("soutien aux activités économiques de l'ESS")),
    ...     (URIRef(essd + "calais"), Literal("financement direct")),
    ... ))
    >>> labels = {URIRef(essd + "cap-calaisis"): "Cap Calaisis Terre d'Opale", URIRef(essd + "calais"): "Calais"}
    >>> print(render(result, "table", labels), end="")
    funder                      purpose
    --------------------------  ------------------------------------------
    Cap Calaisis Terre d'Opale  soutien aux activités économiques de l'ESS
    Calais                      financement direct
    (2 rows)
    >>> print(render(result, "csv", labels), end="")
    funder,funder_iri,purpose
    Cap Calaisis Terre d'Opale,https://w3id.org/ess-graph/id/cap-calaisis,soutien aux activités économiques de l'ESS
    Calais,https://w3id.org/ess-graph/id/calais,financement direct
    >>> render(True, "table", {}), render(True, "sparql-json", {})
    ('true\\n', '{"head": {}, "boolean": true}\\n')
    """
    if isinstance(answer, bool):
        if fmt == "sparql-json":
            return json.dumps({"head": {}, "boolean": answer}) + "\n"
        return ("true" if answer else "false") + "\n"
    return FORMATTERS[fmt](answer, labels)
