"""A worker's memory: one heap that keeps what a request frees for the next, and a worker replaced
for the memory it holds after giving back what it has freed."""

import os
import subprocess
import sys
from pathlib import Path

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


HEAP = Path(ops.__file__).with_name("heap.py")
GUNICORN_CONF = Path(ops.__file__).with_name("gunicorn_conf.py")

# As gunicorn runs: the server's settings (one of `SETUPS`), numpy and pyarrow imported (their
# threads start), then a fork; in the child, three times in a new thread each (as gunicorn's
# threads take requests), 200 MB of arrays of 2 MB and 400 MB of arrays of 200 KB, all freed.
# Printed: whether the settings were made, the child's arenas, the page faults of the third time.
CHURN = """
import ctypes, os, resource, runpy, sys, tempfile, threading

{setup}
import numpy as np
import pyarrow

def churn():
    arrays = [np.ones(250_000) for _ in range(100)]
    more = [np.ones(25_000) for _ in range(2_000)]
    del arrays, more

def arenas():
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    with tempfile.NamedTemporaryFile("r") as report:
        stream = ctypes.c_void_p(libc.fopen(report.name.encode(), b"w"))
        libc.malloc_info(0, stream)
        libc.fclose(stream)
        return report.read().count("<heap nr")

child = os.fork()
if child == 0:
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        thread = threading.Thread(target=churn)
        thread.start()
        thread.join()
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    print(kept, arenas(), faults, flush=True)
    os._exit(0)
os.waitpid(child, 0)
"""
SETUPS = {
    # What gunicorn_conf.py does, run as gunicorn runs it: before numpy and pyarrow.
    "gunicorn_conf": f"runpy.run_path({str(GUNICORN_CONF)!r}); kept = None",
    "heap first": f"kept = runpy.run_path({str(HEAP)!r})['keep_freed_memory']()",
    "heap late": "import numpy, pyarrow\n"
    f"kept = runpy.run_path({str(HEAP)!r})['keep_freed_memory']()",
    "default": "kept = False",
}


def churned(setup: str, environment: dict | None = None) -> tuple[str, int, int]:
    answer = subprocess.run(
        [sys.executable, "-c", CHURN.format(setup=SETUPS[setup])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(environment or {})},
    )
    kept, arenas, faults = answer.stdout.split()
    return kept, int(arenas), int(faults)


glibc = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")


@glibc
def test_a_worker_keeps_what_a_request_freed_for_the_next():
    """By default the pages of a third round of arrays are faulted in and zeroed again (about
    100,000 faults); a worker's one heap keeps them (a handful)."""
    kept, arenas, faults_kept = churned("heap first")
    _, arenas_default, faults_default = churned("default")
    assert (kept, arenas) == ("True", 1)
    assert faults_kept < 1_000
    assert arenas_default > 1
    assert faults_default > 20_000


@glibc
def test_settings_made_after_a_thread_allocated_leave_its_arena_to_the_workers():
    """The arena of a thread numpy or pyarrow started before the settings passes to a worker's
    threads after the fork, and gives its pages back whenever it empties (about 49,000 faults):
    why gunicorn_conf.py runs heap.py before any other import."""
    kept, arenas, faults = churned("heap late")
    assert kept == "True"
    assert arenas > 1
    assert faults > 20_000


@glibc
def test_gunicorn_conf_makes_the_settings_before_any_thread(tmp_path):
    _, arenas, faults = churned("gunicorn_conf", {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)})
    assert arenas == 1
    assert faults < 1_000


def test_an_operators_malloc_settings_are_left_as_they_are():
    kept, *_ = churned("heap first", {"MALLOC_ARENA_MAX": "4"})
    assert kept == "False"
