"""Reading returnee files (CSV or JSON, by extension) and writing screening tables.

Every value is read as text, blanks as "", so that one validator serves both formats. A JSON file
is a list of objects, or an object with a `records` list; numbers and booleans are turned into
their text, `null` into a blank.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

from policy_bd.adapters.remimis.schema import FIELDS
from policy_bd.adapters.remimis.validation import RemimisFileError, check_columns
from policy_bd.files import atomic_write, neutralise_formulas

FORMATS = (".csv", ".json")


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise RemimisFileError([f"{path.name}: use a .csv or .json file, not {suffix or 'none'}"])
    return suffix


def read_records(path: str | Path) -> pd.DataFrame:
    """The file's records as a table of text, one column per field, in file order."""
    path = Path(path)
    suffix = _format(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RemimisFileError([f"cannot read {path.name}: {error}"]) from error
    if not text.strip():
        raise RemimisFileError([f"{path.name} is empty: expected a header row naming the columns"])
    return _read_csv(text) if suffix == ".csv" else _read_json(text, path.name)


def _read_csv(text: str) -> pd.DataFrame:
    header = [name.strip() for name in next(csv.reader(io.StringIO(text)))]
    check_columns(header)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            header=None,
            skiprows=1,
            names=header,
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise RemimisFileError([f"the CSV is malformed: {error}"]) from error
    return frame.fillna("")


def _as_text(column: pd.Series) -> pd.Series:
    """JSON scalars as text: null -> "", true -> "true", 5 -> "5"; objects and lists are refused."""
    values = column.to_numpy(dtype=object)
    nested = np.array([isinstance(v, dict | list) for v in values], dtype=bool)
    if nested.any():
        row = int(np.flatnonzero(nested)[0]) + 1
        raise RemimisFileError([f"row {row}, {column.name}: a single value is expected"])
    text = column.astype(str)
    text[column.isna()] = ""
    is_bool = np.array([isinstance(v, bool) for v in values], dtype=bool)
    text[is_bool] = text[is_bool].str.lower()
    return text


def _read_json(text: str, name: str) -> pd.DataFrame:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RemimisFileError([f"{name} is not valid JSON: {error}"]) from error
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list):
        raise RemimisFileError([f"{name}: expected a list of records (or {{'records': [...]}})"])
    not_objects = [i + 1 for i, record in enumerate(data) if not isinstance(record, dict)]
    if not_objects:
        raise RemimisFileError([f"record {not_objects[0]} is not an object of field: value"])
    if not data:  # no records, hence no fields to check: an empty table of every field
        return pd.DataFrame({field.name: pd.Series(dtype=object) for field in FIELDS})
    frame = pd.DataFrame.from_records(data)
    return pd.DataFrame({column: _as_text(frame[column]) for column in frame.columns})


def write_table(table: pd.DataFrame, path: str | Path) -> None:
    """Write the screening table as CSV or JSON (records), by the file's extension, atomically
    (a failure leaves no truncated file); CSV cells that a spreadsheet would run as formulas are
    neutralised. Raises `policy_bd.files.WriteError` naming the file and the cause."""
    path = Path(path)
    if _format(path) == ".json":
        with atomic_write(path) as stream:
            table.to_json(stream, orient="records", force_ascii=False, indent=1)
        return
    out = table.copy()
    for column in out.select_dtypes(include=["boolean", "bool"]).columns:
        out[column] = out[column].map({True: "true", False: "false"})
    with atomic_write(path) as stream:
        neutralise_formulas(out).to_csv(stream, index=False)
