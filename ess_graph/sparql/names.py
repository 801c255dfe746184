"""Finding the node a person means when they name an actor, a territory, a legal form or a sector.

People write "vieille eglise" for Vieille-Église, "CCRA" for an intercommunality, "92" for the
association legal form. A name is compared with every label (``rdfs:label``,
``skos:prefLabel``, ``skos:altLabel``, ``rov:legalName``) and notation of the nodes of the
expected type, accents, case and punctuation aside; an IRI or a prefixed name
(``essd:galilee``) is taken as is once checked to be of that type. When no name is equal, a
name containing every word given is accepted if it is the only one.

The candidates are read through the query engine, so resolution works on any engine.
"""

import difflib
import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from ..errors import AmbiguousName, NameNotFound
from ..sources.engine import Engine
from ..sources.memory import as_engine
from ..vocab.namespaces import PREFIXES, sparql_prologue
from ..vocab.terms import normalise, prefixed


@dataclass(frozen=True)
class NameType:
    """A kind of thing a query parameter names, and the graph pattern that selects its ?node."""

    key: str
    noun: str
    plural: str
    pattern: str


NAME_TYPES: dict[str, NameType] = {
    name_type.key: name_type
    for name_type in (
        NameType(
            "actor", "actor, project or programme", "actors, projects or programmes",
            "VALUES ?class { ess:Actor ess:Initiative ess:Programme } ?node rdf:type/rdfs:subClassOf* ?class .",
        ),
        NameType("territory", "territory", "territories", "?node rdf:type/rdfs:subClassOf* ess:Territory ."),
        NameType(
            "node", "actor, project, programme or territory", "actors, projects, programmes or territories",
            "VALUES ?class { ess:Actor ess:Initiative ess:Programme ess:Territory } "
            "?node rdf:type/rdfs:subClassOf* ?class .",
        ),
        NameType("form", "legal form", "legal forms", "?node skos:inScheme ess:LegalForms ."),
        NameType("sector", "sector", "sectors", "?node skos:inScheme ess:Sectors ."),
    )
}

_NAMES_QUERY = """SELECT DISTINCT ?node ?display ?name WHERE {{
  {{ SELECT DISTINCT ?node WHERE {{ {pattern} FILTER(isIRI(?node)) }} }}
  {{ ?node rdfs:label|skos:prefLabel ?name . BIND(1 AS ?display) }}
  UNION {{ ?node skos:altLabel|skos:notation|rov:legalName ?name . BIND(0 AS ?display) }}
}}"""

_IS_A_QUERY = """ASK {{
  {pattern}
  FILTER(isIRI(?node))
}}"""

_PREFIXED = re.compile(r"([A-Za-z][\w-]*):([^\s<>\"{}|^`\\]*)\Z")


@dataclass
class NameIndex:
    """The names of every node of one type, normalised."""

    name_type: NameType
    nodes: set[URIRef] = field(default_factory=set)
    by_name: dict[str, set[URIRef]] = field(default_factory=dict)
    _spellings: dict[str, tuple[int, str]] = field(default_factory=dict)
    _labels: dict[URIRef, tuple[int, str]] = field(default_factory=dict)

    def add(self, node: URIRef, name: Literal, display: bool) -> None:
        self.nodes.add(node)
        key = normalise(str(name))
        if key:
            self.by_name.setdefault(key, set()).add(node)
            spelling = (0 if display else 1, str(name))  # labels first, then the smallest alternative
            self._spellings[key] = min(self._spellings.get(key, spelling), spelling)
        if display:
            label = (0 if name.language == "fr" else 1, str(name))  # a French label first: the data are French
            self._labels[node] = min(self._labels.get(node, label), label)

    def spelling(self, key: str) -> str:
        """How a normalised name is written in the graph (its label rather than an alternative)."""
        return self._spellings[key][1]

    def describe(self, node: URIRef) -> str:
        label = self._labels[node][1] if node in self._labels else prefixed(node)
        return f"{label} ({prefixed(node)})"


