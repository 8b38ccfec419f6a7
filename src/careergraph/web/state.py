"""Holds the loaded knowledge base and its views; every request reads one whole version.

Writers (the editor) move the graph version on by rewriting a small marker file in the
instance folder after a save. Each worker process checks the marker's mtime at most every
RELOAD_CHECK_SECONDS and, when it changed, loads the new version and swaps it in as a whole;
a request pins the state it started with, so no request ever sees half an edit.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, g

from ..kb import KnowledgeBase
from ..views import Views

RELOAD_CHECK_SECONDS = 0.25
MARKER = "graph-version"


@dataclass(frozen=True)
class GraphState:
    kb: KnowledgeBase
    views: Views


class StateHolder:
    def __init__(self, app: Flask):
        self.graph_dir = app.config["GRAPH_DIR"]
        self.base = app.config["BASE_IRI"]
        self.marker = Path(app.config["INSTANCE_DIR"]) / MARKER
        self._lock = threading.Lock()
        self._checked_at = 0.0
        self._marker_mtime = self._read_marker()
        self.state = self._load()

    def _read_marker(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.marker)
        except FileNotFoundError:
            return None
        return info.st_ino, info.st_mtime_ns  # each replace makes a new inode: two saves in one tick differ

    def _load(self) -> GraphState:
        kb = KnowledgeBase.load(self.graph_dir, self.base)
        if kb.problems.errors:
            raise RuntimeError(f"{self.graph_dir} has {len(kb.problems.errors)} error(s); "
                               "run `careergraph validate`")
        return GraphState(kb, Views(kb))

    def current(self) -> GraphState:
        now = time.monotonic()
        if now - self._checked_at >= RELOAD_CHECK_SECONDS:
            self._checked_at = now
            mtime = self._read_marker()
            if mtime != self._marker_mtime:
                with self._lock:
                    if mtime != self._marker_mtime:
                        self.state = self._load()  # build fully, then swap in one assignment
                        self._marker_mtime = mtime
        return self.state

    def reload_now(self) -> GraphState:
        with self._lock:
            self._marker_mtime = self._read_marker()
            self.state = self._load()
        return self.state


def touch_marker(instance_dir: str | os.PathLike, version: str) -> None:
    """Tell every worker process that the graph moved on (atomic replace of the marker)."""
    folder = Path(instance_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{MARKER}.{os.getpid()}.tmp"
    tmp.write_text(version + "\n")
    os.replace(tmp, folder / MARKER)


def init_app(app: Flask) -> None:
    app.extensions["careergraph"] = StateHolder(app)


def current_state() -> GraphState:
    if "graph_state" not in g:
        g.graph_state = current_app.extensions["careergraph"].current()
    return g.graph_state


def current_kb() -> KnowledgeBase:
    return current_state().kb


def current_views() -> Views:
    return current_state().views
