"""GET/POST /v1/microsimulation: the summary of the bundled synthetic sample."""

import json

import pytest

from policy_bd.microsim.service import summary


@pytest.fixture(scope="module")
def client():
    from policy_bd.web_api.app import create_app

    return create_app().test_client()


def test_get_gives_the_baseline_summary_of_the_service(client):
    answer = client.get("/v1/microsimulation?period=2024-25")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body == summary("2024-25")
    assert body["meta"]["synthetic"] is True
    oaa = next(row for row in body["programs"] if row["program"] == "old_age_allowance")
    # Quota-limited at the administrative caseload of FY2024-25 (60.01 lakh).
    assert oaa["beneficiaries_lakh_baseline"] == pytest.approx(60.01, abs=0.1)


def test_post_with_a_named_reform_costs_more(client):
    answer = client.post(
        "/v1/microsimulation", json={"period": "2025-26", "reform": "universal_old_age_allowance"}
    )
    assert answer.status_code == 200
    oaa = next(
        row for row in answer.get_json()["programs"] if row["program"] == "old_age_allowance"
    )
    assert oaa["cost_crore_difference"] > 1000


def test_a_parametric_reform_is_accepted(client):
    reform = {
        "title": "OAA Tk 800",
        "changes": [
            {
                "parameter": "social_assistance.old_age_allowance.amount",
                "value": 800,
                "start": "2024-07-01",
            }
        ],
    }
    answer = client.post("/v1/microsimulation", json={"period": "2024-25", "reform": reform})
    oaa = next(
        row for row in answer.get_json()["programs"] if row["program"] == "old_age_allowance"
    )
    # Same quota-limited caseload, each paid Tk 800 instead of Tk 600 a month.
    assert oaa["cost_crore_reform"] / oaa["cost_crore_baseline"] == pytest.approx(
        800 / 600, rel=1e-6
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"period": "2024-09"}, "period"),
        ({"pass_through": 2}, "pass_through"),
        ({"nope": 1}, "nope"),
        ({"reform": "../../etc/passwd.yaml"}, "reform"),
        (
            {"reform": {"changes": [{"parameter": "x.y", "value": 1, "start": "2025-07-01"}]}},
            "reform.changes[0].parameter",
        ),
    ],
)
def test_bad_requests_name_the_field(client, body, field):
    answer = client.post("/v1/microsimulation", json=body)
    assert answer.status_code == 422
    assert field in [item["field"] for item in answer.get_json()["problems"]]


def test_get_with_a_bad_query_is_a_422(client):
    answer = client.get("/v1/microsimulation?pass_through=abc")
    assert answer.status_code == 422
    assert answer.get_json()["problems"][0]["field"] == "pass_through"


def test_the_endpoint_is_in_the_openapi_spec(client):
    paths = client.get("/v1/spec").get_json()["paths"]
    assert {"get", "post"} <= set(paths["/v1/microsimulation"])


def test_the_api_gives_every_figure_the_command_gives(client, capsys):
    """/v1/microsimulation had no regions, coverage, targeting, insurance or child poverty."""
    from policy_bd.cli import main

    answer = client.get("/v1/microsimulation?period=2024-25")
    assert answer.status_code == 200
    served = answer.get_json()
    assert main(["microsim", "--period", "2024-25", "--json", "--quiet"]) == 0
    printed = json.loads(capsys.readouterr().out)
    for table in ("regions", "coverage", "targeting", "insurance"):
        assert served[table], f"no {table} in the API summary"
    assert {row["group"] for row in served["poverty"]} == {"all", "children", "elderly"}
    assert set(served) == set(printed)
    for table in served:
        if table != "meta":
            assert served[table] == printed[table], table
