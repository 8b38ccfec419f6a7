"""Every save is recorded (editor, time, message, diff); any change can be reverted, exactly."""
import re

from careergraph.edit import Workspace, Write
from careergraph.history import FileChange, Journal

from .editkit import admin, anon, edit_app, editor, form_values, instance, soup, submit  # noqa: F401

HAND_WRITTEN = (b"# a comment the editor's YAML writer would drop\r\n"
                b"name: Skill C \xe2\x80\x94 \xc3\xbcn\xc3\xaf\r\n"
                b"aliases: [C, \"\xc2\xabc\xc2\xbb\"]   # flow style\r\n"
                b"description: Kept exactly.\r\n")


def latest(instance):
    return Journal(instance).entries()[-1]


def test_every_save_records_editor_time_message_and_diff(editor, instance):
    assert submit(editor, "/edit/career/plain-career", {"name": "Renamed", "message": "a better name"}
                  ).status_code == 302
    entry = latest(instance)
    assert entry.editor == "ed" and entry.message == "a better name"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.time)
    [change] = entry.changes
    assert change.file == "careers/plain-career.yaml" and change.action == "changed"
    assert "-name: Plain Career\n+name: Renamed\n" in change.diff()
    listing = soup(editor.get("/history"))
    assert "a better name" in listing.get_text() and listing.find("a", href=f"/history/{entry.id}")
    page = soup(editor.get(f"/history/{entry.id}"))
    assert "+name: Renamed" in page.select_one("pre.diff").get_text()


def test_per_entity_history_lists_only_that_entity(editor, instance):
    submit(editor, "/edit/career/plain-career", {"name": "One", "message": "plain one"})
    submit(editor, "/edit/skill/skill-c", {"category": "Tests", "message": "skill c"})
    submit(editor, "/edit/career/plain-career", {"name": "Two", "message": "plain two"})
    rows = [tr.find_all("td")[2].get_text(strip=True)
            for tr in soup(editor.get("/edit/career/plain-career/history")).select("table.history tbody tr")]
    assert rows == ["plain two", "plain one"]
    assert editor.get("/history").get_data(as_text=True).count("<tr>") == 4  # header + 3


def test_a_revert_restores_the_exact_previous_bytes_and_is_itself_a_change(editor, anon, graph_copy, instance):
    path = graph_copy / "skills" / "skill-c.yaml"
    path.write_bytes(HAND_WRITTEN)  # comments, CRLF, flow style: all must come back
    assert submit(editor, "/edit/skill/skill-c", {"name": "Skill C edited"}).status_code == 302
    edited = path.read_bytes()
    assert edited != HAND_WRITTEN and b"# a comment" not in edited
    entry = latest(instance)
    response = submit(editor, f"/history/{entry.id}", {"message": "undo"})
    assert response.status_code == 302
    assert path.read_bytes() == HAND_WRITTEN
    revert = latest(instance)
    assert revert.revert_of == entry.id and revert.message == "undo" and revert.id != entry.id
    assert revert.changes[0].before == edited and revert.changes[0].after == HAND_WRITTEN
    assert soup(anon.get("/skills/skill-c")).h1.get_text() == "Skill C — ünï"
    assert submit(editor, f"/history/{revert.id}", {}).status_code == 302  # a revert can be reverted
    assert path.read_bytes() == edited
    assert len(Journal(instance).entries()) == 3
    page = soup(editor.get(f"/history/{entry.id}")).get_text(" ", strip=True)
    assert "Reverted by" in page


def test_reverting_a_delete_brings_back_every_file(admin, graph_copy, instance):
    before = {p.name: p.read_bytes() for p in graph_copy.rglob("*.yaml")}
    assert submit(admin, "/edit/skill/skill-b/delete", {}).status_code == 302
    delete = latest(instance)
    assert {c.file: c.action for c in delete.changes} == {
        "skills/skill-b.yaml": "deleted", "careers/cafe-career.yaml": "changed",
        "careers/hostile-career.yaml": "changed", "skills/skill-a.yaml": "changed"}
    assert submit(admin, f"/history/{delete.id}", {}).status_code == 302
    assert {p.name: p.read_bytes() for p in graph_copy.rglob("*.yaml")} == before


def test_a_revert_against_files_that_moved_on_is_409(editor, graph_copy, instance):
    submit(editor, "/edit/career/plain-career", {"name": "First"})
    entry = latest(instance)
    form = form_values(editor.get(f"/history/{entry.id}").get_data(as_text=True))
    submit(editor, "/edit/career/plain-career", {"name": "Second"})  # moves on after the page was shown
    now = (graph_copy / "careers" / "plain-career.yaml").read_bytes()
    response = editor.post(f"/history/{entry.id}/revert", data=form)
    assert response.status_code == 409 and (graph_copy / "careers" / "plain-career.yaml").read_bytes() == now
    warned = soup(editor.get(f"/history/{entry.id}")).select_one(".field-warning").get_text()
    assert "careers/plain-career.yaml" in warned  # the page says a revert now undoes later changes too


def test_a_revert_that_would_dangle_is_refused(admin, graph_copy, instance):
    submit(admin, "/edit/skill/new", {"entity_id": "temp", "name": "Temp", "description": "d"})
    created = latest(instance)
    submit(admin, "/edit/career/plain-career/add/skill", {"skills[2].skill": "temp", "skills[2].importance": "core"})
    response = submit(admin, f"/history/{created.id}", {})  # un-creating it would leave a dangling link
    assert response.status_code == 422 and "does not exist (dangling reference)" in response.get_data(as_text=True)
    assert (graph_copy / "skills" / "temp.yaml").exists()


def test_the_journal_survives_a_torn_last_line(graph_copy, instance):
    workspace = Workspace(graph_copy, instance, "http://x/")
    source = workspace.read("skill", "skill-c")
    workspace.save([Write.document("skill", "skill-c", {**source.data(), "category": "A"}, source.version)], "ed", "a")
    with open(instance / "history.jsonl", "ab") as journal:
        journal.write(b'{"id": "torn-by-a-cra')  # a crash mid-append
    source = workspace.read("skill", "skill-c")
    workspace.save([Write.document("skill", "skill-c", {**source.data(), "category": "B"}, source.version)], "ed", "b")
    assert [e.message for e in Journal(instance).entries()] == ["a", "b"]


def test_unchanged_saves_record_nothing(editor, instance):
    url = "/edit/career/plain-career"
    assert editor.post(url, data=form_values(editor.get(url).get_data(as_text=True))).status_code == 302
    first = Journal(instance).entries()
    assert len(first) == 1  # the first save rewrites the hand-written file in the schema's layout
    assert editor.post(url, data=form_values(editor.get(url).get_data(as_text=True))).status_code == 302
    assert Journal(instance).entries() == first
    assert "Nothing changed" in editor.get(url).get_data(as_text=True)


def test_history_is_for_editors_only(anon):
    assert anon.get("/history").status_code == 302
    assert anon.get("/edit/career/plain-career/history").status_code == 302


def test_file_change_diff_and_actions():
    change = FileChange("careers/x.yaml", None, b"name: X\n")
    assert change.action == "created" and change.kind == "career" and change.entity_id == "x"
    assert "+name: X" in change.diff()
    assert FileChange("careers/x.yaml", b"a\n", None).action == "deleted"