class NameResolver:
    """Resolves names against one engine, reading each type's names once, so that a query with
    several named parameters, or a notebook asking many names, reads them a single time.

    >>> from ess_graph import load_graph
    >>> resolver = NameResolver(as_engine(load_graph()))
    >>> prefixed(resolver.resolve("territory", "CCRA")), prefixed(resolver.resolve("actor", "admr"))
    ('essd:ccra', 'essd:admr-audruicq')
    >>> resolver.resolve("form", "92")
    rdflib.term.URIRef('https://w3id.org/ess-graph/def/legal-form/association')
    >>> resolver.resolve("actor", "garage")
    Traceback (most recent call last):
    ...
    ess_graph.errors.AmbiguousName: 'garage' names 2 actors, projects or programmes:
    Garage social du Boulonnais (essd:garage-social-du-boulonnais);
    Éco-garage du Calaisis (essd:eco-garage-du-calaisis); give the full name or the IRI
    >>> try:
    ...     resolver.resolve("actor", "galile")
    ... except NameNotFound as error:
    ...     error.suggestions
    ('Galilée', 'Guînes', 'Calais')
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._indexes: dict[str, NameIndex] = {}

    def index(self, type_key: str) -> NameIndex:
        if type_key not in self._indexes:
            name_type = NAME_TYPES[type_key]
            index = NameIndex(name_type)
            query = sparql_prologue() + _NAMES_QUERY.format(pattern=name_type.pattern)
            for node, display, name in self.engine.select(query).rows:
                if isinstance(node, URIRef) and isinstance(name, Literal) and isinstance(display, Literal):
                    index.add(node, name, display.toPython() == 1)
            self._indexes[type_key] = index
        return self._indexes[type_key]

    def is_a(self, type_key: str, node: URIRef) -> bool:
        """Whether ``node`` is of type ``type_key`` (and named by an IRI)."""
        if type_key in self._indexes:
            return node in self._indexes[type_key].nodes
        query = sparql_prologue() + _IS_A_QUERY.format(pattern=NAME_TYPES[type_key].pattern)
        return self.engine.ask(query, {"node": node})

    def resolve(self, type_key: str, text: str) -> URIRef:
        """The one node of type ``type_key`` that ``text`` names, or an EssGraphError saying why not.

        An IRI is checked with one bound ASK; only a name reads every name of the type, which
        takes seconds on a store of a country.
        """
        iri = _as_iri(text)
        if iri is not None:
            if self.is_a(type_key, iri):
                return iri
            raise NameNotFound(f"{text} is not a known {NAME_TYPES[type_key].noun}")
        index = self.index(type_key)
        noun = index.name_type.noun
        wanted = normalise(text)
        if not wanted:
            raise NameNotFound(f"an empty name cannot name a {noun}")
        exact = index.by_name.get(wanted, set())
        if not exact:
            words = set(wanted.split())
            exact = {node for key, nodes in index.by_name.items() if words <= set(key.split()) for node in nodes}
        if len(exact) == 1:
            return next(iter(exact))
        if exact:
            listed = "; ".join(sorted(index.describe(node) for node in exact))
            raise AmbiguousName(f"'{text}' names {len(exact)} {index.name_type.plural}: {listed}; "
                                "give the full name or the IRI", candidates=sorted(map(str, exact)))
        closest = _closest(index, wanted)
        hint = "; closest: " + ", ".join(closest) if closest else " and no name is close to it"
        raise NameNotFound(f"no {noun} is named '{text}'{hint}", suggestions=closest)


def _as_iri(text: str) -> URIRef | None:
    """``text`` as an IRI when it is written as one (``<...>``, ``http...``) or as a known prefixed name."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if re.match(r"https?://\S+\Z", text):
        return URIRef(text)
    match = _PREFIXED.match(text)
    if match and match.group(1) in PREFIXES:
        return URIRef(str(PREFIXES[match.group(1)]) + match.group(2))
    return None


def _closest(index: NameIndex, wanted: str) -> list[str]:
    """The names of the graph closest to ``wanted``, as the graph writes them."""
    keys = difflib.get_close_matches(wanted, list(index.by_name), n=5, cutoff=0.5)
    return list(dict.fromkeys(index.spelling(key) for key in keys))


def resolve_name(target: Graph | Engine, type_key: str, text: str) -> URIRef:
    """The node of type ``type_key`` (actor, territory, node, form, sector) that ``text`` names.

    >>> from ess_graph import load_graph
    >>> from ess_graph.vocab.terms import prefixed
    >>> prefixed(resolve_name(load_graph(), "node", "vieille eglise"))
    'essd:vieille-eglise'
    """
    return NameResolver(as_engine(target)).resolve(type_key, text)
