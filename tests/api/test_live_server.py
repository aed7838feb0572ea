"""The service as deployed: `policy-bd serve` (gunicorn), probed by schemathesis.

Schemathesis generates requests from both OpenAPI documents (`/spec` for the OpenFisca-compatible
endpoints, `/v1/spec` for the welfare-app API) and checks that no answer is a 5xx and that every
answer matches its documented status, content type and schema. The number of examples per
operation is bounded so the suite stays fast.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

# Deeper runs: SCHEMATHESIS_EXAMPLES=200 pytest tests/api/test_live_server.py
EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def live_server():
    port = free_port()
    environment = {
        **os.environ,
        "GUNICORN_ACCESSLOG": "",
        "POLICY_BD_MAX_BODY_MB": "2",
    }
    command = [sys.executable, "-m", "policy_bd.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "1", "--threads", "4"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"the server did not start:\n{output}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_the_served_app_answers_a_calculation(live_server):
    request = urllib.request.Request(
        f"{live_server}/calculate",
        data=b'{"persons": {"a": {"age": {"2024-07": 70}, "old_age_allowance": {"2024-07": null}}}}',
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.headers["Country-Package"] == "policy-bd"
        body = answer.read()
    assert b'"old_age_allowance":{"2024-07":' in body


def test_a_large_batch_is_sent_in_chunks_as_it_is_computed(live_server):
    """The first large batch of a worker is made whole (it learns the outputs are defined and
    its pace); the next is sent as its columns are computed, and says the same."""
    rows = 6_000
    body = json.dumps(
        {
            "period": "2025-08",
            "persons": {"household_id": [i // 3 for i in range(rows)], "age": [70] * rows},
            "outputs": ["old_age_allowance", "old_age_allowance__eligible", "household_size"],
        }
    ).encode()
    answers = []
    for _ in range(2):
        connection = http.client.HTTPConnection(live_server.split("//")[1], timeout=30)
        connection.request("POST", "/v1/batch", body, {"Content-Type": "application/json"})
        answer = connection.getresponse()
        answers.append((answer.status, answer.getheader("Transfer-Encoding"), answer.read()))
        connection.close()
    (status, chunked, whole), (status_2, chunked_2, streamed) = answers
    assert (status, chunked) == (200, None) and (status_2, chunked_2) == (200, "chunked")
    assert streamed == whole
    persons = json.loads(streamed)["persons"]
    # One Old Age Allowance a household, 650 taka in 2025-08: to its oldest eligible member (all
    # are 70 here, so to the one listed first).
    assert persons["old_age_allowance"][::3] == [650.0] * (rows // 3)
    assert sum(persons["old_age_allowance"]) == 650.0 * rows // 3


@pytest.fixture(scope="module")
def compatible_spec(live_server):
    return schemathesis.from_uri(f"{live_server}/spec")


@pytest.fixture(scope="module")
def v1_spec(live_server):
    return schemathesis.from_uri(f"{live_server}/v1/spec")


compatible = schemathesis.from_pytest_fixture("compatible_spec")
v1 = schemathesis.from_pytest_fixture("v1_spec")
bounded = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@compatible.parametrize()
@bounded
def test_openfisca_compatible_endpoints_hold_to_their_spec(case):
    case.call_and_validate(timeout=30)


@v1.parametrize()
@bounded
def test_v1_endpoints_hold_to_their_spec(case):
    case.call_and_validate(timeout=30)
