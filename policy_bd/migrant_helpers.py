"""Vectorised helpers of the migrant-welfare formulas: calendar arithmetic on date arrays, the
rules in force on each person's own date (an insurance policy keeps the terms of the day it was
bought), and the repayment schedule of a simple-interest loan.

OpenFisca loads variable files by path, so code that several of them share lives here.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from openfisca_core.parameters import Parameter, ParameterNode

DAY = np.timedelta64(1, "D")


def as_days(dates) -> np.ndarray:
    return np.asarray(dates, dtype="datetime64[D]")


def add_months(dates, months) -> np.ndarray:
    """The same day `months` calendar months later, or the last day of a shorter month."""
    dates = as_days(dates)
    month_start = dates.astype("datetime64[M]")
    day_offset = (dates - month_start.astype("datetime64[D]")).astype(int)
    target = month_start + np.asarray(months, dtype=int)
    days_in_target = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        int
    )
    return target.astype("datetime64[D]") + np.minimum(day_offset, days_in_target - 1)


def add_years(dates, years) -> np.ndarray:
    """The anniversary `years` later (29 February falls back to 28 February)."""
    return add_months(dates, np.asarray(years, dtype=int) * 12)


def age_on(birth_dates, dates) -> np.ndarray:
    """Age in completed years on each date (the birthday passes on the day and month of birth,
    as in the `age` variable: someone born on 29 February turns a year older on 1 March)."""
    birth = as_days(birth_dates)
    on = as_days(dates)

    def month_day(days: np.ndarray) -> np.ndarray:
        months = days.astype("datetime64[M]")
        day = (days - months.astype("datetime64[D]")).astype(int) + 1
        return (months.astype(int) % 12 + 1) * 100 + day

    years = on.astype("datetime64[Y]").astype(int) - birth.astype("datetime64[Y]").astype(int)
    return years - (month_day(on) < month_day(birth))


def month_bounds(period) -> tuple[np.datetime64, np.datetime64]:
    """First and last day of a month period, as numpy dates."""
    first = np.datetime64(period.start.date, "D")
    return first, np.datetime64(period.stop.date, "D")


def _leaves(node: ParameterNode) -> list[Parameter]:
    return [leaf for leaf in node.get_descendants() if isinstance(leaf, Parameter)]


def values_on_dates(
    node: ParameterNode, dates, read: Callable[[object], tuple]
) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """The values `read` picks from `node` on each date, and whether `node` existed on it.

    `read` takes the node at one instant and returns a tuple of values; the result holds one
    array per item of that tuple. The node's leaves change value on a few dates, and between two
    of them every value is constant: each date is placed in its interval with one `searchsorted`
    and `read` runs once per interval, never once per person. `read` may only use leaves that
    exist from the node's first date on; dates before that date get the first interval's values
    and `defined` False.
    """
    starts = sorted({value.instant_str for leaf in _leaves(node) for value in leaf.values_list})
    interval = np.searchsorted(as_days(starts), as_days(dates), side="right") - 1
    rows = [read(node(start)) for start in starts]
    index = interval.clip(0)
    columns = tuple(np.array(column)[index] for column in zip(*rows, strict=True))
    return columns, interval >= 0


def simple_interest_schedule(principal, annual_rate, months) -> tuple[np.ndarray, np.ndarray]:
    """Total interest and equal monthly instalment of a simple-interest term loan.

    Simple interest is charged on the principal for the whole term, `principal * rate * years`,
    and principal plus interest is repaid in `months` equal instalments. A term of 0 months
    gives no instalment.
    """
    principal = np.asarray(principal, dtype=float)
    months = np.asarray(months, dtype=float)
    total_interest = principal * np.asarray(annual_rate, dtype=float) * months / 12
    instalment = np.divide(
        principal + total_interest,
        months,
        out=np.zeros(np.broadcast(principal, months).shape),
        where=months > 0,
    )
    return total_interest, instalment


# Loan requests: shared by the Probashi Kallyan Bank loans and the proposed reintegration loan.


def amount_requested_within(person, period, limit) -> np.ndarray:
    """The amount applied for does not exceed `limit` (no amount stated passes)."""
    return person("loan_requested_amount", period) <= limit


def term_requested_within(person, period, max_years) -> np.ndarray:
    """The term applied for, in months, does not exceed `max_years` (no term stated passes)."""
    return person("loan_requested_term_months", period) <= np.asarray(max_years) * 12


def applies_within_years_of_return(person, period, years) -> np.ndarray:
    """The month starts after the return and on or before its anniversary `years` later."""
    first_day, _ = month_bounds(period)
    returned = person("date_of_return", period)
    return (returned <= first_day) & (first_day <= add_years(returned, years))


def loan_granted(person, period, eligible, limit) -> np.ndarray:
    """The amount requested, or the ceiling when none was stated; 0 when not eligible."""
    requested = person("loan_requested_amount", period)
    return eligible * np.where(requested > 0, requested, limit)


def loan_term_months(person, period, eligible, max_years) -> np.ndarray:
    """The term requested, or the longest term when none was stated; 0 when not eligible."""
    requested = person("loan_requested_term_months", period)
    longest = round(float(max_years) * 12)
    return (eligible * np.where(requested > 0, requested, longest)).astype(int)
