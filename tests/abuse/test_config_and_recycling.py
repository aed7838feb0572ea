"""Configuration errors are one line before anything loads; workers are recycled by request count
and by memory, one at a time, and a recycled worker costs no request; connections are spread
over the workers."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import psutil
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


def ask_from_sessions(base: str, sessions: int, seconds: float, path: str = "/healthz"):
    """`sessions` keep-alive clients asking `path` in turn for `seconds`: (answers, failures)."""
    answers, failures = [], []
    stop = time.monotonic() + seconds

    def client():
        with requests.Session() as session:
            while time.monotonic() < stop:
                try:
                    answers.append(session.get(base + path, timeout=10).status_code)
                except requests.RequestException as error:
                    failures.append(repr(error))

    threads = [threading.Thread(target=client) for _ in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, failures


def test_workers_retire_one_at_a_time_without_dropping_a_request(tmp_path):
    server = LiveServer(
        5108,
        {
            "WEB_CONCURRENCY": "2",
            "GUNICORN_MAX_REQUESTS": "150",
            "GUNICORN_MAX_REQUESTS_JITTER": "0",
            "POLICY_BD_ACCESS_LOG": "0",
            "POLICY_BD_RATE_LIMIT": "off",
        },
        tmp_path / "retiring.log",
    )
    try:
        answers, failures = ask_from_sessions(server.base, sessions=8, seconds=8)
        log = server.log_text()
    finally:
        server.stop()
    retired = log.count("retiring: after")
    assert retired >= 3, log[-2000:]
    assert not failures, f"{len(failures)} requests failed across {retired} retirements"
    assert set(answers) == {200}


def connections_per_worker(server, port: int) -> list[int]:
    counts = []
    for pid in server.workers():
        found = psutil.Process(pid).net_connections(kind="tcp")
        counts.append(
            sum(1 for c in found if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port)
        )
    return counts


def test_a_burst_of_keep_alive_connections_is_spread_over_the_workers(tmp_path):
    port = 5109
    server = LiveServer(
        port,
        {"WEB_CONCURRENCY": "2", "POLICY_BD_ACCESS_LOG": "0", "POLICY_BD_RATE_LIMIT": "off"},
        tmp_path / "spread.log",
    )
    try:
        # Both workers accepting: each warms up first (`warm_up`), the second may be later.
        deadline = time.monotonic() + 30
        while server.log_text().count("before accepting") < 2:
            assert time.monotonic() < deadline, server.log_text()[-2000:]
            time.sleep(0.1)
        sessions = [requests.Session() for _ in range(8)]
        barrier = threading.Barrier(len(sessions))

        def first_request(session):
            barrier.wait()  # all at once, as a client opening its pool does
            session.get(f"{server.base}/healthz", timeout=10)

        threads = [threading.Thread(target=first_request, args=(s,)) for s in sessions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        counts = connections_per_worker(server, port)
        for session in sessions:
            session.close()
    finally:
        server.stop()
    assert sum(counts) == 8 and min(counts) >= 3, counts


ENTITLEMENTS = {
    "date": "2018-07-15",
    "detail": "summary",
    "household": {"members": [{"id": "a", "role": "head", "age": 70, "sex": "male"}]},
}


def test_a_replacement_worker_explains_the_months_asked_before_it_accepts(tmp_path):
    server = LiveServer(
        5110,
        {
            "WEB_CONCURRENCY": "1",
            "GUNICORN_MAX_REQUESTS": "2",
            "GUNICORN_MAX_REQUESTS_JITTER": "0",
            "POLICY_BD_ACCESS_LOG": "0",
            "POLICY_BD_RATE_LIMIT": "off",
        },
        tmp_path / "warm.log",
    )
    try:
        first = server.workers()
        with requests.Session() as session:
            for _ in range(2):
                answer = session.post(f"{server.base}/v1/entitlements", json=ENTITLEMENTS)
                assert answer.status_code == 200
        deadline = time.monotonic() + 30
        while not (server.workers() - first) and time.monotonic() < deadline:
            time.sleep(0.1)
        (replacement,) = server.workers() - first
        while "explained" not in server.log_text().split(f"pid: {replacement}")[-1]:
            assert time.monotonic() < deadline, server.log_text()[-2000:]
            time.sleep(0.1)
        log = server.log_text()
    finally:
        server.stop()
    current = time.strftime("%Y-%m")
    (first_pid,) = first
    (started,) = [line for line in log.splitlines() if f"worker {first_pid} explained" in line]
    assert started.endswith(f"explained {current} before accepting")
    (replaced,) = [line for line in log.splitlines() if f"worker {replacement} explained" in line]
    assert "2018-07" in replaced and current in replaced


def test_a_lone_worker_keeps_its_connections_when_it_has_more_than_threads(tmp_path):
    # Closing one so that another worker takes it is pointless with no other worker: each
    # reconnection cost a wait before `accept` (127 requests a second instead of 220).
    server = LiveServer(
        5111,
        {"WEB_CONCURRENCY": "1", "POLICY_BD_ACCESS_LOG": "0", "POLICY_BD_RATE_LIMIT": "off"},
        tmp_path / "lone.log",
    )
    closed, answers = [], []
    stop = time.monotonic() + 4

    def client():
        with requests.Session() as session:
            while time.monotonic() < stop:
                answer = session.post(f"{server.base}/v1/entitlements", json=ENTITLEMENTS)
                answers.append(answer.status_code)
                closed.append(answer.headers.get("Connection", "").lower() == "close")

    try:
        threads = [threading.Thread(target=client) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    assert set(answers) == {200} and len(answers) > 50
    assert not any(closed), f"{sum(closed)} of {len(closed)} answers closed their connection"
