"""/sparql over HTTP on a real server (gunicorn), in both modes: the built-in engine
(pyoxigraph in the web worker, under the watchdog) and an external Oxigraph server reached with
`--sparql-endpoint`. Clients: SPARQLWrapper in every format, rdflib's SPARQLStore, raw HTTP.
Every answer is parsed and compared with the same query run by rdflib on the graph itself."""
import json
import urllib.parse
from xml.dom.minidom import Document

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from .conftest import GRAPH
from .sparqlcompare import ASKS, CONSTRUCTS, DESCRIBE, SELECTS, assert_same, expected, normal, parse_answer, q
from .sparqlsrv import MODES, http, sparql_site

MAX_ROWS = 2000
SD_SERVICE = URIRef("http://www.w3.org/ns/sparql-service-description#Service")
BASE = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module", params=MODES)
def site(request, tmp_path_factory):
    with sparql_site(request.param, GRAPH, tmp_path_factory.mktemp(request.param), max_rows=MAX_ROWS) as url:
        yield url


@pytest.fixture
def endpoint(site):
    return site + "/sparql"


def wrapper_answer(endpoint, query, fmt, method):
    """Run a query with SPARQLWrapper; its converted answer as bytes with a MIME type, or a Graph."""
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    result = sw.query()
    try:
        mime = result.info()["content-type"]
        data = result.convert()
    finally:
        result.response.close()
    if isinstance(data, dict):
        return json.dumps(data).encode(), "application/sparql-results+json"
    if isinstance(data, Document):
        return data.toxml().encode(), "application/sparql-results+xml"
    if isinstance(data, Graph):
        return data
    return data, mime


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_every_results_format(endpoint, default_kb, fmt, method):
    for text in SELECTS:
        body, mime = wrapper_answer(endpoint, q(text), fmt, method)
        assert_same(body, mime, default_kb.rdf, q(text))


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(endpoint, fmt):
    for text, answer in ASKS.items():
        body, mime = wrapper_answer(endpoint, q(text), fmt, GET)
        assert parse_answer(body, mime) is answer


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_construct_and_describe_in_every_graph_format(endpoint, default_kb, fmt):
    for text in CONSTRUCTS + [DESCRIBE]:
        answer = wrapper_answer(endpoint, q(text), fmt, GET)
        graph = answer if isinstance(answer, Graph) else parse_answer(*answer)
        want = expected(default_kb.rdf, q(text))
        assert len(graph) == len(want) > 0 and isomorphic(graph, want), (fmt, text)


@pytest.mark.parametrize("accept", ["application/n-triples", "text/turtle", "application/ld+json",
                                    "application/rdf+xml"])
