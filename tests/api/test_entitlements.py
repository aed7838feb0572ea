"""POST /v1/entitlements: one household, every program, the reasons."""

import copy
import datetime
import json

import pytest
from policy_bd.web_api.app import create_app
from policy_bd.web_api.schemas import EXAMPLE_ENTITLEMENTS, EntitlementsResponseSchema

from policy_bd import programs as program_registry

OAA = "old_age_allowance"


def request_with(**changes):
    body = copy.deepcopy(EXAMPLE_ENTITLEMENTS)
    body.update(changes)
    return body


def member_with(index=0, **fields):
    body = copy.deepcopy(EXAMPLE_ENTITLEMENTS)
    body["household"]["members"][index].update(fields)
    return body


def program_of(answer, member, name=OAA):
    found = next(item for item in answer["members"] if item["id"] == member)
    return next(item for item in found["programs"] if item["program"] == name)


def problems_of(answer):
    return {item["field"]: item["message"] for item in answer.get_json()["problems"]}


def test_the_documented_example_gives_the_law(client, system):
    answer = client.post("/v1/entitlements", json=EXAMPLE_ENTITLEMENTS)
    assert answer.status_code == 200
    body = answer.get_json()
    EntitlementsResponseSchema().load(body)  # the answer matches its published schema
    assert (body["date"], body["period"], body["legislation_date"]) == (
        "2025-08-15",
        "2025-08",
        "2025-08-01",
    )
    assert body["package"] == {"name": "policy-bd", "version": body["package"]["version"]}
    assert body["reform"] is None
    law = system.parameters("2025-08-01").social_assistance.old_age_allowance
    rahim, amena = program_of(body, "rahim"), program_of(body, "amena")
    assert (rahim["eligible"], rahim["amount"]) == (True, law.amount)
    assert (rahim["amount_period"], rahim["payment_schedule"]) == ("month", "quarterly")
    # Amena (63) meets every individual criterion; the household's one recipient is Rahim (71).
    assert (amena["eligible"], amena["amount"]) == (True, 0)
    assert [reason["met"] for reason in amena["reasons"]] == [True, True, True, True, False]
    age_values = {item["name"]: item["value"] for item in rahim["reasons"][0]["values"]}
    assert age_values["age"] == 71  # born 10 March 1954
    assert age_values["social_assistance.old_age_allowance.min_age.male"] == law.min_age.male


def test_every_member_gets_every_registered_program(client):
    body = client.post("/v1/entitlements", json=EXAMPLE_ENTITLEMENTS).get_json()
    registry = program_registry.programs()
    for member in body["members"]:
        assert [item["program"] for item in member["programs"]] == list(registry)
        for item in member["programs"]:
            assert [reason["criterion"] for reason in item["reasons"]] == (
                list(registry[item["program"]].criteria)
            )


def test_bangla_answers(client):
    body = client.post("/v1/entitlements", json=request_with(language="bn")).get_json()
    rahim = program_of(body, "rahim")
    assert rahim["label"] == program_registry.programs()[OAA].label_bn
    assert rahim["reasons"][0]["sentence"].startswith("শর্ত পূরণ হয়েছে")
    assert "৭১ বছর" in rahim["reasons"][0]["sentence"]


def test_a_reform_by_value_is_applied_and_described(client):
    reform = {
        "title": "Tk 800",
        "description": "Raise the rate",
        "changes": [
            {
                "parameter": "social_assistance.old_age_allowance.amount",
                "value": 800,
                "start": "2025-07-01",
            }
        ],
    }
    body = client.post("/v1/entitlements", json=request_with(reform=reform)).get_json()
    assert program_of(body, "rahim")["amount"] == 800
    assert body["reform"]["kind"] == "parametric"
    assert body["reform"]["title"] == "Tk 800"
    assert len(body["reform"]["digest"]) == 16
    assert body["reform"]["changes"] == reform["changes"]


def test_before_the_law_a_program_is_not_in_force(client):
    body = client.post("/v1/entitlements", json=request_with(date="1990-05-01"))
    rahim = program_of(body.get_json(), "rahim")
    assert body.status_code == 200
    assert (rahim["in_force"], rahim["eligible"], rahim["amount"]) == (False, False, 0)
    assert rahim["note"].startswith("Old Age Allowance is not in force on 1990-05-01.")
    assert "was not found" not in rahim["note"]


def test_the_date_defaults_to_today(client):
    body = request_with()
    del body["date"]
    answer = client.post("/v1/entitlements", json=body).get_json()
    assert answer["date"] == datetime.date.today().isoformat()


def test_programs_can_be_chosen(fake_client, fake_registry):
    body = request_with(programs=["test_grant"])
    answer = fake_client.post("/v1/entitlements", json=body).get_json()
    assert [item["program"] for item in answer["members"][0]["programs"]] == ["test_grant"]


def test_a_field_is_set_when_the_legislation_has_its_variable(fake_client, fake_registry, system):
    body = member_with(0, disability_registered=True)
    body["household"]["urban"] = True
    answer = fake_client.post("/v1/entitlements", json=body)
    assert answer.status_code == 200
    grant = program_of(answer.get_json(), "rahim", "test_grant")
    registered = grant["reasons"][2]
    assert registered["met"] and registered["values"][0] == {
        "kind": "variable",
        "name": "disability_registered",
        "label": system.variables["disability_registered"].label,
        "period": "2025-08",
        "value": True,
        "unit": None,
    }
    assert (grant["eligible"], grant["amount"], grant["amount_period"]) == (True, 1000, "lump_sum")


# ----- each class of bad input: a 4xx naming the field -----------------------------------------

