"""Parse a SPARQL answer in any of our formats and compare it with rdflib on the graph itself."""
import io

from rdflib import XSD, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.query import Result

from careergraph.formats import GRAPH, RESULTS, by_mime

# Queries with every kind of term: IRIs, plain and typed literals (integer, gYear, boolean,
# string), unbound values (OPTIONAL), aggregates; CONSTRUCT and DESCRIBE; ASK both ways.
SELECTS = [
    "SELECT ?career ?name WHERE { ?career a cg:Career ; rdfs:label ?name }",
    "SELECT ?c ?year ?size ?approx WHERE { ?c a cg:Citation . OPTIONAL { ?c dcterms:date ?year } "
    "OPTIONAL { ?c cg:sampleSize ?size } OPTIONAL { ?c cg:sampleApproximate ?approx } }",
    "SELECT ?skill (COUNT(?career) AS ?n) WHERE { ?career cg:requires ?skill } GROUP BY ?skill ORDER BY DESC(?n) ?skill",
    "SELECT ?claim ?finding WHERE { ?claim a cg:Claim ; cg:finding ?finding ; cg:status ?s FILTER(?s != \"traced\") }",
]
CONSTRUCTS = [
    "CONSTRUCT { ?a cg:requires ?b . ?b rdfs:label ?l } WHERE { ?a cg:requires ?b . ?b rdfs:label ?l . "
    "?a rdfs:label \"Data Scientist\" }",
    "CONSTRUCT WHERE { <http://127.0.0.1:8000/citations/noy-zhang-2023> ?p ?o }",
]
DESCRIBE = "DESCRIBE <http://127.0.0.1:8000/skills/mlops>"
ASKS = {"ASK { ?c cg:requires <http://127.0.0.1:8000/skills/mlops> }": True,
        "ASK { ?c cg:requires <http://127.0.0.1:8000/skills/no-such-skill> }": False}
PROLOGUE = ("PREFIX cg: <http://127.0.0.1:8000/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX dcterms: <http://purl.org/dc/terms/>\n")


def q(text: str) -> str:
    return PROLOGUE + text


def normal(term):
    """RDF 1.1: "x" and "x"^^xsd:string are one term; rdflib keeps them apart."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def normal_graph(graph: Graph) -> Graph:
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, normal(o)))
    return out


def _rows(result, as_text: bool):
    def term(t):
        if as_text:  # CSV keeps lexical forms only
            return "" if t is None else str(t)
        return normal(t)
    return sorted((tuple(term(t) for t in row) for row in result), key=repr)


def expected(graph: Graph, query: str, as_text: bool = False):
    result = graph.query(query)
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return normal_graph(result.graph)
    return [str(v) for v in result.vars], _rows(result, as_text)


def parse_answer(body: bytes, mime: str):
    """(variables, rows), a bool, or a Graph."""
    fmt = by_mime(mime)
    assert fmt is not None, mime
    if fmt.kind == GRAPH:
        return normal_graph(Graph().parse(data=body, format=fmt.rdflib))
    assert fmt.kind == RESULTS
    result = Result.parse(io.BytesIO(body), format=fmt.rdflib)
    if result.type == "ASK":
        return bool(result.askAnswer)
    return [str(v) for v in result.vars], _rows(result, fmt.key == "csv")


def assert_same(body: bytes, mime: str, graph: Graph, query: str):
    got = parse_answer(body, mime)
    want = expected(graph, query, as_text=by_mime(mime).key == "csv")
    if isinstance(want, Graph):
        assert isinstance(got, Graph) and len(got) == len(want) and isomorphic(got, want), mime
    else:
        assert got == want, mime
