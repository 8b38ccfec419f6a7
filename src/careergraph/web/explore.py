"""Graph pictures: JSON behind every picture (/api/graph/...) and the explorer pages."""
from __future__ import annotations

import networkx as nx
from flask import Blueprint, abort, current_app, jsonify, render_template, request

from .. import viz
from ..linkgraph import RELATIONS
from ..records import FOLDERS
from ..sitecrawl import crawl
from .state import current_kb, current_views

bp = Blueprint("explore", __name__)
KIND_BY_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}
SITE_CRAWL_LIMIT = 800  # pages: the picture draws a few hundred, nearest the hubs first


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(request.args.get(name, default))
    except ValueError:
        abort(400, description=f"{name} must be a whole number from {low} to {high}.")
    if not low <= value <= high:
        abort(400, description=f"{name} must be a whole number from {low} to {high}.")
    return value


def _set_arg(name: str, allowed) -> set[str] | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    if raw == "none":
        return set()
    values = {v for v in raw.split(",") if v}
    unknown = values - set(allowed)
    if unknown:
        abort(400, description=f"unknown {name}: {', '.join(sorted(unknown))}; expected some of "
                               f"{', '.join(sorted(allowed))}.")
    return values


@bp.get("/api/graph/<folder>/<entity_id>")
def entity_picture(folder, entity_id):
    kb, views = current_kb(), current_views()
    key = f"{folder}/{entity_id}"
    if folder not in KIND_BY_FOLDER or key not in kb.links:
        abort(404)
    depth = _int_arg("depth", 1, 1, 2)
    relations = _set_arg("relations", RELATIONS)
    relations = set(RELATIONS) if relations is None else relations
    limit = _int_arg("limit", viz.DEFAULT_LIMIT, 10, 5000)

    def build():
        graph, left_out = viz.cap(viz.neighbourhood(kb.links, key, depth, relations), limit, {key})
        return viz.picture_json(graph, key, left_out)

    return jsonify(views.cached(("picture", key, depth, tuple(sorted(relations)), limit), build))


@bp.get("/api/graph/explore")
def explore_data():
    kb, views = current_kb(), current_views()
    kinds = _set_arg("kinds", viz.KIND_STYLE)
    kinds = set(viz.KIND_STYLE) if kinds is None else kinds
    relations = _set_arg("relations", RELATIONS)
    relations = set(RELATIONS) if relations is None else relations
    hubs = _set_arg("hubs", [f"hubs/{h}" for h in kb.catalogue.hubs])
    min_importance = request.args.get("min_importance") or None
    if min_importance not in (None, *viz.IMPORTANCE_RANK):
        abort(400, description="min_importance must be supporting, important or core.")
    limit = _int_arg("limit", viz.DEFAULT_LIMIT, 10, 5000)

    def build():
        graph = viz.filtered(kb.links, kinds, relations, hubs, min_importance)
        graph, left_out = viz.cap(graph, limit)
        return viz.picture_json(graph, None, left_out)

    key = ("explore", tuple(sorted(kinds)), tuple(sorted(relations)), tuple(sorted(hubs or ())), min_importance, limit)
    return jsonify(views.cached(key, build))


@bp.get("/api/graph/path")
def path_data():
    kb = current_kb()
    ends = [request.args.get("from", ""), request.args.get("to", "")]
    for end in ends:
        if end not in kb.links:
            abort(404, description=f"no entity {end!r}; expected a key like careers/data-scientist.")
    relations = _set_arg("relations", RELATIONS)
    graph = kb.undirected(tuple(sorted(relations)) if relations else None)
    try:
        path = nx.shortest_path(graph, *ends)
    except nx.NetworkXNoPath:
        path = []
    return jsonify({"from": ends[0], "to": ends[1], "found": bool(path), "path": path,
                    "labels": [kb.links.nodes[n]["label"] for n in path]})


@bp.get("/api/graph/nodes")
def node_index():
    """Keys and labels of every entity, for the explorer's search and path pickers."""
    kb, views = current_kb(), current_views()
    return jsonify(views.cached(("node-index",), lambda: [
        {"key": n, "label": d["label"], "kind": d["kind"]} for n, d in sorted(kb.links.nodes(data=True))]))


def site_link_graph() -> nx.MultiDiGraph:
    kb = current_kb()
    app = current_app._get_current_object()

    def build():
        site = crawl(app, [f"/hubs/{h}" for h in kb.catalogue.hubs], limit=SITE_CRAWL_LIMIT)
        graph = nx.MultiDiGraph()
        for page, status in site.status.items():
            if status == 200:
                graph.add_node(page, depth=site.depth.get(page))
        for page, targets in site.links.items():
            for target in {t.split("#", 1)[0] or page for t in targets}:
                if page in graph and target in graph and target != page:
                    graph.add_edge(page, target)
        return graph

    return current_views().cached(("site-graph",), build)


@bp.get("/api/graph/site")
def site_data():
    limit = _int_arg("limit", viz.DEFAULT_LIMIT, 10, 5000)

    def build():
        graph = site_link_graph()
        capped, left_out = viz.cap(graph, limit, {p for p, d in graph.nodes(data="depth") if d == 0})
        return viz.site_picture_json(capped, left_out)

    return jsonify(current_views().cached(("site-picture", limit), build))


@bp.get("/explore")
def explore_page():
    kb = current_kb()
    page = {"title": "Explore the graph", "canonical": "/explore",
            "description": "The whole careergraph as a picture, with filters, search and a path finder.",
            "breadcrumbs": [{"name": "Home", "url": "/"}, {"name": "Explore", "url": "/explore"}]}
    return render_template("explore.html", page=page, hubs=kb.hubs_in_order(), legend=viz.KIND_STYLE,
                           relations=viz.RELATION_STYLE)


@bp.get("/explore/site")
def explore_site_page():
    page = {"title": "The site's internal link graph", "canonical": "/explore/site",
            "description": "Pages and the links between them, from the pillar hubs down to the drilldowns, "
                           "coloured by click depth.",
            "breadcrumbs": [{"name": "Home", "url": "/"}, {"name": "Explore", "url": "/explore"},
                            {"name": "Site links", "url": "/explore/site"}]}
    return render_template("explore_site.html", page=page, depth_colours=viz.DEPTH_COLOURS)
