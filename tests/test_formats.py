"""The one table of formats and content negotiation (Accept with q-values)."""
import pytest

from careergraph.formats import (BY_KEY, DOCUMENT_FORMATS, FORMATS, GRAPH_FORMATS, HTML, RESULT_FORMATS, by_mime,
                                 by_name, negotiate, parse_accept)

ENTITY = (HTML, *DOCUMENT_FORMATS)
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def test_table_has_unique_keys_mime_types_and_a_kind_each():
    assert len({f.key for f in FORMATS}) == len(FORMATS)
    assert len({f.mime for f in FORMATS}) == len(FORMATS)
    assert {f.kind for f in FORMATS} == {"results", "graph", "page"}
    assert [f.key for f in DOCUMENT_FORMATS] == ["ttl", "nt", "jsonld"]


def test_every_rdf_format_is_known_to_rdflib_and_pyoxigraph():
    import pyoxigraph as ox
    from rdflib.plugin import Serializer, get

    for fmt in GRAPH_FORMATS:
        assert get(fmt.rdflib, Serializer) is not None
        assert ox.RdfFormat.from_media_type(fmt.mime) is not None, fmt
    for fmt in RESULT_FORMATS:
        assert ox.QueryResultsFormat.from_media_type(fmt.mime) is not None, fmt


def test_parse_accept_reads_q_values_and_ignores_other_parameters():
    assert parse_accept("text/turtle;charset=utf-8, application/ld+json;q=0.5, */*;q=x") == [
        ("text/turtle", 1.0), ("application/ld+json", 0.5), ("*/*", 0.0)]
    assert parse_accept(" , TEXT/HTML ;Q=0.3") == [("text/html", 0.3)]


@pytest.mark.parametrize("accept, expected", [
    (None, "html"), ("", "html"), ("*/*", "html"),                      # the page is the default
    (BROWSER, "html"),                                                  # browsers get the page
    ("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
    ("text/html;q=0.5, text/turtle", "ttl"),                            # q-values decide
    ("text/turtle;q=0.4, application/ld+json;q=0.9", "jsonld"),
    ("text/*;q=0.9, application/n-triples", "nt"),
    ("text/html;q=0, */*", "ttl"),                                      # q=0 refuses even with */*
    ("application/x-turtle", "ttl"), ("text/plain", "nt"),              # aliases
    ("image/png", None), ("text/turtle;q=0", None),                     # nothing acceptable: 406
])
def test_negotiate_an_entity_iri(accept, expected):
    chosen = negotiate(accept, ENTITY)
    assert (chosen.key if chosen else None) == expected


@pytest.mark.parametrize("accept, expected", [
    ("application/sparql-results+json,application/json,text/javascript,application/javascript", "json"),
    ("application/sparql-results+xml", "xml"), ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
    ("application/json", "json"), ("application/xml", "xml"), ("*/*", "json"),
    ("text/turtle", None),
])
def test_negotiate_sparql_results(accept, expected):
    chosen = negotiate(accept, RESULT_FORMATS)
    assert (chosen.key if chosen else None) == expected


def test_format_names_depend_on_the_kind_of_answer():
    assert by_name("xml", RESULT_FORMATS).key == "xml" and by_name("xml", GRAPH_FORMATS).key == "rdf"
    assert by_name("json", RESULT_FORMATS).key == "json" and by_name("json", GRAPH_FORMATS).key == "jsonld"
    assert by_name("n3", GRAPH_FORMATS).key == "ttl" and by_name("turtle").key == "ttl"
    assert by_name("text/tab-separated-values").key == "tsv" and by_name("csv", GRAPH_FORMATS) is None
    assert by_name("nonsense") is None


def test_by_mime_ignores_parameters_and_case():
    assert by_mime("Text/Turtle; charset=UTF-8") is BY_KEY["ttl"]
    assert by_mime("application/x-json+ld") is BY_KEY["jsonld"]
    assert by_mime("image/png") is None
