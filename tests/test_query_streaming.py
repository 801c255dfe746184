"""Rows are written out as the engine gives them, their labels looked up a batch at a time.

From the hostile-input issue: a query answering 3 million rows took 7 GB, nothing being streamed.
:func:`write_rows` holds one batch of rows at a time (the table alone holds the rows it shows),
and :class:`Labeller` asks the engine only for the IRIs a batch brings that it has not met lately.
The memory itself is measured by benchmarks/query_memory.py, not here.
"""

import io
import json

import pytest
from rdflib import Graph, Literal, URIRef

from ess_graph.sources.engine import Rows, SelectResult
from ess_graph.sources.oxigraph import OxigraphEngine
from ess_graph.sparql.results import BATCH, json_value, render, sparql_json_term, write_rows
from ess_graph.sparql.runner import Labeller, labels_for

ESSD = "https://w3id.org/ess-graph/id/"


def actor(n: int) -> URIRef:
    return URIRef(f"{ESSD}actor-{n}")


class Watched:
    """Rows made on demand, noting how much had been written out when each was asked for."""

    def __init__(self, count: int, out: io.StringIO):
        self.count, self.out, self.written_when_asked, self.closed = count, out, [], False

    def rows(self) -> Rows:
        def generate():
            try:
                for n in range(self.count):
                    self.written_when_asked.append(self.out.tell())
                    yield actor(n), Literal(n)
            finally:
                self.closed = True
        return Rows(("actor", "members"), generate())


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "sparql-json", "md"])
def test_rows_are_written_as_they_come_not_gathered_first(fmt):
    out = io.StringIO()
    watched = Watched(5 * BATCH, out)
    assert write_rows(watched.rows(), fmt, out, {}) == 5 * BATCH
    first, last = watched.written_when_asked[0], watched.written_when_asked[-1]
    assert first < 200  # at most a header before the first row
    assert last > first + 1000  # the first batches were out before the last row was made
    assert watched.closed


def test_a_limit_stops_reading_the_rows_and_closes_them():
    out = io.StringIO()
    watched = Watched(10 * BATCH, out)
    assert write_rows(watched.rows(), "csv", out, {}, limit=5) == 5
    assert len(watched.written_when_asked) == 5 and watched.closed
    assert len(out.getvalue().splitlines()) == 6


def test_the_table_holds_only_the_rows_it_shows_and_counts_the_others():
    out = io.StringIO()
    watched = Watched(3 * BATCH + 7, out)
    assert write_rows(watched.rows(), "table", out, {}, table_rows=10) == 10
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 + 10 + 1
    assert lines[-1] == f"(10 rows shown, {3 * BATCH - 3:,} more)"


def whole(count: int) -> SelectResult:
    return SelectResult(("actor", "members", "note"),
                        tuple((actor(n), Literal(n), Literal("é", lang="fr") if n % 2 else None) for n in range(count)))


@pytest.mark.parametrize("count", [0, 1, BATCH, 2 * BATCH + 1])
def test_json_and_sparql_json_written_row_by_row_are_the_documents_they_were(count):
    result = whole(count)
    labels = {actor(0): "Galilée"}
    rows = [{name: json_value(term, labels) for name, term in zip(result.variables, row, strict=True)}
            for row in result.rows]
    assert render(result, "json", labels) == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": [
        {name: sparql_json_term(term) for name, term in zip(result.variables, row, strict=True) if term is not None}
        for row in result.rows]}}
    assert render(result, "sparql-json", labels) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_csv_columns_are_chosen_from_the_first_batch():
    rows = [(Literal("text"),)] * BATCH + [(actor(1),)]
    text = render(SelectResult(("cell",), tuple(rows)), "csv", {actor(1): "Galilée"})
    lines = text.splitlines()
    assert lines[0] == "cell" and lines[-1] == "Galilée"  # no cell_iri column: none in the first batch


def test_tsv_cells_keep_no_tab_or_line_break():
    result = SelectResult(("who", "note"), ((actor(1), Literal("un\tdeux\ntrois")),))
    assert render(result, "tsv", {actor(1): "Galilée"}) == (
        "who\twho_iri\tnote\nGalilée\thttps://w3id.org/ess-graph/id/actor-1\tun deux trois\n")


class CountingEngine:
    """An Oxigraph engine noting the IRIs each label query asks for."""

    def __init__(self, engine):
        self.engine, self.name, self.asked = engine, engine.name, []

    def select(self, query, bindings=None, *, timeout=None):
        self.asked.append(len((bindings or {}).get("node", ())))
        return self.engine.select(query, bindings, timeout=timeout)


def test_labels_are_looked_up_per_batch_for_the_iris_not_met_lately():
    graph = Graph()
    for n in range(50):
        graph.add((actor(n), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(f"Acteur {n}", lang="fr")))
    engine = CountingEngine(OxigraphEngine.from_graph(graph))
    labeller = Labeller(engine, "fr")
    rows = Rows(("actor",), ((actor(n % 50),) for n in range(3 * BATCH)))  # the same 50 actors, again and again
    out = io.StringIO()
    write_rows(rows, "csv", out, labeller)
    assert engine.asked == [50]  # one query, for the first batch
    assert out.getvalue().splitlines()[1] == "Acteur 0,https://w3id.org/ess-graph/id/actor-0"
    small = Labeller(engine, "fr", remember=10)
    assert small([(actor(n),) for n in range(8)])[actor(7)] == "Acteur 7"
    assert small([(actor(n),) for n in range(8, 16)])[actor(15)] == "Acteur 15"  # forgot the first ones
    assert len(small.known) == 8
    assert labels_for(engine, [(actor(3),)]) == {actor(3): "Acteur 3"}
