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


def test_the_cli_refuses_a_far_future_stop_in_one_line(capsys, tmp_path):
    from policy_bd.cli import main

    path = tmp_path / "far.yaml"
    path.write_text(
        "title: far\nchanges:\n  - parameter: social_assistance.old_age_allowance.amount\n"
        "    value: 800\n    start: 2026-07-01\n    stop: 9999-12-31\n",
        encoding="utf-8",
    )
    assert main(["microsim", "--reform", str(path), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert error == (
        "policy-bd microsim: error: line 6: changes[0].stop: 9999-12-31 is outside 1900-01-01"
        " to 2199-12-31, the dates a reform may give (leave stop out for a change with no end)"
    )
