"""What the PTCE gates need to know about each actor and territory, read once from the graph.

Art. 3 of decree 2015-431 counts *legal persons*. The graph also holds persons (natural persons
in a role), informal collectives and groups the source names together ("11 local producers"), so
each actor gets a count: an organisation is one legal person, a group counts its ``ess:groupSize``
(or ``unknown_group_size`` when the source gives none), an informal collective or an organisation
still planned counts none. Persons are never members: :mod:`.projection` lends their links to the
organisations where they hold a role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from ..vocab.namespaces import ESS, FORM, ORG
from ..vocab.terms import class_ancestors, label_of, local_name, status_of, transitive_objects, types_of
from .parameters import ROLE_KINDS, TERRITORY_LEVELS, PTCEParameters

ESS_FAMILIES = (FORM.association, FORM.cooperative, FORM.mutual, FORM.foundation)
"""Legal forms that make an organisation part of the SSE by its statutes (art. 1 of law 2014-856)."""

NOT_LEGAL_PERSON_FORMS = (FORM["informal-group"], FORM["association-undeclared"])
"""Legal forms with no legal personality: an informal collective, an undeclared association."""

LEVEL_CLASSES = (
    (ESS.Commune, "commune"), (ESS.Intercommunality, "intercommunality"), (ESS.Pays, "pays"),
    (ESS.Departement, "departement"), (ESS.Region, "region"),
)


@dataclass(frozen=True)
class ActorProfile:
    """One possible member of a candidate, as the gates and the score see it."""

    iri: str
    label: str
    kind: str
    kinds: tuple[str, ...]
    legal_persons: int
    legal_person_note: str
    legal_form: str
    ess_form_stated: bool
    homes: tuple[str, ...]
    areas: tuple[str, ...]
    themes: frozenset[str]
    sectors: frozenset[str]
    sources: tuple[str, ...]
    group_size_known: bool = True

    def has_kind(self, kind: str) -> bool:
        return kind in self.kinds

    @property
    def is_public(self) -> bool:
        return self.kind in ("authority", "state")


@dataclass
class TerritoryIndex:
    """Territories, how wide they are, and which wider ones contain them (``ess:within*``)."""

    labels: dict[str, str] = field(default_factory=dict)
    levels: dict[str, float] = field(default_factory=dict)
    parents: dict[str, set[str]] = field(default_factory=dict)

    def enclosing(self, territory: str) -> set[str]:
        """The territory and every territory it lies within."""
        seen, todo = {territory}, [territory]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def level(self, territory: str) -> float:
        """Width of a territory: 1 commune ... 5 region; unknown kinds sit just below their parent."""
        if territory in self.levels:
            return self.levels[territory]
        parent_levels = [self.level(p) for p in self.parents.get(territory, ())]
        return min(parent_levels) - 0.5 if parent_levels else TERRITORY_LEVELS["departement"] + 0.5

    def contains(self, wide: str, narrow: str) -> bool:
        return wide in self.enclosing(narrow)

    def comparable(self, a: str, b: str) -> bool:
        return self.contains(a, b) or self.contains(b, a)

    def lowest_common(self, territories: Iterable[str]) -> str | None:
        """The narrowest territory enclosing all of ``territories``, or None when there is none."""
        common: set[str] | None = None
        for territory in territories:
            around = self.enclosing(territory)
            common = around if common is None else common & around
        if not common:
            return None
        return min(common, key=lambda t: (self.level(t), t))

    def narrowest(self, territories: Iterable[str]) -> str | None:
        candidates = list(territories)
        return min(candidates, key=lambda t: (self.level(t), t)) if candidates else None


@dataclass
class ActorIndex:
    """Profiles of every actor of the network, and the territory hierarchy."""

    profiles: dict[str, ActorProfile]
    territories: TerritoryIndex
    initiative_themes: dict[str, frozenset[str]]
    concept_labels: dict[str, str]

    def __contains__(self, iri: str) -> bool:
        return iri in self.profiles

    def __getitem__(self, iri: str) -> ActorProfile:
        return self.profiles[iri]


def build_actor_index(graph: Graph, network: nx.MultiDiGraph, params: PTCEParameters) -> ActorIndex:
    """Profile every node of ``network`` that can be a member (organisations, groups, authorities)."""
    ancestors = class_ancestors(graph)
    territories = _territory_index(graph, ancestors)
    broader = _broader_closure(graph)
    profiles = {}
    for iri, attrs in network.nodes(data=True):
        if attrs["kind"] in ROLE_KINDS:
            profiles[iri] = _profile(graph, URIRef(iri), attrs, territories, broader, params)
    initiative_themes = {
        iri: _rolled_up(graph.objects(URIRef(iri), ESS.theme), broader)
        for iri, attrs in network.nodes(data=True) if attrs["kind"] == "initiative"
    }
    concept_labels = {}
    for used_as in (ESS.sector, ESS.theme):  # a theme's label wins over a sector's of the same short name
        concepts = set(graph.objects(None, used_as))
        concepts |= {b for c in list(concepts) for b in transitive_objects(graph, c, SKOS.broader)}
        concept_labels.update({local_name(c): label_of(graph, c) for c in sorted(concepts, key=str)})
    return ActorIndex(profiles, territories, initiative_themes, concept_labels)


def _territory_index(graph: Graph, ancestors: dict[Node, set[Node]]) -> TerritoryIndex:
    index = TerritoryIndex()
    territory_nodes = {s for s in graph.subjects(RDF.type) if ESS.Territory in types_of(graph, s, ancestors)}
    for node in territory_nodes:
        key = str(node)
        index.labels[key] = label_of(graph, node)
        types = types_of(graph, node, ancestors)
        for cls, level in LEVEL_CLASSES:
            if cls in types:
                index.levels[key] = TERRITORY_LEVELS[level]
                break
        index.parents[key] = {str(p) for p in graph.objects(node, ESS.within)}
    return index


def _broader_closure(graph: Graph) -> dict[str, set[str]]:
    """For each concept, itself and its broader concepts (local names), so that short supply chains
    count as food when the members' themes are compared."""
    concepts = set(graph.subjects(SKOS.broader)) | set(graph.objects(None, SKOS.broader))
    return {local_name(c): {local_name(b) for b in transitive_objects(graph, c, SKOS.broader)} for c in concepts}


