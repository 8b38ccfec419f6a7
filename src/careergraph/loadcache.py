"""A cache of loaded graphs keyed by the content's hash, so a warm start skips YAML and RDF work.

Each entry is a pickle of the checked records and the link graph, plus the N-Triples the
RDF store is rebuilt from when something first needs it. Entries are written atomically
(temporary file, rename) and a broken or foreign entry is ignored and rewritten.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

FORMAT = 1  # bump when what is pickled changes shape
DEFAULT_DIR = os.environ.get("CAREERGRAPH_CACHE", ".cache/careergraph")
KEEP = 4  # entries kept; older ones are removed


class LoadCache:
    def __init__(self, folder: str | Path | None, version: str, base: str):
        self.folder = Path(folder or DEFAULT_DIR)
        digest = hashlib.sha256(f"{FORMAT}|{version}|{base}".encode()).hexdigest()[:20]
        self.pickle_path = self.folder / f"{digest}.pickle"
        self.nt_path = self.folder / f"{digest}.nt"

    def read(self):
        try:
            with open(self.pickle_path, "rb") as f:
                return pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None

    def read_ntriples(self) -> bytes | None:
        try:
            return self.nt_path.read_bytes()
        except OSError:
            return None

    def write(self, loaded, links, ntriples: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.nt_path, ntriples)
            _atomic_write(self.pickle_path, pickle.dumps((loaded, links), protocol=pickle.HIGHEST_PROTOCOL))
            self._prune()
        except OSError:
            pass  # a read-only or full disk only costs the next start its cache

    def write_soon(self, loaded, links, ntriples: bytes, background: bool) -> None:
        """Write the entry; for a big graph, in a detached process so the load returns at once
        (a double fork: the grandchild is nobody's to wait for, and exits when written)."""
        if not background:
            self.write(loaded, links, ntriples)
            return
        child = os.fork()
        if child:
            os.waitpid(child, 0)
            return
        try:
            if os.fork() == 0:
                self.write(loaded, links, ntriples)
        finally:
            os._exit(0)

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
            old.with_suffix(".nt").unlink(missing_ok=True)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
