"""The shape of each kind of YAML document, declared once.

Each spec checks a parsed value against its YAML node (for line and column), reports what
was found and what was expected, and converts the value into record fields. The editor's
forms are built from the same declarations.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from . import records as r

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CLAIM_REF = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)#([a-z0-9]+(?:-[a-z0-9]+)*)$")
ONET_SOC = re.compile(r"^\d{2}-\d{4}\.\d{2}$")

DEMAND = ("critical-shortage", "high", "moderate", "low")
IMPORTANCE = ("core", "important", "supporting")
SALARY_IMPACT = ("high", "medium", "low")
POSTING_SIGNAL = ("positive-signal", "baseline", "occasional")
APPLICABILITY = ("broad", "moderate", "niche")
LEARNING_RAMP = ("gentle", "moderate", "steep")
CITATION_KIND = ("article", "report", "dataset", "webpage", "unattributed")
CLAIM_STATUS = ("traced", "unsourced", "refuted")

INVALID = object()  # a value that failed its check; the problem is already reported


class Context:
    """Collects problems and cross-file references while one file is checked."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[tuple[str, Any, str]] = []  # (severity, node, message)
        self.refs: list[tuple[str, str, Any, str]] = []  # (kind, id, node, where)

    def error(self, node, message: str) -> None:
        self.problems.append(("error", node, message))

    def warn(self, node, message: str) -> None:
        self.problems.append(("warning", node, message))


def describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}" if len(value) < 60 else "text"
    return f"{type(value).__name__} {value!r}"


class Spec:
    expected = "a value"

    def check(self, value, node, ctx: Context, where: str):
        raise NotImplementedError


class Text(Spec):
    expected = "text"

    def __init__(self, pattern: re.Pattern | None = None, hint: str = ""):
        self.pattern, self.hint = pattern, hint

    def check(self, value, node, ctx, where):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not self.pattern:
            value = str(value)  # a bare number where text is meant is harmless
        if not isinstance(value, str):
            ctx.error(node, f"{where}: found {describe(value)}, expected {self.hint or 'text'}")
            return INVALID
        value = value.strip()
        if not value:
            ctx.error(node, f"{where}: found empty text, expected {self.hint or 'text'}")
            return INVALID
        if self.pattern and not self.pattern.match(value):
            ctx.error(node, f"{where}: found {value!r}, expected {self.hint}")
            return INVALID
        return value


class Url(Text):
    def __init__(self):
        # no characters an IRI cannot hold, so the URL goes into N-Triples as it is
        super().__init__(re.compile(r'^https?://[^\s<>"{}|\\^`]+$'), "an http(s) URL")


class Number(Spec):
    def __init__(self, integer: bool, minimum=None, maximum=None, exclusive_min=False):
        self.integer, self.minimum, self.maximum = integer, minimum, maximum
        self.exclusive_min = exclusive_min
        kind = "a whole number" if integer else "a number"
        bounds = []
        if minimum is not None:
            bounds.append(f"{'>' if exclusive_min else '>='} {minimum}")
        if maximum is not None:
            bounds.append(f"<= {maximum}")
        self.expected = kind + (" " + " and ".join(bounds) if bounds else "")

    def check(self, value, node, ctx, where):
        ok_type = isinstance(value, int) if self.integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type:
            ctx.error(node, f"{where}: found {describe(value)}, expected {self.expected}")
            return INVALID
        too_low = self.minimum is not None and (
            value <= self.minimum if self.exclusive_min else value < self.minimum)
        too_high = self.maximum is not None and value > self.maximum
        if too_low or too_high or value != value:  # NaN fails too
            ctx.error(node, f"{where}: found {value!r}, expected {self.expected}")
            return INVALID
        return value if self.integer else float(value)


class Boolean(Spec):
    expected = "true or false"

    def check(self, value, node, ctx, where):
        if not isinstance(value, bool):
            ctx.error(node, f"{where}: found {describe(value)}, expected true or false")
            return INVALID
        return value


