"""Text from the data made safe for a format that cannot carry every character.

A label typed or imported with a stray control character (U+0001 from a badly exported sheet,
U+000B, the vertical tab some spreadsheets put for a line break in a cell) is kept as it is in
the RDF; but XML 1.0 forbids such characters, so a GraphML or GEXF file holding one cannot be
read by any XML parser (Gephi, Cytoscape, networkx), and on a terminal an escape character
(U+001B) in a label would be taken for a command to the terminal. Those characters are written
as U+FFFD, the Unicode replacement character: the file stays readable and the place of the
character stays visible.

    >>> xml_text("Ressourcerie\\x01 du Calaisis"), terminal_text("Galilée\\x1b[31m")
    ('Ressourcerie\\ufffd du Calaisis', 'Galilée\\ufffd[31m')
"""

import re

REPLACEMENT = "\ufffd"
"""What a character the output cannot carry becomes."""

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters outside XML 1.0's ``Char`` production (tab, line feed and carriage return are in it)."""

_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f]")
"""The control characters a terminal may act on; the white-space ones are left to the table's own
folding of spaces (tab, line feed, vertical tab, form feed, carriage return, U+001C to U+001F)."""


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD.

    >>> xml_text("Vieille-Église\\x0bet\\tOye-Plage")
    'Vieille-Église\\ufffdet\\tOye-Plage'
    """
    return _XML_FORBIDDEN.sub(REPLACEMENT, text)


def terminal_text(text: str) -> str:
    """``text`` with the control characters a terminal would act on (escape, bell, backspace,
    delete, the C1 controls) replaced by U+FFFD.

    >>> terminal_text("Terre d'Opale\\x07\\x08"), terminal_text("ligne 1\\nligne 2")
    ("Terre d'Opale\\ufffd\\ufffd", 'ligne 1\\nligne 2')
    """
    return _TERMINAL_CONTROLS.sub(REPLACEMENT, text)


__all__ = ["REPLACEMENT", "terminal_text", "xml_text"]
