"""The RDF formats ess-graph reads and writes, in one table keyed by file extension.

Every part of the package that picks a format from a file name (loading a ``--data`` file, bulk
loading a store, writing an import, exporting, saving PTCE candidates) reads this table, so that
a format is added in one place.

    >>> format_of("mine.ttl").rdflib
    'turtle'
    >>> [f.extension for f in FORMATS if f.bulk]
    ['.nt', '.ttl']
"""

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InvalidInput


@dataclass(frozen=True)
class RdfFormat:
    """One RDF syntax: its file extension, its names in rdflib and Oxigraph, and what it is used for.

    ``bulk`` formats are those a store is loaded from and importers write (streamed line by line
    or in chunks); the others are read into memory only.

    >>> format_of("sirene-62.nt")
    RdfFormat(extension='.nt', rdflib='nt', oxigraph=<RdfFormat N-Triples>, bulk=True)
    >>> candidates = format_of("candidates.jsonld")
    >>> candidates.rdflib, candidates.bulk
    ('json-ld', False)
    """

    extension: str
    rdflib: str
    oxigraph: ox.RdfFormat
    bulk: bool = False


FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat(".nt", "nt", ox.RdfFormat.N_TRIPLES, bulk=True),
    RdfFormat(".ttl", "turtle", ox.RdfFormat.TURTLE, bulk=True),
    RdfFormat(".turtle", "turtle", ox.RdfFormat.TURTLE),
    RdfFormat(".jsonld", "json-ld", ox.RdfFormat.JSON_LD),
    RdfFormat(".json", "json-ld", ox.RdfFormat.JSON_LD),
    RdfFormat(".rdf", "xml", ox.RdfFormat.RDF_XML),
    RdfFormat(".owl", "xml", ox.RdfFormat.RDF_XML),
    RdfFormat(".xml", "xml", ox.RdfFormat.RDF_XML),
)

_BY_EXTENSION = {f.extension: f for f in FORMATS}


def format_of(path: Path | str, *, bulk: bool = False) -> RdfFormat:
    """The format of a file, by its extension; ``bulk`` accepts only the :attr:`~RdfFormat.bulk` ones.

    >>> format_of("sirene-62.nt", bulk=True).oxigraph == ox.RdfFormat.N_TRIPLES
    True
    >>> format_of("notes.txt")
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidInput: notes.txt: unknown RDF file extension '.txt' (expected one of .json, ...)
    """
    path = Path(path)
    found = _BY_EXTENSION.get(path.suffix.lower())
    allowed = [f for f in FORMATS if f.bulk or not bulk]
    if found is None or found not in allowed:
        known = ", ".join(sorted(f.extension for f in allowed))
        what = "unknown RDF file extension" if found is None else "cannot stream"
        raise InvalidInput(f"{path}: {what} '{path.suffix}' (expected one of {known})", file=str(path))
    return found


def rdf_format(path: Path | str) -> str:
    """The rdflib parser name for a file, chosen by its extension.

    >>> rdf_format("candidates.jsonld")
    'json-ld'
    """
    return format_of(path).rdflib


__all__ = ["FORMATS", "RdfFormat", "format_of", "rdf_format"]
