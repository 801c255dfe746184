"""Importing associations from the RNA (Répertoire national des associations), streamed.

The RNA "waldec" export has one row per association, separated by semicolons: its number
(``id``, W + 9 characters), SIRET when it has one, title, purpose, dates, seat address with the
commune's INSEE code (``adrs_codeinsee``) and ``position`` (A active, D dissolved, S deleted).
Every association is an SSE structure (law 2014-856, article 1) with the legal form of a
declared association. Dissolved ones are left out unless asked for, then dated with
``ess:endDate``.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ..vocab.namespaces import ESS, ESSD, ORG
from ..vocab.shortcuts import record_shortcuts
from .common import checks
from .common.concepts import vocabulary
from .common.identity import Identifiers, IdentityConflict, IdentityIndex
from .common.notes import Imported
from .common.options import TerritoryOptions, encoding_option, option
from .common.places import Communes, address_triples, street
from .common.problems import Problems
from .common.provenance import source_file
from .common.seen import SeenKeys, content_digest
from .common.streaming import Columns, Progress, RowCount, TerritoryFilter, check_cells, row_values
from .common.tables import read_csv, require_columns
from .common.triples import Record, described
from .registry import Example, Importer, Input, Job, Run, register

REQUIRED = ("id", "siret", "titre", "adrs_codeinsee", "position", "date_creat")
ACTIVE, DISSOLVED = "A", "D"
NO_DATE = "0001-01-01"
"""What the RNA writes for a date it does not have."""
DECLARED_ASSOCIATION = "9220"


def _date(text: str) -> date | None:
    return None if text == NO_DATE else checks.iso_date(text)


CHECKS = (("id", checks.rna), ("siret", checks.siret), ("adrs_codeinsee", checks.commune_code), ("date_creat", _date),
          ("date_disso", _date), ("adrs_codepostal", checks.postal_code))
"""The columns checked in every kept row, and how."""
NAMED = ("id", "titre")
"""The columns every association fills in."""


@dataclass(frozen=True)
class RnaOptions(TerritoryOptions):
    """Which associations an RNA import keeps, and how its file is read.

    >>> RnaOptions(include_dissolved=True).territory().accepts("59350")
    True
    """

    include_dissolved: bool = option(False, help="Also keep dissolved associations, with their end date.")
    encoding: str = encoding_option()


def import_rna(path: Path | str, graph: Graph, options: RnaOptions | None = None, *, problems: Problems | None = None,
               progress: Progress | None = None) -> Imported:
    """The records of the associations of an RNA waldec file kept by the options, read as they are
    iterated; its notes say how many rows were kept and left out, by reason.

    Two rows of one RNA number (or of one SIRET) are reported, never merged into one node: with
    a lenient ``problems`` the second is left out and the first kept.

    >>> from rdflib import Graph
    >>> records = import_rna("rna_waldec_20250101_dpt_62.csv", Graph(), RnaOptions(departements=("62",)))
    >>> next(records)
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: rna_waldec_20250101_dpt_62.csv: cannot open (No such file or directory)
    """
    options = options if options is not None else RnaOptions()
    count = RowCount(progress, lambda: 0)
    records = _records(Path(path), graph, options, options.territory(),
                       problems if problems is not None else Problems(), count)
    return Imported(records, count.lines)


POSITIONS = {ACTIVE: "active", DISSOLVED: "dissolved", "S": "deleted"}
"""The RNA's positions: A active, D dissolved, S deleted (supprimée)."""


def _left_out(position: str) -> str:
    return f"{POSITIONS[position]} (position {position})" if position in POSITIONS else f"of position '{position}'"


def _duplicate(seen: SeenKeys, key: str, value: str, line: int, content: str) -> str | None:
    earlier = seen.first(key, value, line, content)
    if earlier is None:
        return None
    what = "RNA number" if key == "id" else "SIRET"
    told = f"same {what} as line {earlier.line} ({value})"
    return told + ("; the rows are identical: delete one" if earlier.identical else
                   ", with other values: one association is one row; delete one or correct its number")


