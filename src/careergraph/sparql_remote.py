"""The external engine: analysts' queries forwarded to a SPARQL 1.1 server (`serve
--sparql-endpoint URL`), the path past one machine. The same jobs and limits as the local
engine: the time limit is a client deadline (the request is abandoned, and answered 503),
and the result-size cap is checked on what comes back before it is relayed.
"""
from __future__ import annotations

import csv
import http.client
import io
import itertools
import logging
import socket
import time
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from .sparql import Answer, QueryJob, SparqlError, timeout_error
from .sparql_worker import too_many_rows_message

log = logging.getLogger(__name__)
BYTES_PER_ROW = 4096  # generous: a body past max_rows x this is refused before it is parsed


def accept_header(job: QueryJob) -> str:
    """Both kinds the client accepts, since only the server knows the query's form for sure."""
    return ", ".join(m for m in (job.results, job.graph and f"{job.graph};q=0.9") if m)


def count_rows(body: bytes, mime: str, limit: int) -> int:
    """Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in a response, counting no further than limit."""
    mime = mime.split(";", 1)[0].strip().lower()
    try:
        if mime == "text/csv":  # pyoxigraph does not parse CSV results; quoted cells may hold line breaks
            rows = csv.reader(io.StringIO(body.decode("utf-8")))
            return max(sum(1 for _ in itertools.islice(rows, limit + 2)) - 1, 0)
        if results_format := ox.QueryResultsFormat.from_media_type(mime):
            parsed = ox.parse_query_results(body, results_format)
        elif rdf_format := ox.RdfFormat.from_media_type(mime):
            parsed = ox.parse(body, rdf_format)
        else:
            raise SparqlError(502, f"The external SPARQL engine answered {mime}, which this endpoint does not relay.")
        if isinstance(parsed, ox.QueryBoolean):
            return 1
        return sum(1 for _ in itertools.islice(parsed, limit + 1))
    except (SyntaxError, UnicodeDecodeError) as exc:
        raise SparqlError(502, f"The external SPARQL engine answered malformed {mime}: {exc}") from None


class RemoteEngine:
    def __init__(self, url: str):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"--sparql-endpoint must be an http(s) URL, not {url!r}")
        self.url, self._parts = url, parts

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self._parts.scheme == "https" else http.client.HTTPConnection
        return cls(self._parts.hostname, self._parts.port, timeout=timeout)

    def run(self, kb, job: QueryJob, timeout: float, respond=None) -> Answer:
        """respond is not needed: the time limit is a client deadline, nothing to kill here."""
        deadline = time.monotonic() + timeout
        path = (self._parts.path or "/") + (f"?{self._parts.query}" if self._parts.query else "")
        conn, response = self._connection(timeout), None
        try:
            conn.request("POST", path, body=urlencode({"query": job.query}).encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": accept_header(job)})
            sock = conn.sock  # http.client may hand it to the response and drop conn.sock
            sock.settimeout(max(deadline - time.monotonic(), 0.001))
            response = conn.getresponse()
            body = self._read(sock, response, deadline, job.max_rows * BYTES_PER_ROW)
        except (socket.timeout, TimeoutError):
            raise timeout_error(timeout) from None
        except (OSError, http.client.HTTPException) as exc:
            log.error("external SPARQL engine %s: %s", self.url, exc)
            raise SparqlError(502, "The external SPARQL engine cannot be reached; the error has been logged.") \
                from None
        finally:
            if response is not None:
                response.close()
            conn.close()
        mime = response.getheader("Content-Type", "application/octet-stream")
        if response.status != 200:
            text = body.decode("utf-8", "replace").strip()[:2000]
            if 400 <= response.status < 500:
                raise SparqlError(response.status, text or response.reason)
            log.error("external SPARQL engine %s answered %s: %s", self.url, response.status, text)
            raise SparqlError(502, f"The external SPARQL engine failed ({response.status}): {text}")
        if count_rows(body, mime, job.max_rows) > job.max_rows:
            raise SparqlError(422, too_many_rows_message(job.max_rows))
        return Answer(mime=mime, body=body)

    @staticmethod
    def _read(sock, response, deadline: float, max_bytes: int) -> bytes:
        chunks, size = [], 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            sock.settimeout(left)
            chunk = response.read1(1 << 16)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > max_bytes:
                raise SparqlError(422, too_many_rows_message(max_bytes // BYTES_PER_ROW))
            chunks.append(chunk)

    def close(self) -> None:
        pass
