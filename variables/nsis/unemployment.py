"""NSIS unemployment insurance (proposal), default design at ILO C168.

An insured worker who loses the job involuntarily, after the qualifying contributions, receives a
share of the insured wage for up to the maximum duration of a spell, after the waiting days. The
job loss is the `job_separation` input of the month; the benefit variables give the monthly rate
awarded for the spell that begins then, and its total if the worker stays unemployed for the
whole maximum duration (the figure to set beside the Labour Act's separation pay).
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import JobSeparation
from policy_bd.social_insurance import daily_wage

NSSS = "National Social Security Strategy 2015, unemployment insurance in the NSIS (proposal): https://socialprotection.gov.bd/?p=382"
C168 = "ILO C168 Employment Promotion and Protection against Unemployment Convention, 1988: https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C168"


class nsis_unemployment__insured(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is insured by the NSIS unemployment scheme (the scheme is in force and the person is a covered employee)"
    reference = [NSSS, f"{C168}, Art. 11 (persons protected)"]

    def formula_2015_06(person, period, parameters):
        in_force = parameters(period).nsis.unemployment.in_force
        return in_force * person("nsis_contributions__eligible", period)


class nsis_unemployment__meets_contribution_condition(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Has paid NSIS contributions for at least the qualifying months of the unemployment scheme"
    )
    reference = [NSSS, f"{C168}, Art. 17 (qualifying period)"]

    def formula_2015_06(person, period, parameters):
        required = parameters(period).nsis.unemployment.qualifying_contribution_months
        return person("nsis_contribution_months", period) >= required


class nsis_unemployment__involuntary_job_loss(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Lost the job in the month in a way that opens a right to the NSIS unemployment benefit"
    reference = [NSSS, f"{C168}, Art. 10 (contingencies) and Art. 20 (grounds to refuse benefit)"]

    def formula_2015_06(person, period, parameters):
        qualifying = parameters(period).nsis.unemployment.qualifying_separations
        separation = person("job_separation", period)
        members = [member for member in JobSeparation if member != JobSeparation.none]
        return np.select(
            [separation == member for member in members],
            [bool(qualifying[member.name]) for member in members],
            default=False,
        )


class nsis_unemployment__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is entitled to the NSIS unemployment benefit for a spell beginning in the month"
    reference = [NSSS, C168]

    def formula_2015_06(person, period, _parameters):
        return (
            person("nsis_unemployment__insured", period)
            * person("nsis_unemployment__meets_contribution_condition", period)
            * person("nsis_unemployment__involuntary_job_loss", period)
        )


class nsis_unemployment_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS unemployment benefit: monthly amount for the spell that begins with the month's job loss (Tk per month)"
    reference = [NSSS, f"{C168}, Art. 15(1)(a) (50% of previous earnings)"]

    def formula_2015_06(person, period, parameters):
        rate = parameters(period).nsis.unemployment.replacement_rate
        return (
            person("nsis_unemployment__eligible", period)
            * rate
            * person("nsis_insured_wage", period)
        )


class nsis_unemployment_benefit_entitlement(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS unemployment benefit for the whole spell if the worker stays unemployed for the maximum duration (Tk)"
    reference = [NSSS, f"{C168}, Art. 18 (waiting period) and Art. 19 (duration)"]
    documentation = """
    The maximum duration counts paid days, so a worker unemployed for the waiting days plus the
    maximum duration receives the benefit for every day of the maximum duration.
    """

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.unemployment
        monthly = person("nsis_unemployment_benefit", period)
        return daily_wage(monthly) * rule.max_duration_weeks * 7


class nsis_unemployment_expected_annual_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Expected NSIS unemployment benefit of an insured worker over a year, from the job-loss incidence (Tk per year)"
    reference = [NSSS, C168]
    documentation = """
    For costing on survey data, where job losses are not observed: the yearly probability of an
    involuntary job loss times the benefit of an average spell (its length less the waiting
    days, at most the maximum duration). The qualifying contributions are checked on the month.
    """

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.unemployment
        paid_days = np.clip(
            rule.incidence.average_spell_weeks * 7 - rule.waiting_days,
            0,
            rule.max_duration_weeks * 7,
        )
        insured = person("nsis_unemployment__insured", period) * person(
            "nsis_unemployment__meets_contribution_condition", period
        )
        daily_benefit = rule.replacement_rate * daily_wage(person("nsis_insured_wage", period))
        return insured * rule.incidence.job_loss_rate * daily_benefit * paid_days
