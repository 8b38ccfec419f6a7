"""Pictures in a real browser: drawn from the link graph, clickable, filterable, safe, fast."""
import pytest

from careergraph import viz
from careergraph.linkgraph import RELATIONS
from careergraph.synthetic import write_synthetic_graph

from ..livesrv import live_server
from .conftest import wait_until


def picture_state(page, name="entity"):
    wait_until(page, f"window.careergraphPictures['{name}'].stableMs !== null")
    return page.evaluate(f"""() => {{ const p = window.careergraphPictures['{name}'];
        return {{nodes: p.nodes.getIds(), edges: p.edges.get().map(e => [e.from, e.to, e.relation]),
                 stableMs: p.stableMs, loads: p.loads}}; }}""")


def test_career_picture_draws_the_link_graph_neighbourhood(page, server, default_kb):
    page.goto(server + "/careers/ml-platform-engineer")
    drawn = picture_state(page)
    expected = viz.neighbourhood(default_kb.links, "careers/ml-platform-engineer", 1, set(RELATIONS))
    assert set(drawn["nodes"]) == set(expected.nodes)
    assert sorted(map(tuple, drawn["edges"])) == sorted(expected.edges(data="relation"))
    assert page.watch.console_errors == [] and page.watch.page_errors == [] and page.watch.foreign == []


def test_clicking_a_skill_node_opens_its_page(page, server):
    page.goto(server + "/careers/ml-platform-engineer")
    picture_state(page)
    page.locator(".graph-canvas").scroll_into_view_if_needed()
    point = page.evaluate("""() => { const p = window.careergraphPictures.entity;
        const xy = p.network.canvasToDOM(p.network.getPositions(['skills/mlops'])['skills/mlops']);
        const box = document.querySelector('.graph-canvas').getBoundingClientRect();
        return {x: box.left + xy.x, y: box.top + xy.y}; }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/skills/mlops")
    assert page.locator("h1").inner_text() == "MLOps (ML Operations)"


def test_depth_and_relation_controls_change_the_node_count(page, server):
    page.goto(server + "/careers/ml-platform-engineer")
    one = picture_state(page)
    page.select_option("select[name=depth]", "2")
    wait_until(page, "window.careergraphPictures.entity.loads === 2")
    two = picture_state(page)
    assert len(two["nodes"]) > len(one["nodes"])
    for relation in ("adjacent-to", "neighbour-of", "cites", "in-hub"):
        page.uncheck(f"input[name=relations][value={relation}]")
    # only the answer to the last change is drawn, whatever order the answers arrive in
    wait_until(page, "window.careergraphPictures.entity.edges.get().every(e => e.relation === 'requires')")
    only_requires = picture_state(page)
    assert {e[2] for e in only_requires["edges"]} == {"requires"}
    assert len(only_requires["nodes"]) < len(two["nodes"])
    assert page.watch.console_errors == []


def test_explore_filters_search_and_path(page, server):
    page.goto(server + "/explore")
    everything = picture_state(page, "explore")
    page.uncheck("input[name=kinds][value=citation]")
    wait_until(page, "window.careergraphPictures.explore.loads === 2")
    fewer = picture_state(page, "explore")
    assert len(fewer["nodes"]) < len(everything["nodes"])
    assert not any(n.startswith("citations/") for n in fewer["nodes"])
    wait_until(page, "document.querySelectorAll('#node-names option').length > 100")
    page.fill("input[name=find]", "Kubernetes (skill)")
    page.click("form.graph-search button")
    assert page.evaluate("window.careergraphPictures.explore.network.getSelectedNodes()") == ["skills/kubernetes"]
    page.fill("input[name=from]", "Data Scientist (career)")
    page.fill("input[name=to]", "Sanic (skill)")
    page.click("form.graph-path button")
    wait_until(page, "window.careergraphPictures.explore.pathNodes")
    path = page.evaluate("window.careergraphPictures.explore.pathNodes")
    assert path[0] == "careers/data-scientist" and path[-1] == "skills/sanic"
    assert "Shortest path: Data Scientist" in page.locator(".graph-path-result").inner_text()
    assert page.watch.console_errors == [] and page.watch.foreign == []


def test_site_picture_colours_pages_by_click_depth(page, server):
    page.goto(server + "/explore/site")
    drawn = picture_state(page, "site")
    assert "/hubs/career-discovery" in drawn["nodes"]
    colours = page.evaluate("window.careergraphPictures.site.nodes.get('/hubs/career-discovery').color")
    assert colours == viz.DEPTH_COLOURS[0]


def test_hostile_names_run_no_script_in_labels_or_tooltips(page, tiny_server):
    page.goto(tiny_server + "/careers/hostile-career")
    picture_state(page)
    page.locator(".graph-canvas").scroll_into_view_if_needed()
    for key in ("careers/hostile-career", "skills/skill-a"):
        point = page.evaluate(f"""() => {{ const p = window.careergraphPictures.entity;
            const xy = p.network.canvasToDOM(p.network.getPositions(['{key}'])['{key}']);
            const box = document.querySelector('.graph-canvas').getBoundingClientRect();
            return {{x: box.left + xy.x, y: box.top + xy.y}}; }}""")
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible")
        tooltip = page.evaluate("""() => { const t = document.querySelector('div.vis-tooltip');
            return {text: t.innerText, elements: t.querySelectorAll('*:not(br)').length}; }""")
        assert tooltip["elements"] == 0
        assert "<" in tooltip["text"]  # the markup shows as text
    assert page.watch.dialogs == []
    assert page.evaluate("document.querySelectorAll('img[src=x], script:not([src]):not([type])').length") == 0


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    folder = write_synthetic_graph(tmp_path_factory.mktemp("big") / "graph", careers=100, skills=880)
    with live_server(folder, tmp_path_factory.mktemp("srv") / "big.log") as url:
        yield url


def test_a_thousand_node_view_stops_moving_within_two_seconds(page, big_server):
    page.goto(big_server + "/explore")
    first = picture_state(page, "explore")
    page.locator("button.show-more").click()  # 300 -> 600
    wait_until(page, "window.careergraphPictures.explore.loads === 2")
    page.locator("button.show-more").click()  # 600 -> 900
    wait_until(page, "window.careergraphPictures.explore.loads === 3")
    page.locator("button.show-more").click()  # 900 -> all
    wait_until(page, "window.careergraphPictures.explore.loads === 4")
    drawn = picture_state(page, "explore")
    assert len(first["nodes"]) == viz.DEFAULT_LIMIT
    assert len(drawn["nodes"]) >= 980
    assert drawn["stableMs"] < 2000, drawn["stableMs"]
    moving = page.evaluate("""() => new Promise(resolve => {
        const net = window.careergraphPictures.explore.network;
        const before = JSON.stringify(net.getPositions());
        setTimeout(() => resolve(before !== JSON.stringify(net.getPositions())), 500); })""")
    assert moving is False
