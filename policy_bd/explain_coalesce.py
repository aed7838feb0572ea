"""Concurrent entitlements requests evaluated together, in one vectorised simulation.

A simulation's cost grows with the number of variables it computes, hardly with the number of
persons. When a worker serves several requests at once (gunicorn threads), the first request to
arrive waits a few milliseconds (`POLICY_BD_COALESCE_MS`) for others asking the same thing (the
same legislation, month, language, programs and detail); their checked inputs are put side by
side (`engine.concat`), simulated and explained once, and each request is answered its own
members.

Off unless `POLICY_BD_COALESCE_MS` is set above 0 (with one thread per worker nothing can
arrive while a request waits). Households are independent in every formula, so each answer is
the one its household alone would get; a test checks it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from policy_bd import engine
from policy_bd.explain import MemberDetermination, determine

SEPARATOR = "\x1f"  # between a request's number and a member's id: never in a JSON id we accept
MAX_GROUP = 32  # households in one simulation


def window_seconds() -> float:
    return max(0.0, float(os.environ.get("POLICY_BD_COALESCE_MS", "0") or 0)) / 1000


@dataclass
class _Job:
    inputs: engine.Inputs
    fallback: Callable
    done: threading.Event = field(default_factory=threading.Event)
    members: list[MemberDetermination] | None = None
    error: BaseException | None = None


class Coalescer:
    def __init__(self, window: float) -> None:
        self.window = window
        self.lock = threading.Lock()
        self.pending: dict[tuple, list[_Job]] = {}

    def determine(self, key: tuple, inputs: engine.Inputs, fallback: Callable, run: Callable):
        """`run(simulation)` for this request's inputs, sharing a simulation with the
        requests of the same `key` that arrive within the window; `fallback()` builds this
        request's simulation when the shared one cannot be built."""
        job = _Job(inputs, fallback)
        with self.lock:
            group = self.pending.setdefault(key, [])
            group.append(job)
            leader = len(group) == 1
            if len(group) >= MAX_GROUP:
                self.pending.pop(key, None)
        if not leader:
            job.done.wait()
            if job.error is not None:
                raise job.error
            return job.members
        time.sleep(self.window)
        with self.lock:
            if self.pending.get(key) is group:
                self.pending.pop(key)
        self._run(group, run)
        if job.error is not None:
            raise job.error
        return job.members

    @staticmethod
    def _run(jobs: list[_Job], run: Callable) -> None:
        try:
            system = jobs[0].fallback.system
            try:
                together = engine.concat(system, [job.inputs for job in jobs], SEPARATOR)
            except engine.NotConcatenableError:
                together = None
            if len(jobs) == 1 or together is None:
                for job in jobs:
                    _alone(job, run)
                return
            members = run(engine.simulate(system, together))
            by_job: list[list[MemberDetermination]] = [[] for _ in jobs]
            for member in members:
                number, _, person_id = member.id.partition(SEPARATOR)
                by_job[int(number)].append(replace(member, id=person_id))
            for job, found in zip(jobs, by_job, strict=True):
                job.members = found
        except Exception:
            # Whatever failed together is run again alone: each request gets its own answer
            # or its own error.
            for job in jobs:
                if job.members is None:
                    _alone(job, run)
        finally:
            for job in jobs:
                job.done.set()


def _alone(job: _Job, run: Callable) -> None:
    try:
        job.members = run(job.fallback())
    except Exception as error:
        job.error = error  # raised again in the request's own thread


_COALESCER: Coalescer | None = None
_COALESCER_LOCK = threading.Lock()


def coalescer() -> Coalescer | None:
    global _COALESCER  # noqa: PLW0603 (one per worker process)
    window = window_seconds()
    if window <= 0:
        return None
    with _COALESCER_LOCK:
        if _COALESCER is None or _COALESCER.window != window:
            _COALESCER = Coalescer(window)
        return _COALESCER


class _Fallback:
    """This request's own simulation (and the system it is for)."""

    def __init__(self, system, build: Callable) -> None:
        self.system = system
        self.build = build

    def __call__(self):
        return self.build()


def determine_household(
    system,
    period,
    *,
    inputs: engine.Inputs,
    language: str,
    programs: list[str] | None,
    evidence: bool,
) -> list[MemberDetermination]:
    """One household's determinations (from its checked `inputs`): alone, or with concurrent
    requests (see module doc)."""

    def build():
        return engine.simulate(system, inputs)

    def run(simulation):
        return determine(simulation, period, language, programs, evidence=evidence)

    shared = coalescer()
    if shared is None:
        return run(build())
    key = (id(system), str(period), language, tuple(programs or ()), programs is None, evidence)
    return shared.determine(key, inputs, _Fallback(system, build), run)
