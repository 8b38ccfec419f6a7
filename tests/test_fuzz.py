"""Random malformed documents never make the loader raise."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careergraph.load import check_document
from careergraph.schema import SPECS

yaml_chars = st.sampled_from(list(string.printable) + ["-", ":", "[", "]", "{", "}", "&", "*", "!", "|", ">",
                                                        "#", "'", '"', "\t", "é", "\u2028", "\x00"])
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["name", "summary", "skills", "skill", "importance", "claims", "adjacent", "weight",
                         "sections", "careers", "kind", "year", "sample", "size", "bogus", "title", "intro"]),
        children, max_size=5),
    max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(list(SPECS)), text=st.text(yaml_chars, max_size=200))
def test_random_text_is_reported_not_raised(kind, text):
    record, ctx, problems = check_document(kind, "some-id", text, "x.yaml")
    if record is None:
        assert problems or any(sev == "error" for sev, _, _ in ctx.problems)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(list(SPECS)), value=values)
def test_random_structures_are_reported_not_raised(kind, value):
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    record, ctx, problems = check_document(kind, "some-id", text, "x.yaml")
    if record is None:
        assert problems or any(sev == "error" for sev, _, _ in ctx.problems)


def _pyyaml_or_error(text):
    import yaml

    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        return type(exc)


def _ours_or_error(text):
    import yaml

    from careergraph.load import parse_yaml

    try:
        return parse_yaml(text)[0]
    except (yaml.YAMLError, RecursionError) as exc:
        return type(exc)


def same(ours, theirs) -> bool:
    """Equal, NaN included: a document that is only `.nan` gives a NaN on both sides (inside
    lists and mappings PyYAML hands out one NaN object, which compares equal to itself)."""
    return ours == theirs or (isinstance(ours, float) and isinstance(theirs, float) and ours != ours
                              and theirs != theirs)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(yaml_chars, max_size=200))
def test_our_construction_equals_pyyaml_on_random_text(text):
    assert same(_ours_or_error(text), _pyyaml_or_error(text))


@settings(max_examples=300, deadline=None)
@given(value=values)
def test_our_construction_equals_pyyaml_on_random_structures(value):
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    assert same(_ours_or_error(text), _pyyaml_or_error(text))


def test_our_construction_equals_pyyaml_on_odd_documents():
    from pathlib import Path

    from .conftest import GRAPH

    odd = ["a: &x [1, 2]\nb: *x\n", "base: &b {k: 1}\nmerged:\n  <<: *b\n  j: 2\n", "? [1, 2]\n: unhashable\n",
           "when: 2024-05-01\nnone: ~\nyes: yes\nhex: 0x1F\nfloat: 1e3\nnan: .nan\n",
           "1: int key\ntrue: bool key\n", "!!str 12: tagged\nx: !!int '7'\n", "= : value key\n", "'': empty\n"]
    files = [p.read_text(encoding="utf-8") for p in sorted(Path(GRAPH).rglob("*.yaml"))]
    for text in odd + files:
        assert _ours_or_error(text) == _pyyaml_or_error(text), text
    inside_itself = _ours_or_error("&r [*r]\n")  # as PyYAML makes it: a list that holds itself
    assert isinstance(inside_itself, list) and inside_itself[0] is inside_itself
