"""Concurrent entitlements requests evaluated together, in one vectorised simulation.

A simulation's cost grows with the number of variables it computes, hardly with the number of
persons: a worker explaining four one-person households one after the other computes every
variable four times; together, once. So, in one worker process (gunicorn threads):

- a request announces itself when it starts (`Coalescer.expected`), before its body is read;
- once checked, it joins the group of requests asking the same thing (the same legislation,
  month, language, programs, detail and set of inputs given, so that `engine.concat` can put
  them side by side);
- the group's first request (its leader) waits for the worker's previous shared simulation
  of the same key to end (the group collects requests meanwhile), then until the group holds
  as many requests as are usually in flight and no announced request is still on its way,
  `window` seconds at most: under steady load the clients just answered ask again at once,
  and a group of four costs about what a group of one does;
- the leader simulates and explains the group once, and each request is answered its own
  members.

A request alone waits for nothing (after a burst, once, at most the window). Households are
independent in every formula, so each answer is the one its household alone would get; a test
checks it. Whatever fails together is run again alone, so each request gets its own answer or
its own error.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from policy_bd import engine
from policy_bd.explain import MemberDetermination, determine

SEPARATOR = "\x1f"  # between a request's number and a member's id: never in a JSON id we accept
MAX_GROUP = 32  # households in one simulation


@dataclass
class _Job:
    inputs: engine.Inputs
    fallback: Callable
    done: threading.Event = field(default_factory=threading.Event)
    members: list[MemberDetermination] | None = None
    error: BaseException | None = None


class Coalescer:
    """One per worker process: the groups being formed and the requests on their way."""

    def __init__(self, window: float) -> None:
        self.window = window
        self.condition = threading.Condition()
        self.pending: dict[tuple, list[_Job]] = {}
        self.arriving = 0  # announced requests that have not joined a group yet
        self.in_flight = 0  # announced requests not answered yet
        self.usual_size = 1  # how many requests are usually in flight at once
        self.lanes: dict[tuple, _Lane] = {}  # per key: one shared simulation at a time
        self._announced = threading.local()

    @contextlib.contextmanager
    def expected(self) -> Iterator[None]:
        """Around a request that may join a group: leaders wait for it while it is read and
        checked (at most the window), and stop waiting when it ends without joining."""
        with self.condition:
            self.arriving += 1
            self.in_flight += 1
            self.usual_size = max(self.usual_size, self.in_flight)
        self._announced.pending = True
        try:
            yield
        finally:
            self._arrived()
            with self.condition:
                self.in_flight -= 1

    def _arrived(self) -> None:
        if getattr(self._announced, "pending", False):
            self._announced.pending = False
            with self.condition:
                self.arriving -= 1
                self.condition.notify_all()

    def determine(self, key: tuple, inputs: engine.Inputs, fallback: Callable, run: Callable):
        """`run(simulation)` for this request's inputs, sharing a simulation with the requests
        of the same `key` (see the module doc); `fallback()` builds this request's own
        simulation when the shared one cannot be built."""
        job = _Job(inputs, fallback)
        with self.condition:
            group = self.pending.setdefault(key, [])
            group.append(job)
            leader = len(group) == 1
            if len(group) >= MAX_GROUP:
                self.pending.pop(key, None)  # full: the next request starts a new group
            self.condition.notify_all()
        self._arrived()
        if leader:
            self._lead(key, group, run)
        else:
            job.done.wait()
        if job.error is not None:
            raise job.error
        return job.members

    def _lead(self, key: tuple, group: list[_Job], run: Callable) -> None:
        # The group collects requests while the worker's previous shared simulation runs, and
        # then until it holds as many as are usually in flight (the clients answered by that
        # simulation are likely to ask again at once) and no announced request is still on its
        # way; the window bounds the wait, and a wait that ends there expects one fewer.
        with self.condition:
            lane = self.lanes.setdefault(key, _Lane())
            lane.leaders += 1
        try:
            with lane.lock:
                with self.condition:
                    complete = self.condition.wait_for(
                        lambda: len(group) >= self.usual_size and self.arriving == 0,
                        timeout=self.window,
                    )
                    if self.pending.get(key) is group:
                        self.pending.pop(key)
                    if not complete:  # fewer clients than before, or slower ones
                        self.usual_size = max(1, self.usual_size - 1)
                _run(group, run)
        finally:
            with self.condition:
                lane.leaders -= 1
                if not lane.leaders:
                    self.lanes.pop(key, None)


@dataclass
class _Lane:
    """The groups of one key run one after the other (while one runs, the next collects);
    groups of other keys (another reform, month or language) do not wait for them."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    leaders: int = 0  # groups running or waiting to run


def _run(jobs: list[_Job], run: Callable) -> None:
    try:
        if len(jobs) == 1:
            _alone(jobs[0], run)
            return
        system = jobs[0].fallback.system
        together = engine.concat(system, [job.inputs for job in jobs], SEPARATOR)
        with engine.simulated(system, together) as simulation:
            members = run(simulation)
        by_job: list[list[MemberDetermination]] = [[] for _ in jobs]
        for member in members:
            number, _, person_id = member.id.partition(SEPARATOR)
            by_job[int(number)].append(replace(member, id=person_id))
        for job, found in zip(jobs, by_job, strict=True):
            job.members = found
    except Exception:
        # Whatever failed together is run again alone: each request gets its own answer or
        # its own error.
        for job in jobs:
            if job.members is None and job.error is None:
                _alone(job, run)
    finally:
        for job in jobs:
            job.done.set()


def _alone(job: _Job, run: Callable) -> None:
    try:
        simulation = job.fallback()
        try:
            job.members = run(simulation)
        finally:
            engine.release(simulation)
    except Exception as error:
        job.error = error  # raised again in the request's own thread


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
    coalescer: Coalescer | None = None,
) -> list[MemberDetermination]:
    """One household's determinations (from its checked `inputs`): alone, or with concurrent
    requests through `coalescer` (see the module doc)."""

    def build():
        return engine.simulate(system, inputs)

    def run(simulation):
        return determine(simulation, period, language, programs, evidence=evidence)

    if coalescer is None:
        with engine.simulated(system, inputs) as simulation:
            return run(simulation)
    key = (
        id(system),
        str(period),
        language,
        tuple(programs or ()),
        programs is None,
        evidence,
        inputs.signature,
    )
    return coalescer.determine(key, inputs, _Fallback(system, build), run)
