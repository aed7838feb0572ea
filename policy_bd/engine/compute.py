"""Computing outputs, decoded at each variable's definition period, and comparing two runs.

`compute` is the one place a variable is calculated for callers: at the period of its
definition given the simulation's month (its month, its calendar year; an eternal variable at
the month, since OpenFisca cannot run a formula for ETERNITY), with enums decoded to their names.
`compare` puts baseline and reform side by side with ONE difference rule.
`known_defined` says, from what earlier runs found, whether every output will be defined.
"""

from __future__ import annotations

import datetime
import math
import threading
import weakref
from dataclasses import dataclass, field

import numpy as np
from cachetools import LRUCache
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import Simulation

# Amounts closer than half a paisa are equal: floating-point noise is not a change.
TOLERANCE = 0.005


def variable_period(variable, period: periods.Period) -> periods.Period:
    """The period a variable's input is set for, given the simulation's month."""
    unit = variable.definition_period
    if unit == DateUnit.ETERNITY:
        return periods.period("eternity")
    if unit == DateUnit.YEAR:
        return period.this_year
    if unit == DateUnit.MONTH:
        return period.first_month
    return period


def calculation_period(variable, period: periods.Period) -> periods.Period:
    """The period a variable is computed for: as `variable_period`, but an eternal variable is
    read at the simulation's month (its value is the same for every period)."""
    if variable.definition_period == DateUnit.ETERNITY:
        return period.first_month
    return variable_period(variable, period)


@dataclass
class Computed:
    """Decoded arrays by variable, the period each is for, and those the law does not define
    at the date (the parameter OpenFisca could not find, by variable)."""

    values: dict[str, np.ndarray] = field(default_factory=dict)
    periods: dict[str, str] = field(default_factory=dict)
    undefined: dict[str, str] = field(default_factory=dict)


# (variable, period) -> whether the law defined it, by system: what every run found. Formulas
# are vectorised, so the parameters a formula reads at a period are the same for every person.
# Bounded: clients choose the periods.
_FOUND_DEFINED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_FOUND_LOCK = threading.Lock()
FOUND_PER_SYSTEM = 20_000


def _record(system, found: dict[tuple[str, str], bool]) -> None:
    with _FOUND_LOCK:
        record = _FOUND_DEFINED.setdefault(system, LRUCache(maxsize=FOUND_PER_SYSTEM))
        record.update(found)


def known_defined(system, outputs, period) -> bool:
    """Whether every output (a variable name, at the month `period`) was defined when an
    earlier run of this system computed it at the same period. A caller can then start its
    answer before computing them: none will be missing a parameter."""
    month = periods.period(period)
    with _FOUND_LOCK:
        found = _FOUND_DEFINED.get(system, {})
        return all(
            found.get((name, str(calculation_period(system.variables[name], month)))) is True
            for name in outputs
        )


def compute(simulation: Simulation, outputs, period=None) -> Computed:
    """Each output, decoded (enums as their names).

    `outputs` are variable names, computed for their variable's period given the simulation's
    month `period`; or (name, period) pairs, each computed for exactly that period (what an
    OpenFisca situation asks for), keyed by the pair.
    """
    month = periods.period(period) if period is not None else None
    variables = simulation.tax_benefit_system.variables
    out = Computed()
    found = {}
    for output in outputs:
        if isinstance(output, tuple):
            name, at = output[0], periods.period(output[1])
        else:
            name, at = output, calculation_period(variables[output], month)
        out.periods[output] = str(at)
        try:
            array = simulation.calculate(name, at)
        except ParameterNotFoundError as error:
            out.undefined[output] = str(error)
            found[name, str(at)] = False
            continue
        found[name, str(at)] = True
        out.values[output] = array.decode_to_str() if isinstance(array, EnumArray) else array
    _record(simulation.tax_benefit_system, found)
    return out


