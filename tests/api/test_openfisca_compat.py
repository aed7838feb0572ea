"""OpenFisca-compatible endpoints: the same answers as stock openfisca_web_api on our package.

Each payload goes to our application and to stock `openfisca_web_api.app.create_app` built on the
same legislation; successes and the errors stock answers with a 4xx must match exactly. The user
errors stock answers with a 500 or an HTML page must be 4xx JSON here, naming the field.
"""

import copy
import json

import numpy as np
import pytest
from policy_bd.web_api.app import create_app

from policy_bd import engine

RAHIM = {
    "persons": {
        "rahim": {
            "age": {"2018-07": 66},
            "sex": {"2018-07": "male"},
            "annual_income": {"2018": 8000},
            "old_age_allowance": {"2018-07": None},
        }
    },
    "households": {"h": {"heads": ["rahim"]}},
}


def with_person(**variables):
    situation = copy.deepcopy(RAHIM)
    situation["persons"]["rahim"].update(variables)
    return situation


def many_households(count=40, seed=3):
    rng = np.random.default_rng(seed)
    persons, households = {}, {}
    for h in range(count):
        members = [f"p{h}_{k}" for k in range(int(rng.integers(1, 4)))]
        for member in members:
            persons[member] = {
                "date_of_birth": {"ETERNITY": f"{int(rng.integers(1930, 2010))}-05-17"},
                "sex": {"ETERNITY": ["male", "female"][int(rng.integers(2))]},
                "annual_income": {"2024": float(rng.integers(0, 20000))},
                "old_age_allowance": {"2024-07": None, "2024-08": None},
                "old_age_allowance__eligible": {"2024-07": None},
                "age": {"2024-07": None},
            }
        persons[members[0]]["marital_status"] = {"2024-07": None}
        households[f"h{h}"] = {"heads": members[:1], "others": members[1:]}
        households[f"h{h}"]["household_size"] = {"2024-07": None}
        households[f"h{h}"]["division"] = {"2024-07": None}
    return {"persons": persons, "households": households}


SUCCESSES = {
    "one person": RAHIM,
    "enum, int, bool, date and household outputs": with_person(
        sex={"2018-07": None},
        date_of_birth={"ETERNITY": None},
        receives_other_allowance={"2018-07": None},
        old_age_allowance__eligible={"2018-07": None},
    ),
    "a yearly output": with_person(annual_income={"2018": None}),
    "many households": many_households(),
    "unknown role plural ignored": {
        "persons": {"a": {"age": {"2024-01": None}}},
        "households": {"h": {"others": ["a"]}},
    },
}

STOCK_4XX = {
    "unknown variable": with_person(agee={"2018-07": None}),
    "unknown enum value": with_person(sex={"2018-07": "m"}),
    "bad period": with_person(age={"2018-13": None}),
    "text for a number": with_person(age={"2018-07": "abc"}),
    "value without a period": with_person(age=66),
    "a value set for the wrong period": with_person(age={"2018": 66}),
    "a list body": [1, 2],
    "an empty situation": {},
    "an unknown entity (stock has no per-request reforms)": {**RAHIM, "reforms": ["x"]},
    "a member not declared": {
        "persons": {"a": {}},
        "households": {"h": {"heads": ["nobody"]}},
    },
}


@pytest.mark.parametrize("name", SUCCESSES)
def test_calculate_answers_exactly_as_stock(client, stock_client, name):
    ours = client.post("/calculate", json=copy.deepcopy(SUCCESSES[name]))
    stock = stock_client.post("/calculate", json=copy.deepcopy(SUCCESSES[name]))
    assert stock.status_code == 200
    assert ours.status_code == 200
    assert ours.get_json() == stock.get_json()


def places(document, path=()) -> set[tuple]:
    """Where an error document puts its messages (the bad fields), without the wording."""
    if not isinstance(document, dict):
        return {path}
    return {place for key, value in document.items() for place in places(value, (*path, key))}


@pytest.mark.parametrize("name", STOCK_4XX)
def test_errors_stock_answers_4xx_are_answered_the_same(client, stock_client, name):
    """The same status and the message at the same place; the wording is the input
    contract's, the same on every endpoint (stock's own where its builder reads the shape)."""
    ours = client.post("/calculate", json=copy.deepcopy(STOCK_4XX[name]))
    stock = stock_client.post("/calculate", json=copy.deepcopy(STOCK_4XX[name]))
    assert 400 <= stock.status_code < 500
    assert ours.status_code == stock.status_code
    if "error" in stock.get_json():
        assert "error" in ours.get_json() or places(ours.get_json())
    else:
        assert places(ours.get_json()) == places(stock.get_json())


