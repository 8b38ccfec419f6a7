"""The career-transition planner, checked against a plan worked out by hand.

Data Scientist → ML Platform Engineer, from graph/careers/*.yaml and graph/skills/*.yaml:
- ML Platform Engineer requires six skills, all core: mlops, kubernetes, mlflow, python,
  gpu-infrastructure, model-serving. Data Scientist requires mlflow (supporting), mlops
  (important) and python (core) of them.
- shared: MLflow, MLOps (ML Operations), Python (core for the target; sorted by name);
  overlap = 3 × 3 / 18 = 50%.
- missing, all core: GPU infrastructure, Kubernetes, Model serving.
- bridging (adjacent either way to a Data Scientist skill):
  gpu-infrastructure ← pytorch (pytorch lists gpu-infrastructure);
  model-serving → mlops (model-serving lists mlops) and ← tensorflow (tensorflow lists model-serving);
  kubernetes: adjacent to docker, helm, kubeflow, prometheus, distributed-systems, distributed-training,
  google-cloud, gpu-infrastructure, microservices, model-serving, go: none is a Data Scientist skill.
- path over neighbour-of: ML Platform Engineer lists data-scientist as a neighbour, so the shortest
  path is the direct step, with no career inside it.
- careers neighbouring both: machine-learning-engineer (each lists the other or is listed) and
  data-engineer (lists both). Machine Learning Engineer requires all three missing skills
  (model-serving core, kubernetes and gpu-infrastructure important); Data Engineer none of them,
  so it is no stepping stone.
"""
from bs4 import BeautifulSoup

from careergraph.transition import picture_graph, plan


def test_plan_from_data_scientist_to_ml_platform_engineer_by_hand(default_kb):
    p = plan(default_kb, "data-scientist", "ml-platform-engineer")
    assert [(l.skill, l.importance) for l in p.shared] == [("mlflow", "core"), ("mlops", "core"), ("python", "core")]
    assert p.overlap == 0.5
    assert [(l.skill, l.importance) for l in p.missing] == [
        ("gpu-infrastructure", "core"), ("kubernetes", "core"), ("model-serving", "core")]
    assert [(b.link.skill, b.via) for b in p.bridging] == [
        ("gpu-infrastructure", ("pytorch",)), ("model-serving", ("mlops", "tensorflow"))]
    assert p.path == ["careers/data-scientist", "careers/ml-platform-engineer"] and p.path_over == "neighbour-of"
    assert [(s.career.id, s.on_path, s.covers) for s in p.stepping_stones] == [
        ("machine-learning-engineer", False, ("gpu-infrastructure", "kubernetes", "model-serving"))]


# The other way round: 22 Data Scientist skills − 3 shared = 19 missing; its six core skills less python
# (shared) lead them: machine-learning, pandas, scikit-learn, sql, statistical-inference (by name);
# overlap for Data Scientist (W = 42) = python 3 + mlops 2 + mlflow 1 = 6/42.
def test_plan_the_other_way_round(default_kb):
    p = plan(default_kb, "ml-platform-engineer", "data-scientist")
    assert len(p.missing) == 19 and abs(p.overlap - 6 / 42) < 1e-12
    assert [l.skill for l in p.missing][:6] == ["machine-learning", "pandas", "scikit-learn", "sql",
                                                 "statistical-inference", "data-storytelling"]


def test_stepping_stones_inside_a_longer_path(default_kb):
    # Information Security Analyst and Data Scientist share no neighbour; by hand: ISA's neighbours are
    # network-systems-administrator, database-administrator, cloud-architect; database-administrator
    # neighbours data-engineer, which neighbours data-scientist: ISA → DBA → DE → DS (3 steps).
    # No other route is as short: NSA and Cloud Architect neighbour no Data Scientist neighbour, and
    # DBA's other neighbours (software-developer, network-systems-administrator) do not neighbour it either.
    p = plan(default_kb, "information-security-analyst", "data-scientist")
    assert p.path == ["careers/information-security-analyst", "careers/database-administrator",
                      "careers/data-engineer", "careers/data-scientist"] and p.path_over == "neighbour-of"
    assert [(s.career.id, s.on_path) for s in p.stepping_stones] == [
        ("database-administrator", True), ("data-engineer", True)]


def test_picture_covers_path_stones_and_bridges(default_kb):
    graph = picture_graph(default_kb, plan(default_kb, "data-scientist", "ml-platform-engineer"))
    assert set(graph.nodes) == {"careers/data-scientist", "careers/ml-platform-engineer",
                                "careers/machine-learning-engineer", "skills/gpu-infrastructure", "skills/pytorch",
                                "skills/model-serving", "skills/mlops", "skills/tensorflow"}
    assert ("careers/ml-platform-engineer", "careers/data-scientist") in set(graph.edges())


