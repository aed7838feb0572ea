"""The applicant contract (one household, fields under their variables' names) read by the engine."""

import numpy as np
import pytest

from policy_bd import engine

HOUSEHOLD = {
    "division": "khulna",
    "urban": True,
    "members": [
        {
            "id": "rahim",
            "role": "head",
            "date_of_birth": "1954-03-10",
            "sex": "male",
            "annual_income": 8000.0,
            "employment": {
                "monthly_wage": 12500.0,
                "months_of_service": 30,
                "sector": "rmg_export",
                "employer_type": "private_company",
                "establishment_size": 800,
            },
        },
        {"id": "amena", "role": "spouse", "age": 63, "sex": "female", "marital_status": "married"},
        {"id": "nila", "role": "child", "age": 9, "sex": "female", "gives_birth": False},
    ],
}


def simulation_of(system, household, period="2025-08"):
    return engine.simulate(system, engine.read_household(system, household, period))


def test_fields_become_inputs_for_the_period_of_their_variable(system):
    simulation = simulation_of(system, HOUSEHOLD)
    assert simulation.calculate("annual_income", "2025").tolist() == [8000.0, 0.0, 0.0]
    assert simulation.calculate("monthly_wage", "2025-08").tolist() == [12500.0, 0.0, 0.0]
    assert simulation.calculate("sector", "2025-08").decode_to_str().tolist()[0] == "rmg_export"
    assert simulation.calculate("establishment_size", "2025-08").tolist() == [800, 0, 0]
    marital = simulation.calculate("marital_status", "2025-08").decode_to_str().tolist()
    assert marital[1] == "married"
    assert simulation.calculate("division", "2025-08").decode_to_str().tolist() == ["khulna"]
    assert [role.key for role in simulation.household.members_role] == ["head", "spouse", "child"]


def test_age_and_birth_dates_mix_and_give_the_ages_sent(system):
    # Rahim, born 10 March 1954, is 71 in August 2025; the others are the ages sent.
    assert simulation_of(system, HOUSEHOLD).calculate("age", "2025-08").tolist() == [71, 63, 9]


def test_every_input_variable_is_a_field(system):
    """Labour Act events, migration and pension inputs are fields under their own names."""
    fields = engine.contract(system)
    for name in ("gives_birth", "delivery_date", "work_injury", "job_separation", "dies"):
        assert fields[name].entity == "person"
    assert fields["age"].minimum == 0 and fields["age"].maximum == 120
    assert fields["annual_income"].minimum == 0
    assert fields["annual_income"].unit == "currency-BDT"
    assert "retrenchment" in fields["job_separation"].values
    assert fields["division"].entity == "household"
    assert "old_age_allowance" not in fields  # computed: not an input


def test_a_variable_present_in_the_system_is_set(fake_system):
    member = {"id": "x", "role": "head", "sex": "male", "age": 30, "disability_registered": True}
    simulation = simulation_of(fake_system, {"members": [member]})
    assert simulation.calculate("disability_registered", "2025-08").tolist() == [True]


def test_unknown_fields_are_errors(system):
    member = {"id": "x", "role": "head", "sex": "male", "age": 30, "shoe_size": 42}
    with pytest.raises(engine.InputError) as caught:
        engine.read_household(system, {"members": [member], "district": "x"}, "2025-08")
    assert {problem.field for problem in caught.value.problems} == {
        "household.members[0].shoe_size",
        "household.district",
    }


def test_every_problem_is_reported_at_once_with_member_rows(system):
    members = [
        {"id": "a", "role": "head", "sex": "male", "age": 250, "annual_income": -5000},
        {"id": "a", "role": "head", "sex": "x", "age": 30},
    ]
    with pytest.raises(engine.InputError) as caught:
        engine.read_household(system, {"members": members}, "2025-08")
    found = {(p.field, p.row, p.message) for p in caught.value.problems}
    assert ("household.members[0].age", 1, "250 is above the maximum of 120") in found
    assert ("household.members[0].annual_income", 1, "-5000 is below the minimum of 0") in found
    assert ("household.members[1].id", 2, "repeats the id 'a'") in found
    assert ("household.members", None, "a household has at most one head") in found
    assert any(p.field == "household.members[1].sex" and p.row == 2 for p in caught.value.problems)


def test_birth_dates_are_set_for_everyone_from_ages(system):
    inputs = engine.read_household(system, HOUSEHOLD, "2025-08")
    (births,) = [value for value in inputs.values if value[0] == "date_of_birth"]
    assert sorted(np.asarray(births[3]).tolist()) == [0, 1, 2]
