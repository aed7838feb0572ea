"""Sensitivity of each named reform: it changes the outputs it should, by the right amounts, and nothing else.

One fixed set of households (a birth, sickness, a death at work, a retrenchment, a permanent
disablement, an older couple, a widow, a person with a disability, an expectant mother) is
computed under baseline law and under each reform. Every public output (each program's amount,
instalment, eligibility, expected-annual and contribution variables, and the Labour Act outputs)
is compared. Expected values are derived here from the documented rates.
"""

import dataclasses
import json
from pathlib import Path

import pytest
from policy_bd.reforms.registry import REGISTRY

from policy_bd.cli.compare import compare
from policy_bd.programs import programs

SITUATION = json.loads((Path(__file__).parent / "sensitivity_situations.json").read_text())
LABOUR_ACT_OUTPUTS = {
    "maternity_benefit",
    "sick_leave_pay",
    "work_injury_compensation",
    "death_benefit",
    "separation_pay",
}
NSIS_TOTALS = {
    "nsis_maternity_total_received",
    "nsis_sickness_total_received",
    "nsis_unemployment_total_received",
    "nsis_employment_injury_total_value",
}
# Insured workers of the situation and their wages (all above the Tk 12,500 floor).
WAGES = {"rina": 12500, "karim": 15000, "jamal": 14000, "salma": 18000, "rahim": 16000}
# Assumed contribution rates (employee, employer, government), parameters nsis.contributions.rates.
RATES = {
    "unemployment": (0.01, 0.01, 0.01),
    "employment_injury": (0.0, 0.005, 0.0),
    "maternity": (0.005, 0.005, 0.0),
    "sickness": (0.005, 0.005, 0.0),
}
DAYS = 12 / 365  # a monthly wage per day


def public_outputs() -> list[str]:
    names = set(LABOUR_ACT_OUTPUTS | NSIS_TOTALS)
    for entry in programs().values():
        # Whether a program is in force is its status, tested with the explanations; a reform
        # that switches a proposal on changes it for everyone.
        names.update(
            v
            for k, v in dataclasses.asdict(entry).items()
            if k.endswith("_variable") and k != "in_force_variable" and isinstance(v, str)
        )
        names.update(entry.contribution_variables.values())
    return sorted(names)


def changes(reform: str, period: str) -> dict:
    result = compare(reform, SITUATION, period, ",".join(public_outputs()))
    return {
        (variable, member): (row["baseline"], row["reform"])
        for member, rows in result["persons"].items()
        for variable, row in rows.items()
        if row["baseline"] != row["reform"]
    }


def contributions(*schemes: str) -> dict:
    """Contribution changes for every insured worker when these schemes come into force."""
    expected = {}
    for person, wage in WAGES.items():
        totals = [sum(RATES[s][i] for s in schemes) for i in range(3)]
        for i, party in enumerate(("employee", "employer", "government")):
            if totals[i]:
                expected[(f"nsis_{party}_contribution", person)] = (0.0, round(wage * totals[i], 2))
        expected[("nsis_total_contribution", person)] = (0.0, round(wage * sum(totals), 2))
        expected[("nsis_contributions__insured", person)] = (False, True)
        expected[("nsis_expected_annual_contributions", person)] = (
            0.0,
            round(12 * wage * sum(totals), 2),
        )
        for scheme in schemes:
            expected[(f"nsis_{scheme}_expected_annual_contributions", person)] = (
                0.0,
                round(12 * wage * sum(RATES[scheme]), 2),
            )
    return expected


def per_worker(variable: str, rate_per_tk) -> dict:
    return {(variable, p): (0.0, round(w * rate_per_tk(p), 2)) for p, w in WAGES.items()}


