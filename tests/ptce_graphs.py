"""Small hand-made territories for the PTCE tests, written in the real vocabulary.

    territory = TinyTerritory()
    territory.ess("bakery", commune="guines")
    territory.partnership("bakery", "farm", year=2011)
    graph = territory.graph()          # vocabulary + data + shortcut edges
"""

from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from ess_graph.io.loading import parse_into
from ess_graph.vocab.namespaces import ESS, ESSD, FORM, ORG, ROLE, SECTOR, STATUS, THEME, bind_prefixes
from ess_graph.vocab.resources import ontology_files
from ess_graph.vocab.shortcuts import add_shortcuts


@cache
def vocabulary() -> Graph:
    graph = bind_prefixes(Graph())
    for path in ontology_files():
        parse_into(graph, path)
    return graph


def iri(name: str) -> str:
    return str(ESSD[f"test/{name}"])


class TinyTerritory:
    """A département with two intercommunalities of two communes each, and whatever a test adds."""

    def __init__(self):
        self.data = Graph()
        self.count = 0
        self.section = self.node("section")
        self.add(self.section, RDF.type, ESS.SourceSection)
        self.add(self.section, RDFS.label, Literal("Section de test", lang="fr"))
        self.add(self.section, ESS.lines, Literal("1-10"))
        self._territory("region", ESS.Region, None)
        self._territory("dep", ESS.Departement, "region")
        self._territory("other-dep", ESS.Departement, "region")
        for epci, communes in (("epci-a", ("a1", "a2")), ("epci-b", ("b1", "b2"))):
            self._territory(epci, ESS.CommunityOfCommunes, "dep")
            for commune in communes:
                self._territory(commune, ESS.Commune, epci)
        self._territory("far", ESS.Commune, "other-dep")

    def node(self, name: str) -> URIRef:
        return URIRef(iri(name))

    def add(self, s, p, o) -> None:
        self.data.add((s, p, o))

    def _territory(self, name, cls, within) -> None:
        node = self.node(name)
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, Literal(name, lang="fr"))
        if within:
            self.add(node, ESS.within, self.node(within))

    def actor(self, name, cls, commune=None, form=None, themes=(), sectors=(), extra_classes=()) -> URIRef:
        node = self.node(name)
        for c in (cls, *extra_classes):
            self.add(node, RDF.type, c)
        self.add(node, RDFS.label, Literal(name, lang="fr"))
        self.add(node, PROV.wasDerivedFrom, self.section)
        if commune:
            self.add(node, ESS.locatedIn, self.node(commune))
        if form:
            self.add(node, ESS.legalForm, FORM[form])
        for theme in themes:
            self.add(node, ESS.theme, THEME[theme])
        for sector in sectors:
            self.add(node, ESS.sector, SECTOR[sector])
        return node

    def ess(self, name, commune="a1", form="association", **kw) -> URIRef:
        return self.actor(name, ESS.ESSStructure, commune, form, **kw)

    def enterprise(self, name, commune="a1", form="sarl", **kw) -> URIRef:
        return self.actor(name, ESS.ClassicalEnterprise, commune, form, **kw)

    def research(self, name, commune="a1", **kw) -> URIRef:
        return self.actor(name, ESS.ResearchOrTrainingBody, commune, None, **kw)

    def support_body(self, name, commune="a1", **kw) -> URIRef:
        return self.actor(name, ESS.SupportBody, commune, "association", **kw)

    def group(self, name, cls, size=None, commune="a1", **kw) -> URIRef:
        node = self.actor(name, ESS.ActorGroup, commune, None, extra_classes=(cls,), **kw)
        if size is not None:
            self.add(node, ESS.groupSize, Literal(size, datatype=XSD.nonNegativeInteger))
        return node

    def person(self, name) -> URIRef:
        node = self.node(name)
        self.add(node, RDF.type, ESS.Person)
        self.add(node, RDFS.label, Literal(name, lang="fr"))
        return node

    def programme(self, name, manager) -> URIRef:
        node = self.node(name)
        self.add(node, RDF.type, ESS.Programme)
        self.add(node, RDFS.label, Literal(name, lang="fr"))
        self.add(node, ESS.managedBy, self.node(manager))
        return node

    def project(self, name, status="done") -> URIRef:
        node = self.node(name)
        self.add(node, RDF.type, ESS.Project)
        self.add(node, RDFS.label, Literal(name, lang="fr"))
        self.add(node, ESS.status, STATUS[status])
        return node

    def relation(self, cls, roles, status="done", year=None, **extra) -> URIRef:
        self.count += 1
        node = self.node(f"{cls.split('#')[-1].lower()}-{self.count}")
        self.add(node, RDF.type, cls)
        for prop, names in roles.items():
            for name in names:
                self.add(node, prop, self.node(name))
        self.add(node, ESS.status, STATUS[status])
        if year is not None:
            self.add(node, ESS.startDate, Literal(str(year), datatype=XSD.gYear))
        for prop, value in extra.items():
            self.add(node, ESS[prop], value)
        self.add(node, PROV.wasDerivedFrom, self.section)
        return node

    def partnership(self, *names, status="done", year=None) -> URIRef:
        return self.relation(ESS.Partnership, {ESS.partner: names}, status, year)

    def supports(self, supporter, supported, status="done", year=None) -> URIRef:
        return self.relation(ESS.Support, {ESS.supporter: [supporter], ESS.supported: [supported]}, status, year)

    def funds(self, funder, recipient, status="done", year=None) -> URIRef:
        return self.relation(ESS.Funding, {ESS.funder: [funder], ESS.recipient: [recipient]}, status, year)

    def carries(self, carrier, project, status="done", year=None) -> URIRef:
        return self.relation(ESS.ProjectCarrying, {ESS.carrier: [carrier], ESS.project: [project]}, status, year)

    def member_of(self, member, organisation, role="member", status="done", year=None) -> URIRef:
        node = self.relation(ESS.Membership, {ORG.member: [member], ORG.organization: [organisation]}, status, year)
        self.add(node, ESS.role, ROLE[role])
        return node

    def graph(self) -> Graph:
        graph = vocabulary() + self.data
        bind_prefixes(graph)
        add_shortcuts(graph)
        return graph


def cooperating_trio(territory: TinyTerritory, year=2011) -> None:
    """An association, an enterprise and an intercommunality that all partner each other."""
    territory.ess("assoc", commune="a1", themes=("food",))
    territory.enterprise("firm", commune="a2", themes=("food",))
    territory.partnership("assoc", "firm", "epci-a", year=year)


def co_carried_market(territory: TinyTerritory) -> None:
    """An association and an enterprise carrying one project, a market."""
    territory.ess("a")
    territory.enterprise("b")
    territory.project("market")
    territory.carries("a", "market")
    territory.carries("b", "market")


def view_of(territory: TinyTerritory, *names: str, **params):
    """The candidate made of ``names`` in ``territory``'s cooperation network."""
    from ess_graph.ptce import PTCEParameters, cooperation_network
    from ess_graph.ptce.view import CandidateView

    coop = cooperation_network(territory.graph(), PTCEParameters(**params))
    return CandidateView(coop, [iri(n) for n in names])
