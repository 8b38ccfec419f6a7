"""Linked Data: entity IRIs by Accept and by suffix, dumps (gzip on request), VoID, the vocabulary."""
import gzip

import pytest
from bs4 import BeautifulSoup
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDFS, XSD

from careergraph.describe import entity_description

from .conftest import GRAPH
from .sparqlcompare import normal_graph

BASE = "http://127.0.0.1:8000/"
CG = Namespace(BASE + "ontology#")
VOID = Namespace("http://rdfs.org/ns/void#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}
SUFFIXES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}
ENTITIES = [  # path, class
    ("/hubs/career-discovery", CG.Hub), ("/careers/ml-platform-engineer", CG.Career),
    ("/careers/ml-platform-engineer/skills/mlops", CG.CareerSkillLink), ("/skills/mlops", CG.Skill),
    ("/citations/noy-zhang-2023", CG.Citation)]
UNKNOWN = ["/hubs/nope", "/careers/nope", "/careers/ml-platform-engineer/skills/nope", "/careers/nope/skills/mlops",
           "/skills/nope", "/citations/nope"]


def parse(response, mime=None) -> Graph:
    return Graph().parse(data=response.get_data(), format=RDF_TYPES[mime or response.mimetype])


@pytest.mark.parametrize("path, cls", ENTITIES)
@pytest.mark.parametrize("accept", list(RDF_TYPES))
def test_entity_iri_answers_rdf_by_accept(client, default_kb, path, cls, accept):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    assert "Accept" in response.vary and response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Content-Location"] == f"{path}.{ {v: k for k, v in SUFFIXES.items()}[accept]}"
    graph = parse(response)
    iri = URIRef(BASE + path.lstrip("/"))
    assert (iri, RDF.type, cls) in graph
    assert isomorphic(normal_graph(graph), normal_graph(entity_description(default_kb.rdf, iri)))


@pytest.mark.parametrize("path, cls", ENTITIES)
@pytest.mark.parametrize("suffix", list(SUFFIXES))
def test_entity_iri_answers_rdf_by_suffix(client, path, cls, suffix):
    response = client.get(f"{path}.{suffix}")
    assert response.status_code == 200 and response.mimetype == SUFFIXES[suffix]
    assert (URIRef(BASE + path.lstrip("/")), RDF.type, cls) in parse(response)


@pytest.mark.parametrize("path, _", ENTITIES)
@pytest.mark.parametrize("accept", [BROWSER, "*/*", None, "text/turtle;q=0.5, text/html"])
def test_browsers_get_the_page(client, path, _, accept):
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == "text/html" and "Accept" in response.vary
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    alternates = {link["type"]: link["href"] for link in soup.select("link[rel=alternate]")}
    assert alternates == {mime: f"{path}.{suffix}" for suffix, mime in SUFFIXES.items()}


