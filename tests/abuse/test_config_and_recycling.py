"""Configuration errors are one line before anything loads; workers are recycled by request count
and by memory, and a recycled worker costs no request."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import requests
from conftest import CONFIG, ROOT, LiveServer


def run(command: list[str], **environment) -> tuple[int, str, float]:
    env = {**os.environ, **environment}
    started = time.perf_counter()
    done = subprocess.run(
        command, check=False, env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    return done.returncode, (done.stdout + done.stderr).strip(), time.perf_counter() - started


SERVE = [sys.executable, "-m", "policy_bd.cli", "serve"]
GUNICORN = [sys.executable, "-m", "gunicorn", "--config", str(CONFIG), "policy_bd.web_api.wsgi:app"]


@pytest.mark.parametrize(
    ("arguments", "environment", "words"),
    [
        (["--port", "99999"], {}, "99999 is not a port number"),
        (["--port", "5106"], {"POLICY_BD_MAX_BODY_MB": "lots"}, "POLICY_BD_MAX_BODY_MB='lots'"),
        (["--port", "5106"], {"WEB_CONCURRENCY": "x"}, "WEB_CONCURRENCY='x' is not a whole"),
        (["--port", "5106"], {"POLICY_BD_RATE_LIMIT": "often"}, "is not a rate limit"),
        (["--port", "5106"], {"POLICY_BD_RATE_LIMIT_STORAGE": "ftp://x"}, "not a storage URI"),
        (["--port", "5106"], {"POLICY_BD_PROXY_HOPS": "-1"}, "POLICY_BD_PROXY_HOPS='-1'"),
    ],
)
def test_policy_bd_serve_refuses_bad_settings_in_one_line(arguments, environment, words):
    status, output, seconds = run([*SERVE, *arguments], **environment)
    assert status == 2
    assert words in output
    assert len(output.splitlines()) <= 3  # argparse adds its usage line; no traceback
    assert "Traceback" not in output
    assert seconds < 5  # before the legislation loads


def test_gunicorn_refuses_bad_settings_in_one_line():
    status, output, _ = run(GUNICORN, POLICY_BD_REQUEST_TIME_BUDGET="0", PORT="5106")
    assert status != 0
    assert "POLICY_BD_REQUEST_TIME_BUDGET='0' must be positive" in output
    assert "Traceback" not in output


def test_workers_are_recycled_by_memory_and_by_requests(tmp_path):
    server = LiveServer(
        5104,
        {
            "WEB_CONCURRENCY": "1",
            "GUNICORN_MAX_WORKER_MB": "1",  # every worker is over it after its first request
            "POLICY_BD_ACCESS_LOG": "0",
        },
        tmp_path / "recycling.log",
    )
    try:
        seen = set()
        for _ in range(3):
            answer = requests.get(f"{server.base}/healthz", timeout=10)
            assert answer.status_code == 200
            seen |= server.workers()
            time.sleep(1.5)  # the replacement boots from the preloaded master
        assert len(seen | server.workers()) >= 3
        assert "over 1 MB after a request: replaced" in server.log_text()
    finally:
        server.stop()
