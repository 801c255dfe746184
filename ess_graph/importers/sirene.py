"""Importing establishments from INSEE's SIRENE stock files, streamed.

``StockEtablissement`` has one row per establishment; the legal unit's ESS flag
(``economieSocialeSolidaireUniteLegale``), legal category and name are in ``StockUniteLegale``.
INSEE publishes both sorted by SIREN, so they are joined by walking them side by side (a merge
join): memory stays constant whatever their size. A file that already carries the legal-unit
columns (some redistributions join them) needs no second file.

Each kept establishment gives a site (``ess:Site`` with its SIRET, address, commune and NAF
sector) of its organisation (SIREN, name, legal form from the INSEE category, sector, ESS class
when flagged); the organisation is written once, at its first establishment.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..errors import EssGraphError
from ..vocab.namespaces import ESS, ESSD, ORG
from ..vocab.shortcuts import record_shortcuts
from .common import checks
from .common.concepts import Vocabulary, vocabulary
from .common.identity import Identifiers, IdentityConflict, IdentityIndex
from .common.options import OptionError, TerritoryOptions, encoding_option, option
from .common.places import Communes, address_triples, street
from .common.problems import Problems
from .common.provenance import SourceFile, source_file
from .common.streaming import Columns, Progress, RowCount, TerritoryFilter, check_cells, row_values
from .common.tables import Table, read_csv, require_columns
from .common.triples import Record
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


class _UnitReader:
    """The legal units, read in SIREN order alongside the establishments."""

    def __init__(self, table: Table):
        self.table = table
        self.records = table.records
        self.cells = Columns(table.columns).getter
        self.siren_of = self.cells("siren")
        self.current: tuple[int, list[str]] | None = None
        self.last = ""

    def find(self, siren: str) -> tuple[int, list[str]] | None:
        while self.current is None or self.siren_of(self.current[1]) < siren:
            self.current = next(self.records, None)
            if self.current is None:
                return None
            found = self.siren_of(self.current[1])
            if found < self.last:
                raise EssGraphError(f"{self.table.where}:{self.current[0]}: not sorted by SIREN ({found} after "
                                    f"{self.last}); the join needs the file in SIREN order, as INSEE publishes it")
            self.last = found
        return self.current if self.siren_of(self.current[1]) == siren else None


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

    def __init__(self, vocab: Vocabulary, index: IdentityIndex):
        self.vocab = vocab
        self.index = index
        self.communes = Communes(index)
        self.unmapped: dict[str, int] = {}
        self.done = vocab.statuses.by_notation["done"]

    def sector(self, naf: str, nomenclature: str) -> URIRef | None:
        return self.vocab.sector_for_naf(naf) if nomenclature == NAF_REV2 and naf else None

    def organisation(self, node: URIRef, known: bool, siren: str, unit: dict[str, str], rna: str | None,
                     section: URIRef) -> Record:
        record: Record = [(node, PROV.wasDerivedFrom, section), (node, ESS.siren, Literal(siren))]
        record += [(node, ESS.rnaNumber, Literal(rna))] if rna else []
        if known or not unit:
            return record
        category = unit.get("categorieJuridiqueUniteLegale", "")
        record.append((node, RDF.type, _organisation_class(unit.get(ESS_FLAG, ""),
                                                           category)))
        name = _unit_name(unit)
        record += [(node, RDFS.label, Literal(name))] if name else []
        if category:
            form = self.vocab.legal_form_for_category(category)
            if form is None:
                self.unmapped[category] = self.unmapped.get(category, 0) + 1
            else:
                record.append((node, ESS.legalForm, form))
        sector = self.sector(unit.get("activitePrincipaleUniteLegale", ""),
                             unit.get("nomenclatureActivitePrincipaleUniteLegale", ""))
        record += [(node, ESS.sector, sector)] if sector else []
        created = unit.get("dateCreationUniteLegale")
        record += [(node, ESS.foundingDate, Literal(created, datatype=XSD.date))] if created else []
        return record


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

    @property
    def section(self) -> URIRef | None:
        return self.source.row(self.line) if self.source is not None else None


class _Units:
    """Where the establishments' legal units are: StockUniteLegale, walked alongside them in SIREN
    order, or their own columns, or nowhere."""

    def __init__(self, establishments: Table, units: Table | None, source: SourceFile | None):
        self.establishments = establishments
        self.table = units
        self.source = source
        self.reader = _UnitReader(units) if units is not None else None
        self.inline = units is None and ESS_FLAG in establishments.columns

    def known(self) -> bool:
        """Whether the legal units (and so their ESS flag) are known at all."""
        return self.reader is not None or self.inline

    def of(self, line: int, cells: list[str], siren: str) -> _Unit:
        """The legal unit of an establishment row; no values when the units file lacks it."""
        establishments = self.establishments
        if self.reader is not None and self.table is not None:
            found = self.reader.find(siren)
            if found is not None:
                return _Unit(row_values(self.table.columns, found[1]), self.table.where, found[0], self.source)
        elif self.inline:
            return _Unit(row_values(establishments.columns, cells), establishments.where, line)
        return _Unit({}, establishments.where, line)


def _open_units(path: Path | None, problems: Problems, encoding: str) -> tuple[Table | None, SourceFile | None]:
    if path is None:
        return None, None
    table = read_csv(path, problems, encoding=encoding)
    require_columns(table, problems, UNIT_COLUMNS)
    return table, source_file(path, "Unités légales du répertoire SIRENE (INSEE), fichier StockUniteLegale.")


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


class SireneImport:
    """The records of a SIRENE import, read as they are iterated (once), and what it left aside.

    >>> from rdflib import Graph
    >>> sirene = import_sirene("StockEtablissement_utf8.csv", Graph())
    >>> sirene.summary
    SireneSummary(unmapped_categories={})
    """

    def __init__(self, records: Iterator[Record], builder: _Builder):
        self._records = records
        self._builder = builder

    def __iter__(self) -> Iterator[Record]:
        return self._records

    @property
    def summary(self) -> SireneSummary:
        """What the import left aside so far (all of it once the records are read)."""
        return SireneSummary(dict(self._builder.unmapped))


def import_sirene(establishments: Path | str, graph: Graph, options: SireneOptions | None = None, *,
                  problems: Problems | None = None, progress: Progress | None = None) -> SireneImport:
    """The records of the active establishments of ``establishments`` kept by the options.

    ``options.units`` is StockUniteLegale, joined by SIREN (both files in SIREN order). Unless
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
    builder = _Builder(vocabulary(), IdentityIndex.from_graph(graph))
    records = _records(Path(establishments), options, options.territory(), builder,
                       problems if problems is not None else Problems(), progress)
    return SireneImport(records, builder)


