import shutil
from pathlib import Path

import pytest

from careergraph.kb import KnowledgeBase
from careergraph.web import create_app

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "graph"
TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture(scope="session")
def default_kb() -> KnowledgeBase:
    return KnowledgeBase.load(GRAPH)


@pytest.fixture(scope="session")
def tiny_kb() -> KnowledgeBase:
    return KnowledgeBase.load(TINY)


@pytest.fixture
def graph_copy(tmp_path) -> Path:
    """A writable copy of the tiny fixture graph, to break in a test."""
    target = tmp_path / "graph"
    shutil.copytree(TINY, target)
    return target


@pytest.fixture(scope="session")
def app():
    return create_app({"GRAPH_DIR": str(GRAPH), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def tiny_app():
    return create_app({"GRAPH_DIR": str(TINY), "TESTING": True})


@pytest.fixture
def tiny_client(tiny_app):
    return tiny_app.test_client()
