"""Public pages: home, hubs, careers, skills, drilldowns, citations."""
from __future__ import annotations

from flask import Blueprint, render_template

from .state import current_kb

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    kb = current_kb()
    return render_template("home.html", hubs=kb.hubs_in_order(), kb=kb)
