"""Synthetic territories in the ess-graph vocabulary, with planted cooperation clusters.

A territory is a région and a département holding intercommunalities of communes (a *country*,
:class:`CountryGenerator`, is régions of such départements, France-shaped); ESS structures
(associations ~80 %, cooperatives, mutuals, foundations, some with no legal form stated) and
classical enterprises are spread over the communes with sectors in the proportions of the CLAP
figures; research/training and support bodies sit in a few communes. Hub funders (région,
département, État) fund a large share of the structures, communes and intercommunalities fund a
few local ones, persons direct structures, and random cooperation links and small projects add
noise. On top, **planted clusters** are groups of one intercommunality (an authority, enterprises,
ESS structures, sometimes a research or support body) linked by partnerships, supports, trade,
shared projects and shared sites over several years: the ground truth the PTCE analysis should
recover as *cooperating* groups.

**Latent clusters** are groups that could cooperate but mostly do not yet: ESS structures and
enterprises of one intercommunality that share a theme, or hold complementary positions of a value
chain (:data:`LATENT_GROUPS`), and one supporter (a support body that accompanies them all, or a
network they all belong to), with only ``latent_density`` of their pairs linked: the ground truth
for *potential* candidates. **Decoys** look like them without being one: for each latent cluster a
group of the same theme or chain and supporter spread over *other* intercommunalities; a
foundation that funds a share of all those themed structures across the département (on top of
the hub funders); and a département-wide support body that accompanies about half the ESS
structures. The ground truth is exposed by kind: :attr:`SyntheticTerritory.planted_clusters`
(cooperating), :attr:`~SyntheticTerritory.latent_clusters`, :attr:`~SyntheticTerritory.decoy_groups`.

Everything is relationship nodes plus the shortcut edges the vocabulary's rules derive from them
(:mod:`ess_graph.vocab.shortcuts`), exactly as in the shipped graph. :class:`TerritoryGenerator` yields
triples one by one (the plan of who is where is made first and is small); a country plans one
département at a time, so that :func:`write_synthetic` streams a France-sized graph to N-Triples
in the memory of its largest département.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from .errors import EssGraphError
from .importers.common.triples import write_records
from .io.chunks import batched
from .io.loading import load_graph
from .vocab.namespaces import ESS, ESSD, FORM, KIND, ORG, ROLE, SECTOR, STATUS, SUPPORT, THEME, bind_prefixes
from .vocab.shortcuts import ShortcutRule, shortcut_rules

Triple = tuple[URIRef, URIRef, URIRef | Literal]
_T = TypeVar("_T")

ESS_FORMS = ((FORM.association, 0.78), (FORM.scop, 0.07), (FORM.scic, 0.04), (FORM.mutual, 0.03),
             (FORM.foundation, 0.01), (None, 0.07))
"""Legal forms of ESS structures, close to the CLAP shares (associations dominate); None: not stated."""

ENTERPRISE_FORMS = ((FORM.sarl, 0.45), (FORM.sas, 0.3), (FORM["sole-trader"], 0.25))

SECTORS = (
    (SECTOR["social-action"], (THEME["work-integration"], THEME["elderly-disabled"]), 0.22),
    (SECTOR["arts-sport-leisure"], (THEME.culture, THEME["associative-life"]), 0.25),
    (SECTOR.finance, (THEME["local-development"],), 0.1),
    (SECTOR.education, (THEME.education,), 0.09),
    (SECTOR.health, (THEME.health,), 0.03),
    (SECTOR.agriculture, (THEME.food, THEME["sustainable-agriculture"]), 0.05),
    (SECTOR.trade, (THEME["short-supply-chains"],), 0.06),
    (SECTOR["other-services"], (THEME.mobility, THEME.environment), 0.2),
)
"""Sectors with the themes that go with them, weighted like the CLAP establishments of an ESS."""


@dataclass(frozen=True)
class ChainPosition:
    """A place in a latent group: the sector and theme its holder gets, the kinds of actor that
    can hold it, and the structure kind it implies (an insertion structure as workforce)."""

    name: str
    sector: URIRef
    theme: URIRef
    kinds: tuple[str, ...] = ("ess", "enterprise")
    structure_kind: URIRef | None = None


LATENT_GROUPS: tuple[tuple[URIRef, tuple[ChainPosition, ...], float], ...] = (
    (THEME.food, (
        ChainPosition("production", SECTOR.agriculture, THEME["sustainable-agriculture"]),
        ChainPosition("processing", SECTOR.industry, THEME.food),
        ChainPosition("distribution", SECTOR.trade, THEME["short-supply-chains"]),
        ChainPosition("clients (restaurants, canteens)", SECTOR["accommodation-food"], THEME.food),
        ChainPosition("workforce (insertion)", SECTOR["social-action"], THEME["work-integration"], ("ess",),
                      KIND.aci),
    ), 0.35),
    (THEME.environment, (
        ChainPosition("collection and sorting", SECTOR.industry, THEME.environment),
        ChainPosition("repair", SECTOR["other-services"], THEME.environment),
        ChainPosition("resale", SECTOR.trade, THEME.environment),
        ChainPosition("workforce (insertion)", SECTOR["social-action"], THEME["work-integration"], ("ess",),
                      KIND["insertion-enterprise"]),
    ), 0.25),
    (THEME.culture, (ChainPosition("culture", SECTOR["arts-sport-leisure"], THEME.culture),), 0.2),
    (THEME["elderly-disabled"], (ChainPosition("care", SECTOR["social-action"], THEME["elderly-disabled"]),), 0.2),
)
"""What a latent cluster shares, with weights: a value chain (food: production, processing,
distribution, restaurants and canteens as clients, an insertion structure as workforce; reuse:
collection, repair, resale, insertion workforce), whose members hold complementary positions with
different sectors and themes, or a single theme (culture, care of the elderly and disabled) all
members share. The key is the theme of the group's supporter."""

