"""Calibration tools: bounded raking of weights, exact weighted selection, welfare cut points.

`rake` is the logit (bounded) calibration of Deville and Sarndal (CALMAR's method 4): the
weights d_i g(x_i' lambda) meet every margin exactly while each ratio g stays inside (L, U).
Margins are linear in the weights, so count margins ("persons aged 60+") and share margins
("9.51% of women aged 10+ are widowed", written as sum w (widowed - 0.0951 women10) = 0) are
solved together by Newton's method.
"""

from __future__ import annotations

import numpy as np


class CalibrationError(RuntimeError):
    pass


def _logit_g(u: np.ndarray, low: float, up: float) -> tuple[np.ndarray, np.ndarray]:
    """Ratio g(u) and its derivative for the logit distance with bounds (low, up)."""
    a = (up - low) / ((1 - low) * (up - 1))
    e = np.exp(np.clip(a * u, -50, 50))
    denominator = (up - 1) + (1 - low) * e
    g = (low * (up - 1) + up * (1 - low) * e) / denominator
    derivative = (up - low) ** 2 * e / denominator**2
    return g, derivative


def rake(
    design_weights: np.ndarray,
    x: np.ndarray,
    targets: np.ndarray,
    *,
    bounds: tuple[float, float] = (0.3, 3.0),
    max_iterations: int = 100,
    tolerance: float = 1e-9,
) -> np.ndarray:
    """Weights meeting `x.T @ w == targets`, each within `bounds` times its design weight.

    x has one row per unit and one column per margin. Columns are rescaled internally so a
    margin in millions and a share margin (target 0) weigh alike. Redundant margins (e.g. two
    sets of counts with the same total) are handled by a least-squares Newton step.
    """
    low, up = bounds
    d = np.asarray(design_weights, dtype=float)
    x = np.asarray(x, dtype=float)
    targets = np.asarray(targets, dtype=float)
    scale = np.maximum(np.abs(targets), np.abs(x).T @ d)
    scale[scale == 0] = 1.0
    xs = x / scale
    ts = targets / scale
    lam = np.zeros(x.shape[1])
    for _ in range(max_iterations):
        g, dg = _logit_g(xs @ lam, low, up)
        residual = xs.T @ (d * g) - ts
        if np.max(np.abs(residual)) < tolerance:
            return d * g
        jacobian = (xs * (d * dg)[:, None]).T @ xs
        step = np.linalg.lstsq(jacobian, -residual, rcond=None)[0]
        # Halve the step until the residual falls (Newton can overshoot near the bounds).
        current = np.abs(residual).max()
        for _ in range(30):
            g_new, _ = _logit_g(xs @ (lam + step), low, up)
            if np.abs(xs.T @ (d * g_new) - ts).max() < current:
                break
            step /= 2
        lam = lam + step
    g, _ = _logit_g(xs @ lam, low, up)
    residual = xs.T @ (d * g) - ts
    if np.max(np.abs(residual)) > 1e-6:
        raise CalibrationError(
            f"raking did not meet the margins within bounds {bounds}: worst relative gap "
            f"{np.max(np.abs(residual)):.2e}"
        )
    return d * g


def select_top(score: np.ndarray, weight: np.ndarray, target: float) -> np.ndarray:
    """The highest-scoring units whose weights add up as close as possible to `target`."""
    order = np.argsort(-score, kind="stable")
    cumulative = np.cumsum(weight[order])
    count = int(np.searchsorted(cumulative, target))
    if count < len(order) and (
        count == 0 or abs(cumulative[count] - target) < abs(cumulative[count - 1] - target)
    ):
        count += 1
    chosen = np.zeros(len(score), dtype=bool)
    chosen[order[:count]] = True
    return chosen


def cut_for_share(values: np.ndarray, weights: np.ndarray, share: float) -> float:
    """A cut c such that the weighted share of values below c is as close as possible to share."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    cumulative = np.cumsum(weights[order]) / weights.sum()
    k = int(np.searchsorted(cumulative, share))
    k = min(k, len(ordered) - 1)
    below = cumulative[k - 1] if k > 0 else 0.0
    if abs(below - share) <= abs(cumulative[k] - share):
        upper = ordered[k]
        lower = ordered[k - 1] if k > 0 else ordered[k] - 1.0
    else:
        lower = ordered[k]
        upper = ordered[k + 1] if k + 1 < len(ordered) else ordered[k] + 1.0
    return float((lower + upper) / 2)


def ipf_table(seed: np.ndarray, rows: np.ndarray, cols: np.ndarray, iterations: int = 200):
    """A two-way table close to `seed` whose row and column sums are `rows` and `cols`.

    Used to split division figures into division x urban/rural cells consistent with the
    national urban and rural figures. If the margins disagree slightly in their totals (as
    rounded published figures do), the columns are rescaled to the rows' total first.
    """
    table = np.asarray(seed, dtype=float).copy()
    cols = np.asarray(cols, dtype=float) * rows.sum() / np.sum(cols)
    for _ in range(iterations):
        table *= (rows / table.sum(axis=1))[:, None]
        table *= (cols / table.sum(axis=0))[None, :]
    return table


def bisect(
    function,
    low: float,
    high: float,
    target: float,
    *,
    iterations: int = 40,
    tolerance: float = 1e-5,
) -> float:
    """x in [low, high] with function(x) within `tolerance` of target, for an increasing function."""
    for _ in range(iterations):
        middle = (low + high) / 2
        value = function(middle)
        if abs(value - target) < tolerance:
            return middle
        if value < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2
