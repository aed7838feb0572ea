"""Screen validated returnee records for every migrant-welfare program in one simulation.

All good rows go into ONE vectorised simulation built by the engine (`read_columns`, which
checks them against the input contract too, then `simulate`): each
returnee is a one-person household in the month of the screening date. For each program the
table gives the eligibility, the amount and the names of the failed criteria (from the program
registry), and for loans the term, total interest and monthly instalment. Rejected rows stay in
the table, in file order, with status `rejected` and their errors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd import engine
from policy_bd.adapters.remimis.files import read_records
from policy_bd.adapters.remimis.schema import FIELDS
from policy_bd.adapters.remimis.validation import RemimisFileError, RowProblem, validate
from policy_bd.explain_batch import reason_columns, sentence_columns
from policy_bd.programs import programs

# The programs a returnee can claim or apply for, in the table's order.
SCREENED_PROGRAMS = (
    "wewb_treatment_aid",
    "migrant_insurance_jobless_return",
    "pkb_migration_loan",
    "pkb_rehabilitation_loan",
    "pkb_womens_rehabilitation_loan",
    "pkb_special_rehabilitation_loan",
    "migrant_reintegration_loan",
    "migrant_health_insurance",
)
# The program each `requested_loan_product` value applies for.
LOAN_PRODUCT_PROGRAMS = {
    "migration": "pkb_migration_loan",
    "rehabilitation": "pkb_rehabilitation_loan",
    "womens_rehabilitation": "pkb_womens_rehabilitation_loan",
    "special_rehabilitation": "pkb_special_rehabilitation_loan",
    "reintegration": "migrant_reintegration_loan",
}
LOAN_COLUMNS = {
    "term_variable": "term_months",
    "total_interest_variable": "total_interest",
    "monthly_instalment_variable": "monthly_instalment",
}


@dataclass
class ScreeningResult:
    table: pd.DataFrame
    problems: list[RowProblem]
    rows_read: int
    rows_screened: int
    date: datetime.date
    eligible_counts: dict[str, int]

    @property
    def rows_rejected(self) -> int:
        return self.rows_read - self.rows_screened


def _inputs(columns: dict[str, np.ndarray], good: np.ndarray) -> dict[str, np.ndarray]:
    """Person columns for `build_simulation`: one household per returnee, status `returned`."""
    persons = {
        field.variable: columns[field.name][good] for field in FIELDS if field.variable is not None
    }
    count = int(good.sum())
    persons["household_id"] = np.arange(count)
    persons["person_id"] = columns["returnee_id"][good]
    persons["migrant_status"] = np.full(count, "returned")
    return persons


def _program_columns(simulation, period, count: int, columns, good) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for name in SCREENED_PROGRAMS:
        entry = programs()[name]
        names = [*entry.variables, *entry.loan.values()]
        if entry.limit_variable:
            names.append(entry.limit_variable)
        values = engine.compute(simulation, names, period).values
        amount = values[entry.amount_variable]
        if entry.limit_variable:  # an aid "up to" a ceiling: the ceiling without a cost
            amount = np.where(
                columns["treatment_cost_stated"][good], amount, values[entry.limit_variable]
            )
        out[f"{name}_eligible"] = values[entry.eligibility_variable]
        out[f"{name}_amount"] = amount
        for key, suffix in LOAN_COLUMNS.items():
            if key in entry.loan:
                out[f"{name}_{suffix}"] = values[entry.loan[key]]
    codes = reason_columns(simulation, period, SCREENED_PROGRAMS, reasons="codes")
    for name in SCREENED_PROGRAMS:
        out[f"{name}_reasons"] = np.asarray(codes[f"{name}__failed"], dtype=object)
    requested = columns["requested_loan_product"][good]
    out["requested_loan_eligible"] = np.select(
        [requested == product for product in LOAN_PRODUCT_PROGRAMS],
        [out[f"{program}_eligible"] for program in LOAN_PRODUCT_PROGRAMS.values()],
        False,
    )
    return out


def program_column_names() -> list[str]:
    """The table's program columns, in order (also present, empty, when no row is screened)."""
    names = []
    for name in SCREENED_PROGRAMS:
        entry = programs()[name]
        names += [f"{name}_eligible", f"{name}_amount"]
        names += [f"{name}_{suffix}" for key, suffix in LOAN_COLUMNS.items() if key in entry.loan]
        names.append(f"{name}_reasons")
    return [*names, "requested_loan_eligible"]


