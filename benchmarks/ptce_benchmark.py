"""Precision, recall, stability and time of the PTCE candidate search on synthetic territories, by kind.

Each territory (ess_graph.synth) has planted cooperating clusters, latent clusters (one territory, a
theme or value chain, a supporter, few links) and decoys. A cooperating candidate is a hit when it
matches a planted cluster with Jaccard >= 0.5, a potential candidate when it matches a latent one
(ess_graph.ptce.evaluation says why precision is per kind); "any" counts a match with a true
cluster of either kind, "decoy" the candidates matching a decoy group, "gates" the precision of the
cooperating candidates that meet every legal gate. Stability is the candidates' own figure when
they carry one, else the share of --reruns runs with other Louvain seeds that return them.

    python benchmarks/ptce_benchmark.py                       # sizes 1000 5000 20000, seeds 11 12 13
    python benchmarks/ptce_benchmark.py --sizes 5000 --seeds 21 --knob latent_density=0.3 --reruns 0
"""

import argparse
import statistics
import time

from ess_graph.ptce import find_ptce_candidates, load_parameters
from ess_graph.ptce.evaluation import Found, recovery, recovery_by_kind, with_rerun_stability
from ess_graph.synth import synthetic_territory

FIGURES = (("coop P", "cooperating", "precision"), ("coop any", "cooperating", "precision_any"),
           ("coop R", "cooperating", "recall"), ("pot P", "potential", "precision"),
           ("pot any", "potential", "precision_any"), ("latent R", "potential", "recall"),
           ("coop stab", "cooperating", "stability"), ("pot stab", "potential", "stability"))


def run(size: int, seed: int, params, knobs: dict, reruns: int) -> dict:
    start = time.perf_counter()
    territory = synthetic_territory(size, seed, **knobs)
    generated = time.perf_counter()
    analysis = find_ptce_candidates(territory.graph, params)
    analysed = time.perf_counter()
    found = [Found.of(c) for c in analysis.candidates]
    if all(f.stability is None for f in found) and reruns:
        again = [[Found.of(c) for c in find_ptce_candidates(territory.graph, params.with_overrides(
            {"seed": params.seed + i})).candidates] for i in range(1, reruns + 1)]
        found = with_rerun_stability(found, again)
    result = recovery_by_kind(found, territory.planted_clusters, territory.latent_clusters, territory.decoy_groups)
    gated = recovery([frozenset(c.member_iris) for c in analysis.candidates
                      if not c.failed_gates and getattr(c, "kind", "cooperating") == "cooperating"],
                     territory.planted_clusters)
    row = {"size": size, "seed": seed, "triples": len(territory.graph), "planted": len(territory.planted_clusters),
           "latent": len(territory.latent_clusters), "coop": result["cooperating"].candidates,
           "pot": result["potential"].candidates,
           "decoy": result["cooperating"].decoys + result["potential"].decoys,
           "gates": gated.precision, "generate_s": generated - start, "analyse_s": analysed - generated}
    for name, kind, figure in FIGURES:
        row[name] = getattr(result[kind], figure)
    return row


def _cell(value, width: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.2f}"


def _mean(values):
    known = [v for v in values if v is not None]
    return statistics.mean(known) if known else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    parser.add_argument("--reruns", type=int, default=2,
                        help="extra runs with other seeds for the stability, when candidates carry none")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--knob", action="append", default=[], metavar="NAME=VALUE",
                        help="synthetic territory knob, e.g. latent_density=0.3")
    args = parser.parse_args()
    params = load_parameters(None, args.param)
    knobs = {name: int(value) if value.lstrip("-").isdigit() else float(value)
             for name, _, value in (k.partition("=") for k in args.knob)}
    names = [name for name, _, _ in FIGURES]
    print(f"{'size':>6} {'seed':>4} {'triples':>8} {'planted':>7} {'latent':>6} {'coop':>4} {'pot':>4} "
          + " ".join(f"{n:>9}" for n in names) + f" {'decoy':>5} {'gates':>5} {'generate s':>10} {'analyse s':>9}")
    rows = []
    for size in args.sizes:
        for seed in args.seeds:
            row = run(size, seed, params, knobs, args.reruns)
            rows.append(row)
            print(f"{row['size']:>6} {row['seed']:>4} {row['triples']:>8} {row['planted']:>7} {row['latent']:>6} "
                  f"{row['coop']:>4} {row['pot']:>4} " + " ".join(_cell(row[n], 9) for n in names)
                  + f" {row['decoy']:>5} {row['gates']:>5.2f} {row['generate_s']:>10.1f} {row['analyse_s']:>9.1f}",
                  flush=True)
    print()
    print(f"{'size':>6} " + " ".join(f"{n:>9}" for n in names) + f" {'analyse s':>9}   (means over seeds)")
    for size in args.sizes:
        group = [r for r in rows if r["size"] == size]
        print(f"{size:>6} " + " ".join(_cell(_mean(r[n] for r in group), 9) for n in names)
              + f" {statistics.mean(r['analyse_s'] for r in group):>9.1f}")


if __name__ == "__main__":
    main()
