"""Importing the spreadsheets an ESS officer keeps: actors, and their fundings, partnerships,
supports, memberships and places (the tables of :mod:`.model`), from CSV or XLSX files.

Spreadsheets are small, so the import reads every table first - checking every cell and
collecting every problem - and only then yields records: links may name an actor defined
further down or in another file. Actors are found by identifier in the graphs merged into
(one actor, one node), and links get IRIs hashed from their content, so re-importing the same
file gives the same triples.
"""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ...sources.memory import as_engine
from ...sparql.names import NameIndex, NameResolver
from ...vocab.kinds import KIND_BY_KEY
from ...vocab.namespaces import ESS, ESSD, ORG, PREFIXES, SCHEMA
from ...vocab.shortcuts import record_shortcuts
from ...vocab.terms import normalise
from ..common import checks
from ..common.concepts import Vocabulary, vocabulary
from ..common.identity import Identifiers, IdentityConflict, IdentityIndex
from ..common.places import Communes, address_triples
from ..common.problems import Problems
from ..common.provenance import SourceFile, slug, source_file
from ..common.tables import Row, Table, check_columns, is_workbook, read_csv, read_workbook
from ..common.triples import Record
from .model import KIND_KEYS, SEPARATOR, SHEET_BY_KEY, Sheet, sheet_for

ACTOR_KINDS = KIND_KEYS
NOTES_SHEETS = ("readme", "values", "lisez-moi")
"""Workbook sheets that document the template and hold no data."""

LINK_CLASSES = {"fundings": ESS.Funding, "partnerships": ESS.Partnership, "supports": ESS.Support,
                "memberships": ESS.Membership}


class _Skip(Exception):
    """A row already reported as bad; its record is left out."""


@dataclass
class _Context:
    """What the tables of one import share while they are read."""

    graph: Graph
    index: IdentityIndex
    vocab: Vocabulary
    problems: Problems
    communes: Communes
    actors_by_key: dict[str, URIRef] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)

    @cached_property
    def names(self) -> NameIndex:
        """The names of the graph's actors, initiatives, programmes and territories, read the first
        time a link cell names one (it takes a second on the shipped graph)."""
        return NameResolver(as_engine(self.graph)).index("node")


class _Cells:
    """Checks every cell of a row even after one fails, then says whether the row is usable."""

    def __init__(self) -> None:
        self.bad = False

    def take(self, read: Callable[[], object]):
        try:
            return read()
        except _Skip:
            self.bad = True
            return None

    def check(self) -> None:
        if self.bad:
            raise _Skip


def _cell(row: Row, column: str, parse: Callable[[str], object], problems: Problems):
    text = row.get(column)
    if not text:
        return None
    try:
        return parse(text)
    except checks.BadValue as exc:
        problems.add(row.where, row.line, column, str(exc))
        raise _Skip from None


def _many(text: str) -> list[str]:
    return [part.strip() for part in text.split(SEPARATOR) if part.strip()]


def _concepts(row: Row, column: str, find: Callable[[str], URIRef | None], what: str, problems: Problems) -> list:
    found, bad = [], False
    for part in _many(row.get(column)):
        concept = find(part)
        if concept is None:
            problems.add(row.where, row.line, column, f"unknown {what} '{part}' (see the lists in the template README)")
            bad = True
        found.append(concept)
    if bad:
        raise _Skip
    return found


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


def _resolve(ctx: _Context, row: Row, column: str, text: str) -> URIRef:
    """The node a link cell names: an id, an identifier, a prefixed key, or an exact name."""
    problems = ctx.problems
    if text in ctx.actors_by_key:
        return ctx.actors_by_key[text]
    ids = _identifiers_in(text)
    if ids is not None:
        try:
            node = ctx.index.resolve(ids)
        except IdentityConflict as exc:
            problems.add(row.where, row.line, column, str(exc))
            raise _Skip from None
        if node is not None:
            return node
    expanded = _expand(text)
    if expanded is not None:
        if (expanded, None, None) in ctx.graph or expanded in ctx.actors_by_key.values():
            return expanded
        problems.add(row.where, row.line, column, f"'{text}' is not a node of the graph")
        raise _Skip
    key = normalise(text)
    if key in ctx.actors_by_key:
        return ctx.actors_by_key[key]
    candidates = ctx.names.by_name.get(key, set())
    if len(candidates) == 1:
        return next(iter(candidates))
    if candidates:
        names = ", ".join(sorted(str(c).removeprefix(str(ESSD)) for c in candidates))
        problems.add(row.where, row.line, column, f"'{text}' may be several nodes ({names}): give its key")
    else:
        problems.add(row.where, row.line, column,
                     f"'{text}' names no actor of the actors sheet nor of the graph (give an id, a SIRET, "
                     f"a SIREN, an RNA number, a key such as essd:calais, or the exact name)")
    raise _Skip


