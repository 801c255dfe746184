"""How a row of each template becomes a record: one class per kind of sheet.

Actors become nodes (merged by identifier with those the graphs have), locations become sites of
an actor, and the four link sheets become relationship nodes (``ess:Funding``,
``ess:Partnership``, ``ess:Support``, ``ess:Membership``) whose IRIs are hashed from their
content, so that importing a file again gives the same triples. A link kind adds only what is
its own (an amount, support kinds, a role); what every link has is :class:`Links`'.
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
from ...vocab.terms import normalise
from ..common import checks
from ..common.identity import Identifiers, IdentityConflict
from ..common.places import address_triples
from ..common.provenance import slug
from ..common.tables import Row
from ..common.triples import Record
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
    label: str | None = None


def _place(cells: Cells) -> _Place:
    row = cells.row
    return _Place(cells.parsed("commune", checks.commune_code), row.get("address"),
                  cells.parsed("postal_code", checks.postal_code) or "", row.get("label") or None)


def _site(shared: SheetImport, actor: URIRef, name: str, place: _Place, section: URIRef, status: URIRef) -> Record:
    commune_code, address, postal, label = place.commune, place.address, place.postal_code, place.label
    if commune_code is None and not address:
        return []
    site = ESSD[f"site-{_local(actor)}-{slug(label or address or commune_code or '') or 'main'}"]
    record: Record = [(actor, ORG.hasSite, site), (site, RDF.type, ESS.Site), (site, ESS.status, status),
                      (site, RDFS.label, Literal(label or ", ".join(p for p in (name, address) if p), lang="fr")),
                      (site, PROV.wasDerivedFrom, section)]
    if commune_code is not None:
        commune, commune_record = shared.communes.node(commune_code, section)
        record += commune_record + [(site, ESS.locatedIn, commune)]
    return record + address_triples(site, ESSD[f"address-{_local(site)}"], section, street_address=address,
                                    postal_code=postal)


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


class Actors(SheetKind):
    """An actors row: a node with its kinds, identifiers, concepts, contact point and main site.

    >>> Actors.key
    'actors'
    """

    key = "actors"
    read_first = True

    def record(self, shared: SheetImport, row: Row, section: URIRef) -> Record:
        actor = self._checked(shared, row)
        node, existed = self._node(shared, row, actor)
        for alias in filter(None, (actor.key, normalise(actor.name), actor.siret, actor.siren, actor.rna)):
            shared.actors_by_key.setdefault(alias, node)
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
        place = _place(cells)
        key = row.get("id")
        if key and slug(key) != key:
            cells.report("id", f"'{key}' is not a key (lower-case letters, digits, hyphens)")
        cells.check()
        return _Actor(key, name, siret, siren, rna, kinds, [legal] if legal else [], sectors, themes, founded, place)

    @staticmethod
    def _node(shared: SheetImport, row: Row, actor: _Actor) -> tuple[URIRef, bool]:
        """The actor's node, and whether the graph has it: its id's, else the one its identifiers name."""
        try:
            if not actor.key:
                node, existed = shared.index.node_for(actor.ids, actor.name)
                return node, existed or (node, None, None) in shared.graph
            node = ESSD[actor.key]
            found = shared.index.resolve(actor.ids)
            if found is not None and found != node:
                shared.problems.add(row.where, row.line, "id", f"the identifiers of this row are those of "
                                    f"{_local(found)}, not of {actor.key}: not merged")
                raise BadRow
            shared.index.register(node, actor.ids)
            return node, (node, None, None) in shared.graph
        except IdentityConflict as exc:
            shared.problems.add(row.where, row.line, None, str(exc))
            raise BadRow from None

    @staticmethod
    def _triples(shared: SheetImport, row: Row, actor: _Actor, node: URIRef, existed: bool,
                 section: URIRef) -> Record:
        unit = actor.ids.unit
        record: Record = [(node, PROV.wasDerivedFrom, section)]
        record += [(node, RDF.type, KIND_BY_KEY[k].classes[0]) for k in actor.kinds]
        record.append((node, SKOS.altLabel if existed else RDFS.label, Literal(actor.name, lang="fr")))
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
        return record + _site(shared, node, actor.name, actor.place, section, shared.vocab.statuses.by_notation["done"])


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
        place = _place(cells)
        actors = cells.take(lambda: shared.resolve_all(row, "actor")) or []
        cells.check()
        return _site(shared, actors[0], "", place, section, status)


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
        self.check_links(shared, row, refs)
        node = self._iri(row, [ref for nodes in refs.values() for ref in nodes])
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

    def own_triples(self, shared: SheetImport, row: Row, node: URIRef, own: Own, section: URIRef) -> Record:
        """The triples of the cells only this kind of link has."""
        return []

    def _iri(self, row: Row, participants: list[URIRef]) -> URIRef:
        content = "\x1f".join([self.key, *map(str, participants), *(f"{k}={v}" for k, v in sorted(row.values.items()))])
        return ESSD[f"{self.key.rstrip('s')}-{hashlib.sha256(content.encode()).hexdigest()[:16]}"]


class Fundings(Links[Decimal | None]):
    """A fundings row: an amount (in euros, not negative) and the programme it goes through.

    >>> Fundings.key
    'fundings'
    """

    key = "fundings"
    link_class = ESS.Funding
    roles = {"funder": ESS.funder, "recipient": ESS.recipient}

    def own_cells(self, shared: SheetImport, cells: Cells) -> Decimal | None:
        return cells.parsed("amount", checks.amount)

    def own_triples(self, shared: SheetImport, row: Row, node: URIRef, own: Decimal | None,
                    section: URIRef) -> Record:
        record: Record = [(node, ESS.amount, Literal(own, datatype=XSD.decimal))] if own is not None else []
        if row.get("programme"):
            programme = ESSD[slug(row.get("programme"))]
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

    def own_cells(self, shared: SheetImport, cells: Cells) -> URIRef | None:
        return cells.concept("role", shared.vocab.roles.find, "role")

    def own_triples(self, shared: SheetImport, row: Row, node: URIRef, own: URIRef | None,
                    section: URIRef) -> Record:
        role = own or shared.vocab.roles.find("member")
        return [(node, ESS.role, role)] if role is not None else []


KINDS: dict[str, SheetKind] = {kind.key: kind for kind in (Actors(), Fundings(), Partnerships(), Supports(),
                                                           Memberships(), Locations())}
"""Each template's kind of row, by the template's key."""
