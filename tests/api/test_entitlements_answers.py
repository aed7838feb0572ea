"""Entitlements answers for a phone: summary and full detail, household totals, Bangla
throughout, compression and cache validators."""

from __future__ import annotations

import copy
import gzip
import re

import pytest
from policy_bd.web_api.schemas import (
    EXAMPLE_ENTITLEMENTS,
    EntitlementsResponseSchema,
    EntitlementsSummarySchema,
)

from policy_bd import programs as program_registry

OAA = "old_age_allowance"
LATIN = re.compile(r"[A-Za-z]")
URL = re.compile(r"https?://\S+")
# Codes and identifiers: snake_case or dotted names (program, criterion, parameter, variable).
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b")
# Fields whose values are codes, identifiers, periods or citations, not text for a reader.
CODE_FIELDS = {
    "program",
    "criterion",
    "amount_variable",
    "amount_period",
    "entity",
    "status",
    "kind",
    "name",
    "unit",
    "period",
    "value",
    "failed",
    "id",
    "language",
    "detail",
    "package",
    "reform",
    "reference",
}


def household_of_five():
    body = copy.deepcopy(EXAMPLE_ENTITLEMENTS)
    members = body["household"]["members"]
    members.append(
        {
            "id": "nasrin",
            "role": "child",
            "age": 30,
            "sex": "female",
            "marital_status": "widowed",
            "annual_income": 3000,
            "employment": {
                "monthly_wage": 12500,
                "months_of_service": 30,
                "sector": "rmg_export",
                "employer_type": "private_company",
                "establishment_size": 400,
            },
        }
    )
    members.append({"id": "rafi", "role": "child", "age": 9, "sex": "male"})
    members.append(
        {"id": "mita", "role": "child", "age": 17, "sex": "female", "disability_registered": True}
    )
    return body


def texts(node, key=None):
    """Every text a reader sees in an answer: (field, text), codes and citations left out."""
    if key in CODE_FIELDS:
        return
    if isinstance(node, dict):
        for name, value in node.items():
            yield from texts(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value, key)
    elif isinstance(node, str):
        yield key, node


def latin_outside_codes(answer) -> list[tuple[str, str]]:
    found = []
    for field, text in texts(answer):
        bare = IDENTIFIER.sub("", URL.sub("", text))
        if LATIN.search(bare):
            found.append((field, text))
    return found


@pytest.mark.parametrize("detail", ["summary", "full"])
@pytest.mark.parametrize("date", ["2025-08-15", "2025-11-20", "2019-07-01"])
def test_a_bangla_answer_has_no_latin_letters_outside_codes(client, detail, date):
    body = {**household_of_five(), "language": "bn", "detail": detail, "date": date}
    answer = client.post("/v1/entitlements", json=body)
    assert answer.status_code == 200
    found = latin_outside_codes(answer.get_json())
    assert not found, f"{len(found)} texts with Latin letters, e.g. {found[:3]}"


def test_the_latin_check_catches_english(client):
    answer = client.post("/v1/entitlements", json={**household_of_five(), "language": "en"})
    assert latin_outside_codes(answer.get_json())


def test_bangla_enum_values_and_schedules(client):
    body = {**household_of_five(), "language": "bn"}
    answer = client.post("/v1/entitlements", json=body).get_json()
    rahim = next(item for item in answer["members"] if item["id"] == "rahim")
    oaa = next(item for item in rahim["programs"] if item["program"] == OAA)
    assert oaa["payment_schedule"] == "ত্রৈমাসিক"
    assert "পুরুষ" in oaa["reasons"][0]["sentence"]  # sex: male, in Bangla


def test_summary_gives_eligibility_amount_schedule_and_failed_criteria(client, system):
    body = {**EXAMPLE_ENTITLEMENTS, "detail": "summary"}
    answer = client.post("/v1/entitlements", json=body).get_json()
    EntitlementsSummarySchema().load(answer)
    law = system.parameters("2025-08-01").social_assistance.old_age_allowance
    registry = program_registry.programs()
    rahim = answer["members"][0]
    oaa = next(item for item in rahim["programs"] if item["program"] == OAA)
    assert oaa == {
        "program": OAA,
        "eligible": True,
        "amount": law.amount,
        "payment_schedule": "quarterly",
    }
    widow = next(item for item in rahim["programs"] if item["program"] == "widow_allowance")
    assert not widow["eligible"] and widow["amount"] == 0
    assert "widow_allowance__is_woman" in widow["failed"]
    assert answer["sentences"]["widow_allowance__is_woman"].startswith("Not met: ")
    for member in answer["members"]:
        assert [item["program"] for item in member["programs"]] == list(registry)
        for item in member["programs"]:
            for code in item.get("failed", []):
                assert code in registry[item["program"]].criteria
                assert code in answer["sentences"]
    # One Old Age Allowance per household: Rahim's.
    assert answer["household"]["programs"][OAA] == {"amount": law.amount, "amount_period": "month"}
    assert answer["household"]["overall"]["month"] >= law.amount


def test_full_answer_totals_count_a_household_program_once(client, system):
    answer = client.post("/v1/entitlements", json=household_of_five()).get_json()
    EntitlementsResponseSchema().load(answer)
    totals = answer["household"]["programs"]
    for name, entry in program_registry.programs().items():
        amounts = [
            next(item for item in member["programs"] if item["program"] == name)
            for member in answer["members"]
        ]
        if amounts[0]["entity"] == "household":
            assert totals[name]["amount"] == amounts[0]["amount"]
        else:
            assert totals[name]["amount"] == pytest.approx(sum(i["amount"] for i in amounts))
        assert totals[name]["amount_period"] == entry.amount_period
    by_period = {}
    for value in totals.values():
        by_period[value["amount_period"]] = (
            by_period.get(value["amount_period"], 0) + value["amount"]
        )
    assert answer["household"]["overall"] == pytest.approx(by_period)


def test_summary_is_far_smaller_than_full(client):
    for language in ("en", "bn"):
        body = {**household_of_five(), "language": language}
        full = client.post("/v1/entitlements", json={**body, "detail": "full"}).data
        summary = client.post("/v1/entitlements", json={**body, "detail": "summary"}).data
        assert len(summary) * 10 < len(full)


def test_an_unknown_detail_is_422(client):
    answer = client.post("/v1/entitlements", json={**EXAMPLE_ENTITLEMENTS, "detail": "short"})
    assert answer.status_code == 422
    assert "detail" in {item["field"] for item in answer.get_json()["problems"]}


def test_answers_are_compressed_when_the_client_asks(client):
    plain = client.post("/v1/entitlements", json=EXAMPLE_ENTITLEMENTS)
    assert "Content-Encoding" not in plain.headers
    packed = client.post(
        "/v1/entitlements", json=EXAMPLE_ENTITLEMENTS, headers={"Accept-Encoding": "gzip"}
    )
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) * 5 < len(plain.data)


@pytest.mark.parametrize("path", ["/v1/version", "/v1/spec", "/variables"])
def test_unchanging_answers_carry_an_etag_and_answer_304(client, path):
    first = client.get(path)
    assert first.status_code == 200
    assert "max-age" in first.headers["Cache-Control"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    packed = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    repeat = client.get(
        path, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
    )
    assert repeat.status_code == 304


def test_calculations_carry_no_etag(client):
    answer = client.post("/v1/entitlements", json=EXAMPLE_ENTITLEMENTS)
    assert "ETag" not in answer.headers
