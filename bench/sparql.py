"""SPARQL latency per query: our endpoint over HTTP (a real `careergraph serve`, gunicorn),
raw pyoxigraph in this process, and rdflib's memory store; with the ratios.

The query set is the editor's saved questions (src/careergraph/queries). Each engine runs
each query once to warm up, then --runs times; medians are quoted. Every engine does the
whole job an analyst's client would: the endpoint answers JSON over HTTP (read to the end),
pyoxigraph and rdflib yield every solution in-process. The issue's target: over the set,
the endpoint's median latency <= 1.5 x raw pyoxigraph's, at O*NET scale.
Usage: .venv/bin/python bench/sparql.py [GRAPH_DIR ...] [--runs N]
  (the default catalogue always; pass e.g. the folder `careergraph import onet` wrote)
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# One load cache for this script and the server it starts (the server inherits the
# environment): the server then starts from the cache instead of loading YAML again.
os.environ.setdefault("CAREERGRAPH_CACHE", str(Path(tempfile.gettempdir()) / "careergraph-bench-cache"))

from careergraph.gallery import prefixes, saved_queries, with_prologue  # noqa: E402
from careergraph.kb import KnowledgeBase  # noqa: E402
from tests.livesrv import live_server  # noqa: E402

RDFLIB_BUDGET = 20.0  # seconds per query: past it, rdflib's figure is from fewer runs


def median_ms(run, runs: int, budget: float | None = None) -> float:
    """Median of `runs` timed runs after a warm-up; past `budget` seconds, of fewer (at least one)."""
    started = time.perf_counter()
    run()  # warm up
    warm = time.perf_counter() - started
    if budget is not None and warm > budget / 2:
        return warm * 1000  # too slow to repeat: the warm-up is the figure
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
        if budget is not None and time.perf_counter() - started > budget:
            break
    return statistics.median(times) * 1000


def endpoint_runner(url: str, query: str):
    body = urllib.parse.urlencode({"query": query}).encode()

    def run():
        request = urllib.request.Request(url, data=body, headers={
            "Accept": "application/sparql-results+json, text/turtle;q=0.9"})
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
    return run


def bench_graph(folder: Path, runs: int, workdir: Path) -> None:
    kb = KnowledgeBase.load(folder)
    ntriples = kb.ntriples()
    store = ox.Store()
    store.load(ntriples, ox.RdfFormat.N_TRIPLES)
    started = time.perf_counter()
    memory = Graph()
    memory.parse(data=ntriples, format="nt")
    parse_seconds = time.perf_counter() - started
    print(f"\n## {folder}: {len(store):,} triples (rdflib memory store parsed in {parse_seconds:.1f} s), "
          f"median of {runs} runs")
    declared = prefixes(kb.iris)
    queries = [(q.id, with_prologue(q.body, declared)) for q in saved_queries()]
    args = ["--workers", "1", "--sparql-timeout", "120", "--sparql-max-rows", "10000000"]
    rows = []
    with live_server(folder, workdir / f"bench-{folder.name}.log", extra_args=args) as site:
        for name, text in queries:
            count = sum(1 for _ in store.query(text))
            endpoint = median_ms(endpoint_runner(site + "/sparql", text), runs)
            oxigraph = median_ms(lambda: sum(1 for _ in store.query(text)), runs)
            rdflib = median_ms(lambda: sum(1 for _ in memory.query(text)), runs, budget=RDFLIB_BUDGET)
            rows.append((name, count, endpoint, oxigraph, rdflib))
    print(f"{'query':32} {'rows':>7} {'endpoint ms':>12} {'pyoxigraph ms':>14} {'rdflib ms':>10} "
          f"{'endpoint/pyox':>14} {'rdflib/pyox':>12}")
    for name, count, endpoint, oxigraph, rdflib in rows:
        print(f"{name:32} {count:>7,} {endpoint:12.2f} {oxigraph:14.2f} {rdflib:10.1f} "
              f"{endpoint / oxigraph:13.1f}x {rdflib / oxigraph:11.1f}x")
    medians = [statistics.median(r[i] for r in rows) for i in (2, 3, 4)]
    print(f"{'median over the set':40} {medians[0]:12.2f} {medians[1]:14.2f} {medians[2]:10.1f} "
          f"{medians[0] / medians[1]:13.2f}x {medians[2] / medians[1]:11.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graphs", nargs="*", type=Path, help="more graph folders (e.g. an O*NET import)")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for folder in [ROOT / "graph", *args.graphs]:
            bench_graph(folder, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
