"""Public pages: home, hubs, careers, all skills for a career, drilldowns, skills, citations."""
from __future__ import annotations

import threading
from collections import OrderedDict

from flask import Blueprint, abort, current_app, render_template, request, url_for

from .. import viz
from ..jsonld import dumps_for_html, page_jsonld
from .state import current_kb, current_views

bp = Blueprint("pages", __name__)


# kind -> (folder of its picture's data, the picture's heading): base.html embeds the picture
PICTURED = {"hub": ("hubs", "{} as a picture"), "career": ("careers", "{} and its neighbourhood"),
            "skill": ("skills", "{} and its neighbourhood"), "citation": ("citations", "Where {} is cited")}


CACHED_KINDS = {"home", "hub", "career", "career-skills", "drilldown", "skill", "citation", "skills", "citations"}
PAGE_CACHE_SIZE = 2000  # rendered pages kept per worker (about 20 KB each)


class PageCache:
    """Rendered HTML of catalogue pages, least recently used out, keyed by graph version and URL:
    a page's bytes depend on nothing else (no per-visitor content), so a new version is a new key."""

    def __init__(self, size: int):
        self.size, self.pages = size, OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key, render):
        with self._lock:
            if key in self.pages:
                self.pages.move_to_end(key)
                return self.pages[key]
        html = render()
        with self._lock:
            self.pages[key] = html
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)
        return html


def render_page(template: str, kind: str, view: dict | None, **extra):
    if view is None:
        abort(404)
    if kind not in CACHED_KINDS:
        return _render(template, kind, view, **extra)
    cache = current_app.extensions.setdefault("careergraph-pages", PageCache(PAGE_CACHE_SIZE))
    return cache.get_or_render((current_views().version, request.full_path),
                               lambda: _render(template, kind, view, **extra))


def _render(template: str, kind: str, view: dict, **extra):
    kb = current_kb()
    if kind in PICTURED:  # every entity page embeds a picture of its neighbourhood
        folder, heading = PICTURED[kind]
        extra.update(picture_src=f"/api/graph/{folder}/{view['id']}", picture_title=heading.format(view["title"]),
                     picture_kinds=viz.KIND_STYLE, picture_relations=viz.RELATION_STYLE)
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
