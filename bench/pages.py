"""Render time per page kind and pages/s over every page, through the WSGI app in-process.

Two passes: the first builds each view (once per graph version), the second is what a
warm server does. The baseline measured in the same run is /robots.txt, a trivial endpoint,
so the ratio shows what page rendering costs over the framework itself.
Usage: .venv/bin/python bench/pages.py [GRAPH_DIR] [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict

from careergraph.web import create_app
from careergraph.web.sitemap import all_page_paths


def kind_of(path: str) -> str:
    parts = path.strip("/").split("/")
    if path == "/":
        return "home"
    if parts[0] == "careers":
        return {1: "career", 2: "career skills", 3: "drilldown"}[len(parts) - 1]
    return {"hubs": "hub", "skills": "skill", "citations": "citation"}[parts[0]] + ("s index" if len(parts) == 1 else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("graph", nargs="?", default="graph")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = create_app({"GRAPH_DIR": args.graph})
    client = app.test_client()
    kb = app.extensions["careergraph"].state.kb
    paths = all_page_paths(kb)

    started = time.perf_counter()
    for path in paths:
        assert client.get(path).status_code == 200, path
    cold = time.perf_counter() - started

    per_kind: dict[str, list[float]] = defaultdict(list)
    totals = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for path in paths:
            t = time.perf_counter()
            client.get(path)
            per_kind[kind_of(path)].append(time.perf_counter() - t)
        totals.append(time.perf_counter() - started)
    trivial = []
    for _ in range(500):
        t = time.perf_counter()
        client.get("/robots.txt")
        trivial.append(time.perf_counter() - t)

    warm = statistics.median(totals)
    base = statistics.median(trivial)
    print(f"graph: {args.graph} ({len(paths)} pages); median of {args.runs} warm passes")
    print(f"first pass (views built): {len(paths) / cold:8.0f} pages/s")
    print(f"warm pass:                {len(paths) / warm:8.0f} pages/s")
    print(f"baseline /robots.txt:     {base * 1000:8.2f} ms median")
    print(f"{'page kind':<16}{'pages':>7}{'median ms':>11}{'x baseline':>12}")
    for kind, samples in sorted(per_kind.items()):
        median = statistics.median(samples)
        print(f"{kind:<16}{len(samples) // args.runs:>7}{median * 1000:>11.2f}{median / base:>12.1f}")


if __name__ == "__main__":
    main()
