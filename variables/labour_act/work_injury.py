"""Compensation for injury by accident (দুর্ঘটনাজনিত জখমের ক্ষতিপূরণ), Labour Act 2006 ss.150-152.

The employer pays a lump sum from the Fifth Schedule for death (Tk 1,00,000; Tk 2,00,000 from the
2018 amendment) or permanent total disablement (Tk 1,25,000; Tk 2,50,000 from 2018), that amount
times the loss of earning capacity for a permanent partial disablement, and for a temporary
disablement a monthly share of the s.152 monthly wage: all of it for two months, two thirds for
the next two, half after that, for as long as the incapacity lasts up to a cap (24 months; see
the parameter's documentation for the conflict with a one-year cap).

`work_injury_compensation` is the whole amount due for the injury, put in the month of the injury:
for a temporary disablement, the total over the incapacity's duration (the input days). The rules
are read on the injury date (input `work_injury_date`, else the first day of the month), so the
2018 amounts apply from 14 November 2018. Doubled compensation where the employer ignored a
written notice of danger (s.86) and the medical care the employer owes are not modelled.
"""

import datetime

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.dated_parameters import at_dates, calc_at_dates, event_dates
from policy_bd.entities import Person
from policy_bd.enums import Disablement

ACT = "Bangladesh Labour Act 2006"
S150 = f"{ACT}, s.150 (employer's liability; three-day waiting condition; exclusions): https://accountabilityhub.org/provision/ss-150-and-151/"
S151 = f"{ACT}, s.151 and Fifth Schedule (amount of compensation): https://accountabilityhub.org/provision/ss-150-and-151/"
S152 = f"{ACT}, s.152 (monthly wages for compensation): https://hasanhmt.com/?p=2397"
AMENDMENT_2018 = (
    "Bangladesh Labour (Amendment) Act 2018, Fifth Schedule (gazette of 14 November 2018):"
    " https://www.scribd.com/document/717308787/BLA2018"
)
WAGE_INDICATOR = "https://mywage.org.bd/ (WageIndicator Bangladesh, compensation for work injury)"
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"
RULES = "labour_act.work_injury"


