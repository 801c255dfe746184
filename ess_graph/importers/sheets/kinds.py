"""How a row of each template becomes a record: one class per kind of sheet.

Actors become nodes (merged by identifier with those the graphs have, or by name, which a note
tells), locations become sites of an actor, and the four link sheets become relationship nodes
(``ess:Funding``, ``ess:Partnership``, ``ess:Support``, ``ess:Membership``). A link's IRI is
hashed from what it is - its kind, its nodes, and what tells two such links apart (its start
date; its programme for a funding, its role for a membership) - so that importing a file again
gives the same triples, and importing it again after editing a link's status, end date, amount
or purpose updates that link rather than adding another. Two rows of one link, one place or
one actor are reported. A link kind adds only what is its own (an amount, support kinds, a
role); what every link has is :class:`Links`'.
"""

import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import ClassVar, Generic, TypeVar

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ...vocab.kinds import KIND_BY_KEY
from ...vocab.namespaces import ESS, ESSD, ORG, SCHEMA
from ...vocab.terms import normalise, prefixed, types_of
from ..common import checks
from ..common.identity import Identifiers, IdentityConflict
from ..common.places import address_triples
from ..common.provenance import slug
from ..common.tables import Row
from ..common.triples import Record, Triple
from .cells import BadRow, Cells, many
from .context import SheetImport
from .model import KIND_KEYS