STATUSES = ((STATUS.done, 0.7), (STATUS["in-progress"], 0.15), (STATUS.planned, 0.1), (STATUS.possible, 0.05))
LINKS = (("partnership", 0.4), ("support", 0.25), ("trade", 0.25), ("hosting", 0.1))

STRUCTURES_PER_DEPARTEMENT = 20_000
"""Default size of a département of a synthetic country: the ESS establishments of a large French
département (the Nord, the Bouches-du-Rhône) are of this order."""
DEPARTEMENTS_PER_REGION = 7.4
"""Metropolitan France: 96 départements in 13 régions."""
MAX_STRUCTURES = 10_000_000
"""The largest synthetic country: some 400 million triples, 60 GB of N-Triples, an hour and more to
write; a département of a larger one would no longer fit in memory."""
MAX_DEPARTEMENTS = 99
"""Départements of a country are numbered like INSEE's two-digit codes."""
MAX_COMMUNES = 999
"""Communes of a département of a country: INSEE codes give them three digits (the Pas-de-Calais
has 890); above that, communes hold more structures each."""


@dataclass(frozen=True)
class SynthKnobs:
    """What a synthetic territory looks like, beyond its number of ESS structures.

    Latent clusters: one per ``structures_per_latent_cluster`` structures (0: none), of
    ``latent_size`` members plus their supporter, ``latent_density`` of the member pairs linked
    (the issue asks for 0 to 30 %); ``theme_decoys`` decoy groups per latent cluster; a foundation
    funds ``theme_funder_coverage`` of the structures of latent and decoy groups; a département-wide
    support body accompanies ``wide_support_coverage`` of the ESS structures (0: no such body).

    >>> SynthKnobs(latent_density=0.3).latent_size
    (6, 14)
    """

    communes_per_intercommunality: int = 12
    structures_per_commune: float = 6.0
    enterprises_per_structure: float = 0.5
    research_bodies_per_100: float = 2.0
    support_bodies_per_100: float = 2.0
    structures_per_cluster: int = 30
    cluster_size: tuple[int, int] = (6, 18)
    cluster_density: float = 0.25
    cluster_projects: tuple[int, int] = (1, 3)
    hub_funders: int = 3
    hub_coverage: float = 0.4
    local_funding: float = 0.3
    noise_links: float = 0.6
    noise_projects: float = 0.1
    persons: float = 0.2
    first_year: int = 2008
    last_year: int = 2014
    structures_per_latent_cluster: int = 60
    latent_size: tuple[int, int] = (6, 14)
    latent_density: float = 0.1
    theme_decoys: float = 1.0
    theme_funder_coverage: float = 0.5
    wide_support_coverage: float = 0.5

    def __post_init__(self) -> None:
        for name in ("cluster_size", "latent_size"):
            low, high = getattr(self, name)
            if not 3 <= low <= high:
                raise EssGraphError(f"{name}: expected 3 <= low <= high, got {getattr(self, name)}")
        if self.structures_per_latent_cluster < 0 or self.theme_decoys < 0:
            raise EssGraphError("structures_per_latent_cluster and theme_decoys: expected 0 or more")
        for name in ("cluster_density", "hub_coverage", "local_funding", "latent_density", "theme_funder_coverage",
                     "wide_support_coverage"):
            if not 0 <= getattr(self, name) <= 1:
                raise EssGraphError(f"{name}: expected a share between 0 and 1, got {getattr(self, name)}")


@dataclass(frozen=True)
class SyntheticTerritory:
    """A synthetic graph and its ground truth: the cooperation clusters planted in it, the latent
    clusters (supporter included) that could cooperate, and the decoy groups that only look like
    latent ones (same theme or chain and supporter, other intercommunalities), as IRI strings."""

    graph: Graph
    planted_clusters: tuple[frozenset[str], ...]
    knobs: SynthKnobs
    latent_clusters: tuple[frozenset[str], ...] = ()
    decoy_groups: tuple[frozenset[str], ...] = ()


@dataclass
class _Actor:
    iri: URIRef
    kind: str
    commune: URIRef
    intercommunality: URIRef
    themes: list[URIRef] = field(default_factory=list)
    sector: URIRef | None = None
    """Set for members of latent and decoy groups; drawn from :data:`SECTORS` otherwise."""
    structure_kind: URIRef | None = None