class Enum(Spec):
    def __init__(self, values: tuple[str, ...]):
        self.values = values
        self.expected = "one of " + ", ".join(values)

    def check(self, value, node, ctx, where):
        if not isinstance(value, str) or value not in self.values:
            close = difflib.get_close_matches(str(value), self.values, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            ctx.error(node, f"{where}: found {describe(value)}, expected {self.expected}{hint}")
            return INVALID
        return value


class Ref(Text):
    """The id of another entity; whether it exists is checked once all files are read."""

    def __init__(self, kind: str):
        super().__init__(SLUG, f"a {kind} id (a lowercase slug)")
        self.kind = kind

    def check(self, value, node, ctx, where):
        value = super().check(value, node, ctx, where)
        if value is not INVALID:
            ctx.refs.append((self.kind, value, node, where))
        return value


class ClaimRef(Text):
    def __init__(self):
        super().__init__(CLAIM_REF, "a claim reference 'citation-id#claim-id'")

    def check(self, value, node, ctx, where):
        value = super().check(value, node, ctx, where)
        if value is not INVALID:
            ctx.refs.append(("claim", value, node, where))
        return value


class ListOf(Spec):
    def __init__(self, item: Spec, unique: bool = True, min_items: int = 0):
        self.item, self.unique, self.min_items = item, unique, min_items
        self.expected = f"a list of {item.expected}"

    def check(self, value, node, ctx, where):
        if not isinstance(value, list):
            ctx.error(node, f"{where}: found {describe(value)}, expected {self.expected}")
            return INVALID
        if len(value) < self.min_items:
            ctx.error(node, f"{where}: found {len(value)} item(s), expected at least {self.min_items}")
        out, seen = [], set()
        children = node.value if node is not None and isinstance(node.value, list) else []
        for i, item in enumerate(value):
            child = children[i] if i < len(children) else node
            checked = self.item.check(item, child, ctx, f"{where}[{i + 1}]")
            if checked is INVALID:
                continue
            key = checked if isinstance(checked, (str, int, float)) else None
            if self.unique and key is not None and key in seen:
                ctx.error(child, f"{where}[{i + 1}]: {checked!r} is listed twice")
                continue
            seen.add(key)
            out.append(checked)
        return tuple(out)


@dataclass
class F:
    """One field of a mapping."""

    spec: Spec
    required: bool = False
    warn_missing: str | None = None  # a warning shown when an optional value is absent
    default: Any = None


@dataclass
class Struct(Spec):
    fields: dict[str, F]
    build: Callable[..., Any]
    name: str = "mapping"
    checks: list[Callable] = field(default_factory=list)  # (values, raw, node, ctx, where)

    @property
    def expected(self):
        return f"a {self.name} mapping"

    def check(self, value, node, ctx, where):
        if not isinstance(value, dict):
            ctx.error(node, f"{where or 'document'}: found {describe(value)}, expected {self.expected}"
                      f" with keys {', '.join(self.fields)}")
            return INVALID
        key_nodes = _key_nodes(node, ctx)
        values: dict[str, Any] = {}
        failed = False
        for key, item in value.items():
            key_node, value_node = key_nodes.get(key, (node, node))
            label = f"{where}.{key}" if where else str(key)
            spec = self.fields.get(key) if isinstance(key, str) else None
            if spec is None:
                close = difflib.get_close_matches(str(key), list(self.fields), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                ctx.error(key_node, f"{label}: unknown key {str(key)!r} in a {self.name}, expected one of "
                                    f"{', '.join(self.fields)}{hint}")
                failed = True
                continue
            if item is None:
                if spec.required:
                    ctx.error(value_node, f"{label}: is empty, expected {spec.spec.expected}")
                    failed = True
                continue
            checked = spec.spec.check(item, value_node, ctx, label)
            if checked is INVALID:
                failed = True if spec.required else failed
                continue
            values[key] = checked
        for key, spec in self.fields.items():
            label = f"{where}.{key}" if where else key
            if key in values:
                continue
            if spec.required and key not in value:
                ctx.error(node, f"{label}: missing, expected {spec.spec.expected}")
                failed = True
            elif spec.warn_missing and key not in value:
                ctx.warn(node, f"{label}: missing; {spec.warn_missing}")
            if spec.default is not None:
                values[key] = spec.default
        for extra_check in self.checks:
            if extra_check(values, value, node, ctx, where) is False:
                failed = True
        if failed:
            return INVALID
        return self.build(**values)


def _key_nodes(node, ctx: Context) -> dict:
    """key -> (key node, value node) of a mapping node; a key written twice is an error here,
    as PyYAML would keep the last of the two silently."""
    if node is None or not hasattr(node, "value") or not isinstance(node.value, list):
        return {}
    out = {}
    for pair in node.value:
        if isinstance(pair, tuple) and len(pair) == 2:
            key_node, value_node = pair
            key = getattr(key_node, "value", None)
            if key in out and isinstance(key, str):
                first = out[key][0].start_mark.line + 1
                ctx.error(key_node, f"duplicate key {key!r} (first at line {first}), expected each key once")
                continue
            out[key] = (key_node, value_node)
    return out


# --- the four kinds ----------------------------------------------------------------------

def _salary_order(values, raw, node, ctx, where):
    if "low" in values and "high" in values and values["low"] > values["high"]:
        ctx.error(node, f"{where}: low {values['low']} is above high {values['high']}, expected low <= high")
        return False
    return True


def _claim_ids_unique(values, raw, node, ctx, where):
    seen = set()
    for claim in values.get("claims", ()):
        if claim.id in seen:
            ctx.error(node, f"claims: claim id {claim.id!r} is used twice in this file")
            return False
        seen.add(claim.id)
    return True


def _attributed(values, raw, node, ctx, where):
    if values.get("kind") in (None, "unattributed"):
        return True
    ok = True
    for key, expected in (("authors", "a list of authors"), ("year", "a year"), ("url", "an http(s) URL")):
        if raw.get(key) is None:
            ctx.error(node, f"{key}: missing, expected {expected} (required unless kind is unattributed)")
            ok = False
    return ok


HUB_SECTION = Struct({
    "title": F(Text(), required=True),
    "intro": F(Text()),
    "careers": F(ListOf(Ref("career"), min_items=1), required=True),
}, r.HubSection, "hub section")

HUB = Struct({
    "title": F(Text(), required=True),
    "intro": F(Text(), required=True),
    "order": F(Number(integer=True, minimum=0)),
    "sections": F(ListOf(HUB_SECTION, min_items=1), required=True),
}, r.Hub, "hub")

SALARY = Struct({
    "low": F(Number(integer=True, minimum=0), required=True),
    "high": F(Number(integer=True, minimum=0), required=True),
    "currency": F(Text(re.compile(r"^[A-Z]{3}$"), "an ISO 4217 currency code like USD"), required=True),
    "claim": F(ClaimRef(), required=True),
}, r.Salary, "salary", [_salary_order])

PATH_STAGE = Struct({
    "stage": F(Text(), required=True),
    "focus": F(ListOf(Text())),
    "salary": F(SALARY),
    "months": F(Number(integer=True, minimum=0, exclusive_min=True)),
}, r.PathStage, "career path stage")

BANDS = Struct({
    "junior": F(Text()),
    "mid": F(Text()),
    "senior": F(Text()),
}, r.Bands, "proficiency bands")

LINK = Struct({
    "skill": F(Ref("skill"), required=True),
    "importance": F(Enum(IMPORTANCE), required=True),
    "salary_impact": F(Enum(SALARY_IMPACT)),
    "posting_signal": F(Enum(POSTING_SIGNAL)),
    "why": F(Text()),
    "bands": F(BANDS),
    "pairs_with": F(ListOf(Ref("skill"))),
    "claims": F(ListOf(ClaimRef())),
    "hot_technology": F(Boolean(), default=False),
    "in_demand": F(Boolean(), default=False),
    "onet_importance": F(Number(integer=False, minimum=1, maximum=5)),
}, r.CareerSkillLink, "career-skill link")

ALIGNMENTS = Struct({
    "onet_soc": F(Text(ONET_SOC, "an O*NET-SOC code like 15-2051.00")),
    "esco": F(Url()),
}, r.Alignments, "alignments")

CAREER = Struct({
    "name": F(Text(), required=True),
    "aliases": F(ListOf(Text())),
    "summary": F(Text(), required=True),
    "demand": F(Enum(DEMAND), warn_missing="the demand sentence is left out of its pages"),
    "demand_note": F(Text()),
    "neighbours": F(ListOf(Ref("career"))),
    "alignments": F(ALIGNMENTS),
    "job_zone": F(Number(integer=True, minimum=1, maximum=5)),
    "derived_from": F(ListOf(Ref("citation"))),
    "path": F(ListOf(PATH_STAGE)),
    "claims": F(ListOf(ClaimRef())),
    # O*NET has catch-all occupations with no technology or skill data: a career may link none
    "skills": F(ListOf(LINK), warn_missing="the career links no skills, so it has no drilldown pages"),
}, r.Career, "career")

ADJACENCY = Struct({
    "skill": F(Ref("skill"), required=True),
    "weight": F(Number(integer=False, minimum=0, maximum=1, exclusive_min=True)),
}, r.Adjacency, "adjacent skill")

SKILL = Struct({
    "name": F(Text(), required=True),
    "aliases": F(ListOf(Text())),
    "description": F(Text(), required=True),
    "category": F(Text(), warn_missing="the skill's category is not shown"),
    "applicability": F(Enum(APPLICABILITY), warn_missing="the applicability sentence is left out"),
    "learning_ramp": F(Enum(LEARNING_RAMP), warn_missing="the learning-ramp sentence is left out"),
    "adjacent": F(ListOf(ADJACENCY)),
    "used_by": F(ListOf(Text())),
    "used_by_context": F(Text()),
    "derived_from": F(ListOf(Ref("citation"))),
    "claims": F(ListOf(ClaimRef())),
}, r.Skill, "skill")

SAMPLE = Struct({
    "size": F(Number(integer=True, minimum=1), required=True),
    "unit": F(Text()),
    "approximate": F(Boolean(), default=False),
}, r.Sample, "sample")

CLAIM = Struct({
    "id": F(Text(SLUG, "a claim id (a lowercase slug)"), required=True),
    "headline": F(Text(), required=True),
    "finding": F(Text(), required=True),
    "topic": F(Text(), required=True),
    "status": F(Enum(CLAIM_STATUS), required=True),
}, r.Claim, "claim")

CITATION = Struct({
    "kind": F(Enum(CITATION_KIND), required=True),
    "authors": F(ListOf(Text())),
    "short": F(Text()),
    "title": F(Text(), required=True),
    "venue": F(Text()),
    "year": F(Number(integer=True, minimum=1800, maximum=2100)),
    "url": F(Url()),
    "doi": F(Text(re.compile(r"^10\.\d{4,9}/\S+$"), "a DOI like 10.1126/science.adh2586")),
    "sample": F(SAMPLE),
    "design": F(Text()),
    "replications": F(Number(integer=True, minimum=0)),
    "attribution": F(Text()),
    "claims": F(ListOf(CLAIM, min_items=1), required=True),
}, r.Citation, "citation", [_claim_ids_unique, _attributed])

SPECS = {"hub": HUB, "career": CAREER, "skill": SKILL, "citation": CITATION}