def test_invalid_json_is_answered_as_stock(client, stock_client):
    ours = client.post("/calculate", data="{bad", content_type="application/json")
    stock = stock_client.post("/calculate", data="{bad", content_type="application/json")
    assert ours.status_code == stock.status_code == 400
    assert set(ours.get_json()) == set(stock.get_json()) == {"error"}
    assert ours.get_json()["error"].startswith("Invalid JSON: ")


def without_times(trace: dict) -> dict:
    for node in trace["trace"].values():
        node.pop("calculation_time")
        node.pop("formula_time")
    return trace


@pytest.mark.parametrize("name", ["one person", "many households"])
def test_trace_answers_as_stock(client, stock_client, name):
    ours = client.post("/trace", json=copy.deepcopy(SUCCESSES[name]))
    stock = stock_client.post("/trace", json=copy.deepcopy(SUCCESSES[name]))
    assert ours.status_code == stock.status_code == 200
    assert without_times(ours.get_json()) == without_times(stock.get_json())


@pytest.mark.parametrize(
    "path",
    [
        "/variables",
        "/variable/age",
        "/variable/old_age_allowance",
        "/variable/sex",
        "/parameters",
        "/parameter/social_assistance.old_age_allowance.amount",
        "/parameter/social_assistance/old_age_allowance/min_age/male",
        "/parameter/social_assistance",
        "/entities",
        "/",
    ],
)
def test_documents_are_the_same_as_stock(client, stock_client, path):
    ours, stock = client.get(path), stock_client.get(path)
    # /parameter/<id> adds the per-value sources stock drops (tests/api/test_parameter_references.py).
    document = {
        key: value
        for key, value in (ours.get_json() or {}).items()
        if not (path.startswith("/parameter/") and key in ("references", "official_journal_dates"))
    }
    assert (ours.status_code, document) == (stock.status_code, stock.get_json())
    assert ours.headers["Country-Package"] == stock.headers["Country-Package"] == "policy-bd"
    assert ours.headers["Country-Package-Version"] == stock.headers["Country-Package-Version"]


def test_spec_has_stocks_endpoints_and_corrects_its_schemas(client, stock_client):
    ours, stock = client.get("/spec").get_json(), stock_client.get("/spec").get_json()
    assert set(ours["paths"]) == set(stock["paths"])
    assert (
        ours["components"]["schemas"]["SituationInput"]["example"]
        == (stock["components"]["schemas"]["SituationInput"]["example"])
    )
    # Stock says a parameter's id is an integer; it is the dotted name.
    assert ours["components"]["schemas"]["Parameter"]["properties"]["id"] == {"type": "string"}
    assert "reform" in ours["components"]["schemas"]["SituationInput"]["properties"]
    calculate = ours["paths"]["/calculate"]["post"]["responses"]
    assert {"200", "400", "404", "413", "415"} <= set(calculate)


# ----- user errors that stock answers with a 500 or HTML --------------------------------------


def test_a_period_that_does_not_fit_the_variable_is_400_naming_the_cell(client, stock_client):
    situation = with_person(age={"2018-07": 66, "2018": None})
    assert stock_client.post("/calculate", json=copy.deepcopy(situation)).status_code == 500
    for endpoint in ("/calculate", "/trace"):
        answer = client.post(endpoint, json=copy.deepcopy(situation))
        assert answer.status_code == 400
        message = answer.get_json()["persons"]["rahim"]["age"]["2018"]
        assert "'age' must be computed for a whole month" in message


def test_a_parameter_not_defined_at_the_date_is_400_naming_the_cell(client, stock_client):
    situation = with_person(old_age_allowance__meets_age_test={"1990-01": None})
    assert stock_client.post("/calculate", json=copy.deepcopy(situation)).status_code == 500
    answer = client.post("/calculate", json=situation)
    assert answer.status_code == 400
    message = answer.get_json()["persons"]["rahim"]["old_age_allowance__meets_age_test"]["1990-01"]
    assert "min_age" in message and "1990-01-01" in message


@pytest.mark.parametrize("content_type", ["text/plain", None])
def test_a_body_not_sent_as_json_is_415(client, stock_client, content_type):
    body = json.dumps(RAHIM)
    assert stock_client.post("/calculate", data=body, content_type=content_type).status_code == 500
    answer = client.post("/calculate", data=body, content_type=content_type)
    assert answer.status_code == 415
    assert "Content-Type must be application/json" in answer.get_json()["error"]