def _local(node: URIRef) -> str:
    text = str(node)
    return text[len(str(ESSD)):] if text.startswith(str(ESSD)) else hashlib.sha1(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class _Place:
    commune: str | None
    address: str
    postal_code: str
    locality: str
    label: str | None = None


def _place(shared: SheetImport, cells: Cells) -> _Place:
    """The place a row gives; an address needs its town: the locality cell, else the name of a
    commune the graph knows."""
    row = cells.row
    commune = cells.parsed("commune", checks.commune_code)
    postal_code = cells.parsed("postal_code", checks.postal_code) or ""
    locality = row.get("locality") or (shared.communes.name(commune) if commune else "")
    if (row.get("address") or postal_code) and not locality:
        cells.report("locality", "empty: an address needs its town (give it, or a commune code the graph knows)")
    return _Place(commune, row.get("address"), postal_code, locality, row.get("label") or None)


def _once(shared: SheetImport, row: Row, node: URIRef, what: str, same: str) -> None:
    """Remember the row of a link or a place; BadRow after reporting a second row of it."""
    earlier = shared.links.get(node)
    if earlier is not None:
        where = f"line {earlier[1]}" if earlier[0] == row.where else f"{earlier[0]}:{earlier[1]}"
        shared.problems.add(row.where, row.line, None, f"same {what} as {where} ({same}): one row each; delete one, "
                            "or tell them apart")
        raise BadRow
    shared.links[node] = (row.where, row.line)


def _site(shared: SheetImport, row: Row, actor: URIRef, name: str, place: _Place, section: URIRef, status: URIRef,
          seat: bool) -> Record:
    """The site of a place: an actor's seat (one per actor), or one more place, known by its label
    (else its commune), so that editing its address or status and importing again updates it."""
    commune_code, address, postal, label = place.commune, place.address, place.postal_code, place.label
    if commune_code is None and not address:
        return []
    site = ESSD[f"site-{_local(actor)}" + ("" if seat else f"-{slug(label or commune_code or '') or 'place'}")]
    _once(shared, row, site, "place", "the same actor's seat" if seat else
          "the same actor and label, or commune when there is no label")
    record: Record = [(actor, ORG.hasSite, site), (site, RDF.type, ESS.Site), (site, ESS.status, status),
                      (site, RDFS.label, Literal(label or ", ".join(p for p in (name, address) if p), lang="fr")),
                      (site, PROV.wasDerivedFrom, section)]
    if commune_code is not None:
        commune, commune_record = shared.communes.node(commune_code, section, place.locality)
        record += commune_record + [(site, ESS.locatedIn, commune)]
    return record + address_triples(site, ESSD[f"address-{_local(site)}"], section, street_address=address,
                                    postal_code=postal, locality=place.locality)


class SheetKind(ABC):
    """How the rows of one template become records; ``key`` is the template's (a :class:`~.model.Sheet` key).

    >>> sorted(KINDS)
    ['actors', 'fundings', 'locations', 'memberships', 'partnerships', 'supports']
    """

    key: ClassVar[str]
    read_first: ClassVar[bool] = False
    """Whether its sheets are read before the others' (links may name the actors they define)."""

    @abstractmethod
    def record(self, shared: SheetImport, row: Row, section: URIRef) -> Record:
        """The triples of a row whose source section is ``section``; BadRow once its problems are reported."""


@dataclass(frozen=True)
class _Actor:
    """The checked cells of an actors row."""

    key: str
    name: str
    siret: str | None
    siren: str | None
    rna: str | None
    kinds: list[str]
    legal_forms: list[URIRef]
    sectors: list[URIRef]
    themes: list[URIRef]
    founded: Literal | None
    place: _Place

    @property
    def ids(self) -> Identifiers:
        return Identifiers(siret=self.siret, siren=self.siren, rna=self.rna)


DISJOINT: tuple[tuple[URIRef, URIRef], ...] = (
    (ESS.Person, ESS.Organisation), (ESS.ClassicalEnterprise, ESS.ESSStructure),
    (ESS.ClassicalEnterprise, ESS.PublicBody),
)
"""Classes no node has together: a row that would give a node of the graph both is refused."""

CLASS_NAMES = {ESS.Actor: "an actor", ESS.Programme: "a programme", ESS.Initiative: "a project or event",
               ESS.Organisation: "an organisation"}

SINGLE_VALUED: tuple[tuple[str, URIRef, str], ...] = (
    ("legal_form", ESS.legalForm, "legal form"), ("founding_date", ESS.foundingDate, "founding date"),
    ("rna", ESS.rnaNumber, "RNA number"), ("siren", ESS.siren, "SIREN"),
)
"""Columns whose property a node has once (the shapes' sh:maxCount 1): a row that completes a node
of the graph must not give it a second value."""


def _kinds_text(shared: SheetImport, node: URIRef) -> str:
    kinds = [kind for kind in shared.kinds.kinds_of(node) if kind != "other"] or shared.kinds.kinds_of(node)
    return ", ".join(KIND_BY_KEY[k].label_en for k in kinds) if kinds else "of no kind"


def _kind_problem(shared: SheetImport, node: URIRef, kinds: list[str], by_name: bool) -> str | None:
    """Why a row's kinds cannot be given to a node of the graph, or None.

    A row matched to a node by its name alone must say what the node is (each of its kinds a class
    of the node, or a broader or narrower one): a row named Calais of kind enterprise is not the
    commune. A row that names the node by its id or identifiers may add a kind, unless the node
    would then be two things at once (a person and an organisation, an enterprise and an SSE
    structure or a public body).
    """
    asserted = {c for c in shared.graph.objects(node, RDF.type) if isinstance(c, URIRef)}
    if not asserted:
        return None
    ancestors = shared.ancestors
    classes = {kind: KIND_BY_KEY[kind].classes[0] for kind in kinds}
    if by_name:
        for kind, cls in classes.items():
            if not any(cls in ancestors.get(d, {d}) or d in ancestors.get(cls, {cls}) for d in asserted):
                return kind
        return None
    everything = set().union(*(ancestors.get(c, {c}) for c in (*asserted, *classes.values())))
    for first, second in DISJOINT:
        if first in everything and second in everything:
            return next((kind for kind, cls in classes.items()
                         if {first, second} & ancestors.get(cls, {cls})), kinds[0])
    return None


class Actors(SheetKind):
    """An actors row: a node with its kinds, identifiers, concepts, contact point and main site.

    The node is the one its id names, else the one its SIRET, SIREN or RNA number names in the
    graphs (or a new one minted from them), else the one of the graph that has its name - which a
    note tells, and which is refused when the row's kinds are not the node's - else a new one
    minted from its name. Two rows of one actor are reported, never merged.

    >>> Actors.key
    'actors'
    """

    key = "actors"
    read_first = True

    def record(self, shared: SheetImport, row: Row, section: URIRef) -> Record:
        actor = self._checked(shared, row)
        node, existed = self._node(shared, row, actor)
        for alias in filter(None, (actor.key, actor.siret, actor.siren, actor.rna)):
            shared.actors_by_key.setdefault(alias, node)
        shared.actor_names.setdefault(normalise(actor.name), set()).add(node)
        shared.sheet_classes.setdefault(node, set()).update(KIND_BY_KEY[k].classes[0] for k in actor.kinds)
        return self._triples(shared, row, actor, node, existed, section)

    @staticmethod
    def _checked(shared: SheetImport, row: Row) -> _Actor:
        vocab = shared.vocab
        cells = Cells(row, shared.problems)
        name = row.get("name")
        if not name:
            cells.report("name", "empty: an actor needs a name")
        siret = cells.parsed("siret", checks.siret)
        siren = cells.parsed("siren", checks.siren)
        rna = cells.parsed("rna", checks.rna)
        if siret and siren and siret[:9] != siren:
            cells.report("siret", f"SIRET {siret} is not an establishment of SIREN {siren}")
        kinds = many(row.get("kinds")) or ["other"]
        for kind in kinds:
            if kind not in KIND_KEYS:
                cells.report("kinds", f"unknown kind '{kind}' (expected: {', '.join(KIND_KEYS)})")
        legal = cells.concept("legal_form", vocab.legal_forms.find, "legal form")
        sectors = cells.concepts("sectors", lambda t: vocab.sector_for_naf(t) or vocab.sectors.find(t), "sector")
        themes = cells.concepts("themes", vocab.themes.find, "theme")
        founded = cells.parsed("founding_date", checks.past_date_literal)
        cells.parsed("email", checks.email)
        cells.parsed("telephone", checks.telephone)
        place = _place(shared, cells)
        key = row.get("id")
        if key and slug(key) != key:
            cells.report("id", f"'{key}' is not a key (lower-case letters, digits, hyphens)")
        cells.check()
        return _Actor(key, name, siret, siren, rna, kinds, [legal] if legal else [], sectors, themes, founded, place)

    @staticmethod
    def _node(shared: SheetImport, row: Row, actor: _Actor) -> tuple[URIRef, bool]:
        """The actor's node, and whether the graph has it; BadRow after reporting why the row cannot be it."""
        try:
            if actor.key:
                node, how = ESSD[actor.key], "id"
                found = shared.index.resolve(actor.ids)
                if found is not None and found != node:
                    shared.problems.add(row.where, row.line, "id", f"the identifiers of this row are those of "
                                        f"{_local(found)}, not of {actor.key}: not merged")
                    raise BadRow
            elif actor.ids:
                node, _ = shared.index.node_for(actor.ids, remember=False)
                how = "identifiers"
            else:
                node, how = Actors._named(shared, row, actor.name), "name"
        except IdentityConflict as exc:
            shared.problems.add(row.where, row.line, None, str(exc))
            raise BadRow from None
        earlier = shared.defined.get(node)
        if earlier is not None:
            where = f"line {earlier[1]}" if earlier[0] == row.where else f"{earlier[0]}:{earlier[1]}"
            shared.problems.add(row.where, row.line, None, f"same actor as {where} (the same {how}, "
                                f"{prefixed(node)}): one row per actor; merge the rows, or give each its own id")
            raise BadRow
        existed = (node, None, None) in shared.graph
        Actors._agrees(shared, row, actor, node, existed, how)
        shared.defined[node] = (row.where, row.line)
        shared.index.register(node, actor.ids)
        if existed and how == "name":
            shared.notes.remark(f"{row.where}:{row.line}: '{actor.name}' is {prefixed(node)} of the graph (same "
                                f"name): this row completes it; give it the id {_local(node)} to say so, or another "
                                "id for another actor")
        return node, existed

    @staticmethod
    def _named(shared: SheetImport, row: Row, name: str) -> URIRef:
        """The node of the graph that has this name (or whose key the name gives), else a new one."""
        minted = ESSD[slug(name)]
        candidates = set(shared.names.by_name.get(normalise(name), set()))
        if (minted, None, None) in shared.graph or (None, None, minted) in shared.graph:
            candidates.add(minted)
        if len(candidates) > 1:
            keys = ", ".join(sorted(prefixed(c) for c in candidates))
            shared.problems.add(row.where, row.line, "name", f"'{name}' is the name of several nodes of the graph "
                                f"({keys}): give the id of the one meant, or a new id for another actor")
            raise BadRow
        return next(iter(candidates)) if candidates else minted

    @staticmethod
    def _agrees(shared: SheetImport, row: Row, actor: _Actor, node: URIRef, existed: bool, how: str) -> None:
        """Report (BadRow) a row that would contradict the node of the graph it completes."""
        if not existed:
            return
        problems = []
        kind = _kind_problem(shared, node, actor.kinds, by_name=how == "name")
        if kind is not None and how == "name":
            problems.append(("kinds", f"'{actor.name}' is the name of {prefixed(node)} in the graph "
                             f"({_kinds_text(shared, node)}), not of a {KIND_BY_KEY[kind].label_en}: to import "
                             "another actor, give it an id (or its SIRET, SIREN or RNA number)"))
        elif kind is not None:
            problems.append(("kinds", f"{prefixed(node)} is a {_kinds_text(shared, node)} in the graph: it cannot "
                             f"also be a {KIND_BY_KEY[kind].label_en}"))
        given = {"legal_form": actor.legal_forms[0] if actor.legal_forms else None, "founding_date": actor.founded,
                 "rna": Literal(actor.rna) if actor.rna else None,
                 "siren": Literal(actor.ids.unit) if actor.ids.unit else None}
        for column, prop, what in SINGLE_VALUED:
            known = shared.graph.value(node, prop)
            value = given[column]
            if value is not None and known is not None and known != value:
                shown = prefixed(known) if isinstance(known, URIRef) else str(known)
                problems.append(("siret" if column == "siren" and not actor.siren else column,
                                 f"{prefixed(node)} already has the {what} {shown} in the graph, and a node has "
                                 "one: leave the cell empty, or give the same"))
        for column, message in problems:
            shared.problems.add(row.where, row.line, column, message)
        if problems:
            raise BadRow

    @staticmethod
    def _triples(shared: SheetImport, row: Row, actor: _Actor, node: URIRef, existed: bool,
                 section: URIRef) -> Record:
        unit = actor.ids.unit
        record: Record = [(node, PROV.wasDerivedFrom, section)]
        record += [(node, RDF.type, KIND_BY_KEY[k].classes[0]) for k in actor.kinds]
        record.append(_name_triple(shared, node, actor.name, existed))
        record += [(node, ESS.siret, Literal(actor.siret))] if actor.siret else []
        record += [(node, ESS.siren, Literal(unit))] if unit else []
        record += [(node, ESS.rnaNumber, Literal(actor.rna))] if actor.rna else []
        record += [(node, ESS.legalForm, c) for c in actor.legal_forms] + [(node, ESS.sector, c) for c in actor.sectors]
        record += [(node, ESS.theme, c) for c in actor.themes]
        record += [(node, ESS.foundingDate, actor.founded)] if actor.founded is not None else []
        if row.get("description"):
            record.append((node, DCTERMS.description, Literal(row.get("description"), lang="fr")))
        if row.get("email") or row.get("telephone"):
            contact = ESSD[f"contact-{_local(node)}"]
            record += [(node, ESS.contactPoint, contact), (contact, RDF.type, SCHEMA.ContactPoint),
                       (contact, PROV.wasDerivedFrom, section)]
            record += [(contact, SCHEMA.email, Literal(row.get("email")))] if row.get("email") else []
            record += [(contact, SCHEMA.telephone, Literal(row.get("telephone")))] if row.get("telephone") else []
        return record + _site(shared, row, node, actor.name, actor.place, section,
                              shared.vocab.statuses.by_notation["done"], seat=True)


def _name_triple(shared: SheetImport, node: URIRef, name: str, existed: bool) -> Triple:
    """The name of a row's actor: its label for a new node; for a node of the graph, the label
    the graph gives it when the name is that label (a sheet filled from the graph, or imported
    again with its earlier output as a --data file), else another name of it, an altLabel."""
    named = Literal(name, lang="fr")
    if not existed:
        return node, RDFS.label, named
    for prop in (RDFS.label, SKOS.prefLabel):
        for label in shared.graph.objects(node, prop):
            if isinstance(label, Literal) and str(label) == name:
                return node, prop, label
    return node, SKOS.altLabel, named


def _status(shared: SheetImport, cells: Cells) -> URIRef:
    return cells.concept("status", shared.vocab.statuses.find, "status") or shared.vocab.statuses.by_notation["done"]


class Locations(SheetKind):
    """A locations row: one more site of an actor, with its status (done by default).

    >>> Locations.key
    'locations'
    """

    key = "locations"

    def record(self, shared: SheetImport, row: Row, section: URIRef) -> Record:
        cells = Cells(row, shared.problems)
        status = _status(shared, cells)
        cells.required("commune")
        place = _place(shared, cells)
        actors = cells.take(lambda: shared.resolve_all(row, "actor")) or []
        cells.check()
        return _site(shared, row, actors[0], "", place, section, status, seat=False)


Own = TypeVar("Own")
"""What a kind of link reads from the cells that are its own."""


class Links(SheetKind, Generic[Own]):
    """A link row: a relationship node between the nodes its ``roles`` columns name, with a status
    (done by default), dates and a purpose; subclasses add the cells that are their own.

    >>> Fundings.link_class == ESS.Funding, list(Fundings.roles)
    (True, ['funder', 'recipient'])
    """

    link_class: ClassVar[URIRef]
    roles: ClassVar[dict[str, URIRef]]
    """The columns that name the linked nodes, and the property each one gives them."""
    noun: ClassVar[str]
    accepts: ClassVar[dict[str, tuple[URIRef, ...]]]
    """For each role column, the classes its nodes may have (those the shapes ask)."""
    symmetric: ClassVar[bool] = False
    """Whether the linked nodes play one role, so that their order does not matter (partners)."""
    telling_apart: ClassVar[tuple[str, ...]] = ("start_date",)
    """The columns that tell two links of this kind between the same nodes apart: a link is its
    kind, its nodes and these, so that editing any other cell (status, end date, amount, purpose)
    and importing again updates the link instead of adding one."""

    def record(self, shared: SheetImport, row: Row, section: URIRef) -> Record:
        cells = Cells(row, shared.problems)
        status = _status(shared, cells)
        start = cells.parsed("start_date", checks.date_literal)
        end = cells.parsed("end_date", checks.date_literal)
        if start is not None and end is not None and checks.ends_before_start(start, end):
            cells.report("end_date", f"'{row.get('end_date')}' is before the start date {row.get('start_date')}")
        own = self.own_cells(shared, cells)
        refs = {column: cells.take(partial(shared.resolve_all, row, column)) or [] for column in self.roles}
        cells.check()
        self._check_classes(shared, row, refs)
        self.check_links(shared, row, refs)
        node = self._iri(refs, self.distinction(shared, row, own, start))
        _once(shared, row, node, self.noun, f"the same {', '.join(self.roles)} and "
              f"{' and '.join(self.telling_apart)}")
        record: Record = [(node, RDF.type, self.link_class), (node, ESS.status, status),
                          (node, PROV.wasDerivedFrom, section)]
        record += [(node, self.roles[column], ref) for column, nodes in refs.items() for ref in nodes]
        record += [(node, ESS.startDate, start)] if start is not None else []
        record += [(node, ESS.endDate, end)] if end is not None else []
        if row.get("purpose"):
            record.append((node, ESS.purpose, Literal(row.get("purpose"), lang="fr")))
        return record + self.own_triples(shared, row, node, own, section)

    @abstractmethod
    def own_cells(self, shared: SheetImport, cells: Cells) -> Own:
        """Check the cells only this kind of link has; what :meth:`own_triples` needs of them."""

    def check_links(self, shared: SheetImport, row: Row, refs: dict[str, list[URIRef]]) -> None:
        """Report (and raise BadRow for) linked nodes this kind of link cannot take."""

    def _check_classes(self, shared: SheetImport, row: Row, refs: dict[str, list[URIRef]]) -> None:
        """Report (BadRow) a linked node of a class the shapes refuse in its role (a territory as a funder)."""
        bad = False
        for column, nodes in refs.items():
            allowed = self.accepts[column]
            for node in nodes:
                classes = shared.classes_of(node)
                if classes and not classes.intersection(allowed):
                    wanted = " or ".join(CLASS_NAMES[cls] for cls in allowed)
                    shared.problems.add(row.where, row.line, column, f"{prefixed(node)} is a "
                                        f"{_kinds_text(shared, node)} in the graph: a {self.noun}'s {column} is "
                                        f"{wanted}")
                    bad = True
        if bad:
            raise BadRow

    def own_triples(self, shared: SheetImport, row: Row, node: URIRef, own: Own, section: URIRef) -> Record:
        """The triples of the cells only this kind of link has."""
        return []

    def distinction(self, shared: SheetImport, row: Row, own: Own, start: Literal | None) -> list[str]:
        """The values of :attr:`telling_apart`, as they identify the link (the start date by default)."""
        return [str(start or "")]

    def _iri(self, refs: dict[str, list[URIRef]], distinction: list[str]) -> URIRef:
        parties = [sorted(map(str, nodes)) if self.symmetric else list(map(str, nodes)) for nodes in refs.values()]
        content = "\x1f".join([self.key, *("\x1e".join(nodes) for nodes in parties), *distinction])
        return ESSD[f"{self.key.rstrip('s')}-{hashlib.sha256(content.encode()).hexdigest()[:16]}"]


def _programme(shared: SheetImport, name: str) -> URIRef:
    """The programme of the graph that has this name, else a new one (never an actor or a commune of that name)."""
    for node in sorted(shared.names.by_name.get(normalise(name), set())):
        if ESS.Programme in types_of(shared.graph, node, shared.ancestors):
            return node
    return ESSD[f"programme-{slug(name)}"]


class Fundings(Links[Decimal | None]):
    """A fundings row: an amount (in euros, not negative) and the programme it goes through.

    >>> Fundings.key
    'fundings'
    """

    key = "fundings"
    link_class = ESS.Funding
    roles = {"funder": ESS.funder, "recipient": ESS.recipient}
    noun = "funding"
    accepts = {"funder": (ESS.Actor, ESS.Programme), "recipient": (ESS.Actor, ESS.Initiative)}
    telling_apart = ("programme", "start_date")

    def distinction(self, shared: SheetImport, row: Row, own: Decimal | None, start: Literal | None) -> list[str]:
        return [normalise(row.get("programme")), str(start or "")]

    def own_cells(self, shared: SheetImport, cells: Cells) -> Decimal | None:
        return cells.parsed("amount", checks.amount)

    def own_triples(self, shared: SheetImport, row: Row, node: URIRef, own: Decimal | None,
                    section: URIRef) -> Record:
        record: Record = [(node, ESS.amount, Literal(own, datatype=XSD.decimal))] if own is not None else []
        if row.get("programme"):
            programme = _programme(shared, row.get("programme"))
            record += [(node, ESS.throughProgramme, programme)]
            if (programme, None, None) not in shared.graph:
                record += [(programme, RDF.type, ESS.Programme), (programme, PROV.wasDerivedFrom, section),
                           (programme, RDFS.label, Literal(row.get("programme"), lang="fr"))]
        return record


class Partnerships(Links[None]):
    """A partnerships row: two different partners at least.

    >>> Partnerships.key
    'partnerships'
    """

    key = "partnerships"
    link_class = ESS.Partnership
    roles = {"partners": ESS.partner}
    noun = "partnership"
    accepts = {"partners": (ESS.Actor, ESS.Initiative)}
    symmetric = True

    def own_cells(self, shared: SheetImport, cells: Cells) -> None:
        return None

    def check_links(self, shared: SheetImport, row: Row, refs: dict[str, list[URIRef]]) -> None:
        if len(set(refs["partners"])) < 2:
            shared.problems.add(row.where, row.line, "partners", "a partnership needs at least two different partners")
            raise BadRow


class Supports(Links[list[URIRef]]):
    """A supports row: the kinds of support given.

    >>> Supports.key
    'supports'
    """

    key = "supports"
    link_class = ESS.Support
    roles = {"supporter": ESS.supporter, "supported": ESS.supported}
    noun = "support"
    accepts = {"supporter": (ESS.Actor, ESS.Programme), "supported": (ESS.Actor, ESS.Initiative)}

    def own_cells(self, shared: SheetImport, cells: Cells) -> list[URIRef]:
        return cells.concepts("support_kinds", shared.vocab.support_kinds.find, "support kind")

    def own_triples(self, shared: SheetImport, row: Row, node: URIRef, own: list[URIRef], section: URIRef) -> Record:
        return [(node, ESS.supportKind, kind) for kind in own]


class Memberships(Links[URIRef | None]):
    """A memberships row: the member's role (member by default).

    >>> Memberships.key
    'memberships'
    """

    key = "memberships"
    link_class = ESS.Membership
    roles = {"member": ORG.member, "organisation": ORG.organization}
    noun = "membership"
    accepts = {"member": (ESS.Actor,), "organisation": (ESS.Organisation,)}
    telling_apart = ("role", "start_date")

    def distinction(self, shared: SheetImport, row: Row, own: URIRef | None, start: Literal | None) -> list[str]:
        return [str(own or shared.vocab.roles.find("member")), str(start or "")]

    def own_cells(self, shared: SheetImport, cells: Cells) -> URIRef | None:
        return cells.concept("role", shared.vocab.roles.find, "role")

    def own_triples(self, shared: SheetImport, row: Row, node: URIRef, own: URIRef | None,
                    section: URIRef) -> Record:
        role = own or shared.vocab.roles.find("member")
        return [(node, ESS.role, role)] if role is not None else []


KINDS: dict[str, SheetKind] = {kind.key: kind for kind in (Actors(), Fundings(), Partnerships(), Supports(),
                                                           Memberships(), Locations())}
"""Each template's kind of row, by the template's key."""
