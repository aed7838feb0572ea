"""The base year of a projection: the microsimulation of the sample with the scheme switched on.

For each branch, every insured person of the sample with their weight, sex, age, establishment
size, wage and what the package's one-year costing variables say they cost: the expected annual
short-term benefit, the expected new long-term pensions (the capitalised part of an employment
injury award turned back into a yearly pension with the package's own capitalisation factor),
and the expected annual contributions. Workers outside coverage (the informal pool) are kept
too, with costs per Tk of insurable wage of the insured of their sex and age band, so that a
scenario can let some of them join.

Only the public API of `policy_bd.microsim` is used (`Microsimulation.calculate`); the arrays of
one reform and base year are cached, so sensitivity runs cost no further simulation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import numpy as np

from policy_bd import freshness
from policy_bd.enums import Sector
from policy_bd.microsim import FiscalYear, Microsimulation
from policy_bd.projection.assumptions import N_CELLS, cell_of
from policy_bd.social_insurance import DAYS_PER_YEAR, MONTHS_PER_YEAR, monthly_annuity_factor

NSIS_BRANCHES = ("unemployment", "employment_injury", "maternity", "sickness")
PARTIES = ("employee", "employer", "government")


@dataclass
class BaseBranch:
    """Person arrays of one branch in the base year (money in Tk a year unless noted)."""

    name: str
    weight: np.ndarray
    female: np.ndarray
    age: np.ndarray
    cell: np.ndarray
    establishment_size: np.ndarray
    formal: np.ndarray  # covered by the scheme's rules in the base year
    sector: np.ndarray  # index in policy_bd.enums.Sector
    wage: np.ndarray  # monthly wage the insurable wage is taken from
    insured_wage: np.ndarray  # monthly insurable wage in the base year
    short_term: np.ndarray  # expected short-term benefits a year
    award_disability: np.ndarray  # expected new disability pensions, Tk a year of pension
    award_survivors: np.ndarray  # expected new survivors' pensions, Tk a year of pension
    count_disability: np.ndarray  # expected number of new disability pensions
    count_survivors: np.ndarray
    capital_value: np.ndarray  # the model's capitalised value of the year's long-term awards
    expected_benefit: np.ndarray  # the model's expected annual benefit variable
    expected_contributions: np.ndarray  # the model's expected annual contributions (or rate x wage)
    rates: dict  # party -> contribution rate of the scheme
    wage_floor: float
    wage_ceiling: float
    capped: bool  # insurable wage clipped to the floor and ceiling

    @property
    def total_rate(self) -> float:
        return float(sum(self.rates.values()))


_CACHE: dict = {}


def _key(reform, data, year) -> str:
    return json.dumps([reform, str(data), int(year)], sort_keys=True, default=str)


def base_branch(name: str, reform, data, base_year: int) -> BaseBranch:
    key = (name, _key(reform, data, base_year))
    if key not in _CACHE:
        _CACHE[key] = _extract(name, reform, data, base_year)
    return _CACHE[key]


_SIMULATIONS: dict = {}


def _calculator(reform, data, base_year: int):
    """`get(variable)` on the base year's microsimulation of `reform`, each variable computed
    once for all the branches that use the reform."""
    key = _key(reform, data, base_year)
    if key not in _SIMULATIONS:
        simulation = Microsimulation(data, reform, period=FiscalYear(base_year))
        scenario = "reform" if reform is not None else "baseline"
        computed: dict = {}

        def get(variable: str):
            if variable not in computed:
                computed[variable] = simulation.calculate(variable, scenario)
            return computed[variable]

        _SIMULATIONS[key] = get
    return _SIMULATIONS[key]


_VARIABLES_READ: dict = {}  # (branch, reform key) -> the variables its base year computed


def _read_directly(name: str) -> tuple[str, ...]:
    """The parameter nodes `_extract` and `_injury_parts` read themselves for a branch (the
    formulas' reads are traced)."""
    if name == "eis":
        return ("employment_injury_scheme.annuity", "employment_injury_scheme.incidence")
    injury = ("nsis.employment_injury",) if name == "employment_injury" else ()
    return (f"nsis.contributions.rates.{name}", *injury)


def base_year_warnings(name: str, reform, data, base_year: int) -> list[dict]:
    """The stale values (`policy_bd.freshness`) a branch's base year read in its first month:
    through the variables it computed and directly. Call after `base_branch`."""
    from policy_bd.engine import baseline_system, system_for  # noqa: PLC0415

    variables = _VARIABLES_READ.get((name, _key(reform, data, base_year)), set())
    return freshness.warnings(
        system_for(reform),
        f"{base_year}-07",
        sorted(variables),
        baseline=baseline_system(),
        read_directly=_read_directly(name),
    )


def _extract(name: str, reform, data, base_year: int) -> BaseBranch:
    from policy_bd.engine import system_for  # noqa: PLC0415

    month = f"{base_year}-07"
    parameters = system_for(reform).parameters(month)
    calculate = _calculator(reform, data, base_year)
    read = _VARIABLES_READ.setdefault((name, _key(reform, data, base_year)), set())

    def get(variable: str):
        read.add(variable)
        return calculate(variable)

    first = get("age")
    weight = first.weights.astype(float)
    age = first.values.astype(float)
    female = get("sex").values == "female"
    wage = get("monthly_wage").values.astype(float)
    size = get("establishment_size").values.astype(float)
    names = np.array([member.name for member in Sector])  # index = position in Sector
    order = np.argsort(names)
    sector = order[np.searchsorted(names[order], get("sector").values.astype(str))]
    employed = get("employer_type").values != "none"
    contributions = parameters.nsis.contributions

    if name == "eis":
        insured = get("employment_injury_scheme__covered_worker").values.astype(bool)
        benefit = get("employment_injury_scheme_expected_annual_benefit").values.astype(float)
        insured_wage = np.where(insured, wage, 0.0)
        eis = parameters.employment_injury_scheme
        factor = monthly_annuity_factor(
            age, eis.annuity.end_age, eis.annuity.minimum_years, eis.annuity.interest_rate
        )
        pension = MONTHS_PER_YEAR * benefit / factor
        death, disability = eis.incidence.death_rate, eis.incidence.permanent_disability_rate
        survivors_share = death / (death + disability) if death + disability else 0.0
        paid = insured & (benefit > 0)
        short = np.zeros_like(benefit)
        award_survivors = pension * survivors_share
        award_disability = pension - award_survivors
        count_survivors = paid * death
        count_disability = paid * disability
        capital = benefit
        rates = {}  # no rate in the legislation: the projection's eis assumptions give it
        expected_contributions = np.zeros_like(benefit)
        capped = False
    else:
        insured = get(f"nsis_{name}__insured").values.astype(bool)
        benefit = get(f"nsis_{name}_expected_annual_benefit").values.astype(float)
        expected_contributions = get(f"nsis_{name}_expected_annual_contributions").values
        insured_wage = np.where(insured, get("nsis_insured_wage").values.astype(float), 0.0)
        rates = {party: float(contributions.rates[name][party]) for party in PARTIES}
        capped = True
        zero = np.zeros_like(benefit)
        if name == "employment_injury":
            short, award_disability, award_survivors, count_disability, count_survivors = (
                _injury_parts(parameters, get, age, insured_wage, benefit)
            )
            capital = benefit - short
        else:
            short, capital = benefit, zero
            award_disability = award_survivors = count_disability = count_survivors = zero

    floor, ceiling = float(contributions.wage_floor), float(contributions.wage_ceiling)
    informal = employed & ~insured & (weight > 0)
    keep = (insured & (weight > 0)) | informal
    # Informal workers without a wage declare the floor if they join.
    informal_wage = np.clip(np.where(wage > 0, wage, floor), floor, ceiling if capped else np.inf)
    arrays = {
        "short_term": short,
        "award_disability": award_disability,
        "award_survivors": award_survivors,
        "capital_value": capital,
    }
    cell = cell_of(female, age)
    per_wage = {
        key: _cell_ratio(values, insured_wage, weight, insured, cell)
        for key, values in arrays.items()
    }
    insured_count = np.where(insured, 1.0, 0.0)
    per_person = {
        key: _cell_ratio(values, insured_count, weight, insured, cell)
        for key, values in (
            ("count_disability", count_disability),
            ("count_survivors", count_survivors),
        )
    }
    for key, values in arrays.items():
        arrays[key] = np.where(insured, values, per_wage[key][cell] * informal_wage)
    arrays["count_disability"] = np.where(
        insured, count_disability, per_person["count_disability"][cell]
    )
    arrays["count_survivors"] = np.where(
        insured, count_survivors, per_person["count_survivors"][cell]
    )
    return _compress(
        BaseBranch(
            name=name,
            weight=weight[keep],
            female=female[keep],
            age=age[keep],
            cell=cell[keep],
            establishment_size=size[keep],
            formal=insured[keep],
            sector=sector[keep],
            wage=np.where(insured, np.where(wage > 0, wage, floor), informal_wage)[keep],
            insured_wage=np.where(insured, insured_wage, informal_wage)[keep],
            short_term=arrays["short_term"][keep],
            award_disability=arrays["award_disability"][keep],
            award_survivors=arrays["award_survivors"][keep],
            count_disability=arrays["count_disability"][keep],
            count_survivors=arrays["count_survivors"][keep],
            capital_value=arrays["capital_value"][keep],
            expected_benefit=np.where(insured, benefit, 0.0)[keep],
            expected_contributions=np.where(insured, expected_contributions, 0.0)[keep],
            rates=rates,
            wage_floor=floor,
            wage_ceiling=ceiling,
            capped=capped,
        )
    )


AMOUNTS = (
    "short_term",
    "award_disability",
    "award_survivors",
    "count_disability",
    "count_survivors",
    "capital_value",
    "expected_benefit",
    "expected_contributions",
)


def _compress(branch: BaseBranch) -> BaseBranch:
    """One row per distinct (sex and age band, age, establishment, sector, coverage, wage):
    every amount enters the projection as weight x amount, so rows that share these are
    summed (amounts as weighted means) and the projection is the same on fewer rows. Informal
    workers without a wage, who all declare the floor, collapse to one row per age."""
    size = np.where(branch.formal, branch.establishment_size, 0.0)
    sector = np.where(branch.formal, branch.sector, 0)
    keys = np.column_stack(
        [branch.cell, branch.age, size, branch.formal, branch.wage, branch.insured_wage, sector]
    )
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    n = len(unique)
    weight = np.bincount(inverse, weights=branch.weight, minlength=n)
    safe = np.where(weight > 0, weight, 1.0)
    amounts = {
        key: np.bincount(inverse, weights=branch.weight * getattr(branch, key), minlength=n) / safe
        for key in AMOUNTS
    }
    cell = unique[:, 0].astype(int)
    return replace(
        branch,
        weight=weight,
        female=cell >= N_CELLS // 2,
        age=unique[:, 1],
        cell=cell,
        establishment_size=unique[:, 2],
        formal=unique[:, 3].astype(bool),
        wage=unique[:, 4],
        insured_wage=unique[:, 5],
        sector=unique[:, 6].astype(int),
        **amounts,
    )


def _cell_ratio(values, base, weight, insured, cell) -> np.ndarray:
    """Per sex and age band: weighted sum of `values` over the insured / sum of `base`."""
    w = np.where(insured, weight, 0.0)
    top = np.bincount(cell, weights=w * values, minlength=N_CELLS)
    bottom = np.bincount(cell, weights=w * base, minlength=N_CELLS)
    overall = (w * values).sum() / max((w * base).sum(), 1e-12)
    return np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1), overall)