def _records(path: Path, graph: Graph, options: RnaOptions, territory: TerritoryFilter, problems: Problems,
             count: RowCount) -> Iterator[Record]:
    vocab = vocabulary()
    index = IdentityIndex.from_graph(graph)
    communes = Communes(index, graph)
    table = read_csv(path, problems, encoding=options.encoding)
    require_columns(table, problems, REQUIRED)
    source = source_file(path, "Associations du Répertoire national des associations (RNA), export waldec.")
    cell = Columns(table.columns).getter
    commune_of, position_of = cell("adrs_codeinsee"), cell("position")
    positions = (ACTIVE, DISSOLVED) if options.include_dissolved else (ACTIVE,)
    form = vocab.legal_forms.by_notation[DECLARED_ASSOCIATION]
    done = vocab.statuses.by_notation["done"]
    yield source.triples()
    count.position = table.position
    disagreeing: list[str] = []
    with SeenKeys() as seen:
        for line, cells in table.records:
            count.read()
            if position_of(cells) not in positions:
                count.leave_out(_left_out(position_of(cells)))
                continue
            if not territory.accepts(commune_of(cells)):
                count.leave_out("outside the territory")
                continue
            values = row_values(table.columns, cells)
            checked = check_cells(table.where, line,
                                  {column: (values.get(column, ""), parse) for column, parse in CHECKS}, problems)
            unnamed = [column for column in NAMED if not values.get(column)]
            for column in unnamed:
                problems.add(table.where, line, column, "empty: every association has one")
            if checked is not None and checked["date_creat"] and checked["date_disso"] \
                    and checked["date_disso"] < checked["date_creat"]:
                problems.add(table.where, line, "date_disso", f"'{values['date_disso']}' is before the creation date "
                             f"{values['date_creat']}")
                checked = None
            if checked is not None and checked["adrs_codeinsee"]:
                checked["town"] = values.get("adrs_libcommune", "") or communes.name(checked["adrs_codeinsee"])
                if (_street(values) or checked["adrs_codepostal"]) and not checked["town"]:
                    problems.add(table.where, line, "adrs_libcommune", "empty: the address needs its town, and the "
                                 f"graph does not know commune {checked['adrs_codeinsee']}")
                    checked = None
            if checked is None or unnamed:
                continue
            try:
                node, known = index.node_for(Identifiers(siret=checked["siret"], rna=checked["id"]), remember=False)
            except IdentityConflict as exc:
                problems.add(table.where, line, None, str(exc))
                continue
            content = content_digest(cells)
            duplicates = [told for key in ("id", "siret") if checked[key]
                          if (told := _duplicate(seen, key, checked[key], line, content)) is not None]
            if duplicates:
                problems.add(table.where, line, None, duplicates[0])
                continue
            count.keep()
            section = source.row(line)
            record = source.row_triples(line) + _association(graph, node, known, checked, values, form,
                                                             position_of(cells) == DISSOLVED, section)
            kept_dates = _agreeing(graph, node, record) if known else record
            if len(kept_dates) < len(record):
                disagreeing.append(f"{table.where}:{line}")
                record = kept_dates
            if checked["adrs_codeinsee"]:
                record += _seat(node, checked, values, communes, done, section)
            record += record_shortcuts(record, vocab.shortcut_rules)
            yield record
    count.finish()
    if disagreeing:
        plural = "s" if len(disagreeing) > 1 else ""
        count.notes.remark(f"{len(disagreeing)} founding or dissolution date{plural} not written: the graph gives the "
                           f"association another one (first at {disagreeing[0]})")
    problems.raise_if_any()


def _agreeing(graph: Graph, node: URIRef, record: Record) -> Record:
    """The record without the dates a node of the graph already has with another value (a node
    has one founding date): the graph's curated value is kept, and the import counts the others."""
    def disagrees(triple: tuple[Any, Any, Any]) -> bool:
        subject, prop, value = triple
        known = graph.value(subject, prop) if subject == node and prop in (ESS.foundingDate, ESS.endDate) else None
        return known is not None and known != value
    return [triple for triple in record if not disagrees(triple)]


def _association(graph: Graph, node: URIRef, known: bool, checked: dict[str, Any], values: dict[str, str],
                 form: URIRef, dissolved: bool, section: URIRef) -> Record:
    """An association's identifiers and dates, and its class, names and purpose (of a node the
    graph has, only what the graph already says)."""
    record: Record = [(node, PROV.wasDerivedFrom, section), (node, ESS.rnaNumber, Literal(checked["id"]))]
    if checked["siret"]:
        record += [(node, ESS.siret, Literal(checked["siret"])), (node, ESS.siren, Literal(checked["siret"][:9]))]
    description: Record = [(node, RDF.type, ESS.ESSStructure), (node, RDFS.label, Literal(values["titre"], lang="fr")),
                           (node, ESS.legalForm, form)]
    short = values.get("titre_court", "")
    description += [(node, SKOS.altLabel, Literal(short, lang="fr"))] if short and short != values["titre"] else []
    description += [(node, DCTERMS.description, Literal(values["objet"], lang="fr"))] if values.get("objet") else []
    record += described(graph, known, description)
    if checked["date_creat"]:
        record.append((node, ESS.foundingDate, Literal(checked["date_creat"].isoformat(), datatype=XSD.date)))
    if dissolved and checked["date_disso"]:
        record.append((node, ESS.endDate, Literal(checked["date_disso"].isoformat(), datatype=XSD.date)))
    return record


def _street(values: dict[str, str]) -> str:
    return street(values.get("adrs_numvoie", ""), values.get("adrs_repetition", ""), values.get("adrs_typevoie", ""),
                  values.get("adrs_libvoie", ""))


def _seat(node: URIRef, checked: dict[str, Any], values: dict[str, str], communes: Communes, done: URIRef,
          section: URIRef) -> Record:
    number = checked["id"]
    site = ESSD[f"site-{number.lower()}"]
    commune, record = communes.node(checked["adrs_codeinsee"], section, checked["town"])
    town = checked["town"]
    record = record + [(node, ORG.hasSite, site), (site, RDF.type, ESS.Site), (site, ESS.locatedIn, commune),
                       (site, ESS.status, done), (site, PROV.wasDerivedFrom, section),
                       (site, RDFS.label, Literal(", ".join(p for p in (values["titre"], town) if p), lang="fr"))]
    return record + address_triples(site, ESSD[f"address-{number.lower()}"], section, street_address=_street(values),
                                    postal_code=checked["adrs_codepostal"] or "", locality=town)


def _run(job: Job[RnaOptions]) -> Run:
    imported = import_rna(job.paths[0], job.graph, job.options, problems=job.problems, progress=job.progress)
    return Run(imported, imported.notes)


IMPORTER = register(Importer(
    name="rna", purpose="Import associations of the RNA (waldec export), streamed, filtered by territory.",
    options=RnaOptions, run=_run, input=Input("file"), lenient=True, progress=True,
    example=Example(("rna_waldec_20250101_dpt_62.csv",), RnaOptions(departements=("62",)), "rna-62.nt")))
