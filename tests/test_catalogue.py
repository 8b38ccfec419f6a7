"""The embedded default catalogue: valid, big enough, nothing orphaned, sources complete."""
from careergraph.cli import main


def test_default_graph_validates_with_no_errors(capsys):
    assert main(["validate", "--graph", "graph", "--quiet"]) == 0
    assert " 0 error(s)" in capsys.readouterr().err


def test_catalogue_size(default_kb):
    stats = default_kb.stats
    assert stats["careers"] >= 15 and stats["hubs"] >= 3 and stats["skills"] >= 80
    sourced = [c for c in default_kb.catalogue.citations.values() if c.kind != "unattributed"]
    assert len(sourced) >= 12


def test_every_career_links_six_skills_and_is_in_a_hub(default_kb):
    for career in default_kb.catalogue.careers.values():
        assert len(career.skills) >= 6, career.id
        assert default_kb.hubs_of(career.id), career.id


def test_nothing_is_orphaned(default_kb):
    linked = {link.skill for c in default_kb.catalogue.careers.values() for link in c.skills}
    assert set(default_kb.catalogue.skills) <= linked
    cited = {ref.split("#")[0] for c in default_kb.catalogue.careers.values()
             for ref in c.claims + tuple(r for link in c.skills for r in link.claims)}
    cited |= {ref.split("#")[0] for s in default_kb.catalogue.skills.values() for ref in s.claims}
    assert set(default_kb.catalogue.citations) <= cited


def test_sources_carry_authors_year_and_url(default_kb):
    for citation in default_kb.catalogue.citations.values():
        if citation.kind == "unattributed":
            assert all(c.status != "traced" for c in citation.claims), citation.id
            continue
        assert citation.authors and citation.year and citation.url, citation.id
