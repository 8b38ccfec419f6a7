"""Entity documents as plain data, driven by the specs in schema.py.

A document is what one YAML file holds (dicts, lists, scalars). This module writes it as
readable YAML in the schema's key order, addresses parts of it with the validator's own
paths (`skills[2].claims`, 1-based like its messages), appends items for the link flows, and
strips the references to an entity that is about to be deleted.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import yaml

from .schema import SPECS, ClaimRef, ListOf, Ref, Spec, Struct

PATH_PART = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")
REMOVE = object()  # a value that refers to the deleted entity and goes with it


# --- YAML text ------------------------------------------------------------------------------

def in_schema_order(spec: Spec, value):
    """Keys in the order the spec declares them (the order SCHEMA.md documents); keys the
    spec does not know stay, last, for the validator to report."""
    if isinstance(spec, Struct) and isinstance(value, dict):
        known = [(k, in_schema_order(f.spec, value[k])) for k, f in spec.fields.items() if k in value]
        return dict(known + [(k, v) for k, v in value.items() if k not in spec.fields])
    if isinstance(spec, ListOf) and isinstance(value, list):
        return [in_schema_order(spec.item, item) for item in value]
    return value


class _IndentedDumper(yaml.SafeDumper):
    """SafeDumper that indents list items under their key, as the hand-written files do."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def render_document(kind: str, data: dict) -> bytes:
    ordered = in_schema_order(SPECS[kind], data)
    # block style, unicode as itself and no line folding keep the file readable and diffs small
    return yaml.dump(ordered, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=4096).encode("utf-8")


# --- paths like skills[2].claims ------------------------------------------------------------

def parse_path(path: str) -> list[tuple[str, int | None]]:
    parts = []
    for part in path.split("."):
        match = PATH_PART.match(part)
        if not match:
            raise ValueError(f"not a document path: {path!r}")
        parts.append((match.group(1), int(match.group(2)) if match.group(2) else None))
    return parts


def spec_at(spec: Spec, path: str) -> Spec:
    """The spec of the value at `path`: `skills` is a list, `skills[2]` one link."""
    for key, index in parse_path(path):
        if not isinstance(spec, Struct) or key not in spec.fields:
            raise KeyError(path)
        spec = spec.fields[key].spec
        if index is not None:
            if not isinstance(spec, ListOf):
                raise KeyError(path)
            spec = spec.item
    return spec


def _container(data: dict, path: str, create: bool):
    """The list at `path`, made (empty) when `create` and it is missing."""
    node = data
    parts = parse_path(path)
    for n, (key, index) in enumerate(parts):
        last = n == len(parts) - 1
        if not isinstance(node, dict):
            raise KeyError(path)
        if key not in node or node[key] is None:
            if not create:
                raise KeyError(path)
            node[key] = [] if last else {}
        node = node[key]
        if index is not None:
            if not isinstance(node, list) or not 1 <= index <= len(node):
                raise KeyError(path)
            node = node[index - 1]
    if not isinstance(node, list):
        raise KeyError(path)
    return node


def items_at(data: dict, path: str) -> list:
    try:
        return list(_container(data, path, create=False))
    except KeyError:
        return []


def append_at(data: dict, path: str, item) -> tuple[dict, str]:
    """A copy of `data` with `item` appended to the list at `path`, and the item's own path."""
    data = copy.deepcopy(data)
    target = _container(data, path, create=True)
    target.append(item)
    return data, f"{path}[{len(target)}]"


# --- link flows -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Flow:
    """Adding one item to a list of one entity: a skill to a career, a claim to a citation..."""

    name: str
    kind: str  # the kind of entity whose file changes
    list_path: str  # where the item goes; {link} is the position of a career-skill link
    title: str

    @property
    def needs_link(self) -> bool:
        return "{link}" in self.list_path

    def resolve(self, data: dict, link: str | None) -> str:
        """The concrete list path; a link is named by its skill id."""
        if not self.needs_link:
            return self.list_path
        for n, entry in enumerate(items_at(data, "skills"), 1):
            if isinstance(entry, dict) and entry.get("skill") == link:
                return self.list_path.format(link=n)
        raise KeyError(f"no link to skill {link!r}")

    def item_spec(self) -> Spec:
        return spec_at(SPECS[self.kind], self.list_path.format(link=1) + "[1]")


FLOWS = {f.name: f for f in (
    Flow("skill", "career", "skills", "Add a skill to this career"),
    Flow("neighbour", "career", "neighbours", "Add a neighbouring career"),
    Flow("adjacent", "skill", "adjacent", "Link an adjacent skill"),
    Flow("claim", "citation", "claims", "Add a claim to this citation"),
    Flow("link-claim", "career", "skills[{link}].claims", "Attach a claim to a career-skill link"),
)}


# --- unlinking before a delete --------------------------------------------------------------

def _refers(spec: Spec, value, kind: str, entity_id: str) -> bool:
    if isinstance(spec, Ref):
        return spec.kind == kind and value == entity_id
    if isinstance(spec, ClaimRef) and isinstance(value, str):
        return kind == "citation" and value.split("#")[0] == entity_id
    return False


def strip_refs(spec: Spec, value, kind: str, entity_id: str, where: str, removed: list[str]):
    """`value` without its references to (kind, entity_id); a list item or mapping that cannot
    exist without the reference (a link whose skill is deleted) goes too. Each removed part's
    path is added to `removed`."""
    if _refers(spec, value, kind, entity_id):
        removed.append(where)
        return REMOVE
    if isinstance(spec, ListOf) and isinstance(value, list):
        out = []
        for n, item in enumerate(value, 1):
            kept = strip_refs(spec.item, item, kind, entity_id, f"{where}[{n}]", removed)
            if kept is not REMOVE:
                out.append(kept)
        return out
    if isinstance(spec, Struct) and isinstance(value, dict):
        out, mark = {}, len(removed)
        for key, item in value.items():
            field = spec.fields.get(key)
            if field is None:
                out[key] = item
                continue
            kept = strip_refs(field.spec, item, kind, entity_id, f"{where}.{key}" if where else key, removed)
            gone = kept is REMOVE or (isinstance(kept, list) and not kept and bool(item))
            if gone and not field.required:
                continue
            if gone and where:  # a mapping that cannot exist without it goes whole, e.g. a link
                del removed[mark:]
                removed.append(where)
                return REMOVE
            # at the top level the file stays as it would be, and the validator says why
            out[key] = item if kept is REMOVE else kept
        return out
    return value


def unlinked(kind_of_doc: str, data: dict, kind: str, entity_id: str) -> tuple[dict, list[str]]:
    """The document without its references to (kind, entity_id), and what was removed. A
    required list left empty stays, so the validator names what cannot be unlinked."""
    removed: list[str] = []
    return strip_refs(SPECS[kind_of_doc], data, kind, entity_id, "", removed), removed
