"""Reasons in batch: per person and program, the failed criteria's codes and sentences, equal
to the per-person explanations of /v1/entitlements' engine (`explain.determine`)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from policy_bd.web_api.schemas import EXAMPLE_BATCH

from policy_bd import engine
from policy_bd import programs as program_registry
from policy_bd.explain import determine
from policy_bd.explain_batch import NOT_IN_FORCE, reason_columns

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "explain"))
from test_explain_untraced import random_batch


def build_simulation(system, period, persons, households=None):
    return engine.simulate(system, engine.read_columns(system, period, persons, households))


def expected(members, row, program):
    item = next(p for p in members[row].programs if p.program == program)
    if not item.in_force:
        return NOT_IN_FORCE, NOT_IN_FORCE
    failed = [reason for reason in item.reasons if not reason.met]
    return ";".join(r.criterion for r in failed), " ".join(r.sentence for r in failed)


@pytest.mark.parametrize(
    ("period", "language"), [("2025-11", "en"), ("2025-08", "bn"), ("2019-07", "en")]
)
def test_batch_reasons_are_the_explanations_of_a_random_sample_of_rows(system, period, language):
    persons, households = random_batch(150, seed=21)
    names = list(program_registry.programs())
    columns = reason_columns(
        build_simulation(system, period, persons, households),
        period,
        names,
        reasons="sentences",
        language=language,
    )
    members = determine(build_simulation(system, period, persons, households), period, language)
    rows = np.random.default_rng(3).choice(len(members), size=80, replace=False)
    for row in rows.tolist():
        for name in names:
            codes, sentences = expected(members, row, name)
            assert columns[f"{name}__failed"][row] == codes, (row, name)
            assert columns[f"{name}__reasons"][row] == sentences, (row, name)


def texts(body, column):
    """A reason column of a JSON answer: each row's number in the column's dictionary."""
    return [body["dictionaries"][column][n] for n in body["persons"][column]]


def test_json_batch_with_codes(client):
    answer = client.post("/v1/batch", json={**EXAMPLE_BATCH, "reasons": "codes"})
    assert answer.status_code == 200
    body = answer.get_json()
    persons = body["persons"]
    assert texts(body, "old_age_allowance__failed") == [
        "",
        "old_age_allowance__is_household_recipient",
        "old_age_allowance__meets_income_test;old_age_allowance__is_household_recipient",
    ]
    assert "old_age_allowance__reasons" not in persons
    # Only the programs among the outputs are explained.
    assert not any(name.startswith("widow_allowance") for name in persons)


def test_json_batch_with_bangla_sentences(client):
    request = {**EXAMPLE_BATCH, "reasons": "sentences", "language": "bn"}
    body = client.post("/v1/batch", json=request).get_json()
    sentences = texts(body, "old_age_allowance__reasons")
    karim = sentences[2]
    assert karim.startswith("শর্ত পূরণ হয়নি: ")
    assert "২৫,০০০ টাকা" in karim  # his income, in Bangla digits
    assert sentences[0] == ""
    # Each distinct text is written once however many rows have it.
    assert len(set(body["dictionaries"]["old_age_allowance__reasons"])) == len(
        body["dictionaries"]["old_age_allowance__reasons"]
    )


def test_every_program_is_explained_by_default(client):
    request = {key: value for key, value in EXAMPLE_BATCH.items() if key != "outputs"}
    body = client.post("/v1/batch", json={**request, "reasons": "codes"}).get_json()
    for name in program_registry.programs():
        assert len(texts(body, f"{name}__failed")) == 3


def test_uploads_answer_reasons_in_csv_and_parquet(client):
    table = b"household_id,age,sex,annual_income\n1,70,male,100\n2,40,female,0\n"
    form = {
        "persons": (io.BytesIO(table), "persons.csv"),
        "outputs": "old_age_allowance,old_age_allowance__eligible",
        "reasons": "sentences",
    }
    answer = client.post("/v1/batch", data=form, content_type="multipart/form-data")
    assert answer.status_code == 200
    text = answer.data.decode()
    assert "old_age_allowance__failed" in text.splitlines()[0]
    assert "Not met: " in text
    form = {
        "persons": (io.BytesIO(table), "persons.csv"),
        "reasons": "codes",
        "format": "parquet",
    }
    answer = client.post("/v1/batch", data=form, content_type="multipart/form-data")
    parquet = pq.read_table(io.BytesIO(answer.data))
    assert parquet.column("old_age_allowance__failed").to_pylist() == [
        "",
        "old_age_allowance__meets_age_test;old_age_allowance__is_household_recipient",
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [({"reasons": "words"}, "reasons"), ({"reasons": "codes", "language": "fr"}, "language")],
)
def test_bad_reason_options_are_422(client, body, field):
    answer = client.post("/v1/batch", json={**EXAMPLE_BATCH, **body})
    assert answer.status_code == 422
    assert field in {item["field"] for item in answer.get_json()["problems"]}


def test_a_bad_upload_option_is_422(client):
    form = {"persons": (io.BytesIO(b"household_id\n1\n"), "p.csv"), "reasons": "all"}
    answer = client.post("/v1/batch", data=form, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert "reasons" in {item["field"] for item in answer.get_json()["problems"]}
