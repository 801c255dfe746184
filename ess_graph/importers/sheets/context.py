"""What the tables of one spreadsheet import share, and how a link cell names a node.

A link cell (a funder, the partners of a partnership...) names an actor of the actors sheet by
its id, its identifiers or its name, or a node of the graph by an identifier, a prefixed key
(``essd:calais``) or an exact name, compared as :mod:`ess_graph.sparql.names` compares names.
"""

from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Graph, URIRef
from rdflib.term import Node

from ...sources.memory import as_engine
from ...sparql.names import NameIndex, NameResolver
from ...vocab.kinds import KindResolver
from ...vocab.namespaces import ESSD, PREFIXES
from ...vocab.terms import class_ancestors, normalise, prefixed, types_of
from ..common import checks
from ..common.concepts import Vocabulary
from ..common.identity import Identifiers, IdentityConflict, IdentityIndex
from ..common.notes import Notes
from ..common.places import Communes
from ..common.problems import Problems
from ..common.tables import Row
from .cells import BadRow, many

MULTIPLE = ("partners",)
"""Link columns that name several nodes, separated by semicolons."""


def _expand(text: str) -> URIRef | None:
    prefix, colon, rest = text.partition(":")
    if colon and prefix in PREFIXES and rest and " " not in rest:
        return URIRef(str(PREFIXES[prefix]) + rest)
    return None


def _identifiers_in(text: str) -> Identifiers | None:
    digits = text.replace(" ", "")
    try:
        if len(digits) == 14 and digits.isdigit():
            return Identifiers(siret=checks.siret(digits))
        if len(digits) == 9 and digits.isdigit():
            return Identifiers(siren=checks.siren(digits))
        if text[:1] in "Ww" and len(text) == 10:
            return Identifiers(rna=checks.rna(text))
    except checks.BadValue:
        return None
    return None


@dataclass
class SheetImport:
    """What the tables of one import share while they are read: the graph merged into, its
    identifiers, the actors the actors sheets define (by id, name and identifiers), the communes met.

    >>> from ess_graph.importers.common.concepts import vocabulary
    >>> index = IdentityIndex()
    >>> shared = SheetImport(Graph(), index, vocabulary(), Problems(), Communes(index))
    >>> shared.actors_by_key["garage"] = ESSD.garage
    >>> shared.resolve(Row("fundings.csv", 2, {}), "recipient", "garage")
    rdflib.term.URIRef('https://w3id.org/ess-graph/id/garage')
    """

    graph: Graph
    index: IdentityIndex
    vocab: Vocabulary
    problems: Problems
    communes: Communes
    notes: Notes = field(default_factory=Notes)
    actors_by_key: dict[str, URIRef] = field(default_factory=dict)
    """The actors of the actors sheets by id and identifiers."""
    actor_names: dict[str, set[URIRef]] = field(default_factory=dict)
    """The actors of the actors sheets by normalised name (two actors may share one)."""
    defined: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    """The file and line of the actors row that defines each node."""
    links: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    """The file and line of the row of each link and place (a second row of one is reported)."""

    sheet_classes: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    """The classes the actors sheets give their nodes."""

    def classes_of(self, node: URIRef) -> set[Node]:
        """Every class of a node, in the graph or from the actors sheets, with their superclasses."""
        ancestors = self.ancestors
        found = types_of(self.graph, node, ancestors)
        for cls in self.sheet_classes.get(node, ()):
            found |= ancestors.get(cls, {cls})
        return found

    @cached_property
    def ancestors(self) -> dict[Node, set[Node]]:
        """Each class of the graph and its superclasses."""
        return class_ancestors(self.graph)

    @cached_property
    def kinds(self) -> KindResolver:
        return KindResolver(self.graph)

    @cached_property
    def names(self) -> NameIndex:
        """The names of the graph's actors, initiatives, programmes and territories, read the first
        time a link cell names one (it takes a second on the shipped graph)."""
        return NameResolver(as_engine(self.graph)).index("node")

    def resolve(self, row: Row, column: str, text: str) -> URIRef:
        """The node a link cell names: an id, an identifier, a prefixed key, or an exact name."""
        problems = self.problems
        if text in self.actors_by_key:
            return self.actors_by_key[text]
        ids = _identifiers_in(text)
        if ids is not None:
            try:
                node = self.index.resolve(ids)
            except IdentityConflict as exc:
                problems.add(row.where, row.line, column, str(exc))
                raise BadRow from None
            if node is not None:
                return node
        expanded = _expand(text)
        if expanded is not None:
            if (expanded, None, None) in self.graph or expanded in self.actors_by_key.values():
                return expanded
            problems.add(row.where, row.line, column, f"'{text}' is not a node of the graph")
            raise BadRow
        key = normalise(text)
        named = self.actor_names.get(key, set())
        if len(named) > 1:
            keys = ", ".join(sorted(prefixed(n) for n in named))
            problems.add(row.where, row.line, column, f"'{text}' is the name of several actors of the actors sheets "
                         f"({keys}): give the id of the one meant")
            raise BadRow
        if named:
            return next(iter(named))
        candidates = self.names.by_name.get(key, set())
        if len(candidates) == 1:
            return next(iter(candidates))
        if candidates:
            names = ", ".join(sorted(str(c).removeprefix(str(ESSD)) for c in candidates))
            problems.add(row.where, row.line, column, f"'{text}' may be several nodes ({names}): give its key")
        else:
            problems.add(row.where, row.line, column,
                         f"'{text}' names no actor of the actors sheet nor of the graph (give an id, a SIRET, "
                         f"a SIREN, an RNA number, a key such as essd:calais, or the exact name)")
        raise BadRow

    def resolve_all(self, row: Row, column: str) -> list[URIRef]:
        """The nodes a required link cell names, every one checked; BadRow after reporting any."""
        texts = many(row.get(column)) if column in MULTIPLE else [row.get(column)] if row.get(column) else []
        if not texts:
            self.problems.add(row.where, row.line, column, "empty: this column is required")
            raise BadRow
        nodes, bad = [], False
        for text in texts:
            try:
                nodes.append(self.resolve(row, column, text))
            except BadRow:
                bad = True
        if bad:
            raise BadRow
        return nodes
