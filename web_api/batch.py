"""`POST /v1/batch`: many households in one vectorised simulation.

Input is columnar: JSON with one array per input variable, or a CSV or Parquet table of persons
(and optionally one of households) sent as multipart/form-data. The answer gives the requested
output variables as columns, in the format of the input (or the one asked for).

Nothing on this path runs a Python loop over persons or households: simdjson parses a JSON body
and copies its columns of numbers out as arrays (`json_columns`), Arrow types the other JSON
columns and reads the files in C (text as dictionary codes), the columns are checked through the
input contract and the simulation is built by the engine (`policy_bd.engine.read_columns`,
`simulate`, `compute`) with array operations, and numpy arrays are written back by orjson (a
column at a time) or Arrow. Rows are counted from 1 in every problem.
"""

from __future__ import annotations

import datetime
import io
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from flask import Response, request
from openfisca_core import periods

from policy_bd import engine
from policy_bd.explain import LANGUAGES
from policy_bd.explain_batch import REASONS
from policy_bd.files import neutralise_formulas

from .body import load, read_tables_object
from .errors import APIError, problem
from .limits import MAX_JSON_DEPTH, refuse_control_characters, refuse_deep
from .schemas import BatchRequestSchema

FORMATS = {
    "json": "application/json",
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
}
WARNINGS_HEADER = "X-Policy-BD-Warnings"  # how many stale values a table answer used
UPLOAD_FIELDS = {"period", "outputs", "reform", "format", "reasons", "language"}
UPLOAD_FILES = {"persons", "households"}
BATCH_REQUEST = BatchRequestSchema()
NUMPY = orjson.OPT_SERIALIZE_NUMPY


@dataclass
class BatchInput:
    period: str | None
    reform: object
    outputs: list[str] | None
    persons: dict
    households: dict | None
    answer_format: str
    reasons: str | None = None
    language: str = "en"
    # The parsed JSON body: its hundreds of thousands of texts are freed with the request, after
    # the answer is sent (`ops.kept_until_sent`), not before the simulation.
    parsed: dict | None = field(default=None, repr=False)


IDENTIFIERS = {"household_id", "person_id"}


