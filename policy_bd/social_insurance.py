"""Arithmetic shared by the Employment Injury Scheme and the proposed NSIS schemes.

OpenFisca loads each variables file by its path, so helpers that several variables files need
live in this importable module. Every function works on whole arrays (one value per person).
"""

from __future__ import annotations

import numpy as np

from policy_bd.entities import Household

# Insurance benefits are computed per day of a contingency from a monthly wage: a month is
# 365 / 12 days, so a benefit for 14 weeks (98 days) is 98 * 12 / 365 = 3.22 months of wage.
DAYS_PER_YEAR = 365
MONTHS_PER_YEAR = 12

# What happens to the Labour Act's employer liability when an insurance scheme pays
# (parameter `employer_liability` of each NSIS scheme).
EMPLOYER_LIABILITY_RULES = ("remains", "offset", "ends")


def daily_wage(monthly_wage: np.ndarray) -> np.ndarray:
    """A monthly wage expressed per calendar day (12 months in 365 days)."""
    return monthly_wage * MONTHS_PER_YEAR / DAYS_PER_YEAR


def monthly_annuity_factor(
    age: np.ndarray, end_age: float, minimum_years: float, interest_rate: float
) -> np.ndarray:
    """Present value, at the start, of Tk 1 paid at the end of each month until `end_age`.

    The number of months is 12 x (end_age - age), never fewer than 12 x minimum_years; the
    yearly `interest_rate` is compounded monthly. With no interest, the factor is the number of
    months.
    """
    months = MONTHS_PER_YEAR * np.maximum(end_age - age, minimum_years)
    monthly_rate = interest_rate / MONTHS_PER_YEAR
    if monthly_rate == 0:
        return months.astype(float)
    return (1 - (1 + monthly_rate) ** -months) / monthly_rate


def survivors_share(person, period, survivors) -> np.ndarray:
    """Share of the deceased's wage due to the survivors found in the deceased's household.

    The survivors are read from household roles. A deceased head or spouse leaves the other
    head or spouse (`spouse_share`, once) and each member in the role of child younger than
    `child_age_limit` (`child_share` each). A deceased member in the role of child who leaves
    neither leaves each head or spouse as a dependent parent (`parent_share` each). The total
    is capped at `maximum_total`. A deceased member in the role of other leaves no survivor the
    household can identify.
    """
    is_partner = person.has_role(Household.HEAD) | person.has_role(Household.SPOUSE)
    is_child = person.has_role(Household.CHILD)
    heads_and_spouses = person.household.sum(is_partner)
    young_children = person.household.sum(
        is_child * (person("age", period) < survivors.child_age_limit)
    )
    # A head or spouse's own children are the household's children; a child's parents are the
    # household's head and spouse.
    has_partner = is_partner * (heads_and_spouses > 1)
    children = np.where(is_partner, young_children, 0)
    has_family = has_partner | (children > 0)
    family = survivors.spouse_share * has_partner + survivors.child_share * children
    parents = survivors.parent_share * np.where(is_child, heads_and_spouses, 0)
    share = np.where(has_family, family, parents)
    return np.minimum(share, survivors.maximum_total)


def employer_liability_after_insurance(
    labour_act_benefit: np.ndarray,
    insurance_value: np.ndarray,
    insured: np.ndarray,
    rule: str,
) -> np.ndarray:
    """What the employer still owes under the Labour Act when an insurance scheme pays.

    `rule` is one of `remains` (the full Labour Act benefit), `offset` (only what the Labour
    Act benefit exceeds the insurance benefit for the same contingency) or `ends` (nothing).
    It applies to insured workers only; others keep the Labour Act benefit.
    """
    if rule not in EMPLOYER_LIABILITY_RULES:
        msg = (
            f"employer_liability must be one of {', '.join(EMPLOYER_LIABILITY_RULES)}, not {rule!r}"
        )
        raise ValueError(msg)
    if rule == "remains":
        remaining = labour_act_benefit
    elif rule == "offset":
        remaining = np.maximum(labour_act_benefit - insurance_value, 0)
    else:
        remaining = np.zeros_like(labour_act_benefit)
    return np.where(insured, remaining, labour_act_benefit)
