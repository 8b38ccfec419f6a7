"""Page context for the career-transition planner, from a transition.Plan and the Views."""
from __future__ import annotations

from . import assess
from .assess_views import crumbs, path_text, step, traced_claims
from .transition import Plan
from .views import IMPORTANCE_ORDER, Views


def form_view(views: Views, source: str | None = None, target: str | None = None, errors=()) -> dict:
    careers = sorted(views.kb.catalogue.careers.values(), key=lambda c: c.name.casefold())
    return {"title": "Plan a career move",
            "description": "Pick two careers: see the skills they share, what is missing, the skills that bridge "
                           "the gap and the careers in between.",
            "canonical": "/transition", "breadcrumbs": crumbs(("Career move", "/transition")), "errors": list(errors),
            "careers": [{"id": c.id, "name": c.name} for c in careers], "source_id": source, "target_id": target,
            "attributions": views.attributions(*careers)}


def plan_view(views: Views, plan: Plan) -> dict:
    kb, source, target = views.kb, plan.source, plan.target
    nodes = kb.links.nodes

    def skill(skill_id):
        return views.skill_ref(kb.skill(skill_id))

    bridging = []
    for bridge in plan.bridging:
        claims = traced_claims(views, assess.claim_refs(kb, target.id, bridge.link.skill))
        via = [skill(s) for s in bridge.via]
        steps = [step(via[0]), {"relation": "adjacent to"}, step(skill(bridge.link.skill)),
                 {"relation": "required by"}, step(views.career_ref(target))]
        bridging.append({"skill": skill(bridge.link.skill), "importance": bridge.link.importance, "via": via,
                         "drilldown_url": views.drilldown_url(target.id, bridge.link.skill), "claims": claims,
                         "path": steps, "path_text": f"{path_text(steps)} ({bridge.link.importance})"})
    references, numbers = views.references([c["ref"] for b in bridging for c in b["claims"]])
    missing = [{"importance": level, "skills": [skill(l.skill) for l in plan.missing if l.importance == level]}
               for level in IMPORTANCE_ORDER]
    return {**form_view(views, source.id, target.id),
            "title": f"From {source.name} to {target.name}: a transition plan",
            "description": f"What moving from {source.name} to {target.name} takes: shared skills, missing skills "
                           "by importance, bridging skills and stepping-stone careers.",
            "source": views.career_ref(source), "target": views.career_ref(target),
            "overlap_percent": round(100 * plan.overlap),
            "shared": [{**skill(l.skill), "importance": l.importance} for l in plan.shared],
            "missing": [group for group in missing if group["skills"]], "missing_count": len(plan.missing),
            "bridging": bridging, "references": references, "ref_numbers": numbers,
            "path": [{"name": nodes[n]["label"], "url": "/" + n, "kind": nodes[n]["kind"]} for n in plan.path],
            "path_over": plan.path_over,
            "stepping_stones": [{"career": views.career_ref(s.career), "on_path": s.on_path,
                                 "covers": [skill(c) for c in s.covers]} for s in plan.stepping_stones],
            "picture_src": f"/api/transition/picture/{source.id}/{target.id}",
            "attributions": views.attributions(source, target, *(kb.skill(l.skill) for l in target.skills))}
