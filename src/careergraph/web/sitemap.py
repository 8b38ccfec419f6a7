"""/sitemap.xml (every page) and /robots.txt."""
from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, Response

from .state import current_kb

bp = Blueprint("sitemap", __name__)


def all_page_paths(kb) -> list[str]:
    paths = ["/", "/skills", "/citations"]
    paths += [f"/hubs/{h}" for h in kb.catalogue.hubs]
    for career in kb.catalogue.careers.values():
        paths += [f"/careers/{career.id}", f"/careers/{career.id}/skills"]
        paths += [f"/careers/{career.id}/skills/{link.skill}" for link in career.skills]
    paths += [f"/skills/{s}" for s in kb.catalogue.skills]
    paths += [f"/citations/{c}" for c in kb.catalogue.citations]
    return paths


@bp.get("/sitemap.xml")
def sitemap_xml():
    kb = current_kb()
    base = kb.iris.base.rstrip("/")
    urls = "".join(f"<url><loc>{escape(base + p)}</loc></url>" for p in all_page_paths(kb))
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n')
    return Response(body, mimetype="application/xml")


@bp.get("/robots.txt")
def robots_txt():
    base = current_kb().iris.base.rstrip("/")
    return Response(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n", mimetype="text/plain")
