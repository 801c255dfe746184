"""Each output format: labels for people, IRIs for programs, the W3C format untouched."""

import csv
import io
import json

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ess_graph.sources.engine import SelectResult
from ess_graph.sparql.results import TABLE_CELL_WIDTH, render

GALILEE = URIRef("https://w3id.org/ess-graph/id/galilee")
NOTE_BLEUE = URIRef("https://w3id.org/ess-graph/id/la-note-bleue")
LABELS = {GALILEE: "Galilée", NOTE_BLEUE: "La Note Bleue | Ruminghem"}
RESULT = SelectResult(
    ("supporter", "supported", "members", "purpose"),
    ((GALILEE, NOTE_BLEUE, Literal(277, datatype=XSD.integer), Literal("réflexion", lang="fr")),
     (GALILEE, None, Literal("95.7", datatype=XSD.decimal), Literal("x" * 100))),
)


def test_table_aligns_labels_with_numbers_to_the_right_and_counts_rows():
    lines = render(RESULT, "table", LABELS).splitlines()
    assert lines[0].split() == ["supporter", "supported", "members", "purpose"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].startswith("Galilée    La Note Bleue | Ruminghem      277  réflexion")
    assert "https://" not in "\n".join(lines)
    assert lines[3].index("95.7") + len("95.7") == lines[2].index("277") + len("277")
    assert lines[3].endswith("x" * (TABLE_CELL_WIDTH - 1) + "…")
    assert lines[-1] == "(2 rows)"


def test_csv_gives_labels_and_the_iris_beside_them():
    table = list(csv.reader(io.StringIO(render(RESULT, "csv", LABELS))))
    assert table[0] == ["supporter", "supporter_iri", "supported", "supported_iri", "members", "purpose"]
    assert table[1] == ["Galilée", str(GALILEE), "La Note Bleue | Ruminghem", str(NOTE_BLEUE), "277", "réflexion"]
    assert table[2][:4] == ["Galilée", str(GALILEE), "", ""]


def test_json_is_a_list_of_rows_where_an_iri_carries_its_label():
    rows = json.loads(render(RESULT, "json", LABELS))
    assert rows[0] == {"supporter": {"iri": str(GALILEE), "label": "Galilée"},
                       "supported": {"iri": str(NOTE_BLEUE), "label": "La Note Bleue | Ruminghem"},
                       "members": 277, "purpose": "réflexion"}
    assert rows[1]["supported"] is None and rows[1]["members"] == 95.7


def test_sparql_json_follows_the_w3c_results_format():
    document = json.loads(render(RESULT, "sparql-json", LABELS))
    assert document["head"] == {"vars": ["supporter", "supported", "members", "purpose"]}
    first, second = document["results"]["bindings"]
    assert first["supporter"] == {"type": "uri", "value": str(GALILEE)}
    assert first["members"] == {"type": "literal", "value": "277", "datatype": str(XSD.integer)}
    assert first["purpose"] == {"type": "literal", "value": "réflexion", "xml:lang": "fr"}
    assert "supported" not in second  # unbound variables are left out


def test_markdown_escapes_the_pipe_of_a_label():
    lines = render(RESULT, "md", LABELS).splitlines()
    assert lines[0] == "| supporter | supported | members | purpose |"
    assert lines[1] == "|---|---|---:|---|"
    assert lines[2] == "| Galilée | La Note Bleue \\| Ruminghem | 277 | réflexion |"


def test_an_ask_answer_is_a_boolean_in_every_format():
    assert render(True, "table", {}) == "true\n"
    assert json.loads(render(False, "sparql-json", {})) == {"head": {}, "boolean": False}
