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
