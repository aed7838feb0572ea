"""POST /v1/compare, GET /v1/reforms, /v1/version, /v1/spec and /healthz."""

import copy

import pytest
import yaml
from policy_bd.reforms import registry as reform_registry
from policy_bd.web_api.app import create_app
from policy_bd.web_api.schemas import (
    EXAMPLE_COMPARE,
    CompareResponseSchema,
    ReformListSchema,
    VersionSchema,
)

from policy_bd import programs as program_registry
from policy_bd.explain import program_variables


def rows(answer, member):
    found = next(item for item in answer["members"] if item["id"] == member)
    return {row["variable"]: row for row in found["variables"]}


def test_compare_gives_each_variable_under_both_and_the_difference(client, system):
    answer = client.post("/v1/compare", json=EXAMPLE_COMPARE)
    assert answer.status_code == 200
    body = answer.get_json()
    CompareResponseSchema().load(body)
    baseline_amount = system.parameters("2025-08").social_assistance.old_age_allowance.amount
    rahim = rows(body, "rahim")
    assert list(rahim) == [
        name for name in program_variables() if system.variables[name].entity.key == "person"
    ]
    amount = rahim["old_age_allowance"]
    assert (amount["baseline"], amount["reform"]) == (baseline_amount, 800)
    assert amount["difference"] == 800 - baseline_amount and amount["changed"]
    eligible = rahim["old_age_allowance__eligible"]
    assert (eligible["baseline"], eligible["reform"], eligible["difference"]) == (True, True, None)
    assert not eligible["changed"]
    assert rows(body, "amena")["old_age_allowance"]["changed"] is False
    assert body["reform"]["title"] == EXAMPLE_COMPARE["reform"]["title"]


def test_compare_chosen_variables_and_household_ones(client):
    body = copy.deepcopy(EXAMPLE_COMPARE)
    body["variables"] = ["household_size", "old_age_allowance"]
    answer = client.post("/v1/compare", json=body).get_json()
    assert [row["variable"] for row in answer["household"]["variables"]] == ["household_size"]
    assert answer["household"]["variables"][0]["baseline"] == 2
    assert list(rows(answer, "rahim")) == ["old_age_allowance"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"reform": None}, "reform", "Field may not be null"),
        ({"variables": ["nope"]}, "variables[0]", "not a variable"),
        ({"language": "en"}, "language", "Unknown field"),
    ],
)
def test_compare_errors_name_the_field(client, change, field, words):
    body = {**copy.deepcopy(EXAMPLE_COMPARE), **change}
    answer = client.post("/v1/compare", json=body)
    assert answer.status_code == 422
    problems = {item["field"]: item["message"] for item in answer.get_json()["problems"]}
    assert words in problems[field]


def test_compare_needs_a_reform(client):
    body = copy.deepcopy(EXAMPLE_COMPARE)
    del body["reform"]
    answer = client.post("/v1/compare", json=body)
    assert answer.status_code == 422
    assert answer.get_json()["problems"] == [
        {"field": "reform", "message": "Missing data for required field."}
    ]


def test_reforms_lists_the_registry_and_a_named_reform_is_usable(monkeypatch, tmp_path):
    path = tmp_path / "oaa_800.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "title": "Old Age Allowance of Tk 800",
                "description": "A drafter's reform file.",
                "changes": [
                    {
                        "parameter": "social_assistance.old_age_allowance.amount",
                        "value": 800,
                        "start": "2025-07-01",
                    }
                ],
            }
        )
    )
    monkeypatch.setitem(reform_registry.REGISTRY, "oaa_800", path)
    client = create_app().test_client()
    listing = client.get("/v1/reforms").get_json()
    ReformListSchema().load(listing)
    assert [item["name"] for item in listing["reforms"]] == sorted(reform_registry.REGISTRY)
    described = next(item for item in listing["reforms"] if item["name"] == "oaa_800")
    assert described["title"] == "Old Age Allowance of Tk 800"
    assert described["changes"][0]["value"] == 800
    body = copy.deepcopy(EXAMPLE_COMPARE)
    body["reform"] = "oaa_800"
    answer = client.post("/v1/compare", json=body).get_json()
    assert rows(answer, "rahim")["old_age_allowance"]["reform"] == 800
    assert answer["reform"]["name"] == "oaa_800"
    assert client.get("/v1/version").get_json()["reforms"] == sorted(reform_registry.REGISTRY)


def test_version_names_package_programs_and_freshness(client):
    body = client.get("/v1/version").get_json()
    VersionSchema().load(body)
    assert body["api"] == "v1"
    assert [item["name"] for item in body["programs"]] == list(program_registry.programs())
    assert body["parameters_checked_on"]["oldest"] <= body["parameters_checked_on"]["newest"]
    assert body["limits"]["MAX_BATCH_PERSONS"] > 0


def test_healthz(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer.get_json()["status"] == "ok"


def test_v1_spec_is_generated_and_its_examples_work_when_pasted(client):
    spec = client.get("/v1/spec").get_json()
    assert spec["openapi"].startswith("3.")
    schemas = spec["components"]["schemas"]
    # Generated from the input contract: every input variable, with its rules.
    member = schemas["Member"]
    assert member["additionalProperties"] is False
    assert member["properties"]["sex"]["enum"] == ["male", "female"]
    assert set(member["required"]) == {"id", "role", "sex"}
    assert "employment" in member["properties"]
    tried = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            examples = [content["example"]] if content and "example" in content else []
            examples += [item["value"] for item in (content or {}).get("examples", {}).values()]
            for example in examples:
                answer = client.open(path, method=method.upper(), json=example)
                assert answer.status_code == 200, (path, answer.get_json())
            tried += len(examples)
    assert tried >= 8  # entitlements (5), compare, batch, microsimulation


def test_unknown_v1_paths_and_methods_name_the_problem(client):
    missing = client.get("/v1/nothing")
    assert missing.status_code == 404
    assert missing.get_json()["problems"][0]["field"] == "path"
    wrong = client.get("/v1/entitlements")
    assert wrong.status_code == 405
    assert wrong.get_json()["problems"][0]["field"] == "method"


def test_every_v1_route_is_in_the_openapi_document(app, client):
    documented = client.get("/v1/spec").get_json()["paths"]
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/v1/"):
            continue
        assert rule.rule in documented, f"{rule.rule} is not in /v1/spec"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in documented[rule.rule], f"{method} {rule.rule}"
