"""Importing establishments from INSEE's SIRENE stock files, streamed.

``StockEtablissement`` has one row per establishment; the legal unit's ESS flag
(``economieSocialeSolidaireUniteLegale``), legal category and name are in ``StockUniteLegale``.
The join does not trust any order: StockUniteLegale is first indexed by SIREN in a private
temporary SQLite database (on disk, in TMPDIR; deleted at the end), then the establishments are
read once and each one that passes the cheap filters looks its legal unit up. Memory stays
constant whatever the size of either file. A file that already carries the legal-unit columns
(some redistributions join them) needs no second file.

Each kept establishment gives a site (``ess:Site`` with its SIRET, address, commune and NAF
sector) of its organisation (SIREN, name, legal form from the INSEE category, sector, ESS class
when flagged); the organisation is written once, at its first establishment. Every row read is
kept, left out on purpose (counted by reason in the notes: not active, outside the territory,
not ESS) or reported: a bad cell, a SIRET met twice, a SIREN that StockUniteLegale lacks.
"""

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..vocab.namespaces import ESS, ESSD, ORG
from ..vocab.shortcuts import record_shortcuts
from .common import checks
from .common.concepts import Vocabulary, vocabulary
from .common.identity import Identifiers, IdentityConflict, IdentityIndex
from .common.notes import Imported, Notes
from .common.options import OptionError, TerritoryOptions, encoding_option, option
from .common.places import Communes, address_triples, street
from .common.problems import Problems
from .common.provenance import SourceFile, source_file
from .common.seen import SeenKeys, scratch_database
from .common.streaming import Columns, Progress, RowCount, TerritoryFilter, check_cells, row_values
from .common.tables import Table, read_csv, require_columns
from .common.triples import Record, described
from .registry import Example, Importer, Input, Job, Run, register

ESTABLISHMENT_COLUMNS = ("siren", "siret", "etatAdministratifEtablissement", "codeCommuneEtablissement",
                         "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement")
ESS_FLAG = "economieSocialeSolidaireUniteLegale"
"""The legal unit's column that says whether it belongs to the ESS (O) or not (N)."""
UNIT_COLUMNS = ("siren", "categorieJuridiqueUniteLegale", ESS_FLAG, "denominationUniteLegale")
ACTIVE = "A"
NAF_REV2 = "NAFRev2"
HIDDEN = "[ND]"
"""What SIRENE writes in place of a value its owner asked not to disclose."""
_CATEGORY = re.compile(r"\d{4}")


UNIT_VALUES = ("categorieJuridiqueUniteLegale", ESS_FLAG, "denominationUniteLegale", "sigleUniteLegale",
               "prenomUsuelUniteLegale", "prenom1UniteLegale", "nomUsageUniteLegale", "nomUniteLegale",
               "identifiantAssociationUniteLegale", "activitePrincipaleUniteLegale",
               "nomenclatureActivitePrincipaleUniteLegale", "dateCreationUniteLegale")
"""The legal-unit columns an import uses; the index keeps only these."""
_SEPARATOR = "\x1f"
CACHE_KIB = 16384
"""The index's page cache (16 MiB, whatever the size of the file)."""

Found = tuple[int, dict[str, str], list[int]]
"""A legal unit: its line, its cells by column (blanks left out), and the lines that repeat its SIREN."""


class _OutOfOrder(Exception):
    """The files stop being in SIREN order; the message says where."""


