"""Namespaces of the vocabulary, its concept schemes, the data, and the standards it aligns to."""

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

ESS = Namespace("https://w3id.org/ess-graph/def#")
ESSD = Namespace("https://w3id.org/ess-graph/id/")
SRC = Namespace("https://w3id.org/ess-graph/id/source/odefie-2014-11/")
OBS = Namespace("https://w3id.org/ess-graph/id/obs/")
FORM = Namespace("https://w3id.org/ess-graph/def/legal-form/")
KIND = Namespace("https://w3id.org/ess-graph/def/structure-kind/")
SECTOR = Namespace("https://w3id.org/ess-graph/def/sector/")
THEME = Namespace("https://w3id.org/ess-graph/def/theme/")
STATUS = Namespace("https://w3id.org/ess-graph/def/status/")
ROLE = Namespace("https://w3id.org/ess-graph/def/role/")
SUPPORT = Namespace("https://w3id.org/ess-graph/def/support-kind/")
MEASURE = Namespace("https://w3id.org/ess-graph/def/measure/")
QUALIFIER = Namespace("https://w3id.org/ess-graph/def/qualifier/")
STAT = Namespace("https://w3id.org/ess-graph/def/stat/")

ORG = Namespace("http://www.w3.org/ns/org#")
ROV = Namespace("http://www.w3.org/ns/regorg#")
SCHEMA = Namespace("https://schema.org/")
QB = Namespace("http://purl.org/linked-data/cube#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
ESSGLOBAL = Namespace("http://purl.org/essglobal/vocab/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {
    "ess": ESS, "essd": ESSD, "src": SRC, "obs": OBS, "form": FORM, "kind": KIND, "sector": SECTOR,
    "theme": THEME, "status": STATUS, "role": ROLE, "support": SUPPORT, "measure": MEASURE,
    "qualifier": QUALIFIER, "stat": STAT, "org": ORG, "rov": ROV, "schema": SCHEMA, "qb": QB, "eli": ELI,
    "vcard": VCARD, "geo": GEO, "essglobal": ESSGLOBAL, "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)), "skos": Namespace(str(SKOS)), "rdfs": Namespace(str(RDFS)),
    "rdf": Namespace(str(RDF)), "owl": Namespace(str(OWL)), "xsd": Namespace(str(XSD)),
    "foaf": Namespace(str(FOAF)), "sh": SH,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes so that serialisations and prefixed names read well; returns
    ``graph`` itself, so that it can wrap a new one.

    >>> graph = bind_prefixes(Graph())
    >>> graph.qname(ESSD.galilee), graph.qname(ESS.funds)
    ('essd:galilee', 'ess:funds')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX declarations for every project prefix, to put before a query text, so that users
    and named queries write ``essd:galilee`` without declaring anything.

    >>> sparql_prologue().splitlines()[:2]
    ['PREFIX ess: <https://w3id.org/ess-graph/def#>', 'PREFIX essd: <https://w3id.org/ess-graph/id/>']
    >>> len(sparql_prologue().splitlines()) == len(PREFIXES)
    True
    """
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
