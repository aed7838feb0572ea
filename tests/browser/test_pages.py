"""The web app in a real browser (headless Chromium): what a person types and sees.

Every test fails on a browser console error (see conftest). Amounts on the pages are checked
against the API's own answers, the impact page's cost against `policy-bd microsim`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import policy_bd
from policy_bd import programs as program_registry

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).parent / "screenshots"

BENGALI = re.compile(r"[\u0980-\u09FF]")
# Text a Bangla page may show untranslated: numbers, dates, units, parameter and variable ids,
# the names of laws and sources, brand names.
NEUTRAL = re.compile(r"^[\s\d০-৯.,:;()%+\-–/·৳|]*$")
REFORM_DATE = "2025-07-01"
PERIOD = "2025-26"


def post(base: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def wait(browser, condition, timeout=30):
    return WebDriverWait(browser, timeout).until(condition)


def member_box(browser, index):
    return browser.find_elements(By.CSS_SELECTOR, "fieldset.member")[index]


def type_member(box, *, name, age, sex, marital, income=None, role=None):
    field = box.find_element(By.NAME, "id")
    field.clear()
    field.send_keys(name)
    if role:
        Select(box.find_element(By.NAME, "role")).select_by_value(role)
    box.find_element(By.NAME, "age").send_keys(str(age))
    Select(box.find_element(By.NAME, "sex")).select_by_value(sex)
    Select(box.find_element(By.NAME, "marital_status")).select_by_value(marital)
    if income is not None:
        box.find_element(By.NAME, "annual_income").send_keys(str(income))


def fill_household(browser, base, lang="en"):
    browser.get(f"{base}/app?lang={lang}")
    date = browser.find_element(By.NAME, "date")
    browser.execute_script("arguments[0].value = '2025-08-15'", date)
    type_member(
        member_box(browser, 0), name="rahim", age=70, sex="male", marital="married", income=8000
    )
    browser.find_element(By.ID, "add-member").click()
    type_member(
        member_box(browser, 1), name="amena", age=60, sex="female", marital="widowed", role="other"
    )
    browser.find_element(By.ID, "add-member").click()
    box = member_box(browser, 2)
    type_member(box, name="karim", age=35, sex="male", marital="married", role="other")
    box.find_element(By.CSS_SELECTOR, "details.more summary").click()  # employment
    box.find_element(By.NAME, "employment.monthly_wage").send_keys("15000")
    box.find_element(By.NAME, "employment.months_of_service").send_keys("60")
    Select(box.find_element(By.NAME, "employment.sector")).select_by_value("rmg_export")
    Select(box.find_element(By.NAME, "employment.employer_type")).select_by_value("private_company")
    box.find_element(By.NAME, "employment.establishment_size").send_keys("800")
    box.find_elements(By.CSS_SELECTOR, "details.more summary")[1].click()  # events
    Select(box.find_element(By.NAME, "job_separation")).select_by_value("retrenchment")
    browser.find_element(By.ID, "calculate").click()
    wait(browser, lambda b: b.find_element(By.ID, "results").is_displayed())


HOUSEHOLD = {
    "date": "2025-08-15",
    "household": {
        "members": [
            {"id": "rahim", "role": "head", "age": 70, "sex": "male", "marital_status": "married",
             "annual_income": 8000, "disability_registered": False, "receives_other_allowance": False},
            {"id": "amena", "role": "other", "age": 60, "sex": "female", "marital_status": "widowed",
             "disability_registered": False, "receives_other_allowance": False},
            {"id": "karim", "role": "other", "age": 35, "sex": "male", "marital_status": "married",
             "disability_registered": False, "receives_other_allowance": False,
             "employment": {"monthly_wage": 15000, "months_of_service": 60, "sector": "rmg_export",
                            "employer_type": "private_company", "establishment_size": 800},
             "job_separation": "retrenchment"},
        ]
    },
}  # fmt: skip


def shown_amounts(browser) -> dict[tuple[str, str], float]:
    return {
        (card.get_attribute("data-member"), card.get_attribute("data-program")): float(
            card.find_element(By.CSS_SELECTOR, ".amount").get_attribute("data-amount")
        )
        for card in browser.find_elements(By.CSS_SELECTOR, "article.program")
    }


def test_calculator_amounts_equal_the_api(browser, live_server):
    fill_household(browser, live_server)
    api = post(live_server, "/v1/entitlements", HOUSEHOLD)
    expected = {
        (member["id"], program["program"]): program["amount"]
        for member in api["members"]
        for program in member["programs"]
        if program["amount"] > 0 or program["eligible"]
    }
    shown = shown_amounts(browser)
    assert shown == pytest.approx(expected)
    assert shown[("rahim", "old_age_allowance")] == 650
    assert shown[("amena", "widow_allowance")] == 650
    assert shown[("karim", "separation")] > 0  # retrenchment compensation, s.20
    total = float(browser.find_element(By.ID, "household-total").get_attribute("data-amount"))
    assert total == pytest.approx(sum(expected.values()))
    meta = browser.find_element(By.ID, "result-meta").text
    assert "0.1" in meta and "2025-08-01" in meta
    # Criteria with their legal references are shown for each program.
    card = browser.find_element(By.CSS_SELECTOR, 'article[data-program="old_age_allowance"]')
    criteria = program_registry.programs()["old_age_allowance"].criteria
    assert len(card.find_elements(By.CSS_SELECTOR, "ul.criteria > li.met")) == len(criteria)

    # The share link reproduces the result in a fresh page.
    link = browser.current_url
    assert "h=" in link
    browser.get(link)
    wait(browser, lambda b: b.find_element(By.ID, "results").is_displayed())
    assert shown_amounts(browser) == pytest.approx(expected)


def test_calculator_shows_the_contract_error_beside_the_field(browser, live_server):
    browser.get(f"{live_server}/app")
    box = member_box(browser, 0)
    box.find_element(By.NAME, "age").send_keys("40")
    browser.execute_script(
        "arguments[0].value = '1985-01-01'", box.find_element(By.NAME, "date_of_birth")
    )
    browser.find_element(By.ID, "calculate").click()
    error = wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "fieldset.member .field-error"))
    assert error.text == "give exactly one of date_of_birth and age"
    # The 422 is the API's answer to bad input, which the page shows: not a page error.
    logs = browser.get_log("browser")
    assert all("422" in entry["message"] for entry in logs), logs


def build_reform(browser, base, value="800"):
    browser.get(f"{base}/app/reform")
    wait(browser, lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    browser.find_element(By.ID, "search").send_keys("old age allowance per beneficiary")
    button = wait(
        browser,
        lambda b: b.find_element(
            By.CSS_SELECTOR,
            '#search-results button[data-parameter="social_assistance.old_age_allowance.amount"]',
        ),
    )
    button.click()
    row = browser.find_element(By.CSS_SELECTOR, "#changes fieldset.change")
    field = row.find_element(By.NAME, "value")
    field.clear()
    field.send_keys(value)
    browser.execute_script(
        f"arguments[0].value = '{REFORM_DATE}'; arguments[0].dispatchEvent(new Event('change', {{bubbles: true}}))",
        row.find_element(By.NAME, "start"),
    )
    browser.find_element(By.ID, "reform-title").send_keys("Old Age Allowance of Tk 800")
    browser.find_element(By.ID, "reform-title").send_keys("\t")
    browser.find_element(By.ID, "check-reform").click()


def test_reform_builder_validator_errors_beside_the_field(browser, live_server):
    build_reform(browser, live_server, value="-5")
    error = wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#changes .field-error"))
    assert error.text == (
        "-5 is below the allowed minimum 0.0 for social_assistance.old_age_allowance.amount "
        "(currency-BDT)"
    )
    assert browser.find_element(By.ID, "download-yaml").get_attribute("disabled")


def test_reform_builder_to_impact_cost_equals_the_cli(browser, live_server, tmp_path):
    build_reform(browser, live_server)
    wait(browser, lambda b: b.find_element(By.ID, "reform-ok").is_displayed())
    reform = browser.execute_script(
        "return window.PBD.decodeState(new URL(location.href).searchParams.get('r'))"
    )
    assert reform["changes"] == [
        {
            "parameter": "social_assistance.old_age_allowance.amount",
            "value": 800,
            "start": REFORM_DATE,
        }
    ]
    # The YAML the page downloads, read back by the CLI.
    yaml_text = post(live_server, "/app/api/reform/check", {"reform": reform})["yaml"]
    reform_file = tmp_path / "reform.yaml"
    reform_file.write_text(yaml_text, encoding="utf-8")
    cli = subprocess.run(
        [str(Path(sys.executable).with_name("policy-bd")), "microsim", "--period", PERIOD,
         "--reform", str(reform_file), "--json", "--quiet"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    expected = {row["program"]: row for row in json.loads(cli.stdout)["programs"]}

    browser.find_element(By.ID, "impact-link").click()
    Select(wait(browser, lambda b: b.find_element(By.ID, "period"))).select_by_value(PERIOD)
    browser.find_element(By.ID, "run").click()
    wait(
        browser,
        lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "done",
        60,
    )
    cells = browser.find_elements(By.CSS_SELECTOR, '[data-table="cost"] tbody tr')
    shown = {}
    for row in cells:
        program = row.find_element(By.CSS_SELECTOR, '[data-column="program"]').get_attribute(
            "data-value"
        )
        cost = row.find_element(By.CSS_SELECTOR, '[data-column="cost_crore_reform"]')
        shown[program] = float(cost.get_attribute("data-value"))
    assert shown["old_age_allowance"] > 0
    for program, cost in shown.items():
        assert cost == pytest.approx(expected[program]["cost_crore_reform"], rel=1e-9)
    total = float(browser.find_element(By.ID, "total-reform").get_attribute("data-value"))
    assert total == pytest.approx(sum(row["cost_crore_reform"] for row in expected.values()))
    # Every figure says SYNTHETIC.
    figures = browser.find_elements(By.CSS_SELECTOR, "section.figure")
    assert figures and all("SYNTHETIC" in f.find_element(By.TAG_NAME, "h2").text for f in figures)

    # The same reform for the household of the calculator, line by line.
    fill_household(browser, live_server)
    household = browser.execute_script("return new URL(location.href).searchParams.get('h')")
    from urllib.parse import urlencode

    r = browser.execute_script("return window.PBD.encodeState(arguments[0])", reform)
    browser.get(f"{live_server}/app/compare?{urlencode({'h': household, 'r': r})}")
    row = wait(
        browser, lambda b: b.find_element(By.CSS_SELECTOR, 'tr[data-variable="old_age_allowance"]')
    )
    cells = row.find_elements(By.CSS_SELECTOR, "td.num")
    assert [cells[0].get_attribute("data-value"), cells[1].get_attribute("data-value")] == [
        "650",
        "800",
    ]


def test_reform_file_upload_and_line_errors(browser, live_server, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(
        "title: Widow allowance of Tk 700\ndescription: ''\nchanges:\n"
        "  - parameter: social_assistance.widow_allowance.amount\n    value: 700\n"
        "    start: 2026-07-01\n",
        encoding="utf-8",
    )
    browser.get(f"{live_server}/app/reform")
    wait(browser, lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    browser.find_element(By.ID, "upload").send_keys(str(good))
    wait(browser, lambda b: b.find_element(By.ID, "reform-ok").is_displayed())
    row = browser.find_element(By.CSS_SELECTOR, "#changes fieldset.change")
    assert row.get_attribute("data-parameter") == "social_assistance.widow_allowance.amount"
    assert row.find_element(By.NAME, "value").get_attribute("value") == "700"

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: x\ndescription: ''\nchanges:\n  - parameter: social_assistance.widow_allowance.amont\n"
        "    value: 700\n    start: 2026-07-01\n",
        encoding="utf-8",
    )
    browser.find_element(By.ID, "upload").send_keys(str(bad))
    note = wait(
        browser,
        lambda b: (
            b.find_element(By.ID, "upload-error")
            if b.find_element(By.ID, "upload-error").is_displayed()
            else None
        ),
    )
    assert "line 4" in note.text and "amount" in note.text


def untranslated(browser) -> list[str]:
    selectors = (
        "h1, h2, h3, legend, label, summary, button, th, td, option, nav a, .program-label, "
        ".criterion-label, .badge, .status, .total, p.intro, p.meta"
    )
    found = []
    for element in browser.find_elements(By.CSS_SELECTOR, selectors):
        text = element.get_attribute("textContent").strip()
        if "ident" in (element.get_attribute("class") or "").split():
            continue  # a registered reform's name: an identifier, marked translate="no"
        if element.get_attribute("lang") == "en":
            continue  # content written in English and marked so (a drafter's reform title)
        own = re.sub(r"[a-z_]+(\.[a-z_0-9]+)+", "", text)  # parameter ids are not labels
        own = re.sub(r"\b(YAML|CSV|SYNTHETIC|English|Tk|BMET|NGO|HIES|pp|Gini)\b", "", own)
        if own.strip() and not BENGALI.search(own) and not NEUTRAL.match(own):
            found.append(text)
    return found


def test_bangla_pages_have_no_untranslated_label(browser, live_server):
    fill_household(browser, live_server, lang="bn")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "bn"
    assert untranslated(browser) == []
    total = browser.find_element(By.ID, "household-total").text
    assert re.search("[০-৯]", total) and not re.search("[0-9]", total)
    # The switch keeps the household: the same result in English.
    amounts = shown_amounts(browser)
    browser.find_element(By.ID, "lang-switch").click()
    wait(browser, lambda b: b.find_element(By.ID, "results").is_displayed())
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert shown_amounts(browser) == amounts
    for path in ("/app/reform?lang=bn", "/app/programs?lang=bn", "/app/programs/widow_allowance?lang=bn",
                 f"/app/impact?lang=bn&period={PERIOD}&reform=universal_old_age_allowance", "/app/parameters/social_assistance.widow_allowance.amount?lang=bn"):  # fmt: skip
        browser.get(live_server + path)
        if "period=" in path:
            wait(
                browser,
                lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "done",
                60,
            )
        assert untranslated(browser) == [], path
    # The reform builder finds a parameter by its Bangla label.
    browser.get(live_server + "/app/reform?lang=bn")
    wait(browser, lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    browser.find_element(By.ID, "search").send_keys("মাসিক ভাতার হার")
    found = [
        b.get_attribute("data-parameter")
        for b in browser.find_elements(By.CSS_SELECTOR, "#search-results button")
    ]
    assert "social_assistance.old_age_allowance.amount" in found
    browser.get(live_server + "/app/parameters/social_assistance.widow_allowance.amount?lang=bn")
    # The switch goes back to English with the same page.
    browser.find_element(By.ID, "lang-switch").click()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "/app/parameters/social_assistance.widow_allowance.amount" in browser.current_url


def axe_violations(browser) -> list[dict]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));"
    )
    assert isinstance(result, list), result
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result
        if v["impact"] in {"serious", "critical"}
    ]


def test_accessibility_of_every_page(browser, live_server):
    pages = {}
    fill_household(browser, live_server)
    pages["calculator"] = axe_violations(browser)
    for name, path in {
        "calculator-bn": "/app?lang=bn",
        "reform": "/app/reform",
        "programs": "/app/programs",
        "program": "/app/programs/old_age_allowance",
        "parameters": "/app/parameters",
        "parameter": "/app/parameters/social_assistance.old_age_allowance.amount",
        "compare": "/app/compare",
    }.items():
        browser.get(live_server + path)
        pages[name] = axe_violations(browser)
    browser.get(f"{live_server}/app/impact?period={PERIOD}&reform=universal_old_age_allowance")
    wait(
        browser,
        lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "done",
        60,
    )
    pages["impact"] = axe_violations(browser)
    assert {name: found for name, found in pages.items() if found} == {}


def test_small_phone_has_no_horizontal_scroll(browser, live_server):
    browser.set_window_size(375, 800)
    try:
        for path in ("/app", "/app/reform", "/app/impact", "/app/programs/old_age_allowance"):
            browser.get(live_server + path)
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, (path, overflow)
    finally:
        browser.set_window_size(1280, 1000)


def test_root_negotiates_and_pages_forbid_inline_script(browser, live_server):
    # An API client asking for JSON keeps OpenFisca's welcome (a 300 with JSON).
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(
            urllib.request.Request(live_server + "/", headers={"Accept": "application/json"})
        )
    assert answer.value.code == 300
    assert "welcome" in json.loads(answer.value.read())
    request = urllib.request.Request(live_server + "/", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request) as answer:
        html = answer.read().decode()
        csp = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
    assert "<h1>" in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="' in s or 'type="application/json"' in s for s in scripts)
    assert not re.search(r"\son[a-z]+=", html)
    # Input is escaped: a member named like markup is shown as text.
    browser.get(f"{live_server}/app")
    name = member_box(browser, 0).find_element(By.NAME, "id")
    name.clear()
    name.send_keys("<img src=x onerror=alert(1)>")
    member_box(browser, 0).find_element(By.NAME, "age").send_keys("70")
    browser.find_element(By.ID, "calculate").click()
    heading = wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, ".member-result h3"))
    assert "<img" in heading.text
    assert not browser.find_elements(By.CSS_SELECTOR, "#member-results img")


def projection_done(browser):
    wait(
        browser,
        lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "done",
        90,
    )


def test_projection_page_shows_the_apis_financing_answers(browser, live_server):
    expected = post(live_server, "/v1/projection", {"scenario": "nsis_default"})["branches"]
    browser.get(live_server + "/app/projection")
    assert (
        Select(browser.find_element(By.ID, "scenario")).first_selected_option.get_attribute("value")
        == "nsis_default"
    )
    browser.find_element(By.ID, "run").click()
    projection_done(browser)
    assert "scenario=nsis_default" in browser.current_url
    meta = browser.find_element(By.ID, "projection-meta").text
    assert f"package version {policy_bd.__version__}" in meta and "nsis_default" in meta
    row = browser.find_element(
        By.CSS_SELECTOR, '[data-table="answers"] tr[data-branch="maternity"]'
    )
    for period, premium in expected["maternity"]["general_average_premium"].items():
        cell = row.find_element(By.CSS_SELECTOR, f'[data-column="gap_{period}"]')
        assert float(cell.get_attribute("data-value")) == pytest.approx(premium, rel=1e-12)
        assert cell.text == f"{premium * 100:.3f}%"
    for branch, answer in expected.items():
        shown = browser.find_element(By.CSS_SELECTOR, f"#branch-{branch} .runs-out")
        year = answer["exhaustion_year"]
        assert shown.get_attribute("data-value") == ("" if year is None else str(year))
        assert shown.text == ("never" if year is None else f"{year}-{(year + 1) % 100:02d}")
        years = browser.find_elements(By.CSS_SELECTOR, f'[data-table="years-{branch}"] tbody tr')
        assert len(years) == len(answer["years"]) == 36
    reserve = browser.find_element(
        By.CSS_SELECTOR, '[data-table="years-sickness"] tbody tr:last-child [data-column="reserve"]'
    )
    assert float(reserve.get_attribute("data-value")) == pytest.approx(
        expected["sickness"]["years"][-1]["reserve"]
    )
    # The yearly table is one click away; two charts per branch.
    details = browser.find_element(By.CSS_SELECTOR, "#branch-maternity details.table")
    details.find_element(By.TAG_NAME, "summary").click()
    assert details.find_element(By.TAG_NAME, "table").is_displayed()
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.branch canvas")) == 2 * len(expected)
    assert axe_violations(browser) == []
    browser.execute_script("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "projection.png"))

    # A shared link with another horizon reproduces the run, in Bangla.
    browser.get(live_server + "/app/projection?lang=bn&scenario=nsis_adverse&horizon=2045")
    projection_done(browser)
    assert browser.find_element(By.ID, "horizon").get_attribute("value") == "2045"
    rows = browser.find_elements(By.CSS_SELECTOR, '[data-table="years-maternity"] tbody tr')
    assert len(rows) == 2045 - 2025 + 1
    assert untranslated(browser) == []
    bangla_version = policy_bd.__version__.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    assert bangla_version in browser.find_element(By.ID, "projection-meta").text
    # On a phone the results scroll only vertically (the tables scroll in their own box).
    browser.set_window_size(375, 800)
    try:
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, overflow
    finally:
        browser.set_window_size(1280, 1000)
