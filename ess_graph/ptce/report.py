"""PTCE candidates for people and scripts: the ranked table, the card, JSON and Markdown.

The JSON shape is the one scripts rely on (issue 5): ``{"candidates": [{"rank", "score",
"territory", "members", "gates", "score_breakdown", "missing", "suggestions", ...}],
"parameters"}``; the keys after ``suggestions`` carry the rest of the card: first ``kind``
(``cooperating`` or ``potential``), and last ``stability``, ``belonging``, ``introductions``,
``chain`` and ``overlaps``.
"""

from __future__ import annotations

from typing import Any

from ..vocab.kinds import KIND_BY_KEY
from .actors import ActorProfile
from .advice import Neighbour
from .analysis import Candidate, PTCEAnalysis
from .belonging import Introduction
from .chains import POSITION_LABELS
from .view import Proof

ROLE_GROUPS = (
    ("ess", "SSE structures"), ("enterprise", "Classical enterprises"), ("authority", "Local authorities"),
    ("state", "State bodies"), ("research", "Research and training"), ("support", "Support bodies and networks"),
    ("other", "Other organisations"),
)
CARD_PROOFS = 8
"""Proofs shown per gate on a card; the JSON carries them all."""
CARD_SOURCES = 2
"""Sources shown per proof on a card."""


# --- JSON ---------------------------------------------------------------------------------------

def analysis_to_json(analysis: PTCEAnalysis) -> dict[str, Any]:
    return {"candidates": [candidate_to_json(c) for c in analysis.candidates],
            "parameters": analysis.parameters.as_dict()}


def candidate_to_json(c: Candidate) -> dict[str, Any]:
    return {
        "rank": c.rank,
        "score": c.score.total,
        "territory": {"iri": c.territory, "label": c.territory_label} if c.territory else None,
        "members": [{"iri": m.iri, "label": m.label, "kind": m.kind} for m in c.members],
        "gates": [{"name": g.name, "met": g.met, "label": g.label, "detail": g.detail,
                   "evidence": [_proof_json(p) for p in g.evidence]} for g in c.gates],
        "score_breakdown": {s.name: {"value": round(s.value, 3), "weight": s.weight, "points": round(s.points, 1),
                                     "detail": s.detail} for s in c.score.components},
        "missing": [{"role": m.role, "label": m.label, "gate": m.gate, "why": m.why} for m in c.missing],
        "suggestions": [{"role": s.role, "iri": s.iri, "label": s.label, "kind": s.kind, "reasons": list(s.reasons)}
                        for s in c.suggestions],
        "kind": c.kind,
        "id": c.iri,
        "name": c.name,
        "origin": {"kind": c.origin, "iri": c.anchor},
        "legal_persons": c.legal_persons,
        "projects": [{"iri": p.iri, "label": p.label, "status": p.status} for p in c.projects],
        "bridging": [{"iri": b.iri, "label": b.label, "why": b.why} for b in c.bridging],
        "around": [{"iri": n.iri, "label": n.label, "kind": n.kind, "members": n.members, "links": list(n.links),
                    "beneficiaries": n.beneficiaries} for n in c.around],
        "shared_themes": [{"theme": t.theme, "label": t.label, "members": t.members} for t in c.shared_themes],
        "caveats": [{"kind": k.kind, "text": k.text, "nodes": list(k.nodes)} for k in c.caveats],
        "to_check": list(c.to_check),
        "stability": c.stability,
        "belonging": [{"kind": b.kind, "text": b.text, "nodes": list(b.nodes)} for b in c.belonging],
        "introductions": [{"actors": list(i.actors), "labels": list(i.labels), "common_partners": i.common,
                           "affinity": i.affinity, "why": list(i.why)} for i in c.introductions],
        "introductions_total": c.introductions_total,
        "chain": ({"covered": {name: list(holders) for name, holders in c.chain.covered},
                   "missing": list(c.chain.missing)} if c.chain else None),
        "overlaps": [{"rank": o.rank, "name": o.name, "kind": o.kind, "shared": list(o.shared)} for o in c.overlaps],
    }


def _proof_json(proof: Proof) -> dict[str, Any]:
    return {"text": proof.text, "nodes": list(proof.nodes), "relations": list(proof.relations),
            "sources": list(proof.sources), "status": proof.status or None}


# --- Table --------------------------------------------------------------------------------------

