"""A live server and a headless Chromium for the browser tests.

The server is the real application (`create_app`) on a free loopback port in a thread; the
browser is Debian's chromium driven by Debian's chromedriver (nothing downloads a browser).
A failing test leaves a screenshot of its page in tests/browser/screenshots/.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = Path(__file__).parent / "screenshots"
AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    if not any(here in Path(str(item.path)).parents for item in items):
        return
    missing = [path for path in (CHROMIUM, CHROMEDRIVER, str(AXE)) if not Path(path).exists()]
    if missing:
        # `make test` installs them (target browser-deps); a bare pytest run must not pass
        # silently without a browser.
        raise pytest.UsageError(
            f"browser tests need {', '.join(missing)}: run `make browser-deps assets`"
        )


@pytest.fixture(scope="session")
def live_server():
    from policy_bd.web_api.app import create_app

    app = create_app()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="session")
def browser_session():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="policy-bd-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "browser" in item.funcargs:
        SCREENSHOTS.mkdir(exist_ok=True)
        item.funcargs["browser"].save_screenshot(str(SCREENSHOTS / f"{item.name}.png"))


@pytest.fixture
def browser(browser_session):
    """The shared browser, its console emptied before the test and checked after it."""
    browser_session.get_log("browser")
    yield browser_session
    errors = [
        entry
        for entry in browser_session.get_log("browser")
        if entry["level"] in {"SEVERE", "ERROR"}
    ]
    assert not errors, f"browser console errors: {errors}"
