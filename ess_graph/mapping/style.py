"""How each kind of node and link looks on the map, and the words the page shows.

One table per concern, so that the map, its legend and its tests read the same source: a person
learns the legend once and recognises every node. Colours come from a colour-blind-safe palette
and every kind also gets its own shape, so that the map still reads in grey print.
"""

import math
from dataclasses import dataclass

from ..vocab.kinds import KIND_BY_KEY

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class NodeStyle:
    """The look of one kind of node: vis-network shape name and fill colour."""

    shape: str
    colour: str


NODE_STYLES: dict[str, NodeStyle] = {
    "ess": NodeStyle("dot", "#2e9e44"),
    "support": NodeStyle("diamond", "#f28e2b"),
    "authority": NodeStyle("square", "#4e79a7"),
    "state": NodeStyle("square", "#1d3557"),
    "enterprise": NodeStyle("triangleDown", "#9c755f"),
    "research": NodeStyle("star", "#b07aa1"),
    "initiative": NodeStyle("hexagon", "#e15759"),
    "programme": NodeStyle("triangle", "#edc948"),
    "territory": NodeStyle("box", "#d9d9d9"),
    "person": NodeStyle("dot", "#76b7b2"),
    "site": NodeStyle("dot", "#bab0ac"),
    "other": NodeStyle("dot", "#8c8c8c"),
}
"""Keyed by :data:`ess_graph.vocab.kinds.KINDS` keys. Territories are boxes with their name inside, like
place names on a map; the other shapes carry their label below, so that their size can vary."""


@dataclass(frozen=True)
class EdgeStyle:
    """The look of one kind of link: colour, width, whether it points, whether it shows its label."""

    colour: str
    width: float
    arrow: bool
    labelled: bool = False


EDGE_STYLES: dict[str, EdgeStyle] = {
    "funding": EdgeStyle("#c0392b", 3.0, True, labelled=True),
    "partnership": EdgeStyle("#2c7fb8", 2.0, False),
    "support": EdgeStyle("#e67e22", 2.0, True),
    "membership": EdgeStyle("#7f5fa8", 1.5, True),
    "carrying": EdgeStyle("#2e9e44", 2.0, True),
    "ownership": EdgeStyle("#8c6d31", 1.5, True),
    "hosting": EdgeStyle("#8c6d31", 1.5, True),
    "trade": EdgeStyle("#17a2b8", 2.0, True),
    "participation": EdgeStyle("#a0a0a0", 1.0, True),
    "management": EdgeStyle("#a0a0a0", 1.0, True),
    "part-of": EdgeStyle("#b8b8b8", 1.0, True),
    "location": EdgeStyle("#d0d0d0", 0.8, False),
    "succession": EdgeStyle("#b8b8b8", 1.0, True),
}
"""Keyed by :data:`ess_graph.network.EDGE_KINDS`. Money flows stand out (thick red arrows with the
amount or programme written on them); location and structural links stay quiet and grey."""

DASHED_STATUSES = frozenset({"planned", "possible"})
"""Links that do not exist yet are drawn dashed."""

