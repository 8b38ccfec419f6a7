"""Each editing flow end to end through the test client, then visible on the public pages."""
import yaml

from careergraph.validate import validate_graph

from .editkit import admin, anon, edit_app, editor, instance, soup, submit  # noqa: F401


def saved(response):
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return response


def no_errors(graph):
    assert validate_graph(graph, "http://127.0.0.1:8000/").errors == []


def test_add_a_skill_to_a_career(editor, anon, graph_copy):
    saved(submit(editor, "/edit/career/plain-career/add/skill", {
        "skills[2].skill": "skill-a", "skills[2].importance": "important", "skills[2].salary_impact": "high",
        "skills[2].why": "It makes plain careers less plain.", "skills[2].bands.junior": "Knows the basics",
        "skills[2].bands.senior": "Teaches it", "skills[2].pairs_with[1]": "skill-c", "message": "link A"}))
    page = anon.get("/careers/plain-career/skills/skill-a")
    assert page.status_code == 200
    text = soup(page).get_text(" ", strip=True)
    assert "is an important skill for this career" in text and "It makes plain careers less plain." in text
    assert "Salary impact of adding" in text and "Knows the basics" in text and "Teaches it" in text
    assert soup(page).select_one("#pairs ~ ul a[href='/skills/skill-c']")
    assert "/careers/plain-career/skills/skill-a" in anon.get("/careers/plain-career").get_data(as_text=True)
    data = yaml.safe_load((graph_copy / "careers" / "plain-career.yaml").read_text())
    assert data["skills"][1] == {"skill": "skill-a", "importance": "important", "salary_impact": "high",
                                 "why": "It makes plain careers less plain.",
                                 "bands": {"junior": "Knows the basics", "senior": "Teaches it"},
                                 "pairs_with": ["skill-c"]}
    no_errors(graph_copy)


def test_link_adjacent_skills_with_a_weight(editor, anon):
    saved(submit(editor, "/edit/skill/skill-c/add/adjacent", {"adjacent[1].skill": "skill-a",
                                                              "adjacent[1].weight": "0.7"}))
    links = {a["href"] for a in soup(anon.get("/skills/skill-c")).select("#adjacent ~ ul a")}
    assert "/skills/skill-a" in links


def test_add_a_neighbouring_career(editor, anon):
    saved(submit(editor, "/edit/career/plain-career/add/neighbour", {"neighbours[2]": "hostile-career"}))
    assert soup(anon.get("/careers/plain-career")).find("a", href="/careers/hostile-career")


def test_add_a_citation_with_claims_then_another_claim(editor, anon):
    saved(submit(editor, "/edit/citation/new", {
        "entity_id": "new-source", "kind": "report", "authors[1]": "Ada Lovelace", "title": "A new report",
        "year": "2024", "url": "https://example.org/report", "sample.size": "300",
        "claims[1].id": "first", "claims[1].headline": "Most people agree (n=300)",
        "claims[1].finding": "Most of 300 people agreed.", "claims[1].topic": "agreement",
        "claims[1].status": "traced"}))
    saved(submit(editor, "/edit/citation/new-source/add/claim", {
        "claims[2].id": "second", "claims[2].headline": "Some disagree", "claims[2].finding": "A few disagreed.",
        "claims[2].topic": "agreement", "claims[2].status": "traced"}))
    page = soup(anon.get("/citations/new-source")).get_text(" ", strip=True)
    assert "Most of 300 people agreed." in page and "A few disagreed." in page and "Ada Lovelace" in page


def test_attach_a_claim_to_a_career_skill_link(editor, anon):
    assert "only-claim" not in anon.get("/careers/cafe-career/skills/skill-c").get_data(as_text=True)
    saved(submit(editor, "/edit/career/cafe-career/add/link-claim?link=skill-c",
                 {"skills[2].claims[1]": "tiny-source#only-claim"}))
    page = soup(anon.get("/careers/cafe-career/skills/skill-c"))
    assert "12 people said <script>x</script>" in page.select_one(".stat-cards").get_text()
    assert 'A finding with "quotes" &amp; an ampersand.' in str(page)
    assert editor.get("/edit/career/cafe-career/add/link-claim?link=nope").status_code == 404


def test_create_a_skill_a_career_using_it_and_a_hub_listing_it(editor, anon, graph_copy):
    saved(submit(editor, "/edit/skill/new", {"entity_id": "new-skill", "name": "New Skill",
                                             "description": "Freshly made.", "aliases[1]": "NS"}))
    saved(submit(editor, "/edit/career/new", {"entity_id": "new-career", "name": "New Career",
                                              "summary": "Made in the editor.", "demand": "high",
                                              "skills[1].skill": "new-skill", "skills[1].importance": "core"}))
    saved(submit(editor, "/edit/hub/new", {"entity_id": "new-hub", "title": "New Hub", "intro": "Made here.",
                                           "sections[1].title": "All of it", "sections[1].careers[1]": "new-career"}))
    assert soup(anon.get("/careers/new-career/skills/new-skill")).h1.get_text().startswith("New Skill for New Career")
    assert soup(anon.get("/hubs/new-hub")).find("a", href="/careers/new-career")
    assert anon.get("/skills/new-skill").status_code == 200
    no_errors(graph_copy)


