"""The Flask app factory. Nothing is built at import time: `create_app()` loads the graph."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from ..config import from_environment
from . import errors, pages, state

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(PROJECT_ROOT / "templates"),
                static_folder=str(PROJECT_ROOT / "static"), static_url_path="/static")
    app.config.from_mapping(from_environment())
    if config:
        app.config.from_mapping(config)
    state.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    return app
