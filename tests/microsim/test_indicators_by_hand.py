"""Every indicator of a Microsimulation on three households worked out by hand.

FY2024-25, survey year 2024 (no ageing), no uprating, the Old Age Allowance only (Tk 600 a
month in FY2024-25), full take-up. Rural lines: upper Tk 3,000, lower Tk 2,000 a person a month.

H1 (weight 100): a man of 70 (head) and his wife of 66, no income: one recipient per household,
   the older, so the head gets Tk 7,200 a year. Consumption Tk 2,500 a person a month.
H2 (weight 200): a man of 40 earning Tk 20,000 a month and a child of 10; consumption 5,000.
H3 (weight 50): a widow of 64 living alone, no income, who reports the allowance (Tk 7,200 in
   the last 12 months); consumption 2,900, of which 600 a month is the allowance.
The reform raises the allowance to Tk 1,000 a month (Tk 12,000 a year).
"""

import numpy as np
import pandas as pd
import pytest

from policy_bd.microsim import Microsimulation, Sample
from policy_bd.programs import programs

REFORM = {
    "title": "Old Age Allowance Tk 1,000",
    "description": "A higher allowance",
    "changes": [
        {
            "parameter": "social_assistance.old_age_allowance.amount",
            "value": 1000,
            "start": "2024-07-01",
        }
    ],
}


def tiny_sample() -> Sample:
    households = pd.DataFrame(
        {
            "household_id": [1, 2, 3],
            "household_weight": [100.0, 200.0, 50.0],
            "division": ["barishal", "dhaka", "rangpur"],
            "urban": [False, False, False],
            "consumption_pc_monthly": [2500.0, 5000.0, 2900.0],
            "poverty_line_upper": [3000.0, 3000.0, 3000.0],
            "poverty_line_lower": [2000.0, 2000.0, 2000.0],
        }
    )
    persons = pd.DataFrame(
        {
            "person_id": [101, 102, 201, 202, 301],
            "household_id": [1, 1, 2, 2, 3],
            "role": ["head", "spouse", "head", "child", "head"],
            "age": [70, 66, 40, 10, 64],
            "sex": ["male", "female", "male", "male", "female"],
            "marital_status": ["married", "married", "married", "never_married", "widowed"],
            "labour_status": ["inactive", "inactive", "employed", "inactive", "inactive"],
            "wage_income_monthly": [0.0, 0.0, 20000.0, 0.0, 0.0],
            "reported_old_age_allowance": [False, False, False, False, True],
            "reported_old_age_allowance_amount": [0.0, 0.0, 0.0, 0.0, 7200.0],
        }
    )
    return Sample(persons, households, {"survey_year": 2024}).validate()


@pytest.fixture(scope="module")
def results():
    registry = {"old_age_allowance": programs()["old_age_allowance"]}
    return Microsimulation(
        tiny_sample(),
        REFORM,
        period="2024-25",
        uprate=False,
        takeup={"old_age_allowance": "full"},
        reform_takeup={"old_age_allowance": "full"},
        registry=registry,
    ).run()


def test_cost_and_beneficiaries(results):
    row = results.program("old_age_allowance")
    # H1's head (weight 100) and H3's widow (weight 50), Tk 7,200 then Tk 12,000 a year.
    assert row["cost_crore_baseline"] == pytest.approx(150 * 7200 / 1e7)
    assert row["cost_crore_reform"] == pytest.approx(150 * 12000 / 1e7)
    assert row["beneficiaries_lakh_baseline"] == pytest.approx(150 / 1e5)
    assert row["beneficiaries_lakh_difference"] == 0


def test_caseload_three_ways_with_the_administrative_figure(results):
    base = results.caseload.set_index("scenario").loc["baseline"]
    assert base["eligible_lakh"] == pytest.approx(150 / 1e5)
    assert base["quota_limited_lakh"] == pytest.approx(150 / 1e5)  # full take-up
    assert base["admin_lakh"] == pytest.approx(60.01)
    assert base["admin_cost_crore"] == 4351


def test_poverty_headcount_gap_and_severity(results):
    # Welfare: H1 2,500 + 7,200 / 2 / 12 = 2,800; H2 5,000; H3 2,900 - 600 + 600 = 2,900.
    # Persons: H1 200, H2 400, H3 50 (650). Poor at 3,000: H1 and H3.
    headcount = results.poverty_value("upper", "headcount")
    assert headcount["baseline"] == pytest.approx(250 / 650)
    # Reform: H1 2,500 + 500 = 3,000 (not below the line), H3 2,300 + 1,000 = 3,300.
    assert headcount["reform"] == 0
    assert headcount["difference"] == pytest.approx(-250 / 650)
    gap = results.poverty_value("upper", "gap")["baseline"]
    assert gap == pytest.approx((200 * 200 / 3000 + 50 * 100 / 3000) / 650)
    severity = results.poverty_value("upper", "severity")["baseline"]
    assert severity == pytest.approx((200 * (200 / 3000) ** 2 + 50 * (100 / 3000) ** 2) / 650)
    assert results.poverty_value("lower", "headcount")["baseline"] == 0
    # Everyone aged 60+ (H1's two, H3's one) is poor in the baseline, no one in the reform.
    elderly = results.poverty_value("upper", "headcount", "elderly")
    assert (elderly["baseline"], elderly["reform"]) == (pytest.approx(1.0), 0)


