"""The ML Platform Engineer × MLOps drilldown shows every part of the example page, in order."""
import pytest
from bs4 import BeautifulSoup

URL = "/careers/ml-platform-engineer/skills/mlops"


@pytest.fixture(scope="module")
def soup(app):
    response = app.test_client().get(URL)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def section_text(soup, heading_id):
    return soup.find(id=heading_id).find_parent(["section", "nav"]).get_text(" ", strip=True)


def test_title_and_dek(soup):
    assert soup.h1.get_text(strip=True) == "MLOps (ML Operations) for ML Platform Engineer: How Important Is It?"
    assert soup.title.get_text().startswith("MLOps (ML Operations) for ML Platform Engineer")
    assert "an ML Platform Engineer" in soup.select_one("header .lede").get_text()


def test_three_stat_cards_with_source_year_and_reference_link(soup):
    cards = soup.select(".stat-card")
    assert [c.select_one(".stat-headline").get_text(strip=True) for c in cards] == [
        "ChatGPT: -40% time, +18% quality (Science, n=453)",
        "26% of jobs face high GenAI transformation (Indeed, ~2,900 skills)",
        "2030: +170M new roles, -92M displaced, net +78M; 39% skills obsolete in 5yr (WEF 2025)"]
    sources = [c.select_one(".stat-source").get_text(" ", strip=True) for c in cards]
    assert sources[0] == "Noy & Zhang, Science 381(6654) · 2023"
    assert sources[1] == "Indeed Hiring Lab AI at Work 2025 · 2025"
    assert sources[2] == "World Economic Forum Future of Jobs Report 2025 · 2025"
    for card in cards:
        target = card.select_one(".stat-source a")["href"].lstrip("#")
        assert soup.find(id=target).name == "li"


def test_career_summary_cluster_and_demand(soup):
    text = section_text(soup, "career")
    assert "infrastructure for training, serving, and monitoring machine learning models at scale" in text
    cluster = [a.get_text() for a in soup.find(id="career").find_parent("section").select("p a")]
    assert cluster == ["Kubernetes", "MLflow", "Python", "GPU infrastructure", "Model serving"]
    assert "critical shortage" in text and "every company becomes AI-driven" in text


def test_why_salary_impact_ramp_applicability(soup):
    text = section_text(soup, "why")
    assert "positive signal rather than a baseline expectation" in text
    assert "Salary impact of adding MLOps (ML Operations): high band" in text
    assert "Learning ramp into competence: steep" in text
    assert "Applicability across the wider taxonomy: broad" in text


def test_what_the_skill_is_and_used_by(soup):
    text = section_text(soup, "what")
    assert "automated training pipelines, model versioning, reproducible deployments" in text
    assert "Used by Netflix, Uber and Airbnb for production ML systems." in text


def test_career_path_stages_in_order(soup):
    stages = [li.get_text(" ", strip=True) for li in soup.find(id="path").find_next("ol").find_all("li")]
    assert stages[0].startswith("Practitioner") and "experiment tracking" in stages[0] and "basic CI/CD" in stages[0]
    assert stages[1].startswith("Senior") and "feature stores" in stages[1] and "A/B testing" in stages[1]
    assert stages[2].startswith("Staff") and "multi-model serving" in stages[2]
    assert "-k" not in " ".join(stages) and "months" not in " ".join(stages)


def test_adjacent_skills_and_careers_where_it_recurs(soup):
    lists = soup.find(id="related").find_parent("section").find_all("ul")
    adjacent = [a.get_text() for a in lists[0].find_all("a")]
    assert adjacent == ["Azure Machine Learning studio", "Azure Synapse Analytics", "Sanic"]
    recurs = {a.get_text(): a["href"] for a in lists[1].find_all("a")}
    assert recurs == {"Data Scientist": "/careers/data-scientist/skills/mlops",
                      "DevOps Engineer": "/careers/devops-engineer/skills/mlops",
                      "Machine Learning Engineer": "/careers/machine-learning-engineer/skills/mlops"}


