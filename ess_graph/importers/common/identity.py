"""One actor, one node: finding the node an identifier already names, and minting stable IRIs.

The same organisation reaches the graph from the curated Calaisis files, a spreadsheet, SIRENE,
the RNA and SCDL grant files. Each importer asks an :class:`IdentityIndex` - built from the graphs
being merged into - for the node that already carries one of the row's identifiers (SIRET,
SIREN, RNA number, INSEE code) and only mints a new IRI when there is none. Minted IRIs depend on
the identifier alone (``essd:siren-…``, ``essd:rna-…``, ``essd:commune-…``), so separate imports
of one organisation agree without seeing each other.

Identifiers that disagree are never merged silently: the same SIRET on two nodes, a node with two
SIRENs, or a row whose SIRET and RNA number point to two different nodes raise
:class:`IdentityConflict`, which the importers report at the row.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ...errors import EssGraphError
from ...vocab.namespaces import ESS, ESSD, ORG
from ...vocab.terms import class_ancestors, prefixed
from .provenance import slug

Key = tuple[str, str]
"""(scheme, value): ('siret', '…'), ('siren', '…'), ('rna', 'W…'), ('commune', '62193'), ..."""

KEY_NAMES = {"siret": "SIRET", "siren": "SIREN", "rna": "RNA number", "commune": "commune code",
             "departement": "département code", "region": "region code"}

TERRITORY_FAMILIES: tuple[tuple[URIRef, str], ...] = (
    (ESS.Commune, "commune"), (ESS.Departement, "departement"), (ESS.Region, "region"),
    (ESS.Intercommunality, "siren"),  # an intercommunality's INSEE code is its SIREN
)


class IdentityConflict(EssGraphError):
    """Identifiers that would merge nodes that must stay apart, or that contradict each other.

    >>> issubclass(IdentityConflict, EssGraphError)
    True
    """


def describe(key: Key) -> str:
    """An identifier as a person reads it in a message.

    >>> describe(("rna", "W622001234"))
    'RNA number W622001234'
    """
    return f"{KEY_NAMES.get(key[0], key[0])} {key[1]}"


@dataclass(frozen=True)
class Identifiers:
    """What identifies an organisation or a territory in a row; every field is optional.

    >>> Identifiers(siret="38047555800017").as_keys()
    [('siret', '38047555800017'), ('siren', '380475558')]
    """

    siret: str | None = None
    siren: str | None = None
    rna: str | None = None
    territory: Key | None = None

    @property
    def unit(self) -> str | None:
        """The SIREN, given or taken from the SIRET."""
        return self.siren or (self.siret[:9] if self.siret else None)

    def as_keys(self) -> list[Key]:
        keys = []
        if self.siret:
            keys.append(("siret", self.siret))
        if self.unit:
            keys.append(("siren", self.unit))
        if self.rna:
            keys.append(("rna", self.rna))
        if self.territory:
            keys.append(self.territory)
        return keys

    def __bool__(self) -> bool:
        return bool(self.as_keys())


def minted_iri(ids: Identifiers, name: str | None = None) -> URIRef:
    """The IRI an importer gives a node no graph knows yet: from its best identifier, else its name.

    >>> minted_iri(Identifiers(rna="W622001234"))
    rdflib.term.URIRef('https://w3id.org/ess-graph/id/rna-w622001234')
    """
    if ids.territory:
        scheme, code = ids.territory
        return ESSD[f"{'epci' if scheme == 'siren' else scheme}-{code.lower()}"]
    if ids.unit:
        return ESSD[f"siren-{ids.unit}"]
    if ids.rna:
        return ESSD[f"rna-{ids.rna.lower()}"]
    if name and slug(name):
        return ESSD[slug(name)]
    raise ValueError("a node needs an identifier or a name")


class IdentityIndex:
    """Which node carries which identifier, in the graphs an import merges into.

    >>> from rdflib import Literal
    >>> graph = Graph()
    >>> _ = graph.add((ESSD.jardins, ESS.rnaNumber, Literal("W622001234")))
    >>> IdentityIndex.from_graph(graph).node_for(Identifiers(rna="W622001234"))
    (rdflib.term.URIRef('https://w3id.org/ess-graph/id/jardins'), True)
    """

    def __init__(self) -> None:
        self.owner: dict[Key, URIRef] = {}
        self.ambiguous: dict[Key, set[URIRef]] = {}
        self.siren_of: dict[URIRef, str] = {}
        self.conflicts: list[str] = []

    @classmethod
    def from_graph(cls, graph: Graph) -> "IdentityIndex":
        """Index the identifiers of ``graph`` (its vocabulary tells communes from régions)."""
        index = cls()
        ancestors = class_ancestors(graph)

        def actor_of(node: Node) -> Node:
            owners = set(graph.subjects(ORG.hasSite, node))
            return owners.pop() if len(owners) == 1 else node

        for node, value in sorted(graph.subject_objects(ESS.siren)):
            index._claim(node, ("siren", str(value)))
        for node, value in sorted(graph.subject_objects(ESS.siret)):
            owner = actor_of(node)
            index._claim(owner, ("siret", str(value)))
            index._claim(owner, ("siren", str(value)[:9]))
        for node, value in sorted(graph.subject_objects(ESS.rnaNumber)):
            index._claim(node, ("rna", str(value)))
        for node, value in sorted(graph.subject_objects(ESS.inseeCode)):
            classes = set().union(*(ancestors.get(c, {c}) for c in graph.objects(node, RDF.type)))
            for cls_, family in TERRITORY_FAMILIES:
                if cls_ in classes:
                    index._claim(node, (family, str(value)))
            if ESS.Territory in classes and not classes & {c for c, _ in TERRITORY_FAMILIES} and len(str(value)) == 5:
                index._claim(node, ("commune", str(value)))  # a municipal arrondissement
        return index

    def _claim(self, node: Node, key: Key) -> None:
        if not isinstance(node, URIRef):
            return
        if key[0] == "siren":
            known = self.siren_of.setdefault(node, key[1])
            if known != key[1]:
                self.conflicts.append(f"{prefixed(node)} has two SIRENs: {known} and {key[1]}")
        if key in self.ambiguous:
            self.ambiguous[key].add(node)
            return
        owner = self.owner.setdefault(key, node)
        if owner != node:
            del self.owner[key]
            self.ambiguous[key] = {owner, node}
            self.conflicts.append(f"{describe(key)} is on two nodes: {prefixed(owner)} and {prefixed(node)}")

    def resolve(self, ids: Identifiers) -> URIRef | None:
        """The one existing node these identifiers name, or None; IdentityConflict when they disagree."""
        found: dict[URIRef, Key] = {}
        for key in ids.as_keys():
            if key in self.ambiguous:
                nodes = " and ".join(sorted(prefixed(n) for n in self.ambiguous[key]))
                raise IdentityConflict(f"{describe(key)} is on several nodes ({nodes}): not merged")
            node = self.owner.get(key)
            if node is not None:
                found.setdefault(node, key)
        if len(found) > 1:
            parts = ", ".join(f"{describe(key)} is {prefixed(node)}" for node, key in sorted(found.items()))
            raise IdentityConflict(f"these identifiers name different nodes ({parts}): not merged")
        if not found:
            return None
        node = next(iter(found))
        known = self.siren_of.get(node)
        if known and ids.unit and known != ids.unit and not ids.territory:
            raise IdentityConflict(f"{prefixed(node)} ({describe(found[node])}) has SIREN {known}, "
                                   f"but this row gives SIREN {ids.unit}: not merged")
        return node

    def register(self, node: URIRef, ids: Identifiers) -> None:
        """Remember a node an import creates or completes, so its later rows find it."""
        for key in ids.as_keys():
            self._claim(node, key)

    def node_for(self, ids: Identifiers, name: str | None = None, *, remember: bool = True) -> tuple[URIRef, bool]:
        """(node, True) when a graph already has it, else (minted IRI, False); conflicts raise."""
        found = self.resolve(ids)
        node = found if found is not None else minted_iri(ids, name)
        if remember:
            self.register(node, ids)
        return node, found is not None


def identity_conflicts(graphs: Iterable[Graph]) -> list[str]:
    """Every identifier conflict inside the given graphs taken together.

    >>> from rdflib import Literal
    >>> graph = Graph()
    >>> _ = graph.add((ESSD.a, ESS.siren, Literal("380475558"))).add((ESSD.b, ESS.siren, Literal("380475558")))
    >>> identity_conflicts([graph])
    ['SIREN 380475558 is on two nodes: essd:a and essd:b']
    """
    merged = Graph()
    for graph in graphs:
        merged += graph
    return IdentityIndex.from_graph(merged).conflicts
