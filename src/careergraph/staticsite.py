"""`careergraph build OUT`: the whole site as static files for any static host or CDN.

Every page is fetched through the WSGI app (the same code that serves it) and written as
OUT/<path>/index.html; the data behind pictures and search, the dumps and the vocabulary
are written at their own paths, so the pages' scripts find them on a static host too
(a static host ignores query strings, so each picture gets its default view).
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from flask import Flask

from .web.sitemap import all_page_paths

DATA_PATHS = ["/api/graph/explore", "/api/graph/nodes", "/api/graph/site", "/sitemap.xml", "/robots.txt",
              "/dump.ttl", "/dump.nt", "/dump.jsonld", "/.well-known/void", "/ontology", "/ontology.ttl",
              "/explore", "/explore/site", "/query", "/search", "/assessment", "/api/search-index"]


def export_paths(app: Flask, kb) -> list[str]:
    pages = all_page_paths(kb)
    pictures = [f"/api/graph/{node}" for node in kb.links.nodes]
    known = {rule.rule for rule in app.url_map.iter_rules()}
    data = [p for p in DATA_PATHS if p in known]  # only what this app serves
    return pages + pictures + data


def target_for(out: Path, path: str, mimetype: str) -> Path:
    relative = path.strip("/")
    if mimetype == "text/html":
        return out / relative / "index.html" if relative else out / "index.html"
    return out / relative


def build_site(app: Flask, kb, out: str | Path) -> dict:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    client = app.test_client()
    started = time.perf_counter()
    written, failed = 0, []
    for path in export_paths(app, kb):
        response = client.get(path)
        if response.status_code != 200:
            failed.append((path, response.status_code))
            continue
        target = target_for(out, path, response.mimetype)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.get_data())
        written += 1
    static_out = out / "static"
    if static_out.exists():
        shutil.rmtree(static_out)
    shutil.copytree(app.static_folder, static_out)
    elapsed = time.perf_counter() - started
    return {"files": written, "failed": failed, "seconds": elapsed, "per_second": written / elapsed if elapsed else 0}
