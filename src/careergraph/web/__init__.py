"""The Flask app factory. Nothing is built at import time: `create_app()` loads the graph."""
from __future__ import annotations

import gc
from pathlib import Path

from flask import Flask

from ..config import from_environment
from ..views import indefinite
from . import api, auth, changes, edit, errors, explore, headers, pages, sitemap, state
from . import linkeddata, sparql
from . import assess, search, transition

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(PROJECT_ROOT / "templates"),
                static_folder=str(PROJECT_ROOT / "static"), static_url_path="/static")
    app.config.from_mapping(from_environment())
    if config:
        app.config.from_mapping(config)
    app.jinja_env.globals["iri"] = lambda path: app.config["BASE_IRI"].rstrip("/") + "/" + str(path).lstrip("/")
    app.jinja_env.filters["indefinite"] = indefinite
    state.init_app(app)
    errors.init_app(app)
    headers.init_app(app, PROJECT_ROOT)
    app.register_blueprint(pages.bp)
    app.register_blueprint(sitemap.bp)
    app.register_blueprint(explore.bp)
    auth.init_app(app)  # sessions, CSRF on every form, /login and /logout
    app.register_blueprint(edit.bp)
    app.register_blueprint(changes.bp)
    app.register_blueprint(api.bp)
    auth.csrf.exempt(api.bp)  # token-authenticated only: no cookie to forge a request with
    app.register_blueprint(linkeddata.bp)
    app.register_blueprint(sparql.bp)
    auth.csrf.exempt(sparql.bp)  # public, read-only SPARQL Protocol: POST without a session
    app.register_blueprint(search.bp)  # /search, /api/search, /api/suggest
    app.register_blueprint(assess.bp)  # /assessment..., /api/assessment
    app.register_blueprint(transition.bp)  # /transition, /api/transition...
    return app


def prepare_for_workers(app: Flask) -> Flask:
    """Build in the server's master process what each worker would otherwise build on its
    first request: the RDF store analysts' queries run on, and the search index. Workers
    forked afterwards share them (copy-on-write), and so does a worker forked to replace
    one the SPARQL watchdog stopped. Then everything made so far is moved out of the garbage
    collector's sight (gc.freeze, as Python's documentation advises before fork): a worker's
    collections neither walk the millions of loaded objects nor copy the pages they sit on."""
    with app.app_context():
        if not app.config.get("SPARQL_ENDPOINT"):
            state.current_kb().store
        search.search_index()
    gc.freeze()
    return app
