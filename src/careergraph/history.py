"""The history of edits: an append-only JSON Lines journal in the instance folder.

One line per save: who, when, why, and for each file it touched the exact bytes before and
after (None where the file did not exist). The diff is derived from those two, and a revert
writes the `before` bytes back, so it restores the file exactly, comments and layout included.
Lines are only ever appended; a line torn by a crash mid-append is skipped when reading.
"""
from __future__ import annotations

import difflib
import json
import logging
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .records import FOLDERS

JOURNAL = "history.jsonl"
KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}
log = logging.getLogger(__name__)


def _text(data: bytes | None) -> str | None:
    # surrogateescape keeps any byte sequence; json's ASCII escapes then carry it exactly
    return None if data is None else data.decode("utf-8", "surrogateescape")


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else text.encode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class FileChange:
    file: str  # relative to the graph folder, e.g. careers/data-scientist.yaml
    before: bytes | None
    after: bytes | None

    @property
    def kind(self) -> str | None:
        return KIND_OF_FOLDER.get(PurePosixPath(self.file).parent.name)

    @property
    def entity_id(self) -> str:
        return PurePosixPath(self.file).stem

    @property
    def action(self) -> str:
        return "created" if self.before is None else "deleted" if self.after is None else "changed"

    def diff(self) -> str:
        old = (_text(self.before) or "").splitlines(keepends=True)
        new = (_text(self.after) or "").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, f"a/{self.file}", f"b/{self.file}"))


@dataclass(frozen=True)
class Entry:
    id: str
    time: str  # UTC, ISO 8601
    editor: str
    message: str
    changes: tuple[FileChange, ...]
    revert_of: str | None = None

    def to_json(self) -> str:
        return json.dumps({
            "id": self.id, "time": self.time, "editor": self.editor, "message": self.message,
            "revert_of": self.revert_of,
            "changes": [{"file": c.file, "before": _text(c.before), "after": _text(c.after)} for c in self.changes],
        }, ensure_ascii=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> "Entry":
        raw = json.loads(line)
        changes = tuple(FileChange(c["file"], _bytes(c["before"]), _bytes(c["after"])) for c in raw["changes"])
        return cls(raw["id"], raw["time"], raw["editor"], raw["message"], changes, raw.get("revert_of"))

    def touches(self, file: str) -> bool:
        return any(c.file == file for c in self.changes)


class Journal:
    def __init__(self, instance_dir: str | Path):
        self.path = Path(instance_dir) / JOURNAL

    def append(self, editor: str, message: str, changes: list[FileChange], revert_of: str | None = None) -> Entry:
        """Record one save. The caller holds the edit lock, so appends never interleave."""
        entry = Entry(id=time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3),
                      time=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), editor=editor,
                      message=message, changes=tuple(changes), revert_of=revert_of)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "ab") as out:
            if out.tell() and not self._ends_with_newline():
                out.write(b"\n")  # a crash tore the last line; start clean after it
            out.write(entry.to_json().encode("ascii") + b"\n")
            out.flush()
            os.fsync(out.fileno())
        return entry

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"

    def entries(self) -> list[Entry]:
        """Every entry, oldest first."""
        try:
            lines = self.path.read_text(encoding="ascii").splitlines()
        except FileNotFoundError:
            return []
        out = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                out.append(Entry.from_json(line))
            except (json.JSONDecodeError, KeyError) as exc:
                log.warning("%s:%d: skipping a torn journal line (%s)", self.path, number, exc)
        return out

    def get(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries() if e.id == entry_id), None)

    def for_file(self, file: str) -> list[Entry]:
        return [e for e in self.entries() if e.touches(file)]

    def reverts_of(self, entry_id: str) -> list[Entry]:
        return [e for e in self.entries() if e.revert_of == entry_id]
