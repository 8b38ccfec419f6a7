"""Saves are validated, never lost and never overwrite a newer version; names stay text."""
import json

from bs4 import BeautifulSoup
from rdflib import Graph

from careergraph.edit import Workspace, Write, file_version
from careergraph.kb import KnowledgeBase
from careergraph.web.sitemap import all_page_paths

from .editkit import (admin, anon, edit_app, editor, field_errors, form_values, instance, soup,  # noqa: F401
                      submit)

SCRIPT_NAME = "<script>alert('edited')</script> Analyst"


def test_an_invalid_edit_is_refused_with_messages_beside_its_fields(editor, graph_copy):
    before = (graph_copy / "careers" / "plain-career.yaml").read_bytes()
    response = submit(editor, "/edit/career/plain-career/add/skill", {
        "skills[2].skill": "skil-a", "skills[2].why": "What I typed, kept.", "skills[2].bands.mid": "mid <b>x</b>"})
    assert response.status_code == 422
    assert field_errors(response, "skills[2].skill") == [
        "skill 'skil-a' does not exist (dangling reference); did you mean 'skill-a'?"]
    assert field_errors(response, "skills[2].importance") == [
        "missing, expected one of core, important, supporting"]
    kept = form_values(response.get_data(as_text=True))  # nothing the editor typed is lost
    assert kept["skills[2].skill"] == "skil-a" and kept["skills[2].why"] == "What I typed, kept."
    assert kept["skills[2].bands.mid"] == "mid <b>x</b>"
    assert (graph_copy / "careers" / "plain-career.yaml").read_bytes() == before


def test_whole_form_errors_keep_what_was_typed(editor, graph_copy):
    before = (graph_copy / "hubs" / "odd-hub.yaml").read_bytes()
    response = submit(editor, "/edit/hub/odd-hub", {"title": "", "order": "first", "sections[1].careers[4]": "nobody"})
    assert response.status_code == 422
    assert field_errors(response, "title") == ["missing, expected text"]
    assert field_errors(response, "order") == ["found text 'first', expected a whole number >= 0"]
    assert "career 'nobody' does not exist" in field_errors(response, "sections[1].careers[4]")[0]
    kept = form_values(response.get_data(as_text=True))
    assert kept["order"] == "first" and kept["sections[1].careers[4]"] == "nobody"
    assert "Traceback" not in response.get_data(as_text=True)
    assert (graph_copy / "hubs" / "odd-hub.yaml").read_bytes() == before


def test_errors_an_edit_adds_elsewhere_are_shown_above_the_form(editor, graph_copy):
    response = submit(editor, "/edit/citation/tiny-source", {"claims[1].id": "renamed"})
    assert response.status_code == 422  # hostile-career still cites tiny-source#only-claim
    problems = soup(response).select_one("section.problems").get_text(" ", strip=True)
    assert "citation 'tiny-source' has no claim 'only-claim'" in problems and "careers/hostile-career.yaml" in problems


def test_a_bad_id_for_a_new_entity_is_shown_beside_the_id(editor, graph_copy):
    for entity_id, message in (("Bad Id", "not a valid id"), ("skill-a", "exists already"), ("../x", "not a valid id")):
        response = submit(editor, "/edit/skill/new", {"entity_id": entity_id, "name": "N", "description": "D"})
        assert response.status_code == 422
        assert message in field_errors(response, "entity_id")[0]
        assert form_values(response.get_data(as_text=True))["name"] == "N"
    assert sorted(p.name for p in (graph_copy / "skills").iterdir()) == ["skill-a.yaml", "skill-b.yaml", "skill-c.yaml"]


def test_warnings_are_shown_and_do_not_block(editor, graph_copy):
    response = submit(editor, "/edit/skill/new", {"entity_id": "fresh", "name": "Fresh", "description": "New."})
    assert response.status_code == 302
    flashes = [li.get_text() for li in soup(editor.get(response.location)).select(".flash-warning")]
    assert any("orphan" in f for f in flashes) and any("learning_ramp: missing" in f for f in flashes)
    assert (graph_copy / "skills" / "fresh.yaml").exists()


def test_a_stale_save_is_409_with_both_versions_and_overwrites_nothing(editor, graph_copy, instance):
    url = "/edit/career/plain-career"
    mine = form_values(editor.get(url).get_data(as_text=True))
    theirs = Workspace(graph_copy, instance, "http://x/")  # another editor saves first
    source = theirs.read("career", "plain-career")
    theirs.save([Write.document("career", "plain-career", {**source.data(), "name": "Their Name"}, source.version)],
                "someone", "their edit")
    after_theirs = (graph_copy / "careers" / "plain-career.yaml").read_bytes()
    response = editor.post(url, data={**mine, "name": "My Name"})
    assert response.status_code == 409
    page = soup(response)
    assert "name: My Name" in page.select_one("pre.yours").get_text()
    assert "name: Their Name" in page.select_one("pre.current").get_text()
    assert mine["version"] in page.get_text() and file_version(after_theirs) in page.get_text()
    assert (graph_copy / "careers" / "plain-career.yaml").read_bytes() == after_theirs
    flow = form_values(editor.get(url + "/add/neighbour").get_data(as_text=True))
    again = theirs.read("career", "plain-career")
    theirs.save([Write.document("career", "plain-career", {**again.data(), "demand": "high"}, again.version)],
                "someone", "again")
    assert editor.post(url + "/add/neighbour", data={**flow, "neighbours[2]": "hostile-career"}).status_code == 409


def test_a_name_with_script_saved_in_the_editor_stays_text_everywhere(editor, anon, graph_copy):
    assert submit(editor, "/edit/career/plain-career", {"name": SCRIPT_NAME}).status_code == 302
    assert submit(editor, "/edit/skill/skill-c", {"name": SCRIPT_NAME + " skill"}).status_code == 302
    kb = KnowledgeBase.load(graph_copy)
    pages = all_page_paths(kb) + ["/edit/career/plain-career", "/edit/skill/skill-c", "/history", "/edit/career"]
    for path in pages:
        client = editor if path.startswith(("/edit", "/history")) else anon
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert "<script>alert('edited')" not in html, path
        page = BeautifulSoup(html, "html.parser")
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", path
            if script.string:
                assert "<" not in script.string, path
                Graph().parse(data=script.string, format="json-ld")
    assert soup(anon.get("/careers/plain-career")).h1.get_text() == SCRIPT_NAME
    picture = anon.get("/api/graph/careers/plain-career")
    if picture.status_code == 200:  # the picture's data carries the name as plain JSON text
        assert picture.mimetype == "application/json"
        assert SCRIPT_NAME in json.dumps(picture.get_json(), ensure_ascii=False)
