"""Finding the vocabulary's concepts from what a file says: a code, a label, a key.

Legal forms are found by INSEE legal category (``skos:notation``), longest prefix first, so that
a four-digit category falls back on its family when the scheme has no concept of its own for
it; sectors from a NAF rev. 2 code through its division and section (the sector concepts carry
them as notations, ranges such as ``87-88`` or ``B-E`` included). Labels match whatever the
case and accents, in French or English.
"""

import contextlib
import io
import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ...io.loading import load_graph
from ...vocab.namespaces import ESS
from ...vocab.shortcuts import ShortcutRule, shortcut_rules
from ...vocab.terms import label_of, local_name, normalise

_NAF = re.compile(r"(\d{2})\.?(\d{2})([A-Z])")


@dataclass(frozen=True)
class Choice:
    """One allowed value of a column, for the templates' documentation.

    >>> vocabulary().statuses.choices()[0]
    Choice(key='done', label='réalisé', notation='done')
    """

    key: str
    label: str
    notation: str | None


class ConceptScheme:
    """The concepts of one SKOS scheme, found by key (local name), notation or label.

    >>> from ess_graph.vocab.terms import prefixed
    >>> prefixed(ConceptScheme(vocabulary().graph, ESS.Statuses).find("Réalisé"))
    'status:done'
    """

    def __init__(self, graph: Graph, scheme: URIRef):
        self.graph = graph
        self.concepts = sorted((c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)), key=str)
        self._by_text: dict[str, URIRef] = {}
        self.by_notation: dict[str, URIRef] = {}
        for concept in self.concepts:
            notation = graph.value(concept, SKOS.notation)
            if notation is not None:
                self.by_notation[str(notation)] = concept
            for text in [local_name(concept), *(graph.objects(concept, SKOS.prefLabel)),
                         *(graph.objects(concept, SKOS.altLabel)), *([notation] if notation else [])]:
                self._by_text.setdefault(normalise(str(text)), concept)

    def find(self, text: str) -> URIRef | None:
        return self._by_text.get(normalise(text))

    def choices(self) -> list[Choice]:
        return [Choice(local_name(c), label_of(self.graph, c, "fr"),
                       str(n) if (n := self.graph.value(c, SKOS.notation)) is not None else None)
                for c in self.concepts]


def _ranges(notation: str) -> tuple[str, str]:
    first, _, last = notation.partition("-")
    return first, last or first


class Vocabulary:
    """The vocabulary and its schemes, loaded once, with the lookups importers need.

    >>> from ess_graph.vocab.terms import prefixed
    >>> prefixed(vocabulary().legal_form_for_category("5499")), prefixed(vocabulary().sector_for_naf("88.99B"))
    ('form:sarl', 'sector:social-action')
    """

    def __init__(self, graph: Graph):
        self.graph = graph
        self.legal_forms = ConceptScheme(graph, ESS.LegalForms)
        self.sectors = ConceptScheme(graph, ESS.Sectors)
        self.statuses = ConceptScheme(graph, ESS.Statuses)
        self.roles = ConceptScheme(graph, ESS.Roles)
        self.support_kinds = ConceptScheme(graph, ESS.SupportKinds)
        self.themes = ConceptScheme(graph, ESS.Themes)

    @cached_property
    def shortcut_rules(self) -> list[ShortcutRule]:
        return shortcut_rules(self.graph)

    def legal_form_for_category(self, category: str) -> URIRef | None:
        """The most specific legal form whose INSEE notation is a prefix of ``category``."""
        for length in range(len(category), 0, -1):
            concept = self.legal_forms.by_notation.get(category[:length])
            if concept is not None:
                return concept
        return None

    @cached_property
    def _sector_ranges(self) -> list[tuple[str, str, URIRef]]:
        return sorted((*_ranges(n), c) for n, c in self.sectors.by_notation.items())

    def sector_for_naf(self, code: str) -> URIRef | None:
        """The sector of a NAF rev. 2 sub-class (88.99B): by its division, else by its section.

        Returns None for a code the NAF does not know, or whose section has no sector concept.
        """
        entry = naf_entry(code)
        if entry is None:
            return None
        for key in entry:  # the division first, then the section
            for first, last, concept in self._sector_ranges:
                if len(first) == len(key) and first.isdigit() == key.isdigit() and first <= key <= last:
                    return concept
        return None


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary and schemes (not the data), parsed once per process.

    >>> vocabulary() is vocabulary()
    True
    """
    return Vocabulary(load_graph(shipped_data=False))


@cache
def _naf_database() -> Any:  # the naf package has no type hints
    with contextlib.redirect_stdout(io.StringIO()):  # the package prints while it loads
        from naf import DB
    return DB


def naf_code(text: str) -> str | None:
    """'8899B' or '88.99b' -> '88.99B'; None when it is not shaped like a NAF rev. 2 sub-class.

    >>> naf_code("8899b"), naf_code("88")
    ('88.99B', None)
    """
    match = _NAF.fullmatch(text.strip().upper())
    return f"{match[1]}.{match[2]}{match[3]}" if match else None


def naf_entry(text: str) -> tuple[str, str] | None:
    """(division, section) of a NAF rev. 2 code, or None when the nomenclature has no such code.

    >>> naf_entry("88.99B"), naf_entry("99.99Z")
    (('88', 'Q'), None)
    """
    code = naf_code(text)
    entry = _naf_database().get(code) if code else None
    return (entry.division.code, entry.section.code) if entry is not None else None
