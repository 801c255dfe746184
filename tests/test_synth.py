"""Synthetic territories: reproducible, in the real vocabulary, with planted clusters the analysis recovers."""

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ess_graph.cli import main
from ess_graph.errors import EssGraphError
from ess_graph.io.loading import load_graph
from ess_graph.ptce import PTCEParameters, find_ptce_candidates
from ess_graph.ptce.evaluation import recovery
from ess_graph.synth import CountryGenerator, TerritoryGenerator, synth_knobs, synthetic_territory, write_synthetic
from ess_graph.validation import validate
from ess_graph.vocab.kinds import KindResolver
from ess_graph.vocab.namespaces import ESS, FORM, KIND, ORG, SECTOR, STATUS
from ess_graph.vocab.shortcuts import derive_shortcuts


@pytest.fixture(scope="module")
def territory():
    return synthetic_territory(300, seed=11)


def test_the_same_seed_gives_the_same_triples():
    first = set(TerritoryGenerator(60, seed=5).triples())
    assert first == set(TerritoryGenerator(60, seed=5).triples())
    assert first != set(TerritoryGenerator(60, seed=6).triples())


def test_communes_lie_in_intercommunalities_in_one_departement(territory):
    graph = territory.graph
    communes = set(graph.subjects(RDF.type, ESS.Commune))
    assert len(communes) == 50  # 300 structures, 6 per commune
    departements = {d for c in communes for d in graph.transitive_objects(c, ESS.within)
                    if (d, RDF.type, ESS.Departement) in graph}
    assert len(departements) == 1


def test_most_structures_are_associations(territory):
    graph = territory.graph
    structures = set(graph.subjects(RDF.type, ESS.ESSStructure))
    associations = {s for s in structures if graph.value(s, ESS.legalForm) == FORM.association}
    assert len(structures) == 300
    assert 0.7 < len(associations) / len(structures) < 0.86


PARTNERSHIP_EDGES = {STATUS.done: ESS.partnerOf, STATUS["in-progress"]: ESS.partnerOf,
                     STATUS.planned: ESS.plannedPartnerOf, STATUS.possible: ESS.possiblePartnerOf}


def test_relationships_come_with_the_direct_edge_of_their_status(territory):
    graph = territory.graph
    statuses = set()
    for relation in graph.subjects(RDF.type, ESS.Partnership):
        partners = list(graph.objects(relation, ESS.partner))
        status = graph.value(relation, ESS.status)
        statuses.add(status)
        assert (partners[0], PARTNERSHIP_EDGES[status], partners[1]) in graph
    assert statuses == set(PARTNERSHIP_EDGES)  # every status occurs
    # the generator writes exactly the edges the vocabulary's rules derive, no more
    derived = set(derive_shortcuts(graph))
    edges = {p for _, p, _ in derived} - {ESS.locatedIn}
    assert {t for t in graph if t[1] in edges} == {t for t in derived if t[1] in edges}


def test_each_planted_cluster_has_the_roles_of_a_pole(territory):
    resolver = KindResolver(territory.graph)
    for cluster in territory.planted_clusters:
        kinds = {k for member in cluster for k in resolver.kinds_of(URIRef(member))}
        assert {"ess", "enterprise", "authority"} <= kinds
    assert len(territory.planted_clusters) == 10  # one per 30 structures


def test_unknown_knobs_are_refused():
    with pytest.raises(EssGraphError, match="unknown synthetic territory knob"):
        synth_knobs(colour="blue")


def test_without_latent_clusters_and_decoys_the_analysis_recovers_most_planted_clusters():
    # the territory of before latent clusters and decoys (with them, latent and decoy groups come
    # back as cooperating candidates too: see tests/test_ptce_benchmark_floors.py); the cooperating
    # candidates only, potential ones are judged against latent clusters
    territory = synthetic_territory(300, seed=11, structures_per_latent_cluster=0, wide_support_coverage=0)
    assert territory.latent_clusters == () and territory.decoy_groups == ()
    analysis = find_ptce_candidates(territory.graph, PTCEParameters(stability_runs=0))
    found = [frozenset(c.member_iris) for c in analysis.candidates if c.kind == "cooperating"]
    result = recovery(found, territory.planted_clusters)
    assert result.recall >= 0.8
    assert result.precision >= 0.6


def _intercommunality(graph, actor):
    return graph.value(graph.value(URIRef(actor), ESS.locatedIn), ESS.within)


def _linked_share(graph, members):
    pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
    linked = sum(1 for a, b in pairs if set(graph.predicates(a, b)) | set(graph.predicates(b, a)))
    return linked / len(pairs)


def _supporter_and_members(graph, group):
    supporters = [URIRef(i) for i in group if "/support-" in i or "/network-" in i]
    assert len(supporters) == 1
    return supporters[0], [URIRef(i) for i in group if URIRef(i) != supporters[0]]


def test_latent_clusters_share_an_intercommunality_and_a_supporter_with_few_links(territory):
    graph = territory.graph
    assert len(territory.latent_clusters) == 5  # one per 60 structures
    shares = []
    for cluster in territory.latent_clusters:
        supporter, members = _supporter_and_members(graph, cluster)
        assert len({_intercommunality(graph, m) for m in [supporter, *members]}) == 1
        for member in members:  # accompanied by the support body, or member of the network
            assert (supporter, ESS.supports, member) in graph or (member, ORG.memberOf, supporter) in graph
        shares.append(_linked_share(graph, members))
    # 10 % of the member pairs are linked on purpose; random noise links add a few
    assert 0.03 < sum(shares) / len(shares) < 0.25