def candidates_table(analysis: PTCEAnalysis) -> str:
    """The ranked table: one line per candidate, as a notebook or the command line shows it (the
    command adds how to read a card with its options).

    >>> from ess_graph import load_graph
    >>> from ess_graph.ptce import find_ptce_candidates
    >>> table = candidates_table(find_ptce_candidates(load_graph())).splitlines()
    >>> table[0].split()
    ['#', 'kind', 'score', 'stable', 'gates', 'persons', 'territory', 'candidate']
    >>> table[2].split()[:7]
    ['2', 'cooperating', '81.1', '1.00', '5/6', 'missing', 'non_ess_enterprise']
    """
    if not analysis.candidates:
        return "No candidate: no group of three actors or more cooperates in this graph.\n"
    rows = [("#", "kind", "score", "stable", "gates", "persons", "territory", "candidate")]
    for c in analysis.candidates:
        rows.append((str(c.rank), c.kind, f"{c.score.total:.1f}", _stability(c), _gates(c), str(c.legal_persons),
                     c.territory_label or "-", c.name))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
             for row in rows]
    return "\n".join(lines) + "\n"


def _gates(c: Candidate) -> str:
    failed = c.failed_gates
    text = f"{len(c.gates) - len(failed)}/{len(c.gates)}"
    return text + (" missing " + ", ".join(g.name for g in failed) if failed else "")


def _stability(c: Candidate) -> str:
    return "-" if c.stability is None else f"{c.stability:.2f}"


# --- Card (Markdown) ----------------------------------------------------------------------------

def candidate_card(c: Candidate) -> str:
    """The full card of one candidate, as Markdown (readable as plain text too). A gate shows its
    first proofs; the JSON form of the card (:func:`candidate_to_json`) holds them all.

    >>> from ess_graph import load_graph
    >>> from ess_graph.ptce import find_ptce_candidates
    >>> card = candidate_card(find_ptce_candidates(load_graph()).candidate(2))
    >>> card.splitlines()[0]
    '## 2. Les Campagnolades - score 81.1/100'
    """
    failed = c.failed_gates
    verdict = "every legal gate met" if not failed else "missing: " + ", ".join(g.name for g in failed)
    lines = [f"## {c.rank}. {c.name} - score {c.score.total:.1f}/100", "",
             f"Kind: {c.kind} ({KIND_WORDS[c.kind]}) · stability: {_stability_words(c)}", "",
             f"Territory: {c.territory_label or 'none in common'} · {c.legal_persons} legal persons · "
             f"{verdict} · found as: {c.origin}", "", "### Members", ""]
    for kind, title in ROLE_GROUPS:
        group = [m for m in c.members if m.kind == kind]
        if group:
            lines.append(f"- {title}: " + "; ".join(_member_words(m) for m in group))
    if c.projects:
        lines.append("- Projects: " + "; ".join(f"{p.label} ({p.status})" for p in c.projects))
    lines += _section("Why they belong together", [b.text for b in c.belonging])
    lines += _section(f"Links to make ({c.introductions_total} member pairs do not cooperate yet; "
                      "those with most partners in common first)", [_introduction_words(i) for i in
                                                                     c.introductions[:CARD_PROOFS]])
    if c.chain is not None and len(c.chain.covered) >= 2:
        lines += _section("Value chain", [
            f"{POSITION_LABELS[name]}: {', '.join(_label(c, m) for m in holders)}" for name, holders in c.chain.covered
        ] + [f"{POSITION_LABELS[name]}: nobody yet" for name in c.chain.missing])
    lines += _section("Overlap with other candidates", [
        f"#{o.rank} {o.name} ({o.kind}): {', '.join(_label(c, m) for m in o.shared)}" for o in c.overlaps])
    lines += ["", "### Legal checklist (law 2014-856 art. 9, decree 2015-431 art. 3)", ""]
    for gate in c.gates:
        lines.append(f"- [{'x' if gate.met else ' '}] {gate.label}: {gate.detail}")
        for proof in gate.evidence[:CARD_PROOFS]:
            lines.append(f"    - {proof.text}{_sources(proof.sources)}")
        if len(gate.evidence) > CARD_PROOFS:
            lines.append(f"    - ... and {len(gate.evidence) - CARD_PROOFS} more (all in the JSON form of the card)")
    lines += ["", "### Score", "", "| component | value | weight | points | why |", "|---|---|---|---|---|"]
    for s in c.score.components:
        lines.append(f"| {s.name} | {s.value:.2f} | {s.weight:g} | {s.points:+.1f} | {_cell(s.detail)} |")
    lines.append(f"| **total** | | | **{c.score.total:.1f}** | |")
    lines += _section("Bridging actors", [f"{b.label}: {b.why}" for b in c.bridging])
    lines += _section("Around the group (linked to members, not members)", [_neighbour_words(n) for n in c.around])
    missing = []
    for role in c.missing:
        why = f"gate {role.gate}" if role.gate else role.why
        missing.append(f"{role.label} ({why})")
        for hint in (h for h in c.suggestions if h.role == role.role):
            missing.append(f"    - suggestion: {hint.label} ({KIND_BY_KEY[hint.kind].label_en}): "
                           f"{'; '.join(hint.reasons)}")
        if not any(s.role == role.role for s in c.suggestions):
            missing.append("    - no actor of this kind in the territory in the graph")
    lines += _section("Missing roles and suggestions", missing)
    lines += _section("Shared themes", [f"{t.label}: {t.members} members" for t in c.shared_themes])
    lines += _section("Caveats about the data", [k.text for k in c.caveats])
    lines += _section("To check by a person", list(c.to_check))
    return "\n".join(lines) + "\n"


