"""Build one vectorised simulation from columns: a person table and an optional household table.

This is the path for many households at once (the batch API, returnee files, survey data). Each
column is one input variable, one value per row; no Python loop runs over people or households.

A column is a list, a numpy array or, for text with few distinct values, a `pandas.Categorical`.
Person columns: `household_id` (required), `person_id` (optional, default 0..n-1), `role`
(optional: head, spouse, child or other; by default the first member of each household is the
head and the others are `other`), then any person input variables. Household columns:
`household_id`, then any household input variables. Inputs are set for the period of their
variable: the month for monthly variables, its calendar year for yearly ones, forever for
eternal ones.

Every problem (an unknown column, a column of the wrong entity, a value that is missing or not
of the variable's type, a second head in a household) is collected and raised together as
`ColumnsError`, each naming the column and, where there is one, the first bad row.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

ROLE_KEYS = ("head", "spouse", "child", "other")
PERSON_KEYS = {"household_id", "person_id", "role"}
HOUSEHOLD_KEYS = {"household_id"}
TRUE_WORDS = {"true", "1", "yes", "y", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "f", ""}


@dataclass(frozen=True)
class ColumnProblem:
    table: str
    column: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        where = f" (row {self.row})" if self.row is not None else ""
        return f"{self.table}.{self.column}{where}: {self.message}"

    def as_dict(self) -> dict:
        out = {"field": f"{self.table}.{self.column}", "message": self.message}
        if self.row is not None:
            out["row"] = self.row
        return out


class ColumnsError(ValueError):
    def __init__(self, problems: list[ColumnProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def calculation_period(variable, period: periods.Period) -> periods.Period:
    """The period a variable is computed for: as `variable_period`, but an eternal variable is
    read at the simulation's month (any period gives its value, and OpenFisca cannot run a
    formula for ETERNITY itself)."""
    if variable.definition_period == DateUnit.ETERNITY:
        return period.first_month
    return variable_period(variable, period)


def variable_period(variable, period: periods.Period) -> periods.Period:
    """The period a variable is set or read for, given the simulation's month."""
    unit = variable.definition_period
    if unit == DateUnit.ETERNITY:
        return periods.period("eternity")
    if unit == DateUnit.YEAR:
        return period.this_year
    if unit == DateUnit.MONTH:
        return period.first_month
    return period


def _show(value) -> str:
    """A value as the user wrote it: numpy scalars shown as plain Python values."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _first_true(mask: np.ndarray) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def _factorize(raw: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each row's code (0..k-1) and the k distinct values as text, found by hashing in C.

    Columns of names (enums, roles, yes/no words) have few distinct values, so the checks and
    the mapping to OpenFisca's codes run on the k distinct values, not on every row. A
    `pandas.Categorical` (what the API makes of Arrow's dictionary-encoded text) already is that.
    """
    if isinstance(raw, pd.Categorical):
        return raw.codes, [str(value) for value in raw.categories]
    codes, uniques = pd.factorize(raw, use_na_sentinel=False)
    return codes, [str(value) for value in uniques]


def map_names(raw: np.ndarray, table: Mapping[str, int]) -> tuple[np.ndarray, int | None]:
    """Each row's number in `table` (a name -> number mapping), and the first unknown row."""
    if not isinstance(raw, pd.Categorical) and raw.dtype.kind in "US":
        # Fixed-width text: one vectorised comparison per known name (a handful) is cheaper
        # than turning every row into a Python object to hash it.
        mapped = np.full(raw.shape, -1, np.int64)
        for name, number in table.items():
            mapped[raw == name] = number
        unknown = mapped < 0
        return mapped, (_first_true(unknown) if unknown.any() else None)
    codes, names = _factorize(raw)
    lookup = np.array([table.get(name, -1) for name in names], dtype=np.int64)
    mapped = lookup[codes] if lookup.size else np.zeros(0, np.int64)
    unknown = lookup < 0
    return mapped, (_first_true(unknown[codes]) if unknown.any() else None)


