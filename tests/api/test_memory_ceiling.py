"""A worker is replaced for the memory it holds after giving back what it has freed."""

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
