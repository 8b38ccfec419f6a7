"""The one table of formats: MIME types <-> rdflib names, file suffixes and `format=` names,
and content negotiation (HTTP Accept with q-values).

pyoxigraph formats are not listed: `RdfFormat.from_media_type(mime)` and
`QueryResultsFormat.from_media_type(mime)` derive them from the MIME type.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

RESULTS, GRAPH, PAGE = "results", "graph", "page"  # SELECT/ASK, CONSTRUCT/DESCRIBE/RDF documents, HTML


@dataclass(frozen=True)
class Format:
    key: str                  # short name: file suffix and the first `format=` name
    mime: str                 # the MIME type we answer with
    kind: str                 # RESULTS, GRAPH or PAGE
    rdflib: str | None        # rdflib serializer/parser (graph) or result parser (results) name
    aliases: tuple[str, ...] = ()   # other MIME types clients ask for it by
    names: tuple[str, ...] = ()     # other `format=` parameter values
    spec: str | None = None         # its IRI under http://www.w3.org/ns/formats/ (service description)


FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", RESULTS, "json",
           ("application/json", "text/javascript", "application/javascript"), spec="SPARQL_Results_JSON"),
    Format("xml", "application/sparql-results+xml", RESULTS, "xml", ("application/xml", "text/xml"),
           spec="SPARQL_Results_XML"),
    Format("csv", "text/csv", RESULTS, "csv", spec="SPARQL_Results_CSV"),
    Format("tsv", "text/tab-separated-values", RESULTS, "tsv", spec="SPARQL_Results_TSV"),
    Format("ttl", "text/turtle", GRAPH, "turtle", ("application/turtle", "application/x-turtle"),
           ("turtle", "n3"), spec="Turtle"),  # Turtle is N3: SPARQLWrapper asks for format=n3
    Format("nt", "application/n-triples", GRAPH, "nt", ("text/plain",), ("ntriples", "n-triples"),
           spec="N-Triples"),
    Format("jsonld", "application/ld+json", GRAPH, "json-ld", ("application/x-json+ld", "application/json"),
           ("json-ld", "json"), spec="JSON-LD"),
    Format("rdf", "application/rdf+xml", GRAPH, "xml", ("application/xml", "text/xml"),
           ("rdfxml", "rdf+xml", "xml"), spec="RDF_XML"),
    Format("html", "text/html", PAGE, None, ("application/xhtml+xml",)),
)

BY_KEY = {f.key: f for f in FORMATS}
RESULT_FORMATS = tuple(f for f in FORMATS if f.kind == RESULTS)
GRAPH_FORMATS = tuple(f for f in FORMATS if f.kind == GRAPH)
HTML = BY_KEY["html"]
# What an entity IRI, a dump and the VoID description answer with (the four, HTML first).
DOCUMENT_FORMATS = tuple(BY_KEY[k] for k in ("ttl", "nt", "jsonld"))


def by_mime(mime: str, formats: Iterable[Format] = FORMATS) -> Format | None:
    mime = mime.split(";", 1)[0].strip().lower()
    return next((f for f in formats if mime == f.mime or mime in f.aliases), None)


def by_name(name: str, formats: Iterable[Format] = FORMATS) -> Format | None:
    """A `format=` value: a short name (json, ttl, n3, ...) or a MIME type."""
    name = name.strip().lower()
    if "/" in name:
        return by_mime(name, formats)
    return next((f for f in formats if name == f.key or name in f.names), None)


# --- Accept ------------------------------------------------------------------------------------

def parse_accept(header: str) -> list[tuple[str, float]]:
    """[(media range, q)] of an Accept header; malformed q-values count as 0."""
    ranges = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _match(mime: str, ranges: list[tuple[str, float]]) -> tuple[int, float]:
    """(specificity, q) of the most specific range that matches (RFC 9110 12.5.1):
    exact 2 > type/* 1 > */* 0; (-1, 0) when none does."""
    kind = mime.split("/", 1)[0]
    best = (-1, 0.0)
    for media, q in ranges:
        level = 2 if media == mime else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if level > best[0]:
            best = (level, q)
    return best


def negotiate(accept: str | None, offered: Sequence[Format]) -> Format | None:
    """The offered format the client prefers, or None when it accepts none of them (406).

    A format's quality comes from the most specific range matching its MIME type or an
    alias (so `text/html;q=0, */*` refuses HTML); ties go to the earlier offer, so `*/*`
    (or no Accept header at all) gets the first one.
    """
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for fmt in offered:
        q = max(_match(m, ranges) for m in (fmt.mime, *fmt.aliases))[1]
        if q > best_q:
            best, best_q = fmt, q
    return best
