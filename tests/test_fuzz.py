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
