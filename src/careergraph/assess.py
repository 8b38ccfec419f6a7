"""The skills self-assessment: answers from the URL → fit, gaps and next skills (no Flask).

A self-rating scored against the catalogue, not a validated psychometric instrument.

Scoring, all from the career-skill links of the catalogue:
- weight of a link by importance: core 3, important 2, supporting 1;
- level of an answer: none 0, junior 1/3, mid 2/3, senior 1; a skill not answered is none;
- fit(career) = Σ weight × level / Σ weight, over the career's skills (0 to 1);
- a gap is a skill of the career below senior: gap = weight × (1 − level), and its gain,
  gap / Σ weight, is the fit the career would gain were that skill at senior;
- next skills are the skills you rate none that are adjacent (in either direction) to a skill
  you rate junior or above. gain(s, c) = weight_c(s) / Σ weight_c × 1/3 is what reaching
  junior in s adds to the fit for career c; total gain(s) = Σ over all careers of gain(s, c).
  With a chosen career they rank by gain for it, then total gain, then name; without one,
  by total gain, then name. Each is explained by the path you → skill you have —adjacent
  to— s —required by→ career: the chosen career, or else the one s adds most fit to.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import fsum

from . import records as r
from .kb import KnowledgeBase
from .linkgraph import node_key
from .views import IMPORTANCE_ORDER

WEIGHTS = {"core": 3, "important": 2, "supporting": 1}
LEVELS = {"none": 0, "junior": 1, "mid": 2, "senior": 3}  # in thirds of full proficiency
LEVEL_NAMES = tuple(LEVELS)
TARGET = "career"  # the query parameter naming the career you aim at
NOT_ANSWERS = ("format", "pick")  # other query parameters of the assessment pages
MAX_PARAMETERS = 1000
MAX_NOTICES = 12
SHOWN_VALUE = 60  # characters of a rejected name or value quoted back in a notice


class AnswerError(ValueError):
    """The answers cannot be read at all (the page answers 400 with this message)."""


@dataclass(frozen=True)
class Answers:
    levels: dict[str, str]  # skill id -> level name, only skills of the catalogue
    career: str | None  # the chosen career, when one was named and exists
    notices: tuple[str, ...] = ()

    def thirds(self, skill_id: str) -> int:
        return LEVELS[self.levels.get(skill_id, "none")]


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_VALUE else text[:SHOWN_VALUE - 1] + "…"


def _capped(notices: list[str]) -> list[str]:
    if len(notices) <= MAX_NOTICES:
        return notices
    return notices[:MAX_NOTICES] + [f"…and {len(notices) - MAX_NOTICES} more were left out."]


def _unknown_skill(name: str) -> str:
    return f"“{_shown(name)}” is not a skill in the catalogue; it was left out."


def parse_answers(pairs: list[tuple[str, str]], kb: KnowledgeBase) -> Answers:
    """Read `skill-id=level` pairs (and `career=id`) from a query string, in order.

    Unknown skills, unknown levels, repeats and an unknown career are left out, each with a
    notice; only more parameters than anyone could answer is refused.
    """
    if len(pairs) > MAX_PARAMETERS:
        raise AnswerError(f"The link carries {len(pairs):,} parameters; an assessment has at most "
                          f"{MAX_PARAMETERS:,}. Start again from /assessment.")
    levels: dict[str, str] = {}
    career: str | None = None
    notices: list[str] = []
    seen: set[str] = set()
    for name, value in pairs:
        if name in NOT_ANSWERS:
            continue
        if name in seen:
            notices.append(f"“{_shown(name)}” was given more than once; the first answer is used.")
            continue
        seen.add(name)
        if name == TARGET:
            if kb.career(value):
                career = value
            else:
                notices.append(f"There is no career “{_shown(value)}” in the catalogue; "
                               "gaps are shown for your best-fitting career instead.")
        elif not kb.skill(name):
            notices.append(_unknown_skill(name))
        elif value not in LEVELS:
            notices.append(f"“{_shown(value)}” is not a level for {kb.skill(name).name} (expected "
                           f"{', '.join(LEVEL_NAMES[:-1])} or {LEVEL_NAMES[-1]}); it was left out.")
        else:
            levels[name] = value
    return Answers(levels, career, tuple(_capped(notices)))


def parse_picks(values: list[str], kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    """Skills chosen to rate (known ones, first mention kept) and notices for the rest."""
    unique = list(dict.fromkeys(values))
    return [v for v in unique if kb.skill(v)], _capped([_unknown_skill(v) for v in unique if not kb.skill(v)])


def answer_pairs(answers: Answers) -> list[tuple[str, str]]:
    """The answers as query parameters again, in a stable order (for links that keep them)."""
    return ([(TARGET, answers.career)] if answers.career else []) + sorted(answers.levels.items())


def links_by_importance(kb: KnowledgeBase, career: r.Career) -> list[r.CareerSkillLink]:
    """A career's skill links, core first, then by skill name."""
    return sorted(career.skills, key=lambda l: (IMPORTANCE_ORDER[l.importance], kb.skill(l.skill).name.casefold()))


