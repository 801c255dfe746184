"""What a person needs beyond the checklist: missing roles and who could fill them, bridging
actors, shared themes, caveats about the data, and what only a person can check."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..vocab.kinds import KIND_BY_KEY
from .actors import ActorProfile
from .gates import ART9_PARTNER, ESS_ENTERPRISE, LEGAL_PERSONS, NON_ESS_ENTERPRISE, GateResult
from .projection import WEAK_KINDS
from .scoring import FAMILIES, theme_counts
from .view import CandidateView


@dataclass(frozen=True)
class MissingRole:
    role: str
    label: str
    kinds: tuple[str, ...]
    gate: str | None
    why: str


@dataclass(frozen=True)
class Suggestion:
    role: str
    iri: str
    label: str
    kind: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Bridge:
    iri: str
    label: str
    why: str


@dataclass(frozen=True)
class SharedTheme:
    theme: str
    label: str
    members: int


@dataclass(frozen=True)
class Neighbour:
    """An actor around the group: linked to members, but not one of them."""

    iri: str
    label: str
    kind: str
    members: int
    links: tuple[str, ...]
    beneficiaries: int | None = None


@dataclass(frozen=True)
class Caveat:
    kind: str
    text: str
    nodes: tuple[str, ...]


GATE_ROLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    ESS_ENTERPRISE: ("ess", "SSE enterprise", ("ess",)),
    NON_ESS_ENTERPRISE: ("enterprise", "classical (non-SSE) enterprise", ("enterprise",)),
}
"""The role each enterprise gate asks for: (role, label, kinds that fill it)."""


def missing_roles(view: CandidateView, gates: list[GateResult]) -> list[MissingRole]:
    """Roles a failing gate asks for, then families whose absence lowers the diversity score.

    Gates are named by the constants of :mod:`.gates`, so that a renamed gate cannot silently
    stop asking for its role. The role of the legal-persons gate bears the gate's name.

    >>> from ess_graph import load_graph
    >>> from ess_graph.ptce import find_ptce_candidates
    >>> [(m.role, m.gate) for m in find_ptce_candidates(load_graph()).candidate(2).missing]
    [('enterprise', 'non_ess_enterprise'), ('research', None)]
    """
    failed = {g.name: g for g in gates if not g.met}
    missing = []
    for gate, (role, label, kinds) in GATE_ROLES.items():
        if gate in failed:
            missing.append(MissingRole(role, label, kinds, gate, failed[gate].label))
    if ART9_PARTNER in failed:
        kinds = view.params.art9_role_kinds()
        label = " or ".join(KIND_BY_KEY[k].label_en for k in kinds)
        missing.append(MissingRole("art9", label, kinds, ART9_PARTNER, failed[ART9_PARTNER].label))
    if LEGAL_PERSONS in failed:
        missing.append(MissingRole(LEGAL_PERSONS, "more legal persons", (), LEGAL_PERSONS,
                                   failed[LEGAL_PERSONS].label))
    covered = {k for m in missing for k in m.kinds}
    for family, kinds in FAMILIES.items():
        present = any(p.has_kind(k) for p in view.profiles for k in kinds)
        if not present and not covered.intersection(kinds):
            missing.append(MissingRole(kinds[0], family, kinds, None, "would raise the role diversity score"))
    return missing


def suggestions(view: CandidateView, missing: list[MissingRole]) -> list[Suggestion]:
    """For each missing role, actors of the same territory who could fill it, best reasons first:
    an existing link to members, then shared themes, then being inside the territory."""
    found = []
    top_themes = {t for t, _ in theme_counts(view).most_common(5)}
    neighbours = view.outside_links
    for role in missing:
        ranked = []
        for profile in view.coop.actors.profiles.values():
            if profile.iri in view.members or profile.legal_persons == 0:
                continue
            if role.kinds and not any(profile.has_kind(k) for k in role.kinds):
                continue
            ranking = _reasons(view, profile, top_themes, neighbours.get(profile.iri, []))
            if ranking is not None:
                ranked.append((ranking[0], profile.label, profile.iri, ranking[1], profile))
        ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
        for *_, reasons, profile in ranked[:view.params.max_suggestions]:
            found.append(Suggestion(role.role, profile.iri, profile.label, profile.kind, tuple(reasons)))
    return found


def _reasons(view: CandidateView, profile: ActorProfile, top_themes: set[str],
             links: list[tuple[float, str]]) -> tuple[float, list[str]] | None:
    territories = view.coop.actors.territories
    territory = view.territory.territory
    places = profile.homes or profile.areas
    reasons, rank = [], 0.0
    if territory is not None and places:
        inside = [p for p in places if territories.contains(territory, p)]
        around = [p for p in places if territories.contains(p, territory)]
        verb = "located in" if profile.homes else "acts in"
        if inside:
            within = "" if inside[0] == territory else f", inside {view.coop.label(territory)}"
            reasons.append(f"{verb} {view.coop.label(inside[0])}{within}")
            rank += 1
        elif around:
            reasons.append(f"{verb} {view.coop.label(around[0])}, which contains {view.coop.label(territory)}")
            rank += 0.5
        else:
            return None
    if links:
        kinds = sorted({e.kind for _, m in links for e in view.coop.evidence(profile.iri, m)})
        names = ", ".join(view.coop.label(m) for _, m in links[:3])
        reasons.append(f"already linked to {names} ({', '.join(k.replace('_', ' ') for k in kinds)})")
        rank += 2 + sum(w for w, _ in links)
    shared = sorted(top_themes & (profile.themes | profile.sectors))
    if shared:
        labels = view.coop.actors.concept_labels
        reasons.append("shares " + ", ".join(labels.get(t, t) for t in shared))
        rank += len(shared)
    if not places and not links and not shared:
        return None
    if not places:
        reasons.append("place not known")
    return rank, reasons


AROUND_SHOWN = 10
"""Actors listed around a group, most connected first."""


def around(view: CandidateView) -> list[Neighbour]:
    """Partners and funders of members who are not members themselves (a single partnership, a
    subsidy): the people to talk to first when the group grows."""
    found = []
    for other, links in view.outside_links.items():
        kinds = sorted({e.kind for _, m in links for e in view.coop.evidence(other, m)} - WEAK_KINDS
                       - {"shared_funder"})
        if kinds and other in view.coop.actors:
            weight = sum(w for w, _ in links)
            found.append((-len(links), -weight, view.coop.label(other), other, kinds))
    found.sort()
    funders = view.coop.funder_beneficiaries
    return [Neighbour(other, label, view.coop.actors[other].kind, -count, tuple(kinds),
                      funders.get(other) if "funding" in kinds else None)
            for count, _, label, other, kinds in found[:AROUND_SHOWN]]


def bridging_actors(view: CandidateView) -> list[Bridge]:
    """Members whose removal would split the group (articulation points), most central first."""
    subgraph: nx.Graph[str] = nx.Graph(view.coop.graph.subgraph(view.members))
    if subgraph.number_of_nodes() < 3:
        return []
    betweenness = nx.betweenness_centrality(subgraph)
    bridges = []
    for member in sorted(nx.articulation_points(subgraph), key=lambda m: (-betweenness[m], m)):
        rest = subgraph.copy()
        rest.remove_node(member)
        parts = sorted((sorted(c) for c in nx.connected_components(rest)), key=lambda c: (-len(c), c))
        sides = " | ".join(", ".join(view.coop.label(m) for m in part[:3]) + (" ..." if len(part) > 3 else "")
                           for part in parts)
        bridges.append(Bridge(member, view.coop.label(member), f"the only link between {sides}"))
    return bridges


def shared_themes(view: CandidateView) -> list[SharedTheme]:
    labels = view.coop.actors.concept_labels
    counts = theme_counts(view)
    return [SharedTheme(t, labels.get(t, t), n)
            for t, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if n >= 2]


def caveats(view: CandidateView) -> list[Caveat]:
    """What the data leaves uncertain about this group."""
    found = []
    label = view.coop.label
    for profile in view.profiles:
        links = [e for e in view.internal_evidence if profile.iri in e.actors]
        if links and not any(e.is_realised for e in links):
            found.append(Caveat("planned_only", f"{profile.label}'s links to the others are only planned or possible",
                                (profile.iri,)))
        if profile.has_kind("ess") and not profile.ess_form_stated and profile.legal_persons > 0:
            found.append(Caveat("uncertain_ess", f"{profile.label}: SSE status from the source, legal form not "
                                "stated (check art. 1 of law 2014-856)", (profile.iri,)))
        if profile.kind == "other":
            found.append(Caveat("uncertain_ess", f"{profile.label}: the source does not say what kind of "
                                "organisation it is (SSE or not)", (profile.iri,)))
        if profile.legal_persons == 0:
            found.append(Caveat("not_legal_person", f"{profile.label}: {profile.legal_person_note}", (profile.iri,)))
        elif not profile.group_size_known:
            found.append(Caveat("group_size", f"{profile.label}: {profile.legal_person_note}", (profile.iri,)))
    funders = view.public_funders_outside
    if funders and not any(p.is_public for p in view.profiles):
        names = ", ".join(label(f) for f in funders[:5])
        found.append(Caveat("funding_only", f"public bodies are linked to the group only through funding ({names}): "
                            "funding does not make them members", tuple(funders)))
    for member in view.territory.unknown:
        found.append(Caveat("place_unknown", f"{label(member)}: no known place", (member,)))
    found += _person_caveats(view)
    return found


def _person_caveats(view: CandidateView) -> list[Caveat]:
    found = []
    seen = set()
    for evidence in view.internal_evidence:
        persons = [v for v in evidence.via if view.coop.network.nodes.get(v, {}).get("kind") == "person"]
        for person in persons:
            if (person, evidence.actors) in seen:
                continue
            seen.add((person, evidence.actors))
            a, b = (view.coop.label(m) for m in evidence.actors)
            found.append(Caveat("via_person", f"the link between {a} and {b} is known through "
                                f"{view.coop.label(person)}'s role", (person, *evidence.actors)))
    for initiative, persons in sorted(view.coop.persons_without_organisation.items()):
        involved = {p.actor for p in view.coop.initiative_parties.get(initiative, [])}
        if involved & set(view.members):
            names = ", ".join(view.coop.label(p) for p in persons)
            found.append(Caveat("carrier_without_structure", f"{view.coop.label(initiative)} is carried by "
                                f"{names}, with no organisation in the graph yet", (initiative, *persons)))
    return found


def to_check(view: CandidateView) -> list[str]:
    """What only a person can establish (the graph records links, not intentions or statutes)."""
    projects = ", ".join(view.coop.label(p) for p in view.projects[:4]) or "the members' projects"
    private = [p for p in view.profiles if p.legal_persons == 1 and not p.is_public and p.legal_form
               and (p.ess_form_stated or p.has_kind("enterprise"))]
    carriers = ", ".join(f"{p.label} ({p.legal_form})" for p in private[:3])
    return [
        f"Innovative character (law 2014-856 art. 9: socially or technologically innovative projects): "
        f"read {projects}.",
        "A legal person under private law to carry the pole (decree 2015-431 art. 3, 1°): "
        + (f"one to create, or a member such as {carriers} to take the role." if carriers
           else "one to create (association, SCIC...); no member is known to be one."),
        "A common and continuing strategy of pooling, cooperation or partnership (art. 9), written down "
        "(charter, agreement), rather than separate bilateral links.",
        "Whether the pole already received State support from a previous call for projects (decree 2015-431 art. 3).",
    ]
