"""Linked Data: every entity IRI answers HTML (its page), Turtle, JSON-LD or N-Triples by
Accept, and by suffix (/careers/x.ttl); whole-graph dumps; VoID; the vocabulary.

Negotiation happens before the page view runs: a request for an entity page whose Accept
prefers RDF is answered here, so browsers (whose */* ranks below text/html) keep the page.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for

from ..describe import entity_description
from ..dumps import dump, gzipped_dump
from ..formats import BY_KEY, DOCUMENT_FORMATS, HTML, negotiate
from ..gallery import vocabulary_prefixes
from ..ontology import has_ontology, ontology_terms, ontology_turtle
from ..versioncache import per_version
from ..void import void_description
from .rdfresponse import CORS, rdf_response
from .state import current_kb

bp = Blueprint("linkeddata", __name__)
SUFFIX = "<any(ttl, nt, jsonld):ext>"
NEGOTIATED = (HTML, *DOCUMENT_FORMATS)  # HTML first: `*/*` gets the page
# page endpoint -> (kind, its IRI's URL rule, how the view's arguments name the entity)
ENTITY_PAGES = {
    "pages.hub": ("hub", "/hubs/<hub_id>", lambda a: a["hub_id"]),
    "pages.career": ("career", "/careers/<career_id>", lambda a: a["career_id"]),
    "pages.drilldown": ("link", "/careers/<career_id>/skills/<skill_id>", lambda a: (a["career_id"], a["skill_id"])),
    "pages.skill": ("skill", "/skills/<skill_id>", lambda a: a["skill_id"]),
    "pages.citation": ("citation", "/citations/<citation_id>", lambda a: a["citation_id"]),
}


def _iri(kb, kind: str, ref):
    """The entity's IRI, or None when the graph has no such entity."""
    if kind == "link":
        return kb.iris.link(*ref) if kb.link(*ref) else None
    return kb.iris.entity(kind, ref) if getattr(kb, kind)(ref) else None


def not_acceptable(formats) -> Response:
    return Response("Available: " + ", ".join(f.mime for f in formats) + ".\n", 406, mimetype="text/plain")


def entity_response(kind: str, ref, fmt):
    kb = current_kb()
    iri = _iri(kb, kind, ref)
    if iri is None:
        return Response(f"No such {kind}.\n", 404, mimetype="text/plain", headers=CORS)
    return rdf_response(entity_description(kb.rdf, iri), fmt, vocabulary_prefixes(kb.iris))


@bp.before_app_request
def negotiate_entity():
    """An entity IRI asked for as RDF: answer before the HTML page view runs."""
    page = ENTITY_PAGES.get(request.endpoint)
    if page is None or request.method not in ("GET", "HEAD"):
        return None
    fmt = negotiate(request.headers.get("Accept"), NEGOTIATED)
    if fmt is HTML:
        return None
    if fmt is None:
        return not_acceptable(NEGOTIATED)
    kind, _, ref = page
    response = entity_response(kind, ref(request.view_args), fmt)
    response.headers["Content-Location"] = f"{request.path}.{fmt.key}"
    return response


@bp.after_app_request
def vary_on_accept(response: Response) -> Response:
    if request.endpoint in ENTITY_PAGES:  # one IRI, several representations
        response.vary.add("Accept")
    return response


@bp.app_context_processor
def alternates():
    """<link rel="alternate"> from an entity page to its RDF (base.html renders them)."""
    if request.endpoint not in ENTITY_PAGES:
        return {}
    return {"alternates": [(f.mime, f"{request.path}.{f.key}") for f in DOCUMENT_FORMATS]}


def _by_suffix(kind: str, ref):
    def view(ext, **ids):
        return entity_response(kind, ref(ids), BY_KEY[ext])
    return view


for _kind, _rule, _ref in ENTITY_PAGES.values():  # /careers/x.ttl, /skills/y.jsonld, ...
    bp.add_url_rule(f"{_rule}.{SUFFIX}", f"{_kind}_rdf", _by_suffix(_kind, _ref))


@bp.get(f"/dump.{SUFFIX}")
def graph_dump(ext):
    """The whole graph; gzip-encoded when the client accepts it (Accept-Encoding)."""
    kb, fmt = current_kb(), BY_KEY[ext]
    response = Response(mimetype=fmt.mime, headers=CORS)
    if request.accept_encodings["gzip"]:
        response.set_data(gzipped_dump(kb, ext))
        response.content_encoding = "gzip"
    else:
        response.set_data(dump(kb, ext))
    response.vary.add("Accept-Encoding")
    return response


@bp.get(f"/dump.{SUFFIX}.gz")
def graph_dump_gz(ext):
    """The same dump as a .gz file, for tools that do not send Accept-Encoding (wget, curl)."""
    return Response(gzipped_dump(current_kb(), ext), mimetype="application/gzip", headers={
        **CORS, "Content-Disposition": f'attachment; filename="careergraph.{ext}.gz"'})


@bp.get("/.well-known/void")
def void():
    kb = current_kb()
    fmt = negotiate(request.headers.get("Accept"), DOCUMENT_FORMATS)
    if fmt is None:
        return not_acceptable(DOCUMENT_FORMATS)
    response = rdf_response(per_version(kb, "void", lambda: void_description(kb)), fmt, vocabulary_prefixes(kb.iris))
    response.vary.add("Accept")
    return response


def _kb_with_vocabulary():
    kb = current_kb()
    if not has_ontology(kb.folder):
        abort(404, description="This graph has no vocabulary file (ontology.ttl).")
    return kb


@bp.get("/ontology")
def ontology():
    """The vocabulary's page: its IRIs are {base}ontology#Term, so each term is an anchor here."""
    kb = _kb_with_vocabulary()
    fmt = negotiate(request.headers.get("Accept"), (HTML, BY_KEY["ttl"]))
    if fmt is None:
        abort(406)
    if fmt is HTML:
        terms = per_version(kb, "ontology-terms", lambda: ontology_terms(kb.folder, kb.iris.base))
        page = {"title": "The careergraph vocabulary", "canonical": url_for(".ontology"), "breadcrumbs": [],
                "description": "Every class and property of the careergraph vocabulary, with its label and comment."}
        response = Response(render_template(
            "ontology.html", page=page, terms=terms, namespace=f"{kb.iris.base}ontology#",
            alternates=[("text/turtle", url_for(".ontology_ttl"))]))
    else:
        response = ontology_ttl()
    response.vary.add("Accept")
    return response


@bp.get("/ontology.ttl")
def ontology_ttl():
    kb = _kb_with_vocabulary()
    body = per_version(kb, "ontology.ttl", lambda: ontology_turtle(kb.folder, kb.iris.base))
    return Response(body, mimetype="text/turtle", headers=CORS)