def test_q_values_choose_between_rdf_formats(client):
    response = client.get("/skills/mlops", headers={"Accept": "text/turtle;q=0.5, application/ld+json;q=0.8, "
                                                                "text/html;q=0.1"})
    assert response.mimetype == "application/ld+json"
    assert client.get("/skills/mlops", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("path", UNKNOWN)
def test_unknown_entities_are_404_in_every_format(client, path):
    assert client.get(path).status_code == 404
    for mime in RDF_TYPES:
        assert client.get(path, headers={"Accept": mime}).status_code == 404, (path, mime)
    for suffix in SUFFIXES:
        assert client.get(f"{path}.{suffix}").status_code == 404, (path, suffix)


def test_each_representation_has_its_own_etag(client):
    html = client.get("/careers/data-scientist")
    turtle = client.get("/careers/data-scientist", headers={"Accept": "text/turtle"})
    assert html.headers["ETag"] != turtle.headers["ETag"]
    again = client.get("/careers/data-scientist", headers={"Accept": "text/turtle", "If-None-Match": turtle.headers["ETag"]})
    assert again.status_code == 304
    other = client.get("/careers/data-scientist", headers={"If-None-Match": turtle.headers["ETag"]})
    assert other.status_code == 200 and other.mimetype == "text/html"


def test_description_holds_the_entity_and_its_fragment_nodes_only(default_kb):
    career = default_kb.iris.career("ml-platform-engineer")
    described = entity_description(default_kb.rdf, career)
    subjects = {str(s) for s in described.subjects()}
    assert str(career) in subjects and f"{career}#stage-1" in subjects
    assert any("#seq-" in s for s in subjects)
    assert all(s == str(career) or s.startswith(f"{career}#") for s in subjects)  # not the links' own triples
    assert (career, CG.requires, default_kb.iris.skill("mlops")) in described
    citation = default_kb.iris.citation("noy-zhang-2023")
    claim = URIRef(f"{citation}#time-quality")
    assert (claim, RDF.type, CG.Claim) in entity_description(default_kb.rdf, citation)
    hub = entity_description(default_kb.rdf, default_kb.iris.hub("career-discovery"))
    assert (URIRef(f"{default_kb.iris.hub('career-discovery')}#section-1"), RDF.type, CG.HubSection) in hub
    assert len(entity_description(default_kb.rdf, default_kb.iris.career("nope"))) == 0


def test_hostile_names_survive_as_rdf(tiny_client):
    for suffix, mime in SUFFIXES.items():
        response = tiny_client.get(f"/careers/hostile-career.{suffix}")
        names = [str(o) for o in parse(response, mime).objects(None, RDFS.label)]
        assert "<script>alert(1)</script> Engineer \"quoted\" 'single'" in names


@pytest.mark.parametrize("suffix", list(SUFFIXES))
def test_dumps_with_gzip_on_request(client, default_kb, suffix):
    plain = client.get(f"/dump.{suffix}")
    assert plain.status_code == 200 and plain.mimetype == SUFFIXES[suffix] and "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.vary
    zipped = client.get(f"/dump.{suffix}", headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip" and zipped.headers["ETag"] != plain.headers["ETag"]
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    assert client.get(f"/dump.{suffix}", headers={"Accept-Encoding": "gzip;q=0"}).headers.get("Content-Encoding") is None
    download = client.get(f"/dump.{suffix}.gz")
    assert download.mimetype == "application/gzip" and gzip.decompress(download.get_data()) == plain.get_data()
    graph = parse(plain)
    assert len(graph) == len(default_kb.rdf)


def test_void_describes_the_dataset(client, default_kb):
    response = client.get("/.well-known/void")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    void = parse(response)
    dataset = next(void.subjects(RDF.type, VOID.Dataset))
    assert void.value(dataset, VOID.triples) == Literal(len(default_kb.rdf), datatype=XSD.integer)
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    assert set(void.objects(dataset, VOID.dataDump)) == {URIRef(f"{BASE}dump.{s}") for s in SUFFIXES}
    assert str(void.value(dataset, VOID.uriSpace)) == BASE
    assert {str(CG), "https://schema.org/", "http://www.w3.org/2004/02/skos/core#"} <= {
        str(v) for v in void.objects(dataset, VOID.vocabulary)}
    partitions = {void.value(p, VOID["class"]): void.value(p, VOID.entities).toPython()
                  for p in void.objects(dataset, VOID.classPartition)}
    assert partitions[CG.Career] == len(default_kb.catalogue.careers)
    assert client.get("/.well-known/void", headers={"Accept": "application/ld+json"}).mimetype == "application/ld+json"


def _ontology_terms():
    graph = Graph().parse(data=f"@base <{BASE}> .\n" + (GRAPH / "ontology.ttl").read_text(), format="turtle")
    classes = {str(s) for s in graph.subjects(RDF.type, OWL.Class)} | {str(s) for s in graph.subjects(RDF.type, RDFS.Class)}
    properties = {str(s) for s in graph.subjects(RDF.type, RDF.Property)}
    return graph, classes, properties


def test_ontology_page_documents_every_class_and_property(client):
    graph, classes, properties = _ontology_terms()
    soup = BeautifulSoup(client.get("/ontology").get_data(as_text=True), "html.parser")
    for iri in classes | properties:
        name = iri.split("#", 1)[1]
        entry = soup.find(id=name)
        assert entry is not None, name
        text = entry.get_text(" ")
        assert str(graph.value(URIRef(iri), RDFS.label)) in text and str(graph.value(URIRef(iri), RDFS.comment)) in text
    assert len(soup.select("article.term")) == len(classes | properties)
    assert soup.find("link", rel="alternate")["href"] == "/ontology.ttl"


def test_ontology_turtle_resolves_against_the_base(client):
    response = client.get("/ontology.ttl")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    served = parse(response)
    assert (CG.Career, RDFS.label, Literal("Career")) in served
    assert isomorphic(served, _ontology_terms()[0])
    negotiated = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert negotiated.mimetype == "text/turtle" and negotiated.get_data() == response.get_data()


def test_a_graph_without_a_vocabulary_file_is_described_by_the_projects(tiny_client, client):
    # the terms the RDF uses come from the code, so a fixture or import folder without its own
    # ontology.ttl still documents them (and /query's links to /ontology never break)
    assert tiny_client.get("/ontology").status_code == 200
    assert tiny_client.get("/ontology.ttl").get_data() == client.get("/ontology.ttl").get_data()
