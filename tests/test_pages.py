"""Every page kind, rendered from the graph: reachable, complete, without holes, escaped."""
import json
import re

import pytest
from bs4 import BeautifulSoup
from rdflib import Graph

from careergraph.sitecrawl import crawl
from careergraph.web import create_app
from careergraph.web.sitemap import all_page_paths

from .conftest import GRAPH

HOLES = [re.compile(p) for p in (r"-k\b", r" - months", r"\bby \.", r"\babove \.", r"\bNone\b", r"\bnan\b",
                                 r"\bundefined\b", r"\{\{", r"\{%")]


@pytest.fixture(scope="module")
def site(app, default_kb):
    return crawl(app, [f"/hubs/{h}" for h in default_kb.catalogue.hubs])


@pytest.fixture(scope="module")
def every_page(app, default_kb):
    client = app.test_client()
    pages = {}
    for path in all_page_paths(default_kb):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.get_data(as_text=True)
    return pages


def test_crawler_reaches_every_entity_page_without_errors(site, default_kb):
    expected = set(all_page_paths(default_kb))
    assert expected <= set(site.status), sorted(expected - set(site.status))[:5]
    errors = {p: s for p, s in site.status.items() if s >= 400}
    assert errors == {}
    assert site.broken_links() == []


def test_every_drilldown_is_within_three_clicks_of_a_pillar_hub(site, default_kb):
    drilldowns = [f"/careers/{c.id}/skills/{l.skill}" for c in default_kb.catalogue.careers.values()
                  for l in c.skills]
    assert len(drilldowns) == default_kb.stats["career-skill links"]
    too_deep = {d: site.depth.get(d) for d in drilldowns if site.depth.get(d, 99) > 3}
    assert too_deep == {}


def visible_text(soup: BeautifulSoup) -> str:
    for tag in soup(["script", "style"]):
        tag.decompose()
    return soup.get_text(" ", strip=True)


def test_no_page_has_holes(every_page):
    for path, html in every_page.items():
        soup = BeautifulSoup(html, "html.parser")
        text = visible_text(BeautifulSoup(html, "html.parser"))
        for pattern in HOLES:
            assert not pattern.search(text), (path, pattern.pattern, pattern.search(text))
        for li in soup.find_all("li"):
            assert li.get_text(strip=True), (path, "empty list item", str(li)[:80])
        for heading in soup.find_all(["h2", "h3"]):
            following = []
            for sibling in heading.find_next_siblings():
                if sibling.name in ("h1", "h2") or (heading.name == "h3" and sibling.name == "h3"):
                    break
                following.append(sibling.get_text(strip=True))
            assert "".join(following), (path, "heading with nothing under it", heading.get_text())


def test_every_page_has_one_h1_canonical_description_and_breadcrumbs(every_page):
    for path, html in every_page.items():
        soup = BeautifulSoup(html, "html.parser")
        assert len(soup.find_all("h1")) == 1, path
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == "http://127.0.0.1:8000" + path.split("?")[0], path
        assert soup.find("meta", attrs={"name": "description"})["content"].strip(), path
        if path != "/":
            assert soup.select("nav.breadcrumbs li"), path
        assert not soup.find(src=re.compile(r"^(https?:)?//")), path  # no asset from another origin
        assert not soup.find("link", rel="stylesheet", href=re.compile(r"^(https?:)?//")), path


def test_every_pages_jsonld_parses_as_json_ld(every_page):
    for path, html in every_page.items():
        soup = BeautifulSoup(html, "html.parser")
        blocks = soup.find_all("script", type="application/ld+json")
        assert len(blocks) == 1, path
        graph = Graph().parse(data=blocks[0].string, format="json-ld")
        assert len(graph) > 0, path
        data = json.loads(blocks[0].string)
        assert any(node["@type"] == "BreadcrumbList" for node in data["@graph"]), path


def test_drilldown_jsonld_has_the_faq(every_page):
    data = json.loads(BeautifulSoup(every_page["/careers/ml-platform-engineer/skills/mlops"], "html.parser")
                      .find("script", type="application/ld+json").string)
    faq = next(n for n in data["@graph"] if n["@type"] == "FAQPage")
    assert any("40%" in q["acceptedAnswer"]["text"] for q in faq["mainEntity"])