class _UnitWalk:
    """The legal units read in SIREN order alongside establishments in SIREN order: a merge join,
    which reads each file once and holds one row. Raises _OutOfOrder as soon as either file is
    not in that order (INSEE publishes both sorted, but redistributions and extracts may not be),
    or when a SIREN is not where that order puts it: missing, or elsewhere in an unsorted file."""

    def __init__(self, table: Table):
        self.table = table
        self.rows = table.records
        self.siren_of = Columns(table.columns).getter("siren")
        self.pending = next(self.rows, None)
        self.read_through = self.pending[0] if self.pending is not None else 1
        self.asked = ""
        self.found: Found = (0, {}, [])

    def _take(self) -> tuple[int, list[str]]:
        taken = self.pending
        assert taken is not None
        following = next(self.rows, None)
        if following is not None:
            self.read_through = following[0]
            before, after = self.siren_of(taken[1]), self.siren_of(following[1])
            if after < before:
                raise _OutOfOrder(f"{self.table.where} is not in SIREN order from line {following[0]} ({after} "
                                  f"after {before})")
        self.pending = following
        return taken

    def drain(self) -> None:
        """Read the rest of the file, checking its order (_OutOfOrder when it breaks)."""
        while self.pending is not None:
            self._take()

    def find(self, siren: str, where: str) -> Found:
        """The legal unit of ``siren``, asked for by the establishment at ``where`` (file:line)."""
        if siren == self.asked:
            return self.found
        if siren < self.asked:
            raise _OutOfOrder(f"the establishments are not in SIREN order from {where} ({siren} after {self.asked})")
        self.asked = siren
        while self.pending is not None and self.siren_of(self.pending[1]) < siren:
            self._take()
        if self.pending is None or self.siren_of(self.pending[1]) != siren:
            # missing, or elsewhere in a file that is not in SIREN order: only an index can tell
            raise _OutOfOrder(f"the legal unit of SIREN {siren} ({where}) is not where SIREN order puts it in "
                              f"{self.table.where}")
        line, cells = self._take()
        repeated = []
        while self.pending is not None and self.siren_of(self.pending[1]) == siren:
            repeated.append(self._take()[0])
        self.found = line, {column: value for column, value in row_values(self.table.columns, cells).items()
                            if value and column in UNIT_VALUES}, repeated
        return self.found


class _UnitIndex:
    """StockUniteLegale indexed by SIREN in a private temporary SQLite database, whatever its order.

    With ``ess_only`` the units not flagged ESS keep only their flag (their establishments are
    left out, but an establishment whose SIREN is not in the file at all is told apart).
    """

    def __init__(self, table: Table, ess_only: bool):
        self.where = table.where
        self.database = scratch_database()
        self.database.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.database.execute("CREATE TABLE units (siren TEXT NOT NULL, line INTEGER NOT NULL, flag TEXT NOT NULL, "
                              "cells TEXT)")
        width = len(table.columns)
        position = Columns(table.columns).position
        siren_at, flag_at = position["siren"], position[ESS_FLAG]
        pick = operator.itemgetter(*(position.get(column, width) for column in UNIT_VALUES))  # width: an empty cell

        def rows() -> Iterator[tuple[str, int, str, str | None]]:
            for line, cells in table.records:  # the cells as read, stripped when looked up (the hot loop)
                if len(cells) != width:
                    cells = cells[:width] + [""] * (width - len(cells))
                cells.append("")
                flag = cells[flag_at].strip()
                kept = None if ess_only and flag != "O" else _SEPARATOR.join(pick(cells))
                yield cells[siren_at].strip(), line, flag, kept

        self.database.executemany("INSERT INTO units VALUES (?, ?, ?, ?)", rows())
        self.database.execute("CREATE INDEX units_by_siren ON units (siren, line)")
        self.database.commit()

    def find(self, siren: str) -> Found | None:
        """The first legal unit of ``siren`` (only its ESS flag, for a unit the import leaves out)."""
        found = self.database.execute("SELECT line, flag, cells FROM units WHERE siren = ? ORDER BY line",
                                      (siren,)).fetchall()
        if not found:
            return None
        (line, flag, cells), repeated = found[0], [row[0] for row in found[1:]]
        if cells is None:
            return line, {ESS_FLAG: flag}, repeated
        values = (value.strip() for value in cells.split(_SEPARATOR))
        return line, {column: value for column, value in zip(UNIT_VALUES, values, strict=True) if value}, repeated

    def close(self) -> None:
        self.database.close()


