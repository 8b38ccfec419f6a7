"""Page contexts for the self-assessment: the chooser, the rating forms and the result.

Each is a plain dict built from assess.py's answers and the per-version Views; the result
dict renders as HTML and, unchanged, as JSON.
"""
from __future__ import annotations

from urllib.parse import urlencode

from . import assess
from .assess import Answers
from .views import Views

NOT_VALIDATED = {"head": "A self-rating, not a validated instrument.",
                 "body": "No psychometric validation stands behind it, and nothing here has been tested for "
                         "reliability or validity. The figures only restate your own answers against the catalogue's "
                         "career-skill links and their cited claims. Use them to decide what to read and learn next, "
                         "not to judge yourself or anyone else."}
LEVEL_LABELS = {"none": "Not yet", "junior": "Junior", "mid": "Mid", "senior": "Senior"}
METHOD = {"weights": assess.WEIGHTS, "levels": {name: f"{thirds}/3" for name, thirds in assess.LEVELS.items()},
          "fit": "Σ weight × level / Σ weight over the career's skills",
          "next_skill_gain": "weight / Σ weight × 1/3: the fit added by reaching junior in the skill"}
CLAIMS_PER_ITEM = 3


def crumbs(*extra: tuple[str, str]) -> list[dict]:
    return [{"name": n, "url": u} for n, u in (("Home", "/"), ("Assessment", "/assessment"), *extra)]


def query(pairs) -> str:
    return urlencode(list(pairs))


def chooser_view(views: Views) -> dict:
    careers = sorted(views.kb.catalogue.careers.values(), key=lambda c: c.name.casefold())
    return {"title": "Skills self-assessment",
            "description": "Rate yourself on the skills of a career, or on any skills, and see your fit for every "
                           "career in the catalogue, your biggest gaps and the next skills to learn.",
            "canonical": "/assessment", "breadcrumbs": crumbs(), "not_validated": NOT_VALIDATED,
            "careers": [{**views.career_ref(c), "form_url": f"/assessment/{c.id}", "skills": len(c.skills)}
                        for c in careers], "attributions": views.attributions(*careers),
            "categories": views.skills_index()["categories"]}


def _rating_row(views: Views, skill_id: str, level: str, link=None, career_id: str | None = None) -> dict:
    bands = link.bands if link else None
    return {"skill": views.skill_ref(views.kb.skill(skill_id)), "importance": link.importance if link else None,
            "level": level, "drilldown_url": views.drilldown_url(career_id, skill_id) if link else None,
            "bands": {k: getattr(bands, k) for k in ("junior", "mid", "senior") if bands and getattr(bands, k)}}


def career_form_view(views: Views, career_id: str, answers: Answers) -> dict | None:
    career = views.kb.career(career_id)
    if not career:
        return None
    links = assess.links_by_importance(views.kb, career)
    url = f"/assessment/{career_id}"
    return {"title": f"Rate yourself: {career.name}",
            "description": f"Rate yourself on the {len(links)} skills of {career.name}, from none to senior.",
            "canonical": url, "breadcrumbs": crumbs((career.name, url)), "career": views.career_ref(career),
            "not_validated": NOT_VALIDATED, "level_labels": LEVEL_LABELS, "hidden": [("career", career_id)],
            "attributions": views.attributions(career, *(views.kb.skill(l.skill) for l in links)),
            "rows": [_rating_row(views, l.skill, answers.levels.get(l.skill, "none"), l, career_id) for l in links]}


def skills_form_view(views: Views, skill_ids: list[str], answers: Answers, notices: list[str]) -> dict:
    return {"title": "Rate yourself on your chosen skills",
            "description": f"Rate yourself on {len(skill_ids)} chosen skills, from none to senior.",
            "canonical": "/assessment", "breadcrumbs": crumbs(("Your skills", "/assessment")),
            "not_validated": NOT_VALIDATED, "level_labels": LEVEL_LABELS, "hidden": [], "notices": notices,
            "attributions": views.attributions(*(views.kb.skill(s) for s in skill_ids)),
            "rows": [_rating_row(views, s, answers.levels.get(s, "none")) for s in skill_ids]}


# --- the result ----------------------------------------------------------------------------------
def traced_claims(views: Views, refs: list[str]) -> list[dict]:
    return [c for c in (views.claim(ref) for ref in refs) if c and c["traced"]][:CLAIMS_PER_ITEM]


