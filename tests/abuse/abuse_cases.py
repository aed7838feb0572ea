"""The abusive requests of issue 10, one builder each, shared by the live suite and the probe.

Each case says which branch fixes it (`app`: this hardening work; `engine` or `rules`: fixed on
another branch, so its test is an expected failure until the merge) and the statuses a fixed
server may answer. Sizes are the smallest that show the defect, so that the suite stays fast;
`python tests/abuse/abuse_probe.py URL` sends every case to a running server and prints the status
and time of each (the before/after table of the issue's closing note).
"""

from __future__ import annotations

import copy
import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq

OAA = "social_assistance.old_age_allowance.amount"
HOUSEHOLD = {
    "division": "rangpur",
    "urban": False,
    "members": [
        {"id": "rahim", "role": "head", "age": 71, "sex": "male", "annual_income": 8000},
        {"id": "amena", "role": "spouse", "age": 63, "sex": "female", "annual_income": 0},
    ],
}
ENTITLEMENTS = {"date": "2025-08-15", "language": "en", "household": HOUSEHOLD}
JSON = {"Content-Type": "application/json"}
API_KEY = "abuse-suite-key"  # configured on the live server of the suite


def situation(person_id: str = "rahim", **inputs) -> dict:
    person = {"age": {"2025-08": 71}, "old_age_allowance": {"2025-08": None}, **inputs}
    return {
        "persons": {person_id: person},
        "households": {"h": {"heads": [person_id]}},
    }


def reform(value=800, start="2025-07-01", stop=None, parameter=OAA) -> dict:
    change = {"parameter": parameter, "value": value, "start": start}
    if stop is not None:
        change["stop"] = stop
    return {"title": "abuse", "changes": [change]}


def parquet(table: pa.Table, **options) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, **options)
    return sink.getvalue()


def many_rows_parquet(rows: int) -> bytes:
    """A small file of many rows: constant columns compress to almost nothing."""
    table = pa.table({"household_id": pa.repeat(1, rows), "age": pa.repeat(70, rows)})
    return parquet(table, compression="zstd")


def empty_parquet() -> bytes:
    return parquet(
        pa.table({"household_id": pa.array([], pa.int64()), "age": pa.array([], pa.int64())})
    )


