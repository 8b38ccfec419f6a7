"""Serialise the knowledge base: RDF formats for analysts, GraphML for Gephi."""
from __future__ import annotations

import io

import networkx as nx

from .formats import DOCUMENT_FORMATS
from .kb import KnowledgeBase

RDF_FORMATS = {f.key: f.rdflib for f in DOCUMENT_FORMATS}  # ttl, nt, jsonld
FORMATS = tuple(RDF_FORMATS) + ("graphml",)


def export(kb: KnowledgeBase, fmt: str) -> bytes:
    if fmt in RDF_FORMATS:
        data = kb.rdf.serialize(format=RDF_FORMATS[fmt])
        return data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "graphml":
        buffer = io.BytesIO()
        graph = kb.links.copy()
        for _, data in graph.nodes(data=True):  # GraphML has no null: drop absent values
            for k in [k for k, v in data.items() if v is None]:
                del data[k]
        nx.write_graphml(graph, buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}, expected one of {', '.join(FORMATS)}")
