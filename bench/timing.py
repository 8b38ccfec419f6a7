"""Timing shared by the benchmark scripts."""
from __future__ import annotations

import statistics
import time


def median_ms(run, runs: int, warm_up: bool = True) -> float:
    """Median wall time of `run()` over `runs` calls, in milliseconds; one untimed call first
    unless warm_up is False (where the first call is part of what is measured)."""
    if warm_up:
        run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000
