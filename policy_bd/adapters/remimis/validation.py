"""Column and row checks of a returnee file, vectorised with pandas.

`check_columns` rejects a file whose header has an unknown, duplicated or missing required
column. `validate` checks every value of every row at once and returns the parsed columns with
one `RowProblem` per bad value; a row with any problem is not screened, the others are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd

from policy_bd.adapters.remimis.schema import (
    BOOL,
    BY_NAME,
    DATE,
    ENUM,
    FALSE_WORDS,
    FIELDS,
    INTEGER,
    NUMBER,
    REQUIRED,
    SKILLS,
    TRUE_WORDS,
)
from policy_bd.migrant_helpers import add_months

EARLIEST_DATE = np.datetime64("1900-01-01")
LISTED_VALUES = 8  # allowed values are listed in a message up to this many


@dataclass(frozen=True)
class RowProblem:
    """One bad value: the 1-based record number (CSV line minus one), the field, what is wrong."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.field}: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


class RemimisFileError(ValueError):
    """A file that cannot be screened at all (empty, unreadable, wrong columns)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def check_columns(columns: list[str]) -> None:
    """Every column must be a known field, once; every required field must be present."""
    problems = []
    seen = set()
    for column in columns:
        if column in seen:
            problems.append(f"column {column!r} appears more than once")
        seen.add(column)
        if column not in BY_NAME:
            problems.append(f"unknown column {column!r} (see docs/remimis.md for the fields)")
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        problems.append(f"missing required column(s): {', '.join(missing)}")
    if problems:
        raise RemimisFileError(problems)


@dataclass
class Validated:
    """Parsed columns for every row (bad values replaced by defaults), and what was wrong."""

    columns: dict[str, np.ndarray]
    good: np.ndarray
    problems: list[RowProblem]


def _quoted(values: pd.Series) -> pd.Series:
    return "'" + values.str.replace("'", "\\'", regex=False) + "'"


def _allowed_text(allowed: tuple[str, ...]) -> str:
    if len(allowed) <= LISTED_VALUES:
        return "one of " + ", ".join(allowed)
    return "an allowed value (see docs/remimis.md)"


class _Checker:
    """Collects problems as small tables (row, field, message), built only for the bad rows."""

    def __init__(self) -> None:
        self.found: list[pd.DataFrame] = []

    def flag(self, field: str, bad, message: str, shown=None, suffix=None) -> None:
        """Flag the rows where `bad` is true.

        `shown` (the values, quoted) precedes the message and `suffix` (one value per row)
        follows it.
        """
        bad = np.asarray(bad, dtype=bool)
        if not bad.any():
            return
        rows = np.flatnonzero(bad)
        messages = pd.Series(message, index=rows, dtype=object)
        if shown is not None:
            messages = _quoted(pd.Series(shown.to_numpy()[rows], index=rows)) + " " + messages
        if suffix is not None:
            messages = messages + " " + pd.Series(suffix[rows], index=rows).astype(str)
        self.found.append(
            pd.DataFrame({"row": rows + 1, "field": field, "message": messages.to_numpy()})
        )


def _parse_field(field, text: pd.Series, blank: pd.Series, checker: _Checker) -> np.ndarray:
    """The field's values as the simulation wants them; bad or blank values get the default."""
    name = field.name
    if field.kind in (ENUM, BOOL):
        lowered = text.str.lower()
        if field.kind == BOOL:
            allowed = TRUE_WORDS + FALSE_WORDS
            message = "is not true or false"
        else:
            allowed = field.allowed
            message = f"is not {_allowed_text(field.allowed)}"
        bad = ~blank & ~lowered.isin(allowed)
        checker.flag(name, bad, message, text)
        if field.kind == BOOL:
            return lowered.isin(TRUE_WORDS).to_numpy()
        default = field.default if field.default is not None else field.allowed[0]
        return np.where(bad | blank, default, lowered.to_numpy()).astype(str)
    if field.kind == DATE:
        dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        values = dates.to_numpy(dtype="datetime64[D]")
        bad = ~blank & (dates.isna() | (values < EARLIEST_DATE))
        checker.flag(name, bad, "is not a date (YYYY-MM-DD, from 1900)", text)
        return np.where(bad | blank, np.datetime64("1970-01-01"), values)
    if field.kind in (INTEGER, NUMBER):
        numbers = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
        not_number = ~blank & np.isnan(numbers)
        checker.flag(name, not_number, "is not a number", text)
        bad = not_number.copy()
        if field.kind == INTEGER:
            fractional = ~blank & ~not_number & (numbers != np.round(numbers))
            checker.flag(name, fractional, "is not a whole number", text)
            bad |= fractional
        if field.minimum is not None:
            below = ~blank & ~bad & (numbers < field.minimum)
            word = "is negative" if field.minimum == 0 else f"is below {field.minimum:g}"
            checker.flag(name, below, word, text)
            bad |= below
        default = field.default if field.default is not None else 0
        values = np.where(bad | blank, default, numbers)
        return values.astype(int) if field.kind == INTEGER else values.astype(float)
    if field.kind == SKILLS:
        tokens = text.str.lower().str.split(";").explode().str.strip()
        unknown = (tokens != "") & ~tokens.isin(field.allowed)
        first_unknown = tokens[unknown].groupby(level=0).first()
        bad = np.zeros(len(text), dtype=bool)
        bad[text.index.get_indexer(first_unknown.index)] = True
        shown = pd.Series("", index=text.index, dtype=object)
        shown[first_unknown.index] = first_unknown
        checker.flag(name, bad, "is not a skill code (see docs/remimis.md)", shown)
        return text.str.lower().str.replace(" ", "", regex=False).to_numpy(dtype=str)
    return text.to_numpy(dtype=str)


