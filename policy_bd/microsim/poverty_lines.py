"""The package's poverty-line parameters, for samples whose files carry no lines of their own."""

from __future__ import annotations

import numpy as np


def parameter_lines(year: int) -> dict[str, np.ndarray]:
    """Upper and lower lines of the survey year, each as (rural, urban), Tk per person a month."""
    from policy_bd.engine import baseline_system  # noqa: PLC0415 (loads the legislation)

    lines = baseline_system().parameters(f"{year}-07-01").poverty_lines
    return {
        "upper": np.array([lines.upper.rural, lines.upper.urban], dtype=float),
        "lower": np.array([lines.lower.rural, lines.lower.urban], dtype=float),
    }


def household_lines(households, which: str, survey_year: int) -> tuple[np.ndarray, bool]:
    """Each household's line: from the data where it has one, else the parameter for its area.

    Returns the lines and whether any came from the parameters.
    """
    column = f"poverty_line_{which}"
    urban = households["urban"].to_numpy(dtype=bool)
    fallback = parameter_lines(survey_year)[which][urban.astype(int)]
    if column not in households:
        return fallback, True
    values = households[column].to_numpy(dtype=float)
    missing = np.isnan(values)
    return np.where(missing, fallback, values), bool(missing.any())
