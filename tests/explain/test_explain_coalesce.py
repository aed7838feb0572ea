"""Concurrent entitlements requests evaluated together answer what each would get alone."""

from __future__ import annotations

import copy
import threading

import pytest
from openfisca_core import periods
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


@pytest.mark.parametrize("evidence", [True, False])
def test_requests_evaluated_together_get_their_own_answers(system, monkeypatch, evidence):
    monkeypatch.setenv("POLICY_BD_COALESCE_MS", "50")
    calls = []
    real = explain_coalesce.determine

    def counting(simulation, *args, **kwargs):
        calls.append(simulation.persons.count)
        return real(simulation, *args, **kwargs)

    monkeypatch.setattr(explain_coalesce, "determine", counting)
    wanted = households()
    answers: dict[int, list] = {}

    def ask(number):
        household = wanted[number]
        members = explain_coalesce.determine_household(
            system,
            PERIOD,
            inputs=inputs_of(system, household),
            language="en",
            programs=None,
            evidence=evidence,
        )
        answers[number] = [member.as_dict() for member in members]

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(len(wanted))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) < len(wanted), "the requests were not evaluated together"
    monkeypatch.setattr(explain_coalesce, "determine", real)
    for number, household in enumerate(wanted):
        assert answers[number] == alone(system, household, evidence)


def test_off_by_default(system, monkeypatch):
    monkeypatch.delenv("POLICY_BD_COALESCE_MS", raising=False)
    assert explain_coalesce.coalescer() is None


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
