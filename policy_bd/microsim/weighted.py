"""Weighted statistics on survey arrays: totals, quantiles, quantile groups, FGT poverty, Gini.

Every function takes plain numpy arrays of values and weights (a survey weight per row; for
person-level statistics on household rows, the household weight times the household size), so
the same code serves the synthetic sample, real HIES files and hand-checked test data.
"""

from __future__ import annotations

import numpy as np


def _check(values: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if values.shape != weights.shape:
        raise ValueError(f"values {values.shape} and weights {weights.shape} differ in shape")
    if (weights < 0).any():
        raise ValueError("weights must not be negative")
    return values, weights


def total(values, weights) -> float:
    values, weights = _check(values, weights)
    return float(np.dot(values, weights))


def mean(values, weights) -> float:
    values, weights = _check(values, weights)
    mass = weights.sum()
    return float(np.dot(values, weights) / mass) if mass > 0 else float("nan")


def quantile(values, weights, q: float | np.ndarray) -> float | np.ndarray:
    """The smallest value at which the cumulative weight reaches the share `q` of the total."""
    values, weights = _check(values, weights)
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    positions = np.searchsorted(cumulative, np.asarray(q) * cumulative[-1], side="left")
    result = values[order][np.clip(positions, 0, len(values) - 1)]
    return float(result) if np.ndim(result) == 0 else result


def quantile_group(values, weights, groups: int) -> np.ndarray:
    """Each row's quantile group, 1 (poorest) to `groups`, by cumulative weight.

    A row belongs to the group its weight's midpoint falls in, so every group holds close to
    1/groups of the total weight and rows with equal values may still be split by order.
    """
    values, weights = _check(values, weights)
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    midpoint = (cumulative - weights[order] / 2) / cumulative[-1]
    group = np.empty(len(values), dtype=np.int8)
    group[order] = np.minimum((midpoint * groups).astype(int), groups - 1) + 1
    return group


def fgt(welfare, line, weights, alpha: int) -> float:
    """Foster-Greer-Thorbecke poverty index: mean of ((z - y) / z)^alpha over the poor.

    alpha 0 is the headcount ratio, 1 the poverty gap, 2 the squared gap (severity). `line` may
    be one number or one line per row (the HIES lines differ by stratum).
    """
    welfare, weights = _check(welfare, weights)
    line = np.broadcast_to(np.asarray(line, dtype=float), welfare.shape)
    poor = welfare < line
    shortfall = np.where(poor, (line - welfare) / line, 0.0)
    measure = poor.astype(float) if alpha == 0 else shortfall**alpha
    return mean(measure, weights)


def gini(values, weights) -> float:
    """Gini coefficient of a weighted distribution (area between the Lorenz curve and equality).

    Computed from the sorted cumulative shares: G = 1 - sum_i w_i (L_i + L_{i-1}) / W, with L
    the cumulative share of the total value up to row i. Negative values are kept as given.
    """
    values, weights = _check(values, weights)
    keep = weights > 0
    values, weights = values[keep], weights[keep]
    if values.size == 0 or np.dot(values, weights) == 0:
        return float("nan")
    order = np.argsort(values, kind="stable")
    values, weights = values[order], weights[order]
    amounts = values * weights
    lorenz = np.cumsum(amounts) / amounts.sum()
    previous = np.concatenate([[0.0], lorenz[:-1]])
    return float(1.0 - np.dot(weights, lorenz + previous) / weights.sum())


def group_sum(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Sum of `values` by integer group 0..size-1 (a weighted bincount)."""
    return np.bincount(groups, weights=np.asarray(values, dtype=float), minlength=size)


def ratio(numerator, denominator):
    """numerator / denominator, NaN where the denominator is 0 (an empty group), no warning."""
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out if out.ndim else float(out)
