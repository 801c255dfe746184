"""Reading RDF files into one rdflib graph, with errors a person can act on."""

import json
import re
from collections.abc import Iterable
from pathlib import Path
from xml.sax import SAXParseException

from rdflib import Graph
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax

from ..errors import InvalidInput, first_line
from ..vocab.namespaces import bind_prefixes
from ..vocab.resources import graph_files, ontology_files
from .formats import rdf_format
from .guards import check_rdf_text


def parse_into(graph: Graph, path: Path | str) -> Graph:
    """Parse one file into ``graph``; any syntax problem becomes a one-line :class:`~ess_graph.errors.InvalidInput`.

    The file is checked first (:mod:`.guards`), so that parsing it never reaches the network nor
    expands XML entities without bound; then it is parsed apart, so that a bad file adds nothing
    to ``graph``; the message gives the file and, when the parser knows it, the line.

    >>> import tempfile
    >>> graph = Graph()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     mine, typo = Path(folder) / "mine.ttl", Path(folder) / "typo.ttl"
    ...     _ = mine.write_text("<urn:ex:galilee> <urn:ex:supports> <urn:ex:note-bleue> .", encoding="utf-8")
    ...     _ = typo.write_text("essd:galilee ess:supports essd:la-note-bleue .", encoding="utf-8")
    ...     print(len(parse_into(graph, mine)))
    ...     try:
    ...         parse_into(graph, typo)
    ...     except InvalidInput as error:
    ...         print(Path(error.file).name, error.line, str(error).split(": ", 1)[1])
    1
    typo.ttl 1 bad Turtle syntax: Prefix "essd:" not bound
    >>> len(graph)
    1
    """
    path = Path(path)
    fmt = rdf_format(path)
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file", file=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")  # without the byte-order mark some editors write first
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text (byte {exc.start})", file=str(path)) from None
    check_rdf_text(text, fmt, str(path))
    scratch = Graph()
    try:
        # rdflib's Turtle parser reads past the end of a text whose last statement is cut short
        # right at its end (an IndexError, with no line); a final newline makes it say what is wrong
        scratch.parse(data=text if text.endswith("\n") else text + "\n", format=fmt,
                      publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        line, reason = _turtle_problem(exc, text)
        raise InvalidInput(f"{path}:{line}: {reason}", file=str(path), line=line) from None
    except ParserError as exc:
        line = _ntriples_bad_line(text)
        reason = str(exc).rstrip()
        if reason == "Invalid line:":  # nothing left on the line, where a term or the final '.' was due
            reason = "the line ends before its triple does (is its final '.' missing?)"
        raise InvalidInput(f"{path}:{line}: {reason}", file=str(path), line=line) from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON ({exc.msg})", file=str(path),
                           line=exc.lineno, column=exc.colno) from None
    except SAXParseException as exc:
        raise InvalidInput(f"{path}:{exc.getLineNumber()}:{exc.getColumnNumber()}: {exc.getMessage()}",
                           file=str(path), line=exc.getLineNumber(), column=exc.getColumnNumber()) from None
    except RecursionError:
        raise InvalidInput(f"{path}: nested too deeply to be read (blank nodes, lists or objects within one "
                           "another, hundreds of levels deep)", file=str(path)) from None
    except Exception as exc:  # rdflib raises many kinds; each still deserves one readable line
        raise InvalidInput(f"{path}: cannot read {fmt}: {first_line(exc)}", file=str(path)) from None
    graph += scratch
    return graph


def _turtle_problem(exc: BadSyntax, text: str) -> tuple[int, str]:
    """The line and the reason of a Turtle syntax error. A text that ends in the middle of a
    statement (its final ``.`` missing, most often) is reported at the statement's last line,
    not at the end of the file after it.

    >>> from rdflib import Graph
    >>> text = "@prefix ex: <urn:ex:> .\\nex:a ex:b ex:c .\\nex:d ex:e ex:f\\n\\n# the end\\n"
    >>> try:
    ...     Graph().parse(data=text, format="turtle")
    ... except BadSyntax as exc:
    ...     line, reason = _turtle_problem(exc, text)
    >>> line, reason.split(" (")[0]
    (3, 'bad Turtle syntax: the file ends in the middle of a statement')
    """
    match = re.search(r"Bad syntax \((.*?)\) at \^", str(exc), re.S)
    what = " ".join(match.group(1).split()) if match else ""
    written = [n for n, content in enumerate(text.splitlines(), 1)
               if content.strip() and not content.lstrip().startswith("#")]
    line = min(exc.lines + 1, written[-1] if written else 1)  # past the last statement: at its end
    if what.startswith("EOF"):
        return line, (f"bad Turtle syntax: the file ends in the middle of a statement ({what}); "
                      "is its final '.' missing?")
    return line, f"bad Turtle syntax: {what}" if what else "bad Turtle syntax"


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

    >>> files = rdf_files(["mine.ttl"])
    >>> [path.name for path in files][:2], [path.name for path in files][-2:]
    (['ess.ttl', 'ptce.ttl'], ['territories.ttl', 'mine.ttl'])
    >>> len(rdf_files(shipped_data=False))
    11
    """
    files = [*ontology_files(), *(graph_files() if shipped_data else [])]
    return [*files, *(Path(path) for path in extra)]


def load_graph(extra: Iterable[Path | str] = (), *, shipped_data: bool = True) -> Graph:
    """The vocabulary and its concept schemes, the shipped graph unless ``shipped_data`` is False,
    and any ``extra`` files.

    Everything lands in one rdflib graph, so that SPARQL property paths over the class
    hierarchy (``rdf:type/rdfs:subClassOf*``) see the vocabulary next to the data: Galilée is
    declared a support body, and is found as an organisation.

    >>> graph = load_graph()
    >>> graph.query("ASK { essd:galilee rdf:type/rdfs:subClassOf* ess:Organisation }").askAnswer
    True
    >>> len(load_graph(shipped_data=False)) < len(graph)   # the vocabulary alone
    True
    """
    graph = bind_prefixes(Graph())
    for path in rdf_files(extra, shipped_data=shipped_data):
        parse_into(graph, path)
    return graph
