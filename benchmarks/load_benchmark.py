"""Loading a file into a store as a source, beside Oxigraph's own bulk loader, in the same run.

For each size (ESS structures), the file is generated once with ``ess-graph synth`` (or given with
``--file``), then loaded into a fresh store, each way in a process of its own, timed from the
start of the process to its end:

- ``oxigraph load`` (the Rust command-line bulk loader), into the default graph, then into a
  named graph (``--graph``), which is how a source is kept;
- ``ess-graph load FILE --store DIR``: the file checked first, then bulk-loaded into the source's
  named graph, counted, entered in the catalogue, and the store compacted;
- the same with ``--unchecked`` (no check pass; a bad line is then met by the bulk loader, and
  the half-written version emptied);
- with ``--replace``, loading a second version of the file (one triple changed) under the same
  name into the store ``ess-graph load`` made: the new version bulk-loaded, then the old one
  emptied, in batches.

It prints, for each, the seconds, the triples per second (the file's triples over the seconds)
and the store's size on disk.

    PYTHONPATH=. python benchmarks/load_benchmark.py --sizes 100000 --workdir /tmp/load-bench
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def disk_mb(directory: Path) -> float:
    return sum(f.stat().st_size for f in directory.rglob("*") if f.is_file()) / 1e6


def timed(command: list[str], store: Path) -> dict:
    """Run ``command`` into a fresh ``store``; its seconds and the store's size."""
    shutil.rmtree(store, ignore_errors=True)
    return timed_again(command, store)


def timed_again(command: list[str], store: Path) -> dict:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip().splitlines()[-1:]}")
    return {"seconds": seconds, "disk_mb": disk_mb(store)}


def count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 22), b""))


def second_version(path: Path) -> Path:
    """The file with its first triple's object changed: a new version of the same source."""
    changed = path.with_name(path.stem + "-v2.nt")
    with open(path, "rb") as source, open(changed, "wb") as target:
        first = source.readline()
        target.write(first.rsplit(b" ", 2)[0] + b' "changed" .\n')
        shutil.copyfileobj(source, target, 1 << 22)
    return changed


def bench(path: Path, workdir: Path, oxigraph: str, replace: bool) -> list[tuple[str, dict]]:
    ess = [sys.executable, "-m", "ess_graph", "load", str(path), "--as", "country", "--store"]
    store = workdir / "store"
    runs = [
        ("oxigraph load (default graph)", timed([oxigraph, "load", "--location", str(store), "--file", str(path)],
                                                store)),
        ("oxigraph load --graph (named graph)", timed([oxigraph, "load", "--location", str(store), "--file",
                                                       str(path), "--graph", "https://example.org/country"], store)),
        ("ess-graph load --unchecked", timed([*ess, str(store), "--unchecked"], store)),
        ("ess-graph load (checked)", timed([*ess, str(store)], store)),
    ]
    if replace:
        changed = second_version(path)
        runs.append(("ess-graph load, replacing the source", timed_again([*ess[:4], str(changed), *ess[5:],
                                                                          str(store)], store)))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--file", type=Path, help="Load this N-Triples file instead of generating one.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/ess-load-benchmark"))
    parser.add_argument("--replace", action="store_true", help="Also time replacing the source by a new version.")
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                               os.environ.get("PATH", "")]))
    if oxigraph is None:
        raise SystemExit("the oxigraph command is not installed (pip install oxigraph)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    files = [(None, args.file)] if args.file else [(size, args.workdir / f"synth-{size}-{args.seed}.nt")
                                                   for size in args.sizes]
    print("| structures | triples | way | seconds | triples/s | disk |\n| ---: | ---: | --- | ---: | ---: | ---: |")
    for size, path in files:
        if not path.exists():
            subprocess.run([sys.executable, "-m", "ess_graph", "synth", "--structures", str(size), "--seed",
                            str(args.seed), "-o", str(path)], check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        triples = count_lines(path)
        for way, result in bench(path, args.workdir, oxigraph, args.replace):
            print(f"| {f'{size:,}' if size else '-'} | {triples:,} | {way} | {result['seconds']:.1f} | "
                  f"{triples / result['seconds']:,.0f} | {result['disk_mb']:,.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
