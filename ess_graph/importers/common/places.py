"""Where imported actors are: the communes they point at, and their postal addresses.

Spreadsheets, SIRENE and the RNA all give a site a commune (by INSEE code) and an address; they
share these functions so that a commune is written once per import whatever the source, and an
address has the same shape (a ``vcard:Address`` derived from its row) in every output.
"""

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from ...vocab.namespaces import ESS, VCARD
from .identity import Identifiers, IdentityIndex
from .triples import Record


@dataclass
class Communes:
    """The commune nodes an import points at, written once each (a bounded set: France has 35,000).

    >>> from ess_graph.vocab.namespaces import ESSD
    >>> communes = Communes(IdentityIndex())
    >>> node, record = communes.node("62193", ESSD["import-1-row-2"])
    >>> node, len(record), communes.node("62193", ESSD["import-1-row-3"])[1]
    (rdflib.term.URIRef('https://w3id.org/ess-graph/id/commune-62193'), 3, [])
    """

    index: IdentityIndex
    seen: dict[str, URIRef] = field(default_factory=dict)

    def node(self, code: str, section: URIRef) -> tuple[URIRef, Record]:
        """The commune's node, and its triples the first time a commune no graph knows is met."""
        node = self.seen.get(code)
        if node is not None:
            return node, []
        node, existed = self.index.node_for(Identifiers(territory=("commune", code)), remember=False)
        self.seen[code] = node
        if existed:
            return node, []
        return node, [(node, RDF.type, ESS.Commune), (node, ESS.inseeCode, Literal(code)),
                      (node, PROV.wasDerivedFrom, section)]


def street(*parts: str) -> str:
    """An address line from its parts, blanks left out.

    >>> street("12", "", "RUE", "ROYALE")
    '12 RUE ROYALE'
    """
    return " ".join(part for part in parts if part)


def address_triples(site: URIRef, address: URIRef, section: URIRef, *, street_address: str, postal_code: str,
                    locality: str = "") -> Record:
    """The ``vcard:Address`` of a site, or nothing when neither the street nor the postal code is known.

    >>> from ess_graph.vocab.namespaces import ESSD
    >>> len(address_triples(ESSD.site, ESSD.address, ESSD.row, street_address="12 RUE ROYALE", postal_code=""))
    4
    >>> address_triples(ESSD.site, ESSD.address, ESSD.row, street_address="", postal_code="", locality="CALAIS")
    []
    """
    if not (street_address or postal_code):
        return []
    record: Record = [(site, ESS.address, address), (address, RDF.type, VCARD.Address),
                      (address, PROV.wasDerivedFrom, section)]
    record += [(address, VCARD["street-address"], Literal(street_address))] if street_address else []
    record += [(address, VCARD["postal-code"], Literal(postal_code))] if postal_code else []
    record += [(address, VCARD.locality, Literal(locality))] if locality else []
    return record
