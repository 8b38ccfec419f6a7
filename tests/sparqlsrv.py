"""Real servers for the SPARQL tests: `careergraph serve` (gunicorn) with the built-in engine,
or with --sparql-endpoint pointing at an Oxigraph server loaded from `careergraph export`."""
import contextlib
import resource
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .livesrv import free_port, live_server

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph")) if Path(sys.executable).with_name("oxigraph").exists() \
    else shutil.which("oxigraph")
MODES = ("local", "external")


def _limit_memory():  # a runaway query in the external server must not take the machine with it
    limit = 4 * 2 ** 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@contextlib.contextmanager
def oxigraph_server(graph, workdir: Path, timeout_s: int | None = None):
    """An Oxigraph SPARQL server (read-only) on 127.0.0.1; yields its query endpoint URL."""
    assert OXIGRAPH, "the oxigraph server is missing: pip install -e '.[test]'"
    workdir.mkdir(parents=True, exist_ok=True)
    dump, store = workdir / "graph.nt", workdir / "store"
    subprocess.run([sys.executable, "-m", "careergraph.cli", "export", "--graph", str(graph), "--format", "nt",
                    "-o", str(dump)], check=True, capture_output=True, timeout=120)
    subprocess.run([OXIGRAPH, "load", "--location", str(store), "--file", str(dump)], check=True,
                   capture_output=True, timeout=120)
    port = free_port()
    args = [OXIGRAPH, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"]
    with open(workdir / "oxigraph.log", "w") as log:
        proc = subprocess.Popen(args + (["--timeout-s", str(timeout_s)] if timeout_s else []),
                                stdout=log, stderr=subprocess.STDOUT, preexec_fn=_limit_memory)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError((workdir / "oxigraph.log").read_text())
                    time.sleep(0.1)
            yield f"http://127.0.0.1:{port}/query"
        finally:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def sparql_site(mode: str, graph, workdir: Path, workers: int = 1, timeout: float = 10, max_rows: int = 10000,
                memory_mb: int | None = None):
    """`careergraph serve` answering /sparql itself (local) or through an Oxigraph server."""
    args = ["--sparql-timeout", str(timeout), "--sparql-max-rows", str(max_rows)]
    env = {"CAREERGRAPH_INSTANCE": str(workdir / "instance")}
    if memory_mb is not None:
        env["CAREERGRAPH_SPARQL_MEMORY_MB"] = str(memory_mb)
    with contextlib.ExitStack() as stack:
        if mode == "external":
            endpoint = stack.enter_context(oxigraph_server(graph, workdir / "oxigraph", timeout_s=int(timeout) + 1))
            args += ["--sparql-endpoint", endpoint]
        url = stack.enter_context(live_server(graph, workdir / "server.log", workers=workers, extra_args=args,
                                              env=env))
        yield url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test looks at the redirect itself


_opener = urllib.request.build_opener(_NoRedirect)


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
         timeout: float = 30):
    """(status, headers, body) of one request, whatever the status; redirects are not followed."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read()
