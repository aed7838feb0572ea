"""The input contract, generated from the variables: what a caller may send, and its checks.

Every input variable (a variable without a formula, or an `InputVariable` such as `age`) is a
field under its own name, with its entity, definition period, unit, type, enum values and
plausible range (declared beside the variable, or implied by its unit: `policy_bd.units`).
Every surface (the /v1 endpoints, /calculate, the CLI, the adapters) turns what it received into
columns and checks them here, with array operations: the same names, rules and wording
everywhere, every problem reported at once, rows counted from 1, nothing clamped or dropped.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import math
import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd.input_variable import declaration
from policy_bd.units import FIRST_INPUT_DATE, INPUT_BOUNDS, LAST_INPUT_DATE

INT32 = (-(2**31), 2**31 - 1)
TRUE_WORDS = {"true", "1", "yes", "y", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "f", ""}
ROWS_LISTED = 10  # bad rows named one by one per column and rule; the rest are counted
FIRST_DATE = np.datetime64(FIRST_INPUT_DATE)
LAST_DATE = np.datetime64(LAST_INPUT_DATE)
TYPE_NAMES = {bool: "boolean", int: "integer", float: "number", str: "string"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (a field path), what, and the row (from 1)."""

    field: str
    message: str
    row: int | None = None
    path: tuple | None = None  # the place in a nested document (an OpenFisca situation)

    def __str__(self) -> str:
        where = f" (row {self.row})" if self.row is not None else ""
        return f"{self.field}{where}: {self.message}"

    def as_dict(self) -> dict:
        out = {"field": self.field, "message": self.message}
        if self.row is not None:
            out["row"] = int(self.row)
        return out


class InputError(ValueError):
    """Inputs that cannot be used; `problems` lists every reason, `status` the HTTP answer."""

    def __init__(
        self, problems: list[Problem], status: int = 422, body: dict | None = None
    ) -> None:
        self.problems = problems
        self.status = status
        self.body = body  # OpenFisca's own error document, where it gave one
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class Field:
    """One input a caller may send: a variable of the system, as the contract describes it."""

    name: str
    entity: str
    period: str  # month, year or eternity: the period a value is for
    type: str  # boolean, integer, number, string, date or enum
    label: str
    unit: str | None = None
    values: tuple[str, ...] | None = None  # an enum's names
    minimum: float | None = None
    maximum: float | None = None
    example: object = None

    def json_schema(self) -> dict:
        """The field as an OpenAPI (JSON schema) property."""
        kind = {"enum": "string", "date": "string"}.get(self.type, self.type)
        out = {"type": kind, "description": self._description()}
        if self.type == "date":
            out["format"] = "date"
        if self.values is not None:
            out["enum"] = list(self.values)
        if self.minimum is not None and self.type in ("integer", "number"):
            out["minimum"] = self.minimum
        if self.maximum is not None and self.type in ("integer", "number"):
            out["maximum"] = self.maximum
        out["example"] = self.example if self.example is not None else _example(self)
        return out

    def _description(self) -> str:
        unit = f", {self.unit}" if self.unit else ""
        return f"{self.label} ({self.entity}, per {self.period}{unit})"


def _example(field: Field) -> object:
    if field.values:
        return field.values[0]
    return {
        "boolean": True,
        "integer": int(field.minimum or 0),
        "number": float(field.minimum or 0),
        "date": "2025-08-01",
        "string": "",
    }[field.type]


def _type_name(variable) -> str:
    if variable.value_type is Enum:
        return "enum"
    if variable.value_type is datetime.date:
        return "date"
    return TYPE_NAMES[variable.value_type]


def _bounds(variable) -> tuple[float | None, float | None]:
    declared = declaration(variable)
    low, high = INPUT_BOUNDS.get(variable.unit, (None, None))
    if variable.value_type is int:
        low, high = (INT32[0] if low is None else low), (INT32[1] if high is None else high)
    if declared is not None:
        low = declared.minimum if declared.minimum is not None else low
        high = declared.maximum if declared.maximum is not None else high
    return low, high


@functools.lru_cache(maxsize=8192)
def field_of(variable) -> Field:
    """The contract's description of one variable (its range, unit, type, values)."""
    low, high = _bounds(variable) if variable.value_type in (int, float) else (None, None)
    declared = declaration(variable)
    return Field(
        name=variable.name,
        entity=variable.entity.key,
        period=str(variable.definition_period),
        type=_type_name(variable),
        label=variable.label or variable.name,
        unit=variable.unit,
        values=tuple(item.name for item in variable.possible_values)
        if variable.value_type is Enum
        else None,
        minimum=low,
        maximum=high,
        example=declared.example if declared is not None else None,
    )


_CONTRACTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def is_input(variable) -> bool:
    return (not variable.formulas or declaration(variable) is not None) and variable.end is None


def contract(system: TaxBenefitSystem) -> dict[str, Field]:
    """Every input field of `system` by name (computed once per system)."""
    found = _CONTRACTS.get(system)
    if found is None:
        found = {
            name: field_of(variable)
            for name, variable in sorted(system.variables.items())
            if is_input(variable)
        }
        _CONTRACTS[system] = found
    return found


