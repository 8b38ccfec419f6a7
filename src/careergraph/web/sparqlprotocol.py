"""The SPARQL 1.1 Protocol's query operation: what a request asks, or why it is refused.

GET ?query=, POST application/x-www-form-urlencoded (query=) and POST
application/sparql-query (the body is the query). Read-only: any update is refused.
"""
from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from ..formats import GRAPH_FORMATS, RESULT_FORMATS, Format, by_name, negotiate
from ..sparql import UPDATE, SparqlError, query_form, uses_service

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
READ_ONLY = "This endpoint is read-only: it answers SPARQL queries, not updates."
KINDS = {"SELECT": RESULT_FORMATS, "ASK": RESULT_FORMATS, "CONSTRUCT": GRAPH_FORMATS, "DESCRIBE": GRAPH_FORMATS}


@dataclass(frozen=True)
class Operation:
    query: str | None          # None: no query at all (a bare GET asks for the service description)
    formats: tuple[str, ...]   # `format=` values, in order


def read_operation(method: str, mimetype: str, args: MultiDict, form: MultiDict, body: bytes,
                   charset: str | None) -> Operation:
    """What the request asks, or SparqlError(400/403/415) saying why it cannot be answered."""
    if method == "POST" and mimetype == UPDATE_TYPE:
        raise SparqlError(403, READ_ONLY)
    if method == "POST" and mimetype not in (FORM, QUERY):
        raise SparqlError(415, f"Unsupported content type {mimetype or '(none)'}: POST a query as {FORM} "
                               f"(query=...) or as {QUERY} (the query as the body).")
    params = MultiDict(args)
    if method == "POST" and mimetype == FORM:
        params.update(form)
    queries = params.getlist("query")
    if method == "POST" and mimetype == QUERY:
        queries.append(_decode(body, charset))
    if "update" in params:
        if queries:
            raise SparqlError(400, "A request may not carry both a query and an update. " + READ_ONLY)
        raise SparqlError(403, READ_ONLY)
    if len(queries) > 1:
        raise SparqlError(400, "The request carries more than one query; send exactly one.")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise SparqlError(400, "This endpoint has one default graph and no named graphs: leave out "
                               "default-graph-uri and named-graph-uri.")
    if method == "POST" and not queries:
        raise SparqlError(400, "The request carries no query.")
    return Operation(query=queries[0] if queries else None, formats=tuple(params.getlist("format")))


def _decode(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise SparqlError(400, f"The query is not valid {charset or 'UTF-8'} text.") from None


def check_query(text: str) -> str | None:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE; None if the parser must judge), or
    SparqlError for what this endpoint refuses before running anything."""
    if not text.strip():
        raise SparqlError(400, "The query is empty.")
    form = query_form(text)
    if form == UPDATE:
        raise SparqlError(400, "This is an update, not a query. " + READ_ONLY)
    if uses_service(text):
        raise SparqlError(400, "Federated queries (SERVICE) are not available on this endpoint.")
    return form


def _choose(kind: tuple[Format, ...], names: tuple[str, ...], accept: str | None) -> Format | None:
    if names:  # `format=` wins over Accept; clients send several (SPARQLWrapper: "tsv" and a MIME type)
        return next((f for f in (by_name(n, kind) for n in names) if f), None)
    return negotiate(accept, kind)


def choose_formats(form: str | None, names: tuple[str, ...], accept: str | None) -> tuple[Format | None, Format | None]:
    """(results format, graph format) the client takes; 406 if it takes none for this query."""
    results, graph = _choose(RESULT_FORMATS, names, accept), _choose(GRAPH_FORMATS, names, accept)
    wanted = KINDS.get(form)
    if (wanted is RESULT_FORMATS and results is None) or (wanted is GRAPH_FORMATS and graph is None) \
            or (results is None and graph is None):
        offered = ", ".join(f.mime for f in (wanted or RESULT_FORMATS + GRAPH_FORMATS))
        asked = f"format={', '.join(names)}" if names else f"Accept: {accept}"
        raise SparqlError(406, f"Cannot answer this {form or 'query'} as {asked}. Available: {offered}.")
    return results, graph
