"""The editor's pages under /edit: create, edit and delete every kind, and the link flows.

Forms are built from schema.py (specform.py) and carry the version of the file they were
read at; saving goes through the pipeline in edit.py. A refused edit shows the form again
with what was typed and the validator's messages beside the fields (422); a save against a
newer version shows both versions (409) and writes nothing.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ..documents import FLOWS, append_at, items_at
from ..edit import ABSENT, Conflict, EditError, Refused, Write
from ..records import KINDS
from .auth import login_manager, require_admin
from .editing import existing, label_of, lookup, never_cached, public_url, saving, spec_of, workspace
from .specform import build_field, build_form, leftover_notes, read_form, read_value, sort_problems
from .state import current_kb

bp = Blueprint("edit", __name__, url_prefix="/edit")
FLOWS_OF = {kind: [f for f in FLOWS.values() if f.kind == kind and not f.needs_link] for kind in KINDS}


@bp.before_request
def editors_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()


bp.after_request(never_cached)


@bp.errorhandler(EditError)
def edit_error(exc: EditError):
    """A request the pipeline cannot act on (a bad id, a file broken by hand): say why."""
    return render_template("error.html", page=page("Cannot edit this"), code=400, title="Cannot edit this",
                           message=str(exc)), 400


def page(title: str, *crumbs: tuple[str, str]) -> dict:
    trail = [{"name": "Editor", "url": url_for("edit.index")}] + [{"name": n, "url": u} for n, u in crumbs]
    return {"title": title, "description": title, "canonical": request.path, "breadcrumbs": trail}


def entity_crumbs(kind: str, entity_id: str | None = None) -> list[tuple[str, str]]:
    crumbs = [(kind.capitalize() + "s", url_for("edit.entities", kind=kind))]
    if entity_id:
        crumbs.append((entity_id, url_for("edit.entity", kind=kind, entity_id=entity_id)))
    return crumbs


def posted_versions() -> dict[str, str]:
    """File versions a confirmation page carried, as hidden `version:FILE` inputs."""
    return {key[len("version:"):]: value for key, value in request.form.items() if key.startswith("version:")}


def _message(default: str) -> str:
    return (request.form.get("message") or "").strip() or default


def save_and_redirect(save, message: str, refused, done_url: str, back_url: str):
    """Run `save(editor, message)` (the pipeline); on success flash what happened and go on."""
    try:
        result = save(current_user.name, message)
    except Refused as exc:
        return refused(exc.errors + exc.warnings)
    except Conflict as exc:
        return conflict_page(exc, back_url)
    if result.entry is None:
        flash("Nothing changed, so nothing was saved.")
    else:
        flash(f"Saved: {message}")
        for warning in result.warnings:
            flash(f"Warning: {warning}", "warning")
    return redirect(done_url)


def conflict_page(conflict: Conflict, back_url: str):
    files = [{"file": s.file, "yours": w.content.decode("utf-8", "replace") if w.content is not None else None,
              "your_version": w.base_version, "current": s.text if s.exists else None,
              "current_version": s.version} for w, s in conflict.stale]
    return render_template("edit/conflict.html", page=page("Someone saved first"), files=files,
                           back_url=back_url), 409


# --- pages ----------------------------------------------------------------------------------

@bp.get("")
def index():
    kb = current_kb()
    counts = {kind: len(kb.catalogue.of_kind(kind)) for kind in KINDS}
    return render_template("edit/index.html", page=page("Edit the catalogue"), counts=counts,
                           recent=list(reversed(workspace().journal.entries()))[:10])


@bp.get("/lookup")
def lookup_json():
    return jsonify(lookup(request.args.get("kind", ""), request.args.get("q", "")))


@bp.get("/<kind>")
def entities(kind):
    spec_of(kind)
    records = current_kb().catalogue.of_kind(kind)
    rows = [{"id": i, "label": label_of(records[i]) if i in records else i} for i in workspace().ids(kind)]
    return render_template("edit/list.html", page=page(f"{kind.capitalize()}s", *entity_crumbs(kind)),
                           kind=kind, rows=rows)


def entity_form(kind: str, entity_id: str | None, data: dict, version: str, problems=(), status: int = 200,
                id_note: str | None = None):
    file = workspace().file_of(kind, entity_id) if entity_id and id_note is None else None
    notes, general = sort_problems(list(problems), file)
    fields = build_form(spec_of(kind), data, notes)
    general += leftover_notes(notes, file)
    title = f"Edit {kind} {entity_id}" if version != ABSENT else f"New {kind}"
    return render_template(
        "edit/entity.html", page=page(title, *entity_crumbs(kind, entity_id if version != ABSENT else None)),
        kind=kind, entity_id=entity_id, fields=fields, version=version, general=general, id_note=id_note,
        flows=FLOWS_OF[kind], links=items_at(data, "skills") if kind == "career" else [],
        public=public_url(kind, entity_id) if version != ABSENT else None,
        message=request.form.get("message", "")), status


@bp.route("/<kind>/new", methods=["GET", "POST"])
def create(kind):
    spec = spec_of(kind)
    if request.method == "GET":
        return entity_form(kind, None, {}, ABSENT)
    entity_id = (request.form.get("entity_id") or "").strip()
    data = read_form(spec, request.form)
    try:
        file = workspace().file_of(kind, entity_id)
    except EditError as exc:
        return entity_form(kind, entity_id, data, ABSENT, status=422, id_note=str(exc))
    if (workspace().graph / file).exists():
        return entity_form(kind, entity_id, data, ABSENT, status=422,
                           id_note=f"a {kind} with id {entity_id!r} exists already; choose another id")
    return save_and_redirect(
        saving(Write.document(kind, entity_id, data, ABSENT)), _message(f"create {kind} {entity_id}"),
        lambda problems: entity_form(kind, entity_id, data, ABSENT, problems, 422),
        url_for("edit.entity", kind=kind, entity_id=entity_id), url_for("edit.create", kind=kind))


@bp.route("/<kind>/<entity_id>", methods=["GET", "POST"])
def entity(kind, entity_id):
    source = existing(kind, entity_id)
    if request.method == "GET":
        return entity_form(kind, entity_id, source.data(), source.version)
    data, version = read_form(spec_of(kind), request.form), request.form.get("version", "")
    here = url_for("edit.entity", kind=kind, entity_id=entity_id)
    return save_and_redirect(
        saving(Write.document(kind, entity_id, data, version)), _message(f"edit {kind} {entity_id}"),
        lambda problems: entity_form(kind, entity_id, data, version, problems, 422), here, here)


# --- link flows -----------------------------------------------------------------------------

@bp.route("/<kind>/<entity_id>/add/<flow_name>", methods=["GET", "POST"])
def add(kind, entity_id, flow_name):
    flow = FLOWS.get(flow_name)
    if flow is None or flow.kind != kind:
        abort(404, description=f"No link flow {flow_name!r} for a {kind}.")
    source = existing(kind, entity_id)
    data, link = source.data(), request.values.get("link")
    try:
        list_path = flow.resolve(data, link)
    except KeyError:
        abort(404, description=f"{entity_id} has no link to skill {link!r}.")
    item_path = f"{list_path}[{len(items_at(data, list_path)) + 1}]"
    version = request.form.get("version", source.version)
    if request.method == "POST" and request.form.get("item_path", "").startswith(list_path + "["):
        item_path = request.form["item_path"]  # the position the form was built for

    def form(item, problems=(), status=200):
        notes, general = sort_problems(list(problems), source.file)
        field = build_field(flow.item_spec(), item_path, flow.title, item, notes)
        general += leftover_notes(notes, source.file)
        return render_template("edit/flow.html", page=page(flow.title, *entity_crumbs(kind, entity_id)),
                               flow=flow, kind=kind, entity_id=entity_id, link=link, field=field,
                               item_path=item_path, version=version, general=general,
                               message=request.form.get("message", "")), status

    if request.method == "GET":
        return form(None)
    item = read_value(flow.item_spec(), request.form, item_path)
    candidate, _ = append_at(data, list_path, item)
    done = url_for("edit.entity", kind=kind, entity_id=entity_id)
    return save_and_redirect(
        saving(Write.document(kind, entity_id, candidate, version)), _message(f"{flow.title.lower()}: {entity_id}"),
        lambda problems: form(item, problems, 422), done, request.path)


# --- delete ---------------------------------------------------------------------------------

@bp.route("/<kind>/<entity_id>/delete", methods=["GET", "POST"])
def delete(kind, entity_id):
    require_admin()
    source = existing(kind, entity_id)
    referrers = workspace().referrers(kind, entity_id)

    def confirm(problems=(), status=200):
        return render_template("edit/delete.html", page=page(f"Delete {kind} {entity_id}",
                                                             *entity_crumbs(kind, entity_id)),
                               kind=kind, entity_id=entity_id, source=source, referrers=referrers,
                               problems=problems), status

    if request.method == "GET":
        return confirm()
    versions = posted_versions()
    unlink = request.form.get("unlink") == "1"
    message = _message(f"delete {kind} {entity_id}" + (f" and unlink it from {len(referrers)} file(s)"
                                                       if unlink and referrers else ""))
    return save_and_redirect(
        lambda editor, text: workspace().delete(kind, entity_id, versions, editor, text, unlink), message,
        lambda problems: confirm(problems, 422), url_for("edit.entities", kind=kind), request.path)
