"""RDF layer: the description of one entity, as its IRI answers it in Turtle, JSON-LD or
N-Triples. It is the entity's own triples plus those of its fragment nodes (`{iri}#...`:
path stages, hub sections, claims, `cg:sequence` nodes and their cells, adjacencies), i.e.
what its page says. Other entities it links to (skills, career-skill links, cited claims)
describe themselves at their own IRIs.
"""
from __future__ import annotations

from rdflib import Graph, URIRef


def entity_description(graph: Graph, iri: URIRef) -> Graph:
    """Triples about `iri` and its own fragment nodes; an empty graph for an unknown IRI."""
    out = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    own = str(iri) + "#"
    todo, seen = [iri], {iri}
    while todo:  # fragment nodes hang off the entity (stage, section, sequence, cell, ...)
        subject = todo.pop()
        for predicate, obj in graph.predicate_objects(subject):
            out.add((subject, predicate, obj))
            if isinstance(obj, URIRef) and obj not in seen and str(obj).startswith(own):
                seen.add(obj)
                todo.append(obj)
    return out
