"""How close a sample comes to the design's published targets: one row per check.

Used for the synthetic sample's metadata, its tests and the documentation; it reads only the
schema's columns, so it can be run on a real HIES sample too, to compare it with the targets.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from policy_bd.microsim import weighted
from policy_bd.microsim.schema import WASHINGTON_GROUP, household_annual_income, reported_columns
from policy_bd.microsim.synthetic import plan


def _tolerance(spec: dict) -> tuple[str, float] | None:
    if spec.get("report_only") or "tolerance" not in spec:
        return None
    kind, value = next(iter(spec["tolerance"].items()))
    return kind, float(value)


COUNTS = {
    "population",
    "households",
    "city_corporation_population",
    "employed",
    "unemployed",
    "women_labour_force",
    "rmg_workers",
    "disability_severe",
    "caseloads",
}


def calibration_report(
    persons: pd.DataFrame, households: pd.DataFrame, scale: float = 1.0
) -> list[dict]:
    """Every target of the design with the value the sample achieves and whether it is within.

    `scale` is the share of the country the sample represents (a chunk of a larger sample):
    totals are compared with the targets times `scale`; shares and means are compared as they are.
    """
    index = pd.Index(households["household_id"]).get_indexer(persons["household_id"])
    n = len(households)
    w = households["household_weight"].to_numpy(dtype=float)
    size = np.bincount(index, minlength=n)
    pw_hh = w * size  # person weights on household rows
    pw = w[index]  # weight of each person
    urban = households["urban"].to_numpy(dtype=bool)
    division = households["division"].to_numpy().astype(str)
    age = persons["age"].to_numpy()
    female = (persons["sex"] == "female").to_numpy()
    marital = persons["marital_status"].to_numpy().astype(str)
    population = pw.sum()
    consumption = households["consumption_pc_monthly"].to_numpy(dtype=float)
    income = household_annual_income(persons, households, index)
    employed = (persons["labour_status"] == "employed").to_numpy()
    unemployed = (persons["labour_status"] == "unemployed").to_numpy()
    rows: list[dict] = []

    def add(name: str, achieved: float, key: str | None = None, value=None):
        spec = plan.target(name)
        target = value if value is not None else spec["value"]
        if name in COUNTS:
            target *= scale
        tolerance = _tolerance(spec)
        row = {"check": f"{name}.{key}" if key else name, "target": target, "achieved": achieved}
        if tolerance:
            kind, size_ = tolerance
            gap = abs(achieved - target) / (abs(target) if kind == "relative" else 1.0)
            row.update(tolerance=f"{kind} {size_:g}", within=bool(gap <= size_))
        else:
            row.update(tolerance="report only", within=None)
        rows.append(row)

    add("population", population)
    add("household_size", population / w.sum())
    add(
        "households",
        w.sum(),
        value=plan.target("population")["value"] / plan.target("household_size")["value"],
    )
    add("urban_share", pw_hh[urban].sum() / population)
    for name, share in plan.target("division_shares")["values"].items():
        add("division_shares", pw_hh[division == name].sum() / population, name, share)
    add("male_share", pw[~female].sum() / population)
    add("aged_60_plus", pw[age >= 60].sum() / population)
    add("aged_65_plus", pw[age >= 65].sum() / population)
    ten = age >= 10
    add(
        "widowed_women_10_plus",
        pw[ten & female & (marital == "widowed")].sum() / pw[ten & female].sum(),
    )
    add(
        "widowed_men_10_plus",
        pw[ten & ~female & (marital == "widowed")].sum() / pw[ten & ~female].sum(),
    )
    add("married_10_plus", pw[ten & (marital == "married")].sum() / pw[ten].sum())
    head = (persons["role"] == "head").to_numpy()
    add("female_headed_households", pw[head & female].sum() / pw[head].sum())
    if "city_corporation" in households:
        add(
            "city_corporation_population",
            pw_hh[households["city_corporation"].to_numpy(dtype=bool)].sum(),
        )
    for line in ("upper", "lower"):
        name = f"poverty_{line}"
        lines = households[f"poverty_line_{line}"].to_numpy(dtype=float)
        for key, value in plan.target(name)["values"].items():
            mask = (
                np.ones(n, bool)
                if key == "national"
                else urban
                if key == "urban"
                else ~urban
                if key == "rural"
                else division == key
            )
            add(name, weighted.fgt(consumption[mask], lines[mask], pw_hh[mask], 0), key, value)
    add("consumption_gini", weighted.gini(consumption, pw_hh))
    add("income_gini", weighted.gini(income / size, pw_hh))
    for key, value in plan.target("mean_household_income_monthly")["values"].items():
        mask = np.ones(n, bool) if key == "national" else urban if key == "urban" else ~urban
        add("mean_household_income_monthly", weighted.mean(income[mask] / 12, w[mask]), key, value)
    add("mean_household_expenditure_monthly", weighted.mean(consumption * size, w))
    if "food_share" in households:
        add("food_share", weighted.mean(households["food_share"].to_numpy(dtype=float), w))
    add("employed", pw[employed].sum())
    add("unemployed", pw[unemployed].sum())
    add("women_labour_force", pw[(employed | unemployed) & female].sum())
    add(
        "informal_share",
        1 - pw[employed & persons["is_formal"].to_numpy(dtype=bool)].sum() / pw[employed].sum(),
    )
    add("rmg_workers", pw[persons["sector"].astype(str).str.startswith("rmg").to_numpy()].sum())
    severe = np.zeros(len(persons), bool)
    for name in WASHINGTON_GROUP:
        severe |= persons[name].to_numpy() >= 3
    add("disability_severe", pw[severe].sum())
    foreign = households["remittance_foreign"].to_numpy(dtype=float)
    add("foreign_remittance_recipients", w[foreign > 0].sum() / w.sum())
    add("foreign_remittance_mean_annual", weighted.mean(foreign[foreign > 0], w[foreign > 0]))
    for program, value in plan.target("caseloads")["values"].items():
        flag, _ = reported_columns(program)
        if flag in persons:
            add("caseloads", pw[persons[flag].to_numpy(dtype=bool)].sum(), program, value)
    return rows
