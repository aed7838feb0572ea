"""The law's own rules across programs: one DSS allowance per person, in force, missing inputs."""

import numpy as np
import pytest

from policy_bd import engine
from policy_bd.explain import determine
from policy_bd.system import system_for


def build_simulation(system, period, persons):
    return engine.simulate(system, engine.read_columns(system, period, persons))


DSS = ("old_age_allowance", "widow_allowance", "disability_allowance")
PERIOD = "2026-01"


def random_people(n: int = 10_000, seed: int = 9) -> dict:
    """Households of one to four people across every age, status and a low income range."""
    rng = np.random.default_rng(seed)
    household = np.sort(rng.integers(0, n // 2.5, n))
    first = np.r_[True, household[1:] != household[:-1]]
    return {
        "household_id": household,
        "role": np.where(first, "head", "other"),
        "age": rng.integers(0, 100, n),
        "sex": rng.choice(["male", "female"], n),
        "marital_status": rng.choice(["married", "widowed", "divorced", "never_married"], n),
        "annual_income": rng.integers(0, 20_000, n),
        "disability_registered": rng.random(n) < 0.1,
    }


def paid(system, persons) -> dict[str, np.ndarray]:
    simulation = build_simulation(system, PERIOD, persons)
    return {name: simulation.calculate(name, PERIOD) for name in DSS}


def test_nobody_in_a_10000_person_batch_is_paid_two_dss_allowances(system):
    """Regression: 402 of 10,000 were paid two allowances when only an input flag was read."""
    amounts = paid(system, random_people())
    allowances_per_person = sum((amount > 0).astype(int) for amount in amounts.values())
    assert int((allowances_per_person >= 2).sum()) == 0
    # The batch does hold people who meet the criteria of two programs (else this proves nothing).
    lifted = paid(system_for(LIFTED), random_people())
    assert int((sum((a > 0).astype(int) for a in lifted.values()) >= 2).sum()) > 100


LIFTED = {
    "title": "Allowances may be combined",
    "changes": [
        {
            "parameter": "social_assistance.dss_allowances.one_allowance_per_person",
            "value": False,
            "start": "2025-07-01",
        }
    ],
}


def test_the_63_year_old_widow_is_paid_one_allowance_and_told_why(system):
    persons = {
        "household_id": [1],
        "age": [63],
        "sex": ["female"],
        "marital_status": ["widowed"],
        "annual_income": [6000],
    }
    amounts = paid(system, persons)
    assert (amounts["old_age_allowance"][0], amounts["widow_allowance"][0]) == (650, 0)
    (member,) = determine(build_simulation(system, PERIOD, persons), PERIOD)
    widow = next(item for item in member.programs if item.program == "widow_allowance")
    reason = next(r for r in widow.reasons if r.criterion.endswith("no_preferred_dss_allowance"))
    assert not reason.met and not widow.eligible
    assert any(item.name == "old_age_allowance" and item.value == 650 for item in reason.evidence)


def test_a_reform_can_lift_the_rule(system):
    persons = {
        "household_id": [1],
        "age": [63],
        "sex": ["female"],
        "marital_status": ["widowed"],
        "annual_income": [6000],
    }
    amounts = paid(system_for(LIFTED), persons)
    assert (amounts["old_age_allowance"][0], amounts["widow_allowance"][0]) == (650, 650)


@pytest.mark.parametrize(
    ("program", "period"),
    [
        ("maternity", "1995-08"),  # the Labour Act 2006 starts on 11 October 2006
        ("universal_pension", "2010-01"),  # the Act of 2023
        ("nsis_maternity", "2026-01"),  # a proposal, switched off in baseline law
        ("migrant_health_insurance", "2026-01"),
    ],
)
def test_a_program_is_not_in_force_before_its_law_or_while_a_proposal_is_off(
    system, program, period
):
    simulation = build_simulation(system, period, {"household_id": [1], "age": [30]})
    (member,) = determine(simulation, period, program_names=[program])
    (item,) = member.programs
    assert item.in_force is False
    assert "is not in force on" in item.note
    assert "was not found" not in item.note and "tax an" not in item.note


def test_a_switched_on_proposal_is_in_force(system):
    from policy_bd.system import system_for as reformed

    simulation = build_simulation(
        reformed("nsis_maternity"), "2026-01", {"household_id": [1], "age": [30]}
    )
    (member,) = determine(simulation, "2026-01", program_names=["nsis_maternity"])
    assert member.programs[0].in_force is True


def test_a_benefit_whose_input_is_missing_names_that_input(system):
    """A worker who gives birth with only `monthly_wage` before 1 Sep 2022, when the daily rate was
    the three months' wages over the days worked (Labour Rules r.39 as amended by SRO 284-Law/2022
    moved it to the last monthly wage / 26)."""
    persons = {
        "household_id": [1],
        "sex": ["female"],
        "gives_birth": [True],
        "employer_type": ["private_company"],
        "months_of_service": [12],
        "monthly_wage": [12500],
    }
    simulation = build_simulation(system, "2022-03", persons)
    (member,) = determine(simulation, "2022-03", program_names=["maternity"])
    (item,) = member.programs
    assert (item.eligible, item.amount) == (True, 0)
    missing = [reason.criterion for reason in item.reasons if not reason.met]
    assert missing == [
        "wages_in_three_months_before_maternity_notice",
        "days_worked_in_three_months_before_maternity_notice",
    ]
    assert "wages_in_three_months_before_maternity_notice" in item.note


def test_no_missing_input_is_reported_when_the_amount_is_computed(system):
    persons = {
        "household_id": [1],
        "sex": ["female"],
        "gives_birth": [True],
        "employer_type": ["private_company"],
        "months_of_service": [12],
        "monthly_wage": [13000],
    }
    simulation = build_simulation(system, "2026-03", persons)  # last wage / 26 from Nov 2025
    (member,) = determine(simulation, "2026-03", program_names=["maternity"])
    (item,) = member.programs
    assert item.eligible and item.amount == 60_000 and item.note is None
    assert all(reason.met for reason in item.reasons)


def test_a_permanent_partial_injury_without_wage_or_loss_names_both(system):
    persons = {
        "household_id": [1],
        "sex": ["male"],
        "employer_type": ["private_company"],
        "months_of_service": [30],
        "work_injury": [True],
        "work_injury_disablement": ["permanent_partial"],
        "work_injury_incapacity_days": [30],
    }
    simulation = build_simulation(system, "2025-03", persons)
    (member,) = determine(simulation, "2025-03", program_names=["work_injury"])
    (item,) = member.programs
    assert (item.eligible, item.amount) == (True, 0)
    missing = [reason.criterion for reason in item.reasons if not reason.met]
    assert missing == ["monthly_wage", "work_injury_loss_of_earning_capacity"]


def test_the_same_injury_with_both_inputs_has_an_amount_and_no_missing_input(system):
    persons = {
        "household_id": [1],
        "sex": ["male"],
        "employer_type": ["private_company"],
        "months_of_service": [30],
        "work_injury": [True],
        "work_injury_disablement": ["permanent_partial"],
        "work_injury_incapacity_days": [30],
        "monthly_wage": [15000],
        "work_injury_loss_of_earning_capacity": [0.3],
    }
    simulation = build_simulation(system, "2025-03", persons)
    (member,) = determine(simulation, "2025-03", program_names=["work_injury"])
    (item,) = member.programs
    assert item.amount > 0 and item.note is None


def test_a_10000_person_v1_batch_pays_nobody_two_dss_allowances():
    from policy_bd.web_api.app import create_app

    people = random_people()
    persons = {name: values.tolist() for name, values in people.items()}
    persons["person_id"] = [f"p{index}" for index in range(len(persons["age"]))]
    body = {"period": PERIOD, "outputs": list(DSS), "persons": persons}
    answer = create_app().test_client().post("/v1/batch", json=body)
    assert answer.status_code == 200
    paid_to = answer.get_json()["persons"]
    allowances = sum((np.asarray(paid_to[name]) > 0).astype(int) for name in DSS)
    assert len(allowances) == 10_000
    assert int((allowances >= 2).sum()) == 0
    assert int((allowances == 1).sum()) > 1000


def test_a_reform_raising_the_widow_allowance_above_the_oaa_pays_her_that_one(system):
    reform = {
        "title": "Widow allowance Tk 1,000",
        "changes": [
            {
                "parameter": "social_assistance.widow_allowance.amount",
                "value": 1000,
                "start": "2025-07-01",
            }
        ],
    }
    persons = {
        "household_id": [1],
        "age": [63],
        "sex": ["female"],
        "marital_status": ["widowed"],
        "annual_income": [6000],
    }
    amounts = paid(system_for(reform), persons)
    assert (amounts["old_age_allowance"][0], amounts["widow_allowance"][0]) == (0, 1000)
