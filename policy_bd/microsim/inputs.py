"""From survey columns to the model's input variables, for one chunk of households.

Survey money is at the survey year's prices; it is uprated to the simulated fiscal year by the
CPI factor (`uprating.py`). Ages are advanced by the years between the survey and the fiscal
year, up to the contract's plausible maximum of 120 (a modelling choice for the oldest survey
respondents, not a change to anything a caller sent); weights are not re-projected (the
population is the survey year's). The columns are then checked by the engine's input contract
like any other (`policy_bd.engine.read_columns`).

Derived inputs, where the system has the variable:

- `annual_income` (person, year): the person's own earnings over 12 months, wages plus their
  share of the household's farm and enterprise income. Remittances, rent and other household
  receipts are not attributed to a member (HIES asks them of the household).
- `monthly_wage`: wages of the main job (uprated).
- `disability_registered`: a lot of difficulty, or cannot do at all, in at least one Washington
  Group domain. HIES does not ask about registration in the Disability Information System;
  the functional definition stands in for it.
- `household_annual_income` (household, year): every source the survey records (wages, farm and
  enterprise income, remittances, rent, other receipts), not only the members' own earnings, so
  the household income tests read the household's whole income.
- Mother and Child Benefit (a 36-month benefit from pregnancy): the survey does not record
  pregnancies, so a mother (the head's wife, or a woman head) of a child under three (at the
  interview) stands for a woman who enrolled while pregnant: `is_pregnant` true,
  `children_ever_born` the head's other children, `mother_and_child_benefit_months_received` 0,
  so the child-order, age and income tests are applied to her.

Not observed and left at their defaults: `years_separated_from_husband` (0: a separated woman
is not taken as husband-deserted), `receives_government_pension` (false), the events (births,
injuries, job losses), and contributions to the Universal Pension.

Any other sample column whose name is an input variable of the system (no formula) of the right
entity is passed as it is, so a new input needs no code here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from policy_bd.microsim.schema import WASHINGTON_GROUP, household_annual_income

PERSON_MONEY = ("wage_income_monthly", "self_employment_income_monthly")
RESERVED = {"household_id", "person_id", "role"}
DERIVED = {
    "age",
    "annual_income",
    "monthly_wage",
    "disability_registered",
    "household_annual_income",
    "is_pregnant",
    "children_ever_born",
    "mother_and_child_benefit_months_received",
}
YOUNG_CHILD_AGE = 3


def _severe_difficulty(persons: pd.DataFrame) -> np.ndarray:
    severe = np.zeros(len(persons), dtype=bool)
    for name in WASHINGTON_GROUP:
        if name in persons:
            severe |= persons[name].to_numpy() >= 3
    return severe


def _mothers_of_young_children(persons: pd.DataFrame, index: np.ndarray, n: int):
    """Each person: is she the mother of a child under 3, and how many older children she has."""
    role = persons["role"].to_numpy().astype(str)
    female = (persons["sex"] == "female").to_numpy()
    child = role == "child"
    young = child & (persons["age"].to_numpy() < YOUNG_CHILD_AGE)
    has_young = np.bincount(index, weights=young, minlength=n) > 0
    children = np.bincount(index, weights=child, minlength=n)
    mother = female & ((role == "spouse") | (role == "head")) & has_young[index]
    return mother, np.where(mother, np.maximum(children[index] - 1, 0), 0).astype(int)


def _pass_through(system, frame: pd.DataFrame, entity: str, taken: set[str]) -> dict:
    out = {}
    for column in frame.columns:
        if column in taken or column in RESERVED:
            continue
        variable = system.variables.get(column)
        if variable is None or variable.entity.key != entity or variable.formulas:
            continue
        out[column] = frame[column].to_numpy()
    return out


def model_inputs(
    system, persons: pd.DataFrame, households: pd.DataFrame, years_elapsed: int, uprating: float
) -> tuple[dict, dict]:
    """Person and household columns for `policy_bd.engine.read_columns`."""
    variables = system.variables
    person = {
        "household_id": persons["household_id"].to_numpy(),
        "person_id": persons["person_id"].to_numpy(),
        "role": persons["role"].to_numpy().astype(str),
        "age": np.minimum(persons["age"].to_numpy() + max(years_elapsed, 0), 120),
    }
    wages = persons["wage_income_monthly"].to_numpy(dtype=float) * uprating
    own = wages + persons["self_employment_income_monthly"].to_numpy(dtype=float) * uprating
    if "annual_income" in variables:
        person["annual_income"] = np.maximum(own, 0.0) * 12
    if "monthly_wage" in variables:
        person["monthly_wage"] = wages
    if "disability_registered" in variables:
        person["disability_registered"] = _severe_difficulty(persons)
    index = pd.Index(households["household_id"]).get_indexer(persons["household_id"])
    if "is_pregnant" in variables:
        mother, older_children = _mothers_of_young_children(persons, index, len(households))
        person["is_pregnant"] = mother
        if "children_ever_born" in variables:
            person["children_ever_born"] = older_children
        if "mother_and_child_benefit_months_received" in variables:
            person["mother_and_child_benefit_months_received"] = np.zeros(len(persons), int)
    person.update(_pass_through(system, persons, "person", set(person) | DERIVED))
    household = {"household_id": households["household_id"].to_numpy()}
    if "household_annual_income" in variables:
        household["household_annual_income"] = (
            household_annual_income(persons, households, index) * uprating
        )
    household.update(_pass_through(system, households, "household", set(household)))
    return person, household
