"""Date arithmetic, policy-date parameters, loan schedules and the registry of migrant programs."""

import numpy as np
import pytest
from policy_bd.reforms.registry import PARAMETRIC_DIR, REGISTRY

from policy_bd.migrant_helpers import (
    add_months,
    add_years,
    age_on,
    simple_interest_schedule,
    values_on_dates,
)
from policy_bd.programs import programs
from policy_bd.reform_spec import load_file

D = np.datetime64


def test_add_months_keeps_the_day_or_falls_back_to_the_month_end():
    dates = np.array(["2023-01-31", "2024-01-31", "2023-08-31", "2024-02-29"], "datetime64[D]")
    assert add_months(dates, 1).tolist() == [
        D("2023-02-28").item(),
        D("2024-02-29").item(),
        D("2023-09-30").item(),
        D("2024-03-29").item(),
    ]
    assert add_months(dates[:1], -13)[0] == D("2021-12-31")
    assert add_years(np.array(["2024-02-29"], "datetime64[D]"), 5)[0] == D("2029-02-28")


def test_age_on_counts_completed_years():
    birth = np.array(["2001-12-19", "2001-12-20", "2000-02-29"], "datetime64[D]")
    on = np.array(["2019-12-19", "2019-12-19", "2019-02-28"], "datetime64[D]")
    assert age_on(birth, on).tolist() == [18, 17, 18]


def test_values_on_dates_reads_each_policy_date_once_per_product(system):
    node = system.parameters.migrant_welfare.insurance
    dates = np.array(["2019-12-18", "2019-12-19", "2022-12-09", "2022-12-10"], "datetime64[D]")
    (cover, term), defined = values_on_dates(node, dates, lambda p: (p.cover, p.term_years))
    assert defined.tolist() == [False, True, True, True]
    assert cover[1:].tolist() == [200000, 400000, 1000000]  # Tk 4 lakh from 17 Jan 2021
    assert term[1:].tolist() == [2, 2, 5]


def test_simple_interest_schedule():
    interest, instalment = simple_interest_schedule(
        np.array([1_000_000.0, 500_000.0, 100.0]), 0.09, np.array([60, 60, 0])
    )
    assert interest.tolist() == pytest.approx([450_000, 225_000, 0])
    assert instalment.tolist() == pytest.approx([1_450_000 / 60, 725_000 / 60, 0])


MIGRANT_PROGRAMS = {
    "wewb_welfare_fee": "law",
    "wewb_death_grant": "law",
    "wewb_funeral_grant": "law",
    "wewb_treatment_aid": "law",
    "wewb_scholarship": "law",
    "wewb_disabled_child_allowance": "law",
    "migrant_insurance": "law",
    "migrant_insurance_death_benefit": "law",
    "migrant_insurance_disability_benefit": "law",
    "migrant_insurance_jobless_return": "law",
    "pkb_migration_loan": "law",
    "pkb_rehabilitation_loan": "law",
    "pkb_womens_rehabilitation_loan": "law",
    "pkb_special_rehabilitation_loan": "law",
    "migrant_health_insurance": "proposal",
    "migrant_reintegration_loan": "proposal",
}


def test_every_migrant_program_is_registered_with_its_status(system):
    registered = {name: entry.status for name, entry in programs().items()}
    assert {name: registered.get(name) for name in MIGRANT_PROGRAMS} == MIGRANT_PROGRAMS
    for name, entry in programs().items():
        for variable in entry.loan.values():
            assert variable in system.variables, f"{name}: {variable} is not a variable"


@pytest.mark.parametrize(
    ("reform", "switch"),
    [
        ("migrant_health_insurance", "migrant_welfare.health_insurance.in_force"),
        ("migrant_reintegration_loan", "migrant_welfare.reintegration.in_force"),
    ],
)
def test_proposals_are_off_in_law_and_a_registered_reform_switches_them_on(system, reform, switch):
    leaf = system.parameters
    for name in switch.split("."):
        leaf = getattr(leaf, name)
    assert leaf("2026-07-01") is False
    assert REGISTRY[reform] == PARAMETRIC_DIR / f"{reform}.yaml"
    spec = load_file(REGISTRY[reform], system.parameters)
    assert [(c.parameter, c.value, c.start) for c in spec.changes] == [(switch, True, "2026-07-01")]
