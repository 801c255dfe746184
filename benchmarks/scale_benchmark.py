"""Scale: the in-memory rdflib graph beside the on-disk Oxigraph store, on synthetic countries.

For each size (ESS structures), one process generates the graph with ``ess-graph synth``, then one
process per backend loads it and runs, with parameters drawn from the graph, twenty runs of each
question a user asks (p50 and p95 of the times; at most ``--budget`` seconds of runs a question):

- every named query of ``queries/`` that takes one actor or one territory (funders, partners,
  supported-by, provenance of a structure; funded-by, in-territory, ptce-ingredients of an
  intercommunality), run through the project's engines as ``ess-graph query`` runs them;
- territory-wide aggregates: ESS structures by legal form in a département; pairs of structures
  of an intercommunality sharing a funder, counted per funder (n(n-1)/2) and listed one by one;
- PTCE detection on the département closest to 20,000 structures (taking the territory out of the
  store, then the analysis);
- the map of an intercommunality (taking it out, the network, the HTML page).

rdflib runs only up to ``--rdflib-max`` structures (100,000 by default: above, loading alone takes
many minutes and gigabytes), and each of its queries is stopped after ``--timeout`` seconds. PTCE
and the map run on rdflib only when the whole graph is one département (there is no territory
extraction from an rdflib graph to compare). Peak memory is the process's maximum resident set
(``resource.getrusage``), after loading and at the end.

    PYTHONPATH=. python benchmarks/scale_benchmark.py --sizes 10000 100000 1000000 --workdir /tmp/scale
"""

import argparse
import json
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import Graph, URIRef  # noqa: E402

from ess_graph.io.loading import parse_into  # noqa: E402
from ess_graph.mapping import MapView, map_html, map_network  # noqa: E402
from ess_graph.network import to_networkx  # noqa: E402
from ess_graph.ptce import find_ptce_candidates  # noqa: E402
from ess_graph.sources.memory import RdflibEngine  # noqa: E402
from ess_graph.sources.oxigraph import OxigraphEngine  # noqa: E402
from ess_graph.sources.store import load_files, open_store  # noqa: E402
from ess_graph.sources.territory import territory_graph  # noqa: E402
from ess_graph.sparql.catalogue import named_query  # noqa: E402
from ess_graph.synth import CountryGenerator  # noqa: E402
from ess_graph.vocab.namespaces import ESSD, sparql_prologue  # noqa: E402
from ess_graph.vocab.resources import ontology_files  # noqa: E402

P = sparql_prologue()


def _named(name: str, label: str, parameter: str, variable: str) -> tuple[str, str, str, str]:
    return f"{name}: {label}", parameter, named_query(name).text, variable


QUERIES: dict[str, tuple[str, str, str, str]] = {
    # name: (label, what the parameter is drawn from, query, variable bound)
    # every named query of queries/ that takes one actor or one territory
    "funders": _named("funders", "who funds X", "actor", "actor"),
    "partners": _named("partners", "partners of X", "actor", "actor"),
    "supported-by": _named("supported-by", "whom X supports", "actor", "actor"),
    "provenance": _named("provenance", "sources of what is said of X", "actor", "actor"),
    "funded-by": _named("funded-by", "what an intercommunality funds", "intercommunality", "funder"),
    "in-territory": _named("in-territory", "actors of an intercommunality", "intercommunality", "territory"),
    "ptce-ingredients": _named("ptce-ingredients", "PTCE ingredients of an intercommunality", "intercommunality",
                               "territory"),
    # territory-wide aggregates, written here
    "legal_forms": ("ESS structures by legal form in a département", "departement", P + """
SELECT ?form (COUNT(DISTINCT ?actor) AS ?actors) WHERE {
  ?place ess:within* ?territory .
  ?actor ess:locatedIn ?place ; a ess:ESSStructure ; ess:legalForm ?form .
} GROUP BY ?form ORDER BY DESC(?actors)""", "territory"),
    "shared_funder": ("pairs sharing a funder in an intercommunality, counted", "intercommunality", P + """
SELECT ?funder (COUNT(DISTINCT ?a) * (COUNT(DISTINCT ?a) - 1) / 2 AS ?pairs) WHERE {
  ?place ess:within* ?territory . ?a ess:locatedIn ?place . ?funder ess:funds ?a .
} GROUP BY ?funder""", "territory"),
    # the same pairs one by one. The two sides are joined by a filter on two funder variables:
    # written with one shared variable, Oxigraph 0.5 walks every beneficiary of the State from each
    # structure (78 s instead of 0.09 s on a 100,000-structure store)
    "shared_funder_pairs": ("pairs sharing a funder in an intercommunality, listed", "intercommunality", P + """
SELECT ?funder (COUNT(*) AS ?pairs) WHERE {
  ?placeA ess:within* ?territory . ?a ess:locatedIn ?placeA . ?funder ess:funds ?a .
  ?placeB ess:within* ?territory . ?b ess:locatedIn ?placeB . ?funderB ess:funds ?b .
  FILTER(?funder = ?funderB && STR(?a) < STR(?b))
} GROUP BY ?funder""", "territory"),
}
INTERCOMMUNALITIES = P + "SELECT ?epci WHERE { ?epci ess:within ?territory ; a ess:CommunityOfCommunes }"


