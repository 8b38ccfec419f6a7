"""An rdflib Graph as an HTTP response in one of the formats of the table."""
from __future__ import annotations

from flask import Response
from rdflib import Graph

from ..formats import Format

CORS = {"Access-Control-Allow-Origin": "*"}  # public data: any web page may read it


def serialize(graph: Graph, fmt: Format, context: dict[str, str]) -> bytes:
    if fmt.key == "jsonld":  # compact, with an inline context: parsers need no network
        data = graph.serialize(format="json-ld", context=context, auto_compact=True)
    else:
        data = graph.serialize(format=fmt.rdflib)
    return data.encode("utf-8") if isinstance(data, str) else data


def rdf_response(graph: Graph, fmt: Format, context: dict[str, str]) -> Response:
    response = Response(serialize(graph, fmt, context), mimetype=fmt.mime)
    response.headers.update(CORS)
    return response