def test_pass_through_scales_the_transfer_in_consumption():
    registry = {"old_age_allowance": programs()["old_age_allowance"]}
    half = Microsimulation(
        tiny_sample(),
        REFORM,
        period="2024-25",
        uprate=False,
        pass_through=0.5,
        takeup={"old_age_allowance": "full"},
        registry=registry,
    ).run()
    # H3 pre-transfer: 2,900 - 0.5 x 600 = 2,600; reform 2,600 + 0.5 x 1,000 = 3,100 (not poor);
    # H1: 2,500 + 0.5 x 500 = 2,750 (poor).
    assert half.poverty_value("upper", "headcount")["reform"] == pytest.approx(200 / 650)


def test_gini_of_consumption(results):
    row = results.inequality.set_index("measure").loc["gini_consumption"]
    mean = (2800 * 200 + 5000 * 400 + 2900 * 50) / 650
    pairs = 2 * (2200 * 200 * 400 + 100 * 200 * 50 + 2100 * 400 * 50)
    assert row["baseline"] == pytest.approx(pairs / (2 * 650**2 * mean))


def test_income_gini_adds_transfers_in_full(results):
    row = results.inequality.set_index("measure").loc["gini_income"]
    # Income per person a year: H1 7,200 / 2 = 3,600; H2 240,000 / 2 = 120,000; H3 7,200.
    values = np.array([3600.0, 120000.0, 7200.0])
    weights = np.array([200.0, 400.0, 50.0])
    mean = np.dot(values, weights) / 650
    pairs = sum(
        wi * wj * abs(vi - vj)
        for vi, wi in zip(values, weights, strict=True)
        for vj, wj in zip(values, weights, strict=True)
    )
    assert row["baseline"] == pytest.approx(pairs / (2 * 650**2 * mean))


def test_mean_gain_by_decile(results):
    deciles = results.deciles.set_index("decile")
    # Ranked by baseline welfare: H1 (cumulative weight midpoint 100 of 650) in decile 2,
    # H3 (225) in decile 4, H2 (450) in decile 7. Gains: Tk 4,800 a household in H1 and H3.
    assert deciles.loc[2, "mean_gain_per_person"] == pytest.approx(4800 / 2)
    assert deciles.loc[4, "mean_gain_per_person"] == pytest.approx(4800)
    assert deciles.loc[7, "mean_gain_per_person"] == 0
    assert np.isnan(deciles.loc[1, "mean_gain_per_person"])  # empty decile


def test_winners_and_losers(results):
    wl = results.winners_losers
    assert wl["winners_share"] == pytest.approx(250 / 650)
    assert wl["losers_share"] == 0
    assert wl["mean_gain_per_winner_household"] == pytest.approx(4800)


def test_breakdown_by_division_and_area(results):
    regions = results.regions.set_index("region")
    assert regions.loc["barishal", "headcount_upper_baseline"] == 1.0
    assert regions.loc["dhaka", "headcount_upper_baseline"] == 0.0
    assert regions.loc["rural", "transfers_crore_baseline"] == pytest.approx(150 * 7200 / 1e7)
    assert regions.loc["barishal", "mean_gain_per_person"] == pytest.approx(100 * 4800 / 200)


def test_coverage_of_the_poorest_quintile(results):
    # Pre-transfer welfare: H3 2,300 (50 persons, the whole poorest fifth), H1 2,500, H2 5,000.
    row = results.coverage.set_index(["program", "scenario"]).loc[("all", "baseline")]
    assert row["coverage_poorest_quintile"] == 1.0
    assert row["coverage_population"] == pytest.approx(250 / 650)
    assert row["share_of_transfers_to_poorest_quintile"] == pytest.approx(50 / 150)


def test_targeting_against_reported_receipt(results):
    row = results.targeting.set_index("program").loc["old_age_allowance"]
    assert row["reported_lakh"] == pytest.approx(50 / 1e5)
    assert row["inclusion_error"] == 0  # the widow who reports it is entitled
    assert row["exclusion_error"] == pytest.approx(100 / 150)  # H1's head reports nothing
    assert row["non_poor_recipients"] == 0
    assert row["excluded_eligible_poor"] == pytest.approx(100 / 150)


def test_results_serialise_to_json_and_a_long_csv(results, tmp_path):
    import json

    document = json.loads(json.dumps(results.to_dict()))
    assert document["meta"]["fiscal_year"] == "FY2024-25"
    assert document["deciles"][0]["mean_gain_per_person"] is None  # NaN becomes null
    long = results.to_long()
    cost = long[(long["table"] == "programs") & (long["measure"] == "cost_crore_reform")][
        "value"
    ].iloc[0]
    assert cost == pytest.approx(0.18)
    written = results.write(tmp_path)
    assert {path.name for path in written} == {
        "results.json",
        "indicators.csv",
        "decile_gains.png",
        "poverty.png",
        "cost_by_program.png",
    }
    assert (tmp_path / "poverty.png").read_bytes()[:4] == b"\x89PNG"
