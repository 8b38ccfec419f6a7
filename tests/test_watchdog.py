"""The watchdog: work that overruns its time or memory allowance is answered, then killed.

The kill is injected here (it records instead of ending pytest); test_sparql_engine kills a
real forked process inside pyoxigraph, and test_sparql_limits a real gunicorn worker."""
import time

import pytest

from careergraph.watchdog import MEMORY, POLL_SECONDS, TIME, Watchdog


@pytest.fixture
def dog():
    kills = []
    dog = Watchdog(kill=lambda: kills.append(time.monotonic()))
    dog.kills = kills
    return dog


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)


def test_work_done_in_time_is_left_alone(dog):
    said = []
    for _ in range(50):  # many short guards, as requests come
        with dog.guard(0.3, 2 ** 30, said.append):
            time.sleep(0.001)
    time.sleep(0.5)  # well past the last deadline
    assert said == [] and dog.kills == []


def test_work_past_its_deadline_is_answered_then_killed(dog):
    said = []
    started = time.monotonic()
    with dog.guard(0.2, 0, lambda reason: said.append((reason, time.monotonic()))):
        wait_for(lambda: dog.kills)
    assert [reason for reason, _ in said] == [TIME]
    answered, killed = said[0][1], dog.kills[0]
    assert 0.2 <= answered - started < 0.2 + 5 * POLL_SECONDS
    assert answered <= killed  # the client hears why before the process dies


def test_work_that_takes_too_much_memory_is_answered_then_killed(dog):
    said = []
    with dog.guard(30, 50 * 2 ** 20, said.append):
        time.sleep(2 * POLL_SECONDS)  # memory is measured from the watchdog's first look
        hog = bytearray(b"x") * (200 * 2 ** 20)  # written, so resident
        wait_for(lambda: dog.kills)
        del hog
    assert said == [MEMORY] and len(dog.kills) == 1


def test_a_sleeping_watchdog_wakes_for_the_next_guard(dog, monkeypatch):
    monkeypatch.setattr("careergraph.watchdog.IDLE_SECONDS", 0.05)
    with dog.guard(5, 0, lambda reason: None):
        pass
    wait_for(lambda: dog._asleep)
    assert dog._asleep
    said = []
    with dog.guard(0.1, 0, said.append):
        wait_for(lambda: dog.kills)
    assert said == [TIME]


def test_an_answer_that_fails_does_not_stop_the_kill(dog):
    def broken(reason):
        raise OSError("the client went away")
    with dog.guard(0.05, 0, broken):
        wait_for(lambda: dog.kills)
    assert len(dog.kills) == 1
