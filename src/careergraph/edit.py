"""The save pipeline, independent of Flask.

An edit is a set of file writes, each made against the version of the file the editor read
(a hash of its bytes). `Workspace.save`, under one lock shared by every process:

1. refuses a write whose file moved on since it was read (Conflict: nothing is written);
2. validates the whole candidate graph with the validator behind `careergraph validate` and
   refuses errors the edit adds (Refused), reporting warnings;
3. writes each file atomically (temp file, fsync, rename, fsync folder);
4. records the change in the journal (history.py);
5. moves the graph version on, so every worker reloads the new graph as a whole.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import atomicfile
from .documents import render_document, unlinked
from .history import Entry, FileChange, Journal
from .kb import content_version
from .load import parse_yaml
from .problems import Problem
from .records import FOLDERS, KINDS
from .schema import SLUG
from .validate import validate_graph

ABSENT = "absent"  # the version of a file that does not exist
LOCK = "edit.lock"


def file_version(raw: bytes | None) -> str:
    return ABSENT if raw is None else hashlib.sha256(raw).hexdigest()[:16]


class EditError(ValueError):
    """A request the pipeline cannot act on (unknown kind, bad id, unreadable file)."""


@dataclass(frozen=True)
class Source:
    """One entity file as it was read."""

    kind: str
    id: str
    file: str  # relative to the graph folder
    raw: bytes | None  # None: the file does not exist

    @property
    def exists(self) -> bool:
        return self.raw is not None

    @property
    def version(self) -> str:
        return file_version(self.raw)

    @property
    def text(self) -> str:
        return "" if self.raw is None else self.raw.decode("utf-8", "replace")

    def data(self) -> dict:
        if self.raw is None:
            return {}
        try:
            data, _ = parse_yaml(self.raw.decode("utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise EditError(f"{self.file} cannot be read as YAML ({exc}); fix it by hand") from exc
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise EditError(f"{self.file} does not hold a mapping; fix it by hand")
        return data


@dataclass(frozen=True)
class Write:
    kind: str
    id: str
    content: bytes | None  # None deletes the file
    base_version: str  # the version the editor read; ABSENT to create

    @classmethod
    def document(cls, kind: str, entity_id: str, data: dict, base_version: str) -> "Write":
        return cls(kind, entity_id, render_document(kind, data), base_version)


class Conflict(Exception):
    """Some file changed since the editor read it; `stale` pairs each write with the file now."""

    def __init__(self, stale: list[tuple[Write, Source]]):
        super().__init__(", ".join(f"{s.file} is at {s.version}, not {w.base_version}" for w, s in stale))
        self.stale = stale


class Refused(Exception):
    """The edit would add errors to the graph."""

    def __init__(self, errors: list[Problem], warnings: list[Problem]):
        super().__init__("; ".join(str(p) for p in errors))
        self.errors, self.warnings = errors, warnings


@dataclass(frozen=True)
class SaveResult:
    entry: Entry | None  # None when the edit changed nothing
    warnings: list[Problem]
    graph_version: str | None


@dataclass(frozen=True)
class Unlink:
    """A file that refers to an entity about to be deleted, and what removing that takes."""

    source: Source
    data: dict
    removed: list[str]


class Workspace:
    """One graph folder and its instance folder (lock, journal, version marker)."""

    def __init__(self, graph_dir: str | Path, instance_dir: str | Path, base: str, shacl: bool = True,
                 on_saved: Callable[[str], None] | None = None):
        self.graph = Path(graph_dir)
        self.instance = Path(instance_dir)
        self.base, self.shacl, self.on_saved = base, shacl, on_saved
        self.journal = Journal(self.instance)

    # --- files -------------------------------------------------------------------------------
    def file_of(self, kind: str, entity_id: str) -> str:
        if kind not in KINDS:
            raise EditError(f"unknown kind {kind!r}, expected one of {', '.join(KINDS)}")
        if not isinstance(entity_id, str) or not SLUG.match(entity_id):
            raise EditError(f"{entity_id!r} is not a valid id, expected a lowercase slug like data-scientist")
        return f"{FOLDERS[kind]}/{entity_id}.yaml"

    def read(self, kind: str, entity_id: str) -> Source:
        file = self.file_of(kind, entity_id)
        try:
            raw = (self.graph / file).read_bytes()
        except FileNotFoundError:
            raw = None
        return Source(kind, entity_id, file, raw)

    def ids(self, kind: str) -> list[str]:
        folder = self.graph / FOLDERS[kind]
        return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []

    # --- the pipeline ------------------------------------------------------------------------
    def save(self, writes: list[Write], editor: str, message: str, revert_of: str | None = None) -> SaveResult:
        with atomicfile.locked(self.instance / LOCK):
            current = [self.read(w.kind, w.id) for w in writes]
            stale = [(w, s) for w, s in zip(writes, current, strict=True) if s.version != w.base_version]
            if stale:
                raise Conflict(stale)
            if all(w.content == s.raw for w, s in zip(writes, current, strict=True)):
                return SaveResult(None, [], None)
            warnings = self._validate(writes, current)
            for folder in {self.graph / FOLDERS[w.kind] for w in writes}:
                atomicfile.sweep_temp_files(folder)  # left by a writer killed mid-write
            # deletions last: a crash between files then leaves references unlinked, never dangling
            for w in sorted(writes, key=lambda w: w.content is None):
                path = self.graph / self.file_of(w.kind, w.id)
                if w.content is None:
                    atomicfile.remove(path)
                else:
                    atomicfile.atomic_write(path, w.content)
            entry = self.journal.append(editor, message, [FileChange(s.file, s.raw, w.content)
                                                          for w, s in zip(writes, current, strict=True)], revert_of)
            version = content_version(self.graph)
            if self.on_saved:
                self.on_saved(version)
            return SaveResult(entry, warnings, version)

    def _validate(self, writes: list[Write], current: list[Source]) -> list[Problem]:
        for w in writes:
            (self.graph / FOLDERS[w.kind]).mkdir(parents=True, exist_ok=True)
        overlay = {self.graph / s.file: None if w.content is None else w.content.decode("utf-8", "surrogateescape")
                   for w, s in zip(writes, current, strict=True)}
        problems = [self._relative(p) for p in validate_graph(self.graph, self.base, overlay, self.shacl)]
        touched = {s.file for s in current}
        warnings = [p for p in problems if not p.is_error and p.file in touched]
        errors = [p for p in problems if p.is_error]
        if errors:
            baseline = [self._relative(p) for p in validate_graph(self.graph, self.base, shacl=self.shacl)]
            added = _added(errors, [p for p in baseline if p.is_error])
            if added:
                raise Refused(added, warnings)
        return warnings

    def _relative(self, problem: Problem) -> Problem:
        try:
            file = Path(problem.file).resolve().relative_to(self.graph.resolve()).as_posix()
        except ValueError:
            return problem  # SHACL problems name an IRI, not a file
        return dataclasses.replace(problem, file=file)

    # --- operations built on save ------------------------------------------------------------
    def referrers(self, kind: str, entity_id: str) -> list[Unlink]:
        """Every other file that refers to the entity, with what unlinking it removes."""
        out = []
        for other_kind in KINDS:
            for other_id in self.ids(other_kind):
                if (other_kind, other_id) == (kind, entity_id):
                    continue
                source = self.read(other_kind, other_id)
                if entity_id.encode() not in source.raw:  # cheap filter before parsing
                    continue
                data, removed = unlinked(other_kind, source.data(), kind, entity_id)
                if removed:
                    out.append(Unlink(source, data, removed))
        return out

    def delete(self, kind: str, entity_id: str, versions: dict[str, str], editor: str, message: str,
               unlink: bool) -> SaveResult:
        """Delete one entity; with `unlink`, rewrite the files that refer to it as one change.
        `versions` maps each file to the version the editor saw (on the confirmation page)."""
        source = self.read(kind, entity_id)
        if not source.exists:
            raise EditError(f"{source.file} does not exist")
        writes = [Write(kind, entity_id, None, versions.get(source.file, ABSENT))]
        if unlink:
            writes += [Write.document(u.source.kind, u.source.id, u.data, versions.get(u.source.file, ABSENT))
                       for u in self.referrers(kind, entity_id)]
        return self.save(writes, editor, message)

    def revert(self, entry_id: str, editor: str, message: str | None = None,
               versions: dict[str, str] | None = None) -> SaveResult:
        """Write back the exact bytes each file had before the change; itself a change.
        `versions` (file -> version) guards against files that moved on since the editor
        looked; without it, the files as they are now are reverted."""
        entry = self.journal.get(entry_id)
        if entry is None:
            raise EditError(f"no change {entry_id!r} in the history")
        writes = []
        for change in entry.changes:
            source = self._source_of(change.file)
            base = versions.get(change.file, ABSENT) if versions is not None else source.version
            writes.append(Write(source.kind, source.id, change.before, base))
        return self.save(writes, editor, message or f"revert {entry.id}: {entry.message}", revert_of=entry.id)

    def _source_of(self, file: str) -> Source:
        folder, _, name = file.partition("/")
        kind = next((k for k, f in FOLDERS.items() if f == folder), None)
        if kind is None or not name.endswith(".yaml"):
            raise EditError(f"{file!r} is not an entity file")
        return self.read(kind, name[:-len(".yaml")])


def _added(errors: list[Problem], baseline: list[Problem]) -> list[Problem]:
    """Errors the edit brings: compared by file and message, since lines move when text does."""
    remaining = Counter((p.file, p.message) for p in baseline)
    out = []
    for p in errors:
        if remaining[(p.file, p.message)]:
            remaining[(p.file, p.message)] -= 1
        else:
            out.append(p)
    return out
