"""The projection's arithmetic against quantities computed directly, with real values."""

from dataclasses import replace

import numpy as np
import pytest

from policy_bd.microsim import Microsimulation
from policy_bd.projection import cohorts, fund, project
from policy_bd.projection.assumptions import gompertz
from policy_bd.projection.scenario import validate

NO_GROWTH = {
    "economy.real_wage_growth": 0,
    "economy.inflation": 0,
    **{
        f"demography.population_growth.{band}": 0
        for band in ("age_15_24", "age_25_34", "age_35_44", "age_45_54", "age_55_64")
    },
    "demography.population_growth.age_65_plus": 0,
    "demography.participation_growth.male": 0,
    "demography.participation_growth.female": 0,
}
FROZEN_COVERAGE = {"phase_in": 0, "formal_compliance": 1, "informal_join": 0}


@pytest.fixture(scope="module")
def default():
    return project("nsis_default", sensitivity=False, stochastic=False)


@pytest.fixture(scope="module")
def nsis_microsimulation():
    return Microsimulation(reform="nsis", period="2025-26")


def test_fund_identity_holds_every_year_of_every_branch(default):
    for name, result in default.branches.items():
        c = result.columns
        previous = np.concatenate([[0.0], c["reserve"][:-1]])
        expected = (
            previous
            + c["contributions"]
            + c["co_financing"]
            + c["investment_income"]
            - c["benefits"]
            - c["administration"]
        )
        np.testing.assert_allclose(c["reserve"], expected, rtol=1e-10, err_msg=name)
        # Investment income is the year's interest on the mean reserve.
        mean = (previous + c["reserve"]) / 2
        np.testing.assert_allclose(
            c["investment_income"], c["interest_rate"] * mean, rtol=1e-10, err_msg=name
        )
        assert c["reserve"][-1] > 0  # the default rates build a reserve in every branch


def test_fund_identity_holds_on_every_stochastic_path():
    result = project("nsis_default", sensitivity=False, stochastic=True)
    band = result.stochastic["sickness"]
    assert band["paths"] == 1000
    p5, p50, p95 = (np.array(band["reserve_percentiles"][k]) for k in ("5", "50", "95"))
    assert (p5 <= p50).all() and (p50 <= p95).all() and (p95 > p5).any()
    # The central (deterministic) reserve lies inside the band at the horizon.
    central = result.branches["sickness"].columns["reserve"][-1]
    assert p5[-1] < central < p95[-1]


def test_general_average_premium_present_value_equation(default):
    for name, result in default.branches.items():
        c = result.columns
        interest = c["interest_rate"]
        for period, rate in result.general_average_premium.items():
            n = int(period)
            # Discount each year's flow with mid-year interest, the fund's own convention,
            # computed here year by year.
            value, pv_contributions, pv_expenditure = 1.0, 0.0, 0.0
            for t in range(n):
                half = interest[t] / 2
                flow_factor = value / (1 + half)
                pv_contributions += flow_factor * rate * c["contributory_wages"][t]
                pv_expenditure += flow_factor * c["expenditure"][t]
                value *= (1 - half) / (1 + half)
            assert pv_contributions + 0.0 == pytest.approx(pv_expenditure, rel=1e-9), name
            # Contributing at the premium leaves the fund empty at the end of the period.
            net = rate * c["contributory_wages"][:n] - c["expenditure"][:n]
            reserve, _ = fund.accumulate(0.0, net, interest[:n])
            assert abs(reserve[-1]) < 1e-8 * c["expenditure"][:n].sum(), name


def test_scaled_premium_keeps_the_reserve_ratio_at_the_target(default):
    result = default.branches["maternity"]
    c = result.columns
    n = result.scaled_premium["period_years"]
    rate = result.scaled_premium["rate"]
    for trial, holds in ((rate * 1.0001, True), (rate * 0.999, False)):
        reserve, _ = fund.accumulate(
            0.0, trial * c["contributory_wages"][:n] - c["expenditure"][:n], c["interest_rate"][:n]
        )
        ratio = reserve / c["expenditure"][:n]
        assert (ratio >= 1.0).all() == holds


def test_exhaustion_year_is_the_first_year_with_a_negative_reserve():
    scenario = validate(
        {
            "title": "unemployment at a quarter of its cost",
            "branches": {
                "unemployment": {
                    "contribution_rate": {"employee": 0.001, "employer": 0.0, "government": 0.0}
                }
            },
        }
    )
    result = project(scenario, sensitivity=False, stochastic=False).branches["unemployment"]
    reserve = result.columns["reserve"]
    year = result.exhaustion_year
    assert year is not None
    index = year - 2025
    assert reserve[index] < 0 and (reserve[:index] >= 0).all()


