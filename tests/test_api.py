"""The JSON API for scripted editing: token auth, the same operations, the same checks."""
import pytest

from careergraph.accounts import Accounts

from .editkit import anon, edit_app, instance  # noqa: F401


@pytest.fixture
def api(anon, instance):
    token = Accounts(instance).new_token("ed")

    def call(method, path, body=None):
        return getattr(anon, method)("/api/edit" + path, json=body, headers={"Authorization": f"Bearer {token}"})

    return call


def test_read_replace_and_see_it_on_the_public_page(api, anon):
    read = api("get", "/career/plain-career").get_json()
    assert read["file"] == "careers/plain-career.yaml" and read["document"]["name"] == "Plain Career"
    response = api("put", "/career/plain-career", {"version": read["version"], "message": "via the API",
                                                   "document": {**read["document"], "name": "API Career"}})
    assert response.status_code == 200
    body = response.get_json()
    assert body["saved"] and body["change"]["editor"] == "ed" and body["change"]["message"] == "via the API"
    assert "<h1>API Career</h1>" in anon.get("/careers/plain-career").get_data(as_text=True)
    assert api("get", "/career/plain-career").get_json()["version"] != read["version"]


def test_create_is_201_and_invalid_is_422_with_paths(api, anon, graph_copy):
    created = api("post", "/skill", {"id": "api-skill", "document": {"description": "d", "name": "API Skill"}})
    assert created.status_code == 201
    assert (graph_copy / "skills" / "api-skill.yaml").read_text().startswith("name: API Skill\ndescription: d\n")
    assert any("orphan" in w["message"] for w in created.get_json()["warnings"])
    bad = api("post", "/skill", {"id": "bad-skill", "document": {"name": "B", "adjacent": [{"skill": "x"}]}})
    assert bad.status_code == 422
    problems = {p["path"]: p["message"] for p in bad.get_json()["problems"] if p["severity"] == "error"}
    assert set(problems) == {"description", "adjacent[1].skill"}
    assert not (graph_copy / "skills" / "bad-skill.yaml").exists()
    assert api("post", "/skill", {"id": "../x", "document": {}}).status_code == 400
    assert api("post", "/skill", {"id": "api-skill", "document": {"name": "N", "description": "d"}}).status_code == 409


def test_a_stale_replace_is_409_with_both_versions(api, graph_copy):
    read = api("get", "/skill/skill-c").get_json()
    assert api("put", "/skill/skill-c", {"version": read["version"],
                                         "document": {**read["document"], "category": "First"}}).status_code == 200
    now = (graph_copy / "skills" / "skill-c.yaml").read_bytes()
    stale = api("put", "/skill/skill-c", {"version": read["version"],
                                          "document": {**read["document"], "category": "Second"}})
    assert stale.status_code == 409
    [conflict] = stale.get_json()["files"]
    assert conflict["yours"]["version"] == read["version"] and "category: Second" in conflict["yours"]["text"]
    assert "category: First" in conflict["current"]["text"]
    assert (graph_copy / "skills" / "skill-c.yaml").read_bytes() == now


def test_link_flows_through_the_api(api, anon):
    version = api("get", "/career/plain-career").get_json()["version"]
    added = api("post", "/career/plain-career/add/skill", {"version": version,
                                                           "item": {"skill": "skill-a", "importance": "core"}})
    assert added.status_code == 200
    assert anon.get("/careers/plain-career/skills/skill-a").status_code == 200
    version = api("get", "/career/plain-career").get_json()["version"]
    claim = api("post", "/career/plain-career/add/link-claim",
                {"version": version, "link": "skill-a", "item": "tiny-source#only-claim"})
    assert claim.status_code == 200
    assert "A finding with" in anon.get("/careers/plain-career/skills/skill-a").get_data(as_text=True)
    assert api("post", "/career/plain-career/add/link-claim",
               {"version": version, "link": "nope", "item": "x#y"}).status_code == 400
    assert api("post", "/career/plain-career/add/adjacent", {"version": version, "item": {}}).status_code == 400
    version = api("get", "/skill/skill-c").get_json()["version"]
    weight = {"version": version, "item": {"skill": "skill-a", "weight": 3}}
    invalid = api("post", "/skill/skill-c/add/adjacent", weight)
    assert invalid.status_code == 422
    assert [p["path"] for p in invalid.get_json()["problems"] if p["severity"] == "error"] == ["adjacent[1].weight"]


def test_delete_lists_referrers_and_unlinks_on_request(api, anon, graph_copy):
    referrers = api("get", "/skill/skill-b/referrers").get_json()
    assert {r["file"] for r in referrers} == {"careers/cafe-career.yaml", "careers/hostile-career.yaml",
                                              "skills/skill-a.yaml"}
    version = api("get", "/skill/skill-b").get_json()["version"]
    refused = api("delete", "/skill/skill-b", {"version": version})
    assert refused.status_code == 422 and (graph_copy / "skills" / "skill-b.yaml").exists()
    done = api("delete", "/skill/skill-b", {"version": version, "unlink": True})
    assert done.status_code == 200 and len(done.get_json()["change"]["files"]) == 4
    assert anon.get("/skills/skill-b").status_code == 404


def test_history_and_revert_through_the_api(api, graph_copy):
    before = (graph_copy / "skills" / "skill-a.yaml").read_bytes()
    read = api("get", "/skill/skill-a").get_json()
    document = {**read["document"], "category": "Changed"}
    change = api("put", "/skill/skill-a", {"version": read["version"], "document": document}).get_json()["change"]
    listed = api("get", "/history?file=skills/skill-a.yaml").get_json()
    assert [e["id"] for e in listed] == [change["id"]]
    detail = api("get", f"/history/{change['id']}").get_json()
    assert "+category: Changed" in detail["files"][0]["diff"]
    reverted = api("post", f"/history/{change['id']}/revert", {"message": "undo"})
    assert reverted.status_code == 200 and reverted.get_json()["change"]["revert_of"] == change["id"]
    assert (graph_copy / "skills" / "skill-a.yaml").read_bytes() == before
    assert api("get", "/history/nope").status_code == 404
    assert api("post", "/history/nope/revert", {}).status_code == 400


def test_bad_requests_are_json_never_a_traceback(api):
    for method, path, body in (("put", "/skill/skill-a", None), ("put", "/skill/skill-a", {"document": []}),
                               ("get", "/nope/x", None), ("get", "/skill/nope", None), ("post", "/skill", [1])):
        response = api(method, path, body)
        assert response.status_code in (400, 404, 405, 415), (method, path)
        assert response.is_json and "Traceback" not in response.get_data(as_text=True)
