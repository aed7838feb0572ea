"""The Microsimulation on the bundled synthetic sample: reforms, programs, quotas, insurance."""

import dataclasses
import json

import numpy as np
import pytest
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.microsim import Microsimulation
from policy_bd.programs import programs
from policy_bd.reform_spec import ReformError


@pytest.fixture(scope="module")
def universal(sample):
    return Microsimulation(sample, "universal_old_age_allowance", period="2025-26").run()


def test_universal_old_age_allowance_costs_more_and_lowers_elderly_poverty(universal):
    row = universal.program("old_age_allowance")
    assert row["cost_crore_reform"] > row["cost_crore_baseline"] * 1.3
    assert row["beneficiaries_lakh_reform"] > row["beneficiaries_lakh_baseline"]
    elderly = universal.poverty_value("upper", "headcount", "elderly")
    assert elderly["reform"] < elderly["baseline"]
    assert universal.poverty_value("upper", "headcount")["difference"] < 0
    # One DSS allowance per person: a widow or disabled person who becomes entitled to the
    # universal OAA instead is drawn again for the OAA's take-up, so a few lose under quotas.
    assert universal.winners_losers["losers_share"] < 0.001
    assert universal.winners_losers["winners_share"] > 0.05


def test_with_full_take_up_nobody_loses_from_a_universal_old_age_allowance(sample):
    full = dict.fromkeys(("old_age_allowance", "widow_allowance", "disability_allowance"), "full")
    results = Microsimulation(
        sample,
        "universal_old_age_allowance",
        period="2025-26",
        takeup=full,
        reform_takeup=full,
    ).run()
    assert results.winners_losers["losers_share"] == 0
    assert results.winners_losers["winners_share"] > 0.05


def test_everyone_eligible_costs_more_than_the_quota(universal):
    base = universal.caseload.set_index(["program", "scenario"]).loc[
        ("old_age_allowance", "baseline")
    ]
    assert base["eligible_lakh"] > base["quota_limited_lakh"]
    # The quota is the administrative caseload of FY2025-26 (61.00 lakh), met within a household.
    assert base["quota_limited_lakh"] == pytest.approx(61.0, rel=0.002)
    assert base["admin_lakh"] == pytest.approx(61.0)


def test_reform_keeps_the_baseline_takeup_rate(universal):
    table = universal.caseload.set_index(["program", "scenario"])
    base = table.loc[("old_age_allowance", "baseline")]
    reform = table.loc[("old_age_allowance", "reform")]
    rate_base = base["quota_limited_lakh"] / base["eligible_lakh"]
    rate_reform = reform["quota_limited_lakh"] / reform["eligible_lakh"]
    assert rate_reform == pytest.approx(rate_base, abs=0.02)
    assert "baseline take-up rate" in reform["takeup_rule"]


def test_baseline_fy2024_25_against_the_administrative_figures(sample):
    results = Microsimulation(sample, period="2024-25").run()
    assert results.meta["reform"] is None
    caseload = results.caseload.set_index("program")
    assert caseload.loc["old_age_allowance", "admin_lakh"] == pytest.approx(60.01)
    assert caseload.loc["widow_allowance", "admin_lakh"] == pytest.approx(27.75)
    assert caseload.loc["disability_allowance", "admin_lakh"] == pytest.approx(32.34)
    assert caseload.loc["old_age_allowance", "quota_limited_lakh"] == pytest.approx(
        60.01, rel=0.002
    )
    # Costed: the four allowances and the insurance schemes; lump sums and pensions listed apart.
    assert {"old_age_allowance", "widow_allowance", "disability_allowance"} <= set(
        results.programs["program"]
    )
    reasons = {item["program"]: item["reason"] for item in results.meta["not_costed"]}
    assert "lump sum" in reasons["maternity"]
    assert "pension" in reasons["universal_pension"]
    assert "insurance product" in reasons["migrant_insurance"]  # priced by premium, no claims
    targeting = results.targeting.set_index("program")
    assert targeting.loc["old_age_allowance", "reported_lakh"] == pytest.approx(57.01, rel=0.02)
    assert 0 < targeting.loc["old_age_allowance", "inclusion_error"] < 1
    assert 0 < targeting.loc["old_age_allowance", "exclusion_error"] < 1
    json.dumps(results.to_dict())


