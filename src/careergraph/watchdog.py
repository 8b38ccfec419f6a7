"""Stop runaway work by killing the process it runs in, after telling the client why.

For a process that serves one request at a time (a gunicorn sync worker), the process itself
can be the unit a hard time limit kills. The guarded work must release the GIL while it runs
(pyoxigraph does, while it evaluates, iterates and serialises), so the watchdog thread keeps
running beside it. Past the deadline, or once the process's resident memory has grown by
more than the allowance (measured from the watchdog's first look at the work, and looked at
every POLL_SECONDS), the watchdog calls the guard's `expire(reason)` (which answers the
client) and then SIGKILLs the process; the server forks a fresh one.

gunicorn's own worker timeout is the backstop should this thread ever not get to run.
"""
from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass
from typing import Callable

log = logging.getLogger(__name__)
TIME, MEMORY = "time", "memory"
POLL_SECONDS = 0.1  # how often the watchdog looks while work may be guarded (each look takes
#                    Python's lock, which a short query then may wait for: not too often)
IDLE_SECONDS = 2.0   # after this long without a guard it sleeps until the next one
_PAGE = os.sysconf("SC_PAGE_SIZE")


def resident_bytes() -> int:
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * _PAGE


@dataclass(frozen=True)
class _Guard:
    deadline: float               # time.monotonic()
    memory_bytes: int             # allowed growth of resident memory; 0: not checked
    expire: Callable[[str], None]


class Watchdog:
    """One per process; its thread starts on first use in each process (threads do not survive fork).

    Arming costs the guarded request next to nothing, and on purpose no system call (on this
    VM a few system calls before a 3 ms query made it 0.2 ms slower): the thread polls while
    guards come and go, measures memory only for work it finds still running, and only after
    IDLE_SECONDS without a guard does it sleep until woken by the next."""

    def __init__(self, kill: Callable[[], None] | None = None):
        self._kill = kill or (lambda: os.kill(os.getpid(), signal.SIGKILL))
        self._lock = threading.Lock()    # held by whichever ends the guard: its body, or the watchdog
        self._wake = threading.Event()
        self._asleep = False
        self._guard: _Guard | None = None
        self._pid: int | None = None

    @contextlib.contextmanager
    def guard(self, seconds: float, memory_bytes: int, expire: Callable[[str], None]):
        """Run the body under the watchdog: `expire(TIME or MEMORY)` then death if it overruns.

        memory_bytes: growth of resident memory allowed (0: no memory allowance checked)."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._asleep = False
            threading.Thread(target=self._watch, name="watchdog", daemon=True).start()
        self._guard = _Guard(time.monotonic() + seconds, max(memory_bytes, 0), expire)
        if self._asleep:  # read after the guard is set: see _watch
            self._wake.set()
        try:
            yield
        finally:
            # Once the watchdog has fired it keeps the lock until the process dies, so the
            # body's own answer can never follow the error answer onto the connection.
            with self._lock:
                self._guard = None

    def _watch(self) -> None:
        seen = time.monotonic()
        measured, ceiling = None, 0  # the guard whose memory is measured, and its ceiling
        while True:
            guard, now = self._guard, time.monotonic()
            if guard is not None:
                seen = now
                if now >= guard.deadline:
                    self._fire(guard, TIME)
                elif guard.memory_bytes:
                    if guard is not measured:
                        measured, ceiling = guard, resident_bytes() + guard.memory_bytes
                    elif resident_bytes() > ceiling:
                        self._fire(guard, MEMORY)
            else:
                measured = None  # keep nothing of finished work alive (its answer holds a socket)
            if guard is None and now - seen > IDLE_SECONDS:
                self._wake.clear()
                self._asleep = True
                if self._guard is None:  # a guard set before this line is seen; one set after wakes us
                    self._wake.wait()
                self._asleep = False
                seen = time.monotonic()
                continue
            time.sleep(POLL_SECONDS)

    def _fire(self, guard: _Guard, reason: str) -> None:
        with self._lock:
            if self._guard is not guard:  # the body finished meanwhile
                return
            log.warning("watchdog: stopping process %d: the guarded work ran past its %s limit",
                        os.getpid(), reason)
            try:
                guard.expire(reason)
            except Exception:  # the answer is best effort; stopping the work is not
                log.exception("watchdog: could not answer before stopping")
            finally:
                self._kill()
                self._guard = None  # only reached when kill does not end the process (tests)