def _records(path: Path, options: SireneOptions, territory: TerritoryFilter, builder: _Builder,
             problems: Problems, progress: Progress | None) -> Iterator[Record]:
    table = read_csv(path, problems, encoding=options.encoding)
    require_columns(table, problems, ESTABLISHMENT_COLUMNS)
    source = source_file(path, "Établissements du répertoire SIRENE (INSEE), fichier StockEtablissement.")
    unit_table, unit_source = _open_units(options.units, problems, options.encoding)
    units = _Units(table, unit_table, unit_source)
    ess_only = not options.all_establishments
    if ess_only and not units.known():
        where = table.where
        raise OptionError(lambda name: f"{where}: the ESS flag is a column of StockUniteLegale: give that file "
                          f"({name('units')}) or import every establishment ({name('all_establishments')})")
    cell = Columns(table.columns).getter
    siren_of, commune_of = cell("siren"), cell("codeCommuneEtablissement")
    state_of = cell("etatAdministratifEtablissement")
    yield source.triples() + (unit_source.triples() if unit_source else [])
    count = RowCount(progress, table.position)
    previous_siren = ""
    for line, cells in table.records:
        count.read()
        if state_of(cells) != ACTIVE or not territory.accepts(commune_of(cells)):
            continue
        siren = siren_of(cells)
        unit = units.of(line, cells, siren)
        if ess_only and unit.values.get(ESS_FLAG) != "O":
            continue
        kept = _establishment(builder, table, line, cells, unit, units, problems)
        if kept is None:
            continue
        count.keep()
        section = source.row(line)
        record = source.row_triples(line)
        if siren != previous_siren:
            record += builder.organisation(kept.node, kept.known, siren, unit.values, kept.rna, unit.section or section)
            if unit.source is not None:
                record += unit.source.row_triples(unit.line) + [(kept.node, PROV.wasDerivedFrom, section)]
            previous_siren = siren
        record += _site(builder, kept, unit.values, section)
        record += record_shortcuts(record, builder.vocab.shortcut_rules)
        yield record
    count.finish()
    problems.raise_if_any()


