"""POST /v1/batch: columns in, columns out, in one vectorised simulation."""

import copy
import io

import numpy as np
import pandas as pd
import pytest
from policy_bd.web_api.app import create_app
from policy_bd.web_api.schemas import EXAMPLE_BATCH, BatchResponseSchema

from policy_bd import engine
from policy_bd.explain import public_outputs


def columns_simulation(system, period, persons, households=None):
    """Columns through the engine's reader and builder."""
    return engine.simulate(system, engine.read_columns(system, period, persons, households))


def computed(simulation, outputs, period):
    return engine.compute(simulation, outputs, period).values


def population(households=300, seed=7):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 5, households)
    household_id = np.repeat(np.arange(households) * 10 + 5, sizes)
    first = np.ones(household_id.size, bool)
    first[1:] = household_id[1:] != household_id[:-1]
    persons = {
        "household_id": household_id,
        "person_id": np.array([f"p{i}" for i in range(household_id.size)]),
        "role": np.where(first, "head", "other"),
        "age": rng.integers(0, 95, household_id.size),
        "sex": rng.choice(["male", "female"], household_id.size),
        "annual_income": rng.integers(0, 15000, household_id.size).astype(float),
        "receives_other_allowance": rng.random(household_id.size) < 0.1,
    }
    households = {
        "household_id": np.arange(households) * 10 + 5,
        "division": rng.choice(["dhaka", "sylhet", "rangpur"], households),
        "urban": rng.random(households) < 0.3,
    }
    return persons, households


def as_json(columns):
    return {name: values.tolist() for name, values in columns.items()}


def in_process(system, persons, households, outputs, period="2025-08"):
    simulation = columns_simulation(system, period, persons, households)
    return computed(simulation, outputs, period)


def problems_of(answer):
    return {item["field"]: item for item in answer.get_json()["problems"]}


def test_the_documented_example(client):
    answer = client.post("/v1/batch", json=EXAMPLE_BATCH)
    assert answer.status_code == 200
    body = answer.get_json()
    BatchResponseSchema().load(body)
    assert body["counts"] == {"persons": 3, "households": 2}
    assert body["persons"]["person_id"] == ["rahim", "amena", "karim"]
    assert body["persons"]["household_id"] == [1, 1, 2]
    assert body["households"]["household_id"] == [1, 2]


def test_json_columns_give_the_in_process_results_for_every_public_output(client, system):
    persons, households = population()
    answer = client.post(
        "/v1/batch",
        json={"period": "2025-08", "persons": as_json(persons), "households": as_json(households)},
    )
    assert answer.status_code == 200
    body = answer.get_json()
    outputs = public_outputs()
    assert body["outputs"] == outputs
    expected = in_process(system, persons, households, outputs)
    for name in outputs:
        assert body["persons"][name] == expected[name].tolist(), name
    assert body["persons"]["person_id"] == persons["person_id"].tolist()
    assert body["legislation_date"] == "2025-08-01"
    assert sum(body["persons"]["old_age_allowance"]) > 0, "some are paid in this population"


def test_household_outputs_and_enums_come_back_by_entity(client):
    body = copy.deepcopy(EXAMPLE_BATCH)
    body["outputs"] = ["household_size", "division", "sex", "date_of_birth", "age"]
    answer = client.post("/v1/batch", json=body).get_json()
    assert answer["households"] == {
        "household_id": [1, 2],
        "household_size": [2, 1],
        "division": ["rangpur", "khulna"],
    }
    assert answer["persons"]["sex"] == ["male", "female", "male"]
    assert answer["persons"]["age"] == [71, 63, 66]
    assert answer["persons"]["date_of_birth"] == ["1970-01-01"] * 3  # the default: age was given


def test_a_reform_changes_the_batch(client):
    body = copy.deepcopy(EXAMPLE_BATCH)
    body["reform"] = {
        "changes": [
            {
                "parameter": "social_assistance.old_age_allowance.income_limit",
                "value": 30000,
                "start": "2025-07-01",
            }
        ]
    }
    answer = client.post("/v1/batch", json=body).get_json()
    # Karim's Tk 25,000 is under the reformed ceiling: he becomes eligible.
    assert answer["persons"]["old_age_allowance__eligible"] == [True, True, True]
    assert answer["reform"]["kind"] == "parametric"


def upload(client, persons, households=None, **form):
    data = {"persons": (io.BytesIO(persons), "persons.bin"), **form}
    if households is not None:
        data["households"] = (io.BytesIO(households), "households.bin")
    return client.post("/v1/batch", data=data, content_type="multipart/form-data")


