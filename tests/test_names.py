"""People name things as they say them; the resolver finds the node they mean, or says why not."""

import pytest
from rdflib import URIRef

from ess_graph.errors import EssGraphError
from ess_graph.sparql.names import NameResolver, normalise

ESSD = "https://w3id.org/ess-graph/id/"


@pytest.fixture(params=["rdflib", "oxigraph"])
def resolve(request, query_engines):
    _, resolver = query_engines[request.param]
    return resolver.resolve


def test_names_compare_without_accents_case_or_punctuation():
    assert normalise("Vieille-Église") == normalise("vieille eglise") == "vieille eglise"
    assert normalise("Thé&'groseille") == "the groseille"
    assert normalise("  L'ÉTAT ") == "l etat"


@pytest.mark.parametrize(("type_key", "text", "node"), [
    ("territory", "vieille eglise", "vieille-eglise"),                 # label, accents and hyphen aside
    ("territory", "CCRA", "ccra"),                                     # alternative label
    ("actor", "SYMPAC", "sympac"),                                     # case
    ("actor", "Association d'Aide à Domicile en Milieu Rural d'Audruicq", "admr-audruicq"),  # legal name
    ("actor", "boulangerie", "boulangerie-solidaire"),                 # the only name holding that word
    ("actor", "essd:galilee", "galilee"),                              # prefixed name
    ("actor", f"<{ESSD}galilee>", "galilee"),                          # IRI
    ("actor", f"{ESSD}galilee", "galilee"),                            # bare IRI
])
def test_a_node_is_found_by_label_alternative_name_or_identifier(resolve, type_key, text, node):
    assert resolve(type_key, text) == URIRef(ESSD + node)


def test_legal_forms_and_sectors_are_found_by_their_codes(resolve):
    assert str(resolve("form", "9220")).endswith("/legal-form/association-declared")
    assert str(resolve("form", "SCIC")).endswith("/legal-form/scic")
    assert str(resolve("sector", "R")).endswith("/sector/arts-sport-leisure")


def test_an_exact_name_wins_over_names_that_contain_it(resolve):
    # "Calais" is in many labels (Cap Calaisis, Pays du Calaisis...) but names the town exactly.
    assert resolve("actor", "Calais") == URIRef(ESSD + "calais")


def test_a_node_of_another_type_is_not_accepted(resolve):
    with pytest.raises(EssGraphError, match="^essd:galilee is not a known territory$"):
        resolve("territory", "essd:galilee")


def test_several_matches_are_listed_with_their_identifiers(resolve):
    with pytest.raises(EssGraphError) as caught:
        resolve("territory", "communauté de communes")
    message = str(caught.value)
    # The three of the letter, the Région d'Ardres one (Brêmes) and the 2017 Pays d'Opale.
    assert message.startswith("'communauté de communes' names 5 territories: ")
    for node in ("ccra", "cc-trois-pays", "ccsoc", "ccravh", "epci-200072478"):
        assert f"(essd:{node})" in message


def test_no_match_gives_the_closest_labels(resolve):
    with pytest.raises(EssGraphError, match=r"^no actor, project or programme is named 'Galillee'; closest: Galilée"):
        resolve("actor", "Galillee")


def test_an_empty_name_is_refused(resolve):
    with pytest.raises(EssGraphError, match="an empty name cannot name a sector"):
        resolve("sector", " -- ")


class CountingEngine:
    """An engine that notes which kinds of query it was asked."""

    def __init__(self, engine):
        self.engine, self.name, self.asked = engine, engine.name, []

    def select(self, query, bindings=None):
        self.asked.append("select")
        return self.engine.select(query, bindings)

    def ask(self, query, bindings=None):
        self.asked.append("ask")
        return self.engine.ask(query, bindings)


def test_an_iri_is_checked_with_one_question_without_reading_every_name(query_engines):
    # on a store of a country, reading every actor's names takes seconds; an IRI needs none of them
    engine = CountingEngine(query_engines["oxigraph"][0])
    resolver = NameResolver(engine)
    assert resolver.resolve("actor", "essd:galilee") == URIRef(ESSD + "galilee")
    with pytest.raises(EssGraphError, match="essd:nobody is not a known actor, project or programme"):
        resolver.resolve("actor", "essd:nobody")
    assert engine.asked == ["ask", "ask"]
