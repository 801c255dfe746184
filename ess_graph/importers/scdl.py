"""Importing grants published in the national SCDL *subventions* schema (version 2.1.1).

The schema (a Table Schema by OpenDataFrance, on schema.data.gouv.fr) has one row per grant and
beneficiary: the grantor by SIRET, the beneficiary by SIRET or RNA number, the convention date,
the purpose, the total amount and the beneficiary's share of it, the nature (cash, in kind) and
the payment terms. Each row becomes an ``ess:Funding`` whose amount is the beneficiary's share.
Rows are checked against the schema's rules (required fields, patterns, allowed values, the
SIRET check digit of its custom checks, one of SIRET and RNA) and every problem is reported.
Columns added by later versions are ignored; the optional ones may be missing (files of 2.0).
"""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..vocab.namespaces import ESS, ESSD
from ..vocab.shortcuts import record_shortcuts
from .common import checks
from .common.concepts import vocabulary
from .common.identity import Identifiers, IdentityConflict, IdentityIndex
from .common.options import EncodingOptions
from .common.problems import Problems
from .common.provenance import source_file
from .common.seen import SeenKeys, content_digest
from .common.tables import Row, check_columns, read_csv
from .common.triples import Record, described
from .registry import Example, Importer, Input, Job, Run, register

SCHEMA_URL = "https://schema.data.gouv.fr/scdl/subventions/2.1.1/"
REQUIRED = ("nomAttribuant", "idAttribuant", "dateConvention", "nomBeneficiaire", "objet", "montant", "nature",
            "conditionsVersement", "datesPeriodeVersement", "notificationUE", "pourcentageSubvention")
OPTIONAL = ("referenceDecision", "idBeneficiaire", "rnaBeneficiaire", "idRAE", "dispositifAide")
NATURES = ("aide en numéraire", "aide en nature", "aide en numéraire;aide en nature",
           "aide en nature;aide en numéraire")
YES_NO = ("oui", "non")
MAX_TEXT = 256
MAX_RAE = 5
_PERIOD_SEPARATOR = "/"


