"""Where imported nodes come from: the file as a prov:Entity, each row as a source section.

The file's IRI is built from a hash of its content, so that importing the same file again gives
the same IRIs (nothing changes), while a new edition of a register gets its own entity. Each row
becomes an ``ess:SourceSection`` (``dcterms:isPartOf`` the file, ``ess:lines`` its line), the
same shape as the sections of the shipped newsletter, so ``sources_of`` reads both alike.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from ...errors import EssGraphError
from ...vocab.namespaces import ESS, ESSD
from .triples import Record


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens.

    >>> slug("Terre d'Opale")
    'terre-d-opale'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's content, read in chunks (registers are gigabytes); a file that
    cannot be read is an :class:`~ess_graph.errors.EssGraphError` that names it.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as empty:
    ...     file_digest(Path(empty.name))[:16]
    'e3b0c44298fc1c14'
    >>> file_digest(Path("subventions-2023.csv"))
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: subventions-2023.csv: cannot open (No such file or directory)
    """
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise EssGraphError(f"{path}: cannot open ({exc.strerror})") from None
    return digest.hexdigest()


@dataclass(frozen=True)
class SourceFile:
    """An imported file, and the sections (rows) that nodes are derived from.

    >>> source = SourceFile(ESSD["import-0123456789abcdef"], "ess-graph.xlsx", "0" * 64, "Tableau.")
    >>> source.row(3, "fundings")
    rdflib.term.URIRef('https://w3id.org/ess-graph/id/import-0123456789abcdef-fundings-row-3')
    """

    node: URIRef
    name: str
    digest: str
    description: str

    def triples(self) -> Record:
        return [
            (self.node, RDF.type, PROV.Entity),
            (self.node, RDFS.label, Literal(self.name)),
            (self.node, ESS.sourceFile, Literal(self.name)),
            (self.node, DCTERMS.identifier, Literal(f"sha256:{self.digest}")),
            (self.node, DCTERMS.description, Literal(self.description, lang="fr")),
        ]

    def row(self, line: int, sheet: str | None = None) -> URIRef:
        """The section standing for one row (of one sheet, for a workbook)."""
        part = f"-{slug(sheet)}" if sheet else ""
        return URIRef(f"{self.node}{part}-row-{line}")

    def row_triples(self, line: int, sheet: str | None = None) -> Record:
        section = self.row(line, sheet)
        where = f"{self.name} [{sheet}]" if sheet else self.name
        return [
            (section, RDF.type, ESS.SourceSection),
            (section, DCTERMS.isPartOf, self.node),
            (section, ESS.lines, Literal(str(line))),
            (section, RDFS.label, Literal(f"{where}, ligne {line}", lang="fr")),
        ]


def source_file(path: Path, description: str) -> SourceFile:
    """The entity of a file about to be imported (its content is hashed once, in chunks).

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".csv") as empty:
    ...     source_file(Path(empty.name), "Tableau vide.").node
    rdflib.term.URIRef('https://w3id.org/ess-graph/id/import-e3b0c44298fc1c14')
    """
    digest = file_digest(path)
    return SourceFile(ESSD[f"import-{digest[:16]}"], Path(path).name, digest, description)
