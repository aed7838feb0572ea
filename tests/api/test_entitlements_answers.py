"""Entitlements answers for a phone: summary and full detail, the criteria catalogue the
summary's codes refer to, household totals, Bangla throughout, sizes, compression and cache
validators."""

from __future__ import annotations

import copy
import dataclasses
import gzip
import re

import pytest
from policy_bd.web_api.schemas import (
    EXAMPLE_ENTITLEMENTS,
    CriteriaCatalogueSchema,
    EntitlementsResponseSchema,
    EntitlementsSummarySchema,
)

from policy_bd import engine
from policy_bd import programs as program_registry
from policy_bd.explain import determine
from policy_bd.explain_answer import catalogue, criterion_code, summary

OAA = "old_age_allowance"
LATIN = re.compile(r"[A-Za-z]")
URL = re.compile(r"https?://\S+")
# Codes and identifiers: snake_case or dotted names (program, criterion, parameter, variable),
# and a request field with its value (`detail=full`).
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:[._=][a-z0-9]+)+\b")
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
    "variable",
    "id",
    "language",
    "detail",
    "package",
    "reform",
    "reference",
}


def alone(body: dict) -> dict:
    """The request for its household's first member only (Rahim in the example)."""
    body = copy.deepcopy(body)
    body["household"]["members"] = body["household"]["members"][:1]
    return body


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


ASKED = {
    "summary": {"detail": "summary"},
    "summary with sentences": {"detail": "summary", "sentences": True},
    "full": {"detail": "full"},
}


@pytest.mark.parametrize("asked", list(ASKED))
@pytest.mark.parametrize("date", ["2025-08-15", "2025-11-20", "2026-08-15", "2019-07-01"])
def test_a_bangla_answer_has_no_latin_letters_outside_codes(client, asked, date):
    body = {**household_of_five(), "language": "bn", **ASKED[asked], "date": date}
    answer = client.post("/v1/entitlements", json=body)
    assert answer.status_code == 200
    found = latin_outside_codes(answer.get_json())
    assert not found, f"{len(found)} texts with Latin letters, e.g. {found[:3]}"


def test_a_bangla_summary_words_its_warnings_and_programs_not_in_force_in_bangla(client):
    body = {**household_of_five(), "language": "bn", "detail": "summary", "date": "2026-08-15"}
    answer = client.post("/v1/entitlements", json=body).get_json()
    # Both reasons on this date, each one sentence: the texts the check above reads.
    assert {item["reason"] for item in answer["warnings"]} == {"past_check", "no_budget_source"}
    assert all("তালিকা detail=full" in item["message"] for item in answer["warnings"])
    assert answer["not_in_force"]["sentence"].startswith("২০২৬-০৮-০১ তারিখে কার্যকর নয়")


def test_the_bangla_catalogue_has_no_latin_letters_outside_codes(client):
    answer = client.get("/v1/criteria?language=bn")
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
    rahim, amena = answer["members"]
    assert rahim["programs"][OAA] == {
        "eligible": True,
        "amount": law.amount,
        "payment_schedule": "quarterly",
    }
    # Eligible, but one member per household is paid: the oldest, Rahim.
    assert amena["programs"][OAA] == {
        "eligible": True,
        "amount": 0.0,
        "payment_schedule": "quarterly",
    }
    # Not eligible: the failed codes, relative to the program; shared criteria by full name.
    assert rahim["programs"]["widow_allowance"] == {
        "failed": ["is_woman", "meets_marital_status_test", "no_preferred_dss_allowance"]
    }
    assert rahim["programs"]["death_benefit"]["failed"] == [
        "dies",
        "labour_act__is_employee",
        "meets_service_test",
    ]
    # Every sentence is in the catalogue the client keeps: none in the answer.
    assert answer["sentences"] == {}
    catalogue = client.get("/v1/criteria").get_json()["programs"]
    for member in answer["members"]:
        assert set(member["programs"]) | set(answer["not_in_force"]["programs"]) == set(registry)
        for name, item in member["programs"].items():
            for code in item.get("failed", []):
                assert catalogue[name]["criteria"][code]["variable"] in registry[name].criteria
    # One Old Age Allowance per household: Rahim's.
    assert answer["household"]["programs"][OAA] == {"amount": law.amount, "amount_period": "month"}
    assert answer["household"]["overall"]["month"] >= law.amount


def test_the_programs_not_in_force_are_listed_once_with_one_sentence(client):
    body = {**household_of_five(), "detail": "summary"}
    answer = client.post("/v1/entitlements", json=body).get_json()
    full = client.post("/v1/entitlements", json={**body, "detail": "full"}).get_json()
    not_in_force = [
        item["program"] for item in full["members"][0]["programs"] if not item["in_force"]
    ]
    assert "nsis_unemployment" in not_in_force  # a proposal no reform switches on
    assert answer["not_in_force"] == {
        "programs": not_in_force,
        "sentence": "Not in force on 2025-08-01 (not yet law, or a proposal no reform switches "
        "on); detail=full says why.",
    }
    for member in answer["members"]:
        assert not set(member["programs"]) & set(not_in_force)


def test_a_program_in_force_for_some_members_only_is_marked_for_the_others(system):
    simulation = engine.simulate(
        system,
        engine.read_columns(
            system, "2025-08", {"household_id": [1, 1], "age": [70, 30], "sex": ["male"] * 2}
        ),
    )
    members = determine(simulation, "2025-08", program_names=[OAA, "nsis_unemployment"])
    off = dataclasses.replace(members[1].programs[0], in_force=False, eligible=False, reasons=())
    members[1].programs[0] = off
    answer = summary(members, "en", legislation_date="2025-08-01", known=catalogue(system, "en"))
    assert answer["not_in_force"]["programs"] == ["nsis_unemployment"]
    assert answer["members"][1]["programs"] == {OAA: {"in_force": False}}
    assert answer["members"][0]["programs"][OAA]["eligible"] is True


