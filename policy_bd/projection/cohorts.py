"""Long-term benefits as cohorts of pensions in payment.

New awards of each year are added at the age of the pensioner; each year the pensions in payment
are reduced by mortality (times a loading for disabled pensioners) and by other terminations,
aged by one year and indexed. The state carries the award year as an axis, so the payments of
one year's awards are known separately: with a matrix of incidence multipliers (paths x award
years) the payments of every stochastic path are one matrix product, without a loop over paths.
"""

from __future__ import annotations

import numpy as np

AGES = np.arange(15, 111)  # single ages; a pensioner who reaches 110 leaves


def survival(q: np.ndarray, loading: float, termination: float) -> np.ndarray:
    """Probability that a pension in payment at each age is still paid a year later."""
    return (1 - np.minimum(q * loading, 1.0)) * (1 - termination)


def age_index(age: np.ndarray) -> np.ndarray:
    return np.clip(np.asarray(age, dtype=int), AGES[0], AGES[-1]) - AGES[0]


def payments(awards: np.ndarray, stay: np.ndarray, indexation: np.ndarray) -> np.ndarray:
    """Payments in each year of the pensions awarded in each year.

    `awards` (award years, ages): the yearly amount of pensions awarded, by age of the
    pensioner; `stay` (ages): the survival of a pension from one age to the next; `indexation`
    (years): the increase of pensions in payment at the start of each year (the first is not
    used). Awards are made at the start of their year and paid for the whole year. Returns
    (award years, years): the total paid in each year from each year's awards.
    """
    n_years = awards.shape[0]
    state = np.zeros_like(awards, dtype=float)
    out = np.zeros((n_years, n_years))
    for t in range(n_years):
        if t:
            aged = np.zeros_like(state)
            aged[:, 1:] = state[:, :-1] * stay[:-1]
            state = aged * (1 + indexation[t])
        state[t] += awards[t]
        out[:, t] = state.sum(axis=1)
    return out