def from_arrow(array: pa.Array | pa.ChunkedArray, name: str):
    """An Arrow column as the columnar adapter takes it, without a Python loop over rows.

    Text becomes a `pandas.Categorical` (Arrow's dictionary encoding: one code per row, the few
    distinct names once), except identifiers; everything else a numpy array.
    """
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    kind = array.type
    if name not in IDENTIFIERS and (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        array = array.dictionary_encode()
        kind = array.type
    if pa.types.is_dictionary(kind):
        codes = array.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return pd.Categorical.from_codes(codes, categories=array.dictionary.to_pylist())
    return array.to_numpy(zero_copy_only=False)


def from_json_list(values: list, name: str):
    """A JSON array as a column: typed by Arrow in C; mixed or nested values are left as they
    are, for the adapter to name the first bad row."""
    try:
        array = pa.array(values)
    except (pa.ArrowException, OverflowError, TypeError, ValueError):
        return values
    if pa.types.is_null(array.type) or pa.types.is_nested(array.type):
        return values
    return from_arrow(array, name)


def _table_columns(data: bytes, field: str) -> tuple[dict, str]:
    """A CSV or Parquet file as {column: numpy array}, and the format it was in."""
    kind = "parquet" if data[:4] == b"PAR1" else "csv"
    try:
        if kind == "parquet":
            schema = pq.read_schema(io.BytesIO(data))
            text = [
                name
                for name, kind_ in zip(schema.names, schema.types, strict=True)
                if pa.types.is_string(kind_) and name not in IDENTIFIERS
            ]
            # Text read straight as Arrow dictionaries: Parquet stores it so.
            table = pq.read_table(io.BytesIO(data), read_dictionary=text)
        else:
            table = pa_csv.read_csv(io.BytesIO(data))
    except (pa.ArrowException, OSError, ValueError) as error:
        raise APIError(
            422,
            f"{field} is not a readable {kind.upper()} table",
            [problem(field, f"not a readable {kind.upper()} table: {error}")],
        ) from None
    return {name: from_arrow(table.column(name), name) for name in table.column_names}, kind


def _json_reform(text: str | None) -> object:
    if text is None or not text.strip():
        return None
    if text.lstrip().startswith("{"):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError as error:
            raise APIError(
                400, f"Invalid JSON in reform: {error}", [problem("reform", str(error))]
            ) from None
    return text.strip()


def read_upload() -> BatchInput:
    unknown = (set(request.form) - UPLOAD_FIELDS) | (set(request.files) - UPLOAD_FILES)
    problems = [problem(name, "unknown field") for name in sorted(unknown)]
    if "persons" not in request.files:
        problems.append(problem("persons", "required: a CSV or Parquet file of persons"))
    answer_format = request.form.get("format")
    if answer_format is not None and answer_format not in FORMATS:
        problems.append(problem("format", f"one of {', '.join(FORMATS)}"))
    for name, allowed in (("reasons", REASONS), ("language", LANGUAGES)):
        if request.form.get(name) is not None and request.form[name] not in allowed:
            problems.append(problem(name, f"one of {', '.join(allowed)}"))
    if problems:
        raise APIError(422, "the upload is not valid", problems)
    persons, kind = _table_columns(request.files["persons"].read(), "persons")
    households = None
    if "households" in request.files:
        households, _ = _table_columns(request.files["households"].read(), "households")
    outputs = request.form.get("outputs")
    return BatchInput(
        period=request.form.get("period") or None,
        reform=_json_reform(request.form.get("reform")),
        outputs=[name.strip() for name in outputs.split(",") if name.strip()] if outputs else None,
        persons=persons,
        households=households,
        answer_format=answer_format or kind,
        reasons=request.form.get("reasons"),
        language=request.form.get("language") or "en",
    )


TABLES = ("persons", "households")
COLUMN_LEVEL = 3  # body, table, column: a column's items may nest MAX_JSON_DEPTH - 3 levels


def is_column(values) -> bool:
    """An array of values: a JSON array, or a column `json_columns` has typed already (a numpy
    array, or texts as a Categorical)."""
    return type(values) is list or isinstance(values, np.ndarray | pd.Categorical)


def without_column_items(body: dict) -> dict:
    """The body with every column emptied: what is left of its nesting once each column is known
    to be flat."""
    emptied = {
        table: {name: [] if is_column(values) else values for name, values in columns.items()}
        for table in TABLES
        if type(columns := body.get(table)) is dict
    }
    return {**body, **emptied}


def typed_columns(columns: dict, table: str) -> dict:
    """Each JSON column typed: a column of numbers, booleans or texts was typed as it was read
    (`json_columns`), the others are typed by Arrow. Arrow reads every item in C, so a column it
    types as booleans or text is flat; only the others are walked for their depth."""
    typed = {}
    for name, values in columns.items():
        if isinstance(values, pd.Categorical):
            # Identifiers stay texts, as `from_arrow` keeps them.
            typed[name] = np.asarray(values) if name in IDENTIFIERS else values
        elif isinstance(values, np.ndarray):
            typed[name] = values
        else:
            typed[name] = column = from_json_list(values, name)
            if column is values:
                refuse_deep(values, f"{table}.{name}", MAX_JSON_DEPTH - COLUMN_LEVEL + 1)
    return typed


def read_json_columns() -> BatchInput:
    # The depth of a batch's columns is known as they are typed, not walked item by item.
    body = read_tables_object(TABLES)
    refuse_deep(without_column_items(body))
    data = load(BATCH_REQUEST, body)
    problems = [
        problem(f"{table}.{column}", "must be an array of values")
        for table in TABLES
        for column, values in (data.get(table) or {}).items()
        if not is_column(values)
    ]
    if problems:
        raise APIError(422, "every column must be an array", problems)
    households = data.get("households")
    return BatchInput(
        period=data.get("period"),
        reform=data.get("reform"),
        outputs=data.get("outputs"),
        persons=typed_columns(data["persons"], "persons"),
        households=None if households is None else typed_columns(households, "households"),
        answer_format="json",
        reasons=data.get("reasons"),
        language=data["language"],
        parsed=body,
    )


def read_batch() -> BatchInput:
    if request.mimetype == "multipart/form-data":
        return read_upload()
    if request.is_json:
        return read_json_columns()
    sent = request.headers.get("Content-Type") or "no Content-Type"
    message = f"send application/json columns or a multipart/form-data upload, not {sent}"
    raise APIError(415, message, [problem("Content-Type", message)])


def check_period(text: str | None) -> periods.Period:
    if text is None:
        return periods.period(datetime.date.today().strftime("%Y-%m"))
    try:
        period = periods.period(text)
    except (ValueError, TypeError):
        period = None
    if period is None or period.unit != periods.DateUnit.MONTH or period.size != 1:
        raise APIError(422, "period must be a month", [problem("period", "a month, YYYY-MM")])
    return period


def check_outputs(system, outputs: list[str]) -> None:
    problems = [
        problem(f"outputs[{index}]", f"'{name}' is not a variable of this legislation")
        for index, name in enumerate(outputs)
        if name not in system.variables
    ]
    if problems:
        raise APIError(422, "unknown output variables", problems)


def check_size(columns: dict, table: str, limit: int) -> None:
    if not columns:
        return
    rows = max(len(values) for values in columns.values())
    if rows > limit:
        message = f"{rows} rows is over this service's limit of {limit} {table} per request"
        raise APIError(413, message, [problem(table, message)])


@dataclass
class BatchRun:
    """A batch's simulation and the columns of its answer. An output not in `values` is
    computed when the answer reaches it (`value`), so that a JSON answer is sent while the
    next column is computed."""

    simulation: object
    period: periods.Period
    outputs: dict[str, list[str]]  # by entity key, in the order asked
    values: dict[str, object] = field(default_factory=dict)
    reasons: Callable[[], dict] | None = None  # the reason columns, made once asked for
    seconds: float = 0.0  # spent computing the outputs and reasons

    def value(self, name: str):
        if name not in self.values:
            started = time.perf_counter()
            computed = engine.compute(self.simulation, [name], self.period)
            self.seconds += time.perf_counter() - started
            if computed.undefined:
                # An earlier run defined it (`known_defined`): a formula read another parameter
                # for these persons. The answer has begun, so the server cuts it short.
                raise RuntimeError(f"'{name}' on {self.period}: {computed.undefined[name]}")
            self.values.update(computed.values)
        return self.values[name]

    def person_columns(self) -> Iterator[tuple[str, object]]:
        simulation = self.simulation
        yield "person_id", simulation.persons.ids
        yield "household_id", simulation.household.ids[simulation.household.members_entity_id]
        for name in self.outputs["person"]:
            yield name, self.value(name)
        if self.reasons is not None:
            started = time.perf_counter()
            reasons = self.reasons()
            # Counted in the pace: sentences take about ten times as long as the outputs.
            self.seconds += time.perf_counter() - started
            yield from reasons.items()

    def household_columns(self) -> Iterator[tuple[str, object]]:
        yield "household_id", self.simulation.household.ids
        for name in self.outputs["household"]:
            yield name, self.value(name)


def simulate(system, batch: BatchInput, period, outputs: list[str], limits: dict) -> BatchRun:
    """The batch's simulation. Its outputs are computed beforehand, so that one the law does
    not define at the period is answered 422, unless an earlier run of this system found them
    all defined at the period: then each is computed as the answer is written."""
    check_size(batch.persons, "persons", limits["MAX_BATCH_PERSONS"])
    check_size(batch.households or {}, "households", limits["MAX_BATCH_HOUSEHOLDS"])
    refuse_control_characters(batch.persons, "persons", ("person_id", "household_id"))
    refuse_control_characters(batch.households, "households", ("household_id",))
    try:
        inputs = engine.read_columns(system, period, batch.persons, batch.households)
    except engine.InputError as error:
        problems = [item.as_dict() for item in error.problems]
        raise APIError(error.status, f"{len(problems)} column problem(s)", problems) from None
    simulation = engine.simulate(system, inputs)
    if simulation.household.count > limits["MAX_BATCH_HOUSEHOLDS"]:
        message = (
            f"{simulation.household.count} households is over this service's limit of "
            f"{limits['MAX_BATCH_HOUSEHOLDS']} per request"
        )
        raise APIError(413, message, [problem("persons.household_id", message)])
    by_entity: dict[str, list[str]] = {"person": [], "household": []}
    for name in outputs:
        by_entity[system.variables[name].entity.key].append(name)
    run = BatchRun(simulation, period, by_entity)
    if not engine.known_defined(system, outputs, period):
        started = time.perf_counter()
        computed = engine.compute(simulation, outputs, period)
        run.seconds = time.perf_counter() - started
        if computed.undefined:
            problems = [
                problem("period", f"'{name}' is not defined on {period}: {why}")
                for name, why in computed.undefined.items()
            ]
            raise APIError(422, problems[0]["message"], problems)
        run.values.update(computed.values)
    return run


# A batch is streamed only when it is large (a small one gains nothing) and sure to be done in
# half the time left of the request's budget, at the pace of this worker's slowest recent large
# batch: a batch that runs over is answered 503 only while its answer has not begun.
STREAM_FROM_PERSONS = 5_000
_PACES: deque[float] = deque(maxlen=8)  # seconds per person


def _note_pace(run: BatchRun) -> None:
    persons = run.simulation.persons.count
    if persons >= STREAM_FROM_PERSONS and run.seconds > 0:
        _PACES.append(run.seconds / persons)


def may_stream(run: BatchRun, seconds_left: float) -> bool:
    """Whether the answer can begin before its columns are computed (`json_answer`)."""
    persons = run.simulation.persons.count
    paces = list(_PACES)
    return (
        persons >= STREAM_FROM_PERSONS and bool(paces) and max(paces) * persons <= seconds_left / 2
    )


def _json_ready(array: np.ndarray):
    """numpy arrays orjson writes natively stay arrays; text and dates become lists."""
    if array.dtype.kind in "biuf":
        return np.ascontiguousarray(array)
    if array.dtype.kind == "M":
        return array.astype("datetime64[D]").astype(str).tolist()
    return array.tolist()


def _json_array(values) -> bytes:
    """`orjson.dumps(values)`; a column holding one value throughout (most programs pay no one
    in most batches) is its item's JSON repeated, a few times faster. Items are compared bit for
    bit: -0.0 and 0.0 are written differently."""
    if isinstance(values, np.ndarray) and values.size > 1 and values.dtype.kind in "biuf":
        bits = values.view(f"u{values.dtype.itemsize}")
        if np.all(bits == bits[0]):
            item = orjson.dumps(values[:1], option=NUMPY)[1:-1]
            return b"[" + (item + b",") * (values.size - 1) + item + b"]"
    return orjson.dumps(values, option=NUMPY)


def json_pieces(
    head: dict, tables: dict[str, Mapping | Iterable], tail: dict | Callable[[], dict]
) -> Iterator[bytes]:
    """One JSON object, `head`'s fields, then each table's columns, then `tail`'s fields,
    written a column at a time: no buffer holds the whole answer (83 MB for 100,000 households,
    where one buffer cost its own page faults). A table is a mapping of columns or an iterable
    of (name, column) pairs, read as it is written; `tail` may be a function, called once the
    tables are written."""
    yield orjson.dumps(head)[:-1]
    between = b"," if head else b""
    for table, columns in tables.items():
        yield between + orjson.dumps(table) + b":{"
        between = b","
        separator = b""
        for name, values in columns.items() if isinstance(columns, Mapping) else columns:
            yield separator + orjson.dumps(name) + b":"
            yield _json_array(values)  # alone: a copy of 1 MB a column saved
            separator = b","
        yield b"}"
    if callable(tail):
        tail = tail()
    yield (between + orjson.dumps(tail)[1:]) if tail else b"}"


def json_answer(run: BatchRun, meta: dict) -> Iterator[bytes]:
    """The JSON answer, each column computed as it is reached. Texts repeated on many rows (the
    reasons) are written once: the column holds each row's number in `dictionaries[column]`."""
    dictionaries: dict[str, list[str]] = {}

    def ready(columns: Iterable[tuple[str, object]]) -> Iterator[tuple[str, object]]:
        for name, values in columns:
            if isinstance(values, pd.Categorical):
                dictionaries[name] = [str(text) for text in values.categories]
                yield name, _json_ready(values.codes)
            else:
                yield name, _json_ready(np.asarray(values))

    simulation = run.simulation
    head = {
        **meta,
        "counts": {"persons": simulation.persons.count, "households": simulation.household.count},
    }
    tables = {
        "persons": ready(run.person_columns()),
        "households": ready(run.household_columns()),
    }

    def tail() -> dict:
        _note_pace(run)  # every column computed
        return {"dictionaries": dictionaries} if dictionaries else {}

    return json_pieces(head, tables, tail)


def answer(run: BatchRun, batch: BatchInput, meta: dict, streamed: bool = False) -> Response:
    """The answer in the format asked for. A streamed JSON answer is written as its columns are
    computed (the client reads one while the next is computed: `ops.stream`); otherwise it is
    made whole (its length known: Content-Length, not chunks)."""
    if batch.answer_format == "json":
        pieces = json_answer(run, meta)
        return Response(pieces if streamed else list(pieces), mimetype=FORMATS["json"])
    # One table, a row per person: household outputs are repeated for each member.
    members = run.simulation.household.members_entity_id
    columns = dict(run.person_columns())
    columns.update((name, run.value(name)[members]) for name in run.outputs["household"])
    _note_pace(run)
    table = pa.table(
        {
            name: pa.array(v) if isinstance(v, pd.Categorical) else pa.array(np.asarray(v))
            for name, v in columns.items()
        }
    )
    sink = io.BytesIO()
    if batch.answer_format == "csv":
        pa_csv.write_csv(neutralise_formulas(table), sink)  # no cell a spreadsheet would run
    else:
        # Dictionary-encoding numbers costs more than it saves; text columns keep it.
        text = [field.name for field in table.schema if pa.types.is_string(field.type)]
        pq.write_table(table, sink, use_dictionary=text)
    response = Response(sink.getvalue(), mimetype=FORMATS[batch.answer_format])
    response.headers["Legislation-Date"] = meta["legislation_date"]
    reform = meta["reform"] or {}
    response.headers["Reform"] = reform.get("name") or reform.get("digest") or "baseline"
    # The list itself is in the JSON answer (format=json) of the same request.
    response.headers[WARNINGS_HEADER] = str(len(meta["warnings"]))
    return response