class TimedOut(BaseException):  # not an Exception: the engines turn those into their own errors
    pass


def _alarm(signum, frame):
    raise TimedOut


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# -- backends ------------------------------------------------------------------------------------


class RdflibBackend:
    name = "rdflib"

    def load(self, path: Path, workdir: Path) -> dict:
        start = time.perf_counter()
        self.graph = Graph()
        for vocabulary in ontology_files():
            parse_into(self.graph, vocabulary)
        self.graph.parse(path, format="nt")
        return {"seconds": time.perf_counter() - start, "graph_triples": len(self.graph)}

    def select(self, query: str, name: str, value: URIRef) -> list:
        return list(RdflibEngine(self.graph).select(query, {name: value}).rows)

    def territory(self, territory: URIRef, whole: bool) -> Graph | None:
        return self.graph if whole else None


class StoreBackend:
    name = "oxigraph"

    def load(self, path: Path, workdir: Path) -> dict:
        directory = workdir / f"store-{path.stem}"
        shutil.rmtree(directory, ignore_errors=True)
        self.store = open_store(directory, writable=True)
        report = load_files(self.store, [path])
        loaded = report.files[0]
        self.engine = OxigraphEngine(self.store)
        return {"seconds": report.seconds, "check_s": loaded.check_seconds,
                "bulk_load_s": loaded.load_seconds,
                "optimize_s": report.seconds - loaded.check_seconds - loaded.load_seconds,
                "disk_mb": sum(f.stat().st_size for f in directory.iterdir()) / 2**20}

    def select(self, query: str, name: str, value: URIRef) -> list:
        return list(self.engine.select(query, {name: value}).rows)

    def territory(self, territory: URIRef, whole: bool) -> Graph:
        return territory_graph(self.store, territory)


# -- the worker: one backend, one size -----------------------------------------------------------


def parameters(country: CountryGenerator, backend, rng: random.Random, runs: int) -> dict[str, list[URIRef]]:
    """Structures, intercommunalities and départements drawn at random, the same for both backends."""
    seed, sizes = country.seed, country.departement_sizes
    departements = [rng.randrange(len(sizes)) + 1 for _ in range(runs)]
    actors = [ESSD[f"synth/{seed}/d{d}/ess-{rng.randint(1, sizes[d - 1])}"] for d in departements]
    intercommunalities = []
    for d in departements:
        found = sorted(row[0] for row in backend.select(INTERCOMMUNALITIES, "territory", country.departement_iri(d)))
        intercommunalities.append(rng.choice(found))
    return {"actor": actors, "intercommunality": intercommunalities,
            "departement": [country.departement_iri(d) for d in departements]}


