"""The career-transition planner: /transition?from=A&to=B, its JSON and its picture."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from .. import viz
from ..transition import picture_graph, plan
from ..transition_views import form_view, plan_view
from .pages import render_page
from .state import current_kb, current_views

bp = Blueprint("transition", __name__)


def _ends() -> tuple[str | None, str | None, list[str]]:
    """The two careers asked for, and what is wrong with them."""
    kb, errors = current_kb(), []
    ends = []
    for name, label in (("from", "starting"), ("to", "target")):
        value = request.args.get(name, "").strip()
        if value and not kb.career(value):
            errors.append(f"There is no {label} career “{value[:60]}” in the catalogue; choose one from the list.")
            value = ""
        ends.append(value or None)
    if ends[0] and ends[0] == ends[1]:
        errors.append("Choose two different careers.")
    return ends[0], ends[1], errors


def _render(view: dict, status: int = 200):
    return render_page("transition.html", "transition", view, picture_kinds=viz.KIND_STYLE,
                       picture_relations=viz.RELATION_STYLE), status


def _plan_view(source: str, target: str) -> dict:
    # not memoised: any pair of careers may be asked for, and a plan takes milliseconds
    return plan_view(current_views(), plan(current_kb(), source, target))


@bp.get("/transition")
def transition_page():
    source, target, errors = _ends()
    if errors or not (source and target):
        return _render(form_view(current_views(), source, target, errors), 400 if errors else 200)
    return _render(_plan_view(source, target))


@bp.get("/api/transition")
def transition_json():
    source, target, errors = _ends()
    if errors or not (source and target):
        abort(400, description=" ".join(errors) or "Give two careers as ?from=…&to=….")
    return jsonify(_plan_view(source, target))


@bp.get("/api/transition/picture/<source>/<target>")
def transition_picture(source, target):
    kb = current_kb()
    if not (kb.career(source) and kb.career(target)) or source == target:
        abort(404, description="Both ends must be two different careers of the catalogue.")
    return jsonify(viz.picture_json(picture_graph(kb, plan(kb, source, target))))
