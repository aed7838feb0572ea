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

import math

import orjson
import pyarrow.parquet as pq
from werkzeug.wsgi import LimitedStream

from .errors import APIError, problem

# A situation is 5 levels deep, axes 4, a reform 4: 32 leaves room and stays far from Python's
# recursion limit for every reader and writer after the parser.
MAX_JSON_DEPTH = 32


def too_deep(value: object, limit: int) -> bool:
    """True when containers nest deeper than `limit`; iterative, one pass over the containers."""
    level = [value] if isinstance(value, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        below = []
        for item in level:
            children = item.values() if isinstance(item, dict) else item
            below.extend(child for child in children if isinstance(child, dict | list))
        level = below
    return False


def loads_json(data: bytes, field: str = "body", max_depth: int = MAX_JSON_DEPTH) -> object:
    """The request's JSON, or a 400 naming what is wrong with it."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        message = f"invalid JSON: {error}"
        if "depth limit" in str(error):
            message = f"invalid JSON: nested deeper than {max_depth} levels"
        raise APIError(400, message[0].upper() + message[1:], [problem(field, message)]) from None
    if too_deep(value, max_depth):
        message = f"invalid JSON: nested deeper than {max_depth} levels"
        raise APIError(400, message[0].upper() + message[1:], [problem(field, message)])
    return value


def limit_unsized_body(environ: dict, max_bytes: int) -> None:
    """Cut a chunked body at the limit: werkzeug trusts a server that terminates the input."""
    if not environ.get("CONTENT_LENGTH") and "wsgi.input" in environ:
        environ["wsgi.input"] = LimitedStream(environ["wsgi.input"], max_bytes, is_max=True)


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
