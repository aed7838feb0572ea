"""Build one vectorised simulation from columns: a person table and an optional household table.

This is the path for many households at once (the batch API, returnee files, survey data). Each
column is one input variable, one value per row; no Python loop runs over people or households.

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


def _as_array(values) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind == "O":  # lists of Python str/None arrive as objects
        return array
    return array


def convert_column(
    variable, values, table: str, column: str
) -> tuple[np.ndarray | None, ColumnProblem | None]:
    """Turn raw column values into the array OpenFisca expects for `variable`."""
    raw = _as_array(values)
    missing = (
        np.array([v is None for v in raw.tolist()])
        if raw.dtype.kind == "O"
        else np.zeros(raw.shape, bool)
    )
    if raw.dtype.kind == "f":
        missing |= np.isnan(raw)
    if missing.any():
        return None, ColumnProblem(table, column, "missing value", _first_true(missing))
    value_type = variable.value_type
    try:
        if getattr(variable, "possible_values", None) is not None:
            names = np.asarray(raw, dtype=str)
            known = np.array([item.name for item in variable.possible_values])
            unknown = ~np.isin(names, known)
            if unknown.any():
                row = _first_true(unknown)
                return None, ColumnProblem(
                    table, column, f"{_show(names[row])} is not one of {', '.join(known)}", row
                )
            indices = np.searchsorted(np.sort(known), names)
            order = np.argsort(known)
            codes = np.array([item.index for item in variable.possible_values])[order][indices]
            return EnumArray(codes.astype(np.int16), variable.possible_values), None
        if value_type is bool:
            if raw.dtype.kind == "b":
                return raw.astype(bool), None
            if raw.dtype.kind in "iuf":
                bad = ~np.isin(raw, [0, 1])
                if bad.any():
                    row = _first_true(bad)
                    return None, ColumnProblem(
                        table, column, f"{_show(raw[row])} is not true or false", row
                    )
                return raw.astype(bool), None
            words = np.char.lower(np.asarray(raw, dtype=str))
            bad = ~np.isin(words, list(TRUE_WORDS | FALSE_WORDS))
            if bad.any():
                row = _first_true(bad)
                return None, ColumnProblem(
                    table, column, f"{_show(raw[row])} is not true or false", row
                )
            return np.isin(words, list(TRUE_WORDS)), None
        if value_type in (int, float):
            if raw.dtype.kind in "iuf" and raw.dtype.kind != "b":
                array = raw.astype(variable.dtype)
                if value_type is int and raw.dtype.kind == "f" and (raw != np.round(raw)).any():
                    row = _first_true(raw != np.round(raw))
                    return None, ColumnProblem(
                        table, column, f"{_show(raw[row])} is not a whole number", row
                    )
                return array, None
            try:
                numbers = np.asarray(raw, dtype=float)
            except (TypeError, ValueError):
                strings = np.asarray(raw, dtype=str)
                ok = np.char.isnumeric(np.char.replace(np.char.replace(strings, ".", ""), "-", ""))
                row = _first_true(~ok)
                return None, ColumnProblem(
                    table, column, f"{_show(strings[row])} is not a number", row
                )
            return convert_column(variable, numbers, table, column)
        if value_type is datetime.date:
            try:
                return np.asarray(raw, dtype="datetime64[D]"), None
            except ValueError:
                strings = np.asarray(raw, dtype=str)
                for row, text in enumerate(
                    strings.tolist()
                ):  # only reached on error, to name the row
                    try:
                        np.datetime64(text, "D")
                    except ValueError:
                        return None, ColumnProblem(
                            table, column, f"{text!r} is not a date (YYYY-MM-DD)", row
                        )
        if value_type is str:
            return np.asarray(raw, dtype=str), None
    except (TypeError, ValueError) as error:
        return None, ColumnProblem(table, column, str(error))
    return np.asarray(raw, dtype=variable.dtype), None


def _household_index(person_household: np.ndarray, household_ids: np.ndarray | None):
    """Each person's 0-based household index, and the household identifiers in that order."""
    if household_ids is None:
        household_ids, group_index = np.unique(person_household, return_inverse=True)
        return group_index, household_ids
    order = np.argsort(household_ids, kind="stable")
    found = np.searchsorted(household_ids, person_household, sorter=order)
    return order[found.clip(0, len(household_ids) - 1)], household_ids


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


def _empty_simulation(system, person_ids, household_ids, group_index, roles) -> Simulation:
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
    keys = np.array(sorted(by_key))
    role_table = np.array([by_key[key] for key in keys], dtype=object)
    households.members_role = role_table[np.searchsorted(keys, roles)]
    return builder.build(system)


def _length(table: Mapping) -> int:
    lengths = {len(np.asarray(v)) for v in table.values()}
    return lengths.pop() if len(lengths) == 1 else -1


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
    person_household = np.asarray(persons["household_id"])
    if households is not None and "household_id" in households:
        household_ids = np.asarray(households["household_id"])
        if _length(households) < 0:
            problems.append(
                ColumnProblem("households", "*", "every column must have the same length")
            )
        if len(np.unique(household_ids)) != len(household_ids):
            problems.append(
                ColumnProblem("households", "household_id", "identifiers must be unique")
            )
        absent = ~np.isin(person_household, household_ids)
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
        empty = ~np.isin(household_ids, person_household)
        if empty.any():
            row = _first_true(empty)
            problems.append(
                ColumnProblem(
                    "households",
                    "household_id",
                    f"household {_show(household_ids[row])} has no members",
                    row,
                )
            )
    elif households:
        raise ColumnsError(
            [
                ColumnProblem(
                    "households", "household_id", "required when household columns are given"
                )
            ]
        )
    else:
        household_ids = None
        households = {}

    person_ids = (
        np.asarray(persons["person_id"]) if "person_id" in persons else np.arange(n_persons)
    )
    if "person_id" in persons and len(np.unique(person_ids)) != n_persons:
        problems.append(ColumnProblem("persons", "person_id", "identifiers must be unique"))

    group_index, household_ids = _household_index(person_household, household_ids)
    if "role" in persons:
        roles = np.asarray(persons["role"], dtype=str)
        bad = ~np.isin(roles, ROLE_KEYS)
        if bad.any():
            row = _first_true(bad)
            problems.append(
                ColumnProblem(
                    "persons",
                    "role",
                    f"{_show(roles[row])} is not one of {', '.join(ROLE_KEYS)}",
                    row,
                )
            )
        heads = np.bincount(group_index[roles == "head"], minlength=len(household_ids))
        if (heads > 1).any():
            household = household_ids[_first_true(heads > 1)]
            problems.append(
                ColumnProblem(
                    "persons", "role", f"household {_show(household)} has more than one head"
                )
            )
    else:
        roles = np.where(_first_of_group(group_index), "head", "other")

    converted: list[tuple[str, np.ndarray, object]] = []
    for table, columns, reserved, entity_key in (
        ("persons", persons, PERSON_KEYS, "person"),
        ("households", households, HOUSEHOLD_KEYS, "household"),
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

    simulation = _empty_simulation(system, person_ids, household_ids, group_index, roles)
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
        value = simulation.calculate(name, variable_period(variable, period))
        out[name] = value.decode_to_str() if isinstance(value, EnumArray) else value
    return out
