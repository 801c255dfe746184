"""The legal checklist: art. 9 of law 2014-856 and art. 3 of decree 2015-431, gate by gate.

Art. 9 defines a PTCE as SSE enterprises of one territory teaming up with other enterprises, in
connection with local authorities, research centres, higher education, training bodies or others,
around a common and continuing strategy of cooperation. Art. 3 of the decree asks, to answer the
State's calls, at least three legal persons, among them an SSE enterprise, a non-SSE enterprise
(or a grouping whose members mostly are not SSE) and another person named by art. 9. Each gate
returns met / not met with the proofs (members, relationship nodes, source lines); what the graph
cannot prove (innovation, the private-law carrier) is left to a person, see :mod:`.advice`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from ..vocab.kinds import KIND_BY_KEY
from .parameters import TERRITORY_LEVELS
from .view import CandidateView, Proof

LEGAL_PERSONS = "legal_persons"
"""Name of the gate: at least ``min_legal_persons`` legal persons, three by default (decree 2015-431 art. 3)."""
ESS_ENTERPRISE = "ess_enterprise"
"""Name of the gate: at least one SSE enterprise (law 2014-856 art. 1 and 9)."""
NON_ESS_ENTERPRISE = "non_ess_enterprise"
"""Name of the gate: at least one non-SSE enterprise, or a grouping mostly of them (decree art. 3)."""
ART9_PARTNER = "art9_partner"
"""Name of the gate: at least one other person named by art. 9 (an authority, a research body...)."""
ONE_TERRITORY = "one_territory"
"""Name of the gate: the members share one territory (law 2014-856 art. 9)."""
COOPERATION = "cooperation"
"""Name of the gate: cooperation beyond shared funders (law 2014-856 art. 9)."""
GATE_NAMES = (LEGAL_PERSONS, ESS_ENTERPRISE, NON_ESS_ENTERPRISE, ART9_PARTNER, ONE_TERRITORY, COOPERATION)
"""The gates' names in checklist order (that of :data:`GATES`): the one definition of them, which
the advice on missing roles refers to."""


@dataclass(frozen=True)
class GateResult:
    """One line of the legal checklist; ``name`` is one of :data:`GATE_NAMES`.

    >>> GateResult(COOPERATION, "Cooperation beyond shared funders", True, "3 links", ()).name in GATE_NAMES
    True
    """

    name: str
    label: str
    met: bool
    detail: str
    evidence: tuple[Proof, ...]


def legal_persons_gate(view: CandidateView) -> GateResult:
    """At least ``min_legal_persons`` legal persons (groups count their members, collectives none)."""
    needed = view.params.min_legal_persons
    proofs = tuple(view.member_proof(p, f"{p.legal_persons} ({p.legal_person_note})") for p in view.profiles)
    total = view.legal_persons
    return GateResult(LEGAL_PERSONS, f"At least {needed} legal persons (decree 2015-431 art. 3)",
                      total >= needed, f"{total} legal persons among {len(view.members)} members", proofs)


def ess_enterprise_gate(view: CandidateView) -> GateResult:
    """At least one SSE enterprise (art. 1 of law 2014-856) that is a legal person."""
    proofs = []
    for p in view.profiles:
        if p.has_kind("ess") and p.legal_persons > 0:
            form = p.legal_form if p.ess_form_stated else "legal form not stated"
            proofs.append(view.member_proof(p, f"SSE structure ({form})"))
    detail = f"{len(proofs)} SSE structure(s)" if proofs else "no member is an SSE structure"
    return GateResult(ESS_ENTERPRISE, "At least one SSE enterprise (law 2014-856 art. 1 and 9)",
                      bool(proofs), detail, tuple(proofs))


def non_ess_enterprise_gate(view: CandidateView) -> GateResult:
    """At least one enterprise outside the SSE, or a grouping whose members mostly are."""
    proofs = [view.member_proof(p, f"classical enterprise ({p.legal_person_note})")
              for p in view.profiles if p.has_kind("enterprise") and p.legal_persons > 0]
    for p in view.profiles:
        if not p.has_kind("enterprise"):
            grouping = _enterprise_grouping(view, p.iri)
            if grouping is not None:
                proofs.append(grouping)
    detail = f"{len(proofs)} found" if proofs else "no classical enterprise, nor a grouping mostly of them"
    return GateResult(NON_ESS_ENTERPRISE,
                      "At least one non-SSE enterprise or a grouping mostly of them (decree 2015-431 art. 3)",
                      bool(proofs), detail, tuple(proofs))


def _enterprise_grouping(view: CandidateView, organisation: str) -> Proof | None:
    """A proof that ``organisation``'s member organisations are mostly classical enterprises."""
    actors = view.coop.actors
    enterprises, total, relations, sources = 0, 0, [], set()
    for member, _, data in view.coop.network.in_edges(organisation, data=True):
        if data["kind"] != "membership" or member not in actors:
            continue
        count = actors[member].legal_persons
        total += count
        if actors[member].has_kind("enterprise"):
            enterprises += count
            relations.append(data["relation"])
            sources.update(data["sources"])
    if total == 0 or enterprises * 2 <= total:
        return None
    label = view.coop.label(organisation)
    return Proof(f"{label}: a grouping of {total} legal persons, {enterprises} of them classical enterprises",
                 (organisation,), tuple(relations), tuple(sorted(sources)))


