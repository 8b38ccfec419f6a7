"""`careergraph import onet`: the O*NET database as careers, skills and links in graph/ YAML.

The output folder is a whole graph: the hand-made catalogue it starts from, plus
- every O*NET occupation as a career (alternate titles as aliases, job zone, O*NET-SOC code,
  Primary-Short related occupations as neighbours), listed in a pillar hub per SOC major
  group with a section per job zone;
- every technology example as a skill (its commodity title as category) linked with the Hot
  Technology and In Demand flags: In Demand → core, Hot → important, else supporting;
- Skills and Knowledge elements rated important (IM ≥ 3.5 on O*NET's 1–5 scale, not
  suppressed) as skills linked with that rating: ≥ 4 → core, else important.
An occupation whose O*NET-SOC code a hand-made career carries enriches that career; a
technology whose name matches a hand-made skill's name or alias (ignoring case) links to it.
Every imported entity is `derived_from: [onet-29-2]`, whose attribution line its pages show.
The result is deterministic: importing twice writes the same bytes.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import yaml

from ..documents import render_document
from ..load import load_graph
from .onet_files import OnetData, read_onet

ONET_CITATION = "onet-29-2"
MARKER = ".careergraph-import"
RATING_THRESHOLD = 3.5
MAJOR_GROUPS = {  # SOC 2018 major groups
    "11": "Management", "13": "Business and Financial Operations", "15": "Computer and Mathematical",
    "17": "Architecture and Engineering", "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service", "23": "Legal", "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media", "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support", "33": "Protective Service", "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance", "39": "Personal Care and Service",
    "41": "Sales and Related", "43": "Office and Administrative Support", "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction", "49": "Installation, Maintenance, and Repair", "51": "Production",
    "53": "Transportation and Material Moving", "55": "Military Specific",
}
IMPORTANCE_RANK = {"core": 0, "important": 1, "supporting": 2}


def slugify(text: str) -> str:
    text = text.replace("C++", "c-plus-plus").replace("C#", "c-sharp").replace("F#", "f-sharp")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("+", " plus ").replace("#", " sharp ").replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].strip("-") or "item"


class IdAllocator:
    """Unique slugs: the first owner of a slug keeps it, later ones get -2, -3, ..."""

    def __init__(self, taken):
        self.taken = set(taken)

    def new(self, name: str) -> str:
        base = slugify(name)
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate


def import_onet(onet_dir: str | Path, out_dir: str | Path, graph_dir: str | Path) -> dict:
    """Write the merged graph to out_dir; returns counts. Raises OnetFileError on bad input."""
    onet_dir, out_dir, graph_dir = Path(onet_dir), Path(out_dir), Path(graph_dir)
    data = read_onet(onet_dir, min_importance=RATING_THRESHOLD)
    base = load_graph(graph_dir)
    if base.problems.errors:
        raise ValueError(f"{graph_dir} has errors; run `careergraph validate --graph {graph_dir}` first")
    documents = _hand_made_documents(graph_dir, base.files)
    counts = _merge(data, base.catalogue, documents)
    _write(out_dir, graph_dir, documents)
    return counts


def _hand_made_documents(graph_dir: Path, files) -> dict[tuple[str, str], dict]:
    return {key: yaml.safe_load(path.read_text(encoding="utf-8")) for key, path in sorted(files.items())}


def _merge(data: OnetData, catalogue, documents: dict) -> dict:
    ids = IdAllocator({i for _, i in documents})
    by_soc = {c.alignments.onet_soc: c.id for c in catalogue.careers.values()
              if c.alignments and c.alignments.onet_soc}
    skill_by_name = {}
    for skill in catalogue.skills.values():
        for name in (skill.name, *skill.aliases):
            skill_by_name.setdefault(name.casefold(), skill.id)

    # careers: a hand-made one per SOC code where there is one, else a new id
    career_ids = {}
    for soc, (title, _) in sorted(data.occupations.items()):
        career_ids[soc] = by_soc.get(soc) or ids.new(title)

    # skills: rated elements first (stable ids for the few, well-known names), then technologies
    skill_docs: dict[str, dict] = {}

    def skill_for(name: str, make) -> str:
        key = name.casefold()
        if key not in skill_by_name:
            skill_by_name[key] = ids.new(name)
            skill_docs[skill_by_name[key]] = make()
        return skill_by_name[key]

    element_ids = {}
    for soc in sorted(data.ratings):
        for domain, element_id, name, _ in data.ratings[soc]:
            if element_id in element_ids:
                continue
            label = name if domain == "skill" else f"{name} (knowledge)"
            description = data.element_descriptions.get(element_id) or f"O*NET {domain} element {element_id}."
            element_ids[element_id] = skill_for(label, lambda d=description, l=label, dom=domain: {
                "name": l, "description": d, "category": f"O*NET {'Skills' if dom == 'skill' else 'Knowledge'}",
                "derived_from": [ONET_CITATION]})
    tech_ids = {}
    for soc in sorted(data.technologies):
        for example, code, commodity, _, _ in data.technologies[soc]:
            if example in tech_ids:
                continue
            tech_ids[example] = skill_for(example, lambda e=example, c=code, t=commodity: {
                "name": e, "description": f"{e} is listed by O*NET as a technology in the commodity category "
                                          f"“{t}” (UNSPSC {c}).",
                "category": t, "derived_from": [ONET_CITATION]})

    link_count = 0
    new_careers = 0
    for soc, (title, description) in sorted(data.occupations.items()):
        career_id = career_ids[soc]
        links = []
        for example, _, _, hot, demand in data.technologies.get(soc, []):
            link = {"skill": tech_ids[example], "importance": "core" if demand else "important" if hot else "supporting"}
            if demand:
                link["posting_signal"] = "positive-signal"
            link.update({k: True for k, v in (("hot_technology", hot), ("in_demand", demand)) if v})
            links.append(link)
        for _, element_id, _, value in data.ratings.get(soc, []):
            links.append({"skill": element_ids[element_id], "importance": "core" if value >= 4 else "important",
                          "onet_importance": value})
        links.sort(key=lambda l: (IMPORTANCE_RANK[l["importance"]], l["skill"]))
        # two O*NET examples can name one hand-made skill ("Bash", "GNU Bash"): keep the strongest link
        links = list({l["skill"]: l for l in reversed(links)}.values())[::-1]
        neighbours = [career_ids[r] for r in data.related.get(soc, []) if r in career_ids]
        aliases = [a for a in data.alternate_titles.get(soc, []) if a.casefold() != title.casefold()]
        key = ("career", career_id)
        if key in documents:  # enrich the hand-made career, keeping everything it says
            doc = documents[key]
            linked = {l["skill"]: l for l in doc.get("skills", [])}
            for link in links:  # O*NET's flags and ratings join the hand-made link; its judgement stays
                if link["skill"] in linked:
                    linked[link["skill"]].update({k: v for k, v in link.items()
                                                  if k in ("hot_technology", "in_demand", "onet_importance")})
            new_links = [l for l in links if l["skill"] not in linked]
            doc["skills"] = doc.get("skills", []) + new_links
            doc["aliases"] = _union(doc.get("aliases", []), [title] + aliases, exclude=doc["name"])
            doc["neighbours"] = _union(doc.get("neighbours", []), neighbours, exclude=career_id)
            doc.setdefault("job_zone", data.job_zones.get(soc))
            doc["derived_from"] = _union(doc.get("derived_from", []), [ONET_CITATION])
            link_count += len(new_links)
        else:
            doc = {"name": title, "aliases": sorted(aliases), "summary": description,
                   "neighbours": [n for n in dict.fromkeys(neighbours) if n != career_id],
                   "alignments": {"onet_soc": soc}, "job_zone": data.job_zones.get(soc),
                   "derived_from": [ONET_CITATION], "skills": links}
            documents[key] = doc
            link_count += len(links)
            new_careers += 1
        for k in [k for k, v in doc.items() if v in (None, [], {})]:
            del doc[k]
    for skill_id, doc in skill_docs.items():
        documents[("skill", skill_id)] = doc
    _hubs(data, career_ids, documents)
    return {"occupations": len(data.occupations), "new careers": new_careers,
            "enriched careers": len(set(by_soc) & set(data.occupations)), "new skills": len(skill_docs),
            "links added": link_count}


def _union(first: list, second: list, exclude=None) -> list:
    out = []
    seen = {exclude.casefold()} if isinstance(exclude, str) else set()
    for item in list(first) + list(second):
        key = item.casefold() if isinstance(item, str) else item
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _hubs(data: OnetData, career_ids: dict, documents: dict) -> None:
    """A pillar hub per SOC major group, a section per job zone, careers by title."""
    groups: dict[str, dict[int | None, list[str]]] = {}
    for soc, (title, _) in sorted(data.occupations.items(), key=lambda item: item[1][0]):
        groups.setdefault(soc[:2], {}).setdefault(data.job_zones.get(soc), []).append(career_ids[soc])
    for order, (major, zones) in enumerate(sorted(groups.items()), start=10):
        name = MAJOR_GROUPS.get(major, f"SOC major group {major}")
        sections = []
        for zone in sorted(zones, key=lambda z: (z is None, z or 0)):
            title = f"Job zone {zone}: {data.job_zone_names[zone]}" if zone in data.job_zone_names \
                else "Job zone not rated"
            sections.append({"title": title, "careers": list(dict.fromkeys(zones[zone]))})
        documents[("hub", f"onet-{major}-{slugify(name)}")] = {
            "title": f"{name} occupations",
            "intro": f"O*NET occupations in SOC major group {major} ({name}), by job zone: how much "
                     "preparation the work needs.",
            "order": order, "sections": sections}


def _write(out_dir: Path, graph_dir: Path, documents: dict) -> None:
    folders = {"hub": "hubs", "career": "careers", "skill": "skills", "citation": "citations"}
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise FileExistsError(f"{out_dir} exists and was not written by `careergraph import`; "
                              "choose an empty or new --out folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text("written by `careergraph import onet`; files here are replaced on import\n")
    wanted = set()
    for (kind, entity_id), doc in sorted(documents.items()):
        path = out_dir / folders[kind] / f"{entity_id}.yaml"
        path.parent.mkdir(exist_ok=True)
        body = render_document(kind, doc)
        if not path.exists() or path.read_bytes() != body:
            path.write_bytes(body)
        wanted.add(path)
    for extra in ("ontology.ttl", "shapes.ttl", "SCHEMA.md"):
        if (graph_dir / extra).exists():
            shutil.copyfile(graph_dir / extra, out_dir / extra)
            wanted.add(out_dir / extra)
    for folder in folders.values():  # an entity gone from the sources goes from the output
        for path in (out_dir / folder).glob("*.yaml"):
            if path not in wanted:
                path.unlink()
