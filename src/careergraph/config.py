"""Settings, each declared once with its default, environment variable and help."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .vocab import DEFAULT_BASE


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: object
    help: str


SETTINGS = [
    Setting("GRAPH_DIR", "CAREERGRAPH_GRAPH", "graph", "the knowledge-base folder (YAML, ontology, shapes)"),
    Setting("BASE_IRI", "CAREERGRAPH_BASE", DEFAULT_BASE, "base of every entity IRI; pages live at these IRIs"),
    Setting("INSTANCE_DIR", "CAREERGRAPH_INSTANCE", "instance", "secret key, accounts and journal (never in git)"),
]


def from_environment() -> dict:
    return {s.name: os.environ.get(s.env, s.default) for s in SETTINGS}