def _missing(raw: np.ndarray) -> np.ndarray:
    if raw.dtype.kind in "OfMm":  # objects (None), floats (NaN), dates (NaT)
        return np.asarray(pd.isna(raw))
    return np.zeros(raw.shape, bool)


def _convert_dates(raw: np.ndarray, table: str, column: str):
    if raw.dtype.kind == "M":
        return raw.astype("datetime64[D]"), None
    parsed = pd.to_datetime(pd.Series(raw, copy=False), format="%Y-%m-%d", errors="coerce")
    bad = np.asarray(parsed.isna())
    if bad.any():
        row = _first_true(bad)
        return None, ColumnProblem(
            table, column, f"{str(raw[row])!r} is not a date (YYYY-MM-DD)", row
        )
    return parsed.to_numpy().astype("datetime64[D]"), None


def convert_column(
    variable, values, table: str, column: str
) -> tuple[np.ndarray | None, ColumnProblem | None]:
    """Turn raw column values into the array OpenFisca expects for `variable`.

    Every check is an array operation; when one fails, the first bad row is named.
    """
    value_type = variable.value_type
    names_expected = value_type is bool or getattr(variable, "possible_values", None) is not None
    if isinstance(values, pd.Categorical):  # text already encoded as codes and categories
        missing = values.codes < 0
        raw = values if names_expected else np.asarray(values.astype(object))
    else:
        raw = np.asarray(values)
        if raw.ndim != 1:
            return None, ColumnProblem(table, column, "must be a flat list of values")
        missing = _missing(raw)
    if missing.any():
        return None, ColumnProblem(table, column, "missing value", _first_true(missing))
    try:
        if getattr(variable, "possible_values", None) is not None:
            enum = variable.possible_values
            mapped, row = map_names(raw, {item.name: item.index for item in enum})
            if row is not None:
                known = ", ".join(item.name for item in enum)
                return None, ColumnProblem(
                    table, column, f"{_show(raw[row])} is not one of {known}", row
                )
            return EnumArray(mapped.astype(np.int16), enum), None
        if value_type is bool:
            if raw.dtype.kind == "b":
                return raw, None
            if raw.dtype.kind in "iuf":
                bad = (raw != 0) & (raw != 1)
                if bad.any():
                    row = _first_true(bad)
                    return None, ColumnProblem(
                        table, column, f"{_show(raw[row])} is not true or false", row
                    )
                return raw.astype(bool), None
            words = {word: 1 for word in TRUE_WORDS} | {word: 0 for word in FALSE_WORDS}
            codes, names = _factorize(raw)
            lookup = np.array([words.get(name.lower(), -1) for name in names], dtype=np.int8)
            flags = lookup[codes] if lookup.size else np.zeros(0, np.int8)
            bad = flags < 0
            if bad.any():
                row = _first_true(bad)
                return None, ColumnProblem(
                    table, column, f"{_show(raw[row])} is not true or false", row
                )
            return flags == 1, None
        if value_type in (int, float):
            if raw.dtype.kind in "iuf":
                if value_type is int and raw.dtype.kind == "f":
                    fractional = raw != np.round(raw)
                    if fractional.any():
                        row = _first_true(fractional)
                        return None, ColumnProblem(
                            table, column, f"{_show(raw[row])} is not a whole number", row
                        )
                return raw.astype(variable.dtype, copy=False), None
            if raw.dtype.kind == "b":
                return None, ColumnProblem(table, column, "true or false is not a number", 0)
            numbers = pd.to_numeric(pd.Series(raw, copy=False), errors="coerce").to_numpy()
            not_numbers = np.isnan(numbers.astype(float))
            if not_numbers.any():
                row = _first_true(not_numbers)
                return None, ColumnProblem(table, column, f"{_show(raw[row])} is not a number", row)
            return convert_column(variable, numbers, table, column)
        if value_type is datetime.date:
            return _convert_dates(raw, table, column)
        if value_type is str:
            return raw.astype(str), None
    except (TypeError, ValueError) as error:
        return None, ColumnProblem(table, column, str(error))
    return raw.astype(variable.dtype), None