def _disclosed(text: str) -> str:
    """A cell's text, or '' where SIRENE hides the value."""
    return "" if HIDDEN in text else text


def _unit_name(unit: dict[str, str]) -> str:
    name = unit.get("denominationUniteLegale") or unit.get("sigleUniteLegale")
    if not name:
        name = street(unit.get("prenomUsuelUniteLegale") or unit.get("prenom1UniteLegale", ""),
                      unit.get("nomUsageUniteLegale") or unit.get("nomUniteLegale", ""))
    return "" if HIDDEN in name else name


def _organisation_class(flag: str, category: str) -> URIRef:
    if flag == "O":
        return ESS.ESSStructure
    if category.startswith("7"):
        return ESS.PublicBody
    if flag == "N" and category[:1] in ("1", "5", "6"):
        return ESS.ClassicalEnterprise
    return ESS.Organisation


class _Builder:
    """Turns checked rows into records, keeping only bounded state (the communes met)."""

    def __init__(self, vocab: Vocabulary, index: IdentityIndex, graph: Graph):
        self.vocab = vocab
        self.index = index
        self.graph = graph
        self.communes = Communes(index, graph)
        self.unmapped: dict[str, int] = {}
        self.done = vocab.statuses.by_notation["done"]

    def sector(self, naf: str, nomenclature: str) -> URIRef | None:
        return self.vocab.sector_for_naf(naf) if nomenclature == NAF_REV2 and naf else None

    def organisation(self, node: URIRef, known: bool, siren: str, unit: dict[str, str], rna: str | None,
                     section: URIRef) -> Record:
        record: Record = [(node, PROV.wasDerivedFrom, section), (node, ESS.siren, Literal(siren))]
        record += [(node, ESS.rnaNumber, Literal(rna))] if rna else []
        if not unit:
            return record
        category = unit.get("categorieJuridiqueUniteLegale", "")
        description: Record = [(node, RDF.type, _organisation_class(unit.get(ESS_FLAG, ""), category))]
        name = _unit_name(unit) or f"unité légale {siren} (nom non diffusé)"
        description.append((node, RDFS.label, Literal(name)))
        if category:
            form = self.vocab.legal_form_for_category(category)
            if form is None and not known:
                self.unmapped[category] = self.unmapped.get(category, 0) + 1
            elif form is not None:
                description.append((node, ESS.legalForm, form))
        sector = self.sector(unit.get("activitePrincipaleUniteLegale", ""),
                             unit.get("nomenclatureActivitePrincipaleUniteLegale", ""))
        description += [(node, ESS.sector, sector)] if sector else []
        created = unit.get("dateCreationUniteLegale")
        description += [(node, ESS.foundingDate, Literal(created, datatype=XSD.date))] if created else []
        return record + described(self.graph, known, description)


def _category(text: str) -> str:
    if not _CATEGORY.fullmatch(text):
        raise checks.BadValue(f"'{text}' is not an INSEE legal category (4 digits)")
    return text


@dataclass(frozen=True)
class _Unit:
    """An establishment's legal unit: its cells, and the row they come from."""

    values: dict[str, str]
    where: str
    line: int
    source: SourceFile | None = None
    """StockUniteLegale, when the unit was joined from it."""
    repeated: list[int] = field(default_factory=list)
    """The lines of StockUniteLegale that give its SIREN again."""

    @property
    def section(self) -> URIRef | None:
        return self.source.row(self.line) if self.source is not None else None