def _local(node: URIRef) -> str:
    text = str(node)
    return text[len(str(ESSD)):] if text.startswith(str(ESSD)) else hashlib.sha1(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class _Place:
    commune: str | None
    address: str
    postal_code: str
    label: str | None = None


def _site_cells(row: Row, problems: Problems) -> _Place:
    return _Place(_cell(row, "commune", checks.commune_code, problems), row.get("address"), row.get("postal_code"),
                  row.get("label") or None)


def _site(ctx: _Context, actor: URIRef, name: str, place: _Place, section: URIRef, status: URIRef) -> Record:
    commune_code, address, postal, label = place.commune, place.address, place.postal_code, place.label
    if commune_code is None and not address:
        return []
    site = ESSD[f"site-{_local(actor)}-{slug(label or address or commune_code or '') or 'main'}"]
    record: Record = [(actor, ORG.hasSite, site), (site, RDF.type, ESS.Site), (site, ESS.status, status),
                      (site, RDFS.label, Literal(label or ", ".join(p for p in (name, address) if p), lang="fr")),
                      (site, PROV.wasDerivedFrom, section)]
    if commune_code is not None:
        commune, commune_record = ctx.communes.node(commune_code, section)
        record += commune_record + [(site, ESS.locatedIn, commune)]
    return record + address_triples(site, ESSD[f"address-{_local(site)}"], section, street_address=address,
                                    postal_code=postal)


def _actor(ctx: _Context, row: Row, source: SourceFile, sheet: str | None) -> None:
    problems, vocab = ctx.problems, ctx.vocab
    cells = _Cells()
    name = row.get("name")
    if not name:
        problems.add(row.where, row.line, "name", "empty: an actor needs a name")
        cells.bad = True
    siret = cells.take(lambda: _cell(row, "siret", checks.siret, problems))
    siren = cells.take(lambda: _cell(row, "siren", checks.siren, problems))
    rna = cells.take(lambda: _cell(row, "rna", checks.rna, problems))
    if siret and siren and siret[:9] != siren:
        problems.add(row.where, row.line, "siret", f"SIRET {siret} is not an establishment of SIREN {siren}")
        cells.bad = True
    kinds = _many(row.get("kinds")) or ["other"]
    for kind in kinds:
        if kind not in ACTOR_KINDS:
            problems.add(row.where, row.line, "kinds", f"unknown kind '{kind}' (expected: {', '.join(ACTOR_KINDS)})")
            cells.bad = True
    legal = cells.take(lambda: _concepts(row, "legal_form", vocab.legal_forms.find, "legal form", problems))
    sectors = cells.take(lambda: _concepts(row, "sectors", lambda t: vocab.sector_for_naf(t) or vocab.sectors.find(t),
                                           "sector", problems))
    themes = cells.take(lambda: _concepts(row, "themes", vocab.themes.find, "theme", problems))
    founded = cells.take(lambda: _cell(row, "founding_date", checks.date_literal, problems))
    site = cells.take(lambda: _site_cells(row, problems))
    key = row.get("id")
    if key and slug(key) != key:
        problems.add(row.where, row.line, "id", f"'{key}' is not a key (lower-case letters, digits, hyphens)")
        cells.bad = True
    cells.check()
    ids = Identifiers(siret=siret, siren=siren, rna=rna)
    try:
        if key:
            node, existed = ESSD[key], (ESSD[key], None, None) in ctx.graph
            found = ctx.index.resolve(ids)
            if found is not None and found != node:
                problems.add(row.where, row.line, "id", f"the identifiers of this row are those of {_local(found)}, "
                             f"not of {key}: not merged")
                raise _Skip
            ctx.index.register(node, ids)
        else:
            node, existed = ctx.index.node_for(ids, name)
            existed = existed or (node, None, None) in ctx.graph
    except IdentityConflict as exc:
        problems.add(row.where, row.line, None, str(exc))
        raise _Skip from None
    for alias in filter(None, (key, normalise(name), siret, siren, rna)):
        ctx.actors_by_key.setdefault(alias, node)
    section = source.row(row.line, sheet)
    done = vocab.statuses.by_notation["done"]
    record: Record = [(node, PROV.wasDerivedFrom, section)]
    record += [(node, RDF.type, KIND_BY_KEY[k].classes[0]) for k in kinds]
    record.append((node, SKOS.altLabel if existed else RDFS.label, Literal(name, lang="fr")))
    record += [(node, ESS.siret, Literal(siret))] if siret else []
    record += [(node, ESS.siren, Literal(ids.unit))] if ids.unit else []
    record += [(node, ESS.rnaNumber, Literal(rna))] if rna else []
    record += [(node, ESS.legalForm, c) for c in legal] + [(node, ESS.sector, c) for c in sectors]
    record += [(node, ESS.theme, c) for c in themes]
    record += [(node, ESS.foundingDate, founded)] if founded is not None else []
    if row.get("description"):
        record.append((node, DCTERMS.description, Literal(row.get("description"), lang="fr")))
    if row.get("email") or row.get("telephone"):
        contact = ESSD[f"contact-{_local(node)}"]
        record += [(node, ESS.contactPoint, contact), (contact, RDF.type, SCHEMA.ContactPoint),
                   (contact, PROV.wasDerivedFrom, section)]
        record += [(contact, SCHEMA.email, Literal(row.get("email")))] if row.get("email") else []
        record += [(contact, SCHEMA.telephone, Literal(row.get("telephone")))] if row.get("telephone") else []
    record += _site(ctx, node, name, site, section, done)
    record += record_shortcuts(record, vocab.shortcut_rules)
    ctx.records.append(source.row_triples(row.line, sheet) + record)


def _link_iri(kind: str, row: Row, participants: list[URIRef]) -> URIRef:
    content = "\x1f".join([kind, *map(str, participants), *(f"{k}={v}" for k, v in sorted(row.values.items()))])
    return ESSD[f"{kind.rstrip('s')}-{hashlib.sha256(content.encode()).hexdigest()[:16]}"]


def _link(ctx: _Context, sheet: Sheet, row: Row, source: SourceFile, sheet_name: str | None) -> None:
    problems, vocab = ctx.problems, ctx.vocab
    cells = _Cells()
    status_list = cells.take(lambda: _concepts(row, "status", vocab.statuses.find, "status", problems))
    start = cells.take(lambda: _cell(row, "start_date", checks.date_literal, problems))
    end = cells.take(lambda: _cell(row, "end_date", checks.date_literal, problems))
    amount = cells.take(lambda: _cell(row, "amount", lambda t: checks.decimal_number(t, minimum=0), problems))
    kinds = cells.take(lambda: _concepts(row, "support_kinds", vocab.support_kinds.find, "support kind", problems))
    role = cells.take(lambda: _concepts(row, "role", vocab.roles.find, "role", problems))
    place = cells.take(lambda: _site_cells(row, problems)) if sheet.key == "locations" else None
    refs = {c: cells.take(lambda c=c: _resolve_all(ctx, row, c)) for c in sheet.required if c != "commune"}
    cells.check()
    status = (status_list or [vocab.statuses.by_notation["done"]])[0]
    section = source.row(row.line, sheet_name)
    record: Record = []
    if sheet.key == "locations":
        record = _site(ctx, refs["actor"][0], "", place, section, status)
    else:
        cls = LINK_CLASSES[sheet.key]
        participants = [node for nodes in refs.values() for node in nodes]
        node = _link_iri(sheet.key, row, participants)
        record = [(node, RDF.type, cls), (node, ESS.status, status), (node, PROV.wasDerivedFrom, section)]
        roles = {"funder": ESS.funder, "recipient": ESS.recipient, "partners": ESS.partner, "supporter": ESS.supporter,
                 "supported": ESS.supported, "member": ORG.member, "organisation": ORG.organization}
        record += [(node, roles[column], ref) for column, nodes in refs.items() for ref in nodes]
        record += [(node, ESS.startDate, start)] if start is not None else []
        record += [(node, ESS.endDate, end)] if end is not None else []
        if row.get("purpose"):
            record.append((node, ESS.purpose, Literal(row.get("purpose"), lang="fr")))
        if sheet.key == "fundings":
            record += [(node, ESS.amount, Literal(amount, datatype=XSD.decimal))] if amount is not None else []
            if row.get("programme"):
                programme = ESSD[slug(row.get("programme"))]
                record += [(node, ESS.throughProgramme, programme)]
                if (programme, None, None) not in ctx.graph:
                    record += [(programme, RDF.type, ESS.Programme), (programme, PROV.wasDerivedFrom, section),
                               (programme, RDFS.label, Literal(row.get("programme"), lang="fr"))]
        record += [(node, ESS.supportKind, k) for k in kinds or []]
        if sheet.key == "memberships":
            record.append((node, ESS.role, (role or [vocab.roles.find("member")])[0]))
        if sheet.key == "partnerships" and len(set(refs["partners"])) < 2:
            problems.add(row.where, row.line, "partners", "a partnership needs at least two different partners")
            raise _Skip
    record += record_shortcuts(record, vocab.shortcut_rules)
    ctx.records.append(source.row_triples(row.line, sheet_name) + record)


def _resolve_all(ctx: _Context, row: Row, column: str) -> list[URIRef]:
    texts = _many(row.get(column)) if column == "partners" else [row.get(column)] if row.get(column) else []
    if not texts:
        ctx.problems.add(row.where, row.line, column, "empty: this column is required")
        raise _Skip
    nodes, bad = [], False
    for text in texts:
        try:
            nodes.append(_resolve(ctx, row, column, text))
        except _Skip:
            bad = True
    if bad:
        raise _Skip
    return nodes


def _tables(paths: list[Path], problems: Problems, encoding: str) -> list[tuple[Path, Table, Sheet | None]]:
    found = []
    for path in paths:
        if is_workbook(path):
            tables = read_workbook(path, problems, skip=lambda name: name.strip().lower() in NOTES_SHEETS)
            found += [(path, table, sheet_for(table.columns, table.sheet)) for table in tables]
        else:
            table = read_csv(path, problems, encoding=encoding)
            found.append((path, table, sheet_for(table.columns, path.stem)))
    return found


def import_sheets(paths: list[Path | str], graph: Graph, *, encoding: str = "utf-8",
                  problems: Problems | None = None) -> Iterator[Record]:
    """Check every table of ``paths`` and yield its records, merging actors into ``graph`` by identifier.

    Raises :class:`~.problems.InvalidInput` listing every bad cell before yielding anything.
    """
    problems = problems if problems is not None else Problems()
    paths = [Path(p) for p in paths]
    index = IdentityIndex.from_graph(graph)
    ctx = _Context(graph, index, vocabulary(), problems, Communes(index))
    tables = _tables(paths, problems, encoding)
    sources = {path: source_file(path, "Tableau importé avec ess-graph import sheet.") for path in paths}
    readable = []
    for path, table, sheet in tables:
        if sheet is None:
            problems.add(table.where, 1, None, "cannot tell which template this table follows (expected the columns "
                         "of one of: " + ", ".join(SHEET_BY_KEY) + ")")
            continue
        if check_columns(table, problems, required=sheet.required, optional=sheet.names):
            rows = [r for r in table.rows() if not next(iter(r.values.values()), "").startswith("#")]
            readable.append((path, table, sheet, rows))
    for path, table, sheet, rows in sorted(readable, key=lambda t: t[2].key != "actors"):
        for row in rows:
            try:
                if sheet.key == "actors":
                    _actor(ctx, row, sources[path], table.sheet)
                else:
                    _link(ctx, sheet, row, sources[path], table.sheet)
            except _Skip:
                continue
    problems.raise_if_any()
    for path in paths:
        yield sources[path].triples()
    yield from ctx.records
