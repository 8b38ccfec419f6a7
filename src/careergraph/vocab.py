"""Namespaces and IRIs. Every entity's IRI is its page under a configurable base."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

SCHEMA = Namespace("https://schema.org/")
DEFAULT_BASE = "http://127.0.0.1:8000/"

__all__ = ["SCHEMA", "DCTERMS", "PROV", "RDF", "RDFS", "SKOS", "XSD", "Iris", "DEFAULT_BASE"]


class Iris:
    """Builds and parses entity IRIs for one base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith("/") else base + "/"
        self.cg = Namespace(self.base + "ontology#")

    def hub(self, hub_id: str) -> URIRef:
        return URIRef(f"{self.base}hubs/{hub_id}")

    def career(self, career_id: str) -> URIRef:
        return URIRef(f"{self.base}careers/{career_id}")

    def link(self, career_id: str, skill_id: str) -> URIRef:
        return URIRef(f"{self.base}careers/{career_id}/skills/{skill_id}")

    def skill(self, skill_id: str) -> URIRef:
        return URIRef(f"{self.base}skills/{skill_id}")

    def citation(self, citation_id: str) -> URIRef:
        return URIRef(f"{self.base}citations/{citation_id}")

    def claim(self, ref: str) -> URIRef:
        citation_id, claim_id = ref.split("#", 1)
        return URIRef(f"{self.base}citations/{citation_id}#{claim_id}")

    def entity(self, kind: str, entity_id: str) -> URIRef:
        return getattr(self, kind)(entity_id)

    def parse(self, iri: str) -> tuple[str, str] | None:
        """(kind, id) of an entity IRI, or None. Claims give ('claim', 'citation#claim')."""
        if not iri.startswith(self.base):
            return None
        rest = iri[len(self.base):]
        parts = rest.split("/")
        folders = {"hubs": "hub", "careers": "career", "skills": "skill", "citations": "citation"}
        if len(parts) == 2 and parts[0] in folders:
            if parts[0] == "citations" and "#" in parts[1]:
                return "claim", parts[1]
            if "#" in parts[1]:
                return None
            return folders[parts[0]], parts[1]
        if len(parts) == 4 and parts[0] == "careers" and parts[2] == "skills":
            return "link", f"{parts[1]}/{parts[3]}"
        return None
