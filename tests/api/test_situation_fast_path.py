"""The engine's situation reader gives the simulation SimulationBuilder gives, or steps aside."""

import copy

import numpy as np
import pytest
from openfisca_core.simulations import Simulation, SimulationBuilder

from policy_bd import engine


def fast_build(system, situation):
    """The engine's own simulation of a situation, or None when it leaves it to the builder."""
    built = engine.read_situation(system, situation)
    return None if isinstance(built, Simulation) else engine.simulate(system, built)


OUTPUTS = ["old_age_allowance", "old_age_allowance__eligible", "age", "household_size"]


def situation(households=60, seed=11):
    rng = np.random.default_rng(seed)
    persons, groups = {}, {}
    for h in range(households):
        members = [f"p{h}_{k}" for k in range(int(rng.integers(1, 5)))]
        for k, member in enumerate(members):
            entry = {
                "sex": {"ETERNITY": ["male", "female"][int(rng.integers(2))]},
                "annual_income": {"2024": float(rng.integers(0, 20000)), "2023": 5.5},
                "receives_other_allowance": {"2024-07": bool(rng.random() < 0.2)},
                "old_age_allowance": {"2024-07": None},
            }
            if k % 2:
                entry["age"] = {"2024-07": int(rng.integers(50, 90))}
            else:
                entry["date_of_birth"] = {"ETERNITY": f"{int(rng.integers(1930, 1970))}-02-28"}
            persons[member] = entry
        roles = {"heads": members[:1], "children": members[1:2], "others": members[2:]}
        groups[f"h{h}"] = {**roles, "division": {"2024-07": "khulna"}, "urban": {"2024-07": True}}
    return {"persons": persons, "households": groups}


def results(simulation):
    return {name: simulation.calculate(name, "2024-07").tolist() for name in OUTPUTS}


def test_fast_path_gives_the_builders_simulation(system):
    given = situation()
    fast = fast_build(system, copy.deepcopy(given))
    assert fast is not None
    stock = SimulationBuilder().build_from_entities(system, copy.deepcopy(given))
    assert fast.persons.ids == stock.persons.ids
    assert fast.household.ids == stock.household.ids
    assert fast.household.members_entity_id.tolist() == stock.household.members_entity_id.tolist()
    assert [role.key for role in fast.household.members_role] == [
        role.key for role in stock.household.members_role
    ]
    assert results(fast) == results(stock)
    assert fast.calculate("annual_income", "2023").tolist() == (
        stock.calculate("annual_income", "2023").tolist()
    )
    assert sum(results(fast)["old_age_allowance"]) > 0


def change(**edits):
    changed = situation(households=3)
    for path, value in edits.items():
        node = changed
        *parents, last = path.split("/")
        for key in parents:
            node = node[key]
        node[last] = value
    return changed


@pytest.mark.parametrize(
    "given",
    [
        {
            **situation(3),
            "axes": [[{"count": 2, "name": "age", "min": 60, "max": 70, "period": "2024-07"}]],
        },
        {"persons": {"a": {}}},  # no household: the builder makes one per person
        change(**{"households/h0/heads": ["p1_0"]}),  # a person in two households
        change(**{"households/h0/heads": []}),  # a person in none
        change(**{"persons/p0_0/annual_income": {"2024-07": 10.0}}),  # a month for a year
        change(**{"households/h0/heads": "p0_0"}),  # a role as text
    ],
)
def test_other_shapes_are_left_to_the_builder(system, given):
    """Built by SimulationBuilder, or refused with its own error document."""
    try:
        built = engine.read_situation(system, copy.deepcopy(given))
    except engine.InputError as error:
        assert error.body is not None and error.status == 400
    else:
        assert isinstance(built, Simulation)


@pytest.mark.parametrize(
    ("given", "where", "words"),
    [
        (change(**{"persons/p0_0/sex": {"ETERNITY": 1}}), "persons.p0_0.sex.ETERNITY", "one of"),
        (
            change(**{"persons/p0_0/annual_income": {"2024": "5000"}}),
            "persons.p0_0.annual_income.2024",
            "is not a number",
        ),
        (change(**{"persons/p0_0/agee": {"2024-07": 1}}), "persons.p0_0.agee", "unknown field"),
        (
            change(**{"persons/p0_0/age": {"2024-07": 250}}),
            "persons.p0_0.age.2024-07",
            "250 is above the maximum of 120",
        ),
        (
            change(**{"persons/p0_0/date_of_birth": {"ETERNITY": "0001-01-01"}}),
            "persons.p0_0.date_of_birth.ETERNITY",
            "is before 1900-01-01",
        ),
        (
            change(**{"persons/p0_0/old_age_allowance": {"0001-01": None}}),
            "persons.p0_0.old_age_allowance",
            "outside the years 1900 to 2100",
        ),
    ],
)
def test_bad_values_are_refused_through_the_contract(system, given, where, words):
    with pytest.raises(engine.InputError) as caught:
        engine.read_situation(system, copy.deepcopy(given))
    assert any(p.field == where and words in p.message for p in caught.value.problems), (
        caught.value.problems
    )
