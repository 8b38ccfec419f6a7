"""The query editor page and its saved analyst questions: each one runs on the default
catalogue through /sparql, returns rows, and agrees with rdflib on the graph itself."""
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from careergraph.gallery import prefixes, saved_queries, saved_query, with_prologue

from .sparqlcompare import assert_same

QUERIES = saved_queries()


def test_at_least_twelve_saved_questions_with_titles():
    assert len(QUERIES) >= 12
    assert len({q.id for q in QUERIES}) == len(QUERIES)
    assert all(q.title and q.question and "PREFIX" not in q.body for q in QUERIES)
    for wanted in ("shared-skills", "mlops-core", "untraced-claims", "central-skills", "citations-by-year",
                   "two-steps-from-devops"):
        assert saved_query(wanted), wanted


@pytest.mark.parametrize("saved", QUERIES, ids=lambda q: q.id)
def test_every_saved_query_returns_rows_and_matches_rdflib(client, default_kb, saved):
    text = with_prologue(saved.body, prefixes(default_kb.iris))
    construct = "CONSTRUCT" in saved.body
    accept = "text/turtle" if construct else "application/sparql-results+json"
    response = client.post("/sparql", data={"query": text}, headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_data()
    if construct:
        assert body.count(b"\n") > 3
    else:
        assert b'"bindings":[{' in body  # at least one row
    assert_same(body, response.mimetype, default_kb.rdf, text)


def test_prologue_declares_only_the_prefixes_a_query_uses(default_kb):
    text = with_prologue("SELECT * { career:x cg:requires ?s . ?s <http://x/#skill:y> 'rdfs:no' }",
                         prefixes(default_kb.iris))
    declared = [line.split()[1] for line in text.splitlines() if line.startswith("PREFIX")]
    assert declared == ["career:", "cg:"]


def test_editor_page_loads_yasgui_with_our_endpoint_and_prefixes(client):
    response = client.get("/query")
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    editor = soup.find(id="yasgui")
    assert editor["data-endpoint"] == "/sparql" and "PREFIX cg:" in editor["data-query"]
    assert '"cg": "http://127.0.0.1:8000/ontology#"' in editor["data-prefixes"]
    scripts = [s.get("src") for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
    assert all(scripts) and "/static/js/query.js" in scripts  # no inline script (CSP)
    assert any("vendor/yasgui/yasgui.min.js" in s for s in scripts)
    links = [a["href"] for a in soup.select(".gallery a")]
    assert links == [f"/query?example={q.id}" for q in QUERIES]
    assert soup.select_one(".site-nav a[href='/query']").get_text() == "SPARQL"
    form = soup.select_one("form.query-form")  # works without JavaScript too
    assert form["action"] == "/sparql" and form.find("textarea")["name"] == "query"


def test_permalink_loads_a_saved_query_into_the_editor(client):
    soup = BeautifulSoup(client.get("/query?example=two-steps-from-devops").get_data(as_text=True), "html.parser")
    editor = soup.find(id="yasgui")
    assert "career:devops-engineer" in editor["data-query"] and editor["data-run"] == "true"
    assert "PREFIX career: <http://127.0.0.1:8000/careers/>" in editor["data-query"]
    assert soup.h1.get_text() == saved_query("two-steps-from-devops").title
    assert client.get("/query?example=nope").status_code == 404


def test_no_javascript_form_runs_the_query(client):
    query = with_prologue(saved_query("mlops-core").body, prefixes(client.application.extensions[
        "careergraph"].current().kb.iris))
    response = client.get("/sparql?" + urllib.parse.urlencode({"query": query, "format": "csv"}))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "ML Platform Engineer" in response.get_data(as_text=True)
