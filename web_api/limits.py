"""Limits checked before the expensive step, usable by any reader of a request.

- `loads_json`: strict JSON (no NaN or Infinity, no lone surrogate) parsed in C with a bounded
  nesting depth, so that no reader meets a RecursionError;
- `limit_unsized_body`: a body sent without Content-Length (chunked) is cut at the body limit
  while it is read, as one with a Content-Length is refused before it is read;
- `upload_rows`: the rows of an uploaded table counted before it is decoded (a Parquet file's
  metadata, a CSV file's lines), for the 413 and for the API-key threshold;
- `refuse_non_finite`: a computed NaN or infinity is never sent as if it were a value.
"""

from __future__ import annotations

import io
import json
import math

import numpy as np
import orjson
import pandas as pd
import pyarrow.parquet as pq
from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from .errors import APIError, problem

# A situation is 5 levels deep, axes 4, a reform 4: 32 leaves room and stays far from Python's
# recursion limit for every reader and writer after the parser.
MAX_JSON_DEPTH = 32


_CONTAINERS = frozenset({dict, list})  # all the parser makes (never a subclass)


def too_deep(value: object, limit: int) -> bool:
    """True when containers nest deeper than `limit`; iterative, one pass over the containers.

    A column of a batch is a list of a million numbers: the types of its items are gathered in
    C (`map(type, ...)`), and only a list that holds containers is walked in Python."""
    level = [value] if type(value) in _CONTAINERS else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        below = []
        for item in level:
            children = item.values() if type(item) is dict else item
            if _CONTAINERS.isdisjoint(set(map(type, children))):
                continue
            below.extend(child for child in children if type(child) in _CONTAINERS)
        level = below
    return False


def _invalid(field: str, message: str) -> APIError:
    return APIError(400, f"Invalid JSON: {message}", [problem(field, f"invalid JSON: {message}")])


def _stock_message(data: bytes, fallback: str, max_depth: int) -> str:
    """Python's own message for a syntax error, the one stock OpenFisca answers; `fallback` for
    what Python accepts but JSON does not (NaN, Infinity, a lone surrogate)."""
    try:
        json.loads(data)
    except RecursionError:
        return f"nested deeper than {max_depth} levels"
    except ValueError as error:  # JSONDecodeError, or UnicodeDecodeError for bytes not UTF-8
        return str(error.args[0])
    return fallback


def refuse_deep(value: object, field: str = "body", max_depth: int = MAX_JSON_DEPTH) -> None:
    """A 400 naming `field` when `value` nests deeper than `max_depth`."""
    if too_deep(value, max_depth):
        raise _invalid(field, f"nested deeper than {max_depth} levels")


def loads_json(data: bytes, field: str = "body", max_depth: int | None = MAX_JSON_DEPTH) -> object:
    """The request's strict JSON, parsed in C with a bounded depth, or a 400 naming the problem.

    `max_depth=None` leaves the depth to the caller, who must check it (`refuse_deep`) before
    anything walks the value: the batch reader checks its columns as Arrow types them."""
    limit = MAX_JSON_DEPTH if max_depth is None else max_depth  # the limit errors name
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        if "depth limit" in str(error):
            raise _invalid(field, f"nested deeper than {limit} levels") from None
        strict = f"not strict JSON (NaN, Infinity or a lone surrogate are refused): {error}"
        raise _invalid(field, _stock_message(data, strict, limit)) from None
    if max_depth is not None:
        refuse_deep(value, field, max_depth)
    return value