EDGE_KIND_LABELS: dict[str, tuple[str, str]] = {
    "funding": ("financement", "funding"),
    "partnership": ("partenariat", "partnership"),
    "support": ("accompagnement", "support"),
    "membership": ("adhésion ou rôle", "membership or role"),
    "carrying": ("portage de projet", "carrying of a project"),
    "ownership": ("propriété", "ownership"),
    "hosting": ("hébergement", "hosting"),
    "trade": ("relation commerciale", "trade relationship"),
    "location": ("localisation", "location"),
    "part-of": ("partie de", "part of"),
    "participation": ("participation", "participation"),
    "management": ("gestion d'un programme", "management of a programme"),
    "succession": ("remplacé par", "replaced by"),
}
"""The relationship classes' labels in the vocabulary, and names for the structural links."""

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "done": ("réalisé", "done"),
    "in-progress": ("en cours", "in progress"),
    "planned": ("prévu", "planned"),
    "possible": ("possible", "possible"),
}
"""The prefLabels of the status scheme, keyed by their skos:notation."""

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Carte du réseau de l'ESS", "SSE network map"),
    "search": ("Rechercher un nom", "Search a name"),
    "search_hint": ("Entrée : centrer sur le premier résultat", "Enter: centre on the first match"),
    "kinds": ("Types d'acteurs", "Kinds of actor"),
    "relations": ("Types de liens", "Kinds of link"),
    "territory": ("Territoire", "Territory"),
    "sector": ("Secteur", "Sector"),
    "all": ("tous", "all"),
    "with_links": ("avec leurs liens directs", "with their direct links"),
    "reset": ("Tout afficher", "Show everything"),
    "dashed": ("tireté : lien prévu ou possible", "dashed: planned or possible link"),
    "size_jobs": ("taille : emplois si connus, sinon nombre de liens",
                  "size: jobs when known, otherwise number of links"),
    "click_hint": ("Cliquer sur un nœud montre ses voisins ; survoler montre ses détails.",
                   "Click a node to show its neighbours; hover it for details."),
    "shown": ("affichés", "shown"),
    "nodes": ("nœuds", "nodes"),
    "links": ("liens", "links"),
    "matches": ("résultat(s)", "match(es)"),
    "not_in_group": ("hors groupe", "in no group"),
    "loading": ("Mise en place de la carte…", "Laying out the map…"),
    "legal_form": ("Forme juridique", "Legal form"),
    "structure_kind": ("Type de structure", "Kind of structure"),
    "commune": ("Localisation", "Location"),
    "address": ("Adresse", "Address"),
    "sectors": ("Secteur", "Sector"),
    "themes": ("Thèmes", "Themes"),
    "key_figures": ("Chiffres clés", "Key figures"),
    "jobs": ("Emplois", "Jobs"),
    "contact": ("Contact", "Contact"),
    "status": ("Statut", "Status"),
    "source": ("Source", "Source"),
    "purpose": ("Objet", "Purpose"),
    "year": ("Année", "Year"),
    "focus": ("autour de", "around"),
    "depth": ("profondeur", "depth"),
    "in_territory": ("territoire", "territory"),
    "only_relations": ("liens", "links"),
    "only_kinds": ("types", "kinds"),
}
"""Every fixed word of the page, in French (the users' language) and English."""


def word(key: str, lang: str) -> str:
    """A fixed word of the page in ``lang``."""
    return _pick(WORDS[key], lang)


def separator(lang: str) -> str:
    """Between a field name and its value: French typography puts a space before the colon."""
    return " : " if lang == "fr" else ": "


def fact(key: str, value: object, lang: str) -> str:
    """``Legal form: association`` — a field of the page's vocabulary and its value."""
    return f"{word(key, lang)}{separator(lang)}{value}"


def kind_label(kind: str, lang: str) -> str:
    """The name of a kind of node, from :data:`ess_graph.vocab.kinds.KINDS`."""
    entry = KIND_BY_KEY[kind]
    return entry.label_fr if lang == "fr" else entry.label_en


def edge_kind_label(kind: str, lang: str) -> str:
    return _pick(EDGE_KIND_LABELS[kind], lang)


def status_label(status: str, lang: str) -> str:
    return _pick(STATUS_LABELS[status], lang) if status in STATUS_LABELS else status


def telling_kinds(kind: str, kinds: list[str] | None) -> list[str]:
    """The kinds worth naming for a node: all of them but "other organisation", which every
    organisation also is, unless it is the node's only kind."""
    return list(dict.fromkeys([kind, *(k for k in kinds or () if k != "other")]))


def node_size(jobs: int | None, degree: int) -> float:
    """Pixel radius of a node: by jobs when they are known, otherwise by number of links.

    Logarithmic, so that a hub with 40 links or an employer of 500 stays readable next to a
    one-link association, and capped so that no node hides its neighbours.
    """
    measure = jobs if jobs is not None else degree
    return round(min(12 + 5 * math.log1p(max(measure, 0)), 48), 1)


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language '{lang}' is not one of {', '.join(LANGUAGES)}")
    return lang


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "fr" else pair[1]