def _identifiers(values) -> np.ndarray:
    """Identifiers as one flat array; mixed or missing values become text, to be reported."""
    ids = np.asarray(values)
    if ids.dtype.kind == "O":
        ids = ids.astype(str)
    return ids.ravel() if ids.ndim > 1 else ids


def _first_duplicate(ids: np.ndarray) -> int | None:
    """The row of the first repeated identifier (found by sorting, not hashing rows in Python)."""
    order = np.argsort(ids, kind="stable")
    ordered = ids[order]
    repeated = ordered[1:] == ordered[:-1]
    return int(order[1:][repeated].min()) if repeated.any() else None


def _same_kind(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Household identifiers compared as text when one table has numbers and the other text."""
    if (a.dtype.kind in "US") != (b.dtype.kind in "US"):
        return a.astype(str), b.astype(str)
    return a, b


def _first_of_group(group_index: np.ndarray) -> np.ndarray:
    """True for the first listed member of each household."""
    if group_index.size and (np.diff(group_index) >= 0).all():  # already grouped: no sort needed
        first = np.ones(group_index.size, bool)
        first[1:] = group_index[1:] != group_index[:-1]
        return first
    order = np.argsort(group_index, kind="stable")
    ordered = group_index[order]
    starts = np.ones(ordered.size, bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    first = np.zeros(group_index.size, bool)
    first[order[starts]] = True
    return first


def _empty_simulation(system, person_ids, household_ids, group_index, role_codes) -> Simulation:
    """A simulation with its populations set from arrays.

    SimulationBuilder's declare/join methods rebuild Python lists of the identifiers and sort
    them again; the household index is already known here, so the populations are set directly.
    """
    builder = SimulationBuilder()
    builder.create_entities(system)
    persons = builder.populations["person"]
    persons.ids, persons.count = person_ids, len(person_ids)
    builder.persons_plural = persons.entity.plural
    households = builder.populations["household"]
    households.ids, households.count = household_ids, len(household_ids)
    households.members_entity_id = group_index
    by_key = {role.key: role for role in households.entity.flattened_roles}
    role_table = np.array([by_key[key] for key in ROLE_KEYS], dtype=object)
    # The public setter copies the array through a Python list of Role objects, one per person.
    households._members_role = role_table[role_codes]
    return builder.build(system)


def _length(table: Mapping) -> int:
    lengths = {len(values) for values in table.values()}
    return lengths.pop() if len(lengths) == 1 else -1


def _group(
    person_household: np.ndarray, households: Mapping | None, problems: list[ColumnProblem]
) -> tuple[np.ndarray, np.ndarray]:
    """Each person's 0-based household index, and the household identifiers in that order."""
    if households is None or "household_id" not in households:
        household_ids, group_index = np.unique(person_household, return_inverse=True)
        return group_index.ravel(), household_ids
    household_ids = _identifiers(households["household_id"])
    if _length(households) < 0:
        problems.append(ColumnProblem("households", "*", "every column must have the same length"))
    duplicate = _first_duplicate(household_ids)
    if duplicate is not None:
        problems.append(
            ColumnProblem("households", "household_id", "identifiers must be unique", duplicate)
        )
    wanted, known = _same_kind(person_household, household_ids)
    order = np.argsort(known, kind="stable")
    found = np.searchsorted(known, wanted, sorter=order).clip(0, max(len(known) - 1, 0))
    group_index = order[found] if len(known) else np.zeros(len(wanted), np.intp)
    absent = known[group_index] != wanted if len(known) else np.ones(len(wanted), bool)
    if absent.any():
        row = _first_true(absent)
        problems.append(
            ColumnProblem(
                "persons",
                "household_id",
                f"{_show(person_household[row])} is not in households.household_id",
                row,
            )
        )
    members = np.bincount(group_index[~absent], minlength=len(known))
    if (members == 0).any():
        row = _first_true(members == 0)
        problems.append(
            ColumnProblem(
                "households",
                "household_id",
                f"household {_show(household_ids[row])} has no members",
                row,
            )
        )
    return group_index, household_ids


def _roles(
    persons: Mapping, group_index: np.ndarray, household_ids: np.ndarray, problems: list
) -> np.ndarray:
    """Each person's role as a position in ROLE_KEYS; by default the first member is the head."""
    if "role" not in persons:
        return np.where(_first_of_group(group_index), 0, ROLE_KEYS.index("other"))
    raw = persons["role"]
    raw = raw if isinstance(raw, pd.Categorical) else np.asarray(raw)
    codes, row = map_names(raw, {key: index for index, key in enumerate(ROLE_KEYS)})
    if row is not None:
        problems.append(
            ColumnProblem(
                "persons", "role", f"{_show(raw[row])} is not one of {', '.join(ROLE_KEYS)}", row
            )
        )
    heads = np.bincount(group_index[codes == 0], minlength=len(household_ids))
    if (heads > 1).any():
        household = household_ids[_first_true(heads > 1)]
        problems.append(
            ColumnProblem("persons", "role", f"household {_show(household)} has more than one head")
        )
    return codes


def build_simulation(
    system: TaxBenefitSystem,
    period: str | periods.Period,
    persons: Mapping[str, object],
    households: Mapping[str, object] | None = None,
) -> Simulation:
    """A simulation of every row of `persons` (and `households`) with their inputs set."""
    period = periods.period(period)
    problems: list[ColumnProblem] = []
    n_persons = _length(persons)
    if n_persons < 0:
        raise ColumnsError(
            [ColumnProblem("persons", "*", "every column must have the same length")]
        )
    if "household_id" not in persons:
        raise ColumnsError(
            [ColumnProblem("persons", "household_id", "required: the household of each person")]
        )
    if households and "household_id" not in households:
        raise ColumnsError(
            [
                ColumnProblem(
                    "households", "household_id", "required when household columns are given"
                )
            ]
        )
    person_household = _identifiers(persons["household_id"])
    group_index, household_ids = _group(person_household, households, problems)

    if "person_id" in persons:
        person_ids = _identifiers(persons["person_id"])
        duplicate = _first_duplicate(person_ids)
        if duplicate is not None:
            problems.append(
                ColumnProblem("persons", "person_id", "identifiers must be unique", duplicate)
            )
    else:
        person_ids = np.arange(n_persons)
    role_codes = _roles(persons, group_index, household_ids, problems)

    converted: list[tuple[str, np.ndarray, object]] = []
    for table, columns, reserved, entity_key in (
        ("persons", persons, PERSON_KEYS, "person"),
        ("households", households or {}, HOUSEHOLD_KEYS, "household"),
    ):
        for column, values in columns.items():
            if column in reserved:
                continue
            variable = system.variables.get(column)
            if variable is None:
                problems.append(ColumnProblem(table, column, "unknown variable"))
                continue
            if variable.entity.key != entity_key:
                problems.append(
                    ColumnProblem(
                        table,
                        column,
                        f"is a {variable.entity.key} variable, not a {entity_key} one",
                    )
                )
                continue
            array, problem = convert_column(variable, values, table, column)
            if problem:
                problems.append(problem)
            else:
                converted.append((column, array, variable))
    if problems:
        raise ColumnsError(problems)

    simulation = _empty_simulation(system, person_ids, household_ids, group_index, role_codes)
    for column, array, variable in converted:
        simulation.set_input(column, variable_period(variable, period), array)
    return simulation


def calculate_columns(
    simulation: Simulation, variables: list[str], period: str | periods.Period
) -> dict[str, np.ndarray]:
    """Compute each variable for the period of its definition; enums come back as their names."""
    period = periods.period(period)
    system = simulation.tax_benefit_system
    out = {}
    for name in variables:
        variable = system.variables[name]
        value = simulation.calculate(name, calculation_period(variable, period))
        out[name] = value.decode_to_str() if isinstance(value, EnumArray) else value
    return out
