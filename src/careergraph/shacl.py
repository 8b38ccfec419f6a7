"""Run graph/shapes.ttl over the RDF graph with pyshacl; results become Problems."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Namespace

from .problems import Problem
from .rdf import memory_graph

SH = Namespace("http://www.w3.org/ns/shacl#")


def load_turtle(path: Path, base: str) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle", publicID=base)
    return graph


def shacl_problems(data: Graph, shapes_file: Path, base: str) -> list[Problem]:
    import pyshacl  # imported here: it is slow to import and only `validate` needs it

    shapes = load_turtle(shapes_file, base)
    conforms, report, _ = pyshacl.validate(memory_graph(data), shacl_graph=shapes, inference="none", advanced=False)
    if conforms:
        return []
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = "error" if report.value(result, SH.resultSeverity) == SH.Violation else "warning"
        short_path = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path is not None else "?"
        out.append(Problem(f"<{focus}>", 0, 0, severity, f"SHACL: {short_path}: {message}"))
    return sorted(out)