AFFINITY_WORDS = {
    "supporter": "same support body", "network": "same network", "carrier": "same project carrier",
    "cofunding": "same funder", "theme": "shared theme or sector", "chain": "complementary in a value chain",
}
"""How the card names each kind of affinity (:data:`~.affinity.AFFINITY_KINDS`)."""
KIND_WORDS = {"cooperating": "its members already work together",
              "potential": "its members could work together; the links below are still to make"}


def _stability_words(c: Candidate) -> str:
    if c.stability is None:
        return "not computed (stability_runs=0)"
    return f"{c.stability:.2f} (share of perturbed runs where the group comes back)"


def _label(c: Candidate, iri: str) -> str:
    return next((m.label for m in c.members if m.iri == iri), iri)


def _introduction_words(i: Introduction) -> str:
    why = f"; {', '.join(AFFINITY_WORDS[k] for k in i.why)}" if i.why else ""
    return f"{i.labels[0]} and {i.labels[1]}: {i.common} partner(s) in common{why}"


def _neighbour_words(n: Neighbour) -> str:
    links = ", ".join(k.replace("_", " ") for k in n.links)
    funds = f" (funds {n.beneficiaries} beneficiaries in all)" if n.beneficiaries else ""
    return f"{n.label} ({KIND_BY_KEY[n.kind].label_en}): {links} with {n.members} member(s){funds}"


def _sources(sources: tuple[str, ...]) -> str:
    if not sources:
        return ""
    more = f" (+{len(sources) - CARD_SOURCES} more)" if len(sources) > CARD_SOURCES else ""
    return " — " + "; ".join(sources[:CARD_SOURCES]) + more


def _member_words(m: ActorProfile) -> str:
    extra = [KIND_BY_KEY[k].label_en for k in m.kinds if k != m.kind]
    notes = [m.legal_person_note] + ([f"also {', '.join(extra)}"] if extra else [])
    return f"{m.label} ({'; '.join(notes)})"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _section(title: str, items: list[str]) -> list[str]:
    body = [item if item.startswith("    ") else f"- {item}" for item in items] or ["- none"]
    return ["", f"### {title}", "", *body]


def analysis_markdown(analysis: PTCEAnalysis) -> str:
    """A report: the ranked table then every card."""
    lines = ["# Potential PTCE", "",
             "| # | kind | score | stability | gates met | legal persons | territory | candidate |",
             "|---|---|---|---|---|---|---|---|"]
    for c in analysis.candidates:
        met = len(c.gates) - len(c.failed_gates)
        lines.append(f"| {c.rank} | {c.kind} | {c.score.total:.1f} | {_stability(c)} | {met}/{len(c.gates)} | "
                     f"{c.legal_persons} | {_cell(c.territory_label or '-')} | {_cell(c.name)} |")
    if not analysis.candidates:
        lines.append("| - | | | | | | | no candidate |")
    return "\n".join(lines) + "\n\n" + "\n".join(candidate_card(c) for c in analysis.candidates)
