"""PTCE candidates as a map overlay: for each node, its group, a colour and tooltip lines.

``ess-graph map --ptce`` colours the members and shared projects of each candidate. A node in
several candidates takes the colour of the best-ranked one; its tooltip names all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from .analysis import Candidate

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Okabe-Ito colours, readable by colour-blind people; candidates beyond eight reuse them."""


class OverlayEntry(TypedDict):
    group: str
    colour: str
    tooltip: list[str]


def ptce_map_overlay(candidates: Iterable[Candidate]) -> dict[str, OverlayEntry]:
    """Map each member or shared-project IRI to its candidate group, colour and tooltip lines."""
    overlay: dict[str, OverlayEntry] = {}
    for candidate in sorted(candidates, key=lambda c: c.rank):
        group = f"PTCE #{candidate.rank}: {candidate.name}"
        colour = PALETTE[(candidate.rank - 1) % len(PALETTE)]
        failed = [g.name for g in candidate.failed_gates]
        line = (f"{group} (score {candidate.score.total:.1f}; "
                + ("every legal gate met)" if not failed else f"missing {', '.join(failed)})"))
        for iri in (*candidate.member_iris, *(p.iri for p in candidate.projects)):
            if iri in overlay:
                overlay[iri]["tooltip"].append(line)
            else:
                overlay[iri] = OverlayEntry(group=group, colour=colour, tooltip=[line])
    return overlay
