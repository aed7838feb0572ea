"""Sick leave with full wages (পীড়া ছুটি), Labour Act 2006 s.116.

Fourteen days a calendar year at full wages, each certified by a registered medical
practitioner. The month's pay is the certified days of the month, up to the days left in the
calendar year, times a day's wage (the gross monthly wage / 30). Days already taken this year are
summed from the earlier months' `sick_leave_days` inputs; a caller who knows the count can send
`sick_leave_days_taken_earlier_in_year` instead.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person

S116 = (
    "Bangladesh Labour Act 2006, s.116 (14 days a calendar year with full wages, medical"
    " certificate): https://juralacuity.com/employee-benefits-under-bangladesh-labour-act-2006/"
)
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"


class sick_leave_days_taken_earlier_in_year(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "day"
    label = "Days of certified sick leave taken in the earlier months of the same calendar year"
    reference = S116

    def formula(person, period, _parameters):
        """The sum of `sick_leave_days` from January to the month before (none in January)."""
        earlier_months = period.start.month - 1
        return sum(
            (
                person("sick_leave_days", period.offset(-k, "month"))
                for k in range(1, earlier_months + 1)
            ),
            start=person.empty_array().astype(int),
        )


class sickness__has_days_left_in_year(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has not yet used the year's 14 days of sick leave with wages before this month"
    reference = [S116, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        allowance = parameters(period).labour_act.sickness.days_per_year
        return person("sick_leave_days_taken_earlier_in_year", period) < allowance


class sickness__takes_certified_sick_leave(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Takes sick leave in the month certified by a registered medical practitioner"
    reference = [S116, f"{SSA_2018} (must provide a medical certificate)"]

    def formula(person, period, _parameters):
        return person("sick_leave_days", period) > 0


class sickness__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is owed sick leave pay under the Labour Act for the month"
    reference = [S116, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        return (
            person("labour_act__is_covered_worker", period)
            * person("sickness__takes_certified_sick_leave", period)
            * person("sickness__has_days_left_in_year", period)
        )


class sick_leave_paid_days(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "day"
    label = "Days of the month's certified sick leave paid with full wages"
    reference = [S116, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        allowance = parameters(period).labour_act.sickness.days_per_year
        left = np.maximum(allowance - person("sick_leave_days_taken_earlier_in_year", period), 0)
        days = np.minimum(person("sick_leave_days", period), left)
        return person("sickness__eligible", period) * days


class sick_leave_pay(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act sick leave pay for the month's certified days (Tk)"
    reference = [S116, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        return person("sick_leave_paid_days", period) * person("labour_act_daily_wage", period)
