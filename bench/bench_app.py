"""`python -m bench app`: the web app's timings, beside stock OpenFisca serve in one run.

Both servers run on free loopback ports with one worker each. Figures (medians):
- first page load: the calculator page and every file it loads, over HTTP, and in headless
  Chromium from navigation start to the load event (target <= 1 s); stock serves no page, only
  its JSON welcome at `/`;
- calculator answer: POST /v1/entitlements for a three-member household (every program, with
  reasons), and in Chromium from the click to the results shown (target <= 300 ms), beside stock
  POST /calculate of the same household's program amounts and eligibilities;
- impact page: POST /v1/microsimulation (detail "full") on the bundled SYNTHETIC sample with a
  new reform each time (so nothing is cached), then the same reform again (target <= 3 s);
  stock OpenFisca has no microsimulation.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from openfisca_core import periods
from policy_bd.adapters.columnar import variable_period
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from bench.bench_api import start_servers
from policy_bd.adapters.applicant import to_situation
from policy_bd.explain import program_variables
from policy_bd.system import baseline_system

DATE = "2025-08-15"
HOUSEHOLD = {
    "members": [
        {"id": "rahim", "role": "head", "age": 70, "sex": "male", "marital_status": "married",
         "annual_income": 8000},
        {"id": "amena", "role": "other", "age": 60, "sex": "female", "marital_status": "widowed"},
        {"id": "karim", "role": "other", "age": 35, "sex": "male", "marital_status": "married",
         "employment": {"monthly_wage": 15000, "months_of_service": 60, "sector": "rmg_export",
                        "employer_type": "private_company", "establishment_size": 800},
         "job_separation": "retrenchment"},
    ]
}  # fmt: skip
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def timed(url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[float, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers or {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            data = answer.read()
    except urllib.error.HTTPError as error:  # stock answers / with a 300
        data = error.read()
    return time.perf_counter() - start, data


def median_ms(run, repeats: int) -> float:
    return statistics.median(run() for _ in range(repeats)) * 1000


def page_with_assets(base: str) -> float:
    start = time.perf_counter()
    _, html = timed(base + "/", headers={"Accept": "text/html"})
    for path in re.findall(r'(?:src|href)="(/app/static/[^"]+)"', html.decode()):
        timed(base + path)
    return time.perf_counter() - start


def stock_situation() -> dict:
    """The household as an OpenFisca situation asking for each program's amount and eligibility."""
    system = baseline_system()
    situation = to_situation(system, HOUSEHOLD, DATE[:7])
    month = periods.period(DATE[:7])
    for name in program_variables():
        variable = system.variables[name]
        at = str(variable_period(variable, month))
        owners = (
            situation["persons"].values()
            if variable.entity.key == "person"
            else [situation["households"]["household"]]
        )
        for owner in owners:
            owner.setdefault(name, {})[at] = None
    return situation


def browser_figures(base: str, repeats: int) -> dict:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        return {}
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="policy-bd-bench-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        loads, answers = [], []
        for _ in range(repeats):
            driver.get("about:blank")
            driver.delete_all_cookies()
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            driver.get(base + "/")
            loads.append(
                driver.execute_script(
                    "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;"
                )
            )
        # The same household as the HTTP figure, as a share link carries it.
        state = json.dumps({"date": DATE, "household": HOUSEHOLD}).encode()
        link = base64.urlsafe_b64encode(state).decode().rstrip("=")
        driver.get(f"{base}/app?h={link}")
        WebDriverWait(driver, 30).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#member-results .member-result")
        )
        for _ in range(repeats):
            answers.append(
                driver.execute_async_script(
                    """const done = arguments[arguments.length - 1];
                    const results = document.getElementById('results');
                    document.getElementById('member-results').replaceChildren();
                    const start = performance.now();
                    const observer = new MutationObserver(() => {
                      if (document.querySelector('#member-results .member-result')) {
                        observer.disconnect(); done(performance.now() - start);
                      }
                    });
                    observer.observe(results, {subtree: true, childList: true});
                    document.getElementById('calculate').click();"""
                )
            )
        return {"load": statistics.median(loads), "answer": statistics.median(answers)}
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str]) -> None:
    repeats = 15
    stock, ours = start_servers(workers=1)
    try:
        json_headers = {"Content-Type": "application/json"}
        body = json.dumps({"date": DATE, "household": HOUSEHOLD}).encode()
        situation = json.dumps(stock_situation()).encode()
        for url, payload in (
            (ours.url + "/v1/entitlements", body),
            (stock.url + "/calculate", situation),
        ):
            timed(url, payload, json_headers)  # warm up: the first answer builds caches
        page_with_assets(ours.url)
        rows = [
            ("first page load, HTTP: / and its files", median_ms(lambda: page_with_assets(ours.url), repeats),
             median_ms(lambda: timed(stock.url + "/")[0], repeats), "stock: JSON welcome only"),
            ("calculator answer: POST /v1/entitlements",
             median_ms(lambda: timed(ours.url + "/v1/entitlements", body, json_headers)[0], repeats),
             median_ms(lambda: timed(stock.url + "/calculate", situation, json_headers)[0], repeats),
             "stock: POST /calculate, amounts and eligibility, no reasons"),
        ]  # fmt: skip
        browser = browser_figures(ours.url, 5)
        if browser:
            rows.insert(
                1, ("first page load, Chromium: to the load event", browser["load"], None, "")
            )
            rows.insert(
                3, ("calculator answer, Chromium: click to results", browser["answer"], None, "")
            )
        cold = []
        for step in range(3):
            reform = {"title": f"bench {step}", "description": "",
                      "changes": [{"parameter": "social_assistance.old_age_allowance.amount",
                                   "value": 800 + step + time.time_ns() % 1000, "start": "2025-07-01"}]}  # fmt: skip
            payload = json.dumps({"period": "2025-26", "reform": reform, "detail": "full"}).encode()
            cold.append(timed(ours.url + "/v1/microsimulation", payload, json_headers)[0])
        warm = median_ms(
            lambda: timed(ours.url + "/v1/microsimulation", payload, json_headers)[0], 5
        )
        rows.append(("impact: POST /v1/microsimulation, new reform", statistics.median(cold) * 1000, None,
                     "SYNTHETIC sample, 14,400 households; stock has none"))  # fmt: skip
        rows.append(("impact: the same reform again (cached)", warm, None, ""))
    finally:
        stock.stop()
        ours.stop()
    print(f"{'measure (median)':<48} {'ours ms':>9} {'stock ms':>9}  note")
    for label, mine, theirs, note in rows:
        theirs_text = f"{theirs:9.1f}" if theirs is not None else f"{'-':>9}"
        print(f"{label:<48} {mine:9.1f} {theirs_text}  {note}")
    print("targets: first page load <= 1000 ms, calculator answer <= 300 ms, impact <= 3000 ms")