# ----- checking one column -------------------------------------------------------------------


def _show(value) -> str:
    """A value as the user wrote it: numpy scalars shown as plain Python values."""
    value = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, float) and value.is_integer() and math.isfinite(value):
        value = int(value)
    return repr(value)


# Up to this many rows, numpy's sort finds the distinct values faster than pandas' hashing,
# whose fixed cost dominates for the few members of one household.
SMALL_COLUMN = 256


def _factorize(raw) -> tuple[np.ndarray, list[str]]:
    """Each row's code (0..k-1) and the k distinct values as text, found in C."""
    if isinstance(raw, pd.Categorical):
        return raw.codes, [str(value) for value in raw.categories]
    if raw.dtype.kind == "O" and raw.size <= SMALL_COLUMN:
        uniques, codes = np.unique(raw.astype(str), return_inverse=True)
        return codes.reshape(-1), uniques.tolist()
    codes, uniques = pd.factorize(raw, use_na_sentinel=False)
    return codes, [str(value) for value in uniques]


def map_names(raw, table: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's number in `table` (a name -> number mapping), and where it is unknown."""
    if not isinstance(raw, pd.Categorical) and raw.dtype.kind in "US":
        mapped = np.full(raw.shape, -1, np.int64)
        for name, number in table.items():
            mapped[raw == name] = number
        return mapped, mapped < 0
    codes, names = _factorize(raw)
    lookup = np.array([table.get(name, -1) for name in names], dtype=np.int64)
    mapped = lookup[codes] if lookup.size else np.zeros(0, np.int64)
    return mapped, mapped < 0


class _Found:
    """Bad rows of one column, as (position, message) pairs; positions from 0.

    `listed` rows are named per rule (None: every one); the others are counted in one problem.
    """

    def __init__(self, listed: int | None = ROWS_LISTED) -> None:
        self.items: list[tuple[int | None, str]] = []
        self.listed = listed

    def flag(self, bad: np.ndarray, message, raw=None) -> None:
        """Flag the positions where `bad` is true; `message` is text or a function of a value."""
        rows = np.flatnonzero(bad)
        listed = rows.size if self.listed is None else self.listed
        for position in rows[:listed]:
            text = message(raw[position]) if callable(message) else message
            self.items.append((int(position), text))
        if rows.size > listed:
            first = rows[listed]
            text = message(raw[first]) if callable(message) else message
            self.items.append(
                (None, f"{rows.size - listed} more rows like row {first + 1}: {text}")
            )


def _missing(raw) -> np.ndarray:
    if isinstance(raw, pd.Categorical):
        return raw.codes < 0
    if raw.dtype.kind in "OfMm":
        return np.asarray(pd.isna(raw))
    return np.zeros(raw.shape, bool)


_IS_NUMBER = np.frompyfunc(lambda value: type(value) in (int, float), 1, 1)
_IS_BOOL = np.frompyfunc(lambda value: type(value) is bool, 1, 1)


def _numbers(variable, field: Field, raw, found: _Found, strict: bool):
    if raw.dtype.kind == "b":
        found.flag(np.ones(raw.shape, bool), "true or false is not a number")
        return None
    if strict and raw.dtype.kind == "O":
        # JSON: text ("12") and true/false are not numbers, whatever they would convert to.
        wrong = ~_IS_NUMBER(raw).astype(bool)
        found.flag(wrong, lambda value: f"{_show(value)} is not a number", raw)
        if wrong.any():
            return None
    if strict and raw.dtype.kind == "O":
        with contextlib.suppress(OverflowError):  # a Python int too large for a float
            raw = raw.astype(np.float64)  # every value is a JSON number, checked above
    if raw.dtype.kind not in "iuf":
        numbers = pd.to_numeric(pd.Series(raw, copy=False), errors="coerce").to_numpy()
        numbers = np.asarray(numbers, dtype=float)
        not_number = np.isnan(numbers)
        found.flag(not_number, lambda value: f"{_show(value)} is not a number", raw)
        if not_number.any():
            return None
        raw = numbers
    values = raw.astype(np.float64) if raw.dtype.kind == "f" else raw
    bad = np.zeros(values.shape, bool)
    if values.dtype.kind == "f":
        bad = ~np.isfinite(values)
        found.flag(bad, lambda value: f"{_show(value)} is not a finite number", raw)
        if variable.value_type is int:
            fractional = ~bad & (values != np.round(np.where(bad, 0, values)))
            found.flag(fractional, lambda value: f"{_show(value)} is not a whole number", raw)
            bad |= fractional
    if field.minimum is not None:
        below = ~bad & (values < field.minimum)
        found.flag(
            below,
            lambda value: f"{_show(value)} is below the minimum of {_show(field.minimum)}",
            raw,
        )
        bad |= below
    if field.maximum is not None:
        above = ~bad & (values > field.maximum)
        found.flag(
            above,
            lambda value: f"{_show(value)} is above the maximum of {_show(field.maximum)}",
            raw,
        )
        bad |= above
    if bad.any():
        return None
    return values.astype(variable.dtype)


def _booleans(raw, found: _Found, strict: bool):
    if raw.dtype.kind == "b":
        return raw
    if strict:
        wrong = ~_IS_BOOL(raw).astype(bool) if raw.dtype.kind == "O" else np.ones(raw.shape, bool)
        found.flag(wrong, lambda value: f"{_show(value)} is not true or false", raw)
        if wrong.any():
            return None
        return raw.astype(bool)
    if raw.dtype.kind in "iuf":
        bad = (raw != 0) & (raw != 1)
        found.flag(bad, lambda value: f"{_show(value)} is not true or false", raw)
        return None if bad.any() else raw.astype(bool)
    words = {word: 1 for word in TRUE_WORDS} | {word: 0 for word in FALSE_WORDS}
    codes, names = _factorize(raw)
    lookup = np.array([words.get(name.lower(), -1) for name in names], dtype=np.int8)
    flags = lookup[codes] if lookup.size else np.zeros(0, np.int8)
    bad = flags < 0
    found.flag(bad, lambda value: f"{_show(value)} is not true or false", raw)
    return None if bad.any() else flags == 1


def _dates(raw, found: _Found):
    bad = np.zeros(len(raw), bool)
    if raw.dtype.kind == "M":
        days = raw.astype("datetime64[D]")
    else:
        text = pd.Series(raw, copy=False).astype(str)
        shaped = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}").to_numpy(dtype=bool)
        parsed = pd.to_datetime(text.where(shaped), format="%Y-%m-%d", errors="coerce")
        years = pd.to_numeric(text.str.slice(0, 4).where(shaped), errors="coerce").to_numpy()
        out_of_range = shaped & np.asarray(parsed.isna()) & (years < 1900)
        not_date = np.asarray(parsed.isna()) & ~out_of_range
        found.flag(not_date, lambda value: f"{_show(value)} is not a date (YYYY-MM-DD)", raw)
        found.flag(out_of_range, lambda value: f"{_show(value)} is before {FIRST_INPUT_DATE}", raw)
        bad = not_date | out_of_range
        days = parsed.to_numpy().astype("datetime64[D]")
    # The dates that were read are range-checked too, so every problem is reported at once.
    early, late = ~bad & (days < FIRST_DATE), ~bad & (days > LAST_DATE)
    found.flag(early, lambda value: f"{_show(str(value))} is before {FIRST_INPUT_DATE}", days)
    found.flag(late, lambda value: f"{_show(str(value))} is after {LAST_INPUT_DATE}", days)
    return None if (bad | early | late).any() else days


