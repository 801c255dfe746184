"""Writing query answers out: an aligned table, CSV, TSV, JSON, JSON lines, SPARQL JSON or Markdown.

People read labels, programs read IRIs, so the formats split the work: ``table`` and ``md``
show labels; ``csv`` and ``tsv`` give each IRI column's labels with the IRIs in a
``<column>_iri`` column next to it; ``json`` is a list of row objects where an IRI cell carries
``{"iri", "label"}``, and ``jsonl`` the same objects one per line; ``sparql-json`` is the W3C
SPARQL 1.1 Query Results JSON Format, terms untouched.

Rows are written as they come (:func:`write_rows`), in batches, and the labels of each batch's
IRIs are looked up for that batch alone: an answer of millions of rows goes out in constant
memory. Only the table, whose columns are as wide as their longest cell, holds its rows; it
shows at most ``table_rows`` of them and counts the rest.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from io import StringIO
from itertools import islice
from typing import TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ..io.text import terminal_text
from ..sources.engine import Row, Rows, SelectResult, Term

Labels = Mapping[URIRef, str]
Labeller = Callable[[Sequence[Row]], Labels]
"""Gives the labels of the IRIs in a batch of rows (see :class:`~ess_graph.sparql.runner.Labeller`)."""

TABLE_CELL_WIDTH = 60
"""Longer cells are cut (with "…") in the table only; the other formats keep the full text."""
BATCH = 1000
"""Rows written at a time, their labels looked up together; csv, tsv and md choose their columns'
layout from the first batch."""

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


def _is_number(term: Term | None) -> bool:
    return isinstance(term, Literal) and term.datatype in NUMBER_DATATYPES


def _numeric(rows: Sequence[Row], width: int) -> list[bool]:
    """Which columns hold numbers only (unbound cells aside), in ``rows``."""
    return [bool(rows) and all(_is_number(row[i]) or row[i] is None for row in rows) for i in range(width)]


def _cut(text: str) -> str:
    text = " ".join(terminal_text(text).split())
    return text if len(text) <= TABLE_CELL_WIDTH else text[:TABLE_CELL_WIDTH - 1] + "…"


def _count_line(shown: int, more: int) -> str:
    if more:
        return f"({shown:,} rows shown, {more:,} more)"
    return f"({shown} row{'s' if shown != 1 else ''})"


Batches = Iterator[tuple[list[Row], Labels]]


def _write_table(variables: tuple[str, ...], batches: Batches, rest: Iterator[Row], out: TextIO,
                 count_line: Callable[[int, int], str]) -> int:
    """Aligned columns with a header rule; numbers right-aligned; a row count at the end (and how
    many rows were not shown, counted from ``rest``)."""
    header = list(variables)
    rows: list[Row] = []
    cells: list[list[str]] = []
    for batch, labels in batches:
        rows += batch
        cells += [[_cut(cell_text(term, labels)) for term in row] for row in batch]
    numeric = _numeric(rows, len(header))
    widths = [max([len(header[i]), *(len(row[i]) for row in cells)]) for i in range(len(header))]

    def line(values: list[str]) -> str:
        parts = [value.rjust(widths[i]) if numeric[i] else value.ljust(widths[i]) for i, value in enumerate(values)]
        return "  ".join(parts).rstrip()

    out.write(line(header) + "\n" + "  ".join("-" * width for width in widths) + "\n")
    for row in cells:
        out.write(line(row) + "\n")
    more = sum(1 for _ in rest)
    out.write(count_line(len(cells), more) + "\n")
    return len(cells)


def _write_markdown(variables: tuple[str, ...], batches: Batches, out: TextIO) -> int:
    """A GitHub Markdown table of labels; numbers right-aligned if the first batch says so."""

    def escape(text: str) -> str:
        return " ".join(terminal_text(text).split()).replace("\\", "\\\\").replace("|", "\\|")

    count = 0
    for batch, labels in batches:
        if not count:
            rule = ["---:" if numeric else "---" for numeric in _numeric(batch, len(variables))]
            out.write("| " + " | ".join(variables) + " |\n|" + "|".join(rule) + "|\n")
        for row in batch:
            out.write("| " + " | ".join(escape(cell_text(term, labels)) for term in row) + " |\n")
        count += len(batch)
    if not count:
        out.write("| " + " | ".join(variables) + " |\n|" + "|".join("---" for _ in variables) + "|\n")
    return count


def _write_delimited(variables: tuple[str, ...], batches: Batches, out: TextIO, delimiter: str) -> int:
    """Labels in each column; a ``<column>_iri`` column after each column that holds IRIs in the
    first batch. TSV has no quoting: tabs and line breaks in a cell become spaces."""
    writer = csv.writer(out, lineterminator="\n") if delimiter == "," else None
    with_iris: list[bool] | None = None

    def write(cells: list[str]) -> None:
        if writer is not None:
            writer.writerow(cells)
        else:
            out.write("\t".join(cell.translate(_TSV_SPACES) for cell in cells) + "\n")

    count = 0
    for batch, labels in batches:
        if with_iris is None:
            with_iris = [any(isinstance(row[i], URIRef) for row in batch) for i in range(len(variables))]
            write(_header(variables, with_iris))
        for row in batch:
            cells = []
            for term, has_iris in zip(row, with_iris, strict=True):
                cells.append(cell_text(term, labels))
                if has_iris:
                    cells.append(str(term) if isinstance(term, URIRef) else "")
            write(cells)
        count += len(batch)
    if with_iris is None:
        write(list(variables))
    return count


_TSV_SPACES = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _header(variables: tuple[str, ...], with_iris: list[bool]) -> list[str]:
    header = []
    for name, has_iris in zip(variables, with_iris, strict=True):
        header += [name, f"{name}_iri"] if has_iris else [name]
    return header


def _write_json(variables: tuple[str, ...], batches: Batches, out: TextIO, lines: bool) -> int:
    """A list of row objects, one key per variable (null when unbound); with ``lines``, one
    object per line (JSON lines), else one indented JSON array."""
    count = 0
    for batch, labels in batches:
        for row in batch:
            item = {name: json_value(term, labels) for name, term in zip(variables, row, strict=True)}
            if lines:
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
            else:
                out.write(("[\n" if not count else ",\n") + _indented(item, 2))
            count += 1
    if not lines:
        out.write("\n]\n" if count else "[]\n")
    return count


def _write_sparql_json(variables: tuple[str, ...], batches: Batches, out: TextIO) -> int:
    """The W3C format: ``head.vars`` and ``results.bindings``; unbound variables are left out."""
    head = json.dumps({"head": {"vars": list(variables)}}, ensure_ascii=False, indent=2)
    out.write(head[:-2] + ',\n  "results": {\n    "bindings": [')
    count = 0
    for batch, _ in batches:
        for row in batch:
            binding = {name: sparql_json_term(term) for name, term in zip(variables, row, strict=True)
                       if term is not None}
            out.write(("\n" if not count else ",\n") + _indented(binding, 6))
            count += 1
    out.write("\n    ]\n  }\n}\n" if count else "]\n  }\n}\n")
    return count


def _indented(value: object, margin: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it inside a list ``margin`` deep."""
    pad = " " * margin
    return pad + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json", "jsonl", "sparql-json", "md")