def test_a_criterion_the_baseline_catalogue_lacks_has_its_sentence_in_the_answer(
    system, fake_system, fake_registry
):
    """A reform's own criterion (here the test grant's, absent from the baseline) is not in
    the catalogue clients keep: its sentence comes with the answer, the others do not."""
    simulation = engine.simulate(
        fake_system,
        engine.read_columns(
            fake_system, "2024-07", {"household_id": [1], "age": [12], "sex": ["male"]}
        ),
    )
    members = determine(simulation, "2024-07", program_names=["test_grant", OAA], evidence=False)
    answer = summary(members, "en", legislation_date="2024-07-01", known=catalogue(system, "en"))
    assert answer["members"][0]["programs"]["test_grant"] == {
        "failed": ["is_adult", "lives_in_town", "registered"]
    }
    assert answer["members"][0]["programs"][OAA]["failed"]
    assert answer["sentences"] == {
        "test_grant": {
            "is_adult": "Not met: Is an adult.",
            "lives_in_town": "Not met: The household lives in a town.",
            "registered": "Not met: Is registered as disabled.",
        }
    }


def test_with_sentences_the_summary_gives_the_catalogues_sentence_of_each_failed_criterion(
    client,
):
    for language in ("en", "bn"):
        body = {**household_of_five(), "detail": "summary", "language": language}
        answer = client.post("/v1/entitlements", json={**body, "sentences": True}).get_json()
        EntitlementsSummarySchema().load(answer)
        catalogue = client.get(f"/v1/criteria?language={language}").get_json()["programs"]
        failed = {
            (name, code)
            for member in answer["members"]
            for name, item in member["programs"].items()
            for code in item.get("failed", [])
        }
        inlined = {(name, code) for name, codes in answer["sentences"].items() for code in codes}
        assert inlined == failed
        for name, code in failed:
            assert answer["sentences"][name][code] == catalogue[name]["criteria"][code]["sentence"]
        assert answer["sentences"]["widow_allowance"]["is_woman"] == (
            "Not met: Is a woman (the allowance is for widowed and husband-deserted women)."
            if language == "en"
            else catalogue["widow_allowance"]["criteria"]["is_woman"]["sentence"]
        )


def test_sentences_are_asked_with_a_summary_only(client):
    answer = client.post("/v1/entitlements", json={**EXAMPLE_ENTITLEMENTS, "sentences": True})
    assert answer.status_code == 422
    assert answer.get_json()["problems"] == [
        {"field": "sentences", "message": "only with detail: summary"}
    ]
    wrong = {**EXAMPLE_ENTITLEMENTS, "detail": "summary", "sentences": "yes"}
    assert client.post("/v1/entitlements", json=wrong).status_code == 422


def test_the_catalogue_gives_each_programs_criteria_by_code(client, system):
    answer = client.get("/v1/criteria").get_json()
    CriteriaCatalogueSchema().load(answer)
    registry = program_registry.programs()
    assert list(answer["programs"]) == list(registry)
    for name, entry in registry.items():
        listed = answer["programs"][name]
        assert listed["label"] == entry.label
        assert [item["variable"] for item in listed["criteria"].values()] == list(entry.criteria)
        for code, item in listed["criteria"].items():
            assert code == criterion_code(name, item["variable"])
            assert item["label"] == system.variables[item["variable"]].label
            assert item["sentence"] == f"Not met: {item['label'].rstrip('.')}."
    assert answer["programs"]["widow_allowance"]["criteria"]["is_woman"]["variable"] == (
        "widow_allowance__is_woman"
    )
    shared = answer["programs"]["maternity"]["criteria"]["labour_act__is_employee"]
    assert shared["variable"] == "labour_act__is_employee"
    bangla = client.get("/v1/criteria?language=bn").get_json()
    assert bangla["programs"]["widow_allowance"]["label"] == registry["widow_allowance"].label_bn
    assert bangla["programs"]["widow_allowance"]["criteria"]["is_woman"]["sentence"].startswith(
        "শর্ত পূরণ হয়নি: "
    )


def test_an_unknown_catalogue_language_is_422_naming_the_field(client):
    answer = client.get("/v1/criteria?language=fr")
    assert answer.status_code == 422
    assert [item["field"] for item in answer.get_json()["problems"]] == ["language"]


@pytest.mark.parametrize("language", ["en", "bn"])
# The example's date, and one with both kinds of warnings (a fiscal year without a budget).
@pytest.mark.parametrize("date", ["2025-08-15", "2026-08-15"])
def test_a_summary_is_at_most_4_kb_for_one_person_and_12_kb_for_five(client, language, date):
    for body, limit in ((alone(EXAMPLE_ENTITLEMENTS), 4_096), (household_of_five(), 12_288)):
        request = {**body, "language": language, "detail": "summary", "date": date}
        answer = client.post("/v1/entitlements", json=request)
        assert len(answer.data) <= limit, (len(body["household"]["members"]), len(answer.data))


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


@pytest.mark.parametrize(
    "path", ["/v1/version", "/v1/criteria", "/v1/criteria?language=bn", "/v1/spec", "/variables"]
)
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