def nested(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


def household_of(members: int) -> dict:
    body = copy.deepcopy(ENTITLEMENTS)
    body["household"]["members"] = [
        {"id": f"p{index}", "role": "head" if index == 0 else "other", "age": 30}
        for index in range(members)
    ]
    return body


def batch_columns(**persons) -> dict:
    columns = {"household_id": [1], "person_id": ["rahim"], "age": [71], **persons}
    return {"period": "2025-08", "persons": columns, "outputs": ["old_age_allowance"]}


def upload(persons: bytes, name: str = "persons.csv", **form) -> dict:
    return {"files": {"persons": (name, persons)}, "data": form}


@dataclass
class Case:
    name: str
    method: str
    path: str
    owner: str  # what answers it: app (web_api), engine (the input contract), rules (reform checks)
    expected: tuple[int, ...]
    body: Callable[[], dict] = field(default=lambda: {})  # keyword arguments for requests
    note: str = ""

    def send(self, session, base: str, timeout: float = 120):
        """(answer, seconds): the request is built first, so the time is the server's answer."""
        options = self.body()
        started = time.perf_counter()
        answer = session.request(self.method, base + self.path, timeout=timeout, **options)
        return answer, time.perf_counter() - started


def _json(value) -> Callable[[], dict]:
    return lambda: {"data": json.dumps(value, allow_nan=True).encode(), "headers": JSON}


def _raw(data: bytes | Callable[[], bytes], headers=None) -> Callable[[], dict]:
    def build():
        return {"data": data() if callable(data) else data, "headers": headers or JSON}

    return build


CASES = [
    # --- uncaught 500s -------------------------------------------------------------------
    Case(
        "nested JSON 10,000 levels /calculate",
        "POST",
        "/calculate",
        "app",
        (400,),
        _raw(lambda: nested(10_000)),
    ),
    Case(
        "nested JSON 10,000 levels /trace",
        "POST",
        "/trace",
        "app",
        (400,),
        _raw(lambda: nested(10_000)),
    ),
    Case(
        "nested JSON 10,000 levels /v1/entitlements",
        "POST",
        "/v1/entitlements",
        "app",
        (400,),
        _raw(lambda: nested(10_000)),
    ),
    Case(
        "lone surrogate person id /calculate",
        "POST",
        "/calculate",
        "app",
        (400,),
        _raw(
            b'{"persons": {"\\ud800": {"age": {"2025-08": 71}, '
            b'"old_age_allowance": {"2025-08": null}}}}'
        ),
    ),
    Case(
        "input dated 0001 /calculate",
        "POST",
        "/calculate",
        "engine",
        (400,),
        _json(situation(age={"0001-01": 66})),
    ),
    Case(
        "axes count 3 /calculate",
        "POST",
        "/calculate",
        "app",
        (200,),
        _json(
            {
                **situation(),
                "axes": [[{"name": "age", "count": 3, "min": 60, "max": 70, "period": "2025-08"}]],
            }
        ),
    ),
    Case(
        "axes count 5,000,000 /calculate",
        "POST",
        "/calculate",
        "app",
        (413,),
        _json(
            {
                **situation(),
                "axes": [
                    [{"name": "age", "count": 5_000_000, "min": 0, "max": 100, "period": "2025-08"}]
                ],
            }
        ),
        note="before: measured at count 200,000 (the issue: 5,000,000 costs 13 CPU-s, 1.2 GB)",
    ),
    Case(
        "reform value 2**63 /calculate",
        "POST",
        "/calculate",
        "rules",
        (400,),
        _json({**situation(), "reform": reform(value=2**63)}),
    ),
    Case(
        "reform value 2**63 /v1/entitlements",
        "POST",
        "/v1/entitlements",
        "rules",
        (422,),
        _json({**ENTITLEMENTS, "reform": reform(value=2**63)}),
    ),
    Case(
        "reform stop 9999-12-31 /v1/entitlements",
        "POST",
        "/v1/entitlements",
        "rules",
        (200, 422),
        _json({**ENTITLEMENTS, "reform": reform(stop="9999-12-31")}),
    ),
    Case(
        "batch of zero rows (JSON)",
        "POST",
        "/v1/batch",
        "engine",
        (422,),
        _json({"period": "2025-08", "persons": {"household_id": [], "age": []}}),
    ),
    Case(
        "batch of zero rows (header-only CSV)",
        "POST",
        "/v1/batch",
        "engine",
        (422,),
        lambda: upload(b"household_id,age\n"),
    ),
    Case(
        "batch of zero rows (empty Parquet)",
        "POST",
        "/v1/batch",
        "engine",
        (422,),
        lambda: upload(empty_parquet(), "persons.parquet"),
    ),
    # --- silent wrong answers ------------------------------------------------------------
    Case(
        "batch age 5,000,000,000",
        "POST",
        "/v1/batch",
        "engine",
        (422,),
        _json(batch_columns(age=[5_000_000_000])),
    ),
    Case("batch age -1", "POST", "/v1/batch", "engine", (422,), _json(batch_columns(age=[-1]))),
    Case(
        "NaN input /calculate",
        "POST",
        "/calculate",
        "app",
        (400,),
        _raw(
            b'{"persons": {"rahim": {"age": {"2025-08": 71}, "annual_income": {"2025": NaN},'
            b' "old_age_allowance": {"2025-08": null}}}, "households": {"h": {"heads": '
            b'["rahim"]}}}'
        ),
    ),
    Case(
        "Infinity input /calculate",
        "POST",
        "/calculate",
        "app",
        (400,),
        _raw(
            b'{"persons": {"rahim": {"age": {"2025-08": 71}, "annual_income": '
            b'{"2025": Infinity}, "old_age_allowance": {"2025-08": null}}}}'
        ),
    ),
    Case(
        "reform value 1e300 /v1/entitlements",
        "POST",
        "/v1/entitlements",
        "rules",
        (422,),
        _json({**ENTITLEMENTS, "reform": reform(value=1e300)}),
    ),
    Case(
        "null byte in a CSV id",
        "POST",
        "/v1/batch",
        "app",
        (200, 422),
        lambda: upload(b"household_id,person_id,age\n1,ab\x00cd,71\n", format="json"),
    ),
    Case(
        "formula in a CSV id",
        "POST",
        "/v1/batch",
        "app",
        (200,),
        lambda: upload(b"household_id,person_id,age\n1,=cmd|' /C calc'!A0,71\n"),
    ),
    # --- cost without bound --------------------------------------------------------------
    Case(
        "household of 30,000 members /v1/entitlements",
        "POST",
        "/v1/entitlements",
        "engine",
        (413,),
        _json(household_of(30_000)),
        note="the issue: 30,000 members take 41 s before the 413",
    ),
    Case(
        "reform of 10,000 unknown names /v1/entitlements",
        "POST",
        "/v1/entitlements",
        "rules",
        (413, 422),
        _json(
            {
                **ENTITLEMENTS,
                "reform": {
                    "changes": [
                        {
                            "parameter": f"no.such.parameter_{index}",
                            "value": 1,
                            "start": "2025-07-01",
                        }
                        for index in range(10_000)
                    ]
                },
            }
        ),
    ),
    Case(
        "Parquet of 2,000,000 rows",
        "POST",
        "/v1/batch",
        "app",
        (413,),
        lambda: upload(many_rows_parquet(2_000_000), "persons.parquet"),
        note="the issue: 50 million rows in 380 KB cost 6.3 s and 1.7 GB before the 413",
    ),
    Case(
        "CSV of 1,100,000 rows",
        "POST",
        "/v1/batch",
        "app",
        (413,),
        lambda: upload(b"household_id,age\n" + b"1,70\n" * 1_100_000),
    ),
    Case(
        "body over the limit (chunked, no length)",
        "POST",
        "/calculate",
        "app",
        (413,),
        lambda: {"data": iter([b"[" * 1_000_000] * 70), "headers": JSON},
        note="70 MB: over the default limit of 64 MiB and the live suite's 8 MiB",
    ),
    # --- errors the server itself sends --------------------------------------------------
    Case("unknown URL", "GET", "/no/such/page", "app", (404,)),
    Case("wrong method", "DELETE", "/calculate", "app", (405,)),
    Case("request line over 8 KB", "GET", "/variables?" + "x" * 9000, "app", (414,)),
    Case(
        "header over 8 KB",
        "GET",
        "/healthz",
        "app",
        (431,),
        lambda: {"headers": {"X-Big": "y" * 9000}},
    ),
    # --- trust ---------------------------------------------------------------------------
    Case(
        "Host header echoed in /parameters links",
        "GET",
        "/parameters",
        "app",
        (400,),
        lambda: {"headers": {"Host": "evil.example"}},
    ),
    Case(
        "Host header echoed in /spec",
        "GET",
        "/spec",
        "app",
        (400,),
        lambda: {"headers": {"Host": "evil.example"}},
    ),
    Case(
        "X-Forwarded-Proto trusted in /spec",
        "GET",
        "/spec",
        "app",
        (200,),
        lambda: {"headers": {"X-Forwarded-Proto": "https"}},
    ),
    Case(
        "CORS reflects any origin",
        "OPTIONS",
        "/calculate",
        "app",
        (200,),
        lambda: {
            "headers": {"Origin": "https://evil.example", "Access-Control-Request-Method": "DELETE"}
        },
    ),
]
