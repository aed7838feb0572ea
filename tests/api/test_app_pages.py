"""The web app's pages and helpers over HTTP (the browser suite drives them in Chromium)."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml
from policy_bd.web_api.app import create_app
from policy_bd.web_api.pages import i18n

from policy_bd.explain import BANGLA_DIGITS
from policy_bd.reform_spec import parse_yaml
from policy_bd.system import baseline_system

OAA = "social_assistance.old_age_allowance.amount"
REFORM = {
    "title": "Old Age Allowance of Tk 800",
    "description": "",
    "changes": [{"parameter": OAA, "value": 800, "start": "2025-07-01"}],
}


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def test_root_answers_html_to_browsers_and_json_to_api_clients(client):
    browser = client.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 200 and browser.mimetype == "text/html"
    assert 'id="calculator"' in browser.get_data(as_text=True)
    assert "Accept" in browser.headers["Vary"]
    for accept in ("application/json", "*/*", None):
        api = client.get("/", headers={"Accept": accept} if accept else {})
        assert api.status_code == 300 and "welcome" in api.get_json()


@pytest.mark.parametrize(
    "path",
    ["/app", "/app/reform", "/app/impact", "/app/compare", "/app/programs",
     "/app/programs/old_age_allowance", "/app/parameters", f"/app/parameters/{OAA}",
     "/app?lang=bn", f"/app/parameters/{OAA}?lang=bn", "/app/projection",
     "/app/projection?lang=bn&scenario=nsis_adverse&horizon=2040"],
)  # fmt: skip
def test_pages_have_security_headers_and_no_inline_script(client, path):
    answer = client.get(path)
    assert answer.status_code == 200
    csp = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert answer.headers["X-Frame-Options"] == "DENY"
    html = answer.get_data(as_text=True)
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert 'src="' in attributes or 'type="application/json"' in attributes
    assert not re.search(r"\son[a-z]+=", html)


def test_calculator_options_are_the_models_enumerations():
    for field, enum in i18n.ENUMS.items():
        assert set(i18n.OPTIONS[field]) == {item.name for item in enum}, field
    assert set(i18n.OPTIONS) == set(i18n.ENUMS)
    english, bangla = i18n.words("en"), i18n.words("bn")
    assert english.keys() == bangla.keys() and all(bangla.values())


def test_unknown_program_or_parameter_is_404(client):
    assert client.get("/app/programs/nothing").status_code == 404
    assert client.get("/app/parameters/social_assistance.nothing").status_code == 404


def test_parameter_page_shows_the_value_in_force_today(client):
    html = client.get(f"/app/parameters/{OAA}").get_data(as_text=True)
    leaf = baseline_system().parameters.social_assistance.old_age_allowance.amount
    today = leaf(datetime.date.today().isoformat())
    assert f'id="value-today">Tk {today:,}<' in html
    bangla = client.get(f"/app/parameters/{OAA}?lang=bn").get_data(as_text=True)
    assert f'id="value-today">{str(today).translate(BANGLA_DIGITS)} টাকা<' in bangla


def test_reform_check_gives_the_validators_words_or_the_yaml_file(client):
    bad = {**REFORM, "changes": [{**REFORM["changes"][0], "value": -5}]}
    answer = client.post("/app/api/reform/check", json={"reform": bad}).get_json()
    assert answer == {
        "valid": False,
        "problems": [
            {
                "field": "reform.changes[0].value",
                "message": f"-5 is below the allowed minimum 0.0 for {OAA} (currency-BDT)",
            }
        ],
    }
    good = client.post("/app/api/reform/check", json={"reform": REFORM}).get_json()
    assert good["valid"] and good["reform"]["digest"]
    # The downloaded file is what `policy-bd compare --reform` reads back.
    spec = parse_yaml(good["yaml"], baseline_system().parameters)
    assert spec.as_dict() == REFORM
    assert yaml.safe_load(good["yaml"])["changes"][0]["value"] == 800


def test_reform_check_refuses_a_body_without_reform(client):
    answer = client.post("/app/api/reform/check", json={"changes": []})
    assert answer.status_code == 422
    assert answer.get_json()["problems"][0]["field"] == "body"


def test_reform_file_upload_names_the_line(client):
    text = (
        "title: x\ndescription: ''\nchanges:\n  - parameter: social_assistance.old_age_allowance.amont\n"
        "    value: 700\n    start: 2026-07-01\n"
    )
    answer = client.post("/app/api/reform/parse", data=text.encode()).get_json()
    assert answer["valid"] is False
    assert answer["problems"][0]["line"] == 4
    assert "amount" in answer["problems"][0]["message"]  # the validator's suggestion
    assert client.post("/app/api/reform/parse", data=b"x" * 300_000).status_code == 413


def test_parameter_index_for_the_search(client):
    index = client.get("/app/api/parameters").get_json()["parameters"]
    leaf = next(item for item in index if item["id"] == OAA)
    assert leaf["label_bn"] and leaf["unit"] == "currency-BDT"
    assert [item["start"] for item in leaf["history"]] == sorted(
        item["start"] for item in leaf["history"]
    )
    hrefs = [ref["href"] for item in leaf["history"] for ref in item["references"]]
    assert all(href is None or href.startswith("http") for href in hrefs)
    # A source whose page address could not be found is shown as its title, without a link.
    linked = [any(ref["href"] for ref in item["references"]) for item in leaf["history"]]
    assert sum(linked) >= 0.8 * len(linked)


def test_events_and_migration_reach_the_model(client):
    body = {
        "date": "2025-08-15",
        "household": {
            "members": [
                {"id": "karim", "role": "head", "age": 35, "sex": "male",
                 "employment": {"monthly_wage": 15000, "months_of_service": 60,
                                "sector": "rmg_export", "employer_type": "private_company",
                                "establishment_size": 800},
                 "job_separation": "retrenchment"},
                {"id": "salma", "role": "spouse", "age": 30, "sex": "female",
                 "gives_birth": True, "living_children_before_birth": 0,
                 "migrant_status": "returned", "date_of_return": "2025-07-01",
                 "months_abroad": 36, "reason_for_return": "job_loss"},
            ]
        },
    }  # fmt: skip
    answer = client.post("/v1/entitlements", json=body)
    assert answer.status_code == 200, answer.get_json()
    karim = {p["program"]: p for p in answer.get_json()["members"][0]["programs"]}
    assert karim["separation"]["amount"] > 0
    bad = client.post(
        "/v1/entitlements",
        json={**body, "household": {"members": [{"id": "a", "role": "head", "age": 3,
              "sex": "male", "job_separation": "quit"}]}},
    )  # fmt: skip
    assert bad.status_code == 422
    assert bad.get_json()["problems"][0]["field"] == "household.members[0].job_separation"


def test_microsimulation_full_detail_has_every_table(client):
    answer = client.post("/v1/microsimulation", json={"period": "2025-26", "detail": "full"})
    tables = answer.get_json()
    assert {"regions", "targeting", "coverage"} <= set(tables)
    assert {row["group"] for row in tables["poverty"]} == {"all", "children", "elderly"}
    summary = client.post("/v1/microsimulation", json={"period": "2025-26"}).get_json()
    assert summary["programs"] == tables["programs"]
    bad = client.post("/v1/microsimulation", json={"detail": "everything"})
    assert bad.status_code == 422 and bad.get_json()["problems"][0]["field"] == "detail"


def test_projection_page_offers_the_bundled_scenarios(client):
    from policy_bd.projection.scenario import bundled_names

    html = client.get("/app/projection").get_data(as_text=True)
    assert 'href="/app/projection?lang=en" aria-current="page"' in html
    for name in bundled_names():
        assert f'<option value="{name}"' in html
    assert '<option value="nsis_default" class="ident" translate="no" selected>' in html
    data = re.search(r'<script type="application/json" id="scenarios">(.*?)</script>', html, re.S)
    import json

    scenarios = json.loads(data.group(1))
    assert scenarios["nsis_default"]["horizon"] == 2060
    assert scenarios["nsis_default"]["reform"] == "nsis"
    bangla = client.get("/app/projection?lang=bn").get_data(as_text=True)
    assert "এনএসআইএস অর্থায়ন" in bangla and "কখনো নয়" in bangla