def _spread(values: np.ndarray, good: np.ndarray) -> pd.Series:
    """Values of the screened rows placed at their rows; rejected rows are left empty.

    Amounts come out of the simulation in float32; they are shown in taka to the paisa.
    """
    if values.dtype == bool:
        full = pd.Series(pd.NA, index=range(good.size), dtype="boolean")
    elif values.dtype.kind in "iu":
        full = pd.Series(pd.NA, index=range(good.size), dtype="Int64")
    elif values.dtype.kind == "f":
        full = pd.Series(np.nan, index=range(good.size), dtype=float)
        values = np.round(values.astype(np.float64), 2)
    else:
        full = pd.Series(None, index=range(good.size), dtype=object)
    full[good] = values
    return full


def _errors_by_row(problems: list[RowProblem], count: int) -> pd.Series:
    errors = pd.Series("", index=range(count), dtype=object)
    if problems:
        found = pd.DataFrame([problem.as_dict() for problem in problems])
        text = (found["field"] + ": " + found["message"]).groupby(found["row"] - 1).agg("; ".join)
        errors[text.index] = text
    return errors


def _contract_checked(system, period, validated) -> engine.Inputs | None:
    """The good rows through the engine's input contract; a row it refuses (a value out of the
    model's range) is rejected with the contract's words, like any other bad value."""
    variable_fields = {field.variable: field.name for field in FIELDS if field.variable}
    for _ in range(2):
        good_rows = np.flatnonzero(validated.good)
        if not good_rows.size:
            return None
        try:
            return engine.read_columns(system, period, _inputs(validated.columns, validated.good))
        except engine.InputError as error:
            found = []
            for problem in error.problems:
                column = problem.field.split(".", 1)[-1]
                name = variable_fields.get(column, column)
                if problem.row is None:
                    raise RemimisFileError([f"{name}: {problem.message}"]) from None
                found.append(RowProblem(int(good_rows[problem.row - 1]) + 1, name, problem.message))
            validated.good[[item.row - 1 for item in found]] = False
            validated.problems = sorted([*validated.problems, *found], key=lambda p: p.row)
    return None


def screen_frame(
    frame: pd.DataFrame,
    date: datetime.date,
    system: TaxBenefitSystem | None = None,
    sentences: str | None = None,
) -> ScreeningResult:
    """Validate the records of `frame` (text columns) and screen the good ones on `date`;
    with `sentences` ('en' or 'bn'), each program's failed criteria also as sentences."""
    if system is None:
        system = engine.baseline_system()
    validated = validate(frame, date)
    period = periods.period(f"{date.year:04d}-{date.month:02d}")
    inputs = _contract_checked(system, period, validated)
    good = validated.good
    count = int(good.sum())
    table = pd.DataFrame(
        {
            "row": np.arange(1, len(frame) + 1),
            "returnee_id": validated.columns["returnee_id"],
            "status": np.where(good, "screened", "rejected"),
            "errors": _errors_by_row(validated.problems, len(frame)),
            "skills": validated.columns["skills"],
            "requested_loan_product": np.where(
                good, validated.columns["requested_loan_product"], ""
            ),
        }
    )
    eligible_counts = dict.fromkeys(SCREENED_PROGRAMS, 0)
    if count:
        simulation = engine.simulate(system, inputs)
        screened = _program_columns(simulation, period, count, validated.columns, good)
        if sentences:
            screened.update(sentence_columns(simulation, period, SCREENED_PROGRAMS, sentences))
        for column, values in screened.items():
            table[column] = _spread(np.asarray(values), good)
        eligible_counts = {
            name: int(np.sum(screened[f"{name}_eligible"])) for name in SCREENED_PROGRAMS
        }
    else:
        for column in program_column_names():
            table[column] = pd.Series(dtype=object)
    return ScreeningResult(
        table=table,
        problems=validated.problems,
        rows_read=len(frame),
        rows_screened=count,
        date=date,
        eligible_counts=eligible_counts,
    )


def screen_file(
    path: str | Path,
    date: datetime.date,
    system: TaxBenefitSystem | None = None,
    sentences: str | None = None,
) -> ScreeningResult:
    """Read a CSV or JSON returnee file and screen it on `date`."""
    return screen_frame(read_records(path), date, system, sentences)