def art9_partner_gate(view: CandidateView) -> GateResult:
    """At least one other person named by art. 9: by default an authority or a research/training body."""
    kinds = view.params.art9_role_kinds()
    proofs = []
    for p in view.profiles:
        matching = [k for k in kinds if p.has_kind(k)]
        if matching and p.legal_persons > 0:
            proofs.append(view.member_proof(p, KIND_BY_KEY[matching[0]].label_en))
            links = [e for e in view.internal_evidence if p.iri in e.actors]
            if links:
                proofs.append(view.proof(links[0]))
    names = " or ".join(KIND_BY_KEY[k].label_en for k in kinds)
    found = sum(1 for proof in proofs if not proof.relations)
    return GateResult(ART9_PARTNER, f"At least one {names} (law 2014-856 art. 9)", bool(proofs),
                      f"{found} found" if proofs else f"no {names} among the members", tuple(proofs))


def one_territory_gate(view: CandidateView) -> GateResult:
    """The members share one territory no wider than ``max_territory_level``."""
    fit = view.territory
    label = view.coop.label
    widest = view.params.max_territory_level
    proofs = [Proof(f"{label(m)}: located in {label(t)}", (m, t), (), view.coop.actors[m].sources)
              for m, t in fit.located]
    proofs += [Proof(f"{label(m)}: acts in {label(t)}", (m, t), (), view.coop.actors[m].sources)
               for m, t in fit.compatible]
    proofs += [Proof(f"{label(m)}: acts in {label(t)}, outside the common territory", (m, t), (),
                     view.coop.actors[m].sources) for m, t in fit.incompatible]
    if fit.territory is None or fit.level is None:
        detail, met = "no member's place is known" if not fit.located else "the members share no territory", False
    elif fit.incompatible:
        detail, met = f"{label(fit.territory)}, but some members act elsewhere", False
    elif fit.level > TERRITORY_LEVELS[widest]:
        detail, met = f"{label(fit.territory)} is wider than a {widest}", False
    else:
        detail, met = label(fit.territory), True
    if fit.unknown:
        detail += f" ({len(fit.unknown)} member(s) with no known place)"
    return GateResult(ONE_TERRITORY, f"One territory, at most a {widest} (law 2014-856 art. 9)", met,
                      detail, tuple(proofs))


def cooperation_gate(view: CandidateView) -> GateResult:
    """Cooperation links (not funding, not administrative structure) join at least
    ``min_legal_persons`` legal persons: the "common and continuing strategy" of art. 9 needs more
    than sharing a funder."""
    graph = view.cooperation_graph
    components = [c for c in nx.connected_components(graph) if len(c) > 1]
    largest = max(components, key=lambda c: (sum(view.coop.actors[m].legal_persons for m in c), sorted(c)),
                  default=set())
    persons = sum(view.coop.actors[m].legal_persons for m in largest)
    needed = view.params.min_legal_persons
    proofs = tuple(view.proof(e) for e in view.cooperation_evidence)
    detail = (f"{len(view.cooperation_evidence)} cooperation link(s); the largest connected group has "
              f"{len(largest)} members, {persons} legal persons")
    return GateResult(COOPERATION, "Cooperation beyond shared funders (law 2014-856 art. 9)",
                      persons >= needed, detail, proofs)


GATES: tuple[Callable[[CandidateView], GateResult], ...] = (
    legal_persons_gate, ess_enterprise_gate, non_ess_enterprise_gate, art9_partner_gate,
    one_territory_gate, cooperation_gate,
)


def check_gates(view: CandidateView) -> list[GateResult]:
    return [gate(view) for gate in GATES]