def test_latent_density_sets_the_share_of_linked_pairs():
    dense = synthetic_territory(600, seed=3, vocabulary=False, latent_density=0.3)
    shares = [_linked_share(dense.graph, _supporter_and_members(dense.graph, c)[1]) for c in dense.latent_clusters]
    assert 0.2 < sum(shares) / len(shares) < 0.45


def test_a_food_chain_cluster_holds_complementary_positions():
    territory = synthetic_territory(1200, seed=5, vocabulary=False)
    graph = territory.graph
    chains = []
    for cluster in territory.latent_clusters:
        supporter, members = _supporter_and_members(graph, cluster)
        if (supporter, ESS.theme, URIRef("https://w3id.org/ess-graph/def/theme/food")) in graph:
            chains.append({graph.value(m, ESS.sector) for m in members})
            assert any((m, ESS.structureKind, KIND.aci) in graph for m in members) or len(members) < 5
    assert chains
    full = {SECTOR.agriculture, SECTOR.industry, SECTOR.trade, SECTOR["accommodation-food"], SECTOR["social-action"]}
    assert all(sectors <= full and len(sectors) >= 3 for sectors in chains)


def test_decoys_share_a_theme_and_a_supporter_across_intercommunalities(territory):
    graph = territory.graph
    assert 0 < len(territory.decoy_groups) <= len(territory.latent_clusters)  # one each, when 3 members are free
    latent = set().union(*territory.latent_clusters, *territory.planted_clusters)
    for group in territory.decoy_groups:
        supporter, members = _supporter_and_members(graph, group)
        assert len({_intercommunality(graph, m) for m in members}) == len(members)  # one in each
        assert not latent & group


def test_a_wide_support_body_accompanies_half_the_structures_and_a_foundation_funds_across_the_territory(territory):
    graph = territory.graph
    structures = set(graph.subjects(RDF.type, ESS.ESSStructure))
    supported = {s: len(set(graph.objects(s, ESS.supports)) & structures)
                 for s in graph.subjects(RDF.type, ESS.SupportBody)}
    widest = max(supported.values())
    assert len(structures) // 2 <= widest < 0.55 * len(structures)  # noise may add a few
    foundations = set(graph.subjects(ESS.legalForm, FORM.foundation)) - structures
    funded = {r for f in foundations for r in graph.objects(f, ESS.funds)}
    themed = set().union(*territory.latent_clusters, *territory.decoy_groups)
    assert len(foundations) == 1 and funded and {str(r) for r in funded} <= themed
    assert len({_intercommunality(graph, r) for r in funded}) > 1


def test_latent_knobs_are_checked():
    with pytest.raises(EssGraphError, match="latent_density: expected a share between 0 and 1"):
        synth_knobs(latent_density=1.5)
    with pytest.raises(EssGraphError, match="latent_size: expected 3 <= low <= high"):
        synth_knobs(latent_size=(8, 4))


@pytest.mark.slow  # SHACL over a synthetic country
def test_a_synthetic_country_file_loads_conforms_and_holds_its_planted_clusters(tmp_path):
    path = tmp_path / "country.nt"
    result = CliRunner().invoke(main, ["synth", "--structures", "120", "--departements", "2", "--seed", "4",
                                       "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith("wrote ")
    graph = load_graph([path], shipped_data=False)
    report = validate(graph)
    assert report.conforms, [str(r) for r in report.results[:5]]
    clusters = CountryGenerator(120, 4, departements=2).planted_clusters
    assert {"/d1/", "/d2/"} == {f"/{iri.split('/')[-2]}/" for cluster in clusters for iri in cluster}
    for cluster in clusters:
        assert all((URIRef(member), RDF.type, None) in graph for member in cluster)


def test_a_country_has_departements_in_regions_and_communes_in_intercommunalities():
    country = CountryGenerator(40_000, seed=2)
    assert len(country.departement_sizes) == 2 and sum(country.departement_sizes) == 40_000
    small = CountryGenerator(400, seed=2, departements=16)
    assert small.regions == 2  # 7.4 départements a région, as in metropolitan France
    graph = Graph()
    for triple in small.triples():
        graph.add(triple)
    departements = set(graph.subjects(RDF.type, ESS.Departement))
    assert len(departements) == 16
    assert {graph.value(d, ESS.within) for d in departements} == set(graph.subjects(RDF.type, ESS.Region))
    for commune in graph.subjects(RDF.type, ESS.Commune):
        epci = graph.value(commune, ESS.within)
        assert graph.value(epci, ESS.within) in departements
        assert str(graph.value(commune, ESS.inseeCode))[:2] == str(graph.value(graph.value(epci, ESS.within),
                                                                            ESS.inseeCode))
    structures = set(graph.subjects(RDF.type, ESS.ESSStructure))
    assert len(structures) == 400
    funders = {graph.value(f, ESS.funder) for f in graph.subjects(RDF.type, ESS.Funding)}
    state = [f for f in funders if (f, RDF.type, ESS.StateBody) in graph]
    assert len(state) == 1 and len(list(graph.subjects(ESS.funder, state[0]))) > 100  # one large funder


def test_the_same_seed_writes_the_same_file(tmp_path):
    write_synthetic(tmp_path / "a.nt", 90, seed=8, departements=3)
    write_synthetic(tmp_path / "b.nt", 90, seed=8, departements=3)
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()


@pytest.mark.parametrize(("args", "message"), [
    (["--structures", "10", "-o", "out.csv"], "out.csv: the output must end in .ttl (Turtle) or .nt (N-Triples)"),
    (["--structures", "10", "--departements", "20", "-o", "out.nt"],
     "departements: expected 1 to 10 for 10 structures, got 20"),
])
def test_synth_refuses_what_it_cannot_write_in_one_line(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["synth", *args])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"ess-graph: error: {message}"
    assert list(tmp_path.iterdir()) == []