@dataclass(frozen=True)
class _Kept:
    """An establishment row that passed the checks: its cells (as read and checked), the node of
    its organisation, whether a graph already has that node, and the unit's RNA number."""

    values: dict[str, str]
    checked: dict[str, Any]
    node: URIRef
    known: bool
    rna: str | None


def _establishment(builder: _Builder, table: Table, line: int, cells: list[str], unit: _Unit, units: _Units,
                   problems: Problems) -> _Kept | None:
    """The establishment of a row, or None after reporting what is wrong with it."""
    values = row_values(table.columns, cells)
    checked = check_cells(table.where, line, {
        "siren": (values["siren"], checks.siren), "siret": (values["siret"], checks.siret),
        "codeCommuneEtablissement": (values["codeCommuneEtablissement"], checks.commune_code),
        "dateCreationEtablissement": (values.get("dateCreationEtablissement", ""), checks.iso_date),
        "codePostalEtablissement": (_disclosed(values.get("codePostalEtablissement", "")), checks.postal_code),
    }, problems)
    unit_checked = check_cells(unit.where, unit.line, {
        "categorieJuridiqueUniteLegale": (unit.values.get("categorieJuridiqueUniteLegale", ""), _category),
        "identifiantAssociationUniteLegale": (unit.values.get("identifiantAssociationUniteLegale", ""), checks.rna),
        "dateCreationUniteLegale": (unit.values.get("dateCreationUniteLegale", ""), checks.iso_date),
    }, problems)
    if checked is None or unit_checked is None:
        return None
    siren = values["siren"]
    if not checked["siret"] or checked["siret"][:9] != checked["siren"]:
        problems.add(table.where, line, "siret", f"SIRET '{values['siret']}' is not an establishment of SIREN {siren}")
        return None
    if units.table is not None and not unit.values:
        problems.add(table.where, line, "siren", f"SIREN {siren} is not in {units.table.where}")
        return None
    rna = unit_checked["identifiantAssociationUniteLegale"]
    try:
        node, known = builder.index.node_for(Identifiers(siren=siren, rna=rna), remember=False)
    except IdentityConflict as exc:
        problems.add(table.where, line, None, str(exc))
        return None
    return _Kept(values, checked, node, known, rna)


def _site(builder: _Builder, kept: _Kept, unit: dict[str, str], section: URIRef) -> Record:
    organisation, values, checked = kept.node, kept.values, kept.checked
    siret = checked["siret"]
    site = ESSD[f"site-{siret}"]
    commune, commune_record = builder.communes.node(checked["codeCommuneEtablissement"], section)
    name = next((v for v in (values.get("enseigne1Etablissement"), values.get("denominationUsuelleEtablissement"),
                             _unit_name(unit)) if v and HIDDEN not in v), "")
    town = values.get("libelleCommuneEtablissement", "")
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
    line = street(values.get("numeroVoieEtablissement", ""), values.get("indiceRepetitionEtablissement", ""),
                  values.get("typeVoieEtablissement", ""), values.get("libelleVoieEtablissement", ""))
    if HIDDEN not in line:
        record += address_triples(site, ESSD[f"address-{siret}"], section, street_address=line,
                                  postal_code=checked["codePostalEtablissement"] or "", locality=town)
    if values.get("etablissementSiege") == "true":
        record.append((site, DCTERMS.description, Literal("Siège de l'unité légale.", lang="fr")))
    return record


def _run(job: Job[SireneOptions]) -> Run:
    sirene = import_sirene(job.paths[0], job.graph, job.options, problems=job.problems, progress=job.progress)
    return Run(sirene, lambda: sirene.summary.notes())


IMPORTER = register(Importer(
    name="sirene",
    purpose="Import active establishments of the SIRENE stock, streamed, filtered by territory and ESS flag.",
    options=SireneOptions, run=_run, input=Input("establishments"), lenient=True, progress=True,
    example=Example(("StockEtablissement_utf8.csv",),
                    SireneOptions(departements=("62",), units=Path("StockUniteLegale_utf8.csv")), "sirene-62.nt")))
