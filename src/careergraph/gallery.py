"""Saved analyst queries (queries/*.rq) and the prefixes the editor pre-declares.

Each .rq file starts with `# title:` and `# question:` lines; its id (the permalink
/query?example=ID) is the file name. The files leave out PREFIX lines: the base IRI is
configurable, so `with_prologue` declares the prefixes a query uses for this site's base.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .rdf import bind_prefixes
from .sparql import prefixes_used
from .vocab import Iris

FOLDER = Path(__file__).with_name("queries")
DEFAULT_QUERY = """SELECT ?career ?name ?demand WHERE {
  ?career a cg:Career ; rdfs:label ?name .
  OPTIONAL { ?career cg:demand ?demand }
}
ORDER BY ?name
"""


@dataclass(frozen=True)
class SavedQuery:
    id: str
    title: str
    question: str
    body: str  # without PREFIX lines


def vocabulary_prefixes(iris: Iris) -> dict[str, str]:
    """The prefixes of the RDF mapping (cg, schema, skos, dcterms, prov, rdf, rdfs, owl, xsd)."""
    return dict(_prefixes(iris.base, folders=False))


def prefixes(iris: Iris) -> dict[str, str]:
    """The vocabulary prefixes plus one per entity folder (career:ml-platform-engineer)."""
    return dict(_prefixes(iris.base, folders=True))


@lru_cache(maxsize=16)  # asked on every SPARQL request
def _prefixes(base: str, folders: bool) -> tuple[tuple[str, str], ...]:
    iris = Iris(base)
    graph = Graph(bind_namespaces="core")
    bind_prefixes(graph, iris)
    out = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix != "xml"}
    if folders:
        out.update({"hub": str(iris.hub("")), "career": str(iris.career("")), "skill": str(iris.skill("")),
                    "citation": str(iris.citation(""))})
    return tuple(sorted(out.items()))


def with_prologue(body: str, declared: dict[str, str]) -> str:
    """PREFIX lines for the prefixes `body` uses, then the body."""
    used = [p for p in declared if p in prefixes_used(body)]
    return "".join(f"PREFIX {p}: <{declared[p]}>\n" for p in used) + body


def _parse(path: Path) -> SavedQuery:
    header, lines = {}, path.read_text(encoding="utf-8").splitlines()
    while lines and (match := re.match(r"#\s*(\w+):\s*(.*)", lines[0])):
        header[match.group(1)] = match.group(2).strip()
        lines.pop(0)
    return SavedQuery(id=path.stem, title=header["title"], question=header.get("question", ""),
                      body="\n".join(lines).strip() + "\n")


@lru_cache(maxsize=1)
def saved_queries() -> tuple[SavedQuery, ...]:
    return tuple(_parse(p) for p in sorted(FOLDER.glob("*.rq")))


def saved_query(query_id: str) -> SavedQuery | None:
    return next((q for q in saved_queries() if q.id == query_id), None)
