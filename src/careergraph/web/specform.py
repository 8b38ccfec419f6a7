"""HTML forms built from the specs in schema.py, and read back into documents.

Every input is named by the validator's own path for its value (`skills[2].importance`,
1-based like its messages), so a problem maps to the field it concerns by its path alone.
Values are read back as typed, never dropped: text that is not a number stays text, for
the validator to name and the form to show again.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..problems import Problem
from ..schema import Boolean, ClaimRef, Enum, ListOf, Number, Ref, Spec, Struct, Text, Url

REMOVE_SUFFIX = "~remove"
PROBLEM_PATH = re.compile(r"^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): (.+)$", re.S)


@dataclass
class FormField:
    name: str  # the input's name and the value's path in the document
    label: str
    widget: str  # text, textarea, number, select, checkbox, lookup, group, list
    value: object = None
    required: bool = False
    hint: str = ""
    choices: tuple = ()
    lookup: str | None = None  # the kind an entity picker offers: career, skill, hub, claim
    inputmode: str | None = None
    children: list["FormField"] = field(default_factory=list)  # a group's fields; a list's rows
    blank: bool = False  # the empty row offered to add one more item
    notes: list[tuple[str, str]] = field(default_factory=list)  # (severity, message) from the validator

    @property
    def errors(self) -> list[str]:
        return [m for s, m in self.notes if s == "error"]

    @property
    def warnings(self) -> list[str]:
        return [m for s, m in self.notes if s != "error"]

    @property
    def dom_id(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.name)


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _scalar(spec: Spec, name: str, label: str, value) -> FormField:
    shown = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(spec, Enum):
        return FormField(name, label, "select", shown, choices=spec.values, hint=spec.expected)
    if isinstance(spec, Boolean):
        return FormField(name, label, "checkbox", value is True)
    if isinstance(spec, Number):
        return FormField(name, label, "number", shown, hint=spec.expected,
                         inputmode="numeric" if spec.integer else "decimal")
    if isinstance(spec, ClaimRef):
        return FormField(name, label, "lookup", shown, lookup="claim", hint=spec.hint)
    if isinstance(spec, Ref):
        return FormField(name, label, "lookup", shown, lookup=spec.kind, hint=spec.hint)
    if isinstance(spec, Url):
        return FormField(name, label, "text", shown, inputmode="url", hint=spec.hint)
    if isinstance(spec, Text) and spec.pattern is not None:
        return FormField(name, label, "text", shown, hint=spec.hint)
    return FormField(name, label, "textarea", shown, hint="")


def build_field(spec: Spec, name: str, label: str, value, notes: dict) -> FormField:
    """The field for `value` at path `name`; takes its notes out of `notes`."""
    if isinstance(spec, Struct):
        data = value if isinstance(value, dict) else {}
        children = [_member(spec, key, _join(name, key), data.get(key), notes) for key in spec.fields]
        built = FormField(name, label, "group", children=children, hint=spec.expected)
    elif isinstance(spec, ListOf):
        items = value if isinstance(value, list) else ([] if value is None else [value])
        rows = [build_field(spec.item, f"{name}[{n}]", f"{label} {n}", item, notes)
                for n, item in enumerate(items, 1)]
        blank = build_field(spec.item, f"{name}[{len(items) + 1}]", f"{label} {len(items) + 1}", None, {})
        blank.blank = True
        built = FormField(name, label, "list", children=rows + [blank], hint=spec.expected)
    else:
        built = _scalar(spec, name, label, value)
    built.notes = notes.pop(name, [])
    return built


def _member(struct: Struct, key: str, name: str, value, notes: dict) -> FormField:
    member = struct.fields[key]
    built = build_field(member.spec, name, _label(key), value, notes)
    built.required = member.required
    if member.warn_missing and not built.hint:
        built.hint = f"optional; without it {member.warn_missing}"
    return built


def build_form(spec: Struct, data: dict, notes: dict, prefix: str = "") -> list[FormField]:
    """The fields of a whole document (prefix "") or of one part of it (prefix its path)."""
    return [_member(spec, key, _join(prefix, key), (data or {}).get(key), notes) for key in spec.fields]


# --- reading a submitted form back ----------------------------------------------------------

def _indices(form: Mapping, name: str) -> list[int]:
    pattern = re.compile(re.escape(name) + r"\[(\d+)\]")
    return sorted({int(m.group(1)) for key in form for m in [pattern.match(key)] if m})


def _number(raw: str):
    for convert in (int, float):
        try:
            return convert(raw)
        except ValueError:
            continue
    return raw  # not a number: kept as typed, for the validator to name


def read_value(spec: Spec, form: Mapping, name: str):
    """The value the form holds at `name`, or None where it holds nothing."""
    if isinstance(spec, Struct):
        out = {}
        for key, member in spec.fields.items():
            value = read_value(member.spec, form, _join(name, key))
            if value is not None:
                out[key] = value
        return out or None
    if isinstance(spec, ListOf):
        items = [read_value(spec.item, form, f"{name}[{n}]") for n in _indices(form, name)
                 if not form.get(f"{name}[{n}]{REMOVE_SUFFIX}")]
        return [item for item in items if item is not None] or None
    if isinstance(spec, Boolean):
        return True if form.get(name) else None
    raw = (form.get(name) or "").strip()
    if not raw:
        return None
    return _number(raw) if isinstance(spec, Number) else raw


def read_form(spec: Struct, form: Mapping) -> dict:
    return read_value(spec, form, "") or {}


# --- validator problems beside their fields -------------------------------------------------

def sort_problems(problems: list[Problem], file: str) -> tuple[dict, list[Problem]]:
    """Problems of `file` whose message starts with a path become notes keyed by that path;
    the rest (other files, the whole document) are returned to show above the form."""
    notes: dict[str, list[tuple[str, str]]] = {}
    general = []
    for problem in problems:
        match = PROBLEM_PATH.match(problem.message) if problem.file == file else None
        if match:
            notes.setdefault(match.group(1), []).append((problem.severity, match.group(2)))
        else:
            general.append(problem)
    return notes, general


def leftover_notes(notes: dict, file: str) -> list[Problem]:
    """Notes no field took (a path the form does not show) go back above the form."""
    return [Problem(file, 0, 0, severity, f"{path}: {message}")
            for path, items in notes.items() for severity, message in items]
