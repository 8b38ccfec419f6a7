"""SIGKILL the real server (gunicorn, 2 workers) in the middle of a loop of saves, then check
graph/: no error, no torn file, and every save that was acknowledged is in the files."""
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from careergraph.history import Journal
from careergraph.validate import validate_graph

from .livesrv import live_server

PASSWORD = "fault test password"


def process_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line), read from /proc (no psutil)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        table[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmdline)
    return table


def server_processes(port: int) -> list[int]:
    # the server answers as soon as one worker is up: wait (bounded) for gunicorn to fork the second
    deadline = time.monotonic() + 15
    while True:
        table = process_table()
        serving = {pid for pid, (_, cmd) in table.items()
                   if "careergraph.cli serve" in cmd and f"--port {port} " in cmd}
        masters = [pid for pid in serving if table[pid][0] not in serving]  # workers share the command line
        assert len(masters) == 1, masters
        workers = [pid for pid, (ppid, _) in table.items() if ppid == masters[0]]
        if len(workers) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(workers) == 2, workers
    return masters + workers


def call(url: str, token: str, method: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


class SaveLoop(threading.Thread):
    """Creates skills and rewrites skill-a until the server goes away; records what was acknowledged."""

    def __init__(self, base: str, token: str):
        super().__init__(daemon=True)
        self.base, self.token = base + "/api/edit", token
        self.created: list[str] = []  # ids whose creation was acknowledged (201)
        self.last_update = -1  # the last iteration of skill-a's rewrite acknowledged (200)
        self.failure: str | None = None  # a save answered something unexpected
        self.killed: str | None = None  # how the connection failed when the server died

    def run(self):
        try:
            for n in range(10_000):
                status, _ = call(f"{self.base}/skill", self.token, "POST", {
                    "id": f"fault-{n}", "document": {"name": f"Fault {n}", "description": f"Made by save {n}."}})
                if status != 201:
                    self.failure = f"create {n} answered {status}"
                    return
                self.created.append(f"fault-{n}")
                status, read = call(f"{self.base}/skill/skill-a", self.token, "GET")
                document = {**read["document"], "description": f"Rewritten by save {n}."}
                status, _ = call(f"{self.base}/skill/skill-a", self.token, "PUT",
                                 {"version": read["version"], "document": document})
                if status != 200:
                    self.failure = f"rewrite {n} answered {status}"
                    return
                self.last_update = n
        except (urllib.error.URLError, ConnectionError, OSError) as exc:  # the server was killed
            self.killed = repr(exc)


def test_sigkill_mid_save_loop_loses_no_acknowledged_save(graph_copy, tmp_path):
    instance = tmp_path / "instance"
    cli = [sys.executable, "-m", "careergraph.cli", "users", "--instance", str(instance)]
    subprocess.run(cli + ["add", "bot", "--password-stdin"], input=PASSWORD + "\n", check=True, text=True)
    token = subprocess.run(cli + ["token", "bot"], check=True, capture_output=True, text=True).stdout.strip()
    with live_server(graph_copy, tmp_path / "server.log", workers=2,
                     env={"CAREERGRAPH_INSTANCE": str(instance), "CAREERGRAPH_EDIT_SHACL": "0"}) as url:
        pids = server_processes(int(url.rsplit(":", 1)[1]))
        loop = SaveLoop(url, token)
        loop.start()
        deadline = time.monotonic() + 30
        while len(loop.created) < 6 and loop.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(loop.created) >= 6, (loop.failure, (tmp_path / "server.log").read_text()[-2000:])
        time.sleep(random.uniform(0, 0.05))  # land the kill anywhere in a save
        for pid in pids:  # master and both workers, mid-loop
            os.kill(pid, signal.SIGKILL)
        loop.join(timeout=30)
    assert loop.failure is None and loop.killed  # the loop ended because the server died

    problems = validate_graph(graph_copy, "http://127.0.0.1:8000/", shacl=False)
    assert problems.errors == [], problems.errors
    for path in graph_copy.rglob("*"):
        if path.is_file() and path.suffix == ".yaml":
            assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path  # none torn
    for skill_id in loop.created:
        data = yaml.safe_load((graph_copy / "skills" / f"{skill_id}.yaml").read_text())
        n = skill_id.split("-")[1]
        assert data == {"name": f"Fault {n}", "description": f"Made by save {n}."}, skill_id
    rewritten = yaml.safe_load((graph_copy / "skills" / "skill-a.yaml").read_text())["description"]
    assert int(rewritten.split()[-1].rstrip(".")) >= loop.last_update >= 0
    messages = [e.message for e in Journal(instance).entries()]
    assert all(f"create skill {skill_id}" in messages for skill_id in loop.created)