@dataclass(frozen=True)
class Grant:
    """A checked SCDL row.

    >>> Grant("CA", "20009075100013", "2023-03-14", "Jardins", None, "W622001234", "Maraîchage", Decimal(40000),
    ...       Decimal("0.25"), "aide en numéraire", "échelonné", "2023-04-01", "").amount
    Decimal('10000.00')
    """

    grantor_name: str
    grantor_siret: str
    convention: str
    beneficiary_name: str
    beneficiary_siret: str | None
    beneficiary_rna: str | None
    purpose: str
    total: Decimal
    share: Decimal
    nature: str
    payment_terms: str
    payment_period: str
    decision: str

    @property
    def amount(self) -> Decimal:
        """What this beneficiary gets: its share of the total, to the cent."""
        return (self.total * self.share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _period(text: str) -> str:
    parts = text.split(_PERIOD_SEPARATOR)
    if len(parts) > 2:
        raise checks.BadValue(f"'{text}' is not a date or a period YYYY-MM-DD/YYYY-MM-DD")
    dates = [checks.iso_date(part) for part in parts]
    if len(dates) == 2 and dates[1] < dates[0]:
        raise checks.BadValue(f"'{text}' ends before it starts")
    return text.strip()


def _text(limit: int) -> Callable[[str], str]:
    def check(text: str) -> str:
        if len(text) > limit:
            raise checks.BadValue(f"{len(text)} characters: the schema allows at most {limit}")
        return text
    return check


RULES: dict[str, Callable[[str], Any]] = {
    "idAttribuant": checks.siret,
    "dateConvention": lambda t: checks.iso_date(t).isoformat(),
    "idBeneficiaire": checks.siret,
    "rnaBeneficiaire": checks.rna,
    "objet": _text(MAX_TEXT),
    "montant": checks.amount,
    "nature": lambda t: checks.choice(t, NATURES),
    "conditionsVersement": _text(MAX_TEXT),
    "datesPeriodeVersement": _period,
    "idRAE": _text(MAX_RAE),
    "notificationUE": lambda t: checks.choice(t, YES_NO),
    "pourcentageSubvention": lambda t: checks.decimal_number(t, minimum=Decimal("0.01"), maximum=Decimal(1)),
}


def check_grant(row: Row, problems: Problems) -> Grant | None:
    """The grant of a row, or None after reporting every problem of the row.

    >>> problems = Problems()
    >>> check_grant(Row("subventions.csv", 2, {"montant": "-5"}), problems), problems.total
    (None, 12)
    """
    values: dict[str, Any] = {}
    bad = False
    for column in (*REQUIRED, *OPTIONAL):
        text = row.get(column)
        if not text:
            if column in REQUIRED:
                problems.add(row.where, row.line, column, "empty: this field is required by the schema")
                bad = True
            values[column] = None
            continue
        try:
            values[column] = RULES.get(column, str)(text)
        except checks.BadValue as exc:
            problems.add(row.where, row.line, column, str(exc))
            bad = True
    if not row.get("idBeneficiaire") and not row.get("rnaBeneficiaire"):
        problems.add(row.where, row.line, "idBeneficiaire", "the beneficiary needs a SIRET or an RNA number")
        bad = True
    if bad:
        return None
    return Grant(values["nomAttribuant"], values["idAttribuant"], values["dateConvention"], values["nomBeneficiaire"],
                 values["idBeneficiaire"], values["rnaBeneficiaire"], values["objet"], values["montant"],
                 values["pourcentageSubvention"], values["nature"], values["conditionsVersement"],
                 values["datesPeriodeVersement"], values["referenceDecision"] or "")


def _terms(grant: Grant) -> str:
    percent = (grant.share * 100).normalize()
    share = f" ; {percent:f} % d'un montant total de {grant.total} €" if grant.share != 1 else ""
    decision = f" ; décision {grant.decision}" if grant.decision else ""
    return (f"{grant.nature.replace(';', ' et ').capitalize()} ; versement {grant.payment_terms} "
            f"({grant.payment_period}){decision}{share}.")


def grant_record(grant: Grant, index: IdentityIndex, section: URIRef, graph: Graph | None = None) -> Record:
    """The triples of one grant: grantor, beneficiary (of a node the index has, only what ``graph``
    already says of it) and the funding.

    >>> grant = Grant("CA", "20009075100013", "2023-03-14", "Jardins", None, "W622001234", "Maraîchage",
    ...               Decimal(40000), Decimal("0.25"), "aide en numéraire", "échelonné", "2023-04-01", "")
    >>> record = grant_record(grant, IdentityIndex(), ESSD["import-0123456789abcdef-row-2"])
    >>> sorted({str(o) for s, p, o in record if p == ESS.amount})
    ['10000.00']
    """
    vocab = vocabulary()
    record: Record = []
    grantor, known = index.node_for(Identifiers(siret=grant.grantor_siret), grant.grantor_name)
    graph = graph if graph is not None else Graph()
    record += _organisation(graph, grantor, known, grant.grantor_name, grant.grantor_siret, None, section)
    beneficiary_ids = Identifiers(siret=grant.beneficiary_siret, rna=grant.beneficiary_rna)
    beneficiary, known = index.node_for(beneficiary_ids, grant.beneficiary_name)
    record += _organisation(graph, beneficiary, known, grant.beneficiary_name, grant.beneficiary_siret,
                            grant.beneficiary_rna, section)
    key = "\x1f".join(map(str, (grantor, beneficiary, grant.convention, grant.decision, grant.purpose, grant.total,
                                grant.share, grant.payment_period)))
    funding = ESSD[f"funding-{hashlib.sha256(key.encode()).hexdigest()[:16]}"]
    record += [
        (funding, RDF.type, ESS.Funding), (funding, ESS.funder, grantor), (funding, ESS.recipient, beneficiary),
        (funding, ESS.amount, Literal(grant.amount, datatype=XSD.decimal)),
        (funding, ESS.startDate, Literal(grant.convention, datatype=XSD.date)),
        (funding, ESS.purpose, Literal(grant.purpose, lang="fr")),
        (funding, ESS.status, vocab.statuses.by_notation["done"]),
        (funding, DCTERMS.description, Literal(_terms(grant), lang="fr")),
        (funding, PROV.wasDerivedFrom, section),
    ]
    return record + record_shortcuts(record, vocab.shortcut_rules)


def _organisation(graph: Graph, node: URIRef, known: bool, name: str, siret: str | None, rna: str | None,
                  section: URIRef) -> Record:
    record: Record = [(node, PROV.wasDerivedFrom, section)]
    record += [(node, ESS.siret, Literal(siret)), (node, ESS.siren, Literal(siret[:9]))] if siret else []
    record += [(node, ESS.rnaNumber, Literal(rna))] if rna else []
    description: Record = [(node, RDF.type, ESS.ESSStructure if rna else ESS.Organisation),
                           (node, RDFS.label, Literal(name, lang="fr"))]
    description += [(node, ESS.legalForm, vocabulary().legal_forms.by_notation["9220"])] if rna else []
    return record + described(graph, known, description)


def import_subventions(path: Path | str, graph: Graph, *, encoding: str = "utf-8",
                       problems: Problems | None = None) -> Iterator[Record]:
    """Yield the records of an SCDL subventions file; InvalidInput at the end if any row is bad.

    Records are yielded while the file is read (a file of any size streams); the caller writes
    them to a temporary file that the final InvalidInput discards. Two rows of one grant (the same
    parties, date, decision, purpose, amount and period) would be one funding: the second is
    reported, whether it repeats the first or differs in other columns.

    >>> import tempfile
    >>> from ess_graph.errors import EssGraphError
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     empty = Path(folder) / "subventions.csv"
    ...     _ = empty.write_text("")
    ...     try:
    ...         list(import_subventions(empty, Graph()))
    ...     except EssGraphError as error:
    ...         print(str(error).endswith("subventions.csv: empty file (a header row is expected)"))
    True
    """
    path = Path(path)
    problems = problems if problems is not None else Problems()
    index = IdentityIndex.from_graph(graph)
    table = read_csv(path, problems, encoding=encoding)
    source = source_file(path, f"Conventions de subvention au schéma SCDL subventions ({SCHEMA_URL}).")
    usable = check_columns(table, problems, required=REQUIRED, optional=OPTIONAL, allow_unknown=True)
    yield source.triples() + [(source.node, DCTERMS.conformsTo, URIRef(SCHEMA_URL))]
    if usable:
        with SeenKeys() as seen:
            for row in table.rows():
                grant = check_grant(row, problems)
                if grant is None:
                    continue
                section = source.row(row.line)
                try:
                    record = grant_record(grant, index, section, graph)
                except IdentityConflict as exc:
                    problems.add(row.where, row.line, None, str(exc))
                    continue
                if _repeated(seen, row, record, problems):
                    continue
                yield source.row_triples(row.line) + record
    problems.raise_if_any()


def _repeated(seen: SeenKeys, row: Row, record: Record, problems: Problems) -> bool:
    """Whether an earlier row gave the same funding - the same IRI, hashed from what tells grants apart (reported)."""
    funding = next(s for s, p, o in record if p == RDF.type and o == ESS.Funding)
    earlier = seen.first("funding", str(funding), row.line, content_digest(row.values.values()))
    if earlier is None:
        return False
    problems.add(row.where, row.line, None, f"same grant as line {earlier.line} (" + (
        "an identical row: delete one)" if earlier.identical else
        "grantor, beneficiary, convention date, decision, purpose, amount and payment period), with other values in "
        "other columns: one funding cannot hold both; delete one or tell them apart"))
    return True


def _run(job: Job[EncodingOptions]) -> Run:
    return Run(import_subventions(job.paths[0], job.graph, encoding=job.options.encoding, problems=job.problems))


IMPORTER = register(Importer(
    name="subventions", purpose="Import grants published in the national SCDL subventions schema.",
    options=EncodingOptions, run=_run, input=Input("file"),
    example=Example(("subventions-2023.csv",), EncodingOptions(), "subventions.ttl")))
