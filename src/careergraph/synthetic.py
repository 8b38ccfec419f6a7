"""Write a synthetic, valid graph/ of a chosen size, for scale tests and benchmarks.

Names are generated, not facts: this is test data and is never shipped as a catalogue.
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml


def write_synthetic_graph(folder: str | Path, careers: int = 100, skills: int = 880,
                          links_per_career: int = 12, seed: int = 1) -> Path:
    rng = random.Random(seed)
    folder = Path(folder)
    for kind in ("hubs", "careers", "skills", "citations"):
        (folder / kind).mkdir(parents=True, exist_ok=True)

    def dump(path: Path, data: dict) -> None:
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    skill_ids = [f"skill-{i:05d}" for i in range(skills)]
    career_ids = [f"career-{i:05d}" for i in range(careers)]
    dump(folder / "citations" / "synthetic-source.yaml", {
        "kind": "dataset", "authors": ["careergraph test suite"], "title": "Synthetic test data",
        "year": 2026, "url": "https://example.org/synthetic",
        "claims": [{"id": "made-up", "headline": "Synthetic data", "finding": "Generated for tests.",
                    "topic": "testing", "status": "traced"}]})
    for i, sid in enumerate(skill_ids):
        adjacent = rng.sample([s for s in skill_ids if s != sid], k=min(2, skills - 1))
        dump(folder / "skills" / f"{sid}.yaml", {
            "name": f"Synthetic skill {i}", "description": f"Generated skill number {i}.",
            "category": f"Category {i % 12}", "applicability": "broad", "learning_ramp": "moderate",
            "adjacent": [{"skill": a, "weight": round(rng.uniform(0.1, 1.0), 2)} for a in adjacent]})
    for i, cid in enumerate(career_ids):
        # every skill is linked by someone: walk through them in order, then random ones
        chosen = {skill_ids[(i * links_per_career + j) % skills] for j in range(links_per_career)}
        neighbours = rng.sample([c for c in career_ids if c != cid], k=min(3, careers - 1))
        dump(folder / "careers" / f"{cid}.yaml", {
            "name": f"Synthetic career {i}", "summary": f"Generated career number {i}.", "demand": "moderate",
            "neighbours": neighbours,
            "skills": [{"skill": s, "importance": rng.choice(["core", "important", "supporting"])}
                       for s in sorted(chosen)],
            **({"claims": ["synthetic-source#made-up"]} if i == 0 else {})})
    sections = [{"title": f"Section {k}", "careers": career_ids[k::4]} for k in range(4) if career_ids[k::4]]
    dump(folder / "hubs" / "synthetic-hub.yaml", {"title": "Synthetic hub", "intro": "Generated.",
                                                   "sections": sections})
    return folder
