"""NSIS employment injury insurance (proposal), default design at ILO C121.

Instead of the employer's lump sum, an insured worker injured at work receives periodic payments:
a benefit for the days of temporary incapacity after the waiting days, a monthly pension for a
permanent disablement (in proportion to the loss of earning capacity when partial), or, after a
death, a monthly survivors' pension for the family found in the household. The injury and its
outcome are the month's `work_injury` inputs; pensions are the monthly amounts awarded then.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import Disablement
from policy_bd.social_insurance import daily_wage, monthly_annuity_factor, survivors_share

NSSS = "National Social Security Strategy 2015, employment injury insurance in the NSIS (proposal): https://socialprotection.gov.bd/?p=382"
C121 = "ILO C121 Employment Injury Benefits Convention, 1964: https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C121"


def capitalisation_factor(person, period, parameters):
    """Capital value of Tk 1 a month from the person's age (assumptions in `capitalisation`)."""
    rule = parameters(period).nsis.employment_injury.capitalisation
    return monthly_annuity_factor(
        person("age", period), rule.end_age, rule.minimum_years, rule.interest_rate
    )


class nsis_employment_injury__insured(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is insured by the NSIS employment injury scheme (the scheme is in force and the person is a covered employee)"
    reference = [NSSS, f"{C121}, Art. 4 (all employees)"]

    def formula_2015_06(person, period, parameters):
        in_force = parameters(period).nsis.employment_injury.in_force
        return in_force * person("nsis_contributions__eligible", period)


class nsis_employment_injury__meets_contribution_condition(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has paid NSIS contributions for the qualifying months of the employment injury scheme (none under C121)"
    reference = [NSSS, f"{C121}, Art. 9(2) (no qualifying period)"]

    def formula_2015_06(person, period, parameters):
        required = parameters(period).nsis.employment_injury.qualifying_contribution_months
        return person("nsis_contribution_months", period) >= required


class nsis_employment_injury__injured_at_work(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Was injured at work in the month with an outcome beyond a passing injury (incapacity, disablement or death)"
    reference = [NSSS, f"{C121}, Art. 6 (contingencies covered)"]

    def formula_2015_06(person, period, _parameters):
        outcome = person("work_injury_disablement", period)
        return person("work_injury", period) * (outcome != Disablement.none)


class nsis_employment_injury__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is entitled to NSIS employment injury benefits for the month's work injury"
    reference = [NSSS, C121]

    def formula_2015_06(person, period, _parameters):
        return (
            person("nsis_employment_injury__insured", period)
            * person("nsis_employment_injury__meets_contribution_condition", period)
            * person("nsis_employment_injury__injured_at_work", period)
        )


class nsis_employment_injury_temporary_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS benefit for the days of temporary incapacity after the month's work injury, after the waiting days (Tk)"
    reference = [NSSS, f"{C121}, Art. 9(3) (waiting days), Art. 14 and Schedule II (60%)"]

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.employment_injury
        temporary = person("work_injury_disablement", period) == Disablement.temporary
        days = np.maximum(person("work_injury_incapacity_days", period) - rule.waiting_days, 0)
        daily_benefit = rule.replacement_rate * daily_wage(person("nsis_insured_wage", period))
        return person("nsis_employment_injury__eligible", period) * temporary * daily_benefit * days


class nsis_employment_injury_disability_pension(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS monthly pension for a permanent disablement from the month's work injury (Tk per month)"
    reference = [NSSS, f"{C121}, Art. 14 and Schedule II (60% for total loss of earning capacity)"]
    documentation = """
    Total disablement: the replacement rate times the insured wage. Partial disablement: that
    pension times the loss of earning capacity (the Labour Act's First Schedule percentage).
    """

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.employment_injury
        outcome = person("work_injury_disablement", period)
        share = np.select(
            [
                outcome == Disablement.permanent_total,
                outcome == Disablement.permanent_partial,
            ],
            [1.0, person("work_injury_loss_of_earning_capacity", period)],
            default=0.0,
        )
        pension = rule.replacement_rate * person("nsis_insured_wage", period) * share
        return person("nsis_employment_injury__eligible", period) * pension


class nsis_employment_injury_survivors_pension(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS monthly survivors' pension after a death from the month's work injury, all survivors together (Tk per month)"
    reference = [NSSS, f"{C121}, Art. 18 and Schedule II (50% for a widow with two children)"]
    documentation = """
    Recorded on the deceased worker, paid to the survivors found in the household: the other
    head or spouse, children under the age limit, or, for a worker in the role of child who
    leaves neither, the household's head and spouse as dependent parents.
    """

    def formula_2015_06(person, period, parameters):
        survivors = parameters(period).nsis.employment_injury.survivors
        died = person("work_injury_disablement", period) == Disablement.death
        share = survivors_share(person, period, survivors)
        pension = share * person("nsis_insured_wage", period)
        return person("nsis_employment_injury__eligible", period) * died * pension


class nsis_employment_injury_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS employment injury pension awarded for the month's work injury: disability or survivors' pension (Tk per month)"
    reference = [NSSS, C121]

    def formula_2015_06(person, period, _parameters):
        return person("nsis_employment_injury_disability_pension", period) + person(
            "nsis_employment_injury_survivors_pension", period
        )


class nsis_employment_injury_benefit_value(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Value of the NSIS award for the month's work injury: temporary benefit plus the capital value of the pension (Tk)"
    reference = [NSSS, C121]
    documentation = """
    The pension is capitalised as a monthly annuity from the worker's age to the end age, at the
    interest rate of `nsis.employment_injury.capitalisation` (assumptions). This is the figure
    set against the Labour Act's lump sum.
    """

    def formula_2015_06(person, period, parameters):
        pension = person("nsis_employment_injury_benefit", period)
        factor = capitalisation_factor(person, period, parameters)
        return person("nsis_employment_injury_temporary_benefit", period) + pension * factor


class nsis_employment_injury_expected_annual_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Expected cost of a year's NSIS employment injury awards for an insured worker, from the injury incidence (Tk per year)"
    reference = [NSSS, C121, "NSIS workshop report, 19-20 February 2025 (EIS pilot cases)"]
    documentation = """
    For costing on survey data, where injuries are not observed: the yearly incidence of each
    outcome times the value of its award (pensions capitalised, as employment injury schemes fund
    a pension when it is awarded). A death is valued with the survivors found in the worker's
    household; a permanent disablement at the average loss of earning capacity.
    """

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.employment_injury
        incidence = rule.incidence
        wage = person("nsis_insured_wage", period)
        factor = capitalisation_factor(person, period, parameters)
        death = incidence.death_rate * survivors_share(person, period, rule.survivors) * wage
        disability = (
            incidence.permanent_disability_rate
            * incidence.average_loss_of_earning_capacity
            * rule.replacement_rate
            * wage
        )
        temporary_days = max(incidence.average_incapacity_days - rule.waiting_days, 0)
        temporary = (
            incidence.temporary_injury_rate
            * rule.replacement_rate
            * daily_wage(wage)
            * temporary_days
        )
        insured = person("nsis_employment_injury__insured", period) * person(
            "nsis_employment_injury__meets_contribution_condition", period
        )
        return insured * ((death + disability) * factor + temporary)
