"""Maternity benefit (প্রসূতি কল্যাণ সুবিধা), Labour Act 2006 Chapter IV (ss.45-50).

A woman worker with six months' service before the delivery and fewer than two living children
gets her daily rate for 56 days before and 56 days after the delivery (60 + 60 from 17 November
2025). The daily rate is the wages of the three months before her notice divided by the days she
actually worked (s.48(2)) until 31 August 2022; from 1 September 2022 her last monthly gross
wage divided by 26 (Labour Rules 2015 r.39(ক) as amended by SRO 284-Law/2022), the method the
2025 Ordinance wrote into s.48 from 17 November 2025 (Ordinance 65 of 2025, s.18(a)).

Which rule applies in November 2025: the one in force on the date of delivery. The optional
input `delivery_date` carries that date; without it the model takes the first day of the month
of the birth, i.e. the rule in force at the start of the month (so a November 2025 birth without
a date follows the 56 + 56 days in force on 1 November). The whole benefit is due in the month of the birth: the model has
no notice date, and the 2018 amendment of s.47 requires the whole amount within three working
days when she gives notice only after the birth. The two halves are exposed for a payment
schedule (s.47: the first half within three working days of the medical certificate, the second
within three working days of the proof of birth).
"""

import datetime

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.dated_parameters import at_dates, event_dates
from policy_bd.entities import Person
from policy_bd.labour_act_enums import MaternityPayee

ACT = "Bangladesh Labour Act 2006"
S46 = f"{ACT}, s.46: http://bdlaws.minlaw.gov.bd/act-952/section-26452.html"
S48 = f"{ACT}, s.48(2) (2006 text): https://qnafy.com/751/"
RULE_39 = "Bangladesh Labour Rules 2015, r.39(ক) as amended by SRO 284-Law/2022 of 1 September 2022 (last monthly gross wage / 26): https://vdb-loi.com/bd_publications/sro-no-284-law-2022-amendment-of-bangladesh-labor-rule-2015-dated-01-september-2022/"
S48_2025 = (
    f"{ACT}, s.48 as substituted by the Bangladesh Labour (Amendment) Ordinance 2025 (Ord. 65 of"
    " 2025), s.18(a): http://bdlaws.minlaw.gov.bd/act-952/section-26454.html"
)
S49 = f"{ACT}, s.49 (death of the woman): http://bdlaws.minlaw.gov.bd/act-952/section-26455.html"
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"
RULES = "labour_act.maternity"