class _Units:
    """Where the establishments' legal units are: StockUniteLegale, walked alongside them while
    both files are in SIREN order, then - from the first row out of order, which a note tells -
    indexed by SIREN on disk; or their own columns; or nowhere."""

    def __init__(self, establishments: Table, path: Path | None, options: "SireneOptions", problems: Problems,
                 notes: Notes, seen: SeenKeys):
        self.establishments = establishments
        self.seen = seen
        self.path = path
        self.options = options
        self.problems = problems
        self.notes = notes
        self.walk: _UnitWalk | None = None
        self.index: _UnitIndex | None = None
        self.source: SourceFile | None = None
        self.where = ""
        self.reported: set[int] = set()
        """The lines of StockUniteLegale already reported as repeating a SIREN."""
        if path is not None:
            table = read_csv(path, problems, encoding=options.encoding)
            require_columns(table, problems, UNIT_COLUMNS)
            self.where = table.where
            self.source = source_file(path, "Unités légales du répertoire SIRENE (INSEE), fichier StockUniteLegale.")
            self.walk = _UnitWalk(table)
        self.inline = path is None and ESS_FLAG in establishments.columns

    def known(self) -> bool:
        """Whether the legal units (and so their ESS flag) are known at all."""
        return self.path is not None or self.inline

    def of(self, line: int, cells: list[str], siren: str) -> "_Unit | None":
        """The legal unit of an establishment row (no values when nothing says it); None when
        StockUniteLegale lacks its SIREN."""
        establishments = self.establishments
        if self.path is not None:
            found = self._find(siren, f"{establishments.where}:{line}")
            if found is None:
                return None
            return _Unit(found[1], self.where, found[0], self.source, found[2])
        if self.inline:
            return _Unit(row_values(establishments.columns, cells), establishments.where, line)
        return _Unit({}, establishments.where, line)

    def _find(self, siren: str, where: str) -> Found | None:
        if self.walk is not None:
            try:
                return self.walk.find(siren, where)
            except _OutOfOrder as exc:
                self._switch(str(exc), self.walk.read_through)
        assert self.index is not None
        return self.index.find(siren)

    def finish(self) -> None:
        """Once the establishments are read, check that the rest of StockUniteLegale is in SIREN order."""
        if self.walk is not None:
            try:
                self.walk.drain()
            except _OutOfOrder as exc:
                self._switch(str(exc), self.walk.read_through)

    def _switch(self, reason: str, read_through: int) -> None:
        """From walking to the index; the units joined so far may be repeated elsewhere in a file that
        is not in SIREN order, which the index tells."""
        index = self.index = self._indexed(reason, read_through)
        self.walk = None
        for siren in self.seen.keys("organisation"):
            found = index.find(siren)
            if found is None:
                continue
            for line in found[2]:
                if line not in self.reported:
                    self.problems.add(index.where, line, "siren", _repeated_siren(found[0], siren))
                    self.reported.add(line)

    def _indexed(self, reason: str, read_through: int) -> _UnitIndex:
        """The index of StockUniteLegale, read again from its start (the problems of the lines the
        walk had read are already reported)."""
        assert self.path is not None
        problems = Problems(limit=self.problems.limit)
        index = _UnitIndex(read_csv(self.path, problems, encoding=self.options.encoding),
                           not self.options.all_establishments)
        for problem in problems.kept:
            if problem.line is None or problem.line > read_through:
                self.problems.add(problem.where, problem.line, problem.column, problem.message, problem.fix)
        self.notes.remark(f"{reason}: the legal units were indexed by SIREN on disk to join them (slower)")
        return index

    def close(self) -> None:
        if self.index is not None:
            self.index.close()


@dataclass(frozen=True)
class SireneOptions(TerritoryOptions):
    """What a SIRENE import keeps, and how its files are read.

    >>> SireneOptions(departements=("62",)).all_establishments
    False
    """

    units: Path | None = option(None, help="StockUniteLegale, for the ESS flag, legal category and name of each "
                                           "legal unit.")
    all_establishments: bool = option(False, help="Keep every establishment, not only those of ESS units.")
    encoding: str = encoding_option()


@dataclass(frozen=True)
class SireneSummary:
    """What an import left aside, for the closing message.

    >>> SireneSummary({"6540": 1}).notes()
    ['legal category 6540 (1 units) has no concept in the legal-form scheme; no ess:legalForm written']
    """

    unmapped_categories: dict[str, int]

    def notes(self) -> list[str]:
        """One line per legal category that has no legal form in the vocabulary."""
        return [f"legal category {category} ({count} units) has no concept in the legal-form scheme; "
                "no ess:legalForm written" for category, count in sorted(self.unmapped_categories.items())]


