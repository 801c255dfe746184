"""Writing triples as they come, as N-Triples or Turtle, in constant memory.

Importers yield *records*: the few triples one input row gives (an organisation, its site, a
funding...). The writer turns each record into text at once and forgets it, so an import of a
national register never holds a graph in memory; a store can take the same records directly.
The Turtle output groups a record's triples by subject and uses the project's prefixes, so that
an imported file reads like the hand-written graph.
"""

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ...errors import EssGraphError
from ...io.files import write_atomically
from ...vocab.namespaces import PREFIXES

Triple = tuple[Node, Node, Node]
Record = list[Triple]

FORMATS = {".nt": "nt", ".ttl": "turtle"}
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_NAMESPACE_PREFIX = {str(namespace): prefix for prefix, namespace in PREFIXES.items()}
_XSD = str(XSD)
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def output_format(path: Path) -> str:
    """'nt' or 'turtle', from the output file's extension.

    >>> output_format(Path("sirene-62.nt")), output_format(Path("mes-acteurs.TTL"))
    ('nt', 'turtle')
    """
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise EssGraphError(f"{path}: the output must end in .ttl (Turtle) or .nt (N-Triples)") from None


def _iri(node: URIRef, turtle: bool) -> str:
    text = str(node)
    if turtle:
        cut = max(text.rfind("/"), text.rfind("#")) + 1
        prefix = _NAMESPACE_PREFIX.get(text[:cut])
        if prefix is not None and (cut == len(text) or _LOCAL_NAME.fullmatch(text, cut)):
            return f"{prefix}:{text[cut:]}"
    return f"<{text}>"


def _literal(node: Literal, turtle: bool) -> str:
    quoted = '"' + str(node).translate(_ESCAPES) + '"'
    if node.language:
        return f"{quoted}@{node.language}"
    datatype = node.datatype
    if datatype is None or str(datatype) == _XSD + "string":
        return quoted
    if turtle and str(datatype).startswith(_XSD):
        return f"{quoted}^^xsd:{str(datatype)[len(_XSD):]}"
    return f"{quoted}^^<{datatype}>"


def described(graph: Graph, known: bool, description: Record) -> Record:
    """What an importer writes of the description of a node: all of it for a new node; for a node
    ``graph`` already has (``known``), only what the graph already says of it (its class, name...).

    A node the graph has keeps its own description, which an import does not contradict (a
    second name, a second class); but what it already says is written again, so that an import
    of the same data, run with its earlier output among the graph's files, writes that output
    again instead of a file in which the node has lost its name and class.

    >>> from rdflib.namespace import RDFS
    >>> from ess_graph.vocab.namespaces import ESS, ESSD
    >>> graph = Graph()
    >>> _ = graph.add((ESSD.galilee, RDFS.label, Literal("Galilée", lang="fr")))
    >>> description = [(ESSD.galilee, RDF.type, ESS.ESSStructure),
    ...                (ESSD.galilee, RDFS.label, Literal("Galilée", lang="fr")),
    ...                (ESSD.galilee, RDFS.label, Literal("GALILEE"))]
    >>> [str(o) for s, p, o in described(graph, True, description)], len(described(graph, False, description))
    (['Galilée'], 3)
    """
    return [triple for triple in description if triple in graph] if known else description


def term_text(node: Node, turtle: bool = False) -> str:
    """A term as N-Triples (or Turtle, with prefixes) writes it.

    >>> from ess_graph.vocab.namespaces import ESSD
    >>> term_text(ESSD.calais), term_text(ESSD.calais, turtle=True), term_text(Literal("Calais", lang="fr"))
    ('<https://w3id.org/ess-graph/id/calais>', 'essd:calais', '"Calais"@fr')
    """
    if isinstance(node, Literal):
        return _literal(node, turtle)
    if isinstance(node, URIRef):
        return _iri(node, turtle)
    raise TypeError(f"importers write IRIs and literals only, not {type(node).__name__}")


class TripleWriter:
    """Writes records to a text stream; counts the triples written.

    >>> import io
    >>> from ess_graph.vocab.namespaces import ESS, ESSD
    >>> stream = io.StringIO()
    >>> writer = TripleWriter(stream, "nt")
    >>> writer.write([(ESSD.calais, ESS.inseeCode, Literal("62193"))])
    >>> writer.triples, stream.getvalue()
    (1, '<https://w3id.org/ess-graph/id/calais> <https://w3id.org/ess-graph/def#inseeCode> "62193" .\\n')
    """

    def __init__(self, stream: TextIO, fmt: str):
        self.stream = stream
        self.turtle = fmt == "turtle"
        self.triples = 0
        if self.turtle:
            stream.write("".join(f"@prefix {p}: <{n}> .\n" for p, n in PREFIXES.items()) + "\n")

    def write(self, record: Iterable[Triple]) -> None:
        if not self.turtle:
            lines = [f"{term_text(s)} {term_text(p)} {term_text(o)} .\n" for s, p, o in record]
            self.triples += len(lines)
            self.stream.write("".join(lines))
            return
        by_subject: dict[Node, list[tuple[Node, Node]]] = {}
        for s, p, o in record:
            by_subject.setdefault(s, []).append((p, o))
            self.triples += 1
        blocks = []
        for subject, pairs in by_subject.items():
            pairs.sort(key=lambda pair: pair[0] != RDF.type)
            parts = [("a" if p == RDF.type else term_text(p, True)) + " " + term_text(o, True) for p, o in pairs]
            blocks.append(term_text(subject, True) + " " + " ;\n    ".join(parts) + " .\n")
        self.stream.write("".join(blocks) + "\n")


def write_records(path: Path | str, records: Iterable[Iterable[Triple]]) -> int:
    """Stream ``records`` into ``path`` (format from its extension) atomically; the number of triples.

    If iterating ``records`` raises (for instance because the input had problems), the
    temporary file is removed and ``path`` is left as it was.

    >>> import tempfile
    >>> from ess_graph.vocab.namespaces import ESS, ESSD
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_records(Path(folder) / "calais.ttl", [[(ESSD.calais, ESS.inseeCode, Literal("62193"))]])
    1
    """
    path = Path(path)
    fmt = output_format(path)
    counted = {}

    def write(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as stream:
            writer = TripleWriter(stream, fmt)
            for record in records:
                writer.write(record)
            counted["triples"] = writer.triples

    write_atomically(path, write)
    return counted["triples"]
