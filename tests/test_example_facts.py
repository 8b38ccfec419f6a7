"""Every fact of ../shared/seed/skill-for-career-example.txt is in the RDF graph (SPARQL ASK)."""
import pytest

PREFIXES = """
PREFIX cg: <http://127.0.0.1:8000/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX c: <http://127.0.0.1:8000/careers/>
PREFIX s: <http://127.0.0.1:8000/skills/>
PREFIX src: <http://127.0.0.1:8000/citations/>
"""

LINK = "<http://127.0.0.1:8000/careers/ml-platform-engineer/skills/mlops>"

FACTS = {
    "career name and summary": """c:ml-platform-engineer a schema:Occupation ; schema:name "ML Platform Engineer" ;
        schema:description ?d . FILTER(CONTAINS(?d, "infrastructure for training, serving, and monitoring")
        && CONTAINS(?d, "feature stores") && CONTAINS(?d, "experiment tracking"))""",
    "demand profile": """c:ml-platform-engineer cg:demand "critical-shortage" ; cg:demandNote ?n .
        FILTER(CONTAINS(?n, "every company becomes AI-driven"))""",
    "skill cluster": """c:ml-platform-engineer cg:requires s:kubernetes, s:mlflow, s:python,
        s:gpu-infrastructure, s:model-serving, s:mlops .
        s:mlflow skos:prefLabel ?m . s:gpu-infrastructure skos:prefLabel ?g . s:model-serving skos:prefLabel ?ms .
        FILTER(CONTAINS(LCASE(?m), "mlflow") && CONTAINS(LCASE(?g), "gpu") && CONTAINS(LCASE(?ms), "model serving"))""",
    "mlops name and description": """s:mlops skos:prefLabel "MLOps (ML Operations)" ; skos:definition ?d .
        FILTER(CONTAINS(?d, "automated training pipelines") && CONTAINS(?d, "retraining workflows"))""",
    "salary impact high, positive posting signal": f"""{LINK} a cg:CareerSkillLink ; cg:career c:ml-platform-engineer ;
        cg:skill s:mlops ; cg:salaryImpact "high" ; cg:postingSignal "positive-signal" """,
    "learning ramp and applicability": """s:mlops cg:learningRamp "steep" ; cg:applicability "broad" """,
    "used by": """s:mlops cg:usedBy "Netflix", "Uber", "Airbnb" ; cg:usedByContext "production ML systems" """,
    "adjacent skills": """s:mlops cg:adjacentTo s:azure-ml-studio, s:azure-synapse-analytics, s:sanic .
        s:azure-synapse-analytics skos:prefLabel "Azure Synapse Analytics" """,
    "careers where it recurs": """c:data-scientist cg:requires s:mlops . c:devops-engineer cg:requires s:mlops .
        c:machine-learning-engineer cg:requires s:mlops .
        c:devops-engineer schema:name ?a . c:machine-learning-engineer schema:name ?b .
        FILTER(LCASE(?a) = "devops engineer" && LCASE(?b) = "machine learning engineer")""",
    "proficiency bands": f"""{LINK} cg:juniorBand ?j ; cg:midBand ?m ; cg:seniorBand ?s .
        FILTER(CONTAINS(?j, "tutorial completion") && CONTAINS(?m, "debugging, exception handling, edge cases")
        && CONTAINS(?s, "rubric authorship"))""",
    "career path stages and focus": """c:ml-platform-engineer cg:pathStage ?a, ?b, ?c .
        ?a cg:position 1 ; rdfs:label "Practitioner" ; cg:focus "experiment tracking", "basic CI/CD" .
        ?b cg:position 2 ; rdfs:label "Senior" ; cg:focus "feature stores", "model serving", "A/B testing" .
        ?c cg:position 3 ; rdfs:label "Staff" ; cg:focus "distributed training", "Kubernetes ML", "multi-model serving" .""",
    "portfolio pairings": f"""{LINK} cg:pairsWith s:kubernetes, s:mlflow, s:python, s:gpu-infrastructure""",
    "Noy & Zhang 2023": """src:noy-zhang-2023 a schema:ScholarlyArticle ; dcterms:creator "Shakked Noy", "Whitney Zhang" ;
        cg:venue "Science 381(6654)" ; dcterms:date "2023"^^xsd:gYear ; cg:sampleSize 453 ;
        schema:url <https://www.science.org/doi/10.1126/science.adh2586> ; cg:hasClaim ?c .
        ?c cg:headline "ChatGPT: -40% time, +18% quality (Science, n=453)" ; cg:status "traced" ; cg:finding ?f .
        FILTER(CONTAINS(?f, "40%") && CONTAINS(?f, "18%") && CONTAINS(?f, "pre-registered"))""",
    "Indeed Hiring Lab 2025": """src:indeed-ai-at-work-2025 cg:shortLabel "Indeed Hiring Lab AI at Work 2025" ;
        dcterms:date "2025"^^xsd:gYear ; cg:sampleSize 2900 ; cg:sampleApproximate true ;
        schema:url <https://www.hiringlab.org/2025/09/23/ai-at-work-report-2025-how-genai-is-rewiring-the-dna-of-jobs/> ;
        cg:hasClaim ?c . ?c cg:headline "26% of jobs face high GenAI transformation (Indeed, ~2,900 skills)" ;
        cg:finding ?f . FILTER(CONTAINS(?f, "41%") && CONTAINS(?f, "26%"))""",
    "WEF Future of Jobs 2025": """src:wef-future-of-jobs-2025 cg:shortLabel "World Economic Forum Future of Jobs Report 2025" ;
        dcterms:date "2025"^^xsd:gYear ; schema:url <https://www.weforum.org/reports/the-future-of-jobs-report-2025/> ;
        cg:hasClaim ?c . ?c cg:finding ?f .
        FILTER(CONTAINS(?f, "170 million") && CONTAINS(?f, "92 million") && CONTAINS(?f, "78 million") && CONTAINS(?f, "39%"))""",
    "stat cards on the drilldown": f"""{LINK} cg:claim <http://127.0.0.1:8000/citations/noy-zhang-2023#time-quality>,
        <http://127.0.0.1:8000/citations/indeed-ai-at-work-2025#genai-transformation>,
        <http://127.0.0.1:8000/citations/wef-future-of-jobs-2025#jobs-2030>""",
    "three claims that failed citation tracing": """c:ml-platform-engineer cg:claim ?a, ?b, ?c .
        ?a cg:status "unsourced" ; cg:headline ?ha . FILTER(CONTAINS(LCASE(?ha), "auto-rejection"))
        ?b cg:status "unsourced" ; cg:headline ?hb . FILTER(CONTAINS(?hb, "Cornell"))
        ?c cg:status "unsourced" ; cg:headline ?hc . FILTER(CONTAINS(LCASE(?hc), "neurodivergent"))""",
    "career is in the Career Discovery hub": """c:ml-platform-engineer cg:inHub ?h . ?h rdfs:label "Career Discovery" """,
}


@pytest.mark.parametrize("name", list(FACTS))
def test_example_page_fact_is_in_the_rdf_graph(default_kb, name):
    query = PREFIXES + "ASK {\n" + FACTS[name] + "\n}"
    assert default_kb.rdf.query(query).askAnswer, name


def test_an_absent_fact_is_not_found(default_kb):
    """The ASK machinery can fail: a made-up salary figure is not in the graph."""
    query = PREFIXES + "ASK { ?stage cg:salaryLow ?x }"
    assert not default_kb.rdf.query(query).askAnswer
