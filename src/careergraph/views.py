"""Per-entity views: the context each page renders, prepared once per graph version.

A view is a plain dict built from the knowledge base's named questions. The same dict
feeds the HTML template and the page's JSON-LD; nothing here walks triples or reads files.
Values that are missing stay absent (None or empty), and templates leave the sentence out.
"""
from __future__ import annotations

from collections import OrderedDict
from functools import wraps

from . import records as r
from .kb import KnowledgeBase

IMPORTANCE_ORDER = {"core": 0, "important": 1, "supporting": 2}
DEMAND_TEXT = {"critical-shortage": "a critical shortage", "high": "high demand",
               "moderate": "moderate demand", "low": "low demand"}
POSTING_TEXT = {
    "positive-signal": "job postings for this role name {skill} often enough that screeners, human or "
                       "automated, read it as a positive signal rather than a baseline expectation",
    "baseline": "job postings for this role treat {skill} as a baseline expectation: its absence is "
                "noticed more than its presence",
    "occasional": "job postings for this role mention {skill} only occasionally, so it differentiates "
                  "rather than qualifies",
}
STATUS_TEXT = {"traced": "traced to its source", "unsourced": "no traceable source",
               "refuted": "contradicted by the evidence"}


PAGE_VIEWS_KEPT = 4096  # per-page contexts kept (least recently used out): O*NET has 40,000+ pages
LIST_CAP = 24  # chips shown in a drilldown's "other skills" and "recurs in" lists; the rest is one click away


def memoized(method):
    """Cache a view per arguments; a Views object lives exactly as long as one graph version."""

    @wraps(method)
    def wrapper(self, *args):
        key = (method.__name__, args)
        if key not in self._memo:
            self._memo[key] = method(self, *args)
        return self._memo[key]

    return wrapper


def memoized_page(method):
    """Like `memoized`, for per-page contexts, of which only the most recently used are kept."""

    @wraps(method)
    def wrapper(self, *args):
        key = (method.__name__, args)
        pages = self._page_memo
        if key in pages:
            pages.move_to_end(key)
            return pages[key]
        pages[key] = view = method(self, *args)
        while len(pages) > PAGE_VIEWS_KEPT:
            pages.popitem(last=False)
        return view

    return wrapper