class CappedInput(io.RawIOBase):
    """A request body that raises 413 as soon as one byte more than the limit is read (werkzeug's
    LimitedStream stops quietly at its limit, which would hand a truncated body to the reader)."""

    def __init__(self, stream, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(min(len(buffer), self.limit + 1 - self.position))
        self.position += len(data)
        if self.position > self.limit:
            raise RequestEntityTooLarge()
        buffer[: len(data)] = data
        return len(data)


def limit_unsized_body(environ: dict, max_bytes: int) -> None:
    """A body sent without Content-Length (chunked) is refused with a 413 once it passes the
    limit while it is read; werkzeug checks only a declared length, and trusts a server that
    terminates the input (gunicorn does)."""
    if not environ.get("CONTENT_LENGTH") and "wsgi.input" in environ:
        environ["wsgi.input"] = CappedInput(environ["wsgi.input"], max_bytes)
        # Else werkzeug wraps it in a LimitedStream that stops quietly at the limit (see
        # `read_capped_input_whole`).
        environ["wsgi.input_terminated"] = True
        environ["policy_bd.capped_input"] = True


def read_capped_input_whole() -> None:
    """Before each request: a capped body is not cut again by werkzeug at the same limit (it
    would hand the view a truncated body instead of the 413)."""
    if request.environ.get("policy_bd.capped_input"):
        # Flask reads None as "the configured limit": one byte more lets CappedInput answer.
        request.max_content_length = current_app.config["MAX_CONTENT_LENGTH"] + 1


def _stream_lines(stream) -> int:
    lines = 0
    last = b"\n"
    while chunk := stream.read(1 << 20):
        lines += chunk.count(b"\n")
        last = chunk[-1:]
    return lines + (last != b"\n")


def table_rows(storage) -> int:
    """Rows of an uploaded CSV or Parquet file, without decoding it; the stream is rewound."""
    stream = storage.stream
    try:
        head = stream.read(4)
        stream.seek(0)
        if head == b"PAR1":
            try:
                return pq.read_metadata(stream).num_rows
            except (OSError, ValueError):  # unreadable: the reader names the problem
                return 0
        return max(_stream_lines(stream) - 1, 0)  # less the header row
    finally:
        stream.seek(0)


def upload_rows(files) -> dict[str, int]:
    return {name: table_rows(storage) for name, storage in files.items()}


def json_rows(body: object) -> int:
    if not isinstance(body, dict) or not isinstance(body.get("persons"), dict):
        return 0
    lengths = [len(v) for v in body["persons"].values() if isinstance(v, list)]
    return max(lengths, default=0)


def check_rows(rows: dict[str, int], limits: dict[str, int]) -> None:
    for table, count in rows.items():
        limit = limits.get(table)
        if limit is not None and count > limit:
            message = (
                f"{count} rows is over this service's limit of {limit} {table} per request "
                "(counted before reading the file)"
            )
            raise APIError(413, message, [problem(table, message)])


def _finite(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_finite(item) for item in value)
    return True


def refuse_non_finite(result: dict, cells) -> None:
    """A 422 shaped like the situation when a requested value came out NaN or infinite: JSON has
    no such numbers, and a wrong number must not be sent as if it were one."""
    body: dict = {}
    for plural, entity_id, name, period in cells:
        value = result.get(plural, {}).get(entity_id, {}).get(name, {}).get(period)
        if _finite(value):
            continue
        message = (
            f"'{name}' for {period} is not a finite number (an input or a reform value too "
            "large for the calculation); no value is given rather than a wrong one"
        )
        body.setdefault(plural, {}).setdefault(entity_id, {}).setdefault(name, {})[period] = message
    if body:
        raise APIError(422, "a computed value is not a finite number", body=body)


CONTROL = r"[\x00-\x1f\x7f]"


def refuse_control_characters(columns: dict | None, table: str, names=("person_id",)) -> None:
    """Identifiers keep every character they are sent with or are refused: a control character
    (a NUL byte above all, which numpy's text arrays would drop at the end of an id) is a 422
    naming the row."""
    for name in names:
        values = (columns or {}).get(name)
        if values is None:
            continue
        array = np.asarray(values)
        if array.dtype.kind in "biuf":  # numbers hold no character to lose
            continue
        text = pd.Series(array.astype(object)).astype(str)
        bad = text.str.contains(CONTROL, regex=True)
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            message = f"row {row}: an identifier may not hold a control character (such as NUL)"
            raise APIError(422, message, [problem(f"{table}.{name}", message, row=row)])
