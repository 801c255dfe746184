"""Checks made on a user's RDF file before a parser sees it: parsing never reaches the network and
never lets XML entities grow without bound.

Two formats can do what a data file should not. RDF/XML may declare entities in its DOCTYPE;
an entity made of other entities doubles at every level, so 600 bytes can stand for 10^8
characters (the "billion laughs"), and an external entity (``SYSTEM "http://..."``) reads a
file or a URL. JSON-LD may name its ``@context`` by URL, which rdflib then fetches. So, as
defusedxml does for XML:

- an RDF/XML entity must be internal, defined by plain text, at most :data:`MAX_ENTITY_LENGTH`
  characters long, and the document may use entities for at most :data:`MAX_EXPANSION`
  characters in all (OWL files declare a few namespace entities, well within this);
- a JSON-LD ``@context`` (or ``@import``) given by URL is refused: inline the context.

    >>> check_rdf_xml('<!DOCTYPE rdf:RDF [ <!ENTITY owl "http://www.w3.org/2002/07/owl#"> ]><rdf:RDF/>', "ok.owl")
    >>> check_json_ld('{"@context": "http://127.0.0.1:1/context.jsonld", "@id": "x"}', "remote.jsonld")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidInput: remote.jsonld: a remote @context (http://127.0.0.1:1/context.jsonld) ...
"""

import json
import re
from collections.abc import Iterator

from ..errors import InvalidInput

MAX_ENTITY_LENGTH = 10_000
"""Characters an entity of an RDF/XML file may stand for."""

MAX_EXPANSION = 1_000_000
"""Characters that all entity references of an RDF/XML file may stand for together."""

_ENTITY = re.compile(r"<!ENTITY\s+(%\s+)?([^\s>]+)\s+(.*?)>", re.S)
_QUOTED = re.compile(r"""\A(?:"([^"]*)"|'([^']*)')\s*\Z""", re.S)
_REFERENCE = re.compile(r"&([A-Za-z_][\w.-]*);")


def check_rdf_xml(text: str, source: str) -> None:
    """Refuse external, parameter or nested entities, and entities that expand too far.

    >>> check_rdf_xml('<!DOCTYPE r [ <!ENTITY a "ha"> <!ENTITY b "&a;&a;"> ]><r>&b;</r>', "bomb.rdf")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidInput: bomb.rdf:1: entity 'b' is made of other entities (&a;); ...
    """
    lengths: dict[str, int] = {}
    for match in _ENTITY.finditer(text):
        parameter, name, definition = match.groups()
        line = text.count("\n", 0, match.start()) + 1
        where = f"{source}:{line}"
        quoted = _QUOTED.match(definition.strip())
        if parameter or quoted is None:
            raise InvalidInput(f"{where}: entity '{name}' is external or a parameter entity; only plain-text "
                               "entities are read (parsing never reads another file or the network)",
                               file=source, line=line)
        value = quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
        nested = _REFERENCE.search(value)
        if nested:
            raise InvalidInput(f"{where}: entity '{name}' is made of other entities (&{nested.group(1)};); "
                               "nested entities are refused, since they can expand without bound",
                               file=source, line=line)
        if len(value) > MAX_ENTITY_LENGTH:
            raise InvalidInput(f"{where}: entity '{name}' is {len(value):,} characters long "
                               f"(at most {MAX_ENTITY_LENGTH:,})", file=source, line=line)
        lengths[name] = len(value)
    if lengths:
        expanded = sum(lengths.get(reference, 0) for reference in _REFERENCE.findall(text))
        if expanded > MAX_EXPANSION:
            raise InvalidInput(f"{source}: its entities expand to {expanded:,} characters "
                               f"(at most {MAX_EXPANSION:,})", file=source)


def check_json_ld(text: str, source: str) -> None:
    """Refuse a ``@context`` or ``@import`` given by URL (rdflib would fetch it); a file that is
    not JSON is left for the parser to report, with its line.

    >>> check_json_ld('{"@context": {"name": "http://schema.org/name"}, "name": "Galilée"}', "inline.jsonld")
    """
    try:
        references = list(_remote_contexts(json.loads(text)))
    except ValueError:
        return
    except RecursionError:
        raise InvalidInput(f"{source}: nested too deeply to be read (JSON objects or arrays within one another, "
                           "hundreds of levels deep)", file=source) from None
    for reference in references:
        raise InvalidInput(f"{source}: a remote @context ({reference}) is not fetched: parsing never reaches "
                           "the network; put the context in the file", file=source)


def _remote_contexts(node: object) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _remote_contexts(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                yield from _urls(value)
            if key != "@context" or isinstance(value, dict | list):
                yield from _remote_contexts(value)


def _urls(context: object) -> Iterator[str]:
    if isinstance(context, str):
        yield context
    elif isinstance(context, list):
        for item in context:
            yield from _urls(item)
    elif isinstance(context, dict) and isinstance(context.get("@import"), str):
        yield context["@import"]


GUARDS = {"xml": check_rdf_xml, "json-ld": check_json_ld}
"""The check for each rdflib format name that needs one."""


def check_rdf_text(text: str, fmt: str, source: str) -> None:
    """Run the check of format ``fmt`` (rdflib's name) on ``text``, if it has one.

    >>> check_rdf_text("<a> <b> <c> .", "nt", "plain.nt")
    """
    guard = GUARDS.get(fmt)
    if guard is not None:
        guard(text, source)


__all__ = ["MAX_ENTITY_LENGTH", "MAX_EXPANSION", "check_json_ld", "check_rdf_text", "check_rdf_xml"]