def human_list(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def authors_text(authors: tuple[str, ...]) -> str:
    if len(authors) > 2:
        return f"{authors[0]} et al."
    return " & ".join(authors)


def sample_text(sample: r.Sample | None) -> str | None:
    if sample is None:
        return None
    size = f"{'≈' if sample.approximate else '='}{sample.size:,}"
    return f"n{size}" + (f" {sample.unit}" if sample.unit else "")


ACRONYM_VOWEL_LETTERS = set("AEFHILMNORSX")  # letters whose names begin with a vowel sound


def indefinite(noun: str) -> str:
    """'a Data Scientist', 'an ML Platform Engineer', 'an Operations Research Analyst'."""
    word = noun.split()[0] if noun.split() else noun
    if len(word) > 1 and word.isupper():
        vowel = word[0] in ACRONYM_VOWEL_LETTERS
    else:
        vowel = word[:1].lower() in "aeiou"
    return ("an " if vowel else "a ") + noun


class Views:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.version = kb.version
        self._memo: dict = {}
        self._page_memo: OrderedDict = OrderedDict()

    def cached(self, key: tuple, build):
        """Memoise anything else derived from this graph version (pictures, layouts)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    # --- small shared pieces -----------------------------------------------------------------
    def path_for(self, kind: str, entity_id: str) -> str:
        return "/" + self.kb.iris.entity(kind, entity_id)[len(self.kb.iris.base):]

    def iri(self, path: str) -> str:
        return self.kb.iris.base + path.lstrip("/")

    def career_ref(self, career: r.Career) -> dict:
        return {"id": career.id, "name": career.name, "url": self.path_for("career", career.id),
                "summary": career.summary}

    def skill_ref(self, skill: r.Skill) -> dict:
        return {"id": skill.id, "name": skill.name, "url": self.path_for("skill", skill.id),
                "description": skill.description}

    def drilldown_url(self, career_id: str, skill_id: str) -> str:
        return f"/careers/{career_id}/skills/{skill_id}"

    @memoized
    def claim(self, ref: str) -> dict | None:
        found = self.kb.claim(ref)
        if not found:
            return None
        citation, claim = found
        return {
            "ref": ref, "id": claim.id, "headline": claim.headline, "finding": claim.finding,
            "topic": claim.topic, "status": claim.status, "status_text": STATUS_TEXT[claim.status],
            "traced": claim.status == "traced", "citation": self.citation_ref(citation.id),
            "url": f"{self.path_for('citation', citation.id)}#{claim.id}",
        }

    @memoized
    def citation_ref(self, citation_id: str) -> dict:
        c = self.kb.citation(citation_id)
        return {
            "id": c.id, "label": c.short or c.title, "title": c.title, "authors": authors_text(c.authors),
            "all_authors": list(c.authors), "year": c.year, "venue": c.venue, "source_url": c.url,
            "doi": c.doi, "sample": sample_text(c.sample), "design": c.design,
            "replications": c.replications, "kind": c.kind, "url": self.path_for("citation", c.id),
        }

    def references(self, claim_refs) -> tuple[list[dict], dict]:
        """Numbered references for claims, in first-cited order, and claim ref -> number."""
        numbers: "OrderedDict[str, int]" = OrderedDict()
        for ref in claim_refs:
            claim = self.claim(ref)
            if claim and claim["citation"]["id"] not in numbers:
                numbers[claim["citation"]["id"]] = len(numbers) + 1
        refs = [{"n": n, **self.citation_ref(cid)} for cid, n in numbers.items()]
        by_claim = {ref: numbers[self.claim(ref)["citation"]["id"]] for ref in claim_refs if self.claim(ref)}
        return refs, by_claim

    def attributions(self, *entities) -> list[str]:
        """Attribution lines owed by the sources these entities are derived from (O*NET's CC BY line)."""
        lines = []
        for entity in entities:
            for citation_id in getattr(entity, "derived_from", ()):
                citation = self.kb.citation(citation_id)
                if citation and citation.attribution and citation.attribution not in lines:
                    lines.append(citation.attribution)
        return lines

    def breadcrumbs(self, *crumbs: tuple[str, str]) -> list[dict]:
        return [{"name": "Home", "url": "/"}] + [{"name": n, "url": u} for n, u in crumbs]

    def primary_hub(self, career_id: str) -> r.Hub | None:
        hubs = self.kb.hubs_of(career_id)
        return hubs[0] if hubs else None

    def hub_crumb(self, career_id: str) -> list[tuple[str, str]]:
        hub = self.primary_hub(career_id)
        return [(hub.title, self.path_for("hub", hub.id))] if hub else []

    # --- pages -----------------------------------------------------------------------------
    @memoized
    def home(self) -> dict:
        hubs = []
        for hub in self.kb.hubs_in_order():
            careers = []
            for section in hub.sections:
                careers += [self.career_ref(self.kb.career(c)) for c in section.careers]
            hubs.append({"id": hub.id, "title": hub.title, "intro": hub.intro,
                         "url": self.path_for("hub", hub.id), "careers": careers})
        stats = self.kb.stats
        return {"title": "Careers, the skills they need and the research behind them",
                "attributions": self.attributions(*self.kb.catalogue.careers.values()),
                "description": f"Explore {stats['careers']} careers and {stats['skills']} skills, "
                               f"with {stats['claims']} claims from {stats['citations']} cited sources.",
                "hubs": hubs, "stats": stats, "canonical": "/", "breadcrumbs": self.breadcrumbs()}

    @memoized_page
    def hub(self, hub_id: str) -> dict | None:
        hub = self.kb.hub(hub_id)
        if not hub:
            return None
        sections = []
        for section in hub.sections:
            careers = []
            for cid in section.careers:
                career = self.kb.career(cid)
                careers.append({**self.career_ref(career), "demand": DEMAND_TEXT.get(career.demand),
                                "skills_url": f"{self.path_for('career', cid)}/skills",
                                "core_skills": [self.skill_ref(self.kb.skill(l.skill)) for l in career.skills
                                                if l.importance == "core"][:6]})
            sections.append({"title": section.title, "intro": section.intro, "careers": careers})
        url = self.path_for("hub", hub_id)
        listed = [self.kb.career(c) for s in hub.sections for c in s.careers]
        return {"id": hub.id, "title": hub.title, "intro": hub.intro, "sections": sections,
                "attributions": self.attributions(*listed),
                "description": hub.intro, "canonical": url,
                "breadcrumbs": self.breadcrumbs((hub.title, url))}

    def _links_sorted(self, career: r.Career) -> list[r.CareerSkillLink]:
        return sorted(career.skills, key=lambda l: (IMPORTANCE_ORDER[l.importance], l.skill))

    def _link_row(self, career: r.Career, link: r.CareerSkillLink) -> dict:
        skill = self.kb.skill(link.skill)
        return {**self.skill_ref(skill), "importance": link.importance, "salary_impact": link.salary_impact,
                "posting_signal": link.posting_signal, "category": skill.category,
                "drilldown_url": self.drilldown_url(career.id, skill.id)}

    def _claims_split(self, refs) -> tuple[list[dict], list[dict]]:
        claims = [c for c in (self.claim(ref) for ref in refs) if c]
        return [c for c in claims if c["traced"]], [c for c in claims if not c["traced"]]

    @memoized_page
    def career(self, career_id: str) -> dict | None:
        career = self.kb.career(career_id)
        if not career:
            return None
        url = self.path_for("career", career_id)
        traced, untraced = self._claims_split(career.claims)
        references, numbers = self.references(career.claims)
        grouped = []
        for level in IMPORTANCE_ORDER:
            rows = [self._link_row(career, l) for l in self._links_sorted(career) if l.importance == level]
            if rows:
                grouped.append({"importance": level, "skills": rows})
        return {
            "id": career.id, "name": career.name, "summary": career.summary, "url": url,
            "demand": DEMAND_TEXT.get(career.demand), "demand_note": career.demand_note,
            "hubs": [{"title": h.title, "url": self.path_for("hub", h.id)} for h in self.kb.hubs_of(career_id)],
            "neighbours": [self.career_ref(self.kb.career(n)) for n in career.neighbours],
            "path": self._path(career), "skill_groups": grouped, "skill_count": len(career.skills),
            "onet_soc": career.alignments.onet_soc if career.alignments else None,
            "esco": career.alignments.esco if career.alignments else None,
            "claims": traced, "untraced": untraced, "references": references, "ref_numbers": numbers,
            "aliases": list(career.aliases), "job_zone": career.job_zone,
            "attributions": self.attributions(career),
            "skills_url": f"{url}/skills", "title": career.name, "description": _first_sentence(career.summary),
            "canonical": url, "breadcrumbs": self.breadcrumbs(*self.hub_crumb(career_id), (career.name, url)),
        }

    def _path(self, career: r.Career) -> list[dict]:
        out = []
        for stage in career.path:
            salary = None
            if stage.salary:
                claim = self.claim(stage.salary.claim)
                salary = {"low": f"{stage.salary.low:,}", "high": f"{stage.salary.high:,}",
                          "currency": stage.salary.currency, "claim": claim}
            out.append({"stage": stage.stage, "focus": human_list(list(stage.focus)), "salary": salary,
                        "months": stage.months})
        return out

    @memoized_page
    def career_skills(self, career_id: str, sort: str = "importance") -> dict | None:
        career = self.kb.career(career_id)
        if not career:
            return None
        rows = [self._link_row(career, l) for l in self._links_sorted(career)]
        if sort == "name":
            rows.sort(key=lambda row: row["name"].casefold())
        url = self.path_for("career", career_id)
        return {"career": self.career_ref(career), "rows": rows, "sort": sort,
                "attributions": self.attributions(career),
                "title": f"All skills for {career.name}",
                "description": f"The {len(rows)} skills linked to {career.name}, by importance.",
                "canonical": f"{url}/skills",
                "breadcrumbs": self.breadcrumbs(*self.hub_crumb(career_id), (career.name, url),
                                                ("All skills", f"{url}/skills"))}

    @memoized_page
    def drilldown(self, career_id: str, skill_id: str) -> dict | None:
        career, skill, link = self.kb.career(career_id), self.kb.skill(skill_id), self.kb.link(career_id, skill_id)
        if not (career and skill and link):
            return None
        career_url = self.path_for("career", career_id)
        url = self.drilldown_url(career_id, skill_id)
        stat_refs = link.claims
        all_refs = tuple(dict.fromkeys(link.claims + career.claims + skill.claims))
        traced, untraced = self._claims_split(all_refs)
        references, numbers = self.references([c["ref"] for c in traced])
        cards = [c for c in (self.claim(ref) for ref in stat_refs) if c and c["traced"]][:3]
        if len(cards) < 3:  # fill from the career's and the skill's own cited claims
            cards += [c for c in traced if c not in cards][:3 - len(cards)]
        cluster = [self.skill_ref(self.kb.skill(l.skill)) for l in career.skills
                   if l.importance == "core" and l.skill != skill_id]
        linked_here = {l.skill for l in career.skills}
        adjacent = [{**self.skill_ref(s), "weight": w,
                     "drilldown_url": self.drilldown_url(career_id, s.id) if s.id in linked_here else None}
                    for s, w in self.kb.adjacent(skill_id)]
        others = sorted(((c, l) for c, l in self.kb.careers_needing(skill_id) if c.id != career_id),
                        key=lambda cl: (IMPORTANCE_ORDER[cl[1].importance], cl[0].name))
        recurs = [{**self.career_ref(c), "drilldown_url": self.drilldown_url(c.id, skill_id),
                   "importance": l.importance} for c, l in others[:LIST_CAP]]
        siblings = [self._link_row(career, l) for l in self._links_sorted(career) if l.skill != skill_id]
        bands = link.bands
        hub = self.primary_hub(career_id)
        faq = [{"question": f"What does the research say about {c['topic']} for {career.name}?",
                "answer": c["finding"], "claim": c, "n": numbers[c["ref"]]} for c in traced]
        return {
            "career": {**self.career_ref(career), "demand": DEMAND_TEXT.get(career.demand),
                       "demand_note": career.demand_note},
            "skill": {**self.skill_ref(skill), "category": skill.category,
                      "applicability": skill.applicability, "learning_ramp": skill.learning_ramp,
                      "used_by": human_list(list(skill.used_by)), "used_by_context": skill.used_by_context},
            "link": {"importance": link.importance, "salary_impact": link.salary_impact,
                     "hot_technology": link.hot_technology, "in_demand": link.in_demand,
                     "onet_importance": link.onet_importance,
                     "posting_text": POSTING_TEXT[link.posting_signal].format(skill=skill.name)
                     if link.posting_signal else None, "why": link.why},
            "title": f"{skill.name} for {career.name}: How Important Is It?",
            "dek": f"How much {skill.name} weighs for {indefinite(career.name)}: importance, salary impact, "
                   f"learning ramp and the research behind it, every figure with its source.",
            "cards": cards, "cluster": cluster[:LIST_CAP], "path": self._path(career),
            "adjacent": adjacent, "recurs": recurs, "recurs_more": max(len(others) - LIST_CAP, 0),
            "siblings": siblings[:LIST_CAP], "siblings_more": max(len(siblings) - LIST_CAP, 0),
            "bands": ({"junior": bands.junior, "mid": bands.mid, "senior": bands.senior}
                      if bands and (bands.junior or bands.mid or bands.senior) else None),
            "pairs_with": [self.skill_ref(self.kb.skill(p)) for p in link.pairs_with],
            "claims": traced, "untraced": untraced, "references": references, "ref_numbers": numbers,
            "faq": faq, "hub": {"title": hub.title, "url": self.path_for("hub", hub.id)} if hub else None,
            "attributions": self.attributions(career, skill),
            "skills_url": f"{career_url}/skills", "canonical": url,
            "description": f"{skill.name} for {career.name}: importance, salary impact, learning ramp, "
                           f"proficiency bands and cited research.",
            "breadcrumbs": self.breadcrumbs(*self.hub_crumb(career_id), (career.name, career_url),
                                            ("All skills", f"{career_url}/skills"), (skill.name, url)),
        }

    @memoized_page
    def skill(self, skill_id: str) -> dict | None:
        skill = self.kb.skill(skill_id)
        if not skill:
            return None
        url = self.path_for("skill", skill_id)
        traced, untraced = self._claims_split(skill.claims)
        references, numbers = self.references([c["ref"] for c in traced])
        needing = sorted(self.kb.careers_needing(skill_id),
                         key=lambda cl: (IMPORTANCE_ORDER[cl[1].importance], cl[0].name))
        referrers = [self.skill_ref(s) for s in self.kb.catalogue.skills.values()
                     if any(a.skill == skill_id for a in s.adjacent) and
                     s.id not in {a.skill for a in skill.adjacent}]
        return {
            "id": skill.id, "name": skill.name, "description": skill.description, "url": url,
            "aliases": list(skill.aliases), "category": skill.category, "applicability": skill.applicability,
            "learning_ramp": skill.learning_ramp, "used_by": human_list(list(skill.used_by)),
            "used_by_context": skill.used_by_context,
            "careers": [{**self.career_ref(c), "importance": l.importance,
                         "drilldown_url": self.drilldown_url(c.id, skill_id)} for c, l in needing],
            "adjacent": [{**self.skill_ref(s), "weight": w} for s, w in self.kb.adjacent(skill_id)],
            "adjacent_from": referrers,
            "claims": traced, "untraced": untraced, "references": references, "ref_numbers": numbers,
            "attributions": self.attributions(skill),
            "title": skill.name, "description_meta": _first_sentence(skill.description),
            "canonical": url, "breadcrumbs": self.breadcrumbs(("Skills", "/skills"), (skill.name, url)),
        }

    @memoized
    def skills_index(self) -> dict:
        skills = sorted(self.kb.catalogue.skills.values(), key=lambda s: s.name.casefold())
        by_category: dict[str, list] = {}
        for s in skills:
            by_category.setdefault(s.category or "Other", []).append(
                {**self.skill_ref(s), "careers": len(self.kb.careers_needing(s.id))})
        return {"title": "All skills", "categories": sorted(by_category.items()),
                "description": f"All {len(skills)} skills in the catalogue, by category.",
                "canonical": "/skills", "breadcrumbs": self.breadcrumbs(("Skills", "/skills"))}

    @memoized
    def citations_index(self) -> dict:
        citations = sorted(self.kb.catalogue.citations.values(),
                           key=lambda c: (-(c.year or 0), (c.short or c.title).casefold()))
        return {"title": "Sources", "citations": [{**self.citation_ref(c.id), "claims": len(c.claims)}
                                                  for c in citations],
                "description": "Every source the catalogue cites, with its claims and where they are used.",
                "canonical": "/citations", "breadcrumbs": self.breadcrumbs(("Sources", "/citations"))}

    @memoized_page
    def citation(self, citation_id: str) -> dict | None:
        citation = self.kb.citation(citation_id)
        if not citation:
            return None
        url = self.path_for("citation", citation_id)
        claims = []
        for claim in citation.claims:
            ref = f"{citation_id}#{claim.id}"
            claims.append({**self.claim(ref), "cited_by": self._cited_by(ref)})
        return {**self.citation_ref(citation_id), "claims": claims, "url": url,
                "title": citation.short or citation.title,
                "description": f"{citation.title}: the claims careergraph draws from it and every page citing them.",
                "canonical": url, "breadcrumbs": self.breadcrumbs(("Sources", "/citations"),
                                                                  (citation.short or citation.title, url))}

    def _cited_by(self, ref: str) -> list[dict]:
        return self._citing_pages().get(ref, [])

    @memoized
    def _citing_pages(self) -> dict:
        out: dict[str, list] = {}
        for career in self.kb.catalogue.careers.values():
            for ref in career.claims:
                out.setdefault(ref, []).append({"name": career.name, "url": self.path_for("career", career.id)})
            for link in career.skills:
                skill = self.kb.skill(link.skill)
                for ref in link.claims:
                    out.setdefault(ref, []).append({"name": f"{skill.name} for {career.name}",
                                                    "url": self.drilldown_url(career.id, skill.id)})
        for skill in self.kb.catalogue.skills.values():
            for ref in skill.claims:
                out.setdefault(ref, []).append({"name": skill.name, "url": self.path_for("skill", skill.id)})
        return out


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text
