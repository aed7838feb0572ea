"""NSIS sickness insurance (proposal), default design at ILO C130.

An insured worker with certified sick days in the month, after the qualifying contributions,
receives a share of the insured daily wage for each sick day after the waiting days of the case,
up to the maximum duration. The month's sick days are one case of sickness.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.social_insurance import daily_wage

NSSS = "National Social Security Strategy 2015, sickness benefits in the NSIS (proposal): https://socialprotection.gov.bd/?p=382"
C130 = "ILO C130 Medical Care and Sickness Benefits Convention, 1969: https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C130"


def _paid_days(sick_days, rule):
    return np.clip(sick_days - rule.waiting_days, 0, rule.max_duration_weeks * 7)


class nsis_sickness__insured(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is insured by the NSIS sickness scheme (the scheme is in force and the person is a covered employee)"
    reference = [NSSS, f"{C130}, Art. 19 (persons protected)"]

    def formula_2015_06(person, period, parameters):
        in_force = parameters(period).nsis.sickness.in_force
        return in_force * person("nsis_contributions__eligible", period)


class nsis_sickness__meets_contribution_condition(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has paid NSIS contributions for at least the qualifying months of the sickness scheme"
    reference = [NSSS, f"{C130}, Art. 25 (qualifying period)"]

    def formula_2015_06(person, period, parameters):
        required = parameters(period).nsis.sickness.qualifying_contribution_months
        return person("nsis_contribution_months", period) >= required


class nsis_sickness__sick_beyond_waiting_days(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is certified sick in the month for more days than the NSIS sickness waiting days"
    reference = [NSSS, f"{C130}, Art. 26(3) (no benefit for the first three days)"]

    def formula_2015_06(person, period, parameters):
        waiting = parameters(period).nsis.sickness.waiting_days
        return person("sick_leave_days", period) > waiting


class nsis_sickness__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is entitled to the NSIS sickness benefit in the month"
    reference = [NSSS, C130]

    def formula_2015_06(person, period, _parameters):
        return (
            person("nsis_sickness__insured", period)
            * person("nsis_sickness__meets_contribution_condition", period)
            * person("nsis_sickness__sick_beyond_waiting_days", period)
        )


class nsis_sickness_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS sickness benefit for the month's certified sick days after the waiting days (Tk)"
    reference = [NSSS, f"{C130}, Art. 22 and Schedule (60%), Art. 26 (duration, waiting days)"]

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.sickness
        days = _paid_days(person("sick_leave_days", period), rule)
        daily_benefit = rule.replacement_rate * daily_wage(person("nsis_insured_wage", period))
        return person("nsis_sickness__eligible", period) * daily_benefit * days


class nsis_sickness_expected_annual_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Expected NSIS sickness benefit of an insured worker over a year, from the sickness incidence (Tk per year)"
    reference = [NSSS, C130]
    documentation = """
    For costing on survey data, where sickness is not observed: the average certified sick days
    a year less the waiting days of each case, paid at the benefit rate.
    """

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.sickness
        days = max(
            rule.incidence.sick_days_per_year
            - rule.incidence.sick_spells_per_year * rule.waiting_days,
            0,
        )
        insured = person("nsis_sickness__insured", period) * person(
            "nsis_sickness__meets_contribution_condition", period
        )
        daily_benefit = rule.replacement_rate * daily_wage(person("nsis_insured_wage", period))
        return insured * daily_benefit * days