def step(ref: dict) -> dict:
    return {"name": ref["name"], "url": ref["url"]}


def path_text(steps: list[dict]) -> str:
    return " ".join(s["name"] if "url" in s else f"—{s['relation']}→" for s in steps)


def _gap_item(views: Views, career, gap: assess.Gap) -> dict:
    skill = views.kb.skill(gap.link.skill)
    band = getattr(gap.link.bands, gap.next_level, None) if gap.link.bands else None
    steps = [step(views.career_ref(career)), {"relation": f"requires ({gap.link.importance})"},
             step(views.skill_ref(skill))]
    return {"skill": views.skill_ref(skill), "importance": gap.link.importance, "level": gap.level,
            "next_level": gap.next_level, "next_band": band, "gain_points": round(100 * gap.gain, 1),
            "drilldown_url": views.drilldown_url(career.id, skill.id), "path": steps, "path_text": path_text(steps),
            "claims": traced_claims(views, assess.claim_refs(views.kb, career.id, skill.id))}


def _next_item(views: Views, item: assess.NextSkill) -> dict:
    steps = [step(views.skill_ref(item.via)), {"relation": "adjacent to"}, step(views.skill_ref(item.skill)),
             {"relation": "required by"}, step(views.career_ref(item.career))]
    return {"skill": views.skill_ref(item.skill), "via": views.skill_ref(item.via),
            "career": views.career_ref(item.career), "importance": item.importance,
            "gain_for_career_points": None if item.gain_for_career is None else round(100 * item.gain_for_career, 1),
            "total_gain_points": round(100 * item.total_gain, 1), "path": steps,
            "path_text": f"{path_text(steps)} ({item.importance})",
            "claims": traced_claims(views, assess.claim_refs(views.kb, item.career.id, item.skill.id))}


def _edit_url(chosen, answers: Answers) -> str:
    """The rating form again, answers filled in."""
    levels = sorted(answers.levels.items())
    if chosen:
        return f"/assessment/{chosen.id}?{query(levels)}"
    return f"/assessment?{query([*(('pick', s) for s, _ in levels), *levels])}"


def result_view(views: Views, answers: Answers) -> dict:
    kb = views.kb
    fits = assess.career_fits(kb, answers)
    chosen = kb.career(answers.career) if answers.career else None
    best = fits[0].career if fits and fits[0].points else None  # no best fit before any skill is rated
    focus = chosen or best
    gaps = [_gap_item(views, focus, g) for g in assess.gaps(kb, answers, focus.id)[:5]] if focus else []
    upcoming = [_next_item(views, n) for n in assess.next_skills(kb, answers)]
    focus_claims = traced_claims(views, list(focus.claims)) if focus else []
    refs = [c["ref"] for item in [{"claims": focus_claims}, *gaps, *upcoming] for c in item["claims"]]
    references, numbers = views.references(refs)
    pairs = assess.answer_pairs(answers)
    answered = sorted(answers.levels.items(), key=lambda kv: kb.skill(kv[0]).name.casefold())
    return {
        "title": f"Your self-assessment: {chosen.name}" if chosen else "Your self-assessment",
        "description": "Fit for every career, biggest gaps and next skills, from your own ratings.",
        "canonical": "/assessment/result", "breadcrumbs": crumbs(("Result", "/assessment/result")),
        "not_validated": NOT_VALIDATED, "notices": list(answers.notices), "method": METHOD,
        "attributions": views.attributions(*(f.career for f in fits)),
        "answers": [{"skill": views.skill_ref(kb.skill(s)), "level": level} for s, level in answered],
        "career": views.career_ref(chosen) if chosen else None,
        "focus": {**views.career_ref(focus), "skills": len(focus.skills)} if focus else None,
        "fits": [{"career": views.career_ref(f.career), "fit": f.fit, "percent": round(100 * f.fit),
                  "rated": f.rated, "skills": len(f.career.skills),
                  "form_url": f"/assessment/{f.career.id}?{query(sorted(answers.levels.items()))}"} for f in fits],
        "focus_claims": focus_claims, "gaps": gaps, "next_skills": upcoming,
        "references": references, "ref_numbers": numbers,
        "share_url": f"/assessment/result?{query(pairs)}", "json_url": f"/api/assessment?{query(pairs)}",
        "edit_url": _edit_url(chosen, answers),
        "plan_url": (f"/transition?{query([('from', best.id), ('to', chosen.id)])}"
                     if chosen and best and chosen != best else None),
    }
