"""Holds the loaded knowledge base and its views; every request reads one whole version."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from ..kb import KnowledgeBase
from ..views import Views


@dataclass(frozen=True)
class GraphState:
    kb: KnowledgeBase
    views: Views


def init_app(app: Flask) -> None:
    kb = KnowledgeBase.load(app.config["GRAPH_DIR"], app.config["BASE_IRI"])
    if kb.problems.errors:
        raise RuntimeError(f"{app.config['GRAPH_DIR']} has {len(kb.problems.errors)} error(s); "
                           "run `careergraph validate`")
    app.extensions["careergraph"] = GraphState(kb, Views(kb))


def current_state() -> GraphState:
    return current_app.extensions["careergraph"]


def current_kb() -> KnowledgeBase:
    return current_state().kb


def current_views() -> Views:
    return current_state().views
