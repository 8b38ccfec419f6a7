"""The save pipeline without Flask: conflicts, validation, atomic writes, documents, forms."""
import os

import pytest
import yaml

from careergraph.atomicfile import atomic_write, create_once
from careergraph.documents import FLOWS, append_at, render_document, spec_at, unlinked
from careergraph.edit import ABSENT, Conflict, EditError, Refused, Workspace, Write
from careergraph.kb import content_version
from careergraph.schema import CAREER, LINK, SPECS
from careergraph.web.specform import build_form, read_form, sort_problems
from careergraph.web.state import MARKER, touch_marker


@pytest.fixture
def workspace(graph_copy, tmp_path):
    versions = []
    ws = Workspace(graph_copy, tmp_path / "instance", "http://127.0.0.1:8000/",
                   on_saved=lambda v: (versions.append(v), touch_marker(tmp_path / "instance", v)))
    ws.versions = versions
    return ws


def rewrite(ws, kind, entity_id, **changes):
    source = ws.read(kind, entity_id)
    return ws.save([Write.document(kind, entity_id, {**source.data(), **changes}, source.version)], "ed", "test")


def test_a_save_writes_one_readable_file_and_moves_the_version_on(workspace, graph_copy):
    result = rewrite(workspace, "career", "cafe-career", demand="high")
    text = (graph_copy / "careers" / "cafe-career.yaml").read_text(encoding="utf-8")
    assert text.startswith("name: Café Ångström Analyst 数据\nsummary: ")  # unicode as itself, schema order
    assert list(yaml.safe_load(text)) == ["name", "summary", "demand", "neighbours", "path", "skills"]
    assert "\n  - skill: skill-b\n    importance: important\n" in text
    assert workspace.versions == [result.graph_version] == [content_version(graph_copy)]
    assert (workspace.instance / MARKER).read_text().strip() == result.graph_version
    assert [p.name for p in graph_copy.rglob(".*")] == []  # no temp file left


def test_render_document_round_trips_every_fixture_file(graph_copy):
    for kind, folder in (("hub", "hubs"), ("career", "careers"), ("skill", "skills"), ("citation", "citations")):
        for path in (graph_copy / folder).glob("*.yaml"):
            data = yaml.safe_load(path.read_text())
            assert yaml.safe_load(render_document(kind, data)) == data, path


def test_a_stale_write_is_a_conflict_and_writes_nothing(workspace, graph_copy):
    old = workspace.read("career", "plain-career")
    rewrite(workspace, "career", "plain-career", demand="high")
    now = (graph_copy / "careers" / "plain-career.yaml").read_bytes()
    with pytest.raises(Conflict) as caught:
        workspace.save([Write.document("career", "plain-career", {**old.data(), "name": "Mine"}, old.version)],
                       "ed", "stale")
    [(write, current)] = caught.value.stale
    assert write.base_version == old.version and current.raw == now
    assert (graph_copy / "careers" / "plain-career.yaml").read_bytes() == now
    with pytest.raises(Conflict):  # creating over an entity that appeared meanwhile
        workspace.save([Write.document("skill", "skill-a", {"name": "A", "description": "d"}, ABSENT)], "ed", "x")


def test_only_errors_the_edit_adds_are_refused(workspace, graph_copy):
    (graph_copy / "skills" / "skill-c.yaml").write_text("name: C\ndescription: d\nlearning_ramp: vertical\n")
    rewrite(workspace, "career", "plain-career", demand="high")  # the old error elsewhere does not block
    with pytest.raises(Refused) as caught:
        rewrite(workspace, "career", "plain-career", demand="sky-high")
    [error] = caught.value.errors
    assert error.message.startswith("demand: found text 'sky-high', expected one of critical-shortage, high")
    assert error.file == "careers/plain-career.yaml" and error.line == 3


def test_left_over_temp_files_are_swept_and_never_loaded(workspace, graph_copy):
    stale = graph_copy / "skills" / ".cg-skill-a.yaml.999.abcd.tmp"
    stale.write_text("name: [torn")
    rewrite(workspace, "skill", "skill-a", category="Swept")
    assert not stale.exists()