# The wording is the input contract's: the same on /v1/batch, /calculate and the CLI.
BAD_MEMBERS = [
    ({"shoe_size": 42}, "household.members[0].shoe_size", "unknown field"),
    ({"age": 70}, "household.members[0].date_of_birth", "exactly one of date_of_birth and age"),
    ({"date_of_birth": None}, "household.members[0].date_of_birth", "exactly one"),
    ({"sex": "m"}, "household.members[0].sex", "'m' is not one of male, female"),
    ({"annual_income": "8000"}, "household.members[0].annual_income", "'8000' is not a number"),
    ({"annual_income": -1}, "household.members[0].annual_income", "-1 is below the minimum of 0"),
    (
        {"date_of_birth": "10/03/1954"},
        "household.members[0].date_of_birth",
        "'10/03/1954' is not a date (YYYY-MM-DD)",
    ),
    ({"date_of_birth": "0001-01-01"}, "household.members[0].date_of_birth", "before 1900-01-01"),
    ({"date_of_birth": "2030-01-01"}, "household.members[0].date_of_birth", "after the date"),
    (
        {"receives_other_allowance": "yes"},
        "household.members[0].receives_other_allowance",
        "'yes' is not true or false",
    ),
    ({"role": "chief"}, "household.members[0].role", "is not one of head, spouse, child, other"),
    ({"marital_status": "single"}, "household.members[0].marital_status", "is not one of"),
    (
        {"employment": {"sector": "mining"}},
        "household.members[0].employment.sector",
        "is not one of",
    ),
    (
        {"employment": {"monthly_wage": 1, "bonus": 2}},
        "household.members[0].employment.bonus",
        "unknown field",
    ),
    ({"id": ""}, "household.members[0].id", "must not be empty"),
    ({"role": "spouse", "id": "amena"}, "household.members[1].id", "repeats the id 'amena'"),
    ({"age": 250, "date_of_birth": None}, "household.members[0].age", "above the maximum of 120"),
    (
        {"age": 5_000_000_000, "date_of_birth": None},
        "household.members[0].age",
        "5000000000 is above the maximum of 120",
    ),
]


@pytest.mark.parametrize(("fields", "field", "words"), BAD_MEMBERS)
def test_a_bad_member_field_is_422_naming_it(client, fields, field, words):
    answer = client.post("/v1/entitlements", json=member_with(0, **fields))
    assert answer.status_code == 422
    problems = problems_of(answer)
    assert field in problems, problems
    assert words in problems[field]


def test_two_heads_are_refused(client):
    answer = client.post("/v1/entitlements", json=member_with(1, role="head"))
    assert answer.status_code == 422
    assert problems_of(answer)["household.members"] == "a household has at most one head"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        (request_with(language="fr"), "language", "Must be one of: en, bn"),
        (request_with(date="2025-13-01"), "date", "Not a valid date"),
        (request_with(reform=12), "reform", "registered reform's name or a reform object"),
        (request_with(programs=["no_such"]), "programs[0]", "not a registered program"),
        (
            request_with(household={"members": []}),
            "household.members",
            "give at least one member",
        ),
        (
            request_with(household={"division": "x", "members": []}),
            "household.division",
            "'x' is not one of barishal",
        ),
        ({"date": "2025-08-01"}, "household", "Missing data for required field"),
        (request_with(extra=1), "extra", "Unknown field"),
    ],
)
def test_a_bad_request_field_is_422_naming_it(client, body, field, words):
    answer = client.post("/v1/entitlements", json=body)
    assert answer.status_code == 422
    problems = problems_of(answer)
    assert field in problems, problems
    assert words in problems[field]


def test_an_invalid_reform_names_the_change(client):
    reform = {
        "changes": [
            {"parameter": "social_assistance.old_age_allowance.amount", "value": "lots"},
        ]
    }
    answer = client.post("/v1/entitlements", json=request_with(reform=reform))
    assert answer.status_code == 422
    problems = problems_of(answer)
    assert "takes a number" in problems["reform.changes[0].value"]
    assert problems["reform.changes[0]"] == "missing 'start'"


def test_a_field_the_legislation_does_not_have_yet_is_422_not_supported(client, system):
    answer = client.post("/v1/entitlements", json=member_with(0, disability_registered=True))
    if "disability_registered" in system.variables:  # once the disability allowance is merged
        assert answer.status_code == 200
    else:
        assert answer.status_code == 422
        field = "household.members[0].disability_registered"
        assert "not supported" in problems_of(answer)[field]


@pytest.mark.parametrize(
    ("data", "content_type", "status", "field"),
    [
        ("{bad", "application/json", 400, "body"),
        ('{"date": NaN}', "application/json", 400, "body"),
        (json.dumps(EXAMPLE_ENTITLEMENTS), "text/plain", 415, "Content-Type"),
        ("[1, 2]", "application/json", 422, "body"),
    ],
)
def test_bodies_that_are_not_a_json_object(client, data, content_type, status, field):
    answer = client.post("/v1/entitlements", data=data, content_type=content_type)
    assert answer.status_code == status
    assert field in problems_of(answer)


def test_limits_on_members_and_body():
    small = create_app(MAX_HOUSEHOLD_MEMBERS=1, MAX_CONTENT_LENGTH=5000).test_client()
    answer = small.post("/v1/entitlements", json=EXAMPLE_ENTITLEMENTS)
    assert answer.status_code == 413
    assert "limit of 1 per household" in problems_of(answer)["household.members"]
    huge = small.post(
        "/v1/entitlements", data="[" + "1," * 5000 + "1]", content_type="application/json"
    )
    assert huge.status_code == 413
    assert "larger than the limit of 5000 bytes" in problems_of(huge)["body"]
