"""Writing files safely, and CSV cells a spreadsheet will not run.

- `atomic_write(path)`: write to a temporary file beside the target, then rename it over the
  target; a failure midway leaves the old file (or none), never a truncated one.
- `refuse_overwriting_inputs(output, inputs)`: an output that resolves to an input (the same
  path, or a link to it) is refused before anything is read or written.
- `WriteError`: every write error names the file and the cause.
- `neutralise_formulas`: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
  return is what a spreadsheet reads as a formula (CSV injection); such a cell is written with a
  leading apostrophe, which spreadsheets show as text. Every CSV writer of the package (batch
  answers, returnee screening, microsimulation indicators) calls it. Numbers are not text and
  are left as they are.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

FORMULA_START = "^[=+\\-@\t\r]"
NEUTRALISER = "'"


class WriteError(OSError):
    """A file could not be written: the message names the file and the cause."""


def describe(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def refuse_overwriting_inputs(output: str | Path, inputs: list[str | Path]) -> None:
    target = Path(output).resolve()
    for source in inputs:
        source_path = Path(source)
        same = source_path.resolve() == target
        if not same and source_path.exists() and target.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(source_path, target)
        if same:
            raise WriteError(
                f"{output} is the input file {source}: write the result to another file "
                "(the input would be lost)"
            )


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator:
    """Open a temporary file beside `path` for writing; on success it replaces `path`."""
    target = Path(path)
    if target.is_dir():
        raise WriteError(f"cannot write {target}: it is a folder")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"cannot write {target}: {describe(error)}") from None
    binary = "b" in mode
    try:
        with os.fdopen(
            handle, mode, encoding=None if binary else encoding, newline=None if binary else ""
        ) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # The file mode of a new file, not mkstemp's private 0600.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(f"cannot write {target}: {describe(error)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _neutralise_array(array: pa.Array) -> pa.Array:
    if isinstance(array, pa.ChunkedArray):
        return pa.chunked_array([_neutralise_array(chunk) for chunk in array.chunks], array.type)
    if pa.types.is_dictionary(array.type):
        return pa.DictionaryArray.from_arrays(array.indices, _neutralise_array(array.dictionary))
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return array
    risky = pc.match_substring_regex(array, FORMULA_START)
    prefixed = pc.binary_join_element_wise(
        pa.scalar(NEUTRALISER, array.type), array, pa.scalar("", array.type)
    )
    return pc.if_else(pc.fill_null(risky, False), prefixed, array)


def neutralise_formulas(table):
    """The table (pyarrow Table or pandas DataFrame) with every formula-like text cell
    prefixed by an apostrophe; other cells and columns unchanged."""
    if isinstance(table, pd.DataFrame):
        out = table.copy()
        for column in out.columns:
            values = out[column]
            if values.dtype == object or pd.api.types.is_string_dtype(values):
                text = values.astype("string")
                risky = text.str.match(FORMULA_START, na=False)
                if risky.any():
                    out[column] = values.where(~risky, NEUTRALISER + text)
        return out
    columns = [_neutralise_array(column) for column in table.columns]
    return pa.Table.from_arrays(columns, names=table.column_names)