def time_queries(backend, params: dict, timeout: float, budget: float) -> dict:
    """Each question with each parameter value, until ``budget`` seconds are spent on it (at least
    three runs, unless one takes more than ``timeout``)."""
    results = {}
    for name, (_, parameter, query, variable) in QUERIES.items():
        times, rows, timed_out = [], [], False
        for value in params[parameter]:
            if len(times) >= 3 and sum(times) > budget:
                break
            signal.setitimer(signal.ITIMER_REAL, timeout)
            start = time.perf_counter()
            try:
                rows.append(len(backend.select(query, variable, value)))
            except TimedOut:
                timed_out = True
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - start)
        results[name] = {"p50": statistics.median(times) if times else None,
                         "p95": percentile(times, 0.95) if times else None, "runs": len(times),
                         "timed_out": timed_out, "rows_median": statistics.median(rows) if rows else None}
    return results


def time_ptce(backend, country: CountryGenerator) -> dict | None:
    sizes = country.departement_sizes
    number = min(range(1, len(sizes) + 1), key=lambda d: abs(sizes[d - 1] - 20_000))
    start = time.perf_counter()
    graph = backend.territory(country.departement_iri(number), whole=len(sizes) == 1)
    if graph is None:
        return None
    taken = time.perf_counter()
    analysis = find_ptce_candidates(graph)
    done = time.perf_counter()
    return {"departement_structures": sizes[number - 1], "graph_triples": len(graph), "extract_s": taken - start,
            "analyse_s": done - taken, "total_s": done - start, "candidates": len(analysis.candidates)}


def time_map(backend, country: CountryGenerator, intercommunalities: list[URIRef]) -> dict | None:
    runs = []
    for territory in intercommunalities[:3]:
        start = time.perf_counter()
        graph = backend.territory(territory, whole=len(country.departement_sizes) == 1)
        if graph is None:
            return None
        taken = time.perf_counter()
        pyvis = map_network(to_networkx(graph), MapView(territory=str(territory)))
        html = map_html(pyvis)
        done = time.perf_counter()
        runs.append({"extract_s": taken - start, "render_s": done - taken, "total_s": done - start,
                     "nodes": len(pyvis.nodes), "html_kb": len(html.encode()) / 1024})
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def worker(args) -> None:
    signal.signal(signal.SIGALRM, _alarm)
    backend = RdflibBackend() if args.backend == "rdflib" else StoreBackend()
    country = CountryGenerator(args.size, args.seed)
    result = {"size": args.size, "backend": backend.name, "departements": len(country.departement_sizes)}
    result["load"] = {"triples": args.triples, **backend.load(Path(args.file), Path(args.workdir))}
    result["load"]["peak_mb"] = peak_mb()
    rng = random.Random(args.seed)
    params = parameters(country, backend, rng, args.runs)
    result["queries"] = time_queries(backend, params, args.timeout, args.budget)
    result["ptce"] = time_ptce(backend, country)
    result["map"] = time_map(backend, country, params["intercommunality"])
    result["peak_mb"] = peak_mb()
    print(json.dumps(result), flush=True)


# -- the driver: one process per size and backend ------------------------------------------------


def generate(size: int, seed: int, workdir: Path) -> dict:
    path = workdir / f"synth-{size}-{seed}.nt"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ess_graph", "synth", "--structures", str(size), "--seed", str(seed),
                           "-o", str(path)], cwd=ROOT, capture_output=True, text=True, check=True)
    line = done.stderr.strip().splitlines()[-1]
    return {"path": path, "seconds": time.perf_counter() - start, "line": line, "mb": path.stat().st_size / 2**20,
            "triples": int(line.split()[1].replace(",", ""))}