class SireneImport(Imported):
    """The records of a SIRENE import, read as they are iterated (once); its notes (the rows read,
    kept and left out by reason, the legal categories without a legal form) and what it left aside.

    >>> from rdflib import Graph
    >>> sirene = import_sirene("StockEtablissement_utf8.csv", Graph())
    >>> sirene.summary
    SireneSummary(unmapped_categories={})
    """

    def __init__(self, records: Iterator[Record], builder: _Builder, count: RowCount):
        super().__init__(records, lambda: count.lines() + self.summary.notes())
        self._builder = builder

    @property
    def summary(self) -> SireneSummary:
        """What the import left aside so far (all of it once the records are read)."""
        return SireneSummary(dict(self._builder.unmapped))


def import_sirene(establishments: Path | str, graph: Graph, options: SireneOptions | None = None, *,
                  problems: Problems | None = None, progress: Progress | None = None) -> SireneImport:
    """The records of the active establishments of ``establishments`` kept by the options.

    ``options.units`` is StockUniteLegale, joined by SIREN (either file in any order). Unless
    ``options.all_establishments``, only legal units flagged ESS are kept, which needs the
    legal-unit columns. Raises InvalidInput at the end when rows were bad (unless ``problems`` is
    lenient).

    >>> from rdflib import Graph
    >>> import_sirene("StockEtablissement_utf8.csv", Graph(), SireneOptions(communes=("6219",)))
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.options.OptionError: departements/communes: '6219' is not a commune INSEE code...
    """
    options = options if options is not None else SireneOptions()
    builder = _Builder(vocabulary(), IdentityIndex.from_graph(graph), graph)
    count = RowCount(progress, lambda: 0)
    records = _records(Path(establishments), options, options.territory(), builder,
                       problems if problems is not None else Problems(), count)
    return SireneImport(records, builder, count)


ADDRESS_PARTS = ("numeroVoie", "indiceRepetition", "typeVoie", "libelleVoie")
"""The columns of an establishment's address line (each ending in Etablissement)."""
NOT_ACTIVE = "not active (etatAdministratifEtablissement is not A)"
OUTSIDE = "outside the territory"
ABROAD = "abroad (no commune, a codePaysEtrangerEtablissement)"
NOT_ESS = "of legal units not flagged ESS (economieSocialeSolidaireUniteLegale is not O)"


def _records(path: Path, options: SireneOptions, territory: TerritoryFilter, builder: _Builder,
             problems: Problems, count: RowCount) -> Iterator[Record]:
    table = read_csv(path, problems, encoding=options.encoding)
    require_columns(table, problems, ESTABLISHMENT_COLUMNS)
    source = source_file(path, "Établissements du répertoire SIRENE (INSEE), fichier StockEtablissement.")
    ess_only = not options.all_establishments
    if ess_only and options.units is None and ESS_FLAG not in table.columns:
        where = table.where
        raise OptionError(lambda name: f"{where}: the ESS flag is a column of StockUniteLegale: give that file "
                          f"({name('units')}) or import every establishment ({name('all_establishments')})")
    with SeenKeys() as seen:
        units = _Units(table, options.units, options, problems, count.notes, seen)
        try:
            yield source.triples() + (units.source.triples() if units.source else [])
            count.position = table.position
            yield from _joined(table, source, units, ess_only, territory, builder, seen, problems, count)
            units.finish()
        finally:
            units.close()
    count.finish()
    problems.raise_if_any()


