"""JSON API for scripted editing under /api/edit, with `Authorization: Bearer TOKEN`.

The same operations as the editor's pages, through the same pipeline: read an entity with
its version, create, replace, delete (optionally unlinking), run a link flow, list history,
revert. Only tokens authenticate here, never the session cookie, so no request can be forged
from another site and CSRF tokens are not needed.
"""
from __future__ import annotations

import functools

from flask import Blueprint, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from ..accounts import Accounts
from ..documents import FLOWS, append_at
from ..edit import ABSENT, Conflict, EditError, Refused, Write
from ..history import Entry
from ..problems import Problem
from .editing import existing, never_cached, saving, spec_of, workspace
from .specform import PROBLEM_PATH

bp = Blueprint("api_edit", __name__, url_prefix="/api/edit")


def _error(status: int, error: str, message: str, **extra):
    response = jsonify({"error": error, "message": message, **extra})
    response.status_code = status
    return response


@bp.before_request
def _token_only():
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    account = None
    if scheme.lower() == "bearer" and token.strip():
        account = Accounts(current_app.config["INSTANCE_DIR"]).for_token(token.strip())
    if account is None:
        response = _error(401, "unauthorized", "send a valid API token: Authorization: Bearer TOKEN "
                                               "(make one with `careergraph users token NAME`)")
        response.headers["WWW-Authenticate"] = 'Bearer realm="careergraph"'
        return response
    g.api_account = account


bp.after_request(never_cached)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return _error(exc.code or 500, exc.name.lower().replace(" ", "-"), exc.description or exc.name)


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise EditError("send a JSON object (Content-Type: application/json)")
    return body


def _problem(p: Problem) -> dict:
    match = PROBLEM_PATH.match(p.message)
    return {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity, "message": p.message,
            "path": match.group(1) if match else None}


def _entry(entry: Entry, diffs: bool = False) -> dict:
    out = {"id": entry.id, "time": entry.time, "editor": entry.editor, "message": entry.message,
           "revert_of": entry.revert_of, "files": [{"file": c.file, "action": c.action} for c in entry.changes]}
    if diffs:
        for item, change in zip(out["files"], entry.changes, strict=True):
            item["diff"] = change.diff()
    return out


def _side(version: str, content: bytes | None) -> dict:
    """One side of a conflict: a version and the file text it stands for (None: no file)."""
    return {"version": version, "text": None if content is None else content.decode("utf-8", "replace")}


def _save(save, message: str, created: bool = False):
    """Run a save; answer 200/201 with the change, or why not (409, 422, 400)."""
    try:
        result = save(g.api_account.name, message)
    except Refused as exc:
        return _error(422, "invalid", "the edit would add errors to the graph; nothing was written",
                      problems=[_problem(p) for p in exc.errors + exc.warnings])
    except Conflict as exc:
        return _error(409, "conflict", "the file changed since that version was read; nothing was written",
                      files=[{"file": s.file, "yours": _side(w.base_version, w.content),
                              "current": _side(s.version, s.raw)} for w, s in exc.stale])
    except EditError as exc:
        return _error(400, "bad-request", str(exc))
    body = {"saved": result.entry is not None, "change": _entry(result.entry) if result.entry else None,
            "graph_version": result.graph_version, "warnings": [_problem(p) for p in result.warnings]}
    return jsonify(body), 201 if created and result.entry else 200


def _guard(view):
    """Bad input (not JSON, a bad id) is a 400 with the reason, never a traceback."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except EditError as exc:
            return _error(400, "bad-request", str(exc))
    return wrapped


# --- entities -------------------------------------------------------------------------------

@bp.get("/<kind>")
def entity_ids(kind):
    spec_of(kind)
    return jsonify({"kind": kind, "ids": workspace().ids(kind)})


@bp.get("/<kind>/<entity_id>")
def read(kind, entity_id):
    source = existing(kind, entity_id)
    return jsonify({"kind": kind, "id": entity_id, "file": source.file, "version": source.version,
                    "document": source.data()})


@bp.post("/<kind>")
@_guard
def create(kind):
    spec_of(kind)
    body = _body()
    entity_id, document = body.get("id"), body.get("document")
    if not isinstance(document, dict):
        raise EditError("'document' must be a JSON object with the entity's fields")
    workspace().file_of(kind, entity_id)
    return _save(saving(Write.document(kind, entity_id, document, ABSENT)),
                 body.get("message") or f"create {kind} {entity_id}", created=True)


@bp.put("/<kind>/<entity_id>")
@_guard
def replace(kind, entity_id):
    existing(kind, entity_id)
    body = _body()
    if not isinstance(body.get("document"), dict) or not isinstance(body.get("version"), str):
        raise EditError("send 'version' (as read) and 'document' (a JSON object)")
    return _save(saving(Write.document(kind, entity_id, body["document"], body["version"])),
                 body.get("message") or f"edit {kind} {entity_id}")


@bp.delete("/<kind>/<entity_id>")
@_guard
def delete(kind, entity_id):
    source = existing(kind, entity_id)
    body = _body()
    if not isinstance(body.get("version"), str):
        raise EditError("send 'version': the version of the file you mean to delete")
    unlink = body.get("unlink") is True
    # referrers' versions may be sent; when not, unlinking takes them as they are now
    versions = {u.source.file: u.source.version for u in workspace().referrers(kind, entity_id)}
    versions.update(body.get("versions") or {})
    versions[source.file] = body["version"]
    return _save(lambda editor, text: workspace().delete(kind, entity_id, versions, editor, text, unlink),
                 body.get("message") or f"delete {kind} {entity_id}")


@bp.get("/<kind>/<entity_id>/referrers")
def referrers(kind, entity_id):
    existing(kind, entity_id)
    return jsonify([{"file": u.source.file, "version": u.source.version, "removed": u.removed}
                    for u in workspace().referrers(kind, entity_id)])


@bp.post("/<kind>/<entity_id>/add/<flow_name>")
@_guard
def add(kind, entity_id, flow_name):
    flow = FLOWS.get(flow_name)
    if flow is None or flow.kind != kind:
        raise EditError(f"no link flow {flow_name!r} for a {kind}; flows: "
                        + ", ".join(f.name for f in FLOWS.values() if f.kind == kind))
    source = existing(kind, entity_id)
    body = _body()
    if not isinstance(body.get("version"), str) or "item" not in body:
        raise EditError("send 'version' (as read) and 'item' (what to add)")
    try:
        list_path = flow.resolve(source.data(), body.get("link"))
    except KeyError:
        raise EditError(f"{entity_id} has no link to skill {body.get('link')!r}") from None
    candidate, _ = append_at(source.data(), list_path, body["item"])
    return _save(saving(Write.document(kind, entity_id, candidate, body["version"])),
                 body.get("message") or f"{flow.title.lower()}: {entity_id}")


# --- history --------------------------------------------------------------------------------

@bp.get("/history")
def history():
    journal = workspace().journal
    file = request.args.get("file")
    entries = journal.for_file(file) if file else journal.entries()
    return jsonify([_entry(e) for e in reversed(entries)])


@bp.get("/history/<entry_id>")
def change(entry_id):
    entry = workspace().journal.get(entry_id)
    if entry is None:
        return _error(404, "not-found", f"no change {entry_id!r}")
    return jsonify(_entry(entry, diffs=True))


@bp.post("/history/<entry_id>/revert")
@_guard
def revert(entry_id):
    body = request.get_json(silent=True) or {}
    versions = body.get("versions")
    return _save(lambda editor, text: workspace().revert(entry_id, editor, text, versions),
                 body.get("message") or "")

