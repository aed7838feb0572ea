"""Price uprating from the survey year to the simulated fiscal year (BBS CPI)."""

from __future__ import annotations

import functools
import math
from pathlib import Path

import yaml

from policy_bd.microsim.fiscal import FiscalYear

UPRATING_PATH = Path(__file__).parent / "data" / "uprating.yaml"


@functools.cache
def _inflation() -> dict[int, float]:
    raw = yaml.safe_load(UPRATING_PATH.read_text(encoding="utf-8"))["fiscal_year_inflation"]
    return {FiscalYear.parse(year).start_year: entry["rate"] for year, entry in raw.items()}


def fiscal_year_price_level(start_year: int) -> float:
    """Price level of a fiscal year relative to the first year listed (= 1).

    Before the first listed year the level stays at 1; after the last, at the last level.
    """
    rates = _inflation()
    first, last = min(rates), max(rates)
    level = 1.0
    for year in range(first, min(start_year, last) + 1):
        if year > first:
            level *= 1 + rates[year]
    return level


def survey_year_price_level(calendar_year: int) -> float:
    """A calendar year straddles two fiscal years: the geometric mean of their levels."""
    return math.sqrt(
        fiscal_year_price_level(calendar_year - 1) * fiscal_year_price_level(calendar_year)
    )


def uprating_factor(survey_year: int, year: FiscalYear) -> float:
    """Multiply survey-year taka by this to express them in the fiscal year's prices."""
    return fiscal_year_price_level(year.start_year) / survey_year_price_level(survey_year)
