"""Durable file writes: a reader or a crash sees the old file or the new one, never half of one.

A write goes to a temporary file in the same folder (so the rename cannot cross file
systems), is flushed to disk, renamed over the target, and then the folder itself is
flushed so the rename survives a power cut.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from pathlib import Path

TEMP_PREFIX = ".cg-"
TEMP_SUFFIX = ".tmp"  # not .yaml: the loader never mistakes a left-over temp file for an entity


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_file(path: Path, data: bytes, mode: int) -> Path:
    tmp = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(path: str | os.PathLike, data: bytes, mode: int = 0o644) -> None:
    path = Path(path)
    tmp = _temp_file(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def create_once(path: str | os.PathLike, data: bytes, mode: int = 0o600) -> bytes:
    """Write `data` unless the file exists; returns what the file holds. Safe when several
    processes race on first run: os.link publishes the whole file or fails, never half."""
    path = Path(path)
    tmp = _temp_file(path, data, mode)
    try:
        os.link(tmp, path)
        fsync_dir(path.parent)
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_bytes()


def remove(path: str | os.PathLike) -> None:
    path = Path(path)
    path.unlink()
    fsync_dir(path.parent)


def sweep_temp_files(folder: Path) -> list[Path]:
    """Remove temp files a killed writer left behind. Call only while holding the write lock."""
    removed = []
    for tmp in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed


@contextlib.contextmanager
def locked(lock_path: str | os.PathLike):
    """An exclusive lock shared by every process on this machine (gunicorn workers, the CLI)."""
    lock_path = Path(lock_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
