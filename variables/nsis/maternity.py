"""NSIS maternity insurance (proposal), default design at ILO C183.

An insured woman who gives birth in the month, after the qualifying contributions, receives a
share of the insured wage for the weeks of maternity leave. Like the Labour Act's maternity
benefit, the model gives the whole leave's benefit in the month of the birth.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import Sex
from policy_bd.social_insurance import daily_wage

NSSS = "National Social Security Strategy 2015, maternity insurance in the NSIS (proposal): https://socialprotection.gov.bd/?p=382"
C183 = "ILO C183 Maternity Protection Convention, 2000: https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C183"
AGE_GROUPS = ((15, 19), (20, 24), (25, 29), (30, 34), (35, 39), (40, 44), (45, 49))


def _benefit_for_leave(insured_wage, rule):
    days = max(rule.duration_weeks * 7 - rule.waiting_days, 0)
    return rule.replacement_rate * daily_wage(insured_wage) * days


class nsis_maternity__insured(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is insured by the NSIS maternity scheme (the scheme is in force and the person is a covered employee)"
    reference = [NSSS, f"{C183}, Art. 2 (all employed women)"]

    def formula_2015_06(person, period, parameters):
        in_force = parameters(period).nsis.maternity.in_force
        return in_force * person("nsis_contributions__eligible", period)


class nsis_maternity__meets_contribution_condition(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has paid NSIS contributions for at least the qualifying months of the maternity scheme"
    reference = [NSSS, f"{C183}, Art. 6(5) (conditions most women can meet)"]

    def formula_2015_06(person, period, parameters):
        required = parameters(period).nsis.maternity.qualifying_contribution_months
        return person("nsis_contribution_months", period) >= required


class nsis_maternity__gives_birth(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is a woman who gives birth in the month"
    reference = [NSSS, f"{C183}, Art. 4 (maternity leave around childbirth)"]

    def formula_2015_06(person, period, _parameters):
        return person("gives_birth", period) * (person("sex", period) == Sex.female)


class nsis_maternity__within_child_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is not excluded by a child limit (none by default; the Labour Act's two-child rule if a reform keeps it)"
    reference = [
        NSSS,
        "Bangladesh Labour Act 2006, s.46(2) (no maternity benefit with two or more living children)",
    ]

    def formula_2015_06(person, period, parameters):
        if not parameters(period).nsis.maternity.applies_two_child_limit:
            return np.ones(person.count, dtype=bool)
        return person("living_children_before_birth", period) < 2


class nsis_maternity__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is entitled to the NSIS maternity benefit for a birth in the month"
    reference = [NSSS, C183]

    def formula_2015_06(person, period, _parameters):
        return (
            person("nsis_maternity__insured", period)
            * person("nsis_maternity__meets_contribution_condition", period)
            * person("nsis_maternity__gives_birth", period)
            * person("nsis_maternity__within_child_limit", period)
        )


class nsis_maternity_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "NSIS maternity benefit for the whole maternity leave, due for a birth in the month (Tk)"
    )
    reference = [NSSS, f"{C183}, Art. 4(1) (14 weeks) and Art. 6(3) (two-thirds of earnings)"]

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.maternity
        benefit = _benefit_for_leave(person("nsis_insured_wage", period), rule)
        return person("nsis_maternity__eligible", period) * benefit


class nsis_maternity_expected_annual_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Expected NSIS maternity benefit of an insured woman over a year, from the birth rate at her age (Tk per year)"
    reference = [NSSS, C183, "Bangladesh Demographic and Health Survey 2022 (fertility)"]
    documentation = """
    For costing on survey data, where births are not observed: the yearly birth rate of the
    woman's five-year age group times the benefit for a birth. A woman with two or more living
    children counts for nothing when a reform keeps the two-child limit.
    """

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.maternity
        age = person("age", period)
        rates = rule.incidence.birth_rate
        birth_rate = np.select(
            [(age >= low) & (age <= high) for low, high in AGE_GROUPS],
            [rates[f"age_{low}_{high}"] for low, high in AGE_GROUPS],
            default=0.0,
        )
        insured = (
            person("nsis_maternity__insured", period)
            * person("nsis_maternity__meets_contribution_condition", period)
            * person("nsis_maternity__within_child_limit", period)
            * (person("sex", period) == Sex.female)
        )
        benefit = _benefit_for_leave(person("nsis_insured_wage", period), rule)
        return insured * birth_rate * benefit
