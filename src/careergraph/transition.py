"""The career-transition planner: what moving from one career to another takes (no Flask).

- shared skills: skills both careers require (with their importance for the target);
- missing skills: the target's skills the source does not require, core first;
- bridging skills: missing skills adjacent (either direction) to a skill of the source;
- stepping stones: careers strictly inside the shortest path between the two over
  neighbour-of links (over any relation when there is none), then careers that neighbour
  both and require some missing skills, most missing skills first;
- overlap: the share of the target's importance weight its shared skills carry.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from . import records as r
from .assess import WEIGHTS, adjacent_skill_ids, links_by_importance, total_weight
from .kb import KnowledgeBase
from .linkgraph import node_key


@dataclass(frozen=True)
class Bridge:
    link: r.CareerSkillLink  # the target career's link to the missing skill
    via: tuple[str, ...]  # the source career's skills it is adjacent to


@dataclass(frozen=True)
class SteppingStone:
    career: r.Career
    on_path: bool
    covers: tuple[str, ...]  # missing skills this career requires


@dataclass(frozen=True)
class Plan:
    source: r.Career
    target: r.Career
    shared: list[r.CareerSkillLink]
    missing: list[r.CareerSkillLink]
    bridging: list[Bridge]
    path: list[str]  # link-graph node keys, source first; empty when unconnected
    path_over: str  # "neighbour-of" or "any"
    stepping_stones: list[SteppingStone]
    overlap: float


def plan(kb: KnowledgeBase, source_id: str, target_id: str) -> Plan:
    source, target = kb.career(source_id), kb.career(target_id)
    have = {link.skill for link in source.skills}
    by_importance = links_by_importance(kb, target)
    shared = [l for l in by_importance if l.skill in have]
    missing = [l for l in by_importance if l.skill not in have]
    bridges = [Bridge(l, tuple(s for s in adjacent_skill_ids(kb, l.skill) if s in have)) for l in missing]
    bridging = [b for b in bridges if b.via]
    path, over = _career_path(kb, source_id, target_id)
    total = total_weight(target)
    return Plan(source, target, shared, missing, bridging, path, over,
                _stepping_stones(kb, path, source_id, target_id, {l.skill for l in missing}),
                sum(WEIGHTS[l.importance] for l in shared) / total if total else 0.0)


def _career_path(kb: KnowledgeBase, source_id: str, target_id: str) -> tuple[list[str], str]:
    ends = (("career", source_id), ("career", target_id))
    path = kb.shortest_path(*ends, relations=("neighbour-of",))
    if path:
        return path, "neighbour-of"
    return kb.shortest_path(*ends) or [], "any"


def _stepping_stones(kb: KnowledgeBase, path: list[str], source_id: str, target_id: str,
                     missing: set[str]) -> list[SteppingStone]:
    def covers(career: r.Career) -> tuple[str, ...]:
        return tuple(sorted((l.skill for l in career.skills if l.skill in missing),
                            key=lambda s: kb.skill(s).name.casefold()))

    careers = kb.links.nodes
    inside = [careers[n]["id"] for n in path[1:-1] if careers[n]["kind"] == "career"]
    stones = [SteppingStone(kb.career(c), True, covers(kb.career(c))) for c in inside]
    neighbours = kb.undirected(("neighbour-of",))
    both = (set(neighbours[node_key("career", source_id)]) & set(neighbours[node_key("career", target_id)])
            - set(path))
    extra = [SteppingStone(kb.career(careers[n]["id"]), False, covers(kb.career(careers[n]["id"]))) for n in both]
    extra = [s for s in extra if s.covers]
    return stones + sorted(extra, key=lambda s: (-len(s.covers), s.career.name.casefold()))


def picture_graph(kb: KnowledgeBase, result: Plan) -> nx.MultiDiGraph:
    """The part of the link graph a plan talks about: its path, stepping stones and bridges."""
    nodes = set(result.path) | {node_key("career", c) for c in (result.source.id, result.target.id)}
    nodes |= {node_key("career", s.career.id) for s in result.stepping_stones}
    for bridge in result.bridging:
        nodes |= {node_key("skill", s) for s in (bridge.link.skill, *bridge.via)}
    return nx.MultiDiGraph(kb.links.subgraph(nodes))