def _rolled_up(concepts: Iterable, broader: dict[str, set[str]]) -> frozenset[str]:
    names: set[str] = set()
    for concept in concepts:
        name = local_name(concept)
        names |= broader.get(name, {name})
    return frozenset(names)


def _profile(graph: Graph, node: URIRef, attrs: dict, territories: TerritoryIndex,
             broader: dict[str, set[str]], params: PTCEParameters) -> ActorProfile:
    forms = set(graph.objects(node, ESS.legalForm))
    form_families = {f2 for f in forms for f2 in transitive_objects(graph, f, SKOS.broader)}
    legal_persons, note, size_known = _legal_persons(graph, node, attrs, form_families, params)
    homes = {str(t) for t in graph.objects(node, ESS.locatedIn)}
    homes |= {str(t) for site in graph.objects(node, ORG.hasSite) for t in graph.objects(site, ESS.locatedIn)}
    areas = {str(t) for t in graph.objects(node, ESS.operatesIn)}
    areas |= {str(t) for t in graph.objects(node, ESS.governs)}
    if str(node) in territories.labels:
        areas.add(str(node))
    return ActorProfile(
        iri=str(node), label=attrs["label"], kind=attrs["kind"],
        kinds=_member_kinds(attrs["kinds"]),
        legal_persons=legal_persons, legal_person_note=note,
        legal_form=attrs["legal_form"],
        ess_form_stated=bool(form_families & set(ESS_FAMILIES)),
        homes=tuple(sorted(h for h in homes if h in territories.labels)),
        areas=tuple(sorted(a for a in areas if a in territories.labels)),
        themes=_rolled_up(graph.objects(node, ESS.theme), broader),
        sectors=_rolled_up(graph.objects(node, ESS.sector), broader),
        sources=tuple(attrs["sources"]),
        group_size_known=size_known,
    )


def _member_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """The actor's kinds; "other organisation" only when it is nothing more specific."""
    found = tuple(k for k in kinds if k in ROLE_KINDS)
    specific = tuple(k for k in found if k != "other")
    return specific or found


def _legal_persons(graph: Graph, node: URIRef, attrs: dict, form_families: set,
                   params: PTCEParameters) -> tuple[int, str, bool]:
    if form_families & set(NOT_LEGAL_PERSON_FORMS):
        return 0, "no legal personality (informal group)", True
    status = status_of(graph, node)
    if status in ("planned", "possible"):
        return 0, f"organisation still {status}, not yet a legal person", True
    if (node, RDF.type, ESS.ActorGroup) in graph:
        size = graph.value(node, ESS.groupSize)
        if isinstance(size, Literal):
            return int(size), f"group of {int(size)}", True
        return params.unknown_group_size, (f"group of unstated size, counted as {params.unknown_group_size}"), False
    return 1, attrs["legal_form"] or "legal form not stated", True
