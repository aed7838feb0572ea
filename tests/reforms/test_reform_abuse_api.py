"""Reforms that used to cost a 500 on the API are 4xx answers naming the field (issue 10)."""

import copy

import pytest
from policy_bd.web_api.app import create_app
from policy_bd.web_api.schemas import EXAMPLE_ENTITLEMENTS

MONEY = "social_assistance.old_age_allowance.amount"


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def reform(**change):
    return {
        "title": "abuse",
        "changes": [{"parameter": MONEY, "value": 800, "start": "2025-07-01", **change}],
    }


CASES = [
    (reform(value=2**63), "changes[0].value", "the largest number a reform may give"),
    (reform(value=1e300), "changes[0].value", "the largest number a reform may give"),
    (reform(stop="9999-12-31"), "changes[0].stop", "9999-12-31 is outside"),
]


@pytest.mark.parametrize(("bad", "field", "words"), CASES)
def test_v1_entitlements_answers_422_naming_the_field(client, bad, field, words):
    body = copy.deepcopy(EXAMPLE_ENTITLEMENTS)
    body["reform"] = bad
    answer = client.post("/v1/entitlements", json=body)
    assert answer.status_code == 422
    (problem,) = answer.get_json()["problems"]
    assert problem["field"] == f"reform.{field}" and words in problem["message"]


@pytest.mark.parametrize(("bad", "field", "words"), CASES)
def test_calculate_answers_400_naming_the_field(client, bad, field, words):
    situation = {
        "persons": {"a": {"age": {"2026-01": 70}, "old_age_allowance": {"2026-01": None}}},
        "households": {"h": {"heads": ["a"]}},
        "reform": bad,
    }
    answer = client.post("/calculate", json=situation)
    assert answer.status_code == 400
    assert words in answer.get_json()["reform"][field]
