"""Bringing outside data into the graph: spreadsheets, SCDL grants, SIRENE, the RNA, the French geography.

Every importer is a generator of *records* (the few triples one input row gives), checked as they
are read; :func:`write_records` streams them into a Turtle or N-Triples file atomically. Problems
are collected over the whole input and raised at the end as one :class:`InvalidRows` (an
:class:`~ess_graph.errors.InvalidInput`).

Layout. One module per source - :mod:`.scdl`, :mod:`.sirene`, :mod:`.rna`, :mod:`.geography` -
each small enough to read at once, and one sub-package, :mod:`.sheets`, for the spreadsheets:
the templates' description is shared by the writer of blank templates and by the importer, and
the importer has one class per kind of sheet, which is too much for one module. What more than
one importer uses is in :mod:`.common` (reading tables and checking cells, problems, provenance,
identity, the vocabulary's concepts, communes and addresses, streaming, writing triples, options),
which imports no importer; a helper used by a single importer stays in that importer's module.

Each importer declares itself once, with :func:`~.registry.register`: its name, the files it
reads, its options (a frozen dataclass whose fields carry their types, defaults and help, in the
library's words) and the function that runs it. ``ess-graph import NAME`` is built from these
declarations, so adding an importer is writing its module and importing it below.

    >>> sorted(importer.name for importer in importers())
    ['geography', 'rna', 'sheet', 'sirene', 'subventions']
"""

from .common.identity import Identifiers, IdentityConflict, IdentityIndex, identity_conflicts
from .common.options import EncodingOptions, OptionError
from .common.problems import InvalidRows, Problem, Problems
from .common.streaming import TerritoryFilter
from .common.triples import write_records
from .geography import GeographyOptions, geography_records
from .registry import Importer, importers
from .rna import RnaOptions, import_rna
from .scdl import import_subventions
from .sheets import import_sheets, write_templates
from .sirene import SireneImport, SireneOptions, SireneSummary, import_sirene

__all__ = [
    "EncodingOptions", "GeographyOptions", "Identifiers", "IdentityConflict", "IdentityIndex", "Importer",
    "InvalidRows", "OptionError", "Problem", "Problems", "RnaOptions", "SireneImport", "SireneOptions",
    "SireneSummary", "TerritoryFilter", "geography_records", "identity_conflicts", "import_rna", "import_sheets",
    "import_sirene", "import_subventions", "importers", "write_records", "write_templates",
]