def write_rows(rows: Rows | SelectResult, fmt: str, out: TextIO, labels: Labels | Labeller | None = None, *,
               limit: int | None = None, table_rows: int | None = None,
               count_line: Callable[[int, int], str] = _count_line) -> int:
    """Write the rows of a SELECT to ``out`` in format ``fmt`` as they come; returns how many.

    ``labels`` are the names people read for IRIs: a mapping, or a function giving those of a
    batch of rows (:class:`~ess_graph.sparql.runner.Labeller` looks them up in the graph). At
    most ``limit`` rows are read (the query is then stopped); the table shows at most
    ``table_rows`` and ends with ``count_line(shown, more)``, ``more`` counting the rows not shown.

    >>> import sys
    >>> def funders():
    ...     return Rows(("funder", "amount"), ((URIRef(f"urn:ex:funder-{n}"), Literal(n * 1000))
    ...                                        for n in range(1, 2001)))
    >>> write_rows(funders(), "table", sys.stdout, {URIRef("urn:ex:funder-1"): "Cap Calaisis"}, table_rows=2)
    funder           amount
    ---------------  ------
    Cap Calaisis       1000
    urn:ex:funder-2    2000
    (2 rows shown, 1,998 more)
    2
    >>> write_rows(funders(), "jsonl", sys.stdout, lambda batch: {URIRef("urn:ex:funder-1"): "Cap Calaisis"}, limit=2)
    {"funder": {"iri": "urn:ex:funder-1", "label": "Cap Calaisis"}, "amount": 1000}
    {"funder": {"iri": "urn:ex:funder-2", "label": "urn:ex:funder-2"}, "amount": 2000}
    2
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (expected one of {', '.join(FORMATS)})")
    answer = rows if isinstance(rows, Rows) else Rows(rows.variables, iter(rows.rows))
    labeller: Labeller = labels if callable(labels) else _fixed(labels or {})
    try:
        wanted = islice(answer, limit) if limit is not None else answer
        if fmt == "table":
            shown = table_rows if limit is None or (table_rows is not None and table_rows < limit) else limit
            batches = _labelled(islice(wanted, shown), labeller)
            return _write_table(answer.variables, batches, wanted, out, count_line)
        batches = _labelled(wanted, labeller)
        if fmt in ("csv", "tsv"):
            return _write_delimited(answer.variables, batches, out, "," if fmt == "csv" else "\t")
        if fmt in ("json", "jsonl"):
            return _write_json(answer.variables, batches, out, lines=fmt == "jsonl")
        if fmt == "sparql-json":
            return _write_sparql_json(answer.variables, batches, out)
        return _write_markdown(answer.variables, batches, out)
    finally:
        answer.close()


def _fixed(labels: Labels) -> Labeller:
    return lambda batch: labels


def _labelled(rows: Iterable[Row], labeller: Labeller) -> Batches:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH)):
        yield batch, labeller(batch)


def render(answer: SelectResult | bool, fmt: str, labels: Labels) -> str:
    """``answer`` in format ``fmt``; an ASK answer is ``true``/``false`` (a W3C boolean document in sparql-json).

    ``labels`` (from :func:`~ess_graph.sparql.runner.labels_for`) give the names people read; an
    IRI without one is shown as is. The table shows every row.

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
        return render_boolean(answer, fmt)
    buffer = StringIO()
    write_rows(answer, fmt, buffer, labels)
    return buffer.getvalue()


def render_boolean(answer: bool, fmt: str) -> str:
    """The answer to an ASK: ``true``/``false``, a W3C boolean document in sparql-json.

    >>> render_boolean(False, "jsonl"), render_boolean(True, "sparql-json")
    ('false\\n', '{"head": {}, "boolean": true}\\n')
    """
    if fmt == "sparql-json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    return ("true" if answer else "false") + "\n"


__all__ = ["BATCH", "FORMATS", "TABLE_CELL_WIDTH", "Labeller", "Labels", "render", "render_boolean", "write_rows"]