# Unemployment: 4% job loss, (16 weeks x 7 - 7 waiting) = 105 days at 50%.
UNEMPLOYMENT = {
    **contributions("unemployment"),
    **per_worker("nsis_unemployment_expected_annual_benefit", lambda _: 0.04 * 0.5 * DAYS * 105),
    ("nsis_unemployment__eligible", "salma"): (False, True),
    ("nsis_unemployment_benefit", "salma"): (0.0, 9000.0),  # 50% of Tk 18,000
    ("nsis_unemployment_benefit_entitlement", "salma"): (0.0, 53852.05),  # x 12/365 x 182 days
    ("nsis_unemployment_total_received", "salma"): (36000.0, 89852.05),  # separation pay remains
}
# Maternity: 2/3 for 98 days; birth rates 0.15 at 20-24 and 0.033 at 35-39 for the women.
MATERNITY = {
    **contributions("maternity"),
    ("nsis_maternity__eligible", "rina"): (False, True),
    ("nsis_maternity_benefit", "rina"): (0.0, 26850.66),
    ("nsis_maternity_employer_maternity_benefit", "rina"): (53846.15, 26995.50),
    ("nsis_maternity_expected_annual_benefit", "rina"): (0.0, round(0.15 * 26850.66, 2)),
    ("nsis_maternity_expected_annual_benefit", "salma"): (
        0.0,
        round(0.033 * 0.6667 * 18000 * DAYS * 98, 2),
    ),
}
# Sickness: 60% after 3 waiting days; 6 days a year in 1.2 cases -> 2.4 paid days.
SICKNESS = {
    **contributions("sickness"),
    **per_worker("nsis_sickness_expected_annual_benefit", lambda _: 0.6 * DAYS * 2.4),
    ("nsis_sickness__eligible", "karim"): (False, True),
    ("nsis_sickness_benefit", "karim"): (0.0, 2071.23),  # 7 days x 60% x Tk 493.15
    ("nsis_sickness_employer_sick_leave_pay", "karim"): (5000.0, 2928.77),
}
# Employment injury: C121 pensions replace the lump sums (offset); the EIS pilot stops for jamal
# and rina. Expected costs use the capital value at each worker's age (see the YAML tests).
EMPLOYMENT_INJURY = {
    **contributions("employment_injury"),
    ("nsis_employment_injury__eligible", "jamal"): (False, True),
    ("nsis_employment_injury_benefit", "jamal"): (0.0, 7000.0),  # 30% + 2 x 10% of Tk 14,000
    ("nsis_employment_injury_employer_compensation", "jamal"): (200000.0, 0.0),
    ("nsis_employment_injury_total_value", "jamal"): (200000.0, 1006742.75),
    ("nsis_employment_injury__eligible", "rahim"): (False, True),
    ("nsis_employment_injury_benefit", "rahim"): (0.0, 9600.0),  # 60% of Tk 16,000
    ("nsis_employment_injury_employer_compensation", "rahim"): (250000.0, 0.0),
    ("nsis_employment_injury_total_value", "rahim"): (250000.0, 1327731.38),  # x 138.3054
    ("nsis_employment_injury_expected_annual_benefit", "rina"): (0.0, 69.88),
    ("nsis_employment_injury_expected_annual_benefit", "karim"): (0.0, 83.81),
    ("nsis_employment_injury_expected_annual_benefit", "jamal"): (0.0, 79.40),
    ("nsis_employment_injury_expected_annual_benefit", "salma"): (0.0, 98.17),
    ("nsis_employment_injury_expected_annual_benefit", "rahim"): (0.0, 87.21),
    ("employment_injury_scheme__eligible", "jamal"): (True, False),
    ("employment_injury_scheme_monthly_top_up", "jamal"): (5609.38, 0.0),
    ("employment_injury_scheme_expected_annual_benefit", "jamal"): (3.86, 0.0),
    ("employment_injury_scheme_expected_annual_benefit", "rina"): (2.33, 0.0),
}

