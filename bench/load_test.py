"""Pages under load: the real WSGI server (gunicorn, 2 workers) and wrk on 127.0.0.1.

Measures, in the same run, a trivial endpoint (/robots.txt: the framework's floor) and
drilldown pages (wrk rotates through a sample of them), then runs drilldowns for a longer
soak while sampling the workers' RSS to see whether memory stays flat.
Usage: .venv/bin/python bench/load_test.py [GRAPH_DIR] [--seconds 20] [--soak 300] [--sample 2000]
Needs Debian's wrk (apt-get install wrk).
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from careergraph.kb import KnowledgeBase  # noqa: E402
from livesrv import live_server  # noqa: E402

LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def run_wrk(url: str, seconds: int, script: str | None = None) -> dict:
    cmd = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": pct(50), "p99": pct(99),
            "errors": (sum(map(int, errors.groups())) if errors else 0) + (int(non2xx.group(1)) if non2xx else 0),
            "requests": int(re.search(r"(\d+) requests in", out).group(1))}


def worker_rss_mb(server_pid: int) -> float:
    total = 0.0
    for child in Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split():
        status = Path(f"/proc/{child}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    default = "build/onet" if Path("build/onet").is_dir() else "graph"
    parser.add_argument("graph", nargs="?", default=default)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--soak", type=int, default=300)
    parser.add_argument("--sample", type=int, default=2000)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    kb = KnowledgeBase.load(args.graph)
    drilldowns = [f"/careers/{c.id}/skills/{l.skill}" for c in kb.catalogue.careers.values() for l in c.skills]
    sample = random.Random(1).sample(drilldowns, min(args.sample, len(drilldowns)))
    with tempfile.TemporaryDirectory() as tmp:
        paths = Path(tmp) / "paths.txt"
        paths.write_text("\n".join(sample) + "\n")
        script = Path(tmp) / "rotate.lua"
        script.write_text(LUA % paths)
        with live_server(args.graph, Path(tmp) / "server.log", workers=2) as url:
            server_pid = int(subprocess.run(["pgrep", "-of", f"careergraph.cli serve --graph {args.graph}"],
                                            capture_output=True, text=True).stdout.split()[0])
            run_wrk(url + "/robots.txt", 3)  # warm up both workers
            run_wrk(url + "/", 3, str(script))
            trivial = run_wrk(url + "/robots.txt", args.seconds)
            pages = run_wrk(url + "/", args.seconds, str(script))
            samples, stop = [], threading.Event()

            def sample_rss():
                while not stop.is_set():
                    samples.append((time.monotonic(), worker_rss_mb(server_pid)))
                    stop.wait(10)

            sampler = threading.Thread(target=sample_rss)
            sampler.start()
            soak = run_wrk(url + "/", args.soak, str(script))
            stop.set()
            sampler.join()
    print(f"graph: {args.graph} ({len(drilldowns):,} drilldowns; wrk rotates through {len(sample):,}); "
          "gunicorn 2 sync workers, wrk -t2 -c8, 127.0.0.1")
    print(f"  trivial /robots.txt   {trivial['rps']:8.0f} req/s  p50 {trivial['p50']:6.2f} ms  p99 {trivial['p99']:6.2f} ms  "
          f"errors {trivial['errors']}")
    print(f"  drilldowns, 1st visit {pages['rps']:8.0f} req/s  p50 {pages['p50']:6.2f} ms  p99 {pages['p99']:6.2f} ms  "
          f"errors {pages['errors']}  ({pages['rps'] / trivial['rps']:.0%} of trivial; views built as pages are first seen)")
    print(f"  drilldowns, warm      {soak['rps']:8.0f} req/s  p50 {soak['p50']:6.2f} ms  p99 {soak['p99']:6.2f} ms  "
          f"errors {soak['errors']}  ({soak['rps'] / trivial['rps']:.0%} of trivial; the soak below)")
    first, last = samples[0][1], samples[-1][1]
    peak = max(rss for _, rss in samples)
    print(f"  soak {args.soak} s: {soak['requests']:,} requests, {soak['rps']:.0f} req/s, p99 {soak['p99']:.2f} ms, "
          f"errors {soak['errors']}; workers' RSS {first:.0f} MB at start, {last:.0f} MB at end, peak {peak:.0f} MB "
          f"({len(samples)} samples)")


if __name__ == "__main__":
    main()
