"""Time of every named query on rdflib and on Oxigraph: the Calaisis graph, then synthetic territories.

Each query runs with its header's example values on the Calaisis graph; on a synthetic territory
(ess_graph.synth) an actor, territory, form or sector parameter gets a node of that territory.
Names are read once per engine before timing; a time is the median of --repeat runs.

    python benchmarks/query_benchmark.py                    # Calaisis, then size 250, both engines
    python benchmarks/query_benchmark.py --sizes 1000 4000 --engines oxigraph --queries funders partners
"""

import argparse
import functools
import statistics
import time

from rdflib import URIRef

from ess_graph.io.loading import load_graph, rdf_files
from ess_graph.sources.memory import RdflibEngine
from ess_graph.sources.oxigraph import OxigraphEngine
from ess_graph.sparql.catalogue import shipped_catalogue
from ess_graph.sparql.names import NameResolver
from ess_graph.sparql.runner import run_named_query
from ess_graph.synth import synthetic_territory
from ess_graph.vocab.namespaces import sparql_prologue

SYNTHETIC_CHOICE = {
    "funder": "SELECT ?node WHERE { ?funding ess:funder ?node } GROUP BY ?node ORDER BY DESC(COUNT(*)) LIMIT 1",
    "supported-by": "SELECT ?node WHERE { ?support ess:supporter ?node } ORDER BY ?node LIMIT 1",
    "actor": "SELECT ?node WHERE { ?node a ess:ESSStructure ; ^ess:recipient ?funding } ORDER BY ?node LIMIT 1",
    "territory": "SELECT ?node WHERE { ?node a ess:CommunityOfCommunes } ORDER BY ?node LIMIT 1",
    "form": "SELECT ?node WHERE { VALUES ?node { form:association } }",
    "sector": "SELECT ?node WHERE { VALUES ?node { sector:social-action } }",
}
"""A node to ask about, by query name, by parameter name, then by parameter type."""


def median_seconds(action, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def synthetic_values(engine, query) -> dict[str, str]:
    values = {}
    for parameter in query.parameters:
        choice = next((SYNTHETIC_CHOICE[key] for key in (query.name, parameter.name, parameter.type)
                       if key in SYNTHETIC_CHOICE), None)
        if choice is not None:
            node = engine.select(sparql_prologue() + choice).rows[0][0]
            values[parameter.name] = f"<{node}>" if isinstance(node, URIRef) else str(node)
        else:
            values[parameter.name] = parameter.default or parameter.example
    return values


def bench(label: str, engines: dict, names: list[str], repeat: int, synthetic: bool) -> None:
    resolvers = {name: NameResolver(engine) for name, engine in engines.items()}
    for query_name in names:
        query = shipped_catalogue()[query_name]
        values = (synthetic_values(next(iter(engines.values())), query) if synthetic
                  else {p.name: p.example for p in query.parameters})
        cells = []
        for name, engine in engines.items():
            action = functools.partial(run_named_query, engine, query_name, values, resolver=resolvers[name])
            action()  # names read, caches warm
            seconds, result = median_seconds(action, repeat)
            cells.append(f"{name} {seconds * 1000:8.1f} ms")
        print(f"{label:<14} {query_name:<26} {len(result):>5} rows  " + "  ".join(cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[250])
    parser.add_argument("--engines", nargs="+", choices=["rdflib", "oxigraph"], default=["rdflib", "oxigraph"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--queries", nargs="+", default=sorted(shipped_catalogue()))
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    start = time.perf_counter()
    graph = load_graph()
    loaded = time.perf_counter()
    store = OxigraphEngine.from_files(rdf_files())
    stored = time.perf_counter()
    print(f"Calaisis: {len(graph)} triples; rdflib load {loaded - start:.2f} s, Oxigraph load {stored - loaded:.2f} s")
    engines = {"rdflib": RdflibEngine(graph), "oxigraph": store}
    bench("calaisis", {name: engines[name] for name in args.engines}, args.queries, args.repeat, False)
    for size in args.sizes:
        territory = synthetic_territory(size, args.seed)
        print(f"synthetic {size}: {len(territory.graph)} triples")
        engines = {"oxigraph": OxigraphEngine.from_graph(territory.graph)}
        if "rdflib" in args.engines:
            engines["rdflib"] = RdflibEngine(territory.graph)
        bench(f"synthetic {size}", engines, args.queries, args.repeat, True)


if __name__ == "__main__":
    main()
