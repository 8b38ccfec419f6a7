"""Load time and peak memory of graph/ (YAML → records → RDF → link graph).

Prints the median of several runs for each stage and the YAML parser in use; the baseline
in the same run is the pure-Python SafeLoader, so the ratio shows what libyaml buys.
Usage: .venv/bin/python bench/load.py [GRAPH_DIR] [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

import yaml

from careergraph import load as load_module
from careergraph.kb import KnowledgeBase
from careergraph.linkgraph import build_link_graph
from careergraph.load import load_graph
from careergraph.rdf import catalogue_to_rdf
from careergraph.vocab import Iris


def timed(fn, runs):
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("graph", nargs="?", default="graph")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder, iris = Path(args.graph), Iris()

    yaml_s, loaded = timed(lambda: load_graph(folder), args.runs)
    rdf_s, rdf = timed(lambda: catalogue_to_rdf(loaded.catalogue, iris), args.runs)
    links_s, links = timed(lambda: build_link_graph(rdf, iris), args.runs)
    total_s, _ = timed(lambda: KnowledgeBase.load(folder), args.runs)

    original = load_module.YamlLoader
    load_module.YamlLoader = yaml.SafeLoader
    try:
        pure_s, _ = timed(lambda: load_graph(folder), args.runs)
    finally:
        load_module.YamlLoader = original

    tracemalloc.start()
    KnowledgeBase.load(folder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    files = sum(len(loaded.catalogue.of_kind(k)) for k in ("hub", "career", "skill", "citation"))
    print(f"graph: {folder} ({files} files, {len(rdf)} triples, {links.number_of_edges()} link-graph edges)")
    print(f"YAML parser: {original.__name__}; median of {args.runs} runs")
    print(f"  load+validate YAML   {yaml_s * 1000:8.1f} ms   (pure-Python SafeLoader {pure_s * 1000:.1f} ms, "
          f"{pure_s / yaml_s:.1f}x slower)")
    print(f"  records -> RDF       {rdf_s * 1000:8.1f} ms")
    print(f"  RDF -> link graph    {links_s * 1000:8.1f} ms")
    print(f"  whole load           {total_s * 1000:8.1f} ms")
    print(f"  peak traced memory   {peak / 2**20:8.1f} MiB")


if __name__ == "__main__":
    main()
