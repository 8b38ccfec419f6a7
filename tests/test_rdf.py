"""YAML → records → RDF → records, exports, the vocabulary and the shapes."""
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from careergraph.export import export
from careergraph.rdf import catalogue_from_rdf, catalogue_to_rdf
from careergraph.shacl import load_turtle, shacl_problems
from careergraph.vocab import Iris

from .conftest import GRAPH


@pytest.mark.parametrize("kb_name", ["default_kb", "tiny_kb"])
def test_yaml_rdf_records_round_trip(request, kb_name):
    kb = request.getfixturevalue(kb_name)
    back = catalogue_from_rdf(kb.rdf, kb.iris)
    for kind in ("hubs", "careers", "skills", "citations"):
        assert getattr(back, kind) == getattr(kb.catalogue, kind), kind


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_parses_back_into_the_same_triples(tiny_kb, default_kb, fmt, parser):
    for kb in (tiny_kb, default_kb):
        parsed = Graph().parse(data=export(kb, fmt), format=parser)
        assert not any(isinstance(t, BNode) for triple in kb.rdf for t in triple)
        assert set(parsed) == set(kb.rdf)


def test_round_trip_survives_another_base(tiny_kb):
    iris = Iris("https://careers.example.org/kb/")
    rdf = catalogue_to_rdf(tiny_kb.catalogue, iris)
    assert URIRef("https://careers.example.org/kb/careers/hostile-career") in set(rdf.subjects())
    assert catalogue_from_rdf(rdf, iris).careers == tiny_kb.catalogue.careers


def test_every_vocabulary_term_used_is_declared_with_label_and_comment(default_kb, tiny_kb):
    ontology = load_turtle(GRAPH / "ontology.ttl", default_kb.iris.base)
    cg = str(default_kb.iris.cg)
    for kb in (default_kb, tiny_kb):
        used = {t for triple in kb.rdf for t in (triple[1], triple[2])
                if isinstance(t, URIRef) and str(t).startswith(cg)}
        used |= {o for o in kb.rdf.objects(None, RDF.type) if str(o).startswith(cg)}
        for term in used:
            assert ontology.value(term, RDFS.label) is not None, term
            assert ontology.value(term, RDFS.comment) is not None, term


def test_shapes_accept_the_graphs_and_catch_a_broken_one(default_kb, tiny_kb):
    assert shacl_problems(default_kb.rdf, GRAPH / "shapes.ttl", default_kb.iris.base) == []
    assert shacl_problems(tiny_kb.rdf, GRAPH / "shapes.ttl", tiny_kb.iris.base) == []
    broken = Graph() + tiny_kb.rdf
    career = tiny_kb.iris.career("plain-career")
    broken.remove((career, None, None))
    broken.add((career, RDF.type, tiny_kb.iris.cg.Career))
    broken.add((career, tiny_kb.iris.cg.demand, Literal("enormous")))
    messages = [p.message for p in shacl_problems(broken, GRAPH / "shapes.ttl", tiny_kb.iris.base)]
    assert any("name" in m for m in messages)
    assert any("demand" in m for m in messages)


def test_link_graph_projection_has_typed_edges_and_the_cycle(tiny_kb):
    g = tiny_kb.links
    relations = {(u, v, d["relation"]) for u, v, d in g.edges(data=True)}
    assert ("careers/hostile-career", "skills/skill-a", "requires") in relations
    assert ("skills/skill-a", "skills/skill-b", "adjacent-to") in relations
    assert ("skills/skill-b", "skills/skill-a", "adjacent-to") in relations
    assert ("careers/hostile-career", "hubs/odd-hub", "in-hub") in relations
    assert ("careers/cafe-career", "careers/plain-career", "neighbour-of") in relations
    assert ("careers/hostile-career", "citations/tiny-source", "cites") in relations
    requires = [d for u, v, d in g.edges(data=True) if (u, v) == ("careers/hostile-career", "skills/skill-a")]
    assert requires[0]["importance"] == "core" and requires[0]["salary_impact"] == "medium"
    assert g.nodes["careers/cafe-career"]["label"] == "Café Ångström Analyst 数据"


def test_mapping_and_loading_together_equals_one_after_the_other(default_kb):
    from careergraph.rdf import _Writer, catalogue_to_ntriples, catalogue_to_store, rdf_store

    iris = default_kb.iris
    _Writer.BATCH, batch = 50, _Writer.BATCH  # many batches, each loaded by the second thread
    try:
        ntriples, store = catalogue_to_store(default_kb.catalogue, iris)
    finally:
        _Writer.BATCH = batch
    assert ntriples == catalogue_to_ntriples(default_kb.catalogue, iris)
    assert set(store) == set(rdf_store(ntriples)) and len(store) == ntriples.count(b"\n")
