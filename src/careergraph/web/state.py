"""Holds the loaded knowledge base for the app; every request reads one whole version."""
from __future__ import annotations

from flask import Flask, current_app

from ..kb import KnowledgeBase


def init_app(app: Flask) -> None:
    kb = KnowledgeBase.load(app.config["GRAPH_DIR"], app.config["BASE_IRI"])
    if kb.problems.errors:
        raise RuntimeError(f"{app.config['GRAPH_DIR']} has {len(kb.problems.errors)} error(s); "
                           "run `careergraph validate`")
    app.extensions["careergraph"] = kb


def current_kb() -> KnowledgeBase:
    return current_app.extensions["careergraph"]
