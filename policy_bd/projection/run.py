"""A whole projection: every branch of a scenario, its financing answers, sensitivity and the
stochastic band of its reserve."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import numpy as np

import policy_bd
from policy_bd.engine import resolve_reform
from policy_bd.projection import assumptions as assumptions_module
from policy_bd.projection import fund
from policy_bd.projection.base import base_branch, base_year_warnings
from policy_bd.projection.model import BranchResult, flows, incidence_paths, project_branch
from policy_bd.projection.scenario import Scenario, resolve

PERCENTILES = (5, 25, 50, 75, 95)
SENSITIVITY_FACTORS = ("incidence", "wage_growth", "interest", "compliance")


@dataclass
class Projection:
    scenario: Scenario
    branches: dict  # name -> BranchResult
    sensitivity: dict = field(default_factory=dict)
    stochastic: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)  # stale base-year values, with their branches

    def as_dict(self, rows: bool = True) -> dict:
        out = {
            "scenario": self.scenario.as_dict(),
            "package": {"name": "policy-bd", "version": policy_bd.__version__},
            "units": {
                "money": "Tk a year (current prices of each year)",
                "rates": "fractions of the contributory wages (insurable wages x compliance)",
                "reserve_ratio": "reserve at the end of the year / the year's expenditure",
            },
            "warning": "Computed on the synthetic HIES-like sample; a costing needs survey data"
            if self.scenario.data == "synthetic"
            else None,
            "warnings": self.warnings,
            "branches": {},
        }
        for name, result in self.branches.items():
            entry = {
                "contribution_rates": result.rates,
                "general_average_premium": _clean(result.general_average_premium),
                "scaled_premium": _clean(result.scaled_premium),
                "exhaustion_year": result.exhaustion_year,
            }
            if rows:
                entry["years"] = result.rows()
                entry["insured_by_sex_and_age"] = {
                    group: [float(v) for v in values]
                    for group, values in result.insured_by_sex_and_age.items()
                }
            if name in self.sensitivity:
                entry["sensitivity"] = self.sensitivity[name]
            if name in self.stochastic:
                entry["stochastic"] = self.stochastic[name]
            out["branches"][name] = entry
        return _clean(out)


def _clean(value):
    """JSON has no NaN: a rate with nothing to divide by is null (recursively)."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    if isinstance(value, float | np.floating):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def project(
    scenario,
    *,
    sensitivity: bool = True,
    stochastic: bool = True,
    progress: bool = False,
) -> Projection:
    """Project every branch of `scenario` (a Scenario, a dict, a file or a bundled name)."""
    scenario = resolve(scenario)
    for reform in {_reform_key(branch, scenario) for branch in scenario.branches}:
        resolve_reform(json.loads(reform))  # every reform problem before any work starts
    started = time.perf_counter()
    steps = len(scenario.branches) * (1 + sensitivity + stochastic)
    bar = None
    if progress:
        from tqdm import tqdm  # noqa: PLC0415

        bar = tqdm(total=steps, desc="projecting", unit="step")
    try:
        assumptions = assumptions_module.load(scenario)
        bases = {}
        for branch in scenario.branches:
            reform = branch.reform if branch.reform is not None else scenario.reform
            bases[branch.name] = base_branch(branch.name, reform, scenario.data, scenario.base_year)
        base_done = time.perf_counter()
        results, sensitivities, bands = {}, {}, {}
        for index, branch in enumerate(scenario.branches):
            base = bases[branch.name]
            computed = flows(base, scenario, assumptions)
            results[branch.name] = project_branch(
                branch, base, scenario, assumptions, precomputed=computed
            )
            _tick(bar)
            if sensitivity:
                sensitivities[branch.name] = _sensitivity(
                    branch,
                    base,
                    scenario,
                    assumptions,
                    computed=computed,
                    central=results[branch.name],
                )
                _tick(bar)
            if stochastic and scenario.stochastic_paths:
                bands[branch.name] = _stochastic(
                    branch, base, scenario, assumptions, computed=computed, index=index
                )
                _tick(bar)
    finally:
        if bar is not None:
            bar.close()
    ended = time.perf_counter()
    return Projection(
        scenario,
        results,
        sensitivities,
        bands,
        {"base_year_seconds": base_done - started, "projection_seconds": ended - base_done},
        warnings=_warnings(scenario),
    )


def _warnings(scenario) -> list[dict]:
    """The base year's stale values, each once, with the branches whose base year read it."""
    found: dict = {}
    for branch in scenario.branches:
        reform = branch.reform if branch.reform is not None else scenario.reform
        for item in base_year_warnings(branch.name, reform, scenario.data, scenario.base_year):
            key = (item["parameter"], item["reason"])
            found.setdefault(key, {**item, "branches": []})["branches"].append(branch.name)
    return sorted(found.values(), key=lambda item: (item["parameter"], item["reason"]))


def _reform_key(branch, scenario) -> str:
    reform = branch.reform if branch.reform is not None else scenario.reform
    return json.dumps(reform, sort_keys=True)


def _tick(bar) -> None:
    if bar is not None:
        bar.update(1)


def _answers(result: BranchResult) -> dict:
    return {
        "general_average_premium": result.general_average_premium,
        "scaled_premium": result.scaled_premium["rate"],
        "exhaustion_year": result.exhaustion_year,
    }


def _sensitivity(branch, base, scenario, assumptions, *, computed, central) -> dict:
    """The financing answers with each assumption moved down and up by the scenario's step."""
    steps = scenario.sensitivity
    out = {"central": _answers(central), "steps": dict(steps)}
    for factor in SENSITIVITY_FACTORS:
        step = steps[factor]
        for sign, label in ((-1, "low"), (1, "high")):
            shift = sign * step
            if factor == "incidence":
                paths = np.full((1, len(assumptions.years)), 1 + shift)
                result = project_branch(
                    branch, base, scenario, assumptions, incidence=paths, precomputed=computed
                )
            elif factor == "compliance":
                result = project_branch(branch, base, scenario, assumptions, compliance_shift=shift)
            else:
                moved = assumptions_module.load(scenario, {factor: shift})
                # The return on the reserve moves only the fund, not the flows.
                reuse = computed if factor == "interest" else None
                result = project_branch(branch, base, scenario, moved, precomputed=reuse)
            out[f"{factor}_{label}"] = _answers(result)
    return out


def _stochastic(branch, base, scenario, assumptions, *, computed, index) -> dict:
    years = assumptions.years
    paths = incidence_paths(
        scenario.stochastic_paths,
        len(years),
        assumptions.incidence_volatility,
        assumptions.incidence_autocorrelation,
        scenario.stochastic_seed + index,
    )
    result = project_branch(
        branch, base, scenario, assumptions, incidence=paths, precomputed=computed
    )
    reserve = result.stochastic["reserve"]
    bands = np.percentile(reserve, PERCENTILES, axis=0)
    exhausted = fund.exhaustion_year(reserve, years)
    ran_out = exhausted >= 0
    return {
        "paths": int(reserve.shape[0]),
        "volatility": assumptions.incidence_volatility,
        "autocorrelation": assumptions.incidence_autocorrelation,
        "years": [int(year) for year in years],
        "reserve_percentiles": {
            str(p): [float(v) for v in band] for p, band in zip(PERCENTILES, bands, strict=True)
        },
        "probability_fund_runs_out": float(ran_out.mean()),
        "median_exhaustion_year": int(np.median(exhausted[ran_out])) if ran_out.any() else None,
    }