@dataclass
class _Group:
    """A latent cluster or a decoy group: what it shares, its supporter, members and few links."""

    theme: URIRef
    positions: tuple[ChainPosition, ...]
    supporter: _Actor
    members: list[_Actor]
    links: list[tuple[_Actor, _Actor]]

    @property
    def iris(self) -> frozenset[str]:
        return frozenset([str(self.supporter.iri), *(str(m.iri) for m in self.members)])


class _Pool:
    """Actors not yet in a cluster, drawn preferably from a given intercommunality."""

    def __init__(self, actors: list[_Actor], rng: random.Random):
        self.order = list(actors)
        rng.shuffle(self.order)
        self.by_epci: dict[URIRef, list[_Actor]] = {}
        for actor in self.order:
            self.by_epci.setdefault(actor.intercommunality, []).append(actor)
        self.taken: set[URIRef] = set()
        self.cursor = 0

    def take(self, epci: URIRef, count: int, *, local_only: bool = False) -> list[_Actor]:
        """``count`` actors of ``epci``, then (unless ``local_only``) of anywhere."""
        chosen: list[_Actor] = []
        local = self.by_epci.get(epci, [])
        while local and len(chosen) < count:
            actor = local.pop()
            if actor.iri not in self.taken:
                chosen.append(actor)
                self.taken.add(actor.iri)
        while not local_only and self.cursor < len(self.order) and len(chosen) < count:
            actor = self.order[self.cursor]
            self.cursor += 1
            if actor.iri not in self.taken:
                chosen.append(actor)
                self.taken.add(actor.iri)
        return chosen


def synthetic_territory(structures: int, seed: int, *, vocabulary: bool = True, **knobs: Any) -> SyntheticTerritory:
    """A territory of ``structures`` ESS structures, reproducible from ``seed``.

    ``knobs`` override :class:`SynthKnobs` fields; ``vocabulary`` adds the ontology and schemes so
    that the graph can be analysed as is.
    """
    generator = TerritoryGenerator(structures, seed, synth_knobs(**knobs))
    graph = load_graph(shipped_data=False) if vocabulary else bind_prefixes(Graph())
    for triple in generator.triples():
        graph.add(triple)
    return SyntheticTerritory(graph, generator.planted_clusters, generator.knobs, generator.latent_clusters,
                              generator.decoy_groups)


