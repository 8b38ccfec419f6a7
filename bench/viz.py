"""Pictures: server-side build time per view, and time to stable in headless Chromium.

Server side: each view's JSON built from scratch (no cache), median of N runs, on the
default catalogue and on a synthetic 1,000-node graph. Browser side: a real gunicorn
server and Debian's chromium via Playwright; "time to stable" is from creating the
vis-network to its `stabilized` event (physics on) or first drawing (physics off, server
layout). Baseline in the same run: the JSON of a 1-node picture.
Usage: .venv/bin/python bench/viz.py [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import median_ms  # noqa: E402
from careergraph import viz  # noqa: E402
from careergraph.kb import KnowledgeBase  # noqa: E402
from careergraph.linkgraph import RELATIONS  # noqa: E402
from careergraph.synthetic import write_synthetic_graph  # noqa: E402


def server_side(kb: KnowledgeBase, label: str, runs: int) -> None:
    links, rels = kb.links, set(RELATIONS)
    career = next(n for n, k in links.nodes(data="kind") if k == "career")
    skill = next(n for n, k in links.nodes(data="kind") if k == "skill")
    views = {
        "1-node baseline": lambda: viz.picture_json(viz.neighbourhood(links, career, 1, set()), career),
        "career, depth 1": lambda: viz.picture_json(viz.neighbourhood(links, career, 1, rels), career),
        "career, depth 2": lambda: viz.picture_json(viz.cap(viz.neighbourhood(links, career, 2, rels),
                                                            viz.DEFAULT_LIMIT, {career})[0], career),
        "skill, depth 1": lambda: viz.picture_json(viz.neighbourhood(links, skill, 1, rels), skill),
        "explore, 300 nodes": lambda: viz.picture_json(viz.cap(links, 300)[0]),
        "explore, all nodes": lambda: viz.picture_json(links),
    }
    print(f"\nserver-side build, {label} ({links.number_of_nodes()} nodes, {links.number_of_edges()} edges), "
          f"median of {runs}")
    base = None
    for name, fn in views.items():
        ms = median_ms(fn, runs, warm_up=False)  # the first build is part of the figure
        base = base or ms
        print(f"  {name:<22}{ms:9.1f} ms  {ms / base:7.1f}x baseline")


def browser_side(graph_dir: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from livesrv import live_server

    with tempfile.TemporaryDirectory() as tmp, live_server(graph_dir, Path(tmp) / "server.log") as url, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for limit, label in ((300, "300-node view"), (1000, "1,000-node view")):
            samples, drawn = [], 0
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"{url}/explore")
                # the first load is the default 300; reload with the chosen limit via the API
                page.evaluate(f"""() => fetch('/api/graph/explore?limit={limit}').then(r => r.json()).then(d => {{
                    const p = window.careergraphPictures.explore; p.stableMs = null; window.__t0 = performance.now();
                    p.nodes.clear(); p.edges.clear(); p.nodes.add(d.nodes); p.edges.add(d.edges);
                    p.network.setOptions(d.options); p.network.setData({{nodes: p.nodes, edges: p.edges}});
                    p.network.once('afterDrawing', () => {{ p.stableMs = performance.now() - window.__t0; }}); }})""")
                deadline = time.monotonic() + 30
                while page.evaluate("window.careergraphPictures.explore.stableMs") is None:
                    if time.monotonic() > deadline:
                        raise RuntimeError("picture did not settle in 30 s")
                    page.wait_for_timeout(20)
                samples.append(page.evaluate("window.careergraphPictures.explore.stableMs"))
                drawn = page.evaluate("window.careergraphPictures.explore.nodes.length")
                page.close()
            print(f"  {label:<22}{statistics.median(samples):9.1f} ms to stable ({drawn} nodes drawn, "
                  f"median of {runs} page loads)")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    server_side(KnowledgeBase.load("graph"), "default catalogue", args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_synthetic_graph(Path(tmp) / "graph", careers=100, skills=880)
        server_side(KnowledgeBase.load(folder), "synthetic graph", args.runs)
        print("\nheadless Chromium (Debian chromium via Playwright), synthetic graph")
        browser_side(folder, args.runs)


if __name__ == "__main__":
    main()
