"""The one validator: YAML rules and references (load.py), then the SHACL shapes.

`careergraph validate` and every save of the editor call `validate_graph`, so an edit is
held to exactly the rules a hand-edited file is.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .load import load_graph
from .problems import ProblemList
from .rdf import catalogue_to_rdf
from .vocab import Iris


def validate_graph(folder: str | Path, base: str, overlay: Mapping[Path, str | None] | None = None,
                   shacl: bool = True) -> ProblemList:
    """Every problem of the graph in `folder` (with `overlay` applied). SHACL runs only on a
    graph without errors, since the shapes see the RDF that only error-free records make."""
    from .shacl import shacl_problems  # pyshacl is slow to import; only validation needs it

    folder = Path(folder)
    loaded = load_graph(folder, overlay)
    problems = ProblemList(loaded.problems)
    shapes = folder / "shapes.ttl"
    if shacl and not problems.errors and shapes.is_file():
        iris = Iris(base)
        problems += shacl_problems(catalogue_to_rdf(loaded.catalogue, iris), shapes, iris.base)
    return problems
