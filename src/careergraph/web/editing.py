"""What the editor's HTML pages and the JSON API share: the workspace of this app, the
entity lookup behind the pickers, and public page addresses."""
from __future__ import annotations

from flask import abort, current_app

from ..edit import EditError, Source, Workspace, Write
from ..records import FOLDERS, KINDS
from ..schema import SPECS
from . import state
from .state import current_kb

LOOKUP_LIMIT = 20


def workspace() -> Workspace:
    config = current_app.config
    instance = config["INSTANCE_DIR"]
    return Workspace(config["GRAPH_DIR"], instance, config["BASE_IRI"], shacl=bool(config.get("EDIT_SHACL", True)),
                     on_saved=lambda version: state.touch_marker(instance, version))


def never_cached(response):
    """After-request hook: forms and reads carry file versions, and a cached copy would only
    ever save as a conflict."""
    response.headers["Cache-Control"] = "no-store"
    return response


def saving(*writes: Write):
    """A save of these writes, for the editor and message the caller knows."""
    return lambda editor, message: workspace().save(list(writes), editor, message)


def spec_of(kind: str):
    if kind not in SPECS:
        abort(404, description=f"There is no kind {kind!r}; the kinds are {', '.join(KINDS)}.")
    return SPECS[kind]


def existing(kind: str, entity_id: str) -> Source:
    spec_of(kind)
    try:
        source = workspace().read(kind, entity_id)
    except EditError as exc:
        abort(404, description=str(exc))
    if not source.exists:
        abort(404, description=f"There is no {kind} {entity_id!r}.")
    return source


def public_url(kind: str, entity_id: str) -> str:
    return f"/{FOLDERS[kind]}/{entity_id}"


def label_of(record) -> str:
    return getattr(record, "name", None) or getattr(record, "short", None) or getattr(record, "title", "")


def lookup(kind: str, query: str) -> list[dict]:
    """Entities (or claims) whose id or label contains the query, best matches first."""
    catalogue = current_kb().catalogue
    if kind == "claim":
        candidates = [(f"{c.id}#{claim.id}", claim.headline) for c in catalogue.citations.values()
                      for claim in c.claims]
    elif kind in KINDS:
        candidates = [(entity_id, label_of(record)) for entity_id, record in catalogue.of_kind(kind).items()]
    else:
        return []
    q = query.casefold().strip()
    scored = []
    for entity_id, label in candidates:
        haystack = f"{entity_id} {label}".casefold()
        if q in haystack:
            starts = entity_id.startswith(q) or label.casefold().startswith(q)
            scored.append((0 if starts else 1, entity_id, label))
    scored.sort()
    return [{"id": entity_id, "label": label} for _, entity_id, label in scored[:LOOKUP_LIMIT]]