def test_unknown_urls_and_ids_are_json_404(client, stock_client):
    assert stock_client.get("/nowhere").content_type.startswith("text/html")
    for path, words in [
        ("/nowhere", "no endpoint at /nowhere"),
        ("/variable/nope", "no variable 'nope'"),
        ("/parameter/no.such", "no parameter 'no.such'"),
    ]:
        answer = client.get(path)
        assert (answer.status_code, answer.content_type) == (404, "application/json")
        assert words in answer.get_json()["error"]


def test_a_wrong_method_is_json_405(client):
    answer = client.get("/calculate")
    assert answer.status_code == 405
    assert "use" in answer.get_json()["error"] and "POST" in answer.headers["Allow"]


# ----- per-request reforms ------------------------------------------------------------------

REFORM = {
    "title": "Tk 800",
    "changes": [
        {
            "parameter": "social_assistance.old_age_allowance.amount",
            "value": 800,
            "start": "2018-07-01",
        }
    ],
}


def test_a_reform_applies_to_that_request_only_and_is_echoed(client):
    reformed = client.post("/calculate", json={**copy.deepcopy(RAHIM), "reform": REFORM})
    assert reformed.status_code == 200
    body = reformed.get_json()
    assert body["persons"]["rahim"]["old_age_allowance"] == {"2018-07": 800.0}
    assert body["reform"] == REFORM
    baseline = client.post("/calculate", json=copy.deepcopy(RAHIM)).get_json()
    assert baseline["persons"]["rahim"]["old_age_allowance"] == {"2018-07": 500.0}
    assert "reform" not in baseline
    traced = client.post("/trace", json={**copy.deepcopy(RAHIM), "reform": REFORM}).get_json()
    assert traced["trace"]["old_age_allowance<2018-07>"]["value"] == [800.0]


def test_a_repeated_reform_is_built_once(app):
    client = app.test_client()
    reforms = app.extensions["policy_bd_reforms"]
    other = copy.deepcopy(REFORM)
    other["changes"][0]["value"] = 750
    client.post("/calculate", json={**copy.deepcopy(RAHIM), "reform": other})
    systems = engine.reforms.cached_systems()
    first = reforms.resolve_or_raise(other)[0]
    # Same changes under another title: the same system, by content hash.
    assert reforms.resolve_or_raise({**other, "title": "Renamed"})[0] is first
    assert engine.reforms.cached_systems() == systems


@pytest.mark.parametrize(
    ("reform", "field", "words"),
    [
        (
            {**REFORM, "changes": [{**REFORM["changes"][0], "value": -5}]},
            "changes[0].value",
            "below",
        ),
        (
            {"changes": [{"parameter": "nope", "value": 1, "start": "2018-01-01"}]},
            "changes[0].parameter",
            "unknown parameter",
        ),
        ("no_such_reform", "reform", "not a registered reform"),
        ("../../etc/passwd.yaml", "reform", "not a registered reform"),
        (["x"], "reform", "give the name of a registered reform"),
    ],
)
def test_an_invalid_reform_is_400_naming_the_field(client, reform, field, words):
    answer = client.post("/calculate", json={**copy.deepcopy(RAHIM), "reform": reform})
    assert answer.status_code == 400
    problems = answer.get_json()["reform"]
    assert words in problems[field]


# ----- limits -------------------------------------------------------------------------------


def test_body_and_situation_limits_are_json_413():
    small = create_app(MAX_CONTENT_LENGTH=200, MAX_SITUATION_PERSONS=1).test_client()
    too_big = small.post("/calculate", json={"persons": {"x" * 300: {}}})
    assert too_big.status_code == 413
    assert "larger than the limit of 200 bytes" in too_big.get_json()["error"]
    two = small.post("/calculate", json={"persons": {"a": {}, "b": {}}})
    assert two.status_code == 413
    assert "limit of 1 per situation" in two.get_json()["persons"]


def test_a_formula_asked_for_eternity_is_400_naming_the_cell(client, stock_client):
    situation = {
        "persons": {"a": {}},
        "households": {"h": {"heads": ["a"], "household_size": {"ETERNITY": None}}},
    }
    assert stock_client.post("/calculate", json=copy.deepcopy(situation)).status_code == 500
    answer = client.post("/calculate", json=situation)
    assert answer.status_code == 400
    message = answer.get_json()["households"]["h"]["household_size"]["ETERNITY"]
    assert "ask for it for a month or a year" in message
