"""Trusted hosts and proxies, CORS, rate limits and API keys, in process (one app, no server)."""

from __future__ import annotations

import pytest
from flask import Flask
from policy_bd.web_api.app import create_app
from policy_bd.web_api.security import api_key_required


@pytest.fixture(scope="module")
def make(system):
    def build(**settings):
        return create_app(system, ACCESS_LOG=False, **settings).test_client()

    return build


def test_forwarded_headers_are_ignored_without_a_configured_proxy(make):
    client = make()
    spec = client.get("/spec", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "x.org"})
    assert spec.get_json()["servers"] == [{"url": "http://localhost"}]


def test_one_configured_proxy_is_believed(make):
    client = make(PROXY_HOPS=1, TRUSTED_HOSTS=("api.example.gov.bd",))
    spec = client.get(
        "/spec",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example.gov.bd"},
    )
    assert spec.get_json()["servers"] == [{"url": "https://api.example.gov.bd"}]
    # The proxy passes on a Host it was not configured for: refused, never echoed in links.
    evil = client.get("/parameters", headers={"X-Forwarded-Host": "evil.example"})
    assert evil.status_code == 400
    assert evil.get_json()["error"] == "the Host 'evil.example' is not one this service answers for"


def test_root_and_links_use_only_trusted_names(make):
    client = make()
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    root = client.get("/")
    assert "http://localhost/spec" in root.get_json()["welcome"]
    assert make(TRUSTED_HOSTS=("*",)).get("/", headers={"Host": "any.example"}).status_code == 300


def test_health_readiness_and_metrics_answer_probes_by_address(make):
    client = make()
    for path in ("/healthz", "/readyz", "/metrics"):
        assert client.get(path, headers={"Host": "10.0.0.5:5000"}).status_code == 200


def test_cors_default_is_a_wildcard_never_a_reflection(make):
    answer = make().get("/healthz", headers={"Origin": "https://evil.example"})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in answer.headers


def test_rate_limit_is_a_json_429_with_retry_after(make):
    client = make(RATE_LIMIT="3/minute")
    statuses = [client.get("/variables").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/v1/version")
    assert limited.status_code == 429
    assert limited.get_json()["problems"][0]["field"] == "rate"
    assert int(limited.headers["Retry-After"]) > 0
    assert client.get("/healthz").status_code == 200  # health is never limited


def test_keys_are_counted_apart_from_addresses(make):
    client = make(RATE_LIMIT="2/minute", API_KEYS=("k1",))
    assert [client.get("/entities").status_code for _ in range(3)] == [200, 200, 429]
    keyed = [client.get("/entities", headers={"X-API-Key": "k1"}).status_code for _ in range(2)]
    assert keyed == [200, 200]


def test_api_keys_are_optional(make):
    open_service = make()
    assert open_service.get("/v1/microsimulation?period=2025-26").status_code == 200


def test_bearer_keys_and_the_reusable_decorator(make):
    app = Flask(__name__)
    app.extensions["policy_bd_api_keys"] = ()
    protected = make(API_KEYS=("secret",))
    assert protected.get("/v1/microsimulation").status_code == 401
    bearer = protected.get(
        "/v1/microsimulation?period=2025-26", headers={"Authorization": "Bearer secret"}
    )
    assert bearer.status_code == 200

    @api_key_required(reason="a test view")
    def view():
        return "ok"

    assert view.__name__ == "view"  # usable on any blueprint's view (e.g. /v1/projection)


def test_trailing_slash_redirects_in_json_and_never_off_site(make):
    client = make()
    answer = client.get("/variables/?x=1")
    assert answer.status_code == 308
    assert answer.headers["Location"] == "/variables?x=1"
    assert answer.get_json() == {"redirect": "/variables?x=1"}
    sneaky = client.get("/", environ_overrides={"PATH_INFO": "//evil.example/"})
    assert sneaky.headers["Location"] == "/evil.example"


def test_no_answer_holds_nan_or_infinity(make):
    client = make()
    situation = {
        "persons": {"rahim": {"age": {"2025-08": 71}, "annual_income": {"2025": 1e300}}},
        "households": {"h": {"heads": ["rahim"], "household_annual_income": {"2025": None}}},
    }
    answer = client.post("/calculate", json=situation)
    assert answer.status_code in (400, 422)  # refused as input, or its result refused
    assert b"Infinity" not in answer.data
    assert b"NaN" not in answer.data
    if answer.status_code == 422:
        message = answer.get_json()["households"]["h"]["household_annual_income"]["2025"]
        assert "not a finite number" in message
