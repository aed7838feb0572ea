"""Parameters read on a date inside the month: the law in force on the day an event happened.

A month's formula normally reads the legislation on the first day of the month. When a law
changes in the middle of a month (the 2018 Labour Act amendment on 14 November, the 2025
Ordinance on 17 November), the rule that applies to an event is the one in force on the day of
the event. `at_dates` reads a parameter on each person's date, once per distinct date (a month
has at most 31), never once per person.
"""

from __future__ import annotations

import datetime

import numpy as np
from openfisca_core import periods


def event_dates(dates: np.ndarray, period) -> np.ndarray:
    """Each event date if it falls in the month `period`, else the first day of the month.

    Event dates are optional inputs: a person without one (the variable's default, 1970-01-01)
    or with a date outside the month is read as on the first day of the month, which is the
    rule OpenFisca applies to a month's formulas anyway.
    """
    dates = np.asarray(dates, dtype="datetime64[D]")
    start = np.datetime64(period.start.date, "D")
    stop = np.datetime64(period.stop.date, "D")
    return np.where((dates >= start) * (dates <= stop), dates, start)


def at_dates(parameters, dates: np.ndarray, path: str, missing=np.nan) -> np.ndarray:
    """The value of the parameter at dotted `path` in force on each of `dates`.

    `parameters` is the formula's third argument; `dates` a numpy datetime64 array. A date on
    which the parameter has no value yet gives `missing`.
    """
    dates = np.asarray(dates, dtype="datetime64[D]")
    unique, inverse = np.unique(dates, return_inverse=True)
    values = []
    for day in unique:
        instant = periods.instant(datetime.date.fromisoformat(str(day)))
        node = parameters(instant)
        for name in path.split("."):
            node = getattr(node, name, None) if node is not None else None
        values.append(missing if node is None else node)
    return np.asarray(values)[inverse.reshape(dates.shape)]


def calc_at_dates(parameters, dates: np.ndarray, path: str, base: np.ndarray) -> np.ndarray:
    """Apply the scale at dotted `path`, as in force on each of `dates`, to `base`."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    base = np.asarray(base, dtype=float)
    result = np.zeros_like(base)
    for day in np.unique(dates):
        instant = periods.instant(datetime.date.fromisoformat(str(day)))
        scale = parameters(instant)
        for name in path.split("."):
            scale = getattr(scale, name)
        on_day = dates == day
        result[on_day] = scale.calc(base[on_day])
    return result
