"""The economic and demographic assumptions of a scenario, as one array per year.

Each assumption is a parameter under `parameters/projection/` (with its source and its status as
a model assumption); a value applies from its date, so a parameter's values are a time path. A
fiscal year's value is the one in force on 1 July. A scenario may override any of them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from policy_bd.projection.scenario import Scenario

AGE_BANDS = ((15, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 200))
BAND_NAMES = tuple(
    f"age_{low}_{high}" if high < 200 else f"age_{low}_plus" for low, high in AGE_BANDS
)
SEXES = ("male", "female")
N_CELLS = len(SEXES) * len(AGE_BANDS)
# The last fiscal year with a published GDP level (parameter economy.nominal_gdp).
GDP_YEAR = 2023


def band_of(age: np.ndarray) -> np.ndarray:
    """Index of each age's band (ages under 15 go to the first band)."""
    edges = np.array([low for low, _ in AGE_BANDS[1:]])
    return np.searchsorted(edges, np.asarray(age), side="right")


def cell_of(sex_is_female: np.ndarray, age: np.ndarray) -> np.ndarray:
    return np.asarray(sex_is_female, dtype=int) * len(AGE_BANDS) + band_of(age)


@dataclass
class Assumptions:
    years: np.ndarray
    real_wage_growth: np.ndarray
    inflation: np.ndarray
    real_gdp_growth: np.ndarray
    gdp: np.ndarray  # nominal GDP of each projection year (Tk)
    interest_rate: np.ndarray
    labour_force_growth: np.ndarray  # (years, cells): growth into each year from the previous
    gompertz_a: float
    gompertz_b: float
    disabled_loading: float
    survivors_termination_rate: float
    administration_rate: float
    incidence_volatility: float
    incidence_autocorrelation: float
    eis_rates: dict

    @property
    def price_index(self) -> np.ndarray:
        """Prices of each year relative to the base year."""
        return _index(self.inflation)

    @property
    def wage_index(self) -> np.ndarray:
        return _index((1 + self.real_wage_growth) * (1 + self.inflation) - 1)

    @property
    def labour_force_index(self) -> np.ndarray:
        """(years, cells): labour force of each sex and age band relative to the base year."""
        growth = self.labour_force_growth.copy()
        growth[0] = 0.0
        return np.cumprod(1 + growth, axis=0)

    def mortality(self, ages: np.ndarray) -> np.ndarray:
        return gompertz(ages, self.gompertz_a, self.gompertz_b)


def gompertz(ages: np.ndarray, a: float, b: float) -> np.ndarray:
    """Probability of dying within a year at each age under mu(x) = a exp(b x), exactly:
    1 - exp(-integral of mu from x to x+1)."""
    integrated = a / b * np.exp(b * np.asarray(ages, dtype=float)) * (np.exp(b) - 1)
    return 1 - np.exp(-integrated)


def _index(growth: np.ndarray) -> np.ndarray:
    """Cumulative index equal to 1 in the first year, moved by each later year's growth."""
    factors = 1 + np.asarray(growth, dtype=float)
    factors[0] = 1.0
    return np.cumprod(factors)


@functools.lru_cache(maxsize=256)
def _parameter_path(name: str, first: int, last: int) -> tuple:
    from policy_bd.engine import baseline_system  # noqa: PLC0415

    parameters = baseline_system().parameters
    out = []
    for year in range(first, last + 1):
        node = parameters(f"{year}-07-01").projection
        for key in name.split("."):
            node = node[key]
        out.append(float(node))
    return tuple(out)


def parameter_path(name: str, first: int, last: int) -> np.ndarray:
    """The value of `projection.<name>` on 1 July of each year from `first` to `last`."""
    return np.array(_parameter_path(name, first, last))


def load(scenario: Scenario, overrides: dict | None = None) -> Assumptions:
    """The scenario's assumptions for each projection year (`overrides`: sensitivity shifts)."""
    years = scenario.years
    # Read the years before the base year as well: GDP is grown from its last published level.
    every_year = np.arange(GDP_YEAR, int(years[-1]) + 1)

    def path(name: str, span=every_year) -> np.ndarray:
        if name in scenario.assumptions:
            return scenario.assumptions[name].at(span)
        return parameter_path(name, int(span[0]), int(span[-1]))

    def series(name: str) -> np.ndarray:
        return path(name, years)

    def scalar(name: str) -> float:
        return float(series(name)[0])

    shift = overrides or {}
    real_wage_growth = series("economy.real_wage_growth") + shift.get("wage_growth", 0.0)
    inflation = series("economy.inflation")
    real_gdp = path("economy.real_gdp_growth")
    all_inflation = path("economy.inflation")
    gdp_level = path("economy.nominal_gdp")[0]  # the level of FY2023-24
    growth = (1 + real_gdp) * (1 + all_inflation)
    growth[0] = 1.0
    gdp = (gdp_level * np.cumprod(growth))[every_year >= years[0]]
    interest = series("economy.interest_rate") + shift.get("interest", 0.0)
    population = np.stack(
        [series(f"demography.population_growth.{band}") for band in BAND_NAMES], axis=1
    )
    participation = np.stack(
        [series(f"demography.participation_growth.{sex}") for sex in SEXES], axis=1
    )
    labour_force = (1 + np.repeat(participation, len(AGE_BANDS), axis=1)) * (
        1 + np.tile(population, (1, len(SEXES)))
    ) - 1
    administration = (
        scenario.administration_rate
        if scenario.administration_rate is not None
        else scalar("fund.administration_rate")
    )
    return Assumptions(
        years=years,
        real_wage_growth=real_wage_growth,
        inflation=inflation,
        real_gdp_growth=series("economy.real_gdp_growth"),
        gdp=gdp,
        interest_rate=interest,
        labour_force_growth=labour_force,
        gompertz_a=scalar("demography.mortality.gompertz_a"),
        gompertz_b=scalar("demography.mortality.gompertz_b"),
        disabled_loading=scalar("demography.mortality.disabled_loading"),
        survivors_termination_rate=scalar("fund.survivors_termination_rate"),
        administration_rate=float(administration),
        incidence_volatility=scenario.volatility
        if scenario.volatility is not None
        else scalar("fund.incidence_volatility"),
        incidence_autocorrelation=scenario.autocorrelation
        if scenario.autocorrelation is not None
        else scalar("fund.incidence_autocorrelation"),
        eis_rates={
            party: scalar(f"eis.contribution_rate.{party}")
            for party in ("employee", "employer", "government")
        },
    )