def test_edit_a_whole_entity_keeps_the_schema_key_order(editor, anon, graph_copy):
    saved(submit(editor, "/edit/career/plain-career", {"name": "Plainer Career", "demand": "moderate",
                                                       "alignments.onet_soc": "15-2051.00"}))
    assert soup(anon.get("/careers/plain-career")).h1.get_text() == "Plainer Career"
    text = (graph_copy / "careers" / "plain-career.yaml").read_text()
    assert list(yaml.safe_load(text)) == ["name", "summary", "demand", "neighbours", "alignments", "skills"]
    assert "skills:\n  - skill: skill-c\n    importance: supporting\n" in text  # block style, readable


def test_removing_a_list_item_through_the_form(editor, anon):
    saved(submit(editor, "/edit/career/hostile-career", {"skills[2]~remove": "1"}))
    assert anon.get("/careers/hostile-career/skills/skill-b").status_code == 404
    assert anon.get("/careers/hostile-career/skills/skill-a").status_code == 200


def test_delete_lists_dangling_links_and_unlinks_them_in_one_change(admin, anon, graph_copy):
    page = admin.get("/edit/skill/skill-b/delete")
    listed = {a.get_text() for a in soup(page).select(".referrers a")}
    assert listed == {"careers/cafe-career.yaml", "careers/hostile-career.yaml", "skills/skill-a.yaml"}
    before = (graph_copy / "skills" / "skill-b.yaml").read_bytes()
    alone = submit(admin, "/edit/skill/skill-b/delete", {"unlink": None})  # without unlinking: refused
    assert alone.status_code == 422 and "dangling reference" in alone.get_data(as_text=True)
    assert (graph_copy / "skills" / "skill-b.yaml").read_bytes() == before
    saved(submit(admin, "/edit/skill/skill-b/delete", {}))
    assert not (graph_copy / "skills" / "skill-b.yaml").exists()
    for path in ("/skills/skill-b", "/careers/cafe-career/skills/skill-b", "/careers/hostile-career/skills/skill-b"):
        assert anon.get(path).status_code == 404, path
    assert "skill-b" not in (graph_copy / "careers" / "hostile-career.yaml").read_text()
    assert anon.get("/skills/skill-a").status_code == 200
    no_errors(graph_copy)


def test_a_delete_that_unlinking_cannot_fix_is_refused_with_the_reason(admin, graph_copy):
    saved(submit(admin, "/edit/hub/new", {"entity_id": "solo-hub", "title": "Solo", "intro": "One career.",
                                          "sections[1].title": "Only", "sections[1].careers[1]": "plain-career"}))
    before = {p: p.read_bytes() for p in graph_copy.rglob("*.yaml")}
    response = submit(admin, "/edit/career/plain-career/delete", {})  # the hub's only career
    assert response.status_code == 422
    assert "sections: found 0 item(s), expected at least 1" in response.get_data(as_text=True)
    assert {p: p.read_bytes() for p in graph_copy.rglob("*.yaml")} == before


def test_deleting_an_unreferenced_entity(admin, editor, anon):
    saved(submit(editor, "/edit/skill/new", {"entity_id": "lonely", "name": "Lonely", "description": "d"}))
    assert soup(admin.get("/edit/skill/lonely/delete")).find(string=lambda s: "No other file refers" in s)
    saved(submit(admin, "/edit/skill/lonely/delete", {}))
    assert anon.get("/skills/lonely").status_code == 404


def test_pickers_offer_entities_and_claims(editor):
    assert editor.get("/edit/lookup?kind=skill&q=skill").get_json()[:2] == [
        {"id": "skill-a", "label": "Skill A <img src=x onerror=alert(3)>"}, {"id": "skill-b", "label": "Skill B"}]
    assert editor.get("/edit/lookup?kind=claim&q=trace").get_json() == [
        {"id": "tiny-source#untraced", "label": "A figure nobody could trace"}]
    assert editor.get("/edit/lookup?kind=career&q=CAFÉ").get_json()[0]["id"] == "cafe-career"
    assert editor.get("/edit/lookup?kind=nope&q=a").get_json() == []
    form = soup(editor.get("/edit/career/plain-career/add/skill"))
    picker = form.find("input", attrs={"name": "skills[2].skill"})
    assert picker["data-lookup"] == "skill" and form.find("datalist", id=picker["list"]) is not None
    assert form.find("script", src="/static/js/edit.js") and not form.find("script", src=None)


def test_every_editor_page_renders_for_every_kind(admin, edit_app):
    for kind, entity_id in (("hub", "odd-hub"), ("career", "hostile-career"), ("skill", "skill-a"),
                            ("citation", "tiny-source")):
        for path in (f"/edit/{kind}", f"/edit/{kind}/new", f"/edit/{kind}/{entity_id}",
                     f"/edit/{kind}/{entity_id}/history", f"/edit/{kind}/{entity_id}/delete"):
            response = admin.get(path)
            assert response.status_code == 200, path
            assert response.headers["Cache-Control"] == "no-store", path
    for path in ("/edit/nope", "/edit/career/nope", "/edit/career/NOT..a..slug", "/edit/skill/skill-a/add/skill",
                 "/edit/career/plain-career/add/nope"):
        response = admin.get(path)
        assert response.status_code == 404, path
        assert "Traceback" not in response.get_data(as_text=True)