def _injury_parts(parameters, get, age, insured_wage, benefit):
    """Split the NSIS employment injury expected annual benefit into its parts.

    The variable is temporary benefit + (death + disability pension) x capitalisation factor;
    the temporary and disability parts follow from the incidence parameters, the survivors'
    pension is what remains.
    """
    rule = parameters.nsis.employment_injury
    incidence = rule.incidence
    qualified = get("nsis_employment_injury__insured").values.astype(bool) & get(
        "nsis_employment_injury__meets_contribution_condition"
    ).values.astype(bool)
    days = max(incidence.average_incapacity_days - rule.waiting_days, 0)
    daily = insured_wage * MONTHS_PER_YEAR / DAYS_PER_YEAR
    temporary = qualified * incidence.temporary_injury_rate * rule.replacement_rate * daily * days
    factor = monthly_annuity_factor(
        age,
        rule.capitalisation.end_age,
        rule.capitalisation.minimum_years,
        rule.capitalisation.interest_rate,
    )
    monthly_pensions = (benefit - temporary) / factor
    disability = (
        qualified
        * incidence.permanent_disability_rate
        * incidence.average_loss_of_earning_capacity
        * rule.replacement_rate
        * insured_wage
    )
    survivors = np.maximum(monthly_pensions - disability, 0.0)
    count_disability = qualified * incidence.permanent_disability_rate
    count_survivors = qualified * (survivors > 0) * incidence.death_rate
    return (
        temporary,
        MONTHS_PER_YEAR * disability,
        MONTHS_PER_YEAR * survivors,
        count_disability,
        count_survivors,
    )