def test_atomic_write_and_create_once(tmp_path):
    target = tmp_path / "f.yaml"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two" and os.listdir(tmp_path) == ["f.yaml"]
    assert create_once(tmp_path / "k", b"first") == b"first"
    assert create_once(tmp_path / "k", b"second") == b"first"


def test_bad_ids_and_kinds_never_reach_the_file_system(workspace):
    for kind, entity_id in (("career", "../../etc/passwd"), ("career", "A B"), ("nope", "x"), ("skill", "")):
        with pytest.raises(EditError):
            workspace.read(kind, entity_id)


def test_unlinking_follows_the_schema(graph_copy):
    hub = yaml.safe_load((graph_copy / "hubs" / "odd-hub.yaml").read_text())
    data, removed = unlinked("hub", hub, "career", "plain-career")
    assert data["sections"][0]["careers"] == ["hostile-career", "cafe-career"] and removed == ["sections[1].careers[3]"]
    only = {"title": "T", "intro": "I", "sections": [{"title": "S", "careers": ["plain-career"]},
                                                     {"title": "S2", "careers": ["cafe-career"]}]}
    assert unlinked("hub", only, "career", "plain-career") == (
        {"title": "T", "intro": "I", "sections": [{"title": "S2", "careers": ["cafe-career"]}]}, ["sections[1]"])
    career = yaml.safe_load((graph_copy / "careers" / "hostile-career.yaml").read_text())
    data, removed = unlinked("career", career, "citation", "tiny-source")
    assert "claims" not in data["skills"][0] and removed == ["skills[1].claims[1]"]
    data, removed = unlinked("career", career, "skill", "skill-b")
    assert [link["skill"] for link in data["skills"]] == ["skill-a"] and "pairs_with" not in data["skills"][0]
    assert removed == ["skills[1].pairs_with[1]", "skills[2]"]


def test_flows_and_paths_come_from_the_schema(graph_copy):
    assert spec_at(CAREER, "skills[2]") is LINK
    assert FLOWS["skill"].item_spec() is LINK and FLOWS["neighbour"].item_spec().kind == "career"
    career = yaml.safe_load((graph_copy / "careers" / "hostile-career.yaml").read_text())
    assert FLOWS["link-claim"].resolve(career, "skill-b") == "skills[2].claims"
    data, path = append_at(career, "skills[2].claims", "tiny-source#untraced")
    assert path == "skills[2].claims[1]" and data["skills"][1]["claims"] == ["tiny-source#untraced"]
    assert "claims" not in career["skills"][1]  # the original is untouched


def posted(fields, out=None) -> dict:
    """What a browser sends for these fields, unchanged."""
    out = {} if out is None else out
    for field in fields:
        if field.widget in ("group", "list"):
            posted(field.children, out)
        elif field.widget != "checkbox" or field.value:
            out[field.name] = "true" if field.widget == "checkbox" else field.value
    return out


def test_forms_read_back_what_they_show(graph_copy):
    for kind, folder in (("hub", "hubs"), ("career", "careers"), ("skill", "skills"), ("citation", "citations")):
        for path in (graph_copy / folder).glob("*.yaml"):
            data = yaml.safe_load(path.read_text())
            expected = {k: v for k, v in data.items() if v not in (False, None)}
            assert read_form(SPECS[kind], posted(build_form(SPECS[kind], data, {}))) == expected, path


def test_problems_go_beside_the_field_their_path_names():
    from careergraph.problems import Problem

    problems = [Problem("careers/x.yaml", 3, 5, "error", "skills[2].importance: found text 'x', expected one"),
                Problem("careers/x.yaml", 0, 0, "warning", "the career is in no hub section"),
                Problem("careers/y.yaml", 1, 1, "error", "name: missing")]
    notes, general = sort_problems(problems, "careers/x.yaml")
    assert notes == {"skills[2].importance": [("error", "found text 'x', expected one")]}
    assert [p.file for p in general] == ["careers/x.yaml", "careers/y.yaml"]