class delivery_date(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = MONTH
    label = "Date of the delivery, a day in the month of the birth (optional; else the first day of the month)"
    reference = [S48_2025, "policy_bd.dated_parameters (the rule in force on the date of an event)"]


class maternity_rule_date(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = MONTH
    label = "Date on which the maternity rules are read: the delivery date, or the first day of the month"
    reference = [S46, S48_2025]

    def formula(person, period, _parameters):
        return event_dates(person("delivery_date", period), period)


class wages_in_three_months_before_maternity_notice(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Total wages paid to her in the three months before her maternity notice (Tk), read in the month of the birth"
    reference = S48


class days_worked_in_three_months_before_maternity_notice(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "day"
    label = "Days she actually worked in the three months before her maternity notice, read in the month of the birth"
    reference = S48


class newborn_dies(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Her newborn child died within eight weeks of the delivery (read in the month of the birth)"
    )
    reference = S49


class maternity__meets_service_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has worked at least six months for the employer immediately before the delivery"
    reference = [f"{S46} (s.46(1) proviso)", SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        dates = person("maternity_rule_date", period)
        minimum = at_dates(parameters, dates, f"{RULES}.min_service_months")
        return person("months_of_service", period) >= minimum


class maternity__meets_child_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Had fewer than two living children at the delivery (with two or more, leave but no benefit)"
    reference = [f"{S46} (s.46(2))", SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        dates = person("maternity_rule_date", period)
        limit = at_dates(parameters, dates, f"{RULES}.max_living_children")
        return person("living_children_before_birth", period) <= limit


class maternity__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is owed the Labour Act maternity benefit for a birth in the month"
    reference = [S46, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        return (
            person("gives_birth", period)
            * person("labour_act__is_covered_worker", period)
            * person("maternity__meets_service_test", period)
            * person("maternity__meets_child_limit", period)
        )


class maternity_benefit_daily_rate(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Daily rate of maternity benefit on the date of delivery (Tk per day)"
    reference = [S48, RULE_39, S48_2025, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        """Three-month average daily wage; last gross wage / 26 from 1 Sep 2022 (r.39), in the Act from 17 Nov 2025."""
        dates = person("maternity_rule_date", period)
        wages = person("wages_in_three_months_before_maternity_notice", period)
        days = person("days_worked_in_three_months_before_maternity_notice", period)
        average_daily = np.where(days > 0, wages / np.maximum(days, 1), 0)
        uses_last_wage = at_dates(
            parameters, dates, f"{RULES}.daily_rate_from_last_monthly_wage"
        ).astype(bool)
        divisor = at_dates(parameters, dates, f"{RULES}.monthly_wage_divisor").astype(float)
        last_wage_daily = person("monthly_wage", period) / np.where(uses_last_wage, divisor, 1)
        return np.where(uses_last_wage, last_wage_daily, average_daily)


class maternity_benefit_before_birth(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Maternity benefit for the period before the delivery (Tk, due in the month of the birth)"
    )
    reference = [f"{S46} (s.46(1))", f"{ACT}, s.47 (payment)", SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        days = at_dates(
            parameters, person("maternity_rule_date", period), f"{RULES}.days_before_birth"
        )
        rate = person("maternity_benefit_daily_rate", period)
        return person("maternity__eligible", period) * rate * days


class maternity_benefit_after_birth(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Maternity benefit for the period after the delivery (Tk, due in the month of the birth)"
    )
    reference = [f"{S46} (s.46(1))", f"{ACT}, s.47 (payment)", SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        days = at_dates(
            parameters, person("maternity_rule_date", period), f"{RULES}.days_after_birth"
        )
        rate = person("maternity_benefit_daily_rate", period)
        return person("maternity__eligible", period) * rate * days


class maternity_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act maternity benefit due for a birth in the month (Tk, lump sum)"
    reference = [S46, S48, S48_2025, S49, SSA_2018]
    documentation = """
    The sum of the two halves, due in the month of the birth. If the mother dies at or within
    eight weeks of the delivery the amount is unchanged and goes to whoever
    maternity_benefit_payee names (s.49(1)). A death before the delivery (s.49(2): benefit up to
    the day of death) is not modelled: there is then no birth to anchor the benefit.
    """

    def formula_2006_10_11(person, period, _parameters):
        return person("maternity_benefit_before_birth", period) + person(
            "maternity_benefit_after_birth", period
        )


class maternity__mother_dies_within_eight_weeks(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The mother dies in the month of the birth or one of the two following months"
    reference = S49
    documentation = """
    Section 49(1) covers a death during the delivery or within eight weeks of it. The model has
    no date of death, so a death in the month of the birth or either of the two next months is
    read as within eight weeks (a death late in the second next month may be a few days over).
    """

    def formula(person, period, _parameters):
        return (
            person("dies", period)
            + person("dies", period.offset(1, "month"))
            + person("dies", period.offset(2, "month"))
        )


class maternity_benefit_payee(Variable):
    value_type = Enum
    possible_values = MaternityPayee
    default_value = MaternityPayee.none
    entity = Person
    definition_period = MONTH
    label = "Who receives the maternity benefit due in the month"
    reference = [S49, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        """The mother; if she dies within eight weeks, the child's carer, or her nominee or heir if the child died too."""
        eligible = person("maternity__eligible", period)
        mother_dies = person("maternity__mother_dies_within_eight_weeks", period)
        child_dies = person("newborn_dies", period)
        return np.select(
            [
                np.logical_not(eligible),
                np.logical_not(mother_dies),
                np.logical_not(child_dies),
            ],
            [MaternityPayee.none, MaternityPayee.mother, MaternityPayee.child_carer],
            MaternityPayee.nominee_or_heir,
        )