def synth_knobs(**overrides: Any) -> SynthKnobs:
    known = {f.name for f in fields(SynthKnobs)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise EssGraphError(f"unknown synthetic territory knob(s): {', '.join(unknown)}")
    return replace(SynthKnobs(), **overrides)


class TerritoryGenerator:
    """Plans a territory (who is where, who is in which cluster), then yields its triples."""

    def __init__(self, structures: int, seed: int, knobs: SynthKnobs | None = None, *,
                 place: CountryPlace | None = None):
        """``place`` makes the territory one département of a country (its own seed, IRIs and names,
        the country's région, State and source); without it the territory stands alone."""
        if structures < 1:
            raise EssGraphError(f"structures: expected at least 1, got {structures}")
        self.knobs = knobs or SynthKnobs()
        self.place = place
        self.rng = random.Random(seed if place is None else f"{seed}/departement/{place.number}")
        self.base = f"synth/{seed}/" if place is None else f"synth/{seed}/d{place.number}/"
        self.structures = structures
        self.counter = 0
        self.rules = _shortcut_rules_by_class()
        self._plan()

    def iri(self, kind: str, number: int | None = None) -> URIRef:
        if number is None:
            self.counter += 1
            number = self.counter
        return ESSD[f"{self.base}{kind}-{number}"]

    def _choice(self, weighted: Sequence[tuple[_T, float]]) -> _T:
        values, weights = [value for value, _ in weighted], [weight for _, weight in weighted]
        return self.rng.choices(values, weights)[0]

    # -- plan -----------------------------------------------------------------------------------

    def _plan(self) -> None:
        k, rng = self.knobs, self.rng
        communes = max(3, round(self.structures / k.structures_per_commune))
        if self.place is not None:
            communes = min(communes, MAX_COMMUNES)
        n_epci = max(1, round(communes / k.communes_per_intercommunality))
        if self.place is None:
            self.region, self.departement = self.iri("region", 1), self.iri("departement", 1)
            self.state, self.section = self.iri("state", 1), self.iri("source-section", 1)
        else:
            self.region, self.departement = self.place.region, self.place.departement
            self.state, self.section = self.place.state, self.place.section
        self.intercommunalities = [self.iri("intercommunality", i) for i in range(1, n_epci + 1)]
        self.communes = [(self.iri("commune", i), self.intercommunalities[i % n_epci]) for i in range(1, communes + 1)]
        self.actors: list[_Actor] = []
        self._supporters = max(1, round(self.structures * k.support_bodies_per_100 / 100))
        self._networks = 0
        counts = (("ess", self.structures), ("enterprise", round(self.structures * k.enterprises_per_structure)),
                  ("research", max(1, round(self.structures * k.research_bodies_per_100 / 100))),
                  ("support", max(1, round(self.structures * k.support_bodies_per_100 / 100))))
        for kind, count in counts:
            for i in range(1, count + 1):
                commune, epci = rng.choice(self.communes)
                self.actors.append(_Actor(self.iri(kind, i), kind, commune, epci))
        self.planted: list[tuple[URIRef, list[_Actor], URIRef]] = []
        self.latent: list[_Group] = []
        self.decoys: list[_Group] = []
        self.communes_of: dict[URIRef, list[URIRef]] = {}
        for commune, epci in self.communes:
            self.communes_of.setdefault(epci, []).append(commune)
        pools = {kind: _Pool([a for a in self.actors if a.kind == kind], rng)
                 for kind in ("ess", "enterprise", "research", "support")}
        self._plan_clusters(pools)
        self._plan_latent(pools)

    def _plan_clusters(self, pools: dict[str, _Pool]) -> None:
        k, rng = self.knobs, self.rng
        communes_of = self.communes_of
        for _ in range(max(1, self.structures // k.structures_per_cluster)):
            epci = rng.choice(self.intercommunalities)
            size = rng.randint(*k.cluster_size)
            wanted = {"enterprise": rng.randint(1, 2), "research": int(rng.random() < 0.5),
                      "support": int(rng.random() < 0.5)}
            wanted["ess"] = max(1, size - 1 - sum(wanted.values()))
            members = [actor for kind, count in wanted.items() for actor in pools[kind].take(epci, count)]
            if len(members) < 2:
                break
            local = communes_of.get(epci, [])
            authority = epci if rng.random() < 0.6 or not local else rng.choice(local)
            theme = self._choice([(themes[0], w) for _, themes, w in SECTORS])
            for member in members:
                member.themes.append(theme)
            self.planted.append((authority, members, theme))

    def _plan_latent(self, pools: dict[str, _Pool]) -> None:
        """Latent clusters in one intercommunality each, then as many decoy groups of the same
        theme or chain spread over the other intercommunalities, one member in each, then the
        département-wide decoys: the foundation and the support body."""
        k, rng = self.knobs, self.rng
        count = self.structures // k.structures_per_latent_cluster if k.structures_per_latent_cluster else 0
        for _ in range(count):
            epci = rng.choice(self.intercommunalities)
            theme, positions = self._choice([((t, p), w) for t, p, w in LATENT_GROUPS])
            size = rng.randint(*k.latent_size)
            enterprises = round(size * 0.3)
            members = [*pools["ess"].take(epci, size - enterprises, local_only=True),
                       *pools["enterprise"].take(epci, enterprises, local_only=True)]
            if len(members) >= 3:
                self.latent.append(self._group(theme, positions, members, epci))
        for group in self.latent[:round(len(self.latent) * k.theme_decoys)]:
            home, size = group.supporter.intercommunality, len(group.members)
            drawn = rng.sample(self.intercommunalities, min(len(self.intercommunalities), size + 1))
            spread = [epci for epci in drawn if epci != home][:size]
            members = [actor for i, epci in enumerate(spread)
                       for actor in pools["ess" if i % 3 else "enterprise"].take(epci, 1, local_only=True)]
            if len(members) >= 3:
                self.decoys.append(self._group(group.theme, group.positions, members, rng.choice(spread)))
        themed = [m for group in (*self.latent, *self.decoys) for m in group.members]
        self.foundation: _Actor | None = None
        self.foundation_funded = rng.sample(themed, round(len(themed) * k.theme_funder_coverage))
        if self.foundation_funded:
            self.foundation = self._new_actor("foundation", 1, self.intercommunalities[0], SECTOR.finance)
        self.wide_supporter: _Actor | None = None
        if k.wide_support_coverage:
            self._supporters += 1
            self.wide_supporter = self._new_actor("support", self._supporters, self.intercommunalities[0],
                                                  SECTOR["other-services"], THEME["local-development"])

    def _group(self, theme: URIRef, positions: tuple[ChainPosition, ...], members: list[_Actor],
               epci: URIRef) -> _Group:
        """Members get complementary positions (every position held once the group is large
        enough, enterprises only where they can stand), and one new supporter of the theme."""
        rng = self.rng
        offset = rng.randrange(len(positions))
        for i, member in enumerate(members):
            eligible = [p for p in positions if member.kind in p.kinds]
            position = eligible[(offset + i) % len(eligible)]
            member.sector, member.structure_kind = position.sector, position.structure_kind
            member.themes.append(position.theme)
        kind = "support" if rng.random() < 0.5 else "network"
        if kind == "support":
            self._supporters += 1
            number = self._supporters
        else:
            self._networks += 1
            number = self._networks
        supporter = self._new_actor(kind, number, epci, SECTOR["other-services"], theme)
        links = [(a, b) for i, a in enumerate(members) for b in members[i + 1:]
                 if rng.random() < self.knobs.latent_density]
        return _Group(theme, positions, supporter, members, links)

    def _new_actor(self, kind: str, number: int, epci: URIRef, sector: URIRef, theme: URIRef | None = None
                   ) -> _Actor:
        """An actor created for a group or as a decoy, in a commune of ``epci``; it takes part in
        the noise like the others."""
        actor = _Actor(self.iri(kind, number), kind, self.rng.choice(self.communes_of[epci]), epci,
                       [theme] if theme is not None else [], sector)
        self.actors.append(actor)
        return actor

    @property
    def planted_clusters(self) -> tuple[frozenset[str], ...]:
        """The cooperation clusters: the authority and the members."""
        return tuple(frozenset([str(authority), *(str(m.iri) for m in members)])
                     for authority, members, _ in self.planted)

    @property
    def latent_clusters(self) -> tuple[frozenset[str], ...]:
        """The latent clusters: the supporter and the members."""
        return tuple(group.iris for group in self.latent)

    @property
    def decoy_groups(self) -> tuple[frozenset[str], ...]:
        """The groups of one theme or chain and supporter spread over several intercommunalities."""
        return tuple(group.iris for group in self.decoys)

    # -- triples --------------------------------------------------------------------------------

    def triples(self) -> Iterator[Triple]:
        yield from self._geography()
        for actor in self.actors:
            yield from self._actor(actor)
        for authority, members, _ in self.planted:
            yield from self._cluster(authority, members)
        for group in (*self.latent, *self.decoys):
            yield from self._latent(group)
        yield from self._funding()
        yield from self._decoy_hubs()
        yield from self._noise()
        yield from self._persons()

    def _geography(self) -> Iterator[Triple]:
        if self.place is None:
            yield from _shared_nodes(self.section, self.state)
            yield from self._authority(self.region, ESS.Region, "Région synthétique", FORM.region, None)
            departement = "Département synthétique"
        else:
            departement = f"Département {self.place.number}"
        yield from self._authority(self.departement, ESS.Departement, departement, FORM.departement, self.region)
        for i, epci in enumerate(self.intercommunalities, 1):
            cls, form = ((ESS.AgglomerationCommunity, FORM["communaute-d-agglomeration"]) if i == 1
                         else (ESS.CommunityOfCommunes, FORM["communaute-de-communes"]))
            yield from self._authority(epci, cls, self._name("Intercommunalité", i), form, self.departement)
        if self.place is not None:
            yield self.departement, ESS.inseeCode, Literal(f"{self.place.number:02d}")
        for i, (commune, epci) in enumerate(self.communes, 1):
            yield from self._authority(commune, ESS.Commune, self._name("Commune", i), FORM.commune, epci)
            if self.place is not None:
                yield commune, ESS.inseeCode, Literal(f"{self.place.number:02d}{i:03d}")
            yield from self._relation(ESS.Membership, {ORG.member: [commune], ORG.organization: [epci]},
                                      STATUS.done, self.knobs.last_year, ((ESS.role, ROLE.member),))

    def _name(self, word: str, number: int) -> str:
        """'Commune 12' alone; 'Commune 7-12' in département 7 of a country, so that names stay unique."""
        return f"{word} {number}" if self.place is None else f"{word} {self.place.number}-{number}"

    def _authority(self, node: URIRef, cls: URIRef, label: str, form: URIRef, within: URIRef | None
                   ) -> Iterator[Triple]:
        yield from _authority(node, cls, label, form, within, self.section)

    def _actor(self, actor: _Actor) -> Iterator[Triple]:
        number = str(actor.iri).rsplit("-", 1)[-1]
        node, rng = actor.iri, self.rng
        yield node, ESS.locatedIn, actor.commune
        yield node, PROV.wasDerivedFrom, self.section
        themes: tuple[URIRef, ...] = ()
        if actor.sector is None:
            sector, themes = self._choice([((s, t), w) for s, t, w in SECTORS])
        else:
            sector = actor.sector
        yield node, ESS.sector, sector
        for theme in (*themes[:1], *actor.themes):
            yield node, ESS.theme, theme
        if actor.structure_kind is not None:
            yield node, ESS.structureKind, actor.structure_kind
        if actor.kind == "ess":
            yield node, RDF.type, ESS.ESSStructure
            form = self._choice(ESS_FORMS)
            yield node, RDFS.label, Literal(f"Structure ESS {number}", lang="fr")
            if form is not None:
                yield node, ESS.legalForm, form
        elif actor.kind == "network":
            yield node, RDF.type, ESS.Network
            yield node, RDFS.label, Literal(f"Réseau {number}", lang="fr")
            yield node, ESS.legalForm, FORM.association
            yield node, ESS.structureKind, KIND["network-head"]
        elif actor.kind == "foundation":
            yield node, RDF.type, ESS.Organisation
            yield node, RDFS.label, Literal(f"Fondation {number}", lang="fr")
            yield node, ESS.legalForm, FORM.foundation
        elif actor.kind == "enterprise":
            yield node, RDF.type, ESS.ClassicalEnterprise
            yield node, RDFS.label, Literal(f"Entreprise {number}", lang="fr")
            yield node, ESS.legalForm, self._choice(ENTERPRISE_FORMS)
        elif actor.kind == "research":
            yield node, RDF.type, ESS.ResearchOrTrainingBody
            yield node, RDFS.label, Literal(f"Organisme de formation {number}", lang="fr")
            yield node, ESS.structureKind, rng.choice((KIND.university, KIND.school))
        else:
            yield node, RDF.type, ESS.SupportBody
            yield node, RDFS.label, Literal(f"Organisme d'appui {number}", lang="fr")
            yield node, ESS.legalForm, FORM.association

    def _relation(self, cls: URIRef, roles: dict[URIRef, list[URIRef]], status: URIRef, year: int | None,
                  extra: Sequence[tuple[URIRef, URIRef]] = ()) -> Iterator[Triple]:
        node = self.iri(_node_kind(cls))
        yield node, _TYPE, cls
        for prop, values in roles.items():
            for value in values:
                yield node, prop, value
        yield node, _STATUS, status
        if year is not None:
            yield node, _START, Literal(str(year), datatype=XSD.gYear)
        yield node, _DERIVED, self.section
        for prop, value in extra:
            yield node, prop, value
        rule = self.rules.get(cls)
        if rule is not None:
            yield from rule.edges(roles.get(rule.subject_role, ()), roles.get(rule.object_role, ()), (status,))

    def _year(self) -> int:
        return self.rng.randint(self.knobs.first_year, self.knobs.last_year)

    def _link(self, kind: str, a: URIRef, b: URIRef, status: URIRef | None = None) -> Iterator[Triple]:
        status = status or self._choice(STATUSES)
        cls, subject, object_ = _LINK_ROLES[kind]
        roles = {subject: [a, b]} if subject == object_ else {subject: [a], object_: [b]}
        yield from self._relation(cls, roles, status, self._year(), _ACCOMPANIMENT if kind == "support" else ())

    def _cluster(self, authority: URIRef, members: list[_Actor]) -> Iterator[Triple]:
        """A spanning tree of cooperation links, extra links at ``cluster_density``, shared projects
        backed by the cluster's authority, and sometimes a site it lends to two members."""
        k, rng = self.knobs, self.rng
        nodes = [authority, *(m.iri for m in members)]
        for i in range(1, len(nodes)):
            yield from self._link(self._choice(LINKS), nodes[rng.randrange(i)], nodes[i])
        for i in range(len(nodes)):
            for j in range(i + 2, len(nodes)):
                if rng.random() < k.cluster_density:
                    yield from self._link(self._choice(LINKS), nodes[i], nodes[j])
        for _ in range(rng.randint(*k.cluster_projects)):
            carriers = rng.sample(nodes[1:], min(len(nodes) - 1, rng.randint(2, 4)))
            yield from self._project(carriers, supporters=[authority])
        if rng.random() < 0.3 and len(members) >= 2:
            site = self.iri("site")
            yield site, RDF.type, ESS.Site
            yield site, RDFS.label, Literal("Lieu partagé", lang="fr")
            yield site, ESS.locatedIn, members[0].commune
            yield site, ESS.status, STATUS.done
            yield site, PROV.wasDerivedFrom, self.section
            yield from self._relation(ESS.Ownership, {ESS.owner: [authority], ESS.ownedAsset: [site]},
                                      STATUS.done, self._year())
            for member in rng.sample(members, 2):
                yield from self._relation(ESS.Hosting, {ESS.host: [authority], ESS.hosted: [member.iri]},
                                          STATUS.done, self._year(), ((ESS.atSite, site),))

    def _latent(self, group: _Group) -> Iterator[Triple]:
        """The supporter accompanies every member, or every member belongs to its network; the
        few links between members are trade along a chain, any cooperation link otherwise."""
        supporter = group.supporter.iri
        for member in group.members:
            if group.supporter.kind == "network":
                yield from self._relation(ESS.Membership, {ORG.member: [member.iri], ORG.organization: [supporter]},
                                          STATUS.done, self._year(), ((ESS.role, ROLE.member),))
            else:
                yield from self._link("support", supporter, member.iri, STATUS.done)
        chain = len(group.positions) > 1
        for a, b in group.links:
            yield from self._link("trade" if chain else self._choice(LINKS), a.iri, b.iri)

    def _decoy_hubs(self) -> Iterator[Triple]:
        """The foundation funds themed structures all over the département; the wide support body
        accompanies about half of the ESS structures."""
        k, rng = self.knobs, self.rng
        if self.foundation is not None:
            for actor in self.foundation_funded:
                yield from self._relation(ESS.Funding, {ESS.funder: [self.foundation.iri], ESS.recipient: [actor.iri]},
                                          STATUS.done, self._year())
        if self.wide_supporter is not None:
            structures = [a for a in self.actors if a.kind == "ess"]
            for actor in rng.sample(structures, round(len(structures) * k.wide_support_coverage)):
                yield from self._link("support", self.wide_supporter.iri, actor.iri, STATUS.done)

    def _project(self, carriers: list[URIRef], supporters: Sequence[URIRef] = ()) -> Iterator[Triple]:
        project = self.iri("project")
        status, year = self._choice(STATUSES), self._year()
        yield project, RDF.type, ESS.Project
        yield project, RDFS.label, Literal(f"Projet {str(project).rsplit('-', 1)[-1]}", lang="fr")
        yield project, ESS.status, status
        yield project, PROV.wasDerivedFrom, self.section
        for carrier in carriers:
            yield from self._relation(ESS.ProjectCarrying, {ESS.carrier: [carrier], ESS.project: [project]},
                                      status, year, ((ESS.carryingRole, ROLE.carrier),))
        for supporter in supporters:
            yield from self._relation(ESS.Support, {ESS.supporter: [supporter], ESS.supported: [project]},
                                      status, year, ((ESS.supportKind, SUPPORT["co-organisation"]),))

    def _funding(self) -> Iterator[Triple]:
        """Hubs fund a large share of the ESS structures; communes and intercommunalities a few local ones."""
        k, rng = self.knobs, self.rng
        structures = [a for a in self.actors if a.kind == "ess"]
        hubs = [self.region, self.departement, self.state][:k.hub_funders]
        for hub in hubs:
            for actor in rng.sample(structures, round(len(structures) * k.hub_coverage)):
                yield from self._relation(ESS.Funding, {ESS.funder: [hub], ESS.recipient: [actor.iri]},
                                          STATUS.done, self._year())
        for actor in structures:
            if rng.random() < k.local_funding:
                funder = actor.commune if rng.random() < 0.6 else actor.intercommunality
                yield from self._relation(ESS.Funding, {ESS.funder: [funder], ESS.recipient: [actor.iri]},
                                          self._choice(STATUSES), self._year())

    def _noise(self) -> Iterator[Triple]:
        """Random cooperation links and two-carrier projects between any actors."""
        k, rng = self.knobs, self.rng
        nodes = [a.iri for a in self.actors]
        for _ in range(round(self.structures * k.noise_links)):
            a, b = rng.sample(nodes, 2)
            yield from self._link(self._choice(LINKS), a, b)
        for _ in range(round(self.structures * k.noise_projects)):
            yield from self._project(rng.sample(nodes, 2))

    def _persons(self) -> Iterator[Triple]:
        """Directors of some structures; some of them carry a small project in their own name."""
        rng = self.rng
        structures = [a for a in self.actors if a.kind == "ess"]
        for i in range(1, round(len(structures) * self.knobs.persons) + 1):
            person, organisation = self.iri("person", i), rng.choice(structures).iri
            yield person, RDF.type, ESS.Person
            yield person, RDFS.label, Literal(f"Personne {i}", lang="fr")
            yield person, PROV.wasDerivedFrom, self.section
            yield from self._relation(ESS.Membership, {ORG.member: [person], ORG.organization: [organisation]},
                                      STATUS.done, None, ((ESS.role, ROLE.director),))
            if rng.random() < 0.2:
                yield from self._project([person])


_TYPE, _STATUS, _START, _DERIVED = RDF.type, ESS.status, ESS.startDate, PROV.wasDerivedFrom
_LINK_ROLES = {"partnership": (ESS.Partnership, ESS.partner, ESS.partner),
               "support": (ESS.Support, ESS.supporter, ESS.supported),
               "trade": (ESS.Trade, ESS.supplier, ESS.client), "hosting": (ESS.Hosting, ESS.host, ESS.hosted)}
"""The class and the two roles of each kind of link, looked up once: an rdflib namespace attribute
builds and checks its URI on every access, which took some 30 % of the generator's profiled time."""
_ACCOMPANIMENT = ((ESS.supportKind, SUPPORT.accompaniment),)


@cache
def _node_kind(cls: URIRef) -> str:
    """The IRI word of a relationship node: ess:Funding -> 'funding'."""
    return str(cls).rsplit("#", 1)[-1].lower()


def _authority(node: URIRef, cls: URIRef, label: str, form: URIRef, within: URIRef | None,
               section: URIRef) -> Iterator[Triple]:
    yield node, RDF.type, cls
    yield node, RDFS.label, Literal(label, lang="fr")
    yield node, ESS.legalForm, form
    yield node, PROV.wasDerivedFrom, section
    if within is not None:
        yield node, ESS.within, within


def _shared_nodes(section: URIRef, state: URIRef) -> Iterator[Triple]:
    """The source every synthetic statement cites, and the State, which funds everywhere."""
    document = URIRef(f"{section}/document")
    yield document, RDF.type, PROV.Entity
    yield document, RDFS.label, Literal("Générateur de territoires synthétiques d'ess-graph", lang="fr")
    yield section, RDF.type, ESS.SourceSection
    yield section, RDFS.label, Literal("Territoire synthétique (générateur ess-graph)", lang="fr")
    yield section, DCTERMS.isPartOf, document
    yield state, RDF.type, ESS.StateBody
    yield state, RDFS.label, Literal("État", lang="fr")
    yield state, ESS.legalForm, FORM.state
    yield state, PROV.wasDerivedFrom, section


@cache
def _shortcut_rules_by_class() -> dict[URIRef, ShortcutRule]:
    """The vocabulary's shortcut rules, read once: every relationship the generator yields comes
    with its direct edge, so that a streamed file needs no second pass."""
    return {rule.relationship_class: rule for rule in shortcut_rules(load_graph(shipped_data=False))}


@dataclass(frozen=True)
class CountryPlace:
    """Where one département of a synthetic country lies, and what the country shares."""

    number: int
    departement: URIRef
    region: URIRef
    state: URIRef
    section: URIRef


class CountryGenerator:
    """A France-shaped synthetic country: régions of départements, each a :class:`TerritoryGenerator`.

    Départements differ in size as French ones do (a log-normal spread around the mean); the
    State funds structures everywhere, each région and département in its own territory, communes
    and intercommunalities a few local ones: a few large funders and many small ones. Each
    département is planned only when its triples are wanted, so memory follows the largest
    département, not the country. Communes and départements have INSEE-shaped codes (so that the
    graph conforms to the shapes); they are not France's real codes.
    """

    def __init__(self, structures: int, seed: int, knobs: SynthKnobs | None = None, *,
                 departements: int | None = None):
        if not 1 <= structures <= MAX_STRUCTURES:
            raise EssGraphError(f"structures: expected 1 to {MAX_STRUCTURES:,}, got {structures:,}")
        count = default_departements(structures) if departements is None else departements
        if not 1 <= count <= min(structures, MAX_DEPARTEMENTS):
            raise EssGraphError(f"departements: expected 1 to {min(structures, MAX_DEPARTEMENTS)} for "
                                f"{structures} structures, got {count}")
        self.structures, self.seed, self.knobs = structures, seed, knobs or SynthKnobs()
        self.regions = max(1, round(count / DEPARTEMENTS_PER_REGION))
        self.departement_sizes: tuple[int, ...] = _spread(structures, count, random.Random(f"{seed}/sizes"))
        self.state = ESSD[f"synth/{seed}/state-1"]
        self.section = ESSD[f"synth/{seed}/source-section-1"]

    def departement_iri(self, number: int) -> URIRef:
        """The IRI of département ``number`` (1-based)."""
        return ESSD[f"synth/{self.seed}/departement-{number}"]

    def region_iri(self, number: int) -> URIRef:
        return ESSD[f"synth/{self.seed}/region-{number}"]

    def region_of(self, departement: int) -> int:
        """Départements are grouped into régions in order, in blocks of nearly equal size."""
        return (departement - 1) * self.regions // len(self.departement_sizes) + 1

    def departement(self, number: int) -> TerritoryGenerator:
        """The planned generator of département ``number`` (1-based)."""
        size = self.departement_sizes[number - 1]
        place = CountryPlace(number, self.departement_iri(number), self.region_iri(self.region_of(number)),
                             self.state, self.section)
        return TerritoryGenerator(size, self.seed, self.knobs, place=place)

    def triples(self, progress: Callable[[int, int], None] | None = None) -> Iterator[Triple]:
        """The country's triples; ``progress`` is called with (département, départements) before each."""
        yield from _shared_nodes(self.section, self.state)
        for region in range(1, self.regions + 1):
            yield from _authority(self.region_iri(region), ESS.Region, f"Région {region}", FORM.region, None,
                                  self.section)
            yield self.region_iri(region), ESS.inseeCode, Literal(f"{region:02d}")
        for number in range(1, len(self.departement_sizes) + 1):
            if progress is not None:
                progress(number, len(self.departement_sizes))
            yield from self.departement(number).triples()

    @property
    def planted_clusters(self) -> tuple[frozenset[str], ...]:
        """Every département's planted clusters (planning each département again: for tests and
        benchmarks, not for France-sized countries)."""
        return tuple(cluster for number in range(1, len(self.departement_sizes) + 1)
                     for cluster in self.departement(number).planted_clusters)

    @property
    def latent_clusters(self) -> tuple[frozenset[str], ...]:
        """Every département's latent clusters (planning each département again, like
        :attr:`planted_clusters`)."""
        return tuple(cluster for number in range(1, len(self.departement_sizes) + 1)
                     for cluster in self.departement(number).latent_clusters)


def default_departements(structures: int) -> int:
    """About 20,000 structures a département, at most 99."""
    return max(1, min(MAX_DEPARTEMENTS, round(structures / STRUCTURES_PER_DEPARTEMENT)))


def _spread(total: int, parts: int, rng: random.Random) -> tuple[int, ...]:
    """``total`` split into ``parts`` log-normally spread sizes of at least 1 that add up to it."""
    weights = [rng.lognormvariate(0.0, 0.5) for _ in range(parts)]
    scale = (total - parts) / sum(weights)
    shares = [w * scale for w in weights]
    sizes = [1 + int(share) for share in shares]
    by_remainder = sorted(range(parts), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in by_remainder[:total - sum(sizes)]:
        sizes[i] += 1
    return tuple(sizes)


@dataclass(frozen=True)
class SynthReport:
    """What :func:`write_synthetic` wrote."""

    path: Path
    triples: int
    seconds: float
    departements: int


def write_synthetic(path: Path | str, structures: int, seed: int, *, departements: int | None = None,
                    knobs: SynthKnobs | None = None,
                    progress: Callable[[int, int], None] | None = None) -> SynthReport:
    """Stream a synthetic country to ``path`` (.nt or .ttl), atomically, in the memory of one
    département; ``progress`` is called with (département, départements) as it goes."""
    start = time.perf_counter()
    country = CountryGenerator(structures, seed, knobs, departements=departements)
    triples = write_records(path, batched(country.triples(progress), 2000))
    return SynthReport(Path(path), triples, time.perf_counter() - start, len(country.departement_sizes))