def test_proficiency_bands(soup):
    bands = soup.select_one("dl.bands")
    assert [dt.get_text() for dt in bands.find_all("dt")] == ["Junior", "Mid", "Senior"]
    text = bands.get_text(" ", strip=True)
    assert "tutorial completion" in text and "exception handling" in text and "rubric authorship" in text


def test_portfolio_pairings(soup):
    pairs = [a.get_text() for a in soup.find(id="pairs").find_parent("section").select("ul a")]
    assert pairs == ["Kubernetes", "MLflow", "Python", "GPU infrastructure"]


def test_cited_claims_with_authors_sample_and_method(soup):
    claims = soup.find(id="research").find_parent("section").select("ul.claims > li")
    text = [c.get_text(" ", strip=True) for c in claims]
    noy = next(t for t in text if "writing-task time by 40%" in t)
    assert "Shakked Noy & Whitney Zhang" in noy and "n=453" in noy and "pre-registered" in noy
    indeed = next(t for t in text if "2,900 work skills" in t)
    assert "n≈2,900" in indeed and "Indeed Hiring Lab" in indeed
    wef = next(t for t in text if "170 million" in t)
    assert "World Economic Forum" in wef and "92 million" in wef and "78 million" in wef


def test_claims_that_failed_citation_tracing_are_named_as_such(soup):
    section = soup.find(id="untraced").find_parent("section")
    items = [li.get_text(" ", strip=True) for li in section.select("ul.untraced > li")]
    assert len(items) == 3
    assert all(i.startswith("No traceable source:") for i in items)
    assert any("auto-rejected" in i or "auto-rejection" in i for i in items)
    assert any("Cornell" in i for i in items) and any("neurodivergent" in i for i in items)


def test_uncertainty_note(soup):
    assert "confidence intervals" in section_text(soup, "uncertainty")


def test_navigation_to_hub_all_skills_and_siblings(soup):
    nav = soup.find(id="more").find_parent("nav")
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in nav.find_all("a")}
    assert hrefs["Career Discovery hub"] == "/hubs/career-discovery"
    assert hrefs["All skills for ML Platform Engineer"] == "/careers/ml-platform-engineer/skills"
    assert hrefs["Kubernetes"] == "/careers/ml-platform-engineer/skills/kubernetes"
    assert "/careers/ml-platform-engineer/skills/mlops" not in hrefs.values()


def test_faq_from_cited_claims_and_numbered_references(soup):
    questions = [dt.get_text(strip=True) for dt in soup.select("dl.faq dt")]
    assert "What does the research say about AI productivity for ML Platform Engineer?" in questions
    assert questions.count("What does the research say about skill economy for ML Platform Engineer?") == 2
    refs = soup.select("ol.references > li")
    assert [li["id"] for li in refs[:3]] == ["ref-1", "ref-2", "ref-3"]
    assert "https://www.science.org/doi/10.1126/science.adh2586" in refs[0].get_text()
    assert "https://www.weforum.org/reports/the-future-of-jobs-report-2025/" in refs[2].get_text()


def test_parts_come_in_the_example_pages_order(soup):
    order = ["career", "why", "what", "path", "related", "bands", "pairs", "research", "untraced",
             "uncertainty", "more", "faq", "references"]
    ids = [tag["id"] for tag in soup.find_all(["h2"]) if tag.get("id") in order]
    assert ids == order
    html = str(soup)
    assert html.index("stat-card") < html.index('id="career"')


def test_a_link_without_optional_values_leaves_the_sentences_out(app, default_kb):
    career, link = next((c, l) for c in default_kb.catalogue.careers.values() for l in c.skills
                        if not (l.salary_impact or l.bands or l.pairs_with or l.posting_signal or l.why)
                        and c.demand is None)
    soup = BeautifulSoup(app.test_client().get(f"/careers/{career.id}/skills/{link.skill}").data, "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Salary impact" not in text and "Proficiency bands" not in text and "pairs with" not in text
    assert "demand profile" not in text and "In practice" not in text
    assert "None" not in text