def test_takeup_rate_and_full_takeup(sample):
    full = Microsimulation(sample, period="2024-25", takeup={"old_age_allowance": "full"}).run()
    half = Microsimulation(sample, period="2024-25", takeup={"old_age_allowance": 0.5}).run()
    eligible = full.program("old_age_allowance")["beneficiaries_lakh_baseline"]
    assert half.program("old_age_allowance")["beneficiaries_lakh_baseline"] == pytest.approx(
        eligible / 2, rel=0.05
    )


def test_nsis_insurance_schemes_report_benefits_contributions_and_balance(sample):
    results = Microsimulation(sample, "nsis", period="2025-26").run()
    table = results.insurance.set_index(["program", "measure"])
    benefits = table.loc[("nsis_unemployment", "expected_benefits_crore")]
    contributions = table.loc[("nsis_unemployment", "contributions_crore")]
    balance = table.loc[("nsis_unemployment", "balance_crore")]
    assert benefits["baseline"] == 0 and contributions["baseline"] == 0  # off in law
    assert benefits["reform"] > 0 and contributions["reform"] > 0
    assert balance["reform"] == pytest.approx(contributions["reform"] - benefits["reform"])
    # Insurance is not a transfer: consumption poverty does not change.
    assert results.poverty_value("upper", "headcount")["difference"] == 0


def test_a_program_missing_from_the_system_is_left_out(sample):
    registry = {
        "old_age_allowance": programs()["old_age_allowance"],
        "future_allowance": dataclasses.replace(
            programs()["old_age_allowance"],
            name="future_allowance",
            label="Not yet written",
            amount_variable="future_allowance",
        ),
    }
    results = Microsimulation(sample, period="2024-25", registry=registry).run()
    assert results.programs["program"].tolist() == ["old_age_allowance"]
    assert results.meta["not_costed"] == [
        {"program": "future_allowance", "reason": "future_allowance is not in the system"}
    ]


class toy_child_grant(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "A test grant of Tk 500 a month for every child under 5"
    reference = "A structural reform written for this test"

    def formula(person, period, _parameters):
        return (person("age", period) < 5) * 500.0


class add_child_grant(Reform):
    name = "Child grant (test)"

    def apply(self):
        self.add_variable(toy_child_grant)


def test_a_new_program_appears_without_code_changes(sample):
    registry = {
        "toy_child_grant": dataclasses.replace(
            programs()["old_age_allowance"],
            name="toy_child_grant",
            label="Child grant",
            status="proposal",
            amount_variable="toy_child_grant",
            eligibility_variable="toy_child_grant",
        )
    }
    results = Microsimulation(
        sample,
        add_child_grant,
        period="2024-25",
        uprate=False,
        registry=registry,
        reform_takeup={"toy_child_grant": "full"},
    ).run()
    row = results.program("toy_child_grant")
    assert row["cost_crore_baseline"] == 0
    # Children under 5 at the survey, two years older in FY2024-25: those aged 0-2 then.
    persons, households = sample.persons, sample.households
    weights = households.set_index("household_id")["household_weight"]
    young = persons[persons["age"] + 2 < 5]
    expected = weights.loc[young["household_id"]].sum() * 6000 / 1e7
    assert row["cost_crore_reform"] == pytest.approx(expected)


def test_bad_inputs_are_refused_before_any_work(sample):
    with pytest.raises(ReformError):
        Microsimulation(sample, {"title": "x", "changes": []})
    with pytest.raises(ValueError, match="fiscal year"):
        Microsimulation(sample, period="2024")
    with pytest.raises(ValueError, match="not simulated"):
        Microsimulation(sample, takeup={"no_such_program": "full"})
    with pytest.raises(ValueError, match="pass_through"):
        Microsimulation(sample, pass_through=2)


def test_calculate_gives_weighted_series(sample):
    simulation = Microsimulation(sample, period="2024-25")
    eligible = simulation.calculate("old_age_allowance__eligible")
    assert len(eligible) == sample.n_persons
    # Weighted count of persons the rules entitle; more than the 60 lakh the quota pays.
    assert eligible.count() > 6_001_000
    amount = simulation.calculate("old_age_allowance")
    assert (
        amount.sum() == pytest.approx(np.dot(amount.values, amount.weights)) and amount.mean() > 0
    )