def test_all_skills_for_a_career_sorts_by_importance_and_by_name(client):
    def rows(query):
        soup = BeautifulSoup(client.get(f"/careers/ml-platform-engineer/skills{query}").data, "html.parser")
        return [(tr.th.get_text(strip=True), tr.find("td").get_text(strip=True)) for tr in soup.select("tbody tr")]

    by_importance, by_name = rows(""), rows("?sort=name")
    order = {"core": 0, "important": 1, "supporting": 2}
    assert [order[i] for _, i in by_importance] == sorted(order[i] for _, i in by_importance)
    assert [n.casefold() for n, _ in by_name] == sorted(n.casefold() for n, _ in by_name)
    assert sorted(by_name) == sorted(by_importance)
    assert client.get("/careers/ml-platform-engineer/skills?sort=<script>").status_code == 400


def test_citation_page_traces_every_page_that_cites_it(client):
    soup = BeautifulSoup(client.get("/citations/noy-zhang-2023").data, "html.parser")
    claim = soup.find(id="time-quality")
    cited_on = {a["href"] for a in claim.find_all("a")}
    assert "/careers/ml-platform-engineer/skills/mlops" in cited_on
    assert "/skills/large-language-models" in cited_on


def test_skill_page_lists_careers_adjacent_skills_and_claims(client):
    soup = BeautifulSoup(client.get("/skills/kubernetes").data, "html.parser")
    careers = {a["href"] for a in soup.select("#careers ~ ul a")}
    assert "/careers/ml-platform-engineer/skills/kubernetes" in careers
    assert soup.select("#adjacent ~ ul a")
    assert "96%" in soup.select_one("#research").find_next("ul").get_text()


def test_missing_pages_are_404_in_the_site_layout(client):
    for path in ("/careers/nope", "/careers/ml-platform-engineer/skills/nope", "/careers/data-scientist/skills/sanic",
                 "/skills/nope", "/citations/nope", "/hubs/nope", "/nothing/here"):
        response = client.get(path)
        assert response.status_code == 404, path
        soup = BeautifulSoup(response.data, "html.parser")
        assert soup.find("h1").get_text(strip=True).startswith("404") and soup.select_one("header.site-header")


def test_a_server_error_shows_no_traceback(tmp_path):
    app = create_app({"GRAPH_DIR": str(GRAPH), "TESTING": False, "PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    def boom():
        raise ValueError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret internals" not in body and "Traceback" not in body
    assert "<h1>500: Internal Server Error</h1>" in body


def test_security_headers_on_every_response(client):
    for path in ("/", "/careers/ml-platform-engineer/skills/mlops", "/nope", "/static/css/site.css",
                 "/sitemap.xml"):
        with client.get(path) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
        assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


def test_no_inline_script_anywhere(every_page):
    for path, html in every_page.items():
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("type") == "application/ld+json" or script.get("src"), path
        assert not soup.find(attrs={re.compile(r"^on"): True}), path


def test_etag_from_graph_version_answers_304(client, default_kb):
    first = client.get("/careers/ml-platform-engineer")
    etag = first.headers["ETag"]
    assert default_kb.version in etag
    again = client.get("/careers/ml-platform-engineer", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/careers/ml-platform-engineer", headers={"If-None-Match": '"other"'}).status_code == 200


def test_sitemap_lists_every_page_and_robots_points_to_it(client, default_kb):
    from xml.etree import ElementTree

    root = ElementTree.fromstring(client.get("/sitemap.xml").data)
    locs = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {"http://127.0.0.1:8000" + p for p in all_page_paths(default_kb)} == locs
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in client.get("/robots.txt").get_data(as_text=True)


def test_views_are_prepared_once_per_graph_version(app):
    from careergraph.web.state import current_views

    with app.app_context():
        views = current_views()
        assert views.drilldown("ml-platform-engineer", "mlops") is views.drilldown("ml-platform-engineer", "mlops")
        assert views.version == app.extensions["careergraph"].state.kb.version


def test_readers_switch_to_a_new_graph_version_as_a_whole(graph_copy, tmp_path, monkeypatch):
    from careergraph.web import state

    monkeypatch.setattr(state, "RELOAD_CHECK_SECONDS", 0)
    app = create_app({"GRAPH_DIR": str(graph_copy), "INSTANCE_DIR": str(tmp_path / "instance"), "TESTING": True})
    client = app.test_client()
    old = client.get("/careers/plain-career")
    assert "Plain Career" in old.get_data(as_text=True)
    path = graph_copy / "careers" / "plain-career.yaml"
    path.write_text(path.read_text().replace("name: Plain Career", "name: Renamed Career"))
    assert "Plain Career" in client.get("/careers/plain-career").get_data(as_text=True)  # no marker yet
    state.touch_marker(tmp_path / "instance", "v2")
    new = client.get("/careers/plain-career")
    assert "Renamed Career" in new.get_data(as_text=True)
    assert new.headers["ETag"] != old.headers["ETag"]
