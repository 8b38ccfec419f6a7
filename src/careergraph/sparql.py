"""Analysts' SPARQL: what a query is, and the engine that runs it with a hard time limit.

Neither rdflib nor pyoxigraph can interrupt a running query, so a query that runs past the
limit is stopped by killing the process it runs in (SIGKILL). Where the web process serves one
request at a time (gunicorn's sync workers, as `careergraph serve` runs them), that process is
the one: the query runs on the knowledge base's own Store under a `watchdog`, which answers
the client and kills the process past the limit; gunicorn forks a fresh worker. Elsewhere
(a threaded server, the test client) the query goes to a child process (`sparql_worker`)
holding a Store built from `kb.ntriples()`, one per graph version; the next query after a
kill starts a fresh one. `sparql_remote.RemoteEngine` answers the same jobs from an external
SPARQL 1.1 server.
"""
from __future__ import annotations

import math
import os
import re
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from .sparql_worker import answer, receive_message, send_message
from .watchdog import TIME, Watchdog

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE = "UPDATE"
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
START_TIMEOUT = 120.0  # seconds a new worker may take to load a graph version


class SparqlError(Exception):
    """An answer that is not a result: an HTTP status and a message for the analyst."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class QueryJob:
    query: str
    results: str | None       # MIME type for SELECT/ASK answers (None: the client takes none)
    graph: str | None         # MIME type for CONSTRUCT/DESCRIBE answers
    max_rows: int
    prefixes: dict = field(default_factory=dict)   # for Turtle output

    def message(self, timeout: float) -> dict:
        return {"query": self.query, "results": self.results, "graph": self.graph, "max_rows": self.max_rows,
                "prefixes": self.prefixes, "alarm": math.ceil(timeout) + 5}


@dataclass(frozen=True)
class Answer:
    mime: str
    body: bytes


def timeout_error(seconds: float) -> SparqlError:
    return SparqlError(503, f"The query was stopped: it ran past the {seconds:g} s time limit of this "
                            "endpoint. Narrow it (more specific patterns, LIMIT) and try again.")


def memory_error(megabytes: int) -> SparqlError:
    return SparqlError(503, f"The query was stopped: it needed more than the {megabytes:,} MB of memory "
                            "this endpoint allows a query. Narrow it (more specific patterns, LIMIT).")


def from_reply(reply: tuple) -> Answer:
    """An Answer from `sparql_worker.answer`'s reply, or its SparqlError."""
    if reply[0] == "error":
        raise SparqlError(reply[1], reply[2])
    return Answer(mime=reply[1], body=reply[2])


# --- what a query is ---------------------------------------------------------------------------

# Tokens that can hide keywords: comments, strings, IRIs, variables, prefixed names.
_TOKEN = re.compile(r"""
    (?P<skip> \#[^\n]* | '''(?:[^\\]|\\.)*?''' | \"\"\"(?:[^\\]|\\.)*?\"\"\"
            | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*" | <[^<>"{}|^`\\\x00-\x20]*>
            | [?$]\w+ )
  | (?P<pname> (?P<prefix>[\w.-]*): [\w.:%-]* )
  | (?P<word> [A-Za-z]+ )
  | (?P<other> \S )
""", re.VERBOSE | re.DOTALL)


def _words(text: str):
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "word":
            yield match.group().upper()


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE (an update request), or None when the text
    starts like neither; the engine's parser then says what is wrong."""
    for word in _words(text):
        if word in ("BASE", "PREFIX"):  # the prologue; its names and IRIs are skipped tokens
            continue
        return word if word in FORMS else UPDATE if word in _UPDATE_WORDS else None
    return None


def prefixes_used(text: str) -> set[str]:
    """Prefixes of the prefixed names in a query (those in strings, IRIs and comments aside)."""
    return {m.group("prefix") for m in _TOKEN.finditer(text) if m.lastgroup == "pname"}


def uses_service(text: str) -> bool:
    """Federated queries would make this server fetch URLs an analyst chooses: refused."""
    return "SERVICE" in _words(text)


# --- the local engine: a killable worker process -----------------------------------------------

class StoreWorker:
    """Parent side of one `sparql_worker` process holding one graph version."""

    def __init__(self, key: tuple, ntriples: bytes, memory_mb: int):
        self.key = key  # (graph version, base IRI)
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "careergraph.sparql_worker", str(to_child_r), str(from_child_w), str(memory_mb)],
            pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        try:
            send_message(self._to_child, ntriples)
            reply = self._receive(START_TIMEOUT)
        except (BrokenPipeError, TimeoutError):
            reply = None
        if not (isinstance(reply, tuple) and reply[0] == "ready"):
            self.stop()
            raise SparqlError(503, "The query engine could not start; the error has been logged.")
        self.triples = reply[1]

    def _receive(self, timeout: float):
        poller = select.poll()
        poller.register(self._from_child, select.POLLIN)
        if not poller.poll(max(timeout, 0) * 1000):
            raise TimeoutError
        return receive_message(self._from_child)

    def run(self, job: QueryJob, timeout: float) -> Answer:
        try:
            send_message(self._to_child, job.message(timeout))
            reply = self._receive(timeout)
        except TimeoutError:
            self.stop()  # SIGKILL: pyoxigraph cannot be interrupted any other way
            raise
        except BrokenPipeError:
            reply = None
        if reply is None:  # the process died: out of memory, or killed from outside
            self.stop()
            raise SparqlError(503, "The query engine stopped while running this query (it may have "
                                   "needed more memory than this endpoint allows). Narrow the query.")
        return from_reply(reply)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:  # already closed by an earlier stop()
                pass


class LocalEngine:
    """Queries on this process's store under the watchdog, or on a worker process per web
    process, for the graph version of the request (restarted lazily)."""

    def __init__(self, memory_mb: int = 0):
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._worker: StoreWorker | None = None
        self._watchdog = Watchdog()

    def run(self, kb, job: QueryJob, timeout: float,
            respond: Callable[[SparqlError], None] | None = None) -> Answer:
        """respond: given when this process may be killed to stop the query (it serves this
        request alone); it must deliver an error answer to the client, as the process is
        killed right after. Without it the query runs in the worker process."""
        if respond is not None:
            return self._run_here(kb, job, timeout, respond)
        started = time.monotonic()  # threaded servers queue here for the one worker
        if not self._lock.acquire(timeout=timeout):
            raise timeout_error(timeout)
        try:
            waited = time.monotonic() - started
            return self._worker_for(kb).run(job, max(timeout - waited, 0.1))
        except TimeoutError:
            raise timeout_error(timeout) from None
        finally:
            self._lock.release()

    def _run_here(self, kb, job: QueryJob, timeout: float, respond: Callable[[SparqlError], None]) -> Answer:
        def expire(reason: str) -> None:
            respond(timeout_error(timeout) if reason == TIME else memory_error(self.memory_mb))

        store = kb.store  # built before the guard: loading a graph version is not the query's time
        with self._watchdog.guard(timeout, self.memory_mb * 2 ** 20, expire):
            return from_reply(answer(store, job.message(timeout)))

    def _worker_for(self, kb) -> StoreWorker:
        key = (kb.version, kb.iris.base)
        worker = self._worker
        if worker is None or worker.key != key or not worker.alive():
            if worker is not None:
                worker.stop()
            self._worker = None
            self._worker = StoreWorker(key, kb.ntriples(), self.memory_mb)
        return self._worker

    def close(self) -> None:
        with self._lock:
            if self._worker is not None:
                self._worker.stop()
                self._worker = None
