"""Where imported actors are: the communes they point at, and their postal addresses.

Spreadsheets, SIRENE and the RNA all give a site a commune (by INSEE code) and an address; they
share these functions so that a commune is written once per import whatever the source, and an
address has the same shape (a ``vcard:Address`` derived from its row) in every output.
"""

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from ...vocab.namespaces import ESS, VCARD
from .identity import Identifiers, IdentityIndex
from .triples import Record


@dataclass
class Communes:
    """The commune nodes an import points at, written once each (a bounded set: France has 35,000).

    >>> from ess_graph.vocab.namespaces import ESSD
    >>> communes = Communes(IdentityIndex())
    >>> node, record = communes.node("62193", ESSD["import-1-row-2"], "CALAIS")
    >>> node, len(record), communes.node("62193", ESSD["import-1-row-3"])[1]
    (rdflib.term.URIRef('https://w3id.org/ess-graph/id/commune-62193'), 4, [])
    """

    index: IdentityIndex
    graph: Graph | None = None
    """The graph the import merges into, where the communes it knows have their names."""
    seen: dict[str, URIRef] = field(default_factory=dict)

    def node(self, code: str, section: URIRef, name: str = "") -> tuple[URIRef, Record]:
        """The commune's node, and its triples the first time a commune no graph knows is met: named
        by the row's town when it gives one, else by its code (a territory has a name)."""
        node = self.seen.get(code)
        if node is not None:
            return node, []
        node, existed = self.index.node_for(Identifiers(territory=("commune", code)), remember=False)
        self.seen[code] = node
        if existed:
            return node, []
        return node, [(node, RDF.type, ESS.Commune), (node, ESS.inseeCode, Literal(code)),
                      (node, RDFS.label, Literal(name or f"commune {code}", lang="fr")),
                      (node, PROV.wasDerivedFrom, section)]

    def name(self, code: str) -> str:
        """The name of a commune the graph knows ('' for one it does not), for an address's locality.

        >>> from ess_graph import load_graph
        >>> graph = load_graph()
        >>> Communes(IdentityIndex.from_graph(graph), graph).name("62193"), Communes(IdentityIndex()).name("62193")
        ('Calais', '')
        """
        if self.graph is None:
            return ""
        node = self.index.resolve(Identifiers(territory=("commune", code)))
        label = self.graph.value(node, RDFS.label) if node is not None else None
        return str(label) if label is not None else ""


def street(*parts: str) -> str:
    """An address line from its parts, blanks left out.

    >>> street("12", "", "RUE", "ROYALE")
    '12 RUE ROYALE'
    """
    return " ".join(part for part in parts if part)


def address_triples(site: URIRef, address: URIRef, section: URIRef, *, street_address: str, postal_code: str,
                    locality: str = "") -> Record:
    """The ``vcard:Address`` of a site, or nothing when neither the street nor the postal code is known.

    The shapes ask an address for its locality: the importers check that they have one before.

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
