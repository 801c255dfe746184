"""Bringing outside data into the graph: spreadsheets, SCDL grants, SIRENE, the RNA.

Every importer is a generator of *records* (the few triples one input row gives), checked as they
are read; :func:`write_records` streams them into a Turtle or N-Triples file atomically. Problems
are collected over the whole input and raised at the end as one :class:`InvalidInput`.
"""

from .common.identity import Identifiers, IdentityConflict, IdentityIndex, identity_conflicts
from .common.problems import InvalidInput, Problem, Problems
from .common.streaming import TerritoryFilter
from .common.triples import write_records
from .rna import import_rna
from .scdl import import_subventions
from .sheets import import_sheets, write_templates
from .sirene import import_sirene

__all__ = [
    "Identifiers", "IdentityConflict", "IdentityIndex", "InvalidInput", "Problem", "Problems", "TerritoryFilter",
    "identity_conflicts", "import_rna", "import_sheets", "import_sirene", "import_subventions", "write_records",
    "write_templates",
]
