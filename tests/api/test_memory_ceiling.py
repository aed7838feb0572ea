"""A worker is replaced for the memory it holds after giving back what it has freed."""

import os
import subprocess
import sys

import pytest
from policy_bd.web_api import ops


def test_memory_given_back_keeps_a_worker_under_its_ceiling(monkeypatch):
    readings = iter([900.0, 500.0])
    released = []
    monkeypatch.setattr(ops, "resident_mb", lambda: next(readings))
    monkeypatch.setattr(ops, "_release_free_memory", lambda: released.append(True))
    assert ops.over_memory_ceiling(768) is False
    assert released == [True]


def test_memory_still_held_replaces_the_worker(monkeypatch):
    released = []
    monkeypatch.setattr(ops, "resident_mb", lambda: 900.0)
    monkeypatch.setattr(ops, "_release_free_memory", lambda: released.append(True))
    assert ops.over_memory_ceiling(768) is True
    assert released == [True]


def test_under_the_ceiling_nothing_is_given_back(monkeypatch):
    monkeypatch.setattr(ops, "resident_mb", lambda: 300.0)
    monkeypatch.setattr(ops, "_release_free_memory", lambda: (_ for _ in ()).throw(AssertionError))
    assert ops.over_memory_ceiling(768) is False


def test_giving_back_memory_runs_on_this_system():
    before = ops.resident_mb()
    ops._release_free_memory()
    assert 0 < ops.resident_mb() <= before + 1


# Three times, in a new thread each (as gunicorn's threads take requests): 200 MB of arrays of
# 2 MB, then 200 MB of arrays of 20 MB, all freed; the page faults of each time.
CHURN = """
import resource, sys, threading
import numpy as np
from policy_bd.web_api import ops

kept = ops.keep_freed_memory() if sys.argv[1] == "keep" else False
faults = []

def churn():
    arrays = [np.ones(250_000) for _ in range(100)]
    del arrays
    arrays = [np.ones(2_500_000) for _ in range(10)]
    del arrays

for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    thread = threading.Thread(target=churn)
    thread.start()
    thread.join()
    faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
print(kept, faults[-1])
"""


def churned(mode: str, environment: dict | None = None) -> tuple[str, int]:
    answer = subprocess.run(
        [sys.executable, "-c", CHURN, mode],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(environment or {})},
    )
    kept, faults = answer.stdout.split()
    return kept, int(faults)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_a_worker_keeps_what_a_request_freed_for_the_next():
    """By default the pages of a third batch of arrays are faulted in and zeroed again (about
    19,000 faults); a worker's heap keeps them (a handful)."""
    kept, faults_kept = churned("keep")
    _, faults_default = churned("default")
    assert kept == "True"
    assert faults_kept < 1_000
    assert faults_default > 10_000


def test_an_operators_malloc_settings_are_left_as_they_are():
    kept, _ = churned("keep", {"MALLOC_ARENA_MAX": "4"})
    assert kept == "False"
