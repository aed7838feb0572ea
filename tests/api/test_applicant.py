"""The applicant contract mapped to model variables."""

import datetime

import pytest

from policy_bd.adapters.applicant import (
    MEMBER_FIELDS,
    ApplicantError,
    build_simulation,
    to_situation,
)

HOUSEHOLD = {
    "division": "khulna",
    "urban": True,
    "members": [
        {
            "id": "rahim",
            "role": "head",
            "date_of_birth": datetime.date(1954, 3, 10),
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
        {"id": "nila", "role": "child", "age": 9, "sex": "female"},
    ],
}


def test_fields_become_inputs_for_the_period_of_their_variable(system):
    situation = to_situation(system, HOUSEHOLD, "2025-08")
    rahim = situation["persons"]["rahim"]
    assert rahim["date_of_birth"] == {"ETERNITY": "1954-03-10"}
    assert rahim["annual_income"] == {"2025": 8000.0}
    assert rahim["monthly_wage"] == {"2025-08": 12500.0}
    assert rahim["sector"] == {"2025-08": "rmg_export"}
    assert rahim["establishment_size"] == {"2025-08": 800}
    assert situation["persons"]["amena"]["marital_status"] == {"2025-08": "married"}
    household = situation["households"]["household"]
    assert household["division"] == {"ETERNITY": "khulna"}
    assert household["heads"] == ["rahim"]
    assert household["spouses"] == ["amena"]
    assert household["children"] == ["nila"]


def test_every_contract_field_maps_to_a_variable_or_is_reported(system):
    """Fields whose variables another branch adds are reported, never dropped."""
    missing = {
        field for field, variable in MEMBER_FIELDS.items() if variable not in system.variables
    }
    member = {"id": "x", "role": "head", "sex": "male", "age": 30, "disability_registered": True}
    if "disability_registered" in missing:
        with pytest.raises(ApplicantError) as caught:
            to_situation(system, {"members": [member]}, "2025-08")
        (problem,) = caught.value.problems
        assert problem.field == "household.members[0].disability_registered"
        assert "not supported" in problem.message
    else:
        situation = to_situation(system, {"members": [member]}, "2025-08")
        assert situation["persons"]["x"]["disability_registered"] == {"2025-08": True}


def test_a_variable_present_in_the_system_is_set(fake_system):
    member = {"id": "x", "role": "head", "sex": "male", "age": 30, "disability_registered": True}
    simulation = build_simulation(fake_system, {"members": [member]}, "2025-08")
    assert simulation.calculate("disability_registered", "2025-08").tolist() == [True]


def test_age_and_birth_dates_mix_and_give_the_ages_sent(system):
    simulation = build_simulation(system, HOUSEHOLD, "2025-08")
    # Rahim, born 10 March 1954, is 71 in August 2025; the others are the ages sent.
    assert simulation.calculate("age", "2025-08").tolist() == [71, 63, 9]


def test_unknown_fields_are_errors(system):
    member = {"id": "x", "role": "head", "sex": "male", "age": 30, "shoe_size": 42}
    with pytest.raises(ApplicantError) as caught:
        to_situation(system, {"members": [member], "district": "x"}, "2025-08")
    assert {problem.field for problem in caught.value.problems} == {
        "household.members[0].shoe_size",
        "household.district",
    }
