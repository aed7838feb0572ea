"""POST /v1/entitlements names the values it used past their last check (policy_bd.freshness)."""

import copy

import pytest
from policy_bd.web_api.app import create_app
from policy_bd.web_api.schemas import EXAMPLE_ENTITLEMENTS


@pytest.fixture(scope="module")
def real_client():
    return create_app().test_client()


def entitlements(client, **changes):
    body = copy.deepcopy(EXAMPLE_ENTITLEMENTS)
    body.update(changes)
    answer = client.post("/v1/entitlements", json=body)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_a_date_without_a_budget_source_warns_naming_the_parameter(real_client):
    body = entitlements(real_client, date="2026-08-15", programs=["old_age_allowance"])
    found = {(w["parameter"], w["reason"]) for w in body["warnings"]}
    assert ("social_assistance.old_age_allowance.amount", "no_budget_source") in found
    amount = next(
        w
        for w in body["warnings"]
        if w["parameter"] == "social_assistance.old_age_allowance.amount"
        and w["reason"] == "no_budget_source"
    )
    assert amount["budget_checked_through"] == "2026-06-30"
    assert "FY2026-27" in amount["message"]


def test_a_date_whose_values_were_all_checked_has_no_warnings(real_client):
    body = entitlements(real_client, date="2016-08-15", programs=["old_age_allowance"])
    assert body["warnings"] == []


def test_warnings_follow_the_requested_programs(real_client):
    body = entitlements(real_client, date="2026-08-15", programs=["widow_allowance"])
    assert body["warnings"]
    # The widow allowance reads the other DSS allowances' tests (one allowance per person), but
    # nothing of the Labour Act or the pension schemes.
    assert all(
        not w["parameter"].startswith(("labour_act", "universal_pension", "migrant_welfare"))
        for w in body["warnings"]
    )


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_summary_counts_the_warnings_by_reason_with_the_oldest_check(real_client, language):
    listed = entitlements(real_client, date="2026-08-15", language=language)["warnings"]
    counted = entitlements(real_client, date="2026-08-15", language=language, detail="summary")
    by_reason = {item["reason"]: item for item in counted["warnings"]}
    assert list(by_reason) == ["past_check", "no_budget_source"]
    for reason, field in (
        ("past_check", "last_checked"),
        ("no_budget_source", "budget_checked_through"),
    ):
        found = [item for item in listed if item["reason"] == reason]
        assert by_reason[reason]["count"] == len(found) > 0
        assert by_reason[reason][field] == min(item[field] for item in found)
    if language == "en":
        count = by_reason["no_budget_source"]["count"]
        assert by_reason["no_budget_source"]["message"] == (
            f"Values without a budget source for FY2026-27: {count} (budgets checked "
            "through FY2025-26); detail=full lists them."
        )
        assert by_reason["past_check"]["message"].startswith(
            "Values last checked before 2026-08-01: "
        )


def test_a_summary_without_stale_values_has_no_warnings(real_client):
    body = entitlements(
        real_client, date="2016-08-15", programs=["old_age_allowance"], detail="summary"
    )
    assert body["warnings"] == []
