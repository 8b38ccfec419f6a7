"""`careergraph serve` runs a real WSGI server (gunicorn) and answers the home page."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

from .conftest import TINY


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_home_page_with_gunicorn(tmp_path):
    port = free_port()
    log = open(tmp_path / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "careergraph.cli", "serve", "--graph", str(TINY),
                             "--port", str(port), "--workers", "1"],
                            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline, body = time.monotonic() + 30, None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    body, server = resp.read().decode(), resp.headers.get("Server", "")
            except OSError:
                time.sleep(0.2)
        assert body is not None, (tmp_path / "server.log").read_text()
        assert "gunicorn" in server.lower()
        assert "Odd &lt;b&gt;cases&lt;/b&gt;" in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_serve_refuses_a_broken_graph(graph_copy):
    (graph_copy / "skills" / "skill-c.yaml").write_text("name: [\n")
    proc = subprocess.run([sys.executable, "-m", "careergraph.cli", "serve", "--graph", str(graph_copy),
                           "--port", str(free_port())], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1
    assert "skill-c.yaml:2:1: error: malformed YAML" in proc.stderr and "Traceback" not in proc.stderr
