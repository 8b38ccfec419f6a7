"""The knowledge base: one object owns a loaded graph version and answers named questions.

Built once per graph version (graph/ → records → RDF → link graph); views and templates
ask it questions and never walk triples themselves.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from typing import Callable

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from . import records as r
from .linkgraph import build_link_graph, node_key
from .load import PARALLEL_FROM, LoadResult, load_graph
from .problems import ProblemList
from .loadcache import LoadCache
from .rdf import catalogue_to_ntriples, catalogue_to_store, rdf_store, rdflib_view
from .vocab import DEFAULT_BASE, Iris


def content_version(folder: Path) -> str:
    """A short hash of every file under graph/: the graph version (ETags, caches).
    Plain os.walk and string paths: pathlib's objects cost more than the hashing here."""
    folder = str(folder)
    paths = []
    for root, _, names in os.walk(folder):
        here = os.path.relpath(root, folder)
        paths.extend(name if here == "." else f"{here}/{name}" for name in names)
    digest = hashlib.sha256()
    for relative in sorted(paths):
        try:
            with open(os.path.join(folder, relative), "rb") as f:
                data = f.read()
        except FileNotFoundError:  # a dangling symbolic link, or a file removed meanwhile
            continue
        digest.update(relative.encode())
        digest.update(b"\0")
        digest.update(data)
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while a graph loads. A load makes millions of
    long-lived objects (records, terms, edges) and no cycles worth collecting soon, and every
    collection on the way walks all of them: at O*NET scale the YAML stage takes 2.0 s with
    it running and 1.35 s without (bench/load.py). Forked YAML workers inherit the pause."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class KnowledgeBase:
    folder: Path
    iris: Iris
    loaded: LoadResult
    links: nx.MultiDiGraph
    version: str
    _ntriples: Callable[[], bytes] = field(repr=False, default=None)
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, folder: str | Path, base: str = DEFAULT_BASE, cache_dir: str | Path | None = None) -> "KnowledgeBase":
        """graph/ → records → RDF → link graph; from the cache when this content was loaded before."""
        with collector_paused():
            return cls._load(Path(folder), Iris(base), cache_dir)

    @classmethod
    def _load(cls, folder: Path, iris: Iris, cache_dir) -> "KnowledgeBase":
        version = content_version(folder)
        cache = LoadCache(cache_dir, version, iris.base)
        hit = cache.read()
        store = None
        if hit is not None:
            loaded, links = hit
        else:
            loaded = load_graph(folder)
            ntriples, store = catalogue_to_store(loaded.catalogue, iris)
            links = build_link_graph(store, iris)
            cache.write_soon(loaded, links, ntriples, background=len(loaded.files) >= PARALLEL_FROM)
        # From the cache there is no store: pages never need it; SPARQL or Linked Data build it on
        # first use from the cached N-Triples (or by mapping again if the entry was pruned meanwhile).
        kb = cls(folder=folder, iris=iris, loaded=loaded, links=links, version=version,
                 _ntriples=lambda: cache.read_ntriples() or catalogue_to_ntriples(loaded.catalogue, iris))
        if store is not None:
            kb._cache["store"] = store  # kept: dropping it costs as much as SPARQL's first use would
        return kb

    @property
    def store(self) -> ox.Store:
        """The canonical RDF model (Oxigraph); built on first use when the load came from cache."""
        if "store" not in self._cache:
            self._cache["store"] = rdf_store(self._ntriples())
        return self._cache["store"]

    @property
    def rdf(self) -> Graph:
        """The RDF graph through rdflib's API, over the same store."""
        if "rdf" not in self._cache:
            self._cache["rdf"] = rdflib_view(self.store, self.iris)
        return self._cache["rdf"]

    def ntriples(self) -> bytes:
        return self._ntriples()

    # --- what is in it ----------------------------------------------------------------------
    @property
    def catalogue(self) -> r.Catalogue:
        return self.loaded.catalogue

    @property
    def problems(self) -> ProblemList:
        return self.loaded.problems

    def hub(self, hub_id: str) -> r.Hub | None:
        return self.catalogue.hubs.get(hub_id)

    def career(self, career_id: str) -> r.Career | None:
        return self.catalogue.careers.get(career_id)

    def skill(self, skill_id: str) -> r.Skill | None:
        return self.catalogue.skills.get(skill_id)

    def citation(self, citation_id: str) -> r.Citation | None:
        return self.catalogue.citations.get(citation_id)

    def link(self, career_id: str, skill_id: str) -> r.CareerSkillLink | None:
        career = self.career(career_id)
        return next((l for l in career.skills if l.skill == skill_id), None) if career else None

    def claim(self, ref: str) -> tuple[r.Citation, r.Claim] | None:
        citation_id, _, claim_id = ref.partition("#")
        citation = self.citation(citation_id)
        claim = next((c for c in citation.claims if c.id == claim_id), None) if citation else None
        return (citation, claim) if claim else None

    def hubs_in_order(self) -> list[r.Hub]:
        return sorted(self.catalogue.hubs.values(), key=lambda h: (h.order is None, h.order or 0, h.title))

    def hubs_of(self, career_id: str) -> list[r.Hub]:
        return [h for h in self.hubs_in_order()
                if any(career_id in s.careers for s in h.sections)]

    def careers_needing(self, skill_id: str) -> list[tuple[r.Career, r.CareerSkillLink]]:
        return self._careers_needing().get(skill_id, [])

    def _careers_needing(self) -> dict:
        if "needing" not in self._cache:
            out: dict[str, list] = {}
            for career in self.catalogue.careers.values():
                for link in career.skills:
                    out.setdefault(link.skill, []).append((career, link))
            self._cache["needing"] = out
        return self._cache["needing"]

    def adjacent(self, skill_id: str) -> list[tuple[r.Skill, float | None]]:
        skill = self.skill(skill_id)
        if not skill:
            return []
        return [(self.skill(a.skill), a.weight) for a in skill.adjacent if self.skill(a.skill)]

    def shortest_path(self, source: tuple[str, str], target: tuple[str, str],
                      relations: tuple[str, ...] | None = None) -> list[str] | None:
        """Shortest path between two entities in the link graph, ignoring direction."""
        graph = self.undirected(relations)
        a, b = node_key(*source), node_key(*target)
        if a not in graph or b not in graph:
            return None
        try:
            return nx.shortest_path(graph, a, b)
        except nx.NetworkXNoPath:
            return None

    def undirected(self, relations: tuple[str, ...] | None = None) -> nx.Graph:
        cache_key = ("undirected", relations)
        if cache_key not in self._cache:
            g = nx.Graph()
            g.add_nodes_from(self.links.nodes(data=True))
            g.add_edges_from((u, v) for u, v, rel in self.links.edges(data="relation")
                             if relations is None or rel in relations)
            self._cache[cache_key] = g
        return self._cache[cache_key]

    @cached_property
    def stats(self) -> dict:
        cat = self.catalogue
        links = sum(len(c.skills) for c in cat.careers.values())
        return {
            "hubs": len(cat.hubs), "careers": len(cat.careers), "skills": len(cat.skills),
            "citations": len(cat.citations), "career-skill links": links,
            "claims": sum(len(c.claims) for c in cat.citations.values()),
            "adjacencies": sum(len(s.adjacent) for s in cat.skills.values()),
            "triples": len(self.store), "link-graph nodes": self.links.number_of_nodes(),
            "link-graph edges": self.links.number_of_edges(),
            "errors": len(self.problems.errors), "warnings": len(self.problems.warnings),
        }
