"""Death benefit (মৃত্যুজনিত ক্ষতিপূরণ), Labour Act 2006 s.19: a worker who dies in service.

The employer pays the nominee (or, without one, a dependant) days' wages for every completed year
of service or part of a year over six months, or the gratuity, whichever is higher:

- 2006: after three years' continuous service, 30 days' wages a year; where the death is also
  compensable as a work injury (Chapter XII), the higher of the two amounts, not both;
- Act 30 of 2013 (22 July 2013): after two years, 30 days' wages a year, 45 days' for a death
  at work or later from an accident at work, paid on top of the retirement benefits;
- Ordinance 65 of 2025 (17 November 2025): after one year (medium confidence).

The rules are read on the date of death (input `date_of_death`, else the first day of the
month). The 2006 proviso on compulsory group insurance is not modelled (no input).
"""

import datetime

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.dated_parameters import at_dates, event_dates
from policy_bd.entities import Person

S19_2006 = (
    "Bangladesh Labour Act 2006, s.19 (original text):"
    " https://juralacuity.com/employee-benefits-under-bangladesh-labour-act-2006/"
)
S19_2013 = (
    "Bangladesh Labour Act 2006, s.19 as substituted by Act 30 of 2013:"
    " https://www.nigarbd.com/2025/07/section19-death-benefit-bd-law.html"
)
ORDINANCE_2025 = (
    "Bangladesh Labour (Amendment) Ordinance 2025 (Ord. 65 of 2025), s.19 after one year:"
    " https://juralacuity.com/bangladesh-labour-law/"
)
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"
RULES = "labour_act.death_benefit"


class date_of_death(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = MONTH
    label = (
        "Date of death, a day in the month of the death (optional; else the first day of the month)"
    )
    reference = [S19_2013, "policy_bd.dated_parameters (the rule in force on the date of an event)"]


class death_benefit_rule_date(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = MONTH
    label = "Date on which the death-benefit rules are read: the date of death, or the first day of the month"
    reference = [S19_2006, S19_2013, ORDINANCE_2025]

    def formula(person, period, _parameters):
        return event_dates(person("date_of_death", period), period)


class death_benefit__meets_service_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Had the continuous service s.19 requires at the death (3 years; 2 from 2013; 1 from 17 November 2025)"
    reference = [S19_2006, S19_2013, ORDINANCE_2025, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        years = at_dates(
            parameters, person("death_benefit_rule_date", period), f"{RULES}.min_service_years"
        )
        return person("months_of_service", period) >= years * 12


class death_benefit__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Dies in service in the month and is owed the Labour Act death benefit"
    reference = [S19_2006, S19_2013, ORDINANCE_2025, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        return (
            person("dies", period)
            * person("labour_act__is_covered_worker", period)
            * person("death_benefit__meets_service_test", period)
        )


class death_benefit_days_per_year(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "day"
    label = "Days' wages of death benefit per year of service (45 for a death at work from 2013, else 30)"
    reference = [S19_2006, S19_2013, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        dates = person("death_benefit_rule_date", period)
        ordinary = at_dates(parameters, dates, f"{RULES}.days_per_year")
        at_work = at_dates(parameters, dates, f"{RULES}.days_per_year_death_at_work")
        return np.where(person("death_at_work", period), at_work, ordinary)


class death_benefit_service_compensation(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Days' wages for the years of service owed under s.19, before comparing with the gratuity (Tk)"
    reference = [S19_2006, S19_2013, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        day_wage = (
            person("labour_act_service_benefit_wage", period)
            / parameters(period).labour_act.wage_days_per_month
        )
        years = person("labour_act_service_years_with_part_year", period)
        return years * person("death_benefit_days_per_year", period) * day_wage


class death_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act death benefit due for a death in service in the month (Tk, lump sum to the nominee)"
    reference = [S19_2006, S19_2013, ORDINANCE_2025, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        """Service compensation or gratuity, whichever is higher; in 2006, less any work-injury death compensation."""
        higher = np.maximum(
            person("death_benefit_service_compensation", period),
            person("labour_act_gratuity", period),
        )
        offsets = at_dates(
            parameters,
            person("death_benefit_rule_date", period),
            f"{RULES}.offsets_work_injury_compensation",
        ).astype(bool)
        net = np.where(
            offsets, np.maximum(higher - person("work_injury_compensation", period), 0), higher
        )
        return person("death_benefit__eligible", period) * net