def test_pension_cohort_present_value_equals_the_annuity_factor():
    ages = cohorts.AGES.astype(float)
    q = gompertz(ages, 0.0000275, 0.095)
    stay = cohorts.survival(q, 1.5, 0.02)
    n_years, age, interest, indexation = 100, 40, 0.08, 0.05
    awards = np.zeros((n_years, len(ages)))
    awards[0, age - 15] = 1.0  # Tk 1 a year awarded at 40
    payments = cohorts.payments(awards, stay, np.full(n_years, indexation))[0]
    present_value = np.sum(payments / (1 + interest) ** np.arange(n_years))
    # The annuity-due factor from the life table: sum of v^k (1+g)^k kp40 with
    # kp40 = prod of (1 - 1.5 q) (1 - 0.02), computed by backward recursion.
    factor = 0.0
    for x in range(110, age - 1, -1):
        p = (1 - min(1.5 * q[x - 15], 1.0)) * (1 - 0.02)
        factor = 1 + (1 + indexation) / (1 + interest) * p * factor if x < 110 else 1.0
    assert present_value == pytest.approx(factor, rel=1e-12)
    assert 8 < factor < 20  # about 12 years' pension at 40 with these rates


def _stationary(branch: str, mode: str, years: int = 120):
    data = {
        "title": "stationary population",
        "base_year": 2025,
        "horizon": 2025 + years - 1,
        "branches": {branch: {}},
        "coverage": FROZEN_COVERAGE,
        "long_term_benefits": mode,
        "pension_indexation": "none",
        "assumptions": {**NO_GROWTH, "economy.interest_rate": 0.05},
        "fund": {"administration_rate": 0.1},
    }
    return project(validate(data), sensitivity=False, stochastic=False)


def test_stationary_population_cost_rate_equals_the_closed_form():
    """No growth, constant coverage: a short-term branch's cost rate is the same every year,
    (1 + admin) x benefits / wages; an injury branch's tends to short-term cost plus each age's
    new pensions times the expected number of years they are paid (sum of kpx)."""
    short = _stationary("sickness", "none", years=10).branches["sickness"]
    from policy_bd.projection.base import base_branch

    base = base_branch("sickness", "nsis", "synthetic", 2025)
    insured = base.formal
    closed = (
        1.1
        * np.dot(base.weight[insured], base.short_term[insured])
        / np.dot(base.weight[insured], 12 * base.insured_wage[insured])
    )
    np.testing.assert_allclose(short.columns["payg_cost_rate"], closed, rtol=1e-12)

    injury = _stationary("employment_injury", "cohorts").branches["employment_injury"]
    base = base_branch("employment_injury", "nsis", "synthetic", 2025)
    insured = base.formal
    w = base.weight[insured]
    ages = cohorts.age_index(base.age[insured])
    q = gompertz(cohorts.AGES, 0.0000275, 0.095)
    steady = 0.0
    for kind, loading, termination in (("disability", 1.5, 0.0), ("survivors", 1.0, 0.04)):
        years_paid = np.zeros(len(cohorts.AGES))  # sum over k of kpx, from the top age down
        for x in range(len(cohorts.AGES) - 1, -1, -1):
            p = (1 - min(q[x] * loading, 1)) * (1 - termination)
            years_paid[x] = 1 + (p * years_paid[x + 1] if x + 1 < len(cohorts.AGES) else 0)
        steady += np.dot(w * getattr(base, f"award_{kind}")[insured], years_paid[ages])
    wages = np.dot(w, 12 * base.insured_wage[insured])
    closed = 1.1 * (np.dot(w, base.short_term[insured]) + steady) / wages
    # After 120 years every cohort has left (the last age is 110): the cost rate is stationary.
    assert injury.columns["payg_cost_rate"][-1] == pytest.approx(closed, rel=1e-9)
    assert injury.columns["payg_cost_rate"][0] < closed  # pensions pile up from zero


