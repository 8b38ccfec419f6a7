"""Project the RDF graph into the internal link graph (a NetworkX MultiDiGraph).

Nodes are entities keyed by their page path ("careers/ml-platform-engineer") with kind,
id, label and summary. Edges are typed links: requires (carrying the career-skill link's
attributes), adjacent-to, neighbour-of, cites and in-hub. Each projection is one SPARQL
query over the Oxigraph store, so the projection stays fast at O*NET scale.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import networkx as nx
import pyoxigraph as ox

from .records import FOLDERS
from .vocab import Iris

RELATIONS = ("requires", "adjacent-to", "neighbour-of", "cites", "in-hub")
PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX cg: <{cg}>
"""
NODE_QUERIES = {  # kind -> (class, summary property)
    "hub": ("cg:Hub", "cg:intro"), "career": ("cg:Career", "schema:description"),
    "skill": ("cg:Skill", "skos:definition"), "citation": ("cg:Citation", "dcterms:title"),
}
EDGE_QUERIES = [  # (relation, query); ?a and ?b are the ends, other variables become edge attributes
    ("in-hub", "SELECT ?a ?b WHERE { ?a cg:inHub ?b }"),
    ("neighbour-of", "SELECT ?a ?b WHERE { ?a cg:neighbourOf ?b }"),
    ("requires", """SELECT ?a ?b ?importance ?salary_impact ?posting_signal ?position WHERE {
        ?link a cg:CareerSkillLink ; cg:career ?a ; cg:skill ?b ; cg:importance ?importance ; cg:position ?position .
        OPTIONAL { ?link cg:salaryImpact ?salary_impact } OPTIONAL { ?link cg:postingSignal ?posting_signal } }"""),
    ("adjacent-to", """SELECT ?a ?b ?weight WHERE { ?a cg:adjacency ?n . ?n cg:adjacentSkill ?b ; cg:position ?p .
        OPTIONAL { ?n cg:weight ?weight } } ORDER BY ?a ?p"""),
    # three plain joins: one UNION with a type filter made Oxigraph scan every claim pair
    ("cites", "SELECT ?a ?b ?claim WHERE { ?a a cg:Career ; cg:claim ?claim . ?claim prov:wasDerivedFrom ?b }"),
    ("cites", "SELECT ?a ?b ?claim WHERE { ?a a cg:Skill ; cg:claim ?claim . ?claim prov:wasDerivedFrom ?b }"),
    ("cites", """SELECT ?a ?b ?claim ?via WHERE {
        ?link cg:claim ?claim ; cg:career ?a ; cg:skill ?via . ?claim prov:wasDerivedFrom ?b }"""),
]
NUMERIC = {"position": int, "weight": float}


def node_key(kind: str, entity_id: str) -> str:
    return f"{FOLDERS[kind]}/{entity_id}"


def _rows(store: ox.Store, query: str) -> tuple[list[str], list[tuple]]:
    """The variables of a SELECT query and the values of each solution (None: unbound)."""
    results = store.query(query)
    return ([v.value for v in results.variables],
            [tuple(None if term is None else term.value for term in row) for row in results])


def build_link_graph(store: ox.Store, iris: Iris) -> nx.MultiDiGraph:
    prefixes = PREFIXES.format(cg=iris.cg)
    node_queries = [f"SELECT ?s ?label ?summary WHERE {{ ?s a {cls} ; rdfs:label ?label . "
                    f"OPTIONAL {{ ?s {summary} ?summary }} }}" for cls, summary in NODE_QUERIES.values()]
    # Two threads run the queries while this one builds the graph from the answers before
    # them: pyoxigraph evaluates without holding the GIL, so on two cores the queries overlap
    # each other and the Python work.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="projection") as pool:
        node_answers = [pool.submit(_rows, store, prefixes + q) for q in node_queries]
        edge_answers = [pool.submit(_rows, store, prefixes + q) for _, q in EDGE_QUERIES]
        g = nx.MultiDiGraph()
        keys: dict[str, str] = {}
        for kind, answer in zip(NODE_QUERIES, node_answers):
            for iri, label, summary in answer.result()[1]:
                entity_id = iri[len(iris.base):].split("/", 1)[1]
                keys[iri] = node_key(kind, entity_id)
                g.add_node(keys[iri], kind=kind, id=entity_id, label=label, summary=summary)
        for (relation, _), answer in zip(EDGE_QUERIES, edge_answers):
            names, rows = answer.result()
            columns = [(i, name, NUMERIC.get(name, str)) for i, name in enumerate(names)][2:]
            edges = []
            for row in rows:
                a, b = keys.get(row[0]), keys.get(row[1])
                if a is None or b is None:
                    continue
                attrs = {"relation": relation}
                for i, name, convert in columns:
                    if row[i] is not None:
                        attrs[name] = convert(row[i])
                if "via" in attrs:
                    attrs["via"] = attrs["via"].rsplit("/", 1)[1]
                if "claim" in attrs:
                    attrs["claim"] = attrs["claim"].rsplit("#", 1)[1]
                edges.append((a, b, attrs))
            g.add_edges_from(edges)
    return g
