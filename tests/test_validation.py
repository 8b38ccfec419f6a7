"""Each class of bad input gets a message naming file, line and what was expected."""
import textwrap

import pytest

from careergraph.load import load_graph


def write(folder, relpath, text):
    path = folder / relpath
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only_errors(folder):
    return [p for p in load_graph(folder).problems if p.is_error]


def test_tiny_fixture_is_valid_and_warns_about_missing_optional_values(graph_copy):
    result = load_graph(graph_copy)
    assert result.problems.errors == []
    warned = {(p.file.rsplit("/", 1)[-1], p.message.split(":")[0]) for p in result.problems.warnings}
    assert ("cafe-career.yaml", "demand") in warned
    assert ("skill-c.yaml", "learning_ramp") in warned


def test_malformed_yaml_names_line_and_expectation(graph_copy):
    write(graph_copy, "skills/skill-c.yaml", "name: Skill C\ndescription: [unclosed\ncategory: x\n")
    [error] = only_errors(graph_copy)
    assert error.file.endswith("skills/skill-c.yaml")
    assert error.line == 3
    assert "malformed YAML" in error.message and "expected" in error.message


def test_wrong_type(graph_copy):
    write(graph_copy, "citations/tiny-source.yaml",
          (graph_copy / "citations/tiny-source.yaml").read_text().replace("year: 2020", "year: twenty"))
    [error] = only_errors(graph_copy)
    assert error.line == 4 and error.column == 7
    assert "year: found text 'twenty', expected a whole number >= 1800 and <= 2100" in error.message


def test_unknown_key_suggests_the_nearest(graph_copy):
    text = (graph_copy / "skills/skill-b.yaml").read_text().replace("description:", "descripton:")
    write(graph_copy, "skills/skill-b.yaml", text)
    errors = only_errors(graph_copy)
    unknown = [e for e in errors if "unknown key" in e.message]
    assert len(unknown) == 1 and unknown[0].line == 2
    assert "did you mean 'description'?" in unknown[0].message
    assert any("description: missing, expected text" in e.message for e in errors)


def test_bad_enum_value(graph_copy):
    text = (graph_copy / "careers/plain-career.yaml").read_text().replace("importance: supporting",
                                                                          "importance: suporting")
    write(graph_copy, "careers/plain-career.yaml", text)
    [error] = only_errors(graph_copy)
    assert error.line == 7 and error.column == 17
    assert "expected one of core, important, supporting (did you mean 'supporting'?)" in error.message


def test_duplicate_id_across_file_suffixes(graph_copy):
    write(graph_copy, "skills/skill-c.yml", "name: Other C\ndescription: Same id, other suffix.\n")
    [error] = only_errors(graph_copy)
    assert "duplicate id 'skill-c'" in error.message and "skill-c.yaml" in error.message


def test_duplicate_key_in_a_mapping(graph_copy):
    write(graph_copy, "skills/skill-c.yaml", "name: C\ndescription: one\nname: C again\n")
    [error] = only_errors(graph_copy)
    assert error.line == 3 and "duplicate key 'name' (first at line 1)" in error.message


def test_dangling_reference_with_suggestion(graph_copy):
    text = (graph_copy / "careers/plain-career.yaml").read_text().replace("skill: skill-c", "skill: skill-cc")
    write(graph_copy, "careers/plain-career.yaml", text)
    [error] = only_errors(graph_copy)
    assert error.line == 6 and error.column == 12
    assert "skill 'skill-cc' does not exist (dangling reference); did you mean 'skill-c'?" in error.message


def test_dangling_claim_reference(graph_copy):
    text = (graph_copy / "careers/hostile-career.yaml").read_text().replace("tiny-source#only-claim",
                                                                            "tiny-source#no-such")
    write(graph_copy, "careers/hostile-career.yaml", text)
    [error] = only_errors(graph_copy)
    assert "citation 'tiny-source' has no claim 'no-such', expected one of only-claim, untraced" in error.message


def test_skill_adjacent_to_itself(graph_copy):
    write(graph_copy, "skills/skill-b.yaml", "name: B\ndescription: d\nadjacent:\n  - skill: skill-b\n")
    [error] = only_errors(graph_copy)
    assert error.line == 4 and "'skill-b' is adjacent to itself" in error.message


def test_missing_required_and_empty_file(graph_copy):
    write(graph_copy, "skills/skill-c.yaml", "")
    write(graph_copy, "citations/tiny-source.yaml", "kind: report\ntitle: T\nclaims: []\n")
    messages = [str(e) for e in only_errors(graph_copy)]
    assert any("skill-c.yaml:1:1: error: the file is empty, expected a skill mapping" in m for m in messages)
    assert any("claims: found 0 item(s), expected at least 1" in m for m in messages)
    assert any("authors: missing, expected a list of authors" in m for m in messages)


def test_invalid_file_name_and_non_utf8(graph_copy):
    write(graph_copy, "skills/Bad Name.yaml", "name: x\ndescription: y\n")
    (graph_copy / "skills/latin1.yaml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    messages = [e.message for e in only_errors(graph_copy)]
    assert any("file name 'Bad Name.yaml' is not a valid id" in m for m in messages)
    assert any("not UTF-8 text" in m for m in messages)


def test_all_problems_in_one_run(graph_copy):
    write(graph_copy, "skills/skill-c.yaml", "name: C\ndescription: d\napplicability: wide\n")
    write(graph_copy, "skills/skill-b.yaml", "name: B\ndescription: [\n")
    assert len(only_errors(graph_copy)) == 2


@pytest.mark.parametrize("bad", ["- a list\n- not a mapping\n", "just text\n", "42\n", "!!python/object:os.system {}\n",
                                 "&a [*a]\n", "name: &x {a: *x}\ndescription: d\n"])
def test_odd_documents_are_problems_not_exceptions(graph_copy, bad):
    write(graph_copy, "skills/skill-c.yaml", bad)
    errors = only_errors(graph_copy)
    assert errors and all(e.file.endswith("skill-c.yaml") or "skill-c" in e.message for e in errors)


def test_a_url_with_characters_no_iri_may_hold_is_refused(graph_copy):
    text = (graph_copy / "citations/tiny-source.yaml").read_text().replace(
        "url: https://example.org/source?a=1&b=2", 'url: "https://example.org/<x>"')
    write(graph_copy, "citations/tiny-source.yaml", text)
    [error] = only_errors(graph_copy)
    assert "url: found 'https://example.org/<x>', expected an http(s) URL" in error.message
