"""Plain, immutable records of the knowledge base: what graph/ says, checked and typed.

Records are the hand-off point of the pipeline: the YAML loader produces them, the RDF
mapping turns them into triples and reads them back (so the two can be compared).
"""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("hub", "career", "skill", "citation")
FOLDERS = {"hub": "hubs", "career": "careers", "skill": "skills", "citation": "citations"}


@dataclass(frozen=True)
class HubSection:
    title: str
    careers: tuple[str, ...]
    intro: str | None = None


@dataclass(frozen=True)
class Hub:
    id: str
    title: str
    intro: str
    sections: tuple[HubSection, ...]
    order: int | None = None


@dataclass(frozen=True)
class Salary:
    low: int
    high: int
    currency: str
    claim: str


@dataclass(frozen=True)
class PathStage:
    stage: str
    focus: tuple[str, ...] = ()
    salary: Salary | None = None
    months: int | None = None


@dataclass(frozen=True)
class Bands:
    junior: str | None = None
    mid: str | None = None
    senior: str | None = None


@dataclass(frozen=True)
class CareerSkillLink:
    skill: str
    importance: str
    salary_impact: str | None = None
    posting_signal: str | None = None
    why: str | None = None
    bands: Bands | None = None
    pairs_with: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    hot_technology: bool = False  # O*NET: frequently named in employer job postings
    in_demand: bool = False  # O*NET: among the most frequently named for this occupation
    onet_importance: float | None = None  # O*NET importance rating, 1 to 5


@dataclass(frozen=True)
class Alignments:
    onet_soc: str | None = None
    esco: str | None = None


@dataclass(frozen=True)
class Career:
    id: str
    name: str
    summary: str
    skills: tuple[CareerSkillLink, ...] = ()
    demand: str | None = None
    demand_note: str | None = None
    neighbours: tuple[str, ...] = ()
    alignments: Alignments | None = None
    path: tuple[PathStage, ...] = ()
    claims: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    job_zone: int | None = None
    derived_from: tuple[str, ...] = ()  # citation ids of datasets the entity comes from


@dataclass(frozen=True)
class Adjacency:
    skill: str
    weight: float | None = None


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    category: str | None = None
    applicability: str | None = None
    learning_ramp: str | None = None
    adjacent: tuple[Adjacency, ...] = ()
    used_by: tuple[str, ...] = ()
    used_by_context: str | None = None
    claims: tuple[str, ...] = ()
    derived_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sample:
    size: int
    unit: str | None = None
    approximate: bool = False


@dataclass(frozen=True)
class Claim:
    id: str
    headline: str
    finding: str
    topic: str
    status: str


@dataclass(frozen=True)
class Citation:
    id: str
    kind: str
    title: str
    claims: tuple[Claim, ...]
    authors: tuple[str, ...] = ()
    short: str | None = None
    venue: str | None = None
    year: int | None = None
    url: str | None = None
    doi: str | None = None
    sample: Sample | None = None
    design: str | None = None
    replications: int | None = None
    attribution: str | None = None  # the line every page built from this source must carry


@dataclass
class Catalogue:
    """Every entity of one graph/ folder, by kind and id, in file-name order."""

    hubs: dict[str, Hub] = field(default_factory=dict)
    careers: dict[str, Career] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    citations: dict[str, Citation] = field(default_factory=dict)

    def of_kind(self, kind: str) -> dict:
        return getattr(self, FOLDERS[kind])
