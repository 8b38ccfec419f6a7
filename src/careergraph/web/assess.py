"""The self-assessment: /assessment (choose), /assessment/<career> (rate), /assessment/result.

Answers live in the query string (`python=mid&sql=junior`, `career=data-scientist` for the
career you aim at), so a result is a link: shareable, and nothing is stored on the server.
The result is also JSON, at /api/assessment or with `format=json`.
"""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from ..assess import AnswerError, Answers, parse_answers, parse_picks
from ..assess_views import career_form_view, chooser_view, result_view, skills_form_view
from .pages import render_page
from .state import current_kb, current_views

bp = Blueprint("assess", __name__)


def answers_arg() -> Answers:
    try:
        return parse_answers(list(request.args.items(multi=True)), current_kb())
    except AnswerError as exc:
        abort(400, description=str(exc))


@bp.get("/assessment")
def index():
    answers = answers_arg()  # checks the size of the query string before anything else
    if "pick" not in request.args:
        return render_page("assessment.html", "assessment", chooser_view(current_views()))
    skill_ids, notices = parse_picks(request.args.getlist("pick"), current_kb())
    if not skill_ids:
        abort(400, description="No chosen skill is in the catalogue; choose from the list at /assessment.")
    return render_page("assessment_form.html", "assessment",
                       skills_form_view(current_views(), skill_ids, answers, notices))


@bp.get("/assessment/<career_id>")
def career(career_id):
    return render_page("assessment_form.html", "assessment",
                       career_form_view(current_views(), career_id, answers_arg()))


@bp.get("/assessment/result")
def result():
    output = request.args.get("format", "html")
    if output not in ("html", "json"):
        abort(400, description="format must be html or json.")
    view = result_view(current_views(), answers_arg())
    if output == "json":
        return jsonify(view)
    return render_page("assessment_result.html", "assessment", view)


@bp.get("/api/assessment")
def result_json():
    return jsonify(result_view(current_views(), answers_arg()))