def convert(
    variable, values, strict: bool = False, listed: int | None = ROWS_LISTED
) -> tuple[np.ndarray | None, list[tuple[int | None, str]]]:
    """The column `values` as the array OpenFisca stores for `variable`, or the bad rows.

    Every check is an array operation. `strict` (values from JSON objects) refuses text for a
    number or a boolean; columns from files may spell them as text ("12", "yes"). Returns
    (array, []) or (None, [(position, message)]), positions counted from 0 (None for a problem
    of the whole column); `listed` bad rows are named per rule, the others counted.
    """
    field = field_of(variable)
    found = _Found(listed)
    is_enum = variable.value_type is Enum
    if isinstance(values, pd.Categorical):
        raw = (
            values
            if (is_enum or variable.value_type is bool)
            else np.asarray(values.astype(object))
        )
    else:
        raw = np.asarray(values)
        if raw.ndim != 1:
            return None, [(None, "must be a flat list of values")]
    missing = _missing(raw)
    found.flag(missing, "missing value")
    if missing.any():
        if raw.dtype.kind != "f":
            return None, found.items
        raw = np.where(missing, 0.0, raw)  # the other rows are still checked, all at once
    array, problems = _typed(variable, field, raw, found, strict)
    return (None if missing.any() else array), problems


def _typed(variable, field: Field, raw, found: _Found, strict: bool):
    is_enum = variable.value_type is Enum
    try:
        if is_enum:
            enum = variable.possible_values
            mapped, unknown = map_names(raw, {item.name: item.index for item in enum})
            known = ", ".join(item.name for item in enum)
            found.flag(unknown, lambda value: f"{_show(value)} is not one of {known}", raw)
            array = None if unknown.any() else EnumArray(mapped.astype(np.int16), enum)
        elif variable.value_type is bool:
            array = _booleans(raw, found, strict)
        elif variable.value_type in (int, float):
            array = _numbers(variable, field, raw, found, strict)
        elif variable.value_type is datetime.date:
            array = _dates(raw, found)
        else:
            array = np.asarray(raw).astype(str)
    except (TypeError, ValueError, OverflowError) as error:
        return None, [(None, str(error))]
    return array, found.items


@functools.cache
def _surrogate_free(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text_problem(value: object, longest: int = 64) -> str | None:
    """What is wrong with an identifier: empty, too long, or not encodable text."""
    if not isinstance(value, str):
        return f"{_show(value)} is not text"
    if not value:
        return "must not be empty"
    if len(value) > longest:
        return f"is longer than {longest} characters"
    if not _surrogate_free(value):
        return "is not valid Unicode text (a lone surrogate)"
    return None
