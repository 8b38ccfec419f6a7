"""Load time and peak memory of a graph folder (YAML → records → RDF → link graph).

Each figure is the median of several runs, each in a fresh process so peak RSS is honest:
cold (no cache: YAML, validation, RDF, link graph) and warm (from the cache keyed by the
content's hash). The baseline measured in the same run is the YAML stage with PyYAML's
pure-Python SafeLoader, so the ratio shows what libyaml buys.
Usage: .venv/bin/python bench/load.py [GRAPH_DIR] [--runs N]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = r"""
import json, resource, sys, time
from pathlib import Path
import yaml
from careergraph import load as load_module
from careergraph.kb import KnowledgeBase, collector_paused
from careergraph.linkgraph import build_link_graph
from careergraph.load import load_graph
from careergraph.rdf import catalogue_to_ntriples, catalogue_to_store, rdf_store
from careergraph.vocab import Iris

folder, cache, mode = sys.argv[1], sys.argv[2], sys.argv[3]
out = {}
if mode == "stages":  # as KnowledgeBase.load runs them: with the garbage collector paused
    iris = Iris()
    with collector_paused():
        t = time.perf_counter(); loaded = load_graph(folder); out["yaml"] = time.perf_counter() - t
        t = time.perf_counter(); nt = catalogue_to_ntriples(loaded.catalogue, iris); out["ntriples"] = time.perf_counter() - t
        t = time.perf_counter(); store = rdf_store(nt); out["store"] = time.perf_counter() - t
        del store
        t = time.perf_counter(); nt, store = catalogue_to_store(loaded.catalogue, iris); out["both"] = time.perf_counter() - t
        t = time.perf_counter(); links = build_link_graph(store, iris); out["links"] = time.perf_counter() - t
    out["files"] = sum(len(loaded.catalogue.of_kind(k)) for k in ("hub", "career", "skill", "citation"))
    out["triples"], out["edges"] = len(store), links.number_of_edges()
elif mode in ("pure-yaml", "collected"):  # the baseline parser; the collector left running
    if mode == "pure-yaml":
        load_module.YamlLoader = yaml.SafeLoader
        with collector_paused():
            t = time.perf_counter(); load_graph(folder); out["yaml"] = time.perf_counter() - t
    else:
        t = time.perf_counter(); load_graph(folder); out["yaml"] = time.perf_counter() - t
else:  # cold or warm whole load through the cache
    t = time.perf_counter(); KnowledgeBase.load(folder, cache_dir=cache); out["load"] = time.perf_counter() - t
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run(folder: str, cache: str, mode: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", STAGES, folder, cache, mode], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("graph", nargs="?", default="graph")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    med = lambda rows, key: statistics.median(r[key] for r in rows)  # noqa: E731
    stages = [run(args.graph, "", "stages") for _ in range(args.runs)]
    pure = [run(args.graph, "", "pure-yaml") for _ in range(args.runs)]
    collected = [run(args.graph, "", "collected") for _ in range(args.runs)]
    with tempfile.TemporaryDirectory() as cache:
        cold, warm = [], []
        for _ in range(args.runs):
            for old in Path(cache).iterdir():
                old.unlink()
            cold.append(run(args.graph, cache, "cold"))
            deadline = time.monotonic() + 120  # a big graph's entry is written by a detached process
            while not list(Path(cache).glob("*.pickle")) and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(1)
            warm.append(run(args.graph, cache, "warm"))
    s = stages[0]
    print(f"graph: {args.graph} ({s['files']:,} files, {s['triples']:,} triples, {s['edges']:,} link-graph edges); "
          f"median of {args.runs} fresh processes")
    print(f"  YAML -> records (libyaml)  {med(stages, 'yaml') * 1000:9.1f} ms   "
          f"(pure-Python SafeLoader {med(pure, 'yaml') * 1000:.1f} ms, {med(pure, 'yaml') / med(stages, 'yaml'):.1f}x slower)")
    print(f"  the same, collector running {med(collected, 'yaml') * 1000:8.1f} ms")
    print(f"  records -> N-Triples       {med(stages, 'ntriples') * 1000:9.1f} ms")
    print(f"  N-Triples -> Oxigraph      {med(stages, 'store') * 1000:9.1f} ms")
    print(f"  the two, overlapped        {med(stages, 'both') * 1000:9.1f} ms   (as the load runs them)")
    print(f"  RDF -> link graph          {med(stages, 'links') * 1000:9.1f} ms")
    print(f"  whole load, cold           {med(cold, 'load') * 1000:9.1f} ms   peak RSS {med(cold, 'rss_mb'):.0f} MB")
    print(f"  whole load, warm (cache)   {med(warm, 'load') * 1000:9.1f} ms   peak RSS {med(warm, 'rss_mb'):.0f} MB")


if __name__ == "__main__":
    main()
