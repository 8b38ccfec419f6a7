"""Search: /search (page), /api/search (JSON, grouped by kind), /api/suggest (autocomplete)."""
from __future__ import annotations

import textwrap

from flask import Blueprint, abort, jsonify, request

from ..search import Hit, SearchIndex, documents_from_kb, grouped
from .pages import render_page
from .state import current_kb, current_views

bp = Blueprint("search", __name__)
MAX_QUERY = 200
KIND_LABELS = {"career": "Careers", "skill": "Skills", "hub": "Pillar hubs", "citation": "Sources"}
TIER_TEXT = {"name": "name", "alias": "also known as", "prefix": "starts with", "words": "all words",
             "typo": "close spelling", "summary": "in the description"}


def search_index() -> SearchIndex:
    kb = current_kb()
    return current_views().cached(("search-index",), lambda: SearchIndex(documents_from_kb(kb)))


def query_arg() -> str:
    query = request.args.get("q", "")
    if len(query) > MAX_QUERY:
        abort(400, description=f"The search text is {len(query):,} characters long; at most {MAX_QUERY} are allowed.")
    return query.strip()


def limit_arg(default: int, most: int) -> int:
    raw = request.args.get("limit", str(default))
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        abort(400, description=f"limit must be a whole number from 1 to {most}.")
    return int(raw)


def hit_json(hit: Hit) -> dict:
    d = hit.document
    return {"kind": d.kind, "id": d.id, "name": d.name, "url": d.url, "match": hit.tier,
            "also_known_as": hit.matched if hit.matched != d.name else None,
            "summary": textwrap.shorten(d.summary, 180, placeholder="…") if d.summary else None}


def grouped_json(hits: list[Hit]) -> list[dict]:
    return [{"kind": kind, "label": KIND_LABELS.get(kind, kind), "results": [hit_json(h) for h in group]}
            for kind, group in grouped(hits)]


def _entities(hits: list[Hit]) -> list:
    catalogue = current_kb().catalogue
    return [catalogue.of_kind(h.document.kind)[h.document.id] for h in hits]


@bp.get("/search")
def search_page():
    query = query_arg()
    hits, total = search_index().search(query, limit_arg(50, 200)) if query else ([], 0)
    view = {"title": f"Search: {query}" if query else "Search",
            "description": "Find careers, skills, pillar hubs and sources by name, alias or description.",
            "canonical": "/search", "breadcrumbs": [{"name": "Home", "url": "/"}, {"name": "Search", "url": "/search"}],
            "query": query, "total": total, "shown": len(hits), "groups": grouped_json(hits),
            "attributions": current_views().attributions(*_entities(hits))}
    return render_page("search.html", "search", view, tier_text=TIER_TEXT)


@bp.get("/api/search")
def search_json():
    query = query_arg()
    if not query:
        abort(400, description="Give the search text as ?q=, e.g. /api/search?q=kubernetes.")
    hits, total = search_index().search(query, limit_arg(50, 200))
    return jsonify({"query": query, "total": total, "shown": len(hits), "groups": grouped_json(hits)})


@bp.get("/api/suggest")
def suggest_json():
    query = query_arg()
    hits, _ = search_index().search(query, limit_arg(8, 20)) if query else ([], 0)
    return jsonify({"query": query, "suggestions": [hit_json(h) for h in hits]})
