"""Files in and out: the table of RDF formats, reading RDF into a graph, writing files atomically,
exporting to network tools."""

from .export import EXPORT_FORMATS, export
from .files import write_atomically, write_text_atomically
from .formats import FORMATS, RdfFormat, format_of, rdf_format
from .loading import load_graph, parse_into, rdf_files

__all__ = [
    "EXPORT_FORMATS", "FORMATS", "RdfFormat", "export", "format_of", "load_graph", "parse_into", "rdf_files",
    "rdf_format", "write_atomically", "write_text_atomically",
]
