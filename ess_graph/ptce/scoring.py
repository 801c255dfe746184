"""How PTCE-like a group of actors looks, on 0-100, with the reason for every point.

Six components in [0, 1], each with a weight (``score_*`` parameters), and one penalty:

- continuity: the share of cooperation links done or under way (not only planned), and how long
  the members have cooperated (``continuity_years`` give full marks) - art. 9's "continuing strategy";
- density: the share of member pairs linked by cooperation, against ``target_density``;
- diversity: how many of the five families are present (SSE, classical enterprise, public body,
  research/training, support body or network);
- shared theme: the largest share of members (with a known theme or sector) sharing one theme or
  sector, counting the themes of the projects they share;
- public anchoring: 1 when an authority cooperates with the members, 0.5 when it only funds them;
- size: min(n/15, 15/n) for n legal persons, recognised PTCE averaging about fifteen members;
- star penalty: the degree centralisation of the members' links (1 for a star around one hub,
  0 when everyone is as linked as everyone else).

score = 100 x (sum of weight x component - weight_star x centralisation) / sum of weights, clipped to [0, 100].
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .view import CandidateView

FAMILIES = {
    "SSE": ("ess",), "classical enterprise": ("enterprise",), "public body": ("authority", "state"),
    "research or training": ("research",), "support body or network": ("support",),
}


@dataclass(frozen=True)
class ScoreComponent:
    name: str
    value: float
    weight: float
    points: float
    detail: str


@dataclass(frozen=True)
class Score:
    total: float
    components: tuple[ScoreComponent, ...]


def continuity(view: CandidateView) -> tuple[float, str]:
    links = view.cooperation_evidence
    if not links:
        return 0.0, "no cooperation link"
    realised = sum(1 for e in links if e.is_realised) / len(links)
    years = [e.year for e in links if e.year is not None]
    reference = view.coop.reference_year
    if years and reference:
        span = max(0, reference - min(years))
        lasting = min(1.0, span / view.params.continuity_years)
        since = f"cooperating since {min(years)} ({span} year(s) to {reference})"
    else:
        lasting, since = 0.0, "no date on the cooperation links"
    done = sum(1 for e in links if e.is_realised)
    return (realised + lasting) / 2, f"{done} of {len(links)} cooperation links done or under way; {since}"


def density(view: CandidateView) -> tuple[float, str]:
    n = len(view.members)
    pairs = n * (n - 1) / 2
    linked = view.cooperation_graph.number_of_edges()
    share = linked / pairs if pairs else 0.0
    return min(1.0, share / view.params.target_density), f"{linked} of {int(pairs)} member pairs cooperate"


def diversity(view: CandidateView) -> tuple[float, str]:
    present = [name for name, kinds in FAMILIES.items()
               if any(p.has_kind(k) for p in view.profiles for k in kinds)]
    return len(present) / len(FAMILIES), ", ".join(present) or "no family"


def member_themes(view: CandidateView) -> dict[str, frozenset[str]]:
    """Each member's themes and sectors, with those of the shared projects it takes part in."""
    themes = {p.iri: set(p.themes | p.sectors) for p in view.profiles}
    for initiative in view.shared_projects:
        for party in view.coop.initiative_parties.get(initiative, []):
            if party.actor in themes:
                themes[party.actor] |= view.coop.actors.initiative_themes.get(initiative, frozenset())
    return {m: frozenset(t) for m, t in themes.items()}


def theme_counts(view: CandidateView) -> Counter:
    return Counter(t for themes in member_themes(view).values() for t in themes)


def shared_theme(view: CandidateView) -> tuple[float, str]:
    informed = sum(1 for themes in member_themes(view).values() if themes)
    counts = theme_counts(view)
    if informed < 2 or not counts:
        return 0.0, "too few members with a known theme or sector"
    theme, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    if count < 2:
        return 0.0, "no theme or sector shared by two members"
    label = view.coop.actors.concept_labels.get(theme, theme)
    return count / informed, f"{label}: {count} of {informed} members with a known theme or sector"


def public_anchoring(view: CandidateView) -> tuple[float, str]:
    public = {p.iri for p in view.profiles if p.is_public}
    cooperating = sorted({m for e in view.cooperation_evidence for m in e.actors if m in public})
    if cooperating:
        return 1.0, f"{', '.join(view.coop.label(m) for m in cooperating)} cooperate(s) with members"
    funders = view.public_funders_outside
    if funders:
        return 0.5, f"{', '.join(view.coop.label(m) for m in funders[:3])} only fund(s) members"
    return 0.0, "no public body cooperates with or funds the members"


def size(view: CandidateView) -> tuple[float, str]:
    n, target = view.legal_persons, view.params.target_size
    if n == 0:
        return 0.0, "no legal person"
    return min(n / target, target / n), f"{n} legal persons (target {target})"


def star_centralisation(view: CandidateView) -> tuple[float, str]:
    """Freeman degree centralisation of the members' links: 1 for a star, 0 for a regular graph."""
    subgraph = view.coop.graph.subgraph(view.members)
    n = len(view.members)
    if n < 3:
        return 0.0, "too few members"
    degrees = dict(subgraph.degree())
    hub = min(degrees, key=lambda m: (-degrees[m], m))
    top = degrees[hub]
    value = sum(top - d for d in degrees.values()) / ((n - 1) * (n - 2))
    return value, f"{view.coop.label(hub)} has {top} of the {subgraph.number_of_edges()} member links"


COMPONENTS = (
    ("continuity", continuity, "score_continuity"),
    ("density", density, "score_density"),
    ("diversity", diversity, "score_diversity"),
    ("shared_theme", shared_theme, "score_shared_theme"),
    ("public_anchoring", public_anchoring, "score_public_anchoring"),
    ("size", size, "score_size"),
)


def score(view: CandidateView) -> Score:
    params = view.params
    total_weight = sum(getattr(params, attr) for *_, attr in COMPONENTS)
    scale = 100 / total_weight if total_weight else 0.0
    components = []
    for name, function, attr in COMPONENTS:
        value, detail = function(view)
        weight = getattr(params, attr)
        components.append(ScoreComponent(name, value, weight, weight * value * scale, detail))
    star, detail = star_centralisation(view)
    components.append(ScoreComponent("star_penalty", star, params.score_star_penalty,
                                     -params.score_star_penalty * star * scale, detail))
    total = min(100.0, max(0.0, sum(c.points for c in components)))
    return Score(round(total, 1), tuple(components))