def test_frozen_run_reproduces_the_one_year_costing_variables(nsis_microsimulation):
    """Coverage frozen, no growth, no long-term benefits: each year's benefits and
    contributions are the package's expected annual costing variables summed over the sample."""
    data = {
        "title": "frozen",
        "base_year": 2025,
        "horizon": 2030,
        "coverage": FROZEN_COVERAGE,
        "branches": {"unemployment": {}, "maternity": {}, "sickness": {}},
        "long_term_benefits": "none",
        "assumptions": NO_GROWTH,
    }
    result = project(validate(data), sensitivity=False, stochastic=False)
    for branch in ("unemployment", "maternity", "sickness"):
        benefit = nsis_microsimulation.calculate(
            f"nsis_{branch}_expected_annual_benefit", "reform"
        ).sum()
        contributions = nsis_microsimulation.calculate(
            f"nsis_{branch}_expected_annual_contributions", "reform"
        ).sum()
        insured = nsis_microsimulation.calculate(f"nsis_{branch}__insured", "reform").sum()
        c = result.branches[branch].columns
        assert benefit > 1e9
        # OpenFisca stores the variables in float32: agreement to its precision.
        np.testing.assert_allclose(c["benefits"], benefit, rtol=1e-6)
        np.testing.assert_allclose(c["contributions"] + c["co_financing"], contributions, rtol=1e-6)
        np.testing.assert_allclose(c["insured"], insured, rtol=1e-6)
    # With long-term benefits capitalised at award, as the costing variable does, the injury
    # branch reproduces it too.
    capitalised = replace(
        validate({**data, "branches": {"employment_injury": {}}}), long_term_benefits="capitalised"
    )
    injury = project(capitalised, sensitivity=False, stochastic=False).branches["employment_injury"]
    expected = nsis_microsimulation.calculate(
        "nsis_employment_injury_expected_annual_benefit", "reform"
    ).sum()
    np.testing.assert_allclose(injury.columns["benefits"], expected, rtol=1e-6)
    assert injury.columns["benefits_capitalised_awards"][0] > 0


def test_frozen_eis_run_reproduces_the_eis_costing_variable():
    data = {
        "title": "frozen EIS",
        "horizon": 2027,
        "coverage": FROZEN_COVERAGE,
        "branches": {"eis": {"reform": "national_employment_injury_scheme"}},
        "long_term_benefits": "capitalised",
        "assumptions": NO_GROWTH,
    }
    result = project(validate(data), sensitivity=False, stochastic=False).branches["eis"]
    expected = (
        Microsimulation(reform="national_employment_injury_scheme", period="2025-26")
        .calculate("employment_injury_scheme_expected_annual_benefit", "reform")
        .sum()
    )
    assert expected > 0
    np.testing.assert_allclose(result.columns["benefits"], expected, rtol=1e-6)


def test_growth_moves_wages_and_population(default):
    c = default.branches["unemployment"].columns
    # From FY2030-31 every covered establishment is in; insured then grow with the labour force.
    assert c["insured"][5] > 3 * c["insured"][0]
    assert c["insured"][-1] > c["insured"][5]
    wage_per_insured = c["insurable_wages"] / c["insured"]
    assert wage_per_insured[-1] > 5 * wage_per_insured[0]  # 35 years of nominal wage growth
    assert (c["expenditure_share_of_gdp"] > 0).all() and (
        c["expenditure_share_of_gdp"] < 0.01
    ).all()


def test_sensitivity_moves_premiums_the_expected_way():
    result = project("nsis_default", sensitivity=True, stochastic=False)
    s = result.sensitivity["employment_injury"]
    horizon = str(len(result.branches["employment_injury"].years))
    gap = {
        key: value["general_average_premium"][horizon] for key, value in s.items() if key != "steps"
    }
    assert gap["incidence_high"] > gap["central"] > gap["incidence_low"]
    assert gap["compliance_low"] > gap["central"] > gap["compliance_high"]


def test_sectors_join_whatever_their_size(nsis_microsimulation):
    scenario = validate(
        {
            "title": "export garments first",
            "horizon": 2031,
            "branches": {"employment_injury": {}},
            "coverage": {"phase_in": {2025: 10**6, 2030: 0}, "sectors": {"rmg_export": 2025}},
            "assumptions": NO_GROWTH,
        }
    )
    result = project(scenario, sensitivity=False, stochastic=False).branches["employment_injury"]
    insured = nsis_microsimulation.calculate("nsis_employment_injury__insured", "reform")
    sector = nsis_microsimulation.calculate("sector", "reform").values
    rmg = float(insured.weights[insured.values.astype(bool) & (sector == "rmg_export")].sum())
    assert rmg > 1e6
    assert result.columns["insured"][0] == pytest.approx(rmg, rel=1e-9)
    assert result.columns["insured"][5] == pytest.approx(insured.sum(), rel=1e-9)
    groups = result.insured_by_sex_and_age
    assert len(groups) == 12
    assert sum(values[0] for values in groups.values()) == pytest.approx(rmg, rel=1e-9)
