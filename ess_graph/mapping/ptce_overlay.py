"""PTCE candidates as a map overlay, for ``ess-graph map --ptce``.

Each candidate is a group of the map's :class:`~ess_graph.mapping.Overlay`: its members and
shared projects are filled with its colour, and their tooltips gain the candidate's kind
(cooperating: already working together; potential: could), score, stability and what it lacks;
the legend names the kind too. A node in several candidates takes the colour of the best-ranked one; its
tooltip names all of them.
"""

from collections.abc import Iterable

from ..ptce.analysis import Candidate
from . import Overlay, OverlayGroup

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Okabe-Ito colours, readable by colour-blind people; candidates beyond eight reuse them."""


def ptce_map_overlay(candidates: Iterable[Candidate]) -> Overlay:
    """One overlay group per candidate, in rank order."""
    groups: list[OverlayGroup] = []
    members: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    for candidate in sorted(candidates, key=lambda c: c.rank):
        key = f"ptce-{candidate.rank}"
        label = f"PTCE #{candidate.rank} ({candidate.kind}): {candidate.name}"
        failed = [gate.label for gate in candidate.failed_gates]
        stable = "" if candidate.stability is None else f"; stability {candidate.stability:.2f}"
        summary = f"{candidate.kind}; score {candidate.score.total:.1f}{stable}; " + (
            "every legal gate met" if not failed else f"missing {', '.join(failed)}")
        groups.append(OverlayGroup(key=key, label=label, colour=PALETTE[(candidate.rank - 1) % len(PALETTE)],
                                   description=summary))
        for iri in (*candidate.member_iris, *(project.iri for project in candidate.projects)):
            # The map already names a node's own group; other candidates it belongs to are added.
            if iri in members:
                notes[iri].append(f"also {label} ({summary})")
            else:
                members[iri] = key
                notes[iri] = [summary]
    return Overlay(title="PTCE candidates", groups=groups, members=members, notes=notes)
