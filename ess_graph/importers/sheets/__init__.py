"""The spreadsheets an ESS officer keeps: the templates' description (:mod:`.model`), the writer of
blank templates (:mod:`.templates`) and the importer of filled-in ones, which share it. The
importer reads the tables (:mod:`.importer`), checks each row's cells (:mod:`.cells`), finds the
nodes link cells name (:mod:`.context`) and turns each row into a record the way its kind of
sheet says (:mod:`.kinds`, one class per template)."""

from .importer import import_sheets
from .templates import write_templates

__all__ = ["import_sheets", "write_templates"]
