"""Every surface that computes under the law names the values it used past their last check.

`policy_bd.freshness` decides what is stale; these tests check that a batch (JSON, CSV, Parquet),
a comparison, a microsimulation (API and CLI) and a returnee screening carry its warnings. The
Old Age Allowance amount has budget documents through FY2025-26 (`budget_checked_through:
2026-06-30`), so any date in FY2026-27 uses it without a budget source; in August 2016 every
value read by these programs had been checked.
"""

from __future__ import annotations

import copy
import io
import json

import pandas as pd
import pytest
from policy_bd.web_api.app import create_app
from policy_bd.web_api.schemas import EXAMPLE_HOUSEHOLD

from policy_bd import freshness
from policy_bd.adapters.remimis import SAMPLE_FILE, SCREENED_PROGRAMS
from policy_bd.cli import main
from policy_bd.engine import baseline_system, system_for

OAA_AMOUNT = "social_assistance.old_age_allowance.amount"
ONE_PER_HOUSEHOLD = "social_assistance.old_age_allowance.one_recipient_per_household"
PERSONS = {"household_id": [1, 1], "age": [71, 63], "sex": ["male", "female"]}
CSV = "household_id,age,sex,annual_income\n1,71,male,8000\n1,63,female,0\n"


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def named(items: list[dict], parameter: str, reason: str = freshness.NO_BUDGET_SOURCE) -> dict:
    return next(i for i in items if i["parameter"] == parameter and i["reason"] == reason)


# ----- the shared call -------------------------------------------------------------------------


def test_scenario_warnings_tag_each_value_with_the_scenarios_that_read_it():
    baseline = baseline_system()
    reformed = system_for("universal_old_age_allowance")
    found = freshness.scenario_warnings(baseline, reformed, "2026-07")
    assert named(found, OAA_AMOUNT)["scenarios"] == ["baseline", "reform"]
    # The reform sets this value itself: no freshness date speaks for it under the reform.
    assert ONE_PER_HOUSEHOLD in freshness.set_by_reform(baseline, reformed)
    assert named(found, ONE_PER_HOUSEHOLD, freshness.PAST_CHECK)["scenarios"] == ["baseline"]
    assert freshness.scenario_warnings(baseline, reformed, "2016-08") == []


# ----- /v1/batch -------------------------------------------------------------------------------


def batch(client, **body):
    answer = client.post("/v1/batch", json={"persons": PERSONS, **body})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_batch_json_lists_the_stale_values_of_its_outputs(client):
    body = batch(client, period="2026-08", outputs=["old_age_allowance"])
    amount = named(body["warnings"], OAA_AMOUNT)
    assert amount["budget_checked_through"] == "2026-06-30"
    assert "FY2026-27" in amount["message"]
    assert not any(w["parameter"].startswith("labour_act") for w in body["warnings"])
    assert batch(client, period="2016-08", outputs=["old_age_allowance"])["warnings"] == []


def test_batch_in_bangla_words_the_warnings_in_bangla(client):
    body = batch(client, period="2026-08", outputs=["old_age_allowance"], language="bn")
    amount = named(body["warnings"], OAA_AMOUNT)
    assert "২০২৬-২৭ অর্থবছরের কোনো বাজেট উৎস পাওয়া যায়নি" in amount["message"]


@pytest.mark.parametrize("answer_format", ["csv", "parquet"])
def test_batch_tables_count_the_warnings_in_a_header(client, answer_format):
    def upload(period):
        data = {
            "persons": (io.BytesIO(CSV.encode()), "persons.csv"),
            "period": period,
            "outputs": "old_age_allowance",
            "format": answer_format,
        }
        answer = client.post("/v1/batch", data=data, content_type="multipart/form-data")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return answer

    stale = upload("2026-08")
    listed = batch(client, period="2026-08", outputs=["old_age_allowance"])["warnings"]
    assert int(stale.headers["X-Policy-BD-Warnings"]) == len(listed) > 0
    assert upload("2016-08").headers["X-Policy-BD-Warnings"] == "0"


