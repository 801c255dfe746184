"""Colouring groups of nodes on top of the map (the PTCE candidates, or any other grouping).

An analysis hands the map an :class:`Overlay`: groups with a label and a colour, which node
belongs to which group, and extra tooltip lines per node (a score, what a candidate lacks). The
map fills member nodes with their group's colour (their shape still tells their kind), fades the
others, adds one legend entry per group that doubles as a filter, and appends the lines to the
tooltips. The rendering code does not know what the groups mean.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import EssGraphError

COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class OverlayGroup:
    """One legend entry: a key used in :attr:`Overlay.members`, the label shown, a ``#rrggbb`` colour.

    The colour is checked when the group is made, so that a mistake shows there rather than
    on the page.

    >>> OverlayGroup("ptce-1", "Point de vente collectif alimentaire du Calaisis", "#1b9e77").colour
    '#1b9e77'
    >>> OverlayGroup("ptce-2", "Les Campagnolades", "green")
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: overlay group 'ptce-2': colour 'green' is not #rgb or #rrggbb
    """

    key: str
    label: str
    colour: str
    description: str = ""

    def __post_init__(self) -> None:
        if not COLOUR.fullmatch(self.colour):
            raise EssGraphError(f"overlay group '{self.key}': colour '{self.colour}' is not #rgb or #rrggbb")


@dataclass(frozen=True)
class Overlay:
    """Groups drawn over the map.

    ``members`` maps a node IRI to its group key; ``notes`` maps a node IRI to extra tooltip
    lines (members or not). Nodes in no group are faded when ``fade_others`` is true, so that
    the groups stand out.

    >>> essd = "https://w3id.org/ess-graph/id/"
    >>> overlay = Overlay("PTCE candidates", [OverlayGroup("1", "Point de vente collectif", "#1b9e77")],
    ...                   members={essd + "producteurs-en-calaisis": "1", essd + "sympac": "1"},
    ...                   notes={essd + "sympac": ["score 67.2"]})
    >>> overlay.group_of(essd + "sympac").label, overlay.group_of(essd + "galilee")
    ('Point de vente collectif', None)
    >>> Overlay("PTCE candidates", [], members={essd + "sympac": "2"})
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: overlay 'PTCE candidates': members refer to unknown groups 2
    """

    title: str
    groups: Sequence[OverlayGroup]
    members: Mapping[str, str]
    notes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    fade_others: bool = True

    def __post_init__(self) -> None:
        keys = [g.key for g in self.groups]
        if len(set(keys)) != len(keys):
            raise EssGraphError(f"overlay '{self.title}': group keys repeat: {', '.join(keys)}")
        unknown = sorted(set(self.members.values()) - set(keys))
        if unknown:
            raise EssGraphError(f"overlay '{self.title}': members refer to unknown groups {', '.join(unknown)}")

    def group_of(self, node: str) -> OverlayGroup | None:
        key = self.members.get(node)
        return next((g for g in self.groups if g.key == key), None) if key is not None else None
