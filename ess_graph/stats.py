"""What a graph holds, counted the way an ESS officer asks: by kind, by link, by territory."""

from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from .network import RELATION_KINDS
from .vocab.kinds import KIND_BY_KEY, KindResolver
from .vocab.namespaces import ESS, ESSD, QB
from .vocab.terms import label_of, prefixed, status_of, transitive_objects, types_of


@dataclass(frozen=True)
class FigureRow:
    """One line of the territory figures: an indicator for one year, in each territory."""

    indicator: str
    period: str
    unit: str
    values: dict[str, float]


@dataclass
class GraphStats:
    """Counts describing a graph; every number is computed from the graph itself."""

    triples: int
    actors: int
    initiatives: int
    programmes: int
    relationships: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_class: dict[str, int] = field(default_factory=dict)
    by_relation: dict[str, dict[str, int]] = field(default_factory=dict)
    by_territory: dict[str, int] = field(default_factory=dict)
    figures: list[FigureRow] = field(default_factory=list)


def describe(graph: Graph, lang: str = "fr") -> GraphStats:
    """Count the data nodes of ``graph`` (the vocabulary's own terms are not counted)."""
    kinds = KindResolver(graph)
    data_nodes = {s for s in graph.subjects(RDF.type) if str(s).startswith(str(ESSD))}
    typed = {node: types_of(graph, node, kinds.ancestors) for node in data_nodes}
    return GraphStats(
        triples=len(graph),
        actors=sum(ESS.Actor in t for t in typed.values()),
        initiatives=sum(ESS.Initiative in t for t in typed.values()),
        programmes=sum(ESS.Programme in t for t in typed.values()),
        relationships=sum(ESS.Relationship in t for t in typed.values()),
        by_kind=_by_kind(data_nodes, kinds),
        by_class=_by_class(graph, data_nodes),
        by_relation=_by_relation(graph, typed),
        by_territory=_by_territory(graph, typed, lang),
        figures=territory_figures(graph, lang),
    )


def _by_kind(nodes: set[Node], kinds: KindResolver) -> dict[str, int]:
    counts = Counter(kinds.primary_kind(node) for node in nodes)
    return {KIND_BY_KEY[key].label_en: counts[key] for key in KIND_BY_KEY if counts[key]}


def _by_class(graph: Graph, nodes: set[Node]) -> dict[str, int]:
    counts = Counter(prefixed(cls) for node in nodes for cls in graph.objects(node, RDF.type))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _by_relation(graph: Graph, typed: dict[Node, set[Node]]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = {}
    for node, types in typed.items():
        for cls, key in RELATION_KINDS.items():
            if any(str(t) == cls for t in types):
                table.setdefault(key, Counter())[status_of(graph, node) or "done"] += 1
    return {key: dict(sorted(counter.items())) for key, counter in sorted(table.items())}


def _by_territory(graph: Graph, typed: dict[Node, set[Node]], lang: str) -> dict[str, int]:
    """Actors per territory, counting an intercommunality's or a Pays's communes in it too."""
    counts: Counter = Counter()
    for node, types in typed.items():
        if ESS.Actor not in types or ESS.Territory in types:
            continue
        places = {t for place in graph.objects(node, ESS.locatedIn)
                  for t in transitive_objects(graph, place, ESS.within)}
        for place in places:
            counts[label_of(graph, place, lang)] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def territory_figures(graph: Graph, lang: str = "fr") -> list[FigureRow]:
    """The headline observations (establishments, jobs, FTE, wages) side by side per territory."""
    rows: dict[tuple[str, str, str], dict[str, float]] = {}
    for observation in graph.subjects(QB.dataSet, ESSD["dataset-overview"]):
        value = graph.value(observation, ESS.obsValue)
        if not isinstance(value, Literal):
            continue
        indicator = label_of(graph, graph.value(observation, ESS.statMeasure), lang)
        period = str(graph.value(observation, ESS.refPeriod))
        unit = label_of(graph, graph.value(observation, ESS.unit), lang)
        area = label_of(graph, graph.value(observation, ESS.refArea), lang)
        rows.setdefault((indicator, period, unit), {})[area] = float(value)
    return [FigureRow(indicator, period, unit, values)
            for (indicator, period, unit), values in sorted(rows.items(), key=lambda item: (item[0][1], item[0][0]))]