def _joined(table: Table, source: SourceFile, units: _Units, ess_only: bool, territory: TerritoryFilter,
            builder: _Builder, seen: SeenKeys, problems: Problems, count: RowCount) -> Iterator[Record]:
    cell = Columns(table.columns).getter
    siren_of, commune_of = cell("siren"), cell("codeCommuneEtablissement")
    state_of, country_of = cell("etatAdministratifEtablissement"), cell("codePaysEtrangerEtablissement")
    leave_out, accepts, filtering = count.leave_out, territory.accepts, bool(territory)
    for line, cells in table.records:  # the hot loop: most rows stop at the first tests
        count.read()
        if state_of(cells) != ACTIVE:
            leave_out(NOT_ACTIVE)
            continue
        commune = commune_of(cells)
        if not commune and country_of(cells):
            leave_out(ABROAD)
            continue
        if filtering and not accepts(commune):
            leave_out(OUTSIDE)
            continue
        siren = siren_of(cells)
        if not siren:
            problems.add(table.where, line, "siren", "empty: every establishment has the SIREN of its legal unit")
            continue
        unit = units.of(line, cells, siren)
        if unit is not None and ess_only and unit.values.get(ESS_FLAG) != "O":
            count.leave_out(NOT_ESS)
            continue
        kept = _establishment(builder, table, line, cells, unit, units, seen, problems)
        if kept is None or unit is None:
            continue
        count.keep()
        section = source.row(line)
        record = source.row_triples(line)
        if seen.first("organisation", siren, line) is None:
            record += builder.organisation(kept.node, kept.known, siren, unit.values, kept.rna, unit.section or section)
            if unit.source is not None:
                record += unit.source.row_triples(unit.line) + [(kept.node, PROV.wasDerivedFrom, section)]
        record += _site(builder, kept, unit.values, section)
        record += record_shortcuts(record, builder.vocab.shortcut_rules)
        yield record


@dataclass(frozen=True)
class _Kept:
    """An establishment row that passed the checks: its cells (as read and checked), the node of
    its organisation, whether a graph already has that node, and the unit's RNA number."""

    values: dict[str, str]
    checked: dict[str, Any]
    node: URIRef
    known: bool
    rna: str | None
    street: str
    """The address line ('' when unknown or not disclosed)."""
    town: str


def _repeated_siren(first: int, siren: str) -> str:
    return f"same SIREN as line {first} ({siren}): a legal unit is one row; the first is used"


def _unit_checked(unit: _Unit, siren: str, units: _Units, seen: SeenKeys, problems: Problems) -> dict[str, Any] | None:
    """The legal unit's checked cells, its problems reported once however many establishments it has."""
    first_time = seen.first("unit", f"{unit.where}:{unit.line}", unit.line) is None
    for line in unit.repeated if first_time else ():
        problems.add(unit.where, line, "siren", _repeated_siren(unit.line, siren))
        units.reported.add(line)
    return check_cells(unit.where, unit.line, {
        "categorieJuridiqueUniteLegale": (unit.values.get("categorieJuridiqueUniteLegale", ""), _category),
        "identifiantAssociationUniteLegale": (unit.values.get("identifiantAssociationUniteLegale", ""), checks.rna),
        "dateCreationUniteLegale": (unit.values.get("dateCreationUniteLegale", ""), checks.iso_date),
    }, problems if first_time else Problems())