def test_csv_upload_answers_csv(client, system):
    persons, households = population(40)
    persons_csv = pd.DataFrame(persons).to_csv(index=False).encode()
    households_csv = pd.DataFrame(households).to_csv(index=False).encode()
    answer = upload(
        client, persons_csv, households_csv, period="2025-08", outputs="old_age_allowance,division"
    )
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    table = pd.read_csv(io.BytesIO(answer.data))
    expected = in_process(system, persons, households, ["old_age_allowance", "division"])
    assert table["person_id"].tolist() == persons["person_id"].tolist()
    assert table["old_age_allowance"].tolist() == expected["old_age_allowance"].tolist()
    # Household outputs are repeated on each member's row.
    members = columns_simulation(system, "2025-08", persons, households).household.members_entity_id
    assert table["division"].tolist() == expected["division"][members].tolist()
    assert answer.headers["Legislation-Date"] == "2025-08-01"


def test_parquet_upload_answers_parquet_or_json(client, system):
    persons, _ = population(40)
    sink = io.BytesIO()
    pd.DataFrame(persons).to_parquet(sink)
    answer = upload(client, sink.getvalue(), period="2025-08")
    assert answer.mimetype == "application/vnd.apache.parquet"
    table = pd.read_parquet(io.BytesIO(answer.data))
    expected = in_process(system, persons, None, public_outputs())
    for name in public_outputs():
        assert table[name].tolist() == expected[name].tolist()
    as_json_answer = upload(client, sink.getvalue(), period="2025-08", format="json")
    assert as_json_answer.get_json()["persons"]["old_age_allowance"] == (
        expected["old_age_allowance"].tolist()
    )


# ----- errors -------------------------------------------------------------------------------


def batch_with(**changes):
    body = copy.deepcopy(EXAMPLE_BATCH)
    for key, value in changes.items():
        if "." in key:
            table, column = key.split(".")
            body[table][column] = value
        else:
            body[key] = value
    return body


@pytest.mark.parametrize(
    ("body", "field", "words", "row"),
    [
        (batch_with(**{"persons.agee": [1, 2, 3]}), "persons.agee", "unknown field", None),
        (batch_with(**{"persons.sex": ["male", "f", "male"]}), "persons.sex", "not one of", 2),
        (batch_with(**{"persons.age": [70, None, 3]}), "persons.age", "missing value", 2),
        (batch_with(**{"persons.age": [70, 3]}), "persons.*", "same length", None),
        (batch_with(**{"persons.age": 70}), "persons.age", "must be an array", None),
        (batch_with(**{"households.urban": [1, 2]}), "households.urban", "not true or false", 2),
        (batch_with(**{"persons.urban": [True] * 3}), "persons.urban", "household field", None),
        (batch_with(outputs=["nope"]), "outputs[0]", "not a variable", None),
        (batch_with(period="2025"), "period", "a month is written YYYY-MM", None),
        (batch_with(period="2025-08-01"), "period", "YYYY-MM", None),
        (batch_with(reform="no_such"), "reform", "not a registered reform", None),
        (batch_with(tables=1), "tables", "Unknown field", None),
    ],
)
def test_bad_columns_are_422_naming_column_and_row(client, body, field, words, row):
    answer = client.post("/v1/batch", json=body)
    assert answer.status_code == 422
    problems = problems_of(answer)
    assert field in problems, problems
    assert words in problems[field]["message"]
    assert problems[field].get("row") == row


def test_before_the_law_a_batch_pays_nothing_rather_than_failing(client):
    """The Old Age Allowance starts in April 1998: in 1990 nobody is eligible or paid."""
    answer = client.post("/v1/batch", json=batch_with(period="1990-01"))
    assert answer.status_code == 200
    persons = answer.get_json()["persons"]
    assert persons["old_age_allowance"] == [0, 0, 0]
    assert persons["old_age_allowance__eligible"] == [False, False, False]


def test_bad_uploads(client):
    missing = client.post(
        "/v1/batch", data={"period": "2025-08"}, content_type="multipart/form-data"
    )
    assert missing.status_code == 422 and "persons" in problems_of(missing)
    ragged = upload(client, b"household_id,age\n1,70\n2,80,9\n")
    assert ragged.status_code == 422
    assert "not a readable CSV table" in problems_of(ragged)["persons"]["message"]
    extra = upload(client, b"household_id\n1\n", colour="red")
    assert "colour" in problems_of(extra)
    wrong = client.post("/v1/batch", data="household_id\n1\n", content_type="text/csv")
    assert wrong.status_code == 415


def test_batch_limits_are_413():
    small = create_app(MAX_BATCH_PERSONS=2, MAX_BATCH_HOUSEHOLDS=1).test_client()
    too_many = small.post("/v1/batch", json=EXAMPLE_BATCH)
    assert too_many.status_code == 413
    assert "limit of 2 persons" in problems_of(too_many)["persons"]["message"]
    two_households = small.post(
        "/v1/batch", json={"persons": {"household_id": [1, 2], "age": [70, 80]}}
    )
    assert two_households.status_code == 413
    assert (
        "limit of 1 per request" in problems_of(two_households)["persons.household_id"]["message"]
    )
