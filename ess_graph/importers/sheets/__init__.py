"""The spreadsheets an ESS officer keeps: the templates' description (:mod:`.model`), the writer of
blank templates (:mod:`.templates`) and the importer of filled-in ones (:mod:`.importer`), which
share that description."""

from .importer import import_sheets
from .templates import write_templates

__all__ = ["import_sheets", "write_templates"]
