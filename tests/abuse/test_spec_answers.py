"""The OpenAPI documents list the answers the service's guards give (401/403 on the costly
operations, 408, 413, 429 and 503 with Retry-After), each with the Error schema."""

from __future__ import annotations

import pytest
from policy_bd.web_api.app import create_app
from policy_bd.web_api.security import EXEMPT_PATHS

COSTLY = {
    ("/v1/batch", "post"),
    ("/v1/microsimulation", "get"),
    ("/v1/microsimulation", "post"),
    ("/v1/projection", "post"),
}


@pytest.fixture(scope="module")
def documents(system):
    client = create_app(system, ACCESS_LOG=False).test_client()
    return {url: client.get(url).get_json() for url in ("/v1/spec", "/spec")}


def operations(document):
    for path, entries in document["paths"].items():
        for method, operation in entries.items():
            yield path, method, operation


def assert_error_answer(document, path, method, code):
    responses = next(op for p, m, op in operations(document) if (p, m) == (path, method))
    entry = responses["responses"].get(code)
    assert entry is not None, f"{method.upper()} {path} does not document {code}"
    schema = entry["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Error"}
    assert "Error" in document["components"]["schemas"]
    if code in {"429", "503"}:
        assert entry["headers"]["Retry-After"]["schema"]["type"] == "integer"


def test_each_costly_operation_documents_the_api_key_and_rate_limit(documents):
    found = {(p, m) for p, m, _ in operations(documents["/v1/spec"])}
    assert found >= COSTLY
    for path, method in COSTLY:
        for code in ("401", "403", "429"):
            assert_error_answer(documents["/v1/spec"], path, method, code)


@pytest.mark.parametrize("url", ["/v1/spec", "/spec"])
def test_every_operation_documents_the_guards(documents, url):
    document = documents[url]
    seen = 0
    for path, method, operation in operations(document):
        assert_error_answer(document, path, method, "408")
        if path in EXEMPT_PATHS:  # health is never rate-limited nor budgeted
            assert "429" not in operation["responses"]
            continue
        seen += 1
        for code in ("429", "503"):
            assert_error_answer(document, path, method, code)
        if "requestBody" in operation:
            assert_error_answer(document, path, method, "413")
        if (path, method) not in COSTLY:
            assert "401" not in operation["responses"], f"{method} {path}"
    assert seen >= 7


def test_the_guards_answer_as_documented(system):
    """The documented 401 and 429 are what the service sends (Error shape, Retry-After)."""
    client = create_app(
        system, ACCESS_LOG=False, API_KEYS=("k" * 32,), COSTLY_RATE_LIMIT="1/minute"
    ).test_client()
    refused = client.get("/v1/microsimulation", query_string={"period": "2025-26"})
    assert refused.status_code == 401
    assert "API key" in refused.get_json()["error"]
    headers = {"X-API-Key": "k" * 32}
    client.get("/v1/microsimulation", query_string={"period": "2025-26"}, headers=headers)
    limited = client.get("/v1/microsimulation", query_string={"period": "2025-26"}, headers=headers)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 0
    assert limited.get_json()["error"]
