"""Why the members of a candidate belong together, and which of them would have to meet.

A potential candidate is a claim that actors *could* cooperate; a person reading its card needs the
grounds (same territory, shared themes, the same support body, network, project carrier or
informative funder, the value chain they would complete) and the work it implies: the pairs of
members not yet linked by cooperation, easiest first (those with the most members already
cooperating with both, so that someone can introduce them).
"""

from __future__ import annotations

from dataclasses import dataclass

from .affinity import CONTEXT_KINDS, CONTEXT_WORDS, AffinityNetwork
from .chains import CHAIN_POSITIONS
from .view import CandidateView

INTRODUCTIONS_KEPT = 20
"""Pairs to introduce a candidate keeps (the easiest); the card says how many there are in all."""


@dataclass(frozen=True)
class Belonging:
    """One ground for the members belonging together: ``kind`` is territory, theme, one of
    :data:`~.affinity.CONTEXT_KINDS` or chain."""

    kind: str
    text: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Introduction:
    """Two members with no cooperation link yet: ``common`` members already cooperate with both."""

    actors: tuple[str, str]
    labels: tuple[str, str]
    common: int
    affinity: float
    why: tuple[str, ...]


@dataclass(frozen=True)
class ChainFit:
    """The value-chain positions the members hold (with who holds them) and those nobody holds."""

    covered: tuple[tuple[str, tuple[str, ...]], ...]
    missing: tuple[str, ...]


def chain_fit(view: CandidateView, layer: AffinityNetwork) -> ChainFit:
    covered = []
    for position in CHAIN_POSITIONS:
        holders = tuple(m for m in view.members if position.name in layer.positions.get(m, ()))
        if holders:
            covered.append((position.name, holders))
    held = {name for name, _ in covered}
    return ChainFit(tuple(covered), tuple(p.name for p in CHAIN_POSITIONS if p.name not in held))


def belonging(view: CandidateView, layer: AffinityNetwork) -> list[Belonging]:
    """The grounds, territory first, then shared themes, shared bodies (most members first), chain."""
    coop, label = view.coop, view.coop.label
    found = []
    fit = view.territory
    if fit.territory is not None:
        found.append(Belonging("territory", f"located or acting in {label(fit.territory)}", (fit.territory,)))
    profiles = view.profiles
    concepts = sorted({t for p in profiles for t in p.themes | p.sectors})
    shared = sorted(((sum(1 for p in profiles if t in p.themes | p.sectors), t) for t in concepts),
                    key=lambda item: (-item[0], item[1]))
    names = coop.actors.concept_labels
    for count, concept in shared:
        if count >= 2:
            found.append(Belonging("theme", f"{count} members share {names.get(concept, concept)}", ()))
    member_set = set(view.members)
    hubs = []
    for kind in CONTEXT_KINDS:
        for hub, around in coop.contexts.get(kind, {}).items():
            inside = sorted(around & member_set)
            if len(inside) >= 2:
                hubs.append((-len(inside), kind, label(hub), hub, inside, len(around)))
    for minus, kind, hub_label, hub, inside, k in sorted(hubs):
        names_inside = ", ".join(label(m) for m in inside[:4]) + (" ..." if len(inside) > 4 else "")
        text = f"{-minus} members {CONTEXT_WORDS[kind]} {hub_label} ({names_inside})"
        if kind == "funder":
            informative = k <= view.params.affinity_hub_scale
            text += f"; it funds {k} in all" + ("" if informative else ", a hub funder: says little")
        found.append(Belonging(kind, text, (hub, *inside)))
    fit_chain = chain_fit(view, layer)
    if len(fit_chain.covered) >= 2:
        held = "; ".join(f"{name}: {', '.join(label(m) for m in holders[:3])}" for name, holders in fit_chain.covered)
        found.append(Belonging("chain", f"value chain held: {held}", ()))
    return found


def introductions(view: CandidateView, layer: AffinityNetwork) -> tuple[list[Introduction], int]:
    """The pairs of members with no cooperation link, easiest first, and how many there are in all."""
    graph = view.cooperation_graph
    label = view.coop.label
    pairs = []
    for i, a in enumerate(view.members):
        for b in view.members[i + 1:]:
            if graph.has_edge(a, b):
                continue
            common = len(set(graph.adj[a]) & set(graph.adj[b]))
            evidence = layer.evidence(a, b)
            weight = sum(e.weight for e in evidence)
            why = tuple(sorted({e.kind for e in evidence}))
            pairs.append((-common, -weight, label(a), label(b), a, b, why))
    pairs.sort()
    kept = [Introduction((a, b), (la, lb), -common, round(-weight, 3), why)
            for common, weight, la, lb, a, b, why in pairs[:INTRODUCTIONS_KEPT]]
    return kept, len(pairs)
