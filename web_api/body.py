"""The one reader of JSON request bodies, for every endpoint.

orjson parses strictly: NaN and infinities, lone surrogates (`"\\ud800"`) and bytes that are not
UTF-8 are invalid JSON (400), so no such value reaches a simulation or an answer.
"""

from __future__ import annotations

from flask import request
from marshmallow import ValidationError

from .errors import APIError, invalid, problem
from .json_columns import loads_tables
from .limits import loads_json


def _require_json(what: str) -> None:
    if not request.is_json:
        sent = request.headers.get("Content-Type") or "no Content-Type"
        message = f"Content-Type must be {what}, not {sent}"
        raise APIError(415, message, [problem("Content-Type", message)])


def _require_object(body: object) -> dict:
    if not isinstance(body, dict):
        raise APIError(
            422, "the body must be a JSON object", [problem("body", "must be a JSON object")]
        )
    return body


def read_json(what: str = "application/json") -> object:
    """The request's JSON value; 415 when it is not sent as JSON, 400 when it is not JSON."""
    _require_json(what)
    # Strict JSON (no NaN, no lone surrogate) parsed in C, its nesting bounded.
    return loads_json(request.get_data(cache=False))


def read_object() -> dict:
    """The request's JSON object; 415, 400 or 422 otherwise."""
    return _require_object(read_json())


def read_tables_object(tables: tuple[str, ...]) -> dict:
    """`read_object` for a body of columns: in each of its `tables`, a column of numbers is a
    numpy array (`json_columns.loads_tables`). Its depth is left to the caller to check."""
    _require_json("application/json")
    return _require_object(loads_tables(request.get_data(cache=False), tables))


def load(schema, body: dict) -> dict:
    """`body` loaded by the marshmallow `schema`; 422 naming every bad field otherwise."""
    try:
        return schema.load(body)
    except ValidationError as error:
        raise invalid(error) from None