def _establishment(builder: _Builder, table: Table, line: int, cells: list[str], unit: _Unit | None, units: _Units,
                   seen: SeenKeys, problems: Problems) -> _Kept | None:
    """The establishment of a row, or None after reporting what is wrong with it (every problem)."""
    values = row_values(table.columns, cells)
    checked = check_cells(table.where, line, {
        "siren": (values["siren"], checks.siren), "siret": (values["siret"], checks.siret),
        "codeCommuneEtablissement": (values["codeCommuneEtablissement"], checks.commune_code),
        "dateCreationEtablissement": (values.get("dateCreationEtablissement", ""), checks.iso_date),
        "codePostalEtablissement": (_disclosed(values.get("codePostalEtablissement", "")), checks.postal_code),
    }, problems)
    siren = values["siren"]
    if unit is None:
        problems.add(table.where, line, "siren", f"SIREN {siren} is not in {units.where}: its legal unit (ESS flag, "
                     "name, legal category) is unknown; are both files of the same edition?")
        return None
    unit_checked = _unit_checked(unit, siren, units, seen, problems)
    if checked is None or unit_checked is None:
        return None
    if not checked["codeCommuneEtablissement"]:
        problems.add(table.where, line, "codeCommuneEtablissement", "empty: an establishment in France has a commune")
        return None
    if not checked["siret"] or checked["siret"][:9] != checked["siren"]:
        problems.add(table.where, line, "siret", f"SIRET '{values['siret']}' is not an establishment of SIREN {siren}")
        return None
    address = _disclosed(street(*(values.get(f"{part}Etablissement", "") for part in ADDRESS_PARTS)))
    town = values.get("libelleCommuneEtablissement", "") or builder.communes.name(checked["codeCommuneEtablissement"])
    if (address or checked["codePostalEtablissement"]) and not town:
        problems.add(table.where, line, "libelleCommuneEtablissement", "empty: the address needs its town, and the "
                     f"graph does not know commune {checked['codeCommuneEtablissement']}")
        return None
    earlier = seen.first("siret", checked["siret"], line)
    if earlier is not None:
        problems.add(table.where, line, None, f"same SIRET as line {earlier.line} ({checked['siret']}): an "
                     "establishment is one row; delete one or correct its SIRET")
        return None
    rna = unit_checked["identifiantAssociationUniteLegale"]
    try:
        node, known = builder.index.node_for(Identifiers(siren=siren, rna=rna), remember=False)
    except IdentityConflict as exc:
        problems.add(table.where, line, None, str(exc))
        return None
    return _Kept(values, checked, node, known, rna, address, town)


def _site(builder: _Builder, kept: _Kept, unit: dict[str, str], section: URIRef) -> Record:
    organisation, values, checked = kept.node, kept.values, kept.checked
    siret = checked["siret"]
    site = ESSD[f"site-{siret}"]
    commune, commune_record = builder.communes.node(checked["codeCommuneEtablissement"], section, kept.town)
    name = next((v for v in (values.get("enseigne1Etablissement"), values.get("denominationUsuelleEtablissement"),
                             _unit_name(unit)) if v and HIDDEN not in v), "")
    town = kept.town
    record: Record = commune_record + [
        (organisation, ORG.hasSite, site), (site, RDF.type, ESS.Site), (site, ESS.siret, Literal(siret)),
        (site, ESS.locatedIn, commune), (site, ESS.status, builder.done), (site, PROV.wasDerivedFrom, section),
    ]
    label = ", ".join(p for p in (name, town) if p)
    record += [(site, RDFS.label, Literal(label))] if label else []
    sector = builder.sector(values.get("activitePrincipaleEtablissement", ""),
                            values.get("nomenclatureActivitePrincipaleEtablissement", ""))
    record += [(site, ESS.sector, sector)] if sector else []
    if checked.get("dateCreationEtablissement"):
        record.append((site, ESS.startDate, Literal(checked["dateCreationEtablissement"].isoformat(),
                                                    datatype=XSD.date)))
    record += address_triples(site, ESSD[f"address-{siret}"], section, street_address=kept.street,
                              postal_code=checked["codePostalEtablissement"] or "", locality=town)
    if values.get("etablissementSiege") == "true":
        record.append((site, DCTERMS.description, Literal("Siège de l'unité légale.", lang="fr")))
    return record


def _run(job: Job[SireneOptions]) -> Run:
    sirene = import_sirene(job.paths[0], job.graph, job.options, problems=job.problems, progress=job.progress)
    return Run(sirene, sirene.notes)


IMPORTER = register(Importer(
    name="sirene",
    purpose="Import active establishments of the SIRENE stock, streamed, filtered by territory and ESS flag.",
    options=SireneOptions, run=_run, input=Input("establishments"), lenient=True, progress=True,
    example=Example(("StockEtablissement_utf8.csv",),
                    SireneOptions(departements=("62",), units=Path("StockUniteLegale_utf8.csv")), "sirene-62.nt")))
