"""Graph pictures: pick a part of the link graph, style it, lay it out, and hand it to pyvis.

pyvis builds the network (nodes, edges and vis-network options) from a NetworkX graph; its
own page template is not used (it loads CDNs, does not autoescape and switches tooltips to
innerHTML), so `picture_json` returns the network as data for our template and script,
which render it with the vendored vis-network. Tooltips are plain text; labels are drawn on
the canvas, never parsed as HTML.
"""
from __future__ import annotations

import json

import networkx as nx
from pyvis.network import Network

from .linkgraph import RELATIONS

KIND_STYLE = {  # colour and shape by kind; the legend is drawn from this table
    "hub": {"color": "#7b3fb8", "shape": "star", "label": "Pillar hub"},
    "career": {"color": "#1f5fbf", "shape": "box", "label": "Career"},
    "skill": {"color": "#2e8b57", "shape": "dot", "label": "Skill"},
    "citation": {"color": "#c0662b", "shape": "diamond", "label": "Citation"},
}
RELATION_STYLE = {  # edge style by relation
    "requires": {"color": "#4a5568", "dashes": False, "arrows": "to", "label": "requires"},
    "adjacent-to": {"color": "#2e8b57", "dashes": True, "arrows": "", "label": "adjacent to"},
    "neighbour-of": {"color": "#1f5fbf", "dashes": [2, 6], "arrows": "", "label": "neighbour of"},
    "cites": {"color": "#c0662b", "dashes": [8, 4], "arrows": "to", "label": "cites"},
    "in-hub": {"color": "#7b3fb8", "dashes": False, "arrows": "to", "label": "in hub"},
}
IMPORTANCE_SIZE = {"core": 26, "important": 19, "supporting": 13}
IMPORTANCE_RANK = {"supporting": 1, "important": 2, "core": 3}
PHYSICS_NODE_LIMIT = 150  # above this, positions come from the server and physics stays off
DEFAULT_LIMIT = 300


def page_url(node_key: str) -> str:
    return "/" + node_key


def _summary(text: str | None, limit: int = 160) -> str:
    if not text:
        return ""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def neighbourhood(links: nx.MultiDiGraph, center: str, depth: int, relations: set[str]) -> nx.MultiDiGraph:
    """Nodes within `depth` hops of center (either direction) over the chosen relations."""
    seen, frontier = {center}, {center}
    for _ in range(depth):
        nxt = set()
        for node in frontier:
            for _, other, rel in links.out_edges(node, data="relation"):
                if rel in relations and other not in seen:
                    nxt.add(other)
            for other, _, rel in links.in_edges(node, data="relation"):
                if rel in relations and other not in seen:
                    nxt.add(other)
        seen |= nxt
        frontier = nxt
    return _restrict(links, seen, relations)


def _restrict(links: nx.MultiDiGraph, nodes, relations: set[str]) -> nx.MultiDiGraph:
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, links.nodes[n]) for n in nodes)
    sub.add_edges_from((u, v, d) for u, v, d in links.edges(nodes, data=True)
                       if v in sub and d["relation"] in relations)
    return sub


def filtered(links: nx.MultiDiGraph, kinds: set[str], relations: set[str], hubs: set[str] | None,
             min_importance: str | None) -> nx.MultiDiGraph:
    """The whole graph narrowed by kinds, hubs (careers in them and their surroundings) and importance."""
    keep = {n for n, kind in links.nodes(data="kind") if kind in kinds}
    rank = IMPORTANCE_RANK.get(min_importance or "", 0)
    edges = [(u, v, d) for u, v, d in links.edges(data=True)
             if d["relation"] in relations and u in keep and v in keep
             and not (d["relation"] == "requires" and IMPORTANCE_RANK.get(d.get("importance"), 0) < rank)]
    if hubs:
        careers = {u for u, v, rel in links.edges(data="relation") if rel == "in-hub" and v in hubs}
        touching = {x for u, v, _ in edges if u in careers or v in careers for x in (u, v)}
        keep &= careers | touching | set(hubs)
        edges = [(u, v, d) for u, v, d in edges if u in keep and v in keep]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, links.nodes[n]) for n in keep)
    sub.add_edges_from(edges)
    if rank:  # importance filters skills: drop those left without a qualifying career
        sub.remove_nodes_from([n for n, k in list(sub.nodes(data="kind")) if k == "skill" and sub.degree(n) == 0])
    return sub


def cap(graph: nx.MultiDiGraph, limit: int, keep: set[str] = frozenset()) -> tuple[nx.MultiDiGraph, int]:
    """Keep the `limit` best-connected nodes (plus `keep`); returns the graph and how many were left out."""
    if graph.number_of_nodes() <= limit:
        return graph, 0
    ranked = sorted(graph.nodes, key=lambda n: (n not in keep, -graph.degree(n), n))
    chosen = set(ranked[:limit])
    return graph.subgraph(chosen).copy(), graph.number_of_nodes() - len(chosen)


