"""The query library: the promised questions exist, each documented and runnable anywhere."""

import re

import pytest
from rdflib.plugins.sparql import prepareQuery

from ess_graph.errors import EssGraphError
from ess_graph.sparql.catalogue import (
    PARAMETER_TYPES,
    load_catalogue,
    named_query,
    parse_named_query,
    shipped_catalogue,
)

PROMISED = {
    "funders", "funded-by", "partners", "supported-by", "shared-funders", "cofunding-authorities",
    "multi-authority-projects", "in-territory", "by-legal-form", "by-sector", "insertion", "ptce-ingredients",
    "territory-figures", "provenance",
}
PROMISED_PARAMETERS = {
    "funders": ["actor"], "funded-by": ["funder"], "partners": ["actor"], "supported-by": ["actor"],
    "shared-funders": ["min"], "multi-authority-projects": ["min"], "in-territory": ["territory"],
    "by-legal-form": ["form"], "by-sector": ["sector"], "ptce-ingredients": ["territory"],
    "provenance": ["actor"],
}


def test_the_library_has_every_question_the_issue_names_under_its_name():
    assert set(shipped_catalogue()) >= PROMISED


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_each_question_takes_the_parameters_other_tools_call_it_with(name):
    assert [p.name for p in named_query(name).parameters] == PROMISED_PARAMETERS.get(name, [])


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_each_header_gives_title_questions_parameters_and_an_example_command(name):
    query = named_query(name)
    assert query.title and query.question_fr.endswith("?") and query.question_en.endswith("?")
    assert query.example.startswith(f"ess-graph query {name}")
    for parameter in query.parameters:
        assert parameter.type in PARAMETER_TYPES
        assert parameter.example and parameter.description
        assert f"-p {parameter.name}=" in query.example or not parameter.required


def test_defaults_are_stated_for_the_thresholds():
    assert named_query("shared-funders").parameter("min").default == "2"
    assert named_query("multi-authority-projects").parameter("min").default == "3"
    assert named_query("funders").parameter("actor").required


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_each_file_is_plain_sparql_11_that_declares_its_own_prefixes(name):
    # No prefix is predeclared here: the file must run as is in any SPARQL tool.
    query = prepareQuery(named_query(name).text)
    assert query.algebra.name == "SelectQuery"


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_class_questions_follow_the_hierarchy_rather_than_inferred_types(name):
    text = named_query(name).text
    for match in re.finditer(r"(?<![/\w])(?:a|rdf:type)\s+ess:(\w+)", text):
        # A bare "a ess:X" would miss the instances of X's subclasses.
        assert match.group(1) in {"SourceSection"}, f"{name}: use rdf:type/rdfs:subClassOf* for ess:{match.group(1)}"


def test_an_unknown_query_name_suggests_the_closest():
    with pytest.raises(EssGraphError, match=r"no named query 'funder'; did you mean funders"):
        named_query("funder")


@pytest.mark.parametrize(("header", "message"), [
    ("# Title: T\n# Question-fr: Q ?\n# Question-en: Q?\n", "exactly one non-empty 'example:' line"),
    ("# Title: T\n# Question-fr: Q ?\n# Question-en: Q?\n# Example: x\n# Parameter: who | type: person | "
     "default: required | example: x\n", ":5: unknown parameter type 'person'"),
    ("# Title: T\n# Question-fr: Q ?\n# Question-en: Q?\n# Example: x\n# Parameter: who | type: actor\n",
     ":5: a parameter line reads 'NAME | type: T | default: D | example: E' (missing default, example)"),
    ("# Title: T\n# Question-fr: Q ?\n# Question-en: Q?\n# Example: x\n# Parameter: other | type: actor | "
     "default: required | example: x\n", "parameter 'other' is not a variable of the query"),
])
def test_a_malformed_header_is_reported_with_the_file_and_line(tmp_path, header, message):
    path = tmp_path / "broken.rq"
    path.write_text(header + "\nSELECT ?who WHERE { ?who a ?class }\n", encoding="utf-8")
    with pytest.raises(EssGraphError) as caught:
        parse_named_query(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_a_folder_of_queries_becomes_a_catalogue_by_file_name(tmp_path):
    (tmp_path / "my-question.rq").write_text(
        "# Title: Mine\n# Question-fr: Qui ?\n# Question-en: Who?\n"
        "# Parameter: who | type: actor | default: required | example: Galilée\n"
        "#            An indented line continues the description.\n"
        "# Example: ess-graph query my-question -p who=Galilée\n\nSELECT ?who WHERE { ?who ?p ?o }\n",
        encoding="utf-8")
    catalogue = load_catalogue(tmp_path)
    parameter = catalogue["my-question"].parameters[0]
    assert (parameter.name, parameter.type, parameter.required) == ("who", "actor", True)
    assert parameter.description == "An indented line continues the description."