def run_worker(size: int, backend: str, generated: dict, args) -> dict:
    path = generated["path"]
    command = [sys.executable, __file__, "--worker", "--size", str(size), "--backend", backend, "--file", str(path),
               "--triples", str(generated["triples"]),
               "--workdir", str(args.workdir), "--seed", str(args.seed), "--runs", str(args.runs),
               "--timeout", str(args.timeout), "--budget", str(args.budget)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        return {"size": size, "backend": backend, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def seconds(value: float | None, timed_out: bool = False, timeout: float = 0) -> str:
    if timed_out and value is None:
        return f"> {timeout:g} s"
    if value is None:
        return "–"
    if value < 0.01:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def tables(results: list[dict], generated: dict, args) -> str:
    lines = ["| structures | triples in the file | backend | load | triples/s | peak memory (load / end) |",
             "| ---: | ---: | --- | ---: | ---: | ---: |"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['size']:,} | | {r['backend']} | failed: {r['error']} | | |")
            continue
        load = r["load"]
        detail = (f" (check {load['check_s']:.0f} s, load {load['bulk_load_s']:.0f} s, "
                  f"compact {load['optimize_s']:.0f} s)" if "check_s" in load else "")
        lines.append(f"| {r['size']:,} | {load['triples']:,} | {r['backend']} | {load['seconds']:.1f} s{detail} | "
                     f"{load['triples'] / load['seconds']:,.0f} | {load['peak_mb'] / 1024:.1f} / "
                     f"{r['peak_mb'] / 1024:.1f} GB |")
    for size in args.sizes:
        if size > args.rdflib_max:
            lines.append(f"| {size:,} | | rdflib | not run: above {args.rdflib_max:,} structures | | |")
    lines += ["", "| question | " + " | ".join(f"{r['size']:,} {r['backend']}" for r in results if "error" not in r)
              + " |", "| --- |" + " ---: |" * sum("error" not in r for r in results)]
    for name, (label, _, _, _) in QUERIES.items():
        cells = []
        for r in results:
            if "error" in r:
                continue
            q = r["queries"][name]
            cells.append(f"{seconds(q['p50'], q['timed_out'], args.timeout)} / "
                         f"{seconds(q['p95'], q['timed_out'], args.timeout)}"
                         + (f" ({q['runs']} runs, then > {args.timeout:g} s)" if q["timed_out"] and q["runs"] else
                            f" ({q['runs']} runs)" if q["runs"] < args.runs and not q["timed_out"] else ""))
        lines.append(f"| {label} (p50 / p95) | " + " | ".join(cells) + " |")
    ptce_cells, map_cells = [], []
    for r in results:
        if "error" in r:
            continue
        p, m = r["ptce"], r["map"]
        ptce_cells.append("–" if p is None else f"{p['total_s']:.1f} s ({p['departement_structures']:,} structures: "
                          f"extract {p['extract_s']:.1f} s, analyse {p['analyse_s']:.1f} s)")
        map_cells.append("–" if m is None else f"{m['total_s']:.1f} s ({m['nodes']:.0f} nodes: extract "
                         f"{m['extract_s']:.1f} s, page {m['render_s']:.1f} s)")
    lines.append("| PTCE detection on one département | " + " | ".join(ptce_cells) + " |")
    lines.append("| map of one intercommunality | " + " | ".join(map_cells) + " |")
    lines += ["", *(f"generated {size:,}: {g['line']} ({g['mb']:,.0f} MB)" for size, g in generated.items())]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/ess-scale"))
    parser.add_argument("--runs", type=int, default=20, help="parameter values per question")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before an rdflib query is stopped")
    parser.add_argument("--budget", type=float, default=240.0, help="seconds spent at most on one question's runs")
    parser.add_argument("--rdflib-max", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated files and stores")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--triples", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    results, generated = [], {}
    for size in args.sizes:
        generated[size] = generate(size, args.seed, args.workdir)
        print(f"generated {size:,}: {generated[size]['line']}", file=sys.stderr, flush=True)
        for backend in (["rdflib"] if size <= args.rdflib_max else []) + ["oxigraph"]:
            results.append(run_worker(size, backend, generated[size], args))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        if not args.keep:
            generated[size]["path"].unlink()
            shutil.rmtree(args.workdir / f"store-{generated[size]['path'].stem}", ignore_errors=True)
    print(tables(results, generated, args))


if __name__ == "__main__":
    main()
