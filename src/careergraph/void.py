"""RDF descriptions of the dataset (VoID, at /.well-known/void) and of the SPARQL endpoint
(SPARQL 1.1 Service Description, what a bare GET /sparql answers)."""
from __future__ import annotations

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from .formats import DOCUMENT_FORMATS, FORMATS
from .rdf import bind_prefixes
from .vocab import SCHEMA

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
W3C_FORMATS = Namespace("http://www.w3.org/ns/formats/")


def dataset_iri(base: str) -> URIRef:
    return URIRef(f"{base}.well-known/void#careergraph")


def _graph(kb) -> Graph:
    g = Graph(bind_namespaces="core")
    bind_prefixes(g, kb.iris)
    g.bind("void", VOID)
    g.bind("sd", SD)
    return g


def void_description(kb) -> Graph:
    base, cg = kb.iris.base, kb.iris.cg
    g, ds = _graph(kb), dataset_iri(kb.iris.base)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("careergraph")))
    g.add((ds, DCTERMS.description, Literal(
        "Careers, skills, career-skill links, research citations and the claims drawn from them.")))
    g.add((ds, VOID.triples, Literal(len(kb.rdf), datatype=XSD.integer)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    for fmt in DOCUMENT_FORMATS:
        g.add((ds, VOID.dataDump, URIRef(f"{base}dump.{fmt.key}")))
    g.add((ds, VOID.uriSpace, Literal(base)))
    for vocabulary in (URIRef(str(cg)), URIRef(str(SCHEMA)), URIRef(str(SKOS)), URIRef(str(DCTERMS)),
                       URIRef(str(PROV))):
        g.add((ds, VOID.vocabulary, vocabulary))
    for cls in (cg.Hub, cg.Career, cg.CareerSkillLink, cg.Skill, cg.Citation, cg.Claim):
        partition = URIRef(f"{ds}-{cls.rsplit('#', 1)[-1]}")
        g.add((ds, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, Literal(len(set(kb.rdf.subjects(RDF.type, cls))), datatype=XSD.integer)))
    first_hub = next(iter(kb.catalogue.hubs), None)
    if first_hub:
        g.add((ds, VOID.rootResource, kb.iris.hub(first_hub)))
    return g


def service_description(kb, timeout: float, max_rows: int) -> Graph:
    g, endpoint = _graph(kb), URIRef(f"{kb.iris.base}sparql")
    ds = dataset_iri(kb.iris.base)
    g.add((endpoint, RDF.type, SD.Service))
    g.add((endpoint, SD.endpoint, endpoint))
    g.add((endpoint, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in FORMATS:
        if fmt.spec:
            g.add((endpoint, SD.resultFormat, W3C_FORMATS[fmt.spec]))
    g.add((endpoint, SD.defaultDataset, ds))
    g.add((ds, RDF.type, SD.Dataset))
    g.add((ds, SD.defaultGraph, URIRef(f"{ds}-graph")))
    g.add((URIRef(f"{ds}-graph"), RDF.type, SD.Graph))
    g.add((URIRef(f"{ds}-graph"), VOID.triples, Literal(len(kb.rdf), datatype=XSD.integer)))
    g.add((endpoint, DCTERMS.description, Literal(
        f"Read-only SPARQL 1.1 query endpoint over one default graph (no named graphs, no SERVICE). "
        f"A query stops after {timeout:g} s; an answer holds at most {max_rows:,} rows or triples. "
        f"Query editor and examples: {kb.iris.base}query")))
    return g
