"""Public pages: home, hubs, careers, all skills for a career, drilldowns, skills, citations."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, url_for

from .. import viz
from ..jsonld import dumps_for_html, page_jsonld
from .state import current_kb, current_views

bp = Blueprint("pages", __name__)


PICTURED = {"hub": "hubs", "career": "careers", "skill": "skills", "citation": "citations"}


def render_page(template: str, kind: str, view: dict | None, **extra):
    if view is None:
        abort(404)
    kb = current_kb()
    if kind in PICTURED:  # every entity page embeds a picture of its neighbourhood
        extra.update(picture_src=f"/api/graph/{PICTURED[kind]}/{view['id']}", picture_kinds=viz.KIND_STYLE,
                     picture_relations=viz.RELATION_STYLE)
    iri = lambda path: kb.iris.base + path.lstrip("/")  # noqa: E731 - tiny local helper
    return render_template(template, page=view, jsonld=dumps_for_html(page_jsonld(kind, view, iri)), **extra)


@bp.get("/")
def home():
    return render_page("home.html", "home", current_views().home())


@bp.get("/hubs/<hub_id>")
def hub(hub_id):
    return render_page("hub.html", "hub", current_views().hub(hub_id))


@bp.get("/careers/<career_id>")
def career(career_id):
    return render_page("career.html", "career", current_views().career(career_id))


@bp.get("/careers/<career_id>/skills")
def career_skills(career_id):
    sort = request.args.get("sort", "importance")
    if sort not in ("importance", "name"):
        abort(400, description="sort must be 'importance' or 'name'.")
    return render_page("career_skills.html", "career-skills", current_views().career_skills(career_id, sort))


@bp.get("/careers/<career_id>/skills/<skill_id>")
def drilldown(career_id, skill_id):
    # the assessment blueprint may not be registered (its issue builds it); link only when it is
    assessment = (url_for("assess.career", career_id=career_id)
                  if "assess.career" in current_app.view_functions else None)
    return render_page("drilldown.html", "drilldown", current_views().drilldown(career_id, skill_id),
                       assessment_url=assessment)


@bp.get("/skills")
def skills_index():
    return render_page("skills_index.html", "skills", current_views().skills_index())


@bp.get("/skills/<skill_id>")
def skill(skill_id):
    return render_page("skill.html", "skill", current_views().skill(skill_id))


@bp.get("/citations")
def citations_index():
    return render_page("citations_index.html", "citations", current_views().citations_index())


@bp.get("/citations/<citation_id>")
def citation(citation_id):
    return render_page("citation.html", "citation", current_views().citation(citation_id))
