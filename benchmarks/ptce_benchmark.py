"""Precision, recall and time of the PTCE candidate search on synthetic territories.

Each territory has planted cooperation clusters (see ess_graph.synth); a candidate is a hit when its
members match a planted cluster with Jaccard >= 0.5. "all gates" restricts precision to the
candidates that meet every legal gate, the ones a user reads first.

    python benchmarks/ptce_benchmark.py                       # sizes 250 500 1000 2000, seeds 11 12 13
    python benchmarks/ptce_benchmark.py --sizes 5000 --seeds 21 --knob noise_links=1.0
"""

import argparse
import statistics
import time

from ess_graph.ptce import find_ptce_candidates, load_parameters
from ess_graph.ptce.evaluation import recovery
from ess_graph.synth import synthetic_territory


def run(size: int, seed: int, params, knobs: dict) -> dict:
    start = time.perf_counter()
    territory = synthetic_territory(size, seed, **knobs)
    generated = time.perf_counter()
    analysis = find_ptce_candidates(territory.graph, params)
    analysed = time.perf_counter()
    found = [frozenset(c.member_iris) for c in analysis.candidates]
    full = [frozenset(c.member_iris) for c in analysis.candidates if not c.failed_gates]
    overall = recovery(found, territory.planted_clusters)
    gated = recovery(full, territory.planted_clusters)
    return {"size": size, "seed": seed, "triples": len(territory.graph), "planted": overall.clusters,
            "candidates": overall.candidates, "precision": overall.precision, "recall": overall.recall,
            "precision_all_gates": gated.precision, "generate_s": generated - start, "analyse_s": analysed - generated}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--knob", action="append", default=[], metavar="NAME=VALUE",
                        help="synthetic territory knob, e.g. noise_links=1.0")
    args = parser.parse_args()
    params = load_parameters(None, args.param)
    knobs = {name: int(value) if value.lstrip("-").isdigit() else float(value)
             for name, _, value in (k.partition("=") for k in args.knob)}
    header = (f"{'size':>5} {'seed':>4} {'triples':>8} {'planted':>7} {'cands':>5} {'precision':>9} "
              f"{'recall':>6} {'prec.all-gates':>14} {'generate s':>10} {'analyse s':>9}")
    print(header)
    rows = []
    for size in args.sizes:
        for seed in args.seeds:
            row = run(size, seed, params, knobs)
            rows.append(row)
            print(f"{row['size']:>5} {row['seed']:>4} {row['triples']:>8} {row['planted']:>7} {row['candidates']:>5} "
                  f"{row['precision']:>9.2f} {row['recall']:>6.2f} {row['precision_all_gates']:>14.2f} "
                  f"{row['generate_s']:>10.1f} {row['analyse_s']:>9.1f}", flush=True)
    print()
    print(f"{'size':>5} {'mean precision':>14} {'mean recall':>11} {'mean prec.all-gates':>19} {'mean analyse s':>14}")
    for size in args.sizes:
        group = [r for r in rows if r["size"] == size]
        print(f"{size:>5} {statistics.mean(r['precision'] for r in group):>14.2f} "
              f"{statistics.mean(r['recall'] for r in group):>11.2f} "
              f"{statistics.mean(r['precision_all_gates'] for r in group):>19.2f} "
              f"{statistics.mean(r['analyse_s'] for r in group):>14.1f}")


if __name__ == "__main__":
    main()
