"""The vocabulary (graph/ontology.ttl): raw Turtle resolved against the base, and the list
of its classes and properties that /ontology documents.

ontology.ttl uses relative IRIs (`cg: <ontology#>`) so the vocabulary lives at
`{base}ontology#` beside the entities; an `@base` line makes the raw file resolve there.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

FILE = "ontology.ttl"
# the vocabulary is the code's as much as the data's: a graph folder without its own copy
# (a test fixture, an import written elsewhere) is described by the project's
PROJECT_ONTOLOGY = Path(__file__).resolve().parents[2] / "graph" / FILE


def ontology_file(folder: Path) -> Path:
    own = Path(folder) / FILE
    return own if own.is_file() else PROJECT_ONTOLOGY


def has_ontology(folder: Path) -> bool:
    return ontology_file(folder).is_file()


def ontology_turtle(folder: Path, base: str) -> bytes:
    """graph/ontology.ttl as it is (comments kept), with `@base` so relative IRIs resolve."""
    text = ontology_file(folder).read_text(encoding="utf-8")
    return f"@base <{base}> .\n{text}".encode("utf-8")


def ontology_graph(folder: Path, base: str) -> Graph:
    graph = Graph()
    graph.parse(data=ontology_turtle(folder, base), format="turtle")
    return graph


def terms_query() -> str:
    """Every class and property with its label, comment, domain, range and superclasses."""
    return """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?term ?kind ?type ?label ?comment ?domain ?range ?super WHERE {
  { ?term a owl:Class BIND("class" AS ?kind) }
  UNION { ?term a rdfs:Class FILTER NOT EXISTS { ?term a owl:Class } BIND("class" AS ?kind) }
  UNION { ?term a rdf:Property BIND("property" AS ?kind)
          OPTIONAL { ?term a ?type FILTER(?type IN (owl:ObjectProperty, owl:DatatypeProperty)) } }
  OPTIONAL { ?term rdfs:label ?label }
  OPTIONAL { ?term rdfs:comment ?comment }
  OPTIONAL { ?term rdfs:domain ?domain }
  OPTIONAL { ?term rdfs:range ?range }
  OPTIONAL { ?term rdfs:subClassOf ?super }
}"""


def shape_terms(rows, vocabulary: str) -> dict[str, list[dict]]:
    """Rows of terms_query() -> {"classes": [...], "properties": [...]}, one dict per term of
    the vocabulary (`{base}ontology#`), sorted by name; several domains etc. are collected."""
    terms: dict[str, dict] = {}
    for row in rows:
        iri = str(row.term)
        if not iri.startswith(vocabulary):
            continue
        term = terms.setdefault(iri, {
            "iri": iri, "name": iri[len(vocabulary):], "kind": str(row.kind), "type": None,
            "label": None, "comment": None, "domain": set(), "range": set(), "super": set()})
        if row.type is not None:
            term["type"] = str(row.type).rsplit("#", 1)[-1].removesuffix("Property").lower()
        for key in ("label", "comment"):
            if row[key] is not None:
                term[key] = str(row[key])
        for key in ("domain", "range", "super"):
            if row[key] is not None:
                term[key].add(str(row[key]))
    shaped = {"classes": [], "properties": []}
    for term in sorted(terms.values(), key=lambda t: t["name"].lower()):
        for key in ("domain", "range", "super"):
            term[key] = sorted(term[key])
        shaped["classes" if term["kind"] == "class" else "properties"].append(term)
    return shaped


def ontology_terms(folder: Path, base: str) -> dict[str, list[dict]]:
    return shape_terms(ontology_graph(folder, base).query(terms_query()), f"{base}ontology#")
