"""The sixteen strata (8 divisions x rural/urban) and their targets, from the design file.

Published figures are national, urban/rural or by division; the strata need both at once. The
population table is raked to the division shares and the national urban share; the table of
poor persons is raked to the division headcounts and the urban and rural headcounts, with the
divisions whose rates were not published set to one common value that makes the national rate
hold. Each stratum then has a population, a household count and two headcount targets.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from policy_bd.microsim.poverty_lines import parameter_lines
from policy_bd.microsim.schema import DIVISION_CODES, DIVISIONS
from policy_bd.microsim.synthetic.calibrate import ipf_table

DESIGN_PATH = Path(__file__).with_name("design.yaml")


@functools.cache
def design() -> dict:
    return yaml.safe_load(DESIGN_PATH.read_text(encoding="utf-8"))


def target(name: str) -> dict:
    return design()["targets"][name]


def assumption(name: str):
    return design()["assumptions"][name]


@dataclass(frozen=True)
class Strata:
    """Arrays over the 16 strata, ordered division by division, rural then urban."""

    division: np.ndarray  # division index into DIVISIONS
    urban: np.ndarray  # bool
    code: np.ndarray  # HIES-style code: division code x 10 + 1 rural / 2 urban
    population: np.ndarray
    households: np.ndarray
    poverty_upper: np.ndarray  # headcount targets, person shares
    poverty_lower: np.ndarray
    line_upper: np.ndarray  # Tk per person per month, survey prices
    line_lower: np.ndarray

    def __len__(self) -> int:
        return len(self.division)


def _division_rates(published: dict, shares: np.ndarray) -> np.ndarray:
    """Division rates: the published ones, and one common value for the rest (national holds)."""
    known = np.array([name in published for name in DIVISIONS])
    rates = np.array([published.get(name, 0.0) for name in DIVISIONS])
    rest = (published["national"] - np.dot(shares[known], rates[known])) / shares[~known].sum()
    rates[~known] = rest
    return rates


def _poverty_cells(rates_key: str, population: np.ndarray, shares: np.ndarray) -> np.ndarray:
    published = target(rates_key)["values"]
    division_rates = _division_rates(published, shares)
    ratio = published["urban"] / published["rural"]
    seed = population * division_rates[:, None] * np.array([1.0, ratio])[None, :]
    rural_population, urban_population = population.sum(axis=0)
    poor = ipf_table(
        seed,
        rows=division_rates * population.sum(axis=1),
        cols=np.array(
            [published["rural"] * rural_population, published["urban"] * urban_population]
        ),
    )
    return poor / population


@functools.cache
def strata() -> Strata:
    total = target("population")["value"]
    size = target("household_size")["value"]
    shares = np.array([target("division_shares")["values"][name] for name in DIVISIONS])
    shares = shares / shares.sum()
    urban_seed = np.array(
        [assumption("division_urban_share")["values"][name] for name in DIVISIONS]
    )
    urban = target("urban_share")["value"]
    population = ipf_table(
        np.column_stack([shares * (1 - urban_seed), shares * urban_seed]) * total,
        rows=shares * total,
        cols=np.array([1 - urban, urban]) * total,
    )
    upper = _poverty_cells("poverty_upper", population, shares)
    lower = _poverty_cells("poverty_lower", population, shares)
    if not ((lower > 0) & (lower < upper) & (upper < 0.5)).all():
        raise ValueError("the design's poverty targets give an impossible stratum")
    line_upper, line_lower = poverty_lines(design()["survey_year"])
    division_index = np.repeat(np.arange(len(DIVISIONS)), 2)
    is_urban = np.tile([False, True], len(DIVISIONS))
    codes = np.array([DIVISION_CODES[DIVISIONS[d]] for d in division_index]) * 10 + np.where(
        is_urban, 2, 1
    )
    population = population.ravel()
    return Strata(
        division=division_index,
        urban=is_urban,
        code=codes,
        population=population,
        households=population / size,
        poverty_upper=upper.ravel(),
        poverty_lower=lower.ravel(),
        line_upper=line_upper[is_urban.astype(int)],
        line_lower=line_lower[is_urban.astype(int)],
    )


def poverty_lines(year: int) -> tuple[np.ndarray, np.ndarray]:
    """(rural, urban) upper and lower lines of the year, from the package's parameters."""
    lines = parameter_lines(year)
    return lines["upper"], lines["lower"]


def allocate_psus(n_psus: int, weights: np.ndarray, minimum: int) -> np.ndarray:
    """PSUs per stratum: `minimum` each, the rest proportional (largest remainders)."""
    spare = n_psus - minimum * len(weights)
    if spare < 0:
        raise ValueError(f"{n_psus} PSUs cannot give {minimum} to each of {len(weights)} strata")
    exact = spare * weights / weights.sum()
    counts = np.floor(exact).astype(int)
    remainder = spare - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:remainder]] += 1
    return counts + minimum
