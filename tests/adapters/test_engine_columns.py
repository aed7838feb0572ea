"""Building one vectorised simulation from columns."""

import numpy as np
import pytest

from policy_bd import engine


def columns_simulation(system, period, persons, households=None):
    """Columns through the engine's reader and builder."""
    return engine.simulate(system, engine.read_columns(system, period, persons, households))


def computed(simulation, outputs, period):
    return engine.compute(simulation, outputs, period).values


def test_columns_give_the_same_allowances_as_the_law(system):
    simulation = columns_simulation(
        system,
        "2018-07",
        persons={
            "household_id": ["h2", "h2", "h1"],
            "age": [70, 66, 65],
            "sex": ["male", "female", "male"],
            "annual_income": [0, 0, 20000],
            "role": ["spouse", "head", "head"],
        },
    )
    out = computed(simulation, ["old_age_allowance", "sex"], "2018-07")
    # h2: both eligible, the older (70) is the one recipient; h1: income above Tk 10,000.
    assert out["old_age_allowance"].tolist() == [500, 0, 0]
    assert out["sex"].tolist() == ["male", "female", "male"]


def test_household_table_sets_household_inputs_and_first_member_is_head(system):
    simulation = columns_simulation(
        system,
        "2018-07",
        persons={"household_id": [7, 7, 3], "age": [40, 12, 30]},
        households={"household_id": [3, 7], "urban": [True, False]},
    )
    assert simulation.household.members_entity_id.tolist() == [1, 1, 0]
    assert [role.key for role in simulation.household.members_role] == ["head", "other", "head"]
    assert simulation.calculate("urban", "eternity").tolist() == [True, False]


def test_yearly_input_is_set_for_the_calendar_year(system):
    simulation = columns_simulation(
        system, "2018-07", persons={"household_id": [1], "annual_income": [1234]}
    )
    assert simulation.calculate("annual_income", "2018").tolist() == [1234]


def test_every_problem_is_reported_with_column_and_row(system):
    with pytest.raises(engine.InputError) as caught:
        columns_simulation(
            system,
            "2018-07",
            persons={
                "household_id": [1, 1, 2],
                "agee": [1, 2, 3],
                "sex": ["male", "m", "female"],
                "age": [70, None, 3],
                "role": ["head", "head", "chief"],
                "urban": [True, True, False],
            },
        )
    found = {str(problem) for problem in caught.value.problems}
    assert "persons.agee: unknown field" in found
    assert "persons.sex (row 2): 'm' is not one of male, female" in found
    assert "persons.age (row 2): missing value" in found
    assert "persons.role (row 3): 'chief' is not one of head, spouse, child, other" in found
    assert "persons.role: household 1 has more than one head" in found
    assert "persons.urban: is a household field, not a person one" in found


def test_households_must_match_persons(system):
    with pytest.raises(engine.InputError) as caught:
        columns_simulation(
            system,
            "2018-07",
            persons={"household_id": [1, 9]},
            households={"household_id": [1, 2], "urban": [True, False]},
        )
    found = {str(problem) for problem in caught.value.problems}
    assert "persons.household_id (row 2): 9 is not in households.household_id" in found
    assert "households.household_id (row 2): household 2 has no members" in found


def test_bad_types_are_named(system):
    with pytest.raises(engine.InputError) as caught:
        columns_simulation(
            system,
            "2018-07",
            persons={
                "household_id": [1, 2],
                "receives_other_allowance": ["yes", "maybe"],
                "age": [1.5, 2],
                "date_of_birth": ["1950-01-01", "01/02/1950"],
            },
        )
    found = {str(problem) for problem in caught.value.problems}
    assert "persons.receives_other_allowance (row 2): 'maybe' is not true or false" in found
    assert "persons.age (row 1): 1.5 is not a whole number" in found
    assert "persons.date_of_birth (row 2): '01/02/1950' is not a date (YYYY-MM-DD)" in found


def test_unordered_households_are_grouped_correctly(system):
    rng = np.random.default_rng(1)
    households = rng.permutation(np.repeat(np.arange(500), 3))
    ages = rng.integers(65, 90, households.size)
    simulation = columns_simulation(
        system, "2018-07", persons={"household_id": households, "age": ages}
    )
    paid = computed(simulation, ["old_age_allowance"], "2018-07")["old_age_allowance"]
    # Every household has three men aged 65+ with no income: exactly one is paid (the oldest).
    per_household = np.bincount(households, weights=paid > 0)
    assert (per_household == 1).all()
    oldest = np.zeros(500)
    np.maximum.at(oldest, households, ages)
    assert (ages[paid > 0] == oldest[households[paid > 0]]).all()


def test_text_columns_from_files_are_converted(system):
    """CSV and Parquet readers give text and objects; they convert like native arrays."""
    simulation = columns_simulation(
        system,
        "2018-07",
        persons={
            "household_id": np.array(["a", "a", "b"], dtype=object),
            "age": np.array(["70", "66", "65"], dtype=object),
            "sex": np.array(["male", "female", "male"], dtype=object),
            "receives_other_allowance": np.array(["No", "yes", "FALSE"], dtype=object),
            "annual_income": ["0", "0.5", "20000"],
            "date_of_birth": np.array(["1948-01-31", "1952-02-29", "1953-07-01"], dtype=object),
        },
    )
    out = computed(
        simulation, ["age", "receives_other_allowance", "annual_income", "sex"], "2018-07"
    )
    assert out["age"].tolist() == [70, 66, 65]
    assert out["receives_other_allowance"].tolist() == [False, True, False]
    assert out["annual_income"].tolist() == [0, 0.5, 20000]
    assert out["sex"].tolist() == ["male", "female", "male"]
    assert simulation.calculate("date_of_birth", "eternity").astype(str).tolist() == [
        "1948-01-31",
        "1952-02-29",
        "1953-07-01",
    ]


def test_repeated_identifiers_and_bad_shapes_are_named(system):
    with pytest.raises(engine.InputError) as caught:
        columns_simulation(
            system,
            "2018-07",
            persons={
                "household_id": [1, 1, 2],
                "person_id": ["x", "y", "x"],
                "age": [[1], [2], [3]],
                "annual_income": ["10", "ten", "3"],
            },
            households={"household_id": [1, 2, 1]},
        )
    found = {str(problem) for problem in caught.value.problems}
    assert "persons.person_id (row 3): identifiers must be unique" in found
    assert "households.household_id (row 3): identifiers must be unique" in found
    assert "persons.age: must be a flat list of values" in found
    assert "persons.annual_income (row 2): 'ten' is not a number" in found
