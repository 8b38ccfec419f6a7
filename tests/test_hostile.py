"""A fixture graph with hostile names renders escaped everywhere, JSON-LD included."""
import json

from bs4 import BeautifulSoup
from rdflib import Graph

from careergraph.sitecrawl import crawl
from careergraph.web.sitemap import all_page_paths

HOSTILE_NAME = "<script>alert(1)</script> Engineer \"quoted\" 'single'"


def test_every_fixture_page_renders_and_escapes(tiny_app, tiny_kb):
    client = tiny_app.test_client()
    for path in all_page_paths(tiny_kb):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "<b>cases</b>" not in html and "<em>markup</em>" not in html, path
        soup = BeautifulSoup(html, "html.parser")
        inline = [s for s in soup.find_all("script") if not s.get("src")]
        assert len(inline) == 1 and inline[0]["type"] == "application/ld+json", path
        assert all(s["src"].startswith("/static/") for s in soup.find_all("script", src=True)), path
        raw = inline[0].string
        assert "</" not in raw and "<" not in raw, path
        Graph().parse(data=raw, format="json-ld")
        assert not soup.find(attrs={"onerror": True}), path


def test_hostile_text_survives_as_text(tiny_client):
    soup = BeautifulSoup(tiny_client.get("/careers/hostile-career").data, "html.parser")
    assert soup.h1.get_text() == HOSTILE_NAME
    assert "{{ 7*7 }}" in soup.get_text() and "49" not in soup.get_text()
    data = json.loads(soup.find("script", type="application/ld+json").string)
    occupation = next(n for n in data["@graph"] if n["@type"] == "Occupation")
    assert occupation["name"] == HOSTILE_NAME
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith("Writes </script>")


def test_unicode_and_missing_values(tiny_client):
    soup = BeautifulSoup(tiny_client.get("/careers/cafe-career").data, "html.parser")
    assert soup.h1.get_text() == "Café Ångström Analyst 数据"
    assert "Current demand profile" not in soup.get_text()
    skill = BeautifulSoup(tiny_client.get("/skills/skill-c").data, "html.parser")
    assert skill.h1.get_text() == "Skill C — ünïcödé"
    assert "Learning ramp" not in skill.get_text()


def test_fixture_cycle_crawls_without_looping(tiny_app, tiny_kb):
    site = crawl(tiny_app, ["/hubs/odd-hub"])
    assert set(all_page_paths(tiny_kb)) <= set(site.status)
    assert site.broken_links() == []
