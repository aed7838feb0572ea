"""The fund of a scheme: reserve accumulation and the financing answers (ILO actuarial practice).

reserve(t) = reserve(t-1) + contributions + co-financing + investment income - benefits -
administration, with investment income earned at rate i(t) on the mean reserve of the year,
(reserve(t-1) + reserve(t)) / 2. Solving for the income gives

    reserve(t) = a(t) reserve(t-1) + net(t) / (1 - i(t)/2),   a(t) = (1 + i/2) / (1 - i/2),

so the reserve is a linear function of the yearly net cash flows, discounted with
D(t) = prod 1/a(s) and, for a flow of year t, delta(t) = D(t) / (1 - i(t)/2). Every answer below
uses these factors, so the general average premium leaves exactly the reserve it is defined by.
Arrays may carry a leading axis of paths (stochastic runs): years are always the last axis.
"""

from __future__ import annotations

import numpy as np


def discount_factors(interest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(D, delta): the value at the start of the first year of a reserve held at the end of
    year t, and of a net flow of year t."""
    half = np.asarray(interest, dtype=float) / 2
    accumulation = (1 + half) / (1 - half)
    big_d = 1 / np.cumprod(accumulation, axis=-1)
    return big_d, big_d / (1 - half)


def accumulate(
    initial_reserve: float, net: np.ndarray, interest: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Reserve at the end of each year and the year's investment income."""
    big_d, delta = discount_factors(interest)
    reserve = (initial_reserve + np.cumsum(delta * net, axis=-1)) / big_d
    previous = np.concatenate(
        [np.full((*reserve.shape[:-1], 1), float(initial_reserve)), reserve[..., :-1]], axis=-1
    )
    return reserve, reserve - previous - net


def general_average_premium(
    expenditure: np.ndarray,
    wages: np.ndarray,
    interest: np.ndarray,
    initial_reserve: float,
    years: int,
    *,
    other_income: np.ndarray | None = None,
) -> float:
    """The constant rate on `wages` over the first `years` years whose present value of
    contributions, plus the initial reserve (and other income), equals the present value of
    expenditure: the fund holds nothing at the end of the period."""
    _, delta = discount_factors(interest)
    n = slice(0, years)
    income = 0.0 if other_income is None else float(np.sum(delta[n] * other_income[n]))
    pv_wages = float(np.sum(delta[n] * wages[n]))
    if pv_wages <= 0:
        return float("nan")
    return (float(np.sum(delta[n] * expenditure[n])) - initial_reserve - income) / pv_wages


def scaled_premium(
    expenditure: np.ndarray,
    wages: np.ndarray,
    interest: np.ndarray,
    initial_reserve: float,
    years: int,
    *,
    target: float,
) -> float:
    """The lowest constant rate on `wages` that keeps reserve / expenditure at or above `target`
    at the end of each of the first `years` years. The reserve is A(t) + rate x B(t) (A with no
    contributions, B from a rate of one), so each year's condition is a bound on the rate."""
    without, _ = accumulate(initial_reserve, -expenditure, interest)
    unit, _ = accumulate(0.0, wages, interest)
    n = slice(0, years)
    need = target * expenditure[n] - without[n]
    bound = np.where(unit[n] > 0, need / np.where(unit[n] > 0, unit[n], 1), -np.inf)
    return float(max(np.max(bound), 0.0))


def exhaustion_year(reserve: np.ndarray, years: np.ndarray):
    """The first year whose closing reserve is negative (per path), or None when it never is."""
    negative = reserve < 0
    if reserve.ndim == 1:
        return int(years[np.argmax(negative)]) if negative.any() else None
    first = np.where(negative.any(axis=-1), years[np.argmax(negative, axis=-1)], -1)
    return first
