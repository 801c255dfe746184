"""p50 / p95 of the named queries that take an actor, on a store already loaded from ``ess-graph synth``.

The scale benchmark generates and loads its own stores; at a million structures that takes most
of an hour, so this one reuses a store made by ``ess-graph synth N --seed S`` then
``ess-graph load``, and draws the structures asked about the way the scale benchmark does.

    PYTHONPATH=. python benchmarks/store_queries.py --store /tmp/scale-1m/store --structures 1000000
"""

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ess_graph.sources.oxigraph import OxigraphEngine  # noqa: E402
from ess_graph.sources.store import open_store  # noqa: E402
from ess_graph.sparql.catalogue import named_query  # noqa: E402
from ess_graph.synth import CountryGenerator  # noqa: E402
from ess_graph.vocab.namespaces import ESSD  # noqa: E402

ACTOR_QUERIES = ("funders", "partners", "supported-by", "provenance")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--structures", type=int, required=True, help="as given to ess-graph synth")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--queries", nargs="+", default=list(ACTOR_QUERIES))
    args = parser.parse_args()
    engine = OxigraphEngine(open_store(args.store))
    sizes = CountryGenerator(args.structures, args.seed).departement_sizes
    rng = random.Random(args.seed)
    actors = []
    for _ in range(args.runs):
        d = rng.randrange(len(sizes)) + 1
        actors.append(ESSD[f"synth/{args.seed}/d{d}/ess-{rng.randint(1, sizes[d - 1])}"])
    for name in args.queries:
        text = named_query(name).text
        times, rows = [], []
        for actor in actors:
            start = time.perf_counter()
            rows.append(len(engine.select(text, {"actor": actor}).rows))
            times.append(time.perf_counter() - start)
        print(f"{name:<14} p50 {statistics.median(times) * 1000:8.1f} ms  p95 {percentile(times, 0.95) * 1000:8.1f} ms"
              f"  max {max(times) * 1000:8.1f} ms  rows median {statistics.median(rows):g}", flush=True)
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GB")


if __name__ == "__main__":
    main()
