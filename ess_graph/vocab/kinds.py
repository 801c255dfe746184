"""The kinds of actor a person tells apart at a glance, and how nodes map to them.

A node may belong to several classes (an association that accompanies others is both an SSE
structure and a support body); its *primary* kind is the first of :data:`KINDS` it belongs to,
so that it gets one colour on a map, while :func:`kinds_of` keeps all of them for analyses
such as the PTCE gates.
"""

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.term import Node

from .namespaces import ESS
from .terms import class_ancestors, types_of


@dataclass(frozen=True)
class Kind:
    """A kind of node, with the classes that make a node of that kind, and its names in French
    (the data's language) and English for legends and tables.

    >>> support = KIND_BY_KEY["support"]
    >>> support.label_en, [cls.fragment for cls in support.classes]
    ('support body or network', ['SupportBody', 'Network'])
    """

    key: str
    classes: tuple[URIRef, ...]
    label_fr: str
    label_en: str


KINDS: tuple[Kind, ...] = (
    Kind("person", (ESS.Person,), "personne", "person"),
    Kind("programme", (ESS.Programme,), "programme ou fonds", "programme or fund"),
    Kind("initiative", (ESS.Initiative,), "projet ou événement", "project or event"),
    Kind("state", (ESS.StateBody,), "organisme de l'État", "state body"),
    Kind("authority", (ESS.LocalAuthority,), "collectivité locale", "local authority"),
    Kind("research", (ESS.ResearchOrTrainingBody,), "recherche ou formation", "research or training body"),
    Kind("enterprise", (ESS.ClassicalEnterprise,), "entreprise classique", "classical enterprise"),
    Kind("support", (ESS.SupportBody, ESS.Network), "organisme d'appui ou réseau", "support body or network"),
    Kind("ess", (ESS.ESSStructure,), "structure de l'ESS", "SSE structure"),
    Kind("territory", (ESS.Territory,), "territoire", "territory"),
    Kind("site", (ESS.Site,), "lieu", "place"),
    Kind("other", (ESS.Organisation,), "autre organisation", "other organisation"),
)

KIND_BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}


class KindResolver:
    """Maps nodes of one graph to kinds, computing the class hierarchy once.

    Galilée accompanies other associations and is one itself: both kinds are kept, and it is
    drawn as a support body, the first of :data:`KINDS` it belongs to.

    >>> graph = Graph().parse(format="turtle", data='''
    ...     @prefix ess: <https://w3id.org/ess-graph/def#> .
    ...     @prefix essd: <https://w3id.org/ess-graph/id/> .
    ...     essd:galilee a ess:ESSStructure , ess:SupportBody .
    ... ''')
    >>> galilee = URIRef("https://w3id.org/ess-graph/id/galilee")
    >>> resolver = KindResolver(graph)
    >>> resolver.kinds_of(galilee), resolver.primary_kind(galilee)
    (['support', 'ess'], 'support')
    >>> resolver.primary_kind(URIRef("https://w3id.org/ess-graph/id/unknown")) is None
    True
    """

    def __init__(self, graph: Graph):
        self.graph = graph
        self.ancestors = class_ancestors(graph)

    def kinds_of(self, node: Node) -> list[str]:
        """Every kind the node has, in the order of :data:`KINDS`."""
        types = types_of(self.graph, node, self.ancestors)
        return [kind.key for kind in KINDS if types.intersection(kind.classes)]

    def primary_kind(self, node: Node) -> str | None:
        """The kind the node is shown as, or None when it is none of them."""
        kinds = self.kinds_of(node)
        return kinds[0] if kinds else None
