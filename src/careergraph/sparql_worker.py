"""The query worker: a child process that holds a pyoxigraph Store of one graph version and
answers analysts' queries one at a time, serialised, so only bytes cross the pipe.

Run by `sparql.StoreWorker` as `python -m careergraph.sparql_worker READ_FD WRITE_FD MEMORY_MB`.
`answer` is also what a gunicorn web worker runs itself, under the watchdog (see `sparql`).
It imports pyoxigraph and nothing of the web app, so it starts fast. Neither pyoxigraph nor
rdflib can interrupt a query: the parent enforces the time limit by killing this process.
"""
from __future__ import annotations

import itertools
import os
import pickle
import resource
import signal
import struct
import sys

import pyoxigraph as ox

_LENGTH = struct.Struct("!Q")


# --- framing: an 8-byte length, then a pickle (both ends are ours) ------------------------------

def send_message(fd: int, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def receive_message(fd: int):
    """The next message, or None at end of file (the other side went away)."""
    header = _read_exact(fd, _LENGTH.size)
    if header is None:
        return None
    body = _read_exact(fd, _LENGTH.unpack(header)[0])
    return None if body is None else pickle.loads(body)


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# --- answering ----------------------------------------------------------------------------------

class TooManyRows(Exception):
    pass


def too_many_rows_message(max_rows: int) -> str:
    return (f"The result has more than {max_rows:,} rows or triples, the limit of this endpoint. "
            "Page through it with LIMIT and OFFSET, or download a dump.")


class _RowCounter:
    """A binary writer for TSV results that stops the serialiser past `max_rows` rows.

    TSV escapes line breaks inside terms, so rows are lines (after the header line)."""

    def __init__(self, max_rows: int):
        self.max_lines, self.lines, self.chunks = max_rows + 1, 0, []

    def write(self, data) -> int:
        data = bytes(data)
        self.lines += data.count(b"\n")
        if self.lines > self.max_lines:
            raise TooManyRows
        self.chunks.append(data)
        return len(data)

    def flush(self) -> None:
        pass


def _solutions(result: ox.QuerySolutions, mime: str, max_rows: int) -> bytes:
    counter = _RowCounter(max_rows)
    result.serialize(counter, format=ox.QueryResultsFormat.TSV)
    tsv = b"".join(counter.chunks)
    if mime == "text/tab-separated-values":
        return tsv
    # parse + serialise happen in Rust: cheap next to evaluating the query
    return ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(
        format=ox.QueryResultsFormat.from_media_type(mime))


def _triples(result: ox.QueryTriples, mime: str, max_rows: int, prefixes: dict) -> bytes:
    triples = list(itertools.islice(result, max_rows + 1))
    if len(triples) > max_rows:
        raise TooManyRows
    return ox.serialize(triples, format=ox.RdfFormat.from_media_type(mime), prefixes=prefixes)


def answer(store: ox.Store, job: dict) -> tuple:
    """("ok", mime, body) or ("error", status, message) for one query job."""
    max_rows = job["max_rows"]
    try:
        result = store.query(job["query"])
        if isinstance(result, ox.QueryBoolean):
            mime = job["results"]
            return ("ok", mime, result.serialize(format=ox.QueryResultsFormat.from_media_type(mime))) if mime \
                else ("error", 406, "ASK answers a boolean; ask for a SPARQL results format.")
        if isinstance(result, ox.QuerySolutions):
            mime = job["results"]
            return ("ok", mime, _solutions(result, mime, max_rows)) if mime \
                else ("error", 406, "SELECT answers a table; ask for a SPARQL results format.")
        mime = job["graph"]
        return ("ok", mime, _triples(result, mime, max_rows, job["prefixes"])) if mime \
            else ("error", 406, "CONSTRUCT and DESCRIBE answer a graph; ask for an RDF format.")
    except SyntaxError as exc:
        return "error", 400, f"Malformed query: {exc}"
    except TooManyRows:
        return "error", 422, too_many_rows_message(max_rows)
    except (OSError, ValueError, RuntimeError) as exc:  # evaluation errors pyoxigraph reports
        return "error", 500, f"The query failed: {exc}"


def main(argv: list[str]) -> int:
    read_fd, write_fd, memory_mb = (int(a) for a in argv)
    if memory_mb > 0:  # a runaway ORDER BY must not take the machine's memory with it
        limit = memory_mb * 2 ** 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.nice(10)  # pages first: analysts' queries get the CPU that pages leave
    store = ox.Store()
    store.load(receive_message(read_fd), ox.RdfFormat.N_TRIPLES)
    send_message(write_fd, ("ready", len(store)))
    while (job := receive_message(read_fd)) is not None:
        # Backstop if the parent never kills us: SIGALRM's default action ends the process,
        # even inside Rust code that never returns to Python.
        signal.alarm(job["alarm"])
        reply = answer(store, job)
        signal.alarm(0)
        send_message(write_fd, reply)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
