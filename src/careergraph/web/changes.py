"""History pages: every change (/history), one change with its diff and a revert button,
and the changes to one entity (/edit/<kind>/<id>/history). Editors only."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for

from ..edit import EditError
from .edit import edit_error, editors_only, entity_crumbs, page, posted_versions, save_and_redirect
from .editing import never_cached, spec_of, workspace

bp = Blueprint("changes", __name__)
bp.before_request(editors_only)
bp.after_request(never_cached)
bp.register_error_handler(EditError, edit_error)
PAGE_SIZE = 100


@bp.get("/history")
def history():
    entries = list(reversed(workspace().journal.entries()))
    return render_template("history.html", page=page("History of changes"), entries=entries[:PAGE_SIZE],
                           total=len(entries), heading="History of changes")


@bp.get("/edit/<kind>/<entity_id>/history")
def entity_history(kind, entity_id):
    spec_of(kind)
    try:
        file = workspace().file_of(kind, entity_id)
    except EditError as exc:
        abort(404, description=str(exc))
    entries = list(reversed(workspace().journal.for_file(file)))
    title = f"History of {kind} {entity_id}"
    return render_template("history.html", page=page(title, *entity_crumbs(kind, entity_id)), entries=entries,
                           total=len(entries), heading=title)


def _entry(entry_id: str):
    entry = workspace().journal.get(entry_id)
    if entry is None:
        abort(404, description=f"There is no change {entry_id!r}.")
    return entry


@bp.get("/history/<entry_id>")
def change(entry_id):
    return _change_page(_entry(entry_id))


def _change_page(entry, problems=(), status=200):
    ws = workspace()
    current = {c.file: ws.read(c.kind, c.entity_id) for c in entry.changes if c.kind}
    moved_on = [f for f, s in current.items() if s.raw != next(c.after for c in entry.changes if c.file == f)]
    return render_template("change.html", page=page(f"Change {entry.id}", ("History", url_for("changes.history"))),
                           entry=entry, current=current, moved_on=moved_on, problems=problems,
                           reverts=ws.journal.reverts_of(entry.id),
                           reverted=ws.journal.get(entry.revert_of) if entry.revert_of else None), status


@bp.post("/history/<entry_id>/revert")
def revert(entry_id):
    entry = _entry(entry_id)
    versions = posted_versions()
    message = (request.form.get("message") or "").strip() or f"revert {entry.id}: {entry.message}"
    return save_and_redirect(
        lambda editor, text: workspace().revert(entry.id, editor, text, versions), message,
        lambda problems: _change_page(entry, problems, 422), url_for("changes.history"), request.path)

