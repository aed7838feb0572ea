"""Every user error is a 4xx JSON answer naming the field.

Two shapes, one per family of endpoints:
- OpenFisca-compatible endpoints answer as stock OpenFisca does: `{"error": "..."}`, or a
  document shaped like the situation with the message where the bad value was
  (`{"persons": {"rahim": {"age": {"2018": "..."}}}}`).
- `/v1` endpoints answer `{"error": "...", "problems": [{"field": "...", "message": "..."}]}`,
  where `field` is a path in the request (`household.members[0].sex`, `persons.age`,
  `reform.changes[0].value`) or a part of the request (`body`, `Content-Type`, `path`).
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

V1_PREFIX = "/v1"


class APIError(Exception):
    """A user error; raised anywhere in a request, answered by the application's handler."""

    def __init__(
        self,
        status: int,
        message: str,
        problems: list[dict] | None = None,
        body: dict | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = problems or []
        self.body = body

    def payload(self, v1: bool) -> dict:
        if v1:
            return {"error": self.message, "problems": self.problems}
        return self.body if self.body is not None else {"error": self.message}


def problem(field: str, message: str, **extra) -> dict:
    return {"field": field, "message": message, **extra}


def flatten_messages(messages, prefix: str = "") -> list[dict]:
    """marshmallow's nested error messages as a list of {field, message}."""
    out = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                path = prefix or "body"
            elif isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            out.extend(flatten_messages(value, path))
    elif isinstance(messages, list) and all(isinstance(item, str) for item in messages):
        out.extend(problem(prefix or "body", message) for message in messages)
    elif isinstance(messages, list):
        for item in messages:
            out.extend(flatten_messages(item, prefix))
    else:
        out.append(problem(prefix or "body", str(messages)))
    return out


def invalid(error: ValidationError, what: str = "the request") -> APIError:
    problems = flatten_messages(error.messages)
    return APIError(422, f"{what} is not valid ({len(problems)} problem(s))", problems)


def is_v1() -> bool:
    return request.path == V1_PREFIX or request.path.startswith(V1_PREFIX + "/")


def _http_error(error: HTTPException) -> APIError:
    """Werkzeug's HTML errors turned into JSON, each naming what was wrong."""
    code = error.code or 500
    if code == 404:
        message = f"no endpoint at {request.path}; the endpoints are listed at /spec and /v1/spec"
        return APIError(404, message, [problem("path", message)])
    if code == 405:
        allowed = ", ".join(sorted(getattr(error, "valid_methods", None) or []))
        message = f"{request.method} is not allowed on {request.path}; use {allowed}"
        return APIError(405, message, [problem("method", message)])
    if code == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        message = f"the request body is larger than the limit of {limit} bytes"
        return APIError(413, message, [problem("body", message)])
    if code == 415:
        message = "Content-Type must be application/json"
        return APIError(415, message, [problem("Content-Type", message)])
    if code == 429:
        limit = getattr(error, "limit", None)
        what = f" of {limit.limit}" if limit is not None else ""
        message = (
            f"too many requests: over this service's rate limit{what} for your API key or "
            "address; wait for the time in Retry-After"
        )
        return APIError(429, message, [problem("rate", message)])
    message = error.description or error.name
    return APIError(code, message, [problem("body", message)])


def register(app: Flask) -> None:
    @app.errorhandler(APIError)
    def api_error(error: APIError):
        response = jsonify(error.payload(is_v1()))
        response.status_code = error.status
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if (error.code or 500) >= 500:
            return internal_error(error)
        converted = _http_error(error)
        response = jsonify(converted.payload(is_v1()))
        response.status_code = converted.status
        if converted.status == 405:
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods or []))
        for name, value in error.get_headers():  # Retry-After on a 429, and the like
            if name.lower() not in {"content-type", "content-length"}:
                response.headers.setdefault(name, value)
        return response

    @app.errorhandler(Exception)
    def internal_error(error: Exception):
        request_id = request.environ.get("policy_bd.request_id", "")
        log.exception(
            "unexpected error on %s %s",
            request.method,
            request.path,
            extra={"fields": {"request_id": request_id}},
        )
        message = f"internal server error; the error was logged (request id {request_id})"
        payload = (
            {"error": message, "problems": [problem("server", message)]}
            if is_v1()
            else {"error": message}
        )
        response = jsonify(payload)
        response.status_code = 500
        return response