def test_construct_by_accept_header(endpoint, default_kb, accept):
    text = q(CONSTRUCTS[0])
    status, headers, body = http(endpoint + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": accept})
    assert status == 200 and headers.get_content_type() == accept
    assert_same(body, accept, default_kb.rdf, text)


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
@pytest.mark.parametrize("return_format", ["xml", "json"])
def test_rdflib_sparqlstore(endpoint, default_kb, method, return_format):
    graph = Graph(SPARQLStore(endpoint, method=method, returnFormat=return_format))
    try:
        for text in SELECTS:
            got = graph.query(q(text))
            want = default_kb.rdf.query(q(text))
            assert [str(v) for v in got.vars] == [str(v) for v in want.vars]
            rows = lambda result: sorted((tuple(map(normal, row)) for row in result), key=repr)  # noqa: E731
            assert rows(got) == rows(want)
        for text, answer in ASKS.items():
            assert graph.query(q(text)).askAnswer is answer
        mlops = URIRef(BASE + "skills/mlops")
        triples = lambda g: {(s, p, normal(o)) for s, p, o in g.triples((mlops, None, None))}  # noqa: E731
        assert triples(graph) == triples(default_kb.rdf)
    finally:
        graph.close()


def test_post_sparql_query_body_and_format_parameter(endpoint, default_kb):
    text = q(SELECTS[0])
    status, headers, body = http(endpoint + "?format=tsv", data=text.encode("utf-8"), headers={
        "Content-Type": "application/sparql-query; charset=utf-8", "Accept": "application/sparql-results+json"})
    assert status == 200 and headers.get_content_type() == "text/tab-separated-values"  # format= wins
    assert_same(body, "text/tab-separated-values", default_kb.rdf, text)


def test_bare_get_answers_a_service_description(site):
    status, headers, body = http(site + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers.get_content_type() == "text/turtle"
    description = Graph().parse(data=body, format="turtle")
    assert (URIRef(BASE + "sparql"), RDF.type, SD_SERVICE) in description
    status, headers, _ = http(site + "/sparql", headers={"Accept": "*/*"})
    assert status == 200 and headers.get_content_type() == "text/turtle"


def test_bare_get_from_a_browser_goes_to_the_editor(site):
    status, headers, _ = http(site + "/sparql", headers={
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert status == 303 and headers["Location"].endswith("/query")


def _refused(url, status, words, **kwargs):
    got, headers, body = http(url, **kwargs)
    text = body.decode()
    assert got == status, text
    assert headers.get_content_type() == "text/plain" and words.lower() in text.lower(), text
    assert headers["Access-Control-Allow-Origin"] == "*"
    return text


ASK = "ASK { ?s ?p ?o }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_two_query_parameters_are_400(endpoint):
    two = urllib.parse.urlencode([("query", ASK), ("query", ASK)])
    _refused(f"{endpoint}?{two}", 400, "more than one query")
    _refused(endpoint, 400, "more than one query", data=two.encode(), headers=FORM)
    _refused(f"{endpoint}?{urllib.parse.urlencode({'query': ASK})}", 400, "more than one query",
             data=ASK.encode(), headers={"Content-Type": "application/sparql-query"})


def test_query_and_update_together_are_400(endpoint):
    both = urllib.parse.urlencode({"query": ASK, "update": "INSERT DATA { <a:b> <a:b> <a:b> }"})
    _refused(endpoint, 400, "both a query and an update", data=both.encode(), headers=FORM)


def test_updates_are_refused(endpoint):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    _refused(endpoint, 403, "read-only", data=urllib.parse.urlencode({"update": update}).encode(), headers=FORM)
    _refused(endpoint, 403, "read-only", data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    _refused(f"{endpoint}?{urllib.parse.urlencode({'query': update})}", 400, "read-only")


def test_unsupported_content_type_is_415(endpoint):
    _refused(endpoint, 415, "unsupported content type", data=json.dumps({"query": ASK}).encode(),
             headers={"Content-Type": "application/json"})


def test_unsatisfiable_accept_is_406(endpoint):
    select = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
    construct = urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"})
    _refused(f"{endpoint}?{select}", 406, "cannot answer", headers={"Accept": "text/turtle"})
    _refused(f"{endpoint}?{construct}", 406, "cannot answer", headers={"Accept": "text/csv"})
    _refused(f"{endpoint}?{select}", 406, "cannot answer", headers={"Accept": "image/png"})
    _refused(f"{endpoint}?{construct}&format=csv", 406, "format=csv")


def test_malformed_query_is_400_with_the_parsers_message(endpoint):
    text = _refused(f"{endpoint}?{urllib.parse.urlencode({'query': 'SELECT ?x WHERE { ?x ?y }'})}", 400, "error at")
    assert "1:" in text and "Traceback" not in text


def test_named_graphs_and_federation_are_refused_clearly(endpoint):
    base = urllib.parse.urlencode({"query": ASK, "default-graph-uri": BASE + "graph"})
    _refused(f"{endpoint}?{base}", 400, "no named graphs")
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    _refused(f"{endpoint}?{urllib.parse.urlencode({'query': service})}", 400, "SERVICE")


def test_result_size_cap(endpoint):
    everything = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    _refused(f"{endpoint}?{everything}", 422, f"more than {MAX_ROWS:,} rows")
    graph = urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    _refused(f"{endpoint}?{graph}", 422, "LIMIT and OFFSET")


def test_cors_for_browser_clients(endpoint):
    status, headers, _ = http(endpoint, method="OPTIONS", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"] and "Content-Type" in headers["Access-Control-Allow-Headers"]
    status, headers, _ = http(f"{endpoint}?{urllib.parse.urlencode({'query': ASK})}", headers={"Origin": "http://x"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


def test_security_headers_and_no_misleading_etag(endpoint, request):
    url = f"{endpoint}?{urllib.parse.urlencode({'query': q(SELECTS[0])})}"
    _, as_json, _ = http(url, headers={"Accept": "application/sparql-results+json"})
    _, as_csv, _ = http(url, headers={"Accept": "text/csv"})
    for headers in (as_json, as_csv):
        assert "script-src 'self'" in headers["Content-Security-Policy"] and "Accept" in headers["Vary"]
    if "external" in request.node.callspec.id:
        # another store answers: its data may lag the graph version, so no version ETag
        assert as_json["ETag"] is None and "no-store" in as_json["Cache-Control"]
    else:  # one URL, two representations: two validators
        assert as_json["ETag"] and as_csv["ETag"] and as_json["ETag"] != as_csv["ETag"]
        status, _, _ = http(url, headers={"Accept": "text/csv", "If-None-Match": as_csv["ETag"]})
        assert status == 304
