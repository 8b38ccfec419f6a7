"""schema.org JSON-LD for each page, from the same view dict the HTML renders.

The context is inline (`@vocab`), so parsers need no network; the JSON is escaped so it
cannot close its <script> element whatever a name contains.
"""
from __future__ import annotations

import json

CONTEXT = {"@vocab": "https://schema.org/"}


def breadcrumb_list(view: dict, iri) -> dict:
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": i, "name": c["name"], "item": iri(c["url"])}
        for i, c in enumerate(view["breadcrumbs"], 1)]}


def page_jsonld(kind: str, view: dict, iri) -> dict:
    graph = [breadcrumb_list(view, iri)]
    if kind == "career":
        graph.append({"@type": "Occupation", "@id": iri(view["url"]), "name": view["name"],
                      "description": view["summary"],
                      **({"occupationalCategory": view["onet_soc"]} if view["onet_soc"] else {}),
                      "skills": [s["name"] for g in view["skill_groups"] for s in g["skills"]]})
    elif kind == "skill":
        graph.append({"@type": "DefinedTerm", "@id": iri(view["url"]), "name": view["name"],
                      "description": view["description"], "alternateName": view["aliases"]})
    elif kind == "citation":
        types = {"article": "ScholarlyArticle", "report": "Report", "dataset": "Dataset", "webpage": "WebPage"}
        entry = {"@type": types.get(view["kind"], "CreativeWork"), "@id": iri(view["url"]), "name": view["title"],
                 "author": [{"@type": "Person" if view["kind"] == "article" else "Organization", "name": a}
                            for a in view["all_authors"]]}
        if view["year"]:
            entry["datePublished"] = str(view["year"])
        if view["source_url"]:
            entry["sameAs"] = view["source_url"]
        graph.append(entry)
    elif kind == "drilldown":
        graph.append({"@type": "WebPage", "@id": iri(view["canonical"]), "name": view["title"],
                      "about": [{"@type": "Occupation", "@id": iri(view["career"]["url"]),
                                 "name": view["career"]["name"]},
                                {"@type": "DefinedTerm", "@id": iri(view["skill"]["url"]),
                                 "name": view["skill"]["name"]}]})
        if view["faq"]:
            graph.append({"@type": "FAQPage", "mainEntity": [
                {"@type": "Question", "name": item["question"],
                 "acceptedAnswer": {"@type": "Answer", "text": item["answer"]}} for item in view["faq"]]})
    elif kind == "hub":
        graph.append({"@type": "CollectionPage", "@id": iri(view["canonical"]), "name": view["title"],
                      "description": view["intro"], "hasPart": [
                          {"@type": "Occupation", "@id": iri(c["url"]), "name": c["name"]}
                          for s in view["sections"] for c in s["careers"]]})
    else:
        graph.append({"@type": "WebPage", "@id": iri(view["canonical"]), "name": view["title"]})
    return {"@context": CONTEXT, "@graph": graph}


def dumps_for_html(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
