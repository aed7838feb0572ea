"""Concurrent entitlements requests evaluated together answer what each would get alone."""

from __future__ import annotations

import contextlib
import copy
import threading
import time

import pytest
from openfisca_core import periods
from policy_bd.web_api.app import create_app
from policy_bd.web_api.schemas import EXAMPLE_ENTITLEMENTS

from policy_bd import engine, explain_coalesce
from policy_bd.explain import determine

PERIOD = periods.period("2025-08")


def households():
    base = EXAMPLE_ENTITLEMENTS["household"]
    out = []
    for number, (age, income, sex) in enumerate(
        [(70, 100, "male"), (40, 0, "female"), (66, 25000, "male"), (63, 5000, "female")]
    ):
        household = copy.deepcopy(base)
        household["members"][0].pop("date_of_birth")
        household["members"][0].update(age=age, annual_income=income, sex=sex)
        household["members"] = household["members"][: 1 + number % 2]
        out.append(household)
    return out


def inputs_of(system, household):
    return engine.read_household(system, household, PERIOD)


def alone(system, household, evidence):
    simulation = engine.simulate(system, inputs_of(system, household))
    return [m.as_dict() for m in determine(simulation, PERIOD, "en", evidence=evidence)]


def ask_together(system, wanted, evidence, coalescer, *, announce=True):
    """Each household asked in its own thread, as gunicorn's threads ask: announced first,
    then read, then determined."""
    answers: dict[int, list] = {}
    ready = threading.Barrier(len(wanted))

    def ask(number):
        household = wanted[number]
        with coalescer.expected() if announce else contextlib.nullcontext():
            ready.wait()  # every request is on its way before any joins a group
            inputs = inputs_of(system, household)
            members = explain_coalesce.determine_household(
                system,
                PERIOD,
                inputs=inputs,
                language="en",
                programs=None,
                evidence=evidence,
                coalescer=coalescer,
            )
        answers[number] = [member.as_dict() for member in members]

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(len(wanted))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def counting_calls(monkeypatch):
    calls = []
    real = explain_coalesce.determine

    def counting(simulation, *args, **kwargs):
        calls.append(simulation.persons.count)
        return real(simulation, *args, **kwargs)

    monkeypatch.setattr(explain_coalesce, "determine", counting)
    return calls


@pytest.mark.parametrize("evidence", [True, False])
def test_requests_evaluated_together_get_their_own_answers(system, monkeypatch, evidence):
    wanted = [household for household in households() if len(household["members"]) == 1]
    wanted += [copy.deepcopy(wanted[0]) for _ in range(2)]
    calls = counting_calls(monkeypatch)
    # A long window: the group must be run because every announced request joined, not
    # because the window ended.
    coalescer = explain_coalesce.Coalescer(window=30)
    answers = ask_together(system, wanted, evidence, coalescer)
    assert calls == [len(wanted)], "the requests were not evaluated together"
    monkeypatch.undo()
    for number, household in enumerate(wanted):
        assert answers[number] == alone(system, household, evidence)


def test_households_that_set_different_inputs_are_grouped_apart(system, monkeypatch):
    wanted = households()
    for household in wanted[1::2]:  # these give an input the others do not
        household["members"][0]["disability_registered"] = True
    calls = counting_calls(monkeypatch)
    answers = ask_together(system, wanted, False, explain_coalesce.Coalescer(window=30))
    assert sorted(calls) == [2, 4], "each set of inputs in its own simulation"
    monkeypatch.undo()
    for number, household in enumerate(wanted):
        assert answers[number] == alone(system, household, False)


def test_a_request_alone_does_not_wait_for_the_window(system):
    coalescer = explain_coalesce.Coalescer(window=30)
    started = time.monotonic()
    ask_together(system, households()[:1], False, coalescer)
    assert time.monotonic() - started < 10


def test_a_request_that_fails_before_joining_releases_the_leader(system):
    coalescer = explain_coalesce.Coalescer(window=30)
    with pytest.raises(RuntimeError), coalescer.expected():
        raise RuntimeError("a bad body")
    assert coalescer.arriving == 0


def test_the_service_coalesces_by_default_and_not_with_a_window_of_0(system):
    assert create_app(system).extensions["policy_bd_coalescer"].window == 0.005
    assert "policy_bd_coalescer" not in create_app(system, COALESCE_MS=0).extensions


def test_concatenated_inputs_keep_every_household_apart(system):
    first, second = households()[:2]
    together = engine.concat(
        system, [inputs_of(system, first), inputs_of(system, second)], explain_coalesce.SEPARATOR
    )
    assert list(together.person_ids) == ["0\x1frahim", "1\x1frahim", "1\x1famena"]
    assert list(together.household_index) == [0, 1, 1]
    ages = engine.compute(engine.simulate(system, together), ["age"], PERIOD).values["age"]
    assert list(ages) == [70, 40, 63]


def test_inputs_that_differ_in_what_they_set_are_not_evaluated_together(system):
    first, second = households()[:2]
    second["members"][0]["disability_registered"] = True
    with pytest.raises(engine.NotConcatenableError):
        engine.concat(
            system,
            [inputs_of(system, first), inputs_of(system, second)],
            explain_coalesce.SEPARATOR,
        )
