"""POST /v1/projection: the projection over HTTP, errors as 422 answers naming the field."""

import pytest
from policy_bd.web_api.app import create_app

from policy_bd.projection import project


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def test_bundled_scenario_by_name(client):
    answer = client.post("/v1/projection", json={"scenario": "nsis_default"})
    assert answer.status_code == 200
    body = answer.get_json()
    expected = project("nsis_default", sensitivity=False, stochastic=False)
    for name, branch in body["branches"].items():
        result = expected.branches[name]
        assert branch["general_average_premium"] == pytest.approx(result.general_average_premium)
        assert len(branch["years"]) == 36
        assert branch["years"][-1]["reserve"] == pytest.approx(result.columns["reserve"][-1])
    assert "SYNTHETIC" in body["warning"].upper()


def test_inline_scenario_with_sensitivity_and_stochastic(client):
    scenario = {
        "title": "maternity to 2040",
        "horizon": 2040,
        "branches": {"maternity": {}},
        "coverage": {"formal_compliance": {"2025": 0.7, "2030": 0.9}},
        "stochastic": {"paths": 200},
    }
    answer = client.post(
        "/v1/projection",
        json={"scenario": scenario, "sensitivity": True, "stochastic": True, "rows": False},
    )
    assert answer.status_code == 200, answer.get_json()
    branch = answer.get_json()["branches"]["maternity"]
    assert "years" not in branch
    assert set(branch["general_average_premium"]) == {"10", "16"}
    assert branch["stochastic"]["paths"] == 200
    assert set(branch["sensitivity"]) >= {"central", "incidence_low", "compliance_high"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"scenario": "projections/nsis_default.yaml"}, "scenario"),
        ({"scenario": 3}, "scenario"),
        ({"scenario": "nsis_default", "colour": "blue"}, "colour"),
        ({"scenario": {"title": "x", "horizon": 2020}}, "scenario.horizon"),
        (
            {"scenario": {"title": "x", "coverage": {"informal_join": {"2030": -1}}}},
            "scenario.coverage.informal_join.2030",
        ),
        ({"scenario": {"title": "x", "reform": "no_such_reform"}}, "scenario.reform"),
        ({"scenario": {"title": "x", "data": "/tmp"}}, "scenario.data"),
        (
            {"scenario": {"title": "x", "branches": {"eis": {"reform": "nope"}}}},
            "scenario.branches.eis.reform",
        ),
        ({"scenario": {"title": "x", "stochastic": {"paths": 5000}}}, "scenario.stochastic.paths"),
        (
            {
                "scenario": {
                    "title": "x",
                    "reform": {
                        "title": "bad",
                        "changes": [
                            {
                                "parameter": "nsis.sickness.in_force",
                                "value": 2,
                                "start": "2025-07-01",
                            }
                        ],
                    },
                }
            },
            "scenario.reform.changes[0].value",
        ),
    ],
)
def test_errors_name_the_field(client, body, field):
    answer = client.post("/v1/projection", json=body)
    assert answer.status_code == 422
    fields = [item["field"] for item in answer.get_json()["problems"]]
    assert field in fields


def test_not_json_is_415(client):
    answer = client.post("/v1/projection", data="scenario=nsis_default")
    assert answer.status_code == 415


def test_projection_is_in_the_openapi_document(client):
    spec = client.get("/v1/spec").get_json()
    operation = spec["paths"]["/v1/projection"]["post"]
    assert set(operation["responses"]) >= {"200", "422"}
