"""Whole-graph dumps (Turtle, N-Triples, JSON-LD), serialised once per graph version.

The web process serves them at /dump.* and feeds the N-Triples to the SPARQL worker; the
bytes come from `export.export`, so `careergraph export` and /dump.nt are the same file.
"""
from __future__ import annotations

import gzip

from .export import export
from .versioncache import per_version


def dump(kb, fmt: str) -> bytes:
    """The whole graph as `fmt` (ttl, nt, jsonld)."""
    return per_version(kb, f"dump.{fmt}", lambda: export(kb, fmt))


def gzipped_dump(kb, fmt: str) -> bytes:
    # mtime=0: one graph version gives the same bytes (and ETag) in every process
    return per_version(kb, f"dump.{fmt}.gz", lambda: gzip.compress(dump(kb, fmt), mtime=0))