def test_transition_page(client):
    response = client.get("/transition?from=data-scientist&to=ml-platform-engineer")
    soup = BeautifulSoup(response.data, "html.parser")
    assert response.status_code == 200 and len(soup.find_all("h1")) == 1
    assert soup.h1.get_text() == "From Data Scientist to ML Platform Engineer: a transition plan"
    shared = [a.get_text() for a in soup.select("section[aria-labelledby=shared] a")]
    assert shared == ["MLflow", "MLOps (ML Operations)", "Python"]
    assert "carry 50% of its importance weight" in soup.get_text()
    assert [h.get_text(" ", strip=True) for h in soup.select("section[aria-labelledby=bridging] h3")] == [
        "GPU infrastructure (core)", "Model serving (core)"]
    assert "Machine Learning Engineer, a neighbour of both" in " ".join(soup.select_one(".stones").get_text().split())
    picture = soup.select_one("[data-graph-src]")
    assert picture["data-graph-src"] == "/api/transition/picture/data-scientist/ml-platform-engineer"
    assert soup.find("script", src="/static/js/graph.js")
    assert [a.get_text() for a in soup.select(".breadcrumbs a")] == ["Home", "Assessment"]
    assert soup.find("link", rel="canonical")["href"].endswith("/transition")


def test_transition_json_and_picture(client, default_kb):
    data = client.get("/api/transition?from=data-scientist&to=ml-platform-engineer").get_json()
    assert [s["id"] for s in data["shared"]] == ["mlflow", "mlops", "python"]
    assert [g["importance"] for g in data["missing"]] == ["core"] and data["missing_count"] == 3
    picture = client.get("/api/transition/picture/data-scientist/ml-platform-engineer").get_json()
    assert {n["id"] for n in picture["nodes"]} == set(
        picture_graph(default_kb, plan(default_kb, "data-scientist", "ml-platform-engineer")).nodes)
    assert client.get("/api/transition/picture/data-scientist/nope").status_code == 404


def test_form_without_both_careers(client):
    soup = BeautifulSoup(client.get("/transition?from=data-scientist").data, "html.parser")
    assert soup.h1.get_text() == "Plan a career move"
    assert soup.select_one("select[name=from] option[selected]")["value"] == "data-scientist"
    assert not soup.select("[data-graph-src]")


HOSTILE = ["from=<script>alert(1)</script>&to=data-scientist", "from=data-scientist&to=data-scientist",
           "from=" + "x" * 5000 + "&to=y", "from=data-scientist&from=nope&to=statistician",
           "from=%00&to=%0a", "from=../../etc&to=data-scientist"]


def test_hostile_planner_parameters_are_escaped_and_answer_400(client):
    for query in HOSTILE:
        response = client.get(f"/transition?{query}")
        html = response.get_data(as_text=True)
        assert response.status_code in (200, 400) and "<script>alert" not in html, query
        assert client.get(f"/api/transition?{query}").status_code in (200, 400), query
    bad = BeautifulSoup(client.get("/transition?from=<script>&to=data-scientist").data, "html.parser")
    assert "There is no starting career “<script>”" in bad.select_one("[role=alert]").get_text()
    same = client.get("/transition?from=data-scientist&to=data-scientist")
    assert same.status_code == 400 and "Choose two different careers." in same.get_data(as_text=True)
    assert client.get("/transition?from=data-scientist&from=nope&to=statistician").status_code == 200


def test_tiny_hostile_fixture(tiny_client):
    response = tiny_client.get("/transition?from=cafe-career&to=hostile-career")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<script>alert(1)" not in html
    soup = BeautifulSoup(html, "html.parser")
    hostile = "<script>alert(1)</script> Engineer \"quoted\" 'single'"
    assert soup.h1.get_text() == f"From Café Ångström Analyst 数据 to {hostile}: a transition plan"
    data = tiny_client.get("/api/transition?from=cafe-career&to=hostile-career").get_json()
    # hostile-career needs skill-a (core) and skill-b (supporting); the café career has skill-b and skill-c:
    # shared skill-b; missing skill-a, adjacent to skill-b (a cycle) → a bridging skill
    assert [s["id"] for s in data["shared"]] == ["skill-b"]
    assert [b["skill"]["id"] for b in data["bridging"]] == ["skill-a"]
    assert tiny_client.get("/transition?from=plain-career&to=hostile-career").status_code == 200