class work_injury_date(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = MONTH
    label = "Date of the work injury, a day in the month of the injury (optional; else the first day of the month)"
    reference = [
        AMENDMENT_2018,
        "policy_bd.dated_parameters (the rule in force on the date of an event)",
    ]


class work_injury_rule_date(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = MONTH
    label = "Date on which the work-injury rules are read: the injury date, or the first day of the month"
    reference = [S151, AMENDMENT_2018]

    def formula(person, period, _parameters):
        return event_dates(person("work_injury_date", period), period)


class wages_paid_in_last_12_months(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Total wages paid to the worker in the twelve months before the injury (Tk; optional)"
    reference = S152


class work_injury_is_occupational_disease_part_b(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The injury is an occupational disease listed in Part B of the Third Schedule"
    reference = [f"{ACT}, s.150(3) and Third Schedule", SSA_2018]


class work_injury_is_occupational_disease(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The injury is an occupational disease listed in the Third Schedule (Part A or Part B)"
    reference = [f"{ACT}, s.150(3) and Third Schedule", S151]


class work_injury_caused_by_own_misconduct(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The injury was caused by the worker being under drink or drugs, wilfully disobeying a"
        " safety rule or order, or wilfully removing a safety guard"
    )
    reference = f"{S150} (s.150(2)(b))"


class work_injury_monthly_wage(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Monthly wage for work-injury compensation (s.152; Tk per month)"
    reference = [S152, f"{SSA_2018} (average monthly earnings in the last 12 months)"]
    documentation = """
    With twelve months of service or more, a twelfth of the wages paid in the last twelve months
    (input wages_paid_in_last_12_months). With less service, or when that input is not sent, the
    month's gross wage stands for it (the Act uses the average daily wage or, under a month of
    service, the wage of a comparable worker).
    """

    def formula(person, period, _parameters):
        paid = person("wages_paid_in_last_12_months", period)
        full_year = (person("months_of_service", period) >= 12) * (paid > 0)
        return np.where(full_year, paid / 12, person("monthly_wage", period))


class work_injury__meets_waiting_period(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The injury caused death or permanent disablement, or incapacity for more than three days"
    )
    reference = [f"{S150} (s.150(2)(a))", SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        outcome = person("work_injury_disablement", period)
        waiting = at_dates(
            parameters, person("work_injury_rule_date", period), f"{RULES}.waiting_days"
        )
        temporary_beyond_waiting = (outcome == Disablement.temporary) * (
            person("work_injury_incapacity_days", period) > waiting
        )
        permanent_or_death = (
            (outcome == Disablement.permanent_partial)
            + (outcome == Disablement.permanent_total)
            + (outcome == Disablement.death)
        )
        return temporary_beyond_waiting + permanent_or_death


class work_injury__not_excluded_by_misconduct(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The injury was not caused by drink, drugs or wilful disregard of safety (no exclusion for a death)"
    reference = f"{S150} (s.150(2)(b))"

    def formula(person, period, _parameters):
        death = person("work_injury_disablement", period) == Disablement.death
        return np.logical_not(person("work_injury_caused_by_own_misconduct", period)) + death


class work_injury__meets_occupational_disease_service_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Not a Part B occupational disease, or at least six months of continuous service"
    reference = [f"{ACT}, s.150(3)", SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        minimum = at_dates(
            parameters,
            person("work_injury_rule_date", period),
            f"{RULES}.occupational_disease_min_service_months",
        )
        long_enough = person("months_of_service", period) >= minimum
        return (
            np.logical_not(person("work_injury_is_occupational_disease_part_b", period))
            + long_enough
        )


class work_injury__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is owed Labour Act compensation for a work injury in the month"
    reference = [S150, S151, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        return (
            person("work_injury", period)
            * person("labour_act__is_covered_worker", period)
            * person("work_injury__meets_waiting_period", period)
            * person("work_injury__not_excluded_by_misconduct", period)
            * person("work_injury__meets_occupational_disease_service_test", period)
        )


class work_injury_temporary_disablement_months(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Months of temporary disablement compensated: the incapacity in months, up to one year (two for an occupational disease)"
    reference = [S151, SSA_2018, WAGE_INDICATOR]

    def formula_2006_10_11(person, period, parameters):
        dates = person("work_injury_rule_date", period)
        days_per_month = at_dates(parameters, dates, f"{RULES}.days_per_month")
        disease = person("work_injury_is_occupational_disease", period) | person(
            "work_injury_is_occupational_disease_part_b", period
        )
        cap = np.where(
            disease,
            at_dates(
                parameters, dates, f"{RULES}.temporary_disablement_max_months.occupational_disease"
            ),
            at_dates(parameters, dates, f"{RULES}.temporary_disablement_max_months.accident"),
        )
        months = person("work_injury_incapacity_days", period) / days_per_month
        return np.minimum(months, cap)


class work_injury_compensation(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act compensation due for a work injury in the month (Tk, lump sum)"
    reference = [S150, S151, S152, AMENDMENT_2018, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        """Fifth Schedule lump sum by outcome; a temporary disablement's monthly payments summed."""
        dates = person("work_injury_rule_date", period)
        outcome = person("work_injury_disablement", period)
        death = at_dates(parameters, dates, f"{RULES}.death_compensation")
        total = at_dates(parameters, dates, f"{RULES}.permanent_total_compensation")
        loss = np.clip(person("work_injury_loss_of_earning_capacity", period), 0, 1)
        temporary = person("work_injury_monthly_wage", period) * calc_at_dates(
            parameters,
            dates,
            f"{RULES}.temporary_disablement_rates",
            person("work_injury_temporary_disablement_months", period),
        )
        amount = np.select(
            [
                outcome == Disablement.death,
                outcome == Disablement.permanent_total,
                outcome == Disablement.permanent_partial,
                outcome == Disablement.temporary,
            ],
            [death, total, total * loss, temporary],
            0,
        )
        return person("work_injury__eligible", period) * amount