EXPECTED = {
    "nsis_unemployment": ("2025-07", UNEMPLOYMENT),
    "nsis_maternity": ("2025-07", MATERNITY),
    "nsis_sickness": ("2025-07", SICKNESS),
    "nsis_employment_injury": ("2025-07", EMPLOYMENT_INJURY),
    "national_employment_injury_scheme": (
        "2025-07",
        {
            # Rahim (construction) is now covered: 60% of Tk 16,000 less Tk 2,50,000 / 138.3054.
            ("employment_injury_scheme__eligible", "rahim"): (False, True),
            ("employment_injury_scheme_monthly_top_up", "rahim"): (0.0, 7792.41),
            ("employment_injury_scheme_expected_annual_benefit", "karim"): (0.0, 2.94),
            ("employment_injury_scheme_expected_annual_benefit", "salma"): (0.0, 1.93),
            ("employment_injury_scheme_expected_annual_benefit", "rahim"): (0.0, 1.62),
        },
    ),
    "universal_old_age_allowance": (
        "2025-07",
        {
            # Abdul's Tk 30,000 income no longer bars him, and the household may have two recipients.
            ("old_age_allowance__eligible", "abdul"): (False, True),
            ("old_age_allowance", "abdul"): (0.0, 650.0),
        },
    ),
    # Ruma came home on 1 September 2025 after 30 months abroad with a BMET clearance, trained,
    # and asks for Tk 3 lakh over 36 months (proposals switched on from July 2026).
    "migrant_health_insurance": (
        "2026-07",
        {
            ("migrant_health_insurance__eligible", "ruma"): (False, True),
            ("migrant_health_insurance_cover", "ruma"): (0.0, 100000.0),
            ("migrant_health_insurance_premium", "ruma"): (0.0, 600.0),  # half of Tk 1,200
        },
    ),
    "migrant_reintegration_loan": (
        "2026-07",
        {
            ("migrant_reintegration_loan__eligible", "ruma"): (False, True),
            ("migrant_reintegration_loan", "ruma"): (0.0, 300000.0),
        },
    ),
    "allowance_rates_fy2025_26_early": (
        "2024-07",
        {
            ("old_age_allowance", "amena"): (600.0, 650.0),
            ("widow_allowance", "fatema"): (550.0, 650.0),
            ("disability_allowance", "rafiq"): (850.0, 900.0),
            ("mother_and_child_benefit", "mina"): (800.0, 850.0),
        },
    ),
}
# The month before each reform starts, or after it ends: nothing may change.
UNCHANGED_MONTH = {name: "2025-06" for name in REGISTRY} | {
    "allowance_rates_fy2025_26_early": "2025-07"
}


def test_every_named_reform_has_a_sensitivity_test():
    assert set(EXPECTED) | {"nsis"} == set(REGISTRY)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reform_changes_what_it_should_and_nothing_else(name):
    period, expected = EXPECTED[name]
    found = changes(name, period)
    assert {key: found.get(key) for key in expected} == expected
    assert set(found) - set(expected) == set(), "outputs changed that the reform should not touch"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_reform_changes_nothing_outside_its_dates(name):
    assert changes(name, UNCHANGED_MONTH[name]) == {}


def test_the_fy2025_26_rates_early_reach_the_june_2025_instalments():
    found = changes("allowance_rates_fy2025_26_early", "2025-06")
    # April to June 2025 at the higher rates: three months' difference in the quarterly payment.
    assert found[("old_age_allowance_quarterly_instalment", "amena")] == (1800.0, 1950.0)
    assert found[("widow_allowance_quarterly_instalment", "fatema")] == (1650.0, 1950.0)
    assert found[("disability_allowance_quarterly_instalment", "rafiq")] == (2550.0, 2700.0)


def test_the_whole_nsis_is_its_four_schemes_together():
    whole = changes("nsis", "2025-07")
    parts = {**UNEMPLOYMENT, **MATERNITY, **SICKNESS, **EMPLOYMENT_INJURY}
    together = contributions("unemployment", "employment_injury", "maternity", "sickness")
    assert whole == {**parts, **together}
