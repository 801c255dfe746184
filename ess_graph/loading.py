"""Reading RDF files into one rdflib graph, with errors a person can act on."""

import json
import re
from collections.abc import Iterable
from pathlib import Path
from xml.sax import SAXParseException

from rdflib import Graph
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import EssGraphError
from .namespaces import bind_prefixes
from .resources import graph_files, ontology_files

FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def rdf_format(path: Path) -> str:
    """The rdflib parser name for a file, chosen by its extension."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise EssGraphError(f"{path}: unknown RDF file extension '{path.suffix}' (expected one of {known})") from None


def parse_into(graph: Graph, path: Path | str) -> Graph:
    """Parse one file into ``graph``; any syntax problem becomes a one-line EssGraphError."""
    path = Path(path)
    fmt = rdf_format(path)
    if not path.is_file():
        raise EssGraphError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EssGraphError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    scratch = Graph()
    try:
        scratch.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        raise EssGraphError(f"{path}:{exc.lines + 1}: {_turtle_reason(exc)}") from None
    except ParserError as exc:
        raise EssGraphError(f"{path}:{_ntriples_bad_line(text)}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise EssGraphError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON ({exc.msg})") from None
    except SAXParseException as exc:
        raise EssGraphError(f"{path}:{exc.getLineNumber()}:{exc.getColumnNumber()}: {exc.getMessage()}") from None
    except Exception as exc:  # rdflib raises many kinds; each still deserves one readable line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EssGraphError(f"{path}: cannot read {fmt}: {reason}") from None
    graph += scratch
    return graph


def _turtle_reason(exc: BadSyntax) -> str:
    match = re.search(r"Bad syntax \((.*?)\) at \^", str(exc), re.S)
    return f"bad Turtle syntax: {match.group(1)}" if match else "bad Turtle syntax"


def _ntriples_bad_line(text: str) -> int:
    """N-Triples errors carry no line number; the format is one triple a line, so find it."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            Graph().parse(data=line, format="nt")
        except Exception:
            return number
    return 1


def rdf_files(extra: Iterable[Path | str] = (), *, shipped_data: bool = True) -> list[Path]:
    """The files :func:`load_graph` reads, in order: vocabulary, schemes, shipped graph, ``extra``.

    Other stores (an Oxigraph store for instance) load this same list, so that every engine
    answers over the same triples.
    """
    files = [*ontology_files(), *(graph_files() if shipped_data else [])]
    return [*files, *(Path(path) for path in extra)]


def load_graph(extra: Iterable[Path | str] = (), *, shipped_data: bool = True) -> Graph:
    """The vocabulary and its concept schemes, the shipped graph unless ``shipped_data`` is False,
    and any ``extra`` files.

    Everything lands in one rdflib graph, so that SPARQL property paths over the class
    hierarchy (``rdf:type/rdfs:subClassOf*``) see the vocabulary next to the data.
    """
    graph = bind_prefixes(Graph())
    for path in rdf_files(extra, shipped_data=shipped_data):
        parse_into(graph, path)
    return graph
