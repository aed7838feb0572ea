"""The year-by-year projection of one branch, deterministic or over many incidence paths.

Everything is an array: persons of the base year along one axis, projection years along
another (and stochastic paths along a third where there are any). The only Python loop is the
cohort loop over years in `cohorts.payments`.

For person i and year t:
- insured weight  = weight_i x labour force index(t, sex and age band of i) x
  (formal_i x [establishment of i covered in t] + informal_i x informal join share(t));
- contributing weight = the same with formal_i multiplied by the formal compliance rate(t)
  (informal joiners are counted only when they join and comply);
- insurable wage = wage_i x wage index(t), clipped to the floor and ceiling, both indexed as the
  scenario says; every benefit of i moves with it (benefits are shares of the insured wage);
- short-term benefits and new pensions of the base year x incidence multiplier.
Benefits are paid to every insured person; contributions are collected on the wages of those
who contribute. Contribution rates apply to the contributory wages (insurable wages x
compliance), so the PAYG cost rate and the premiums compare directly with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from policy_bd.enums import Sector
from policy_bd.projection import cohorts, fund
from policy_bd.projection.assumptions import BAND_NAMES, N_CELLS, SEXES, Assumptions
from policy_bd.projection.base import BaseBranch
from policy_bd.projection.scenario import Branch, Scenario

PERIODS = (10, 20, 30)
PENSION_TYPES = ("disability", "survivors")


@dataclass
class Flows:
    """What does not depend on incidence paths or on the contribution rate."""

    insured: np.ndarray
    insured_by_cell: np.ndarray  # (years, sex and age bands)
    contributing: np.ndarray
    insurable_wages: np.ndarray
    contributory_wages: np.ndarray
    short_term: np.ndarray  # base expected short-term benefits, by year
    capitalised: np.ndarray  # capital value of the year's long-term awards
    pension_payments: dict  # type -> (award years, years) payments of each year's awards
    pension_counts: dict  # type -> (award years, years) pensions in payment
    new_awards: dict  # type -> (years,) number awarded


@dataclass
class BranchResult:
    name: str
    years: np.ndarray
    rates: dict
    columns: dict  # name -> (years,) array
    general_average_premium: dict
    scaled_premium: dict
    exhaustion_year: int | None
    insured_by_sex_and_age: dict = field(default_factory=dict)  # "female_25_34" -> (years,)
    stochastic: dict | None = field(default=None)

    def rows(self) -> list[dict]:
        out = []
        for index, year in enumerate(self.years):
            row = {"year": int(year)}
            for key, values in self.columns.items():
                value = float(values[index])
                row[key] = value if np.isfinite(value) else None
            out.append(row)
        return out


def coverage(base: BaseBranch, scenario: Scenario, assumptions: Assumptions, shift: float = 0.0):
    """(insured weights, contributing weights), each (years, persons)."""
    years = assumptions.years
    threshold = scenario.coverage.phase_in.at(years)
    compliance = np.clip(scenario.coverage.formal_compliance.at(years) + shift, 0, 1)
    join = scenario.coverage.informal_join.at(years)
    labour = assumptions.labour_force_index[:, base.cell] * base.weight
    covered = base.formal & (base.establishment_size >= threshold[:, None])
    if scenario.coverage.sectors:
        first_year = np.full(len(Sector), np.iinfo(np.int64).max)
        for name, year in scenario.coverage.sectors.items():
            first_year[list(Sector).index(Sector[name])] = year
        covered |= base.formal & (years[:, None] >= first_year[base.sector])
    insured = np.where(covered, labour, 0.0)
    contributing = insured * compliance[:, None]
    if join.any():
        joined = labour * np.where(base.formal, 0.0, join[:, None])
        insured += joined
        contributing += joined
    return insured, contributing


def insurable_wages(base: BaseBranch, scenario: Scenario, assumptions: Assumptions):
    """(insurable monthly wage, ratio to the base year's), each (years, persons)."""
    wage_index = assumptions.wage_index
    wages = base.wage * wage_index[:, None]
    if base.capped:
        bounds = {
            "wages": wage_index,
            "prices": assumptions.price_index,
            "none": np.ones_like(wage_index),
        }[scenario.floor_ceiling_indexation]
        wages = np.clip(
            wages, (base.wage_floor * bounds)[:, None], (base.wage_ceiling * bounds)[:, None]
        )
    ratio = np.divide(
        wages, base.insured_wage, out=np.zeros_like(wages), where=base.insured_wage > 0
    )
    return wages, ratio


def flows(
    base: BaseBranch,
    scenario: Scenario,
    assumptions: Assumptions,
    compliance_shift: float = 0.0,
) -> Flows:
    insured, contributing = coverage(base, scenario, assumptions, compliance_shift)
    wages, ratio = insurable_wages(base, scenario, assumptions)
    moved = insured * ratio  # insured weight x wage movement
    long_term = scenario.long_term_benefits
    payments, counts, awarded = {}, {}, {}
    n_years = len(assumptions.years)
    has_pensions = bool(base.count_disability.any() or base.count_survivors.any())
    if long_term == "cohorts" and has_pensions:
        ages = cohorts.age_index(base.age)
        q = assumptions.mortality(cohorts.AGES.astype(float))
        indexation = {
            "prices": assumptions.inflation,
            "wages": (1 + assumptions.real_wage_growth) * (1 + assumptions.inflation) - 1,
            "none": np.zeros(n_years),
        }[scenario.pension_indexation]
        loading = {"disability": assumptions.disabled_loading, "survivors": 1.0}
        termination = {"disability": 0.0, "survivors": assumptions.survivors_termination_rate}
        for kind in PENSION_TYPES:
            stay = cohorts.survival(q, loading[kind], termination[kind])
            amount = getattr(base, f"award_{kind}")
            number = getattr(base, f"count_{kind}")
            by_age = _by_age(moved * amount, ages)
            count_by_age = _by_age(insured * number, ages)  # expected awards by age
            payments[kind] = cohorts.payments(by_age, stay, indexation)
            counts[kind] = cohorts.payments(count_by_age, stay, np.zeros(n_years))
            awarded[kind] = count_by_age.sum(axis=1)
    else:
        empty = np.zeros((n_years, n_years))
        for kind in PENSION_TYPES:
            payments[kind] = counts[kind] = empty
            awarded[kind] = insured @ getattr(base, f"count_{kind}")
    capitalised = moved @ base.capital_value if long_term == "capitalised" else np.zeros(n_years)
    annual = 12 * wages
    return Flows(
        insured=insured.sum(axis=1),
        insured_by_cell=_by_cell(insured, base.cell),
        contributing=contributing.sum(axis=1),
        insurable_wages=np.einsum("tp,tp->t", insured, annual),
        contributory_wages=np.einsum("tp,tp->t", contributing, annual),
        short_term=moved @ base.short_term,
        capitalised=capitalised,
        pension_payments=payments,
        pension_counts=counts,
        new_awards=awarded,
    )


def _by_cell(values: np.ndarray, cells: np.ndarray) -> np.ndarray:
    n_years = values.shape[0]
    index = (np.arange(n_years)[:, None] * N_CELLS + cells).ravel()
    totals = np.bincount(index, weights=values.ravel(), minlength=n_years * N_CELLS)
    return totals.reshape(n_years, N_CELLS)


def _by_age(values: np.ndarray, ages: np.ndarray) -> np.ndarray:
    """(years, persons) -> (years, single ages): sums over the persons of each age."""
    n_years, n_ages = values.shape[0], len(cohorts.AGES)
    index = (np.arange(n_years)[:, None] * n_ages + ages).ravel()
    totals = np.bincount(index, weights=values.ravel(), minlength=n_years * n_ages)
    return totals.reshape(n_years, n_ages)


def branch_rates(branch: Branch, base: BaseBranch, assumptions: Assumptions) -> dict:
    if branch.contribution_rate is not None:
        return dict(branch.contribution_rate)
    if base.name == "eis":
        return dict(assumptions.eis_rates)
    return dict(base.rates)


def project_branch(
    branch: Branch,
    base: BaseBranch,
    scenario: Scenario,
    assumptions: Assumptions,
    *,
    incidence: np.ndarray | None = None,
    compliance_shift: float = 0.0,
    rates: dict | None = None,
    precomputed: Flows | None = None,
) -> BranchResult:
    """The projection of one branch. `incidence` (paths, years) multiplies every contingency's
    incidence; given, the result's `stochastic` holds the reserve of every path."""
    years = assumptions.years
    f = precomputed or flows(base, scenario, assumptions, compliance_shift)
    rates = rates or branch_rates(branch, base, assumptions)
    factor = branch.incidence_factor
    paths = (
        np.ones((1, len(years))) * factor if incidence is None else np.asarray(incidence) * factor
    )
    short = paths * f.short_term
    pensions = {kind: paths @ f.pension_payments[kind] for kind in PENSION_TYPES}
    capitalised = paths * f.capitalised
    benefits = short + capitalised + sum(pensions.values())
    administration = assumptions.administration_rate * benefits
    expenditure = benefits + administration
    interest = assumptions.interest_rate
    payer_rate = rates.get("employee", 0.0) + rates.get("employer", 0.0)
    contributions = payer_rate * f.contributory_wages
    co_financing = rates.get("government", 0.0) * f.contributory_wages
    net = contributions + co_financing - expenditure
    reserve, investment = fund.accumulate(scenario.initial_reserve, net, interest)
    first = 0  # the deterministic path (or the first stochastic path) fills the table
    e = expenditure[first]
    wages = f.contributory_wages
    columns = {
        "insured": f.insured,
        "contributing": f.contributing,
        "new_awards": sum(f.new_awards.values()) * paths[first],
        "new_disability_pensions": f.new_awards["disability"] * paths[first],
        "new_survivors_pensions": f.new_awards["survivors"] * paths[first],
        "pensions_in_payment": (paths[first] @ f.pension_counts["disability"])
        + (paths[first] @ f.pension_counts["survivors"]),
        "insurable_wages": f.insurable_wages,
        "contributory_wages": wages,
        "contribution_rate": np.full(len(years), payer_rate + rates.get("government", 0.0)),
        "contributions": contributions,
        "co_financing": co_financing,
        "benefits": benefits[first],
        "benefits_short_term": short[first],
        "benefits_disability_pensions": pensions["disability"][first],
        "benefits_survivors_pensions": pensions["survivors"][first],
        "benefits_capitalised_awards": capitalised[first],
        "administration": administration[first],
        "expenditure": e,
        "investment_income": investment[first],
        "reserve": reserve[first],
        "reserve_ratio": _ratio(reserve[first], e),
        "payg_cost_rate": _ratio(e, wages),
        "expenditure_share_of_gdp": e / assumptions.gdp,
        "interest_rate": interest,
    }
    horizon = len(years)
    periods = sorted({*[p for p in PERIODS if p <= horizon], horizon})
    gap = {
        str(p): fund.general_average_premium(e, wages, interest, scenario.initial_reserve, p)
        for p in periods
    }
    scaled_years = min(scenario.scaled_premium_period, horizon)
    scaled = {
        "period_years": scaled_years,
        "reserve_ratio_target": scenario.reserve_ratio_target,
        "rate": fund.scaled_premium(
            e,
            wages,
            interest,
            scenario.initial_reserve,
            scaled_years,
            target=scenario.reserve_ratio_target,
        ),
    }
    stochastic = None
    if incidence is not None:
        stochastic = {"reserve": reserve, "expenditure": expenditure}
    return BranchResult(
        name=branch.name,
        years=years,
        rates=rates,
        columns=columns,
        general_average_premium=gap,
        scaled_premium=scaled,
        exhaustion_year=fund.exhaustion_year(reserve[first], years),
        insured_by_sex_and_age={
            f"{sex}_{band.removeprefix('age_')}": f.insured_by_cell[:, s * len(BAND_NAMES) + b]
            for s, sex in enumerate(SEXES)
            for b, band in enumerate(BAND_NAMES)
        },
        stochastic=stochastic,
    )


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1), np.nan)


def incidence_paths(
    n_paths: int, n_years: int, volatility: float, autocorrelation: float, seed: int
) -> np.ndarray:
    """(paths, years) lognormal multipliers of mean one: log m(t) = x(t) - s^2/2 with
    x(t) = rho x(t-1) + s sqrt(1 - rho^2) e(t), stationary from the first year."""
    rng = np.random.default_rng(seed)
    shocks = rng.standard_normal((n_paths, n_years)) * volatility
    x = np.empty_like(shocks)
    x[:, 0] = shocks[:, 0]
    scale = np.sqrt(1 - autocorrelation**2)
    for t in range(1, n_years):
        x[:, t] = autocorrelation * x[:, t - 1] + scale * shocks[:, t]
    return np.exp(x - volatility**2 / 2)