def period_problem(variable, period: periods.Period) -> str | None:
    """Why `variable` cannot be computed for `period` (None when it can)."""
    unit, name = variable.definition_period, variable.name
    if unit == DateUnit.ETERNITY:
        if variable.formulas and period.unit == DateUnit.ETERNITY:
            return (
                f"'{name}' is computed by a formula, which OpenFisca cannot run for ETERNITY: "
                "ask for it for a month or a year (its value is the same for all)"
            )
        return None
    if unit == DateUnit.YEAR and period.unit != DateUnit.YEAR:
        return (
            f"Unable to compute variable '{name}' for period {period}: '{name}' must be computed "
            f"for a whole year. You can use the DIVIDE option to get an estimate of {name} by "
            "dividing the yearly value by 12, or change the requested period to "
            "'period.this_year'."
        )
    if unit == DateUnit.MONTH and period.unit != DateUnit.MONTH:
        return (
            f"Unable to compute variable '{name}' for period {period}: '{name}' must be computed "
            f"for a whole month. You can use the ADD option to sum '{name}' over the requested "
            "period, or change the requested period to 'period.first_month'."
        )
    if period.size != 1:
        return (
            f"Unable to compute variable '{name}' for period {period}: '{name}' must be computed "
            f"for a whole {unit}. You can use the ADD option to sum '{name}' over the requested "
            "period."
        )
    return None


def plain(value: object) -> object:
    """A numpy scalar as the JSON value a caller expects (floats as their shortest decimal)."""
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(str(value))
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[D]"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, np.str_ | np.bytes_):
        return str(value)
    return value


def _exact(value: object) -> object:
    """A compared value as Python: a float32 amount exactly, anything else as `plain`."""
    return float(value) if isinstance(value, np.floating) else plain(value)


def _paisa(value: object) -> object:
    return round(value, 2) if isinstance(value, float) else value


def difference(before: object, after: object) -> tuple[float | None, bool]:
    """The one difference rule: (reform - baseline for numbers, else None; changed or not).

    Numbers differ when they are more than half a paisa apart; booleans, names and dates when
    they are not equal; a value the law does not define (None) differs from any value.
    """
    if before is None or after is None:
        return None, before is not after
    numbers = (int, float)
    if isinstance(before, bool) or isinstance(after, bool):
        return None, before != after
    if isinstance(before, numbers) and isinstance(after, numbers):
        gap = round(float(after) - float(before), 2)
        changed = not math.isclose(float(before), float(after), abs_tol=TOLERANCE)
        return (gap if changed else 0.0), changed
    return None, before != after


@dataclass(frozen=True)
class Difference:
    variable: str
    label: str
    entity: str
    id: str
    period: str
    baseline: object
    reform: object
    difference: float | None
    changed: bool

    def as_dict(self) -> dict:
        return {
            "variable": self.variable,
            "label": self.label,
            "period": self.period,
            "baseline": self.baseline,
            "reform": self.reform,
            "difference": self.difference,
            "changed": self.changed,
        }


def compare(baseline: Simulation, reform: Simulation, names, period) -> list[Difference]:
    """Every variable of `names` for every member of its entity, under both simulations.

    The simulations must hold the same people (built from the same inputs). A variable only
    one system has is None on the other side.
    """
    reform_variables = reform.tax_benefit_system.variables
    baseline_variables = baseline.tax_benefit_system.variables
    after = compute(reform, [name for name in names if name in reform_variables], period)
    before = compute(baseline, [name for name in names if name in baseline_variables], period)
    rows = []
    for name in names:
        variable = reform_variables.get(name) or baseline_variables[name]
        ids = reform.get_population(variable.entity.plural).ids
        old, new = before.values.get(name), after.values.get(name)
        at = after.periods.get(name) or before.periods[name]
        for index, member in enumerate(ids):
            exact_before = None if old is None else _exact(old[index])
            exact_after = None if new is None else _exact(new[index])
            gap, changed = difference(exact_before, exact_after)
            value_before, value_after = _paisa(exact_before), _paisa(exact_after)
            rows.append(
                Difference(
                    name,
                    variable.label or name,
                    variable.entity.key,
                    str(member),
                    at,
                    value_before,
                    value_after,
                    gap,
                    changed,
                )
            )
    return rows
