"""Project the RDF graph into the internal link graph (a NetworkX MultiDiGraph).

Nodes are entities keyed by their page path ("careers/ml-platform-engineer") with kind,
id, label and summary. Edges are typed links: requires (carrying the career-skill link's
attributes), adjacent-to, neighbour-of, cites and in-hub.
"""
from __future__ import annotations

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from .records import FOLDERS
from .vocab import SCHEMA, Iris

RELATIONS = ("requires", "adjacent-to", "neighbour-of", "cites", "in-hub")


def node_key(kind: str, entity_id: str) -> str:
    return f"{FOLDERS[kind]}/{entity_id}"


def _value(graph: Graph, s, p):
    v = graph.value(s, p)
    return v.toPython() if isinstance(v, Literal) else v


def build_link_graph(graph: Graph, iris: Iris) -> nx.MultiDiGraph:
    cg = iris.cg
    g = nx.MultiDiGraph()
    summaries = {cg.Hub: cg.intro, cg.Career: SCHEMA.description, cg.Skill: SKOS.definition,
                 cg.Citation: DCTERMS.title}
    for cls, summary_prop in summaries.items():
        for s in graph.subjects(RDF.type, cls):
            kind, entity_id = iris.parse(str(s))
            g.add_node(node_key(kind, entity_id), kind=kind, id=entity_id,
                       label=_value(graph, s, RDFS.label), summary=_value(graph, s, summary_prop))

    def key(iri) -> str | None:
        parsed = iris.parse(str(iri))
        k = parsed and node_key(*parsed) if parsed and parsed[0] in FOLDERS else None
        return k if k in g else None

    for career, hub in graph.subject_objects(cg.inHub):
        if key(career) and key(hub):
            g.add_edge(key(career), key(hub), relation="in-hub")
    for a, b in graph.subject_objects(cg.neighbourOf):
        if key(a) and key(b):
            g.add_edge(key(a), key(b), relation="neighbour-of")
    for link in graph.subjects(RDF.type, cg.CareerSkillLink):
        career, skill = key(graph.value(link, cg.career)), key(graph.value(link, cg.skill))
        if not (career and skill):
            continue
        attrs = {name: _value(graph, link, prop) for name, prop in (
            ("importance", cg.importance), ("salary_impact", cg.salaryImpact),
            ("posting_signal", cg.postingSignal), ("position", cg.position))}
        g.add_edge(career, skill, relation="requires", **{k: v for k, v in attrs.items() if v is not None})
        for claim in graph.objects(link, cg.claim):
            citation = key(graph.value(claim, PROV.wasDerivedFrom))
            if citation:
                g.add_edge(career, citation, relation="cites", claim=str(claim).rsplit("#", 1)[1],
                           via=skill.split("/", 1)[1])
    for adjacency in graph.subjects(RDF.type, cg.Adjacency):
        skill_iri = str(adjacency).split("#", 1)[0]
        a, b = key(skill_iri), key(graph.value(adjacency, cg.adjacentSkill))
        if a and b:
            weight = _value(graph, adjacency, cg.weight)
            g.add_edge(a, b, relation="adjacent-to", **({"weight": weight} if weight is not None else {}))
    for entity, claim in graph.subject_objects(cg.claim):
        source = key(entity)
        citation = key(graph.value(claim, PROV.wasDerivedFrom))
        if source and citation:
            g.add_edge(source, citation, relation="cites", claim=str(claim).rsplit("#", 1)[1])
    return g