def styled(graph: nx.MultiDiGraph, center: str | None = None) -> nx.MultiDiGraph:
    """A copy with vis-network attributes: colour, shape, size, plain-text tooltip, page url."""
    out = nx.MultiDiGraph()
    importance = {v: d.get("importance") for u, v, d in graph.edges(data=True)
                  if center and u == center and d["relation"] == "requires"}
    degree_max = max((graph.degree(n) for n in graph.nodes), default=1) or 1
    for key, data in graph.nodes(data=True):
        kind = data["kind"]
        style = KIND_STYLE[kind]
        if key in importance and importance[key]:
            size = IMPORTANCE_SIZE[importance[key]]
        else:
            size = 10 + 20 * graph.degree(key) / degree_max
        label = str(data.get("label") or data["id"])
        summary = _summary(data.get("summary"))
        out.add_node(key, label=label, title=f"{label}\n{summary}" if summary else label,
                     color=style["color"], shape=style["shape"], size=round(size, 1), kind=kind,
                     url=page_url(key), borderWidth=4 if key == center else 1,
                     font={"color": "#ffffff" if style["shape"] == "box" else "#1d2330"})
    for u, v, data in graph.edges(data=True):
        rel = data["relation"]
        style = RELATION_STYLE[rel]
        extra = f" ({data['importance']})" if data.get("importance") else ""
        out.add_edge(u, v, relation=rel, title=f"{graph.nodes[u]['label']} {style['label']} "
                                               f"{graph.nodes[v]['label']}{extra}",
                     color=style["color"], dashes=style["dashes"], arrows=style["arrows"],
                     weight=1 + 2 * float(data.get("weight") or 0))
    return out


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Server-side positions (NetworkX spring layout, seeded, scaled to canvas units)."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(graph)
    scale = 60 * max(graph.number_of_nodes(), 4) ** 0.5
    positions = nx.spring_layout(simple, seed=7, iterations=50 if len(simple) < 400 else 30, scale=scale)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in positions.items()}


def to_pyvis(styled_graph: nx.MultiDiGraph, positions: dict | None, physics: bool) -> Network:
    net = Network(directed=True)  # only its data and options are used, never its page template
    graph = nx.MultiDiGraph(styled_graph)
    for key, (x, y) in (positions or {}).items():
        graph.nodes[key].update(x=x, y=y)
    net.from_nx(graph, show_edge_weights=False)
    if physics:
        net.barnes_hut(gravity=-4000, spring_length=120, damping=0.4)
    else:
        net.toggle_physics(False)
    return net


def picture_json(graph: nx.MultiDiGraph, center: str | None = None, left_out: int = 0,
                 positions: dict | None = None) -> dict:
    """Everything the page script needs to draw one picture."""
    big = graph.number_of_nodes() > PHYSICS_NODE_LIMIT
    if big and positions is None:
        positions = layout(graph)
    net = to_pyvis(styled(graph, center), positions, physics=not big)
    return {**_network_json(net, moving=not big), "center": center, "left_out": left_out,
            "legend": {"kinds": KIND_STYLE, "relations": RELATION_STYLE}}


def _network_json(net: Network, moving: bool) -> dict:
    options = json.loads(net.options.to_json())
    # small pictures settle with a bounded stabilisation; big ones arrive laid out and never move
    options["physics"]["stabilization"] = {"enabled": moving, "iterations": 200, "fit": True}
    options["interaction"] = {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                              "keyboard": {"enabled": True, "bindToWindow": False}}
    options["edges"] = {"smooth": {"type": "continuous"} if moving else False}
    nodes = [{k: v for k, v in node.items() if k in _NODE_KEYS} for node in net.nodes]
    edges = [{**{k: v for k, v in edge.items() if k in _EDGE_KEYS}, "id": i} for i, edge in enumerate(net.edges)]
    return {"nodes": nodes, "edges": edges, "options": options}


_NODE_KEYS = {"id", "label", "title", "color", "shape", "size", "kind", "url", "borderWidth", "font", "x", "y"}
_EDGE_KEYS = {"from", "to", "relation", "title", "color", "dashes", "arrows", "width"}


def parse_relations(value: str | None) -> set[str]:
    if not value:
        return set(RELATIONS)
    return {r for r in value.split(",") if r in RELATIONS}


DEPTH_COLOURS = ["#7b3fb8", "#1f5fbf", "#2e8b57", "#c0662b", "#b83f5e", "#6b7280"]


def site_picture_json(graph: nx.MultiDiGraph, left_out: int = 0) -> dict:
    """The internal link graph of pages, coloured by clicks from the nearest pillar hub."""
    pages = nx.MultiDiGraph()
    for page, depth in graph.nodes(data="depth"):
        colour = DEPTH_COLOURS[min(depth, len(DEPTH_COLOURS) - 1)] if depth is not None else DEPTH_COLOURS[-1]
        where = f"{depth} click(s) from a pillar hub" if depth is not None else "not reached from a hub"
        pages.add_node(page, label=page, title=f"{page}\n{where}", color=colour, shape="dot",
                       size=8 + 2 * min(graph.in_degree(page), 10), url=page, kind="page")
    for u, v in graph.edges():
        pages.add_edge(u, v, color="#c5ccd8", arrows="to", width=1)
    net = to_pyvis(pages, layout(graph), physics=False)
    return {**_network_json(net, moving=False), "center": None, "left_out": left_out}
