"""/sparql, the SPARQL 1.1 Protocol endpoint (query operation), and /query, the query
editor with its saved queries.

Errors are plain text with the reason (the parser's message for a malformed query); a
query past the time limit is answered 503, a result past the row cap 422. Every answer
carries CORS headers, so notebooks and web pages elsewhere can query.
"""
from __future__ import annotations

import atexit
import socket
from http import HTTPStatus
from typing import Callable

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from ..formats import BY_KEY, HTML, negotiate
from ..gallery import DEFAULT_QUERY, prefixes, saved_queries, saved_query, vocabulary_prefixes, with_prologue
from ..sparql import LocalEngine, QueryJob, SparqlError
from ..sparql_remote import RemoteEngine
from ..versioncache import per_version
from ..void import service_description
from .headers import CSP
from .rdfresponse import CORS, rdf_response
from .sparqlprotocol import FORM, QUERY, check_query, choose_formats, read_operation
from .state import current_kb

bp = Blueprint("sparql", __name__)
ENGINE = "careergraph.sparql"
MAX_QUERY_BYTES = 1 << 20
DESCRIPTION_FORMATS = tuple(BY_KEY[k] for k in ("ttl", "html", "nt", "jsonld", "rdf"))
PREFLIGHT = {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
             "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "86400"}


@bp.record_once
def _make_engine(state) -> None:
    app = state.app
    url = app.config.get("SPARQL_ENDPOINT")
    engine = RemoteEngine(url) if url else LocalEngine(int(app.config["SPARQL_MEMORY_MB"]))
    app.extensions[ENGINE] = engine
    atexit.register(engine.close)  # do not leave a worker behind a stopping web process


@bp.errorhandler(SparqlError)
def sparql_error(exc: SparqlError):
    return Response(exc.message + "\n", exc.status, mimetype="text/plain")


@bp.after_request
def protocol_headers(response: Response) -> Response:
    if request.endpoint == "sparql.endpoint":
        response.headers.update(CORS)
        response.vary.add("Accept")
        if current_app.config.get("SPARQL_ENDPOINT"):
            # answered by another store, whose data may lag the graph version: no version ETag
            response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":
        return Response(status=204, headers={**CORS, **PREFLIGHT})
    request.max_content_length = MAX_QUERY_BYTES
    mimetype = request.mimetype
    operation = read_operation(
        request.method, mimetype, request.args, request.form if mimetype == FORM else MultiDict(),
        request.get_data() if mimetype == QUERY else b"", request.mimetype_params.get("charset"))
    if operation.query is None:
        return describe_service()
    form = check_query(operation.query)
    results, graph = choose_formats(form, operation.formats, request.headers.get("Accept"))
    kb, config = current_kb(), current_app.config
    job = QueryJob(operation.query, results and results.mime, graph and graph.mime,
                   int(config["SPARQL_MAX_ROWS"]), prefixes(kb.iris))
    answer = current_app.extensions[ENGINE].run(kb, job, float(config["SPARQL_TIMEOUT"]),
                                                respond=_last_words(request.environ))
    response = Response(answer.body)
    response.content_type = answer.mime if ";" in answer.mime else _with_charset(answer.mime)
    return response


def _last_words(environ: dict) -> Callable[[SparqlError], None] | None:
    """How the engine's watchdog answers the client before it kills this process to stop a
    query; None unless this process serves this request alone (a gunicorn sync worker)."""
    client = environ.get("gunicorn.socket")
    if not isinstance(client, socket.socket) or environ.get("wsgi.multithread"):
        return None
    with_body = environ.get("REQUEST_METHOD") != "HEAD"

    def respond(error: SparqlError) -> None:
        client.sendall(raw_response(error, with_body))
        client.shutdown(socket.SHUT_WR)
    return respond


def raw_response(error: SparqlError, with_body: bool = True) -> bytes:
    """The error as a whole HTTP/1.1 response, as `sparql_error` above would answer it."""
    body = (error.message + "\n").encode()
    head = [f"HTTP/1.1 {error.status} {HTTPStatus(error.status).phrase}",
            "Content-Type: text/plain; charset=utf-8", f"Content-Length: {len(body)}", "Connection: close",
            "Cache-Control: no-store", "Vary: Accept", *(f"{k}: {v}" for k, v in CORS.items()),
            f"Content-Security-Policy: {CSP}", "X-Content-Type-Options: nosniff"]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (body if with_body else b"")


def _with_charset(mime: str) -> str:
    return f"{mime}; charset=utf-8" if mime.startswith("text/") else mime


def describe_service():
    """A bare GET: the SPARQL 1.1 Service Description, or the query editor for a browser."""
    fmt = negotiate(request.headers.get("Accept"), DESCRIPTION_FORMATS)
    if fmt is None:
        raise SparqlError(406, "The service description is available as "
                               + ", ".join(f.mime for f in DESCRIPTION_FORMATS) + ".")
    if fmt is HTML:
        return redirect(url_for("sparql.editor"), 303)
    kb, config = current_kb(), current_app.config
    limits = float(config["SPARQL_TIMEOUT"]), int(config["SPARQL_MAX_ROWS"])
    graph = per_version(kb, f"service-description-{limits}", lambda: service_description(kb, *limits))
    return rdf_response(graph, fmt, vocabulary_prefixes(kb.iris))


@bp.get("/query")
def editor():
    kb = current_kb()
    declared = prefixes(kb.iris)
    chosen = None
    if "example" in request.args:
        chosen = saved_query(request.args["example"])
        if chosen is None:
            abort(404, description="There is no saved query with that name.")
    examples = [{"id": q.id, "title": q.title, "question": q.question, "url": url_for(".editor", example=q.id)}
                for q in saved_queries()]
    page = {"title": chosen.title if chosen else "SPARQL query editor",
            "description": "Query the careergraph knowledge graph with SPARQL: an editor, saved analyst "
                           "questions, and the endpoint any SPARQL 1.1 client can use.",
            "canonical": url_for(".editor", example=chosen.id) if chosen else url_for(".editor"),
            "breadcrumbs": []}
    return render_template("query.html", page=page, examples=examples, chosen=chosen, prefixes=declared,
                           query=with_prologue(chosen.body if chosen else DEFAULT_QUERY, declared),
                           endpoint=url_for(".endpoint"), timeout=current_app.config["SPARQL_TIMEOUT"],
                           max_rows=current_app.config["SPARQL_MAX_ROWS"])
