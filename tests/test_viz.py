"""Pictures' data: neighbourhoods, filters, caps, layouts and the JSON behind them."""
import networkx as nx
import pytest

from careergraph import viz
from careergraph.linkgraph import RELATIONS


def undirected_ball(links, center, depth, relations):
    g = nx.Graph()
    g.add_edges_from((u, v) for u, v, r in links.edges(data="relation") if r in relations)
    g.add_node(center)
    return set(nx.single_source_shortest_path_length(g, center, cutoff=depth))


@pytest.mark.parametrize("depth", [1, 2])
def test_neighbourhood_matches_the_link_graph(default_kb, depth):
    center = "careers/ml-platform-engineer"
    sub = viz.neighbourhood(default_kb.links, center, depth, set(RELATIONS))
    assert set(sub.nodes) == undirected_ball(default_kb.links, center, depth, set(RELATIONS))
    expected_edges = {(u, v, r) for u, v, r in default_kb.links.edges(data="relation") if u in sub and v in sub}
    assert {(u, v, r) for u, v, r in sub.edges(data="relation")} == expected_edges


def test_relations_filter_narrows_the_picture(default_kb):
    center = "careers/ml-platform-engineer"
    only_requires = viz.neighbourhood(default_kb.links, center, 1, {"requires"})
    assert {d["kind"] for _, d in only_requires.nodes(data=True)} == {"career", "skill"}
    assert {r for *_, r in only_requires.edges(data="relation")} == {"requires"}
    assert only_requires.number_of_nodes() == 7  # the career and its six skills


def test_cap_keeps_the_best_connected_and_counts_the_rest(default_kb):
    capped, left_out = viz.cap(default_kb.links, 20, {"skills/sanic"})
    assert capped.number_of_nodes() == 20 and left_out == default_kb.links.number_of_nodes() - 20
    assert "skills/sanic" in capped
    top = max(default_kb.links.nodes, key=default_kb.links.degree)
    assert top in capped


def test_filtered_by_kind_hub_and_importance(default_kb):
    core = viz.filtered(default_kb.links, {"career", "skill"}, {"requires"}, None, "core")
    assert all(d.get("importance") == "core" for *_, d in core.edges(data=True))
    hub = viz.filtered(default_kb.links, {"career", "skill", "hub"}, set(RELATIONS), {"hubs/data-and-analytics"}, None)
    careers = {n for n, k in hub.nodes(data="kind") if k == "career"}
    assert "careers/statistician" in careers and "careers/devops-engineer" not in careers


def test_picture_json_styles_by_kind_and_relation(default_kb):
    sub = viz.neighbourhood(default_kb.links, "careers/ml-platform-engineer", 1, set(RELATIONS))
    data = viz.picture_json(sub, "careers/ml-platform-engineer")
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["skills/mlops"]["shape"] == "dot" and nodes["careers/data-scientist"]["shape"] == "box"
    assert nodes["skills/mlops"]["url"] == "/skills/mlops"
    assert nodes["skills/mlops"]["size"] > nodes["skills/python"]["size"] - 1  # core links are big
    assert all(isinstance(n["title"], str) for n in data["nodes"])
    dashed = {e["relation"] for e in data["edges"] if e["dashes"]}
    assert "adjacent-to" in dashed and "requires" not in dashed
    assert data["options"]["physics"]["enabled"] and data["options"]["physics"]["stabilization"]["iterations"] <= 200


def test_big_views_arrive_laid_out_with_physics_off(default_kb):
    data = viz.picture_json(default_kb.links)
    assert len(data["nodes"]) > viz.PHYSICS_NODE_LIMIT
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_picture_api(client):
    data = client.get("/api/graph/careers/ml-platform-engineer?depth=2&relations=requires,adjacent-to").get_json()
    assert data["center"] == "careers/ml-platform-engineer"
    assert {e["relation"] for e in data["edges"]} <= {"requires", "adjacent-to"}
    assert client.get("/api/graph/careers/nope").status_code == 404
    assert client.get("/api/graph/careers/ml-platform-engineer?depth=3").status_code == 400
    assert client.get("/api/graph/careers/ml-platform-engineer?relations=<script>").status_code == 400
    none = client.get("/api/graph/careers/ml-platform-engineer?relations=none").get_json()
    assert [n["id"] for n in none["nodes"]] == ["careers/ml-platform-engineer"]


def test_explore_path_and_site_api(client):
    small = client.get("/api/graph/explore?kinds=career&relations=neighbour-of&limit=10").get_json()
    assert len(small["nodes"]) == 10 and small["left_out"] > 0
    path = client.get("/api/graph/path?from=careers/data-scientist&to=careers/ml-platform-engineer").get_json()
    assert path["found"] and path["path"][0] == "careers/data-scientist"
    assert len(path["path"]) == 2  # they are neighbours
    assert client.get("/api/graph/path?from=careers/nope&to=skills/python").status_code == 404
    site = client.get("/api/graph/site?limit=50").get_json()
    assert len(site["nodes"]) == 50
    assert {n["id"] for n in site["nodes"]} >= {"/hubs/career-discovery"}
    assert client.get("/explore").status_code == 200 and client.get("/explore/site").status_code == 200


def test_entity_pages_embed_their_picture(client):
    for path, src in (("/careers/ml-platform-engineer", "/api/graph/careers/ml-platform-engineer"),
                      ("/skills/mlops", "/api/graph/skills/mlops"), ("/hubs/career-discovery", "/api/graph/hubs/career-discovery"),
                      ("/citations/noy-zhang-2023", "/api/graph/citations/noy-zhang-2023")):
        html = client.get(path).get_data(as_text=True)
        assert f'data-graph-src="{src}"' in html and "vis-network.min.js" in html