# --- fit ---------------------------------------------------------------------------------------
def total_weight(career: r.Career) -> int:
    return sum(WEIGHTS[link.importance] for link in career.skills)


@dataclass(frozen=True)
class Fit:
    career: r.Career
    points: int  # Σ weight × level in thirds: fit = points / (3 × total)
    total: int  # Σ weight
    rated: int  # skills of the career rated junior or above

    @property
    def fit(self) -> float:
        return self.points / (3 * self.total) if self.total else 0.0


def career_fits(kb: KnowledgeBase, answers: Answers) -> list[Fit]:
    """Fit for every career in the catalogue, best first (ties by name)."""
    fits = []
    for career in kb.catalogue.careers.values():
        thirds = [(WEIGHTS[link.importance], answers.thirds(link.skill)) for link in career.skills]
        fits.append(Fit(career, sum(w * t for w, t in thirds), sum(w for w, _ in thirds),
                        sum(1 for _, t in thirds if t)))
    return sorted(fits, key=lambda f: (-f.fit, f.career.name.casefold(), f.career.id))


# --- gaps --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gap:
    link: r.CareerSkillLink
    level: str  # your answer
    gain: float  # fit gained at senior

    @property
    def next_level(self) -> str:
        return LEVEL_NAMES[LEVELS[self.level] + 1]


def gaps(kb: KnowledgeBase, answers: Answers, career_id: str) -> list[Gap]:
    """The career's skills below senior, biggest weighted shortfall first."""
    career = kb.career(career_id)
    total = total_weight(career)
    out = []
    for link in career.skills:
        missing = 3 - answers.thirds(link.skill)
        if missing:
            weight = WEIGHTS[link.importance]
            out.append(Gap(link, answers.levels.get(link.skill, "none"), weight * missing / (3 * total)))
    return sorted(out, key=lambda g: (-round(g.gain, 12), IMPORTANCE_ORDER[g.link.importance],
                                      kb.skill(g.link.skill).name.casefold()))


# --- next skills -------------------------------------------------------------------------------
@dataclass(frozen=True)
class NextSkill:
    skill: r.Skill
    via: r.Skill  # the skill you have that it is adjacent to
    career: r.Career  # the career the explanation runs to
    importance: str  # of the skill for that career
    gain_for_career: float | None  # for the chosen career (None without one)
    total_gain: float  # summed over every career


def adjacent_skill_ids(kb: KnowledgeBase, skill_id: str) -> list[str]:
    """Skills adjacent to this one, in either direction (adjacency is a symmetric tie)."""
    graph = kb.undirected(("adjacent-to",))
    key = node_key("skill", skill_id)
    if key not in graph:
        return []
    return sorted(graph.nodes[n]["id"] for n in graph.neighbors(key) if graph.nodes[n]["kind"] == "skill")


def next_skills(kb: KnowledgeBase, answers: Answers, limit: int = 10) -> list[NextSkill]:
    """The skills to learn next, most gain first (the ranking is defined in this module's docstring)."""
    have = {s: LEVELS[level] for s, level in answers.levels.items() if LEVELS[level] >= 1}
    via: dict[str, str] = {}
    for skill_id in sorted(have, key=lambda s: (-have[s], kb.skill(s).name.casefold())):
        for other in adjacent_skill_ids(kb, skill_id):
            if other not in have:
                via.setdefault(other, skill_id)  # the best-rated skill it is adjacent to
    totals: dict[str, int] = {}
    out = []
    for skill_id, from_id in via.items():
        gains = []
        for career, link in kb.careers_needing(skill_id):
            if career.id not in totals:
                totals[career.id] = total_weight(career)
            gains.append((WEIGHTS[link.importance] / (3 * totals[career.id]), career, link))
        if not gains:
            continue
        chosen = next((g for g in gains if g[1].id == answers.career), None)
        best = chosen or min(gains, key=lambda g: (-round(g[0], 12), g[1].name.casefold()))
        out.append(NextSkill(kb.skill(skill_id), kb.skill(from_id), best[1], best[2].importance,
                             (chosen[0] if chosen else 0.0) if answers.career else None,
                             fsum(g[0] for g in gains)))
    out.sort(key=lambda n: (-round(n.gain_for_career or 0.0, 12), -round(n.total_gain, 12),
                            n.skill.name.casefold()))
    return out[:limit]


def claim_refs(kb: KnowledgeBase, career_id: str, skill_id: str) -> list[str]:
    """Claims behind a recommendation: those on the career-skill link, then the skill's own.
    (A career's own claims concern the career as a whole; pages show them once, not per skill.)"""
    link, skill = kb.link(career_id, skill_id), kb.skill(skill_id)
    return list(dict.fromkeys((*(link.claims if link else ()), *skill.claims)))