# ----- /v1/compare -----------------------------------------------------------------------------


def compare(client, date):
    body = {"date": date, "reform": "universal_old_age_allowance"}
    body["household"] = copy.deepcopy(EXAMPLE_HOUSEHOLD)
    answer = client.post("/v1/compare", json=body)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_compare_names_stale_values_of_baseline_and_reform(client):
    body = compare(client, "2026-08-15")
    assert named(body["warnings"], OAA_AMOUNT)["scenarios"] == ["baseline", "reform"]
    assert named(body["warnings"], ONE_PER_HOUSEHOLD, freshness.PAST_CHECK)["scenarios"] == [
        "baseline"
    ]
    assert compare(client, "2016-08-15")["warnings"] == []


# ----- the microsimulation ---------------------------------------------------------------------


def test_microsimulation_summary_carries_the_warnings_of_the_first_month(client):
    body = client.get("/v1/microsimulation?period=2026-27").get_json()
    amount = named(body["meta"]["warnings"], OAA_AMOUNT)
    assert amount["on"] == "2026-07-01"
    assert amount["scenarios"] == ["baseline"]
    assert client.get("/v1/microsimulation?period=2016-17").get_json()["meta"]["warnings"] == []


def test_microsim_cli_prints_a_line_per_stale_value(capsys):
    args = ["microsim", "--period", "2026-27", "--reform", "universal_old_age_allowance"]
    assert main([*args, "--json", "--quiet"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    lines = [line for line in captured.err.splitlines() if ": warning: " in line]
    assert len(lines) == len(summary["meta"]["warnings"]) > 0
    assert (
        f"policy-bd microsim: warning: {OAA_AMOUNT}: no budget source for FY2026-27 "
        "(budget documents checked through FY2025-26); the value in force since 2026-07-01 is "
        "used (baseline, reform)"
    ) in lines
    assert main(["microsim", "--period", "2016-17", "--quiet"]) == 0
    assert ": warning: " not in capsys.readouterr().err


# ----- policy-bd screen-returnees --------------------------------------------------------------


def test_screen_returnees_prints_a_line_per_stale_value(tmp_path, capsys):
    out = tmp_path / "screening.csv"
    args = ["screen-returnees", str(SAMPLE_FILE), "--out", str(out), "--date"]
    assert main([*args, "2026-08-01"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if ": warning: " in line]
    expected = freshness.program_warnings(baseline_system(), "2026-08", SCREENED_PROGRAMS)
    assert len(lines) == len(expected) > 0
    assert (
        "policy-bd screen-returnees: warning: migrant_welfare.health_insurance.annual_cover: the "
        "value in force since 2022-07-01 was last checked on 2022-07-27, before 2026-08-01"
    ) in lines
    # The returns dated after November 2021 are rejected (exit 1); the others are screened.
    assert main([*args, "2021-11-01"]) == 1
    assert ": warning: " not in capsys.readouterr().err
    assert len(pd.read_csv(out)) == 40


# ----- /v1/projection --------------------------------------------------------------------------


def test_projection_names_the_stale_base_year_values_of_each_branch(client):
    def projected(branches):
        scenario = {"title": "freshness", "horizon": 2040, "branches": branches}
        answer = client.post("/v1/projection", json={"scenario": scenario, "rows": False})
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()["warnings"]

    found = projected({"maternity": {}, "sickness": {}})
    rate = named(found, "nsis.maternity.replacement_rate", freshness.PAST_CHECK)
    assert rate["last_checked"] == "2025-02-20"
    assert rate["on"] == "2025-07-01"  # the base year FY2025-26, in its first month
    assert rate["branches"] == ["maternity"]
    assert named(found, "nsis.sickness.waiting_days", freshness.PAST_CHECK)["branches"] == [
        "sickness"
    ]
    # A branch carries only what its base year read: no injury-scheme value for maternity.
    assert not any(w["parameter"].startswith("employment_injury_scheme") for w in found)