def validate(frame: pd.DataFrame, screening_date: datetime.date) -> Validated:
    """Check every value of `frame` (all text, blanks as "") against the schema."""
    check_columns(list(frame.columns))
    checker = _Checker()
    columns: dict[str, np.ndarray] = {}
    present, valid = {}, {}
    for field in FIELDS:
        text = frame[field.name].str.strip() if field.name in frame else None
        if text is None:
            text = pd.Series("", index=frame.index, dtype=object)
        blank = text == ""
        present[field.name] = ~blank.to_numpy()
        if field.required:
            checker.flag(field.name, blank, "a value is required")
        flagged = len(checker.found)
        columns[field.name] = _parse_field(field, text, blank, checker)
        bad_rows = [found["row"].to_numpy() - 1 for found in checker.found[flagged:]]
        valid[field.name] = present[field.name].copy()
        valid[field.name][np.concatenate(bad_rows or [np.array([], int)])] = False

    ids = frame["returnee_id"].str.strip()
    repeated = (ids.duplicated(keep="first") & (ids != "")).to_numpy()
    if repeated.any():
        record = pd.Series(np.arange(1, len(ids) + 1), index=ids.index)
        first_row = record.groupby(ids).transform("first").to_numpy()
        checker.flag("returnee_id", repeated, "repeats the returnee_id of row", ids, first_row)

    today = np.datetime64(screening_date, "D")
    returned = columns["date_of_return"]
    born = columns["date_of_birth"]
    has_return = valid["date_of_return"]
    checker.flag(
        "date_of_return",
        has_return & (returned > today),
        f"is after the screening date {screening_date.isoformat()}",
    )
    checker.flag(
        "date_of_return",
        has_return & valid["date_of_birth"] & (returned < born),
        "is before date_of_birth",
    )
    departed = columns["date_of_departure"]
    checker.flag(
        "date_of_departure",
        valid["date_of_departure"] & has_return & (departed > returned),
        "is after date_of_return",
    )
    # A blank departure date: the return date minus the months abroad (one continuous stay).
    columns["date_of_departure"] = np.where(
        valid["date_of_departure"],
        departed,
        add_months(returned, -columns["months_abroad"]),
    )
    columns["treatment_cost_stated"] = valid["treatment_cost"]

    good = np.ones(len(frame), dtype=bool)
    if not checker.found:
        return Validated(columns=columns, good=good, problems=[])
    table = pd.concat(checker.found, ignore_index=True)
    good[table["row"].to_numpy() - 1] = False
    return Validated(columns=columns, good=good, problems=_as_problems(table))


def _as_problems(table: pd.DataFrame) -> list[RowProblem]:
    """The problems in row order, and within a row in the order of the schema's fields."""
    order = {field.name: position for position, field in enumerate(FIELDS)}
    table = table.assign(order=table["field"].map(order))
    table = table.sort_values(["row", "order"], kind="stable")
    return [
        RowProblem(int(row), field, str(message))
        for row, field, message in zip(table["row"], table["field"], table["message"], strict=True)
    ]
