"""Returnee records (ReMiMIS) -> one vectorised screening for every migrant-welfare program.

    from policy_bd.adapters.remimis import screen_file, write_table
    result = screen_file("returnees.csv", datetime.date(2025, 6, 1))
    write_table(result.table, "screening.csv")

The fields are in `schema.FIELDS` and `docs/remimis.md`; `SAMPLE_FILE` is a small synthetic
file to try it on. The command line is `policy-bd screen-returnees`.
"""

from pathlib import Path

from policy_bd.adapters.remimis.files import read_records, write_table
from policy_bd.adapters.remimis.schema import FIELDS
from policy_bd.adapters.remimis.screening import (
    SCREENED_PROGRAMS,
    ScreeningResult,
    program_column_names,
    screen_file,
    screen_frame,
)
from policy_bd.adapters.remimis.validation import RemimisFileError, RowProblem

SAMPLE_FILE = Path(__file__).parent / "sample_returnees_synthetic.csv"

__all__ = [
    "FIELDS",
    "SAMPLE_FILE",
    "SCREENED_PROGRAMS",
    "RemimisFileError",
    "RowProblem",
    "ScreeningResult",
    "program_column_names",
    "read_records",
    "screen_file",
    "screen_frame",
    "write_table",
]
