"""SPARQL latency per query: our endpoint over HTTP (a real `careergraph serve`, gunicorn),
raw pyoxigraph in this process, and rdflib's memory store; with the ratios.

The query set is the editor's saved questions (src/careergraph/queries). Each engine runs
each query once to warm up, then --runs times; medians are quoted. Every engine does the
whole job an analyst's client would: the endpoint answers JSON over HTTP (GET, read to the end),
pyoxigraph and rdflib yield every solution in-process. The issue's target: over the set,
the endpoint's median latency <= 1.5 x raw pyoxigraph's, at O*NET scale.
Usage: .venv/bin/python bench/sparql.py [GRAPH_DIR ...] [--runs N]
  (the default catalogue always; pass e.g. the folder `careergraph import onet` wrote)
"""
from __future__ import annotations

import argparse
import multiprocessing
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

from bench.timing import median_ms  # noqa: E402
from careergraph.gallery import prefixes, saved_queries, with_prologue  # noqa: E402
from careergraph.kb import KnowledgeBase  # noqa: E402
from tests.livesrv import live_server  # noqa: E402

RDFLIB_LIMIT = 60.0  # seconds; see rdflib_ms


def rdflib_ms(graph: Graph, query: str, runs: int) -> float | None:
    """Median time of rdflib's engine, in a forked child (the graph is shared copy-on-write);
    None when it has not answered within 2 x RDFLIB_LIMIT: rdflib cannot be interrupted, so the
    child is killed. A slow query is repeated only while the runs add up to RDFLIB_LIMIT / 2."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child():
        times = []
        while len(times) <= runs and sum(times) < RDFLIB_LIMIT / 2:
            started = time.perf_counter()
            sum(1 for _ in graph.query(query))
            times.append(time.perf_counter() - started)
        send.send(statistics.median(times[1:] or times) * 1000)  # the first run warms up

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()
    try:
        return receive.recv() if receive.poll(RDFLIB_LIMIT * 2) else None
    finally:
        receive.close()
        process.kill()
        process.join()


def endpoint_runner(url: str, query: str):
    """GET ?query=, as SPARQLWrapper and rdflib's SPARQLStore send it by default. (A POST costs
    about 2.5 ms more here: urllib sends the body in a second packet.)"""
    target = url + "?" + urllib.parse.urlencode({"query": query})
    accept = {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}

    def run():
        with urllib.request.urlopen(urllib.request.Request(target, headers=accept), timeout=300) as response:
            response.read()
    return run


def bench_graph(folder: Path, runs: int, workdir: Path) -> None:
    kb = KnowledgeBase.load(folder)
    ntriples, declared = kb.ntriples(), prefixes(kb.iris)
    del kb  # this process holds no more than the store while pyoxigraph is timed
    queries = [(q.id, with_prologue(q.body, declared)) for q in saved_queries()]
    store = ox.Store()
    store.load(ntriples, ox.RdfFormat.N_TRIPLES)
    args = ["--sparql-timeout", "120", "--sparql-max-rows", "10000000"]
    rows = []
    with live_server(folder, workdir / f"bench-{folder.name}.log", extra_args=args) as site:
        baseline = median_ms(lambda: urllib.request.urlopen(site + "/robots.txt", timeout=10).close(), runs * 3)
        for name, text in queries:
            count = sum(1 for _ in store.query(text))
            endpoint = median_ms(endpoint_runner(site + "/sparql", text), runs)
            oxigraph = median_ms(lambda: sum(1 for _ in store.query(text)), runs)
            rows.append([name, count, endpoint, oxigraph])
    # rdflib last: its graph takes gigabytes of Python objects at O*NET scale, and a heap that
    # size slows whatever else runs in the process (every garbage collection walks it)
    started = time.perf_counter()
    memory = Graph()
    memory.parse(data=ntriples, format="nt")
    parse_seconds = time.perf_counter() - started
    for row, (_, text) in zip(rows, queries):
        row.append(rdflib_ms(memory, text, runs))
    print(f"\n## {folder}: {len(store):,} triples (rdflib memory store parsed in {parse_seconds:.1f} s), "
          f"median of {runs} runs")
    print(f"{'query':32} {'rows':>7} {'endpoint ms':>12} {'pyoxigraph ms':>14} {'rdflib ms':>10} "
          f"{'endpoint/pyox':>14} {'rdflib/pyox':>12}")
    for name, count, endpoint, oxigraph, rdflib in rows:
        slow = f"{rdflib:10.1f}" if rdflib is not None else f"{'>' + str(int(RDFLIB_LIMIT * 2000)):>10}"
        ratio = f"{rdflib / oxigraph:11.1f}x" if rdflib is not None else f"{'-':>12}"
        print(f"{name:32} {count:>7,} {endpoint:12.2f} {oxigraph:14.2f} {slow} {endpoint / oxigraph:13.1f}x {ratio}")
    endpoint, oxigraph = (statistics.median(r[i] for r in rows) for i in (2, 3))
    print(f"{'median over the set':40} {endpoint:12.2f} {oxigraph:14.2f} {'':10} {endpoint / oxigraph:13.2f}x")
    print(f"{'HTTP baseline (GET /robots.txt)':40} {baseline:12.2f}")


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
