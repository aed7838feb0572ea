"""Who the Bangladesh Labour Act 2006 covers: a "worker" (s.2(65)) in an establishment it applies to.

Section 1(4) lists the establishments and workers the Act does not apply to. Each exclusion the
shared inputs can express is one boolean `labour_act__*`; `labour_act__is_covered_worker`
combines them and every Labour Act program (maternity, sickness, work injury, death benefit,
separation) starts from it.

Not modelled, because no input expresses them: the security printing press and ordnance
factories (s.1(4)(b)-(c)), shops and stalls at exhibitions and religious or charitable fairs,
and establishments run by the owner with family members only. Local government bodies and
state-owned enterprises are treated as covered; only offices of or under the Government are
excluded.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import EmployerType, Sector

ACT = "Bangladesh Labour Act 2006 (Act XLII of 2006)"
S1_4 = f"{ACT}, s.1(4): http://bdlaws.minlaw.gov.bd/act-952/section-28053.html"
S2_65 = f"{ACT}, s.2(65) (definition of worker): http://bdlaws.minlaw.gov.bd/act-print-952/section-print-29070.html"
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"
AMENDMENT_2013 = "Bangladesh Labour (Amendment) Act 2013 (Act 30 of 2013), s.2: https://vdocuments.net/bla-2013amended-only.html"


class employed_mainly_in_managerial_capacity(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Employed mainly in a managerial, administrative or supervisory capacity"
    reference = S2_65


class establishment_is_excluded_nonprofit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Works in a non-profit institution the Act excludes: care of the sick, disabled, aged,"
        " destitute, orphans, abandoned women or widows; education, training or research;"
        " a student hostel or mess, hospital, clinic or diagnostic centre not run for profit"
    )
    reference = [f"{S1_4} (clauses (d), (g), (h))", AMENDMENT_2013]


class labour_act__is_employee(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Works for an employer for wages (not self-employed and not without a job)"
    reference = [S2_65, f"{SSA_2018} (exclusions: self-employed persons)"]

    def formula(person, period, _parameters):
        employer = person("employer_type", period)
        return (employer != EmployerType.none) * (employer != EmployerType.self_employed)


class labour_act__not_government_office(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Does not work in an office of or under the Government"
    reference = [f"{S1_4}(a)", f"{SSA_2018} (exclusions: workers in government offices)"]

    def formula(person, period, _parameters):
        return person("employer_type", period) != EmployerType.government


class labour_act__not_domestic_worker(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is not a domestic worker employed by a private household"
    reference = [f"{S1_4} (domestic servants)", f"{SSA_2018} (exclusions: household workers)"]

    def formula(person, period, _parameters):
        household_employer = person("employer_type", period) == EmployerType.household
        domestic_work = person("sector", period) == Sector.domestic_work
        return np.logical_not(household_employer + domestic_work)


class labour_act__not_small_farm(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Does not work on an agricultural farm small enough to be outside the Act"
    reference = [
        f"{S1_4} (agricultural farms with few workers)",
        f"{AMENDMENT_2013} (ten workers replaced by five)",
        f"{SSA_2018} (exclusions: agricultural workers on small farms)",
    ]

    def formula_2006_10_11(person, period, parameters):
        max_workers = parameters(period).labour_act.coverage.small_farm_max_workers
        small = person("establishment_size", period) <= max_workers
        return np.logical_not((person("sector", period) == Sector.agriculture) * small)


class labour_act__not_excluded_nonprofit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Does not work in a non-profit care, education, research or hostel institution the Act excludes"
    reference = [f"{S1_4} (clauses (d), (g), (h))", f"{SSA_2018} (exclusions)"]

    def formula(person, period, _parameters):
        return np.logical_not(person("establishment_is_excluded_nonprofit", period))


class labour_act__not_managerial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is not employed mainly in a managerial, administrative or supervisory capacity"
    reference = S2_65

    def formula(person, period, _parameters):
        return np.logical_not(person("employed_mainly_in_managerial_capacity", period))


class labour_act__is_covered_worker(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is a worker in an establishment the Labour Act applies to"
    reference = [S1_4, S2_65, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        return (
            person("labour_act__is_employee", period)
            * person("labour_act__not_government_office", period)
            * person("labour_act__not_domestic_worker", period)
            * person("labour_act__not_small_farm", period)
            * person("labour_act__not_excluded_nonprofit", period)
            * person("labour_act__not_managerial", period)
        )


class labour_act_daily_wage(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "A day's wage: the gross monthly wage divided by 30 (Tk per day)"
    reference = [
        f"{ACT}, s.2(45) (wages) and s.116 (leave with full wages)",
        "https://nesarhrm.blogspot.com/2021/08/summary-of-bangladesh-labour-law-2006.html",
    ]

    def formula_2006_10_11(person, period, parameters):
        days = parameters(period).labour_act.wage_days_per_month
        return person("monthly_wage", period) / days


class average_monthly_basic_wage(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Average monthly basic wage, dearness allowance and ad hoc or interim pay over the twelve"
        " months before the separation or death (Tk per month; optional)"
    )
    reference = [
        f"{ACT}, s.14(3) (wages for ss.19-27: average of the preceding twelve months)",
        "https://today.thefinancialexpress.com.bd/print/how-to-benefit-a-worker-during-termination-of-service",
    ]


class labour_act_service_benefit_wage(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Monthly wage base of the death benefit, separation payments and gratuity (Tk per month)"
    )
    reference = [
        f"{ACT}, s.14(3)",
        "https://today.thefinancialexpress.com.bd/print/how-to-benefit-a-worker-during-termination-of-service",
    ]
    documentation = """
    The input average_monthly_basic_wage when it is sent (positive); otherwise the gross monthly
    wage of the month, which overstates the base by the housing, medical and other allowances.
    """

    def formula(person, period, _parameters):
        basic = person("average_monthly_basic_wage", period)
        return np.where(basic > 0, basic, person("monthly_wage", period))


class labour_act_completed_service_years(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "year"
    label = "Completed years of continuous service with the employer"
    reference = [f"{ACT}, ss.20, 22, 26, 27 (per completed year of service)", f"{ACT}, s.14"]

    def formula(person, period, _parameters):
        return person("months_of_service", period) // 12


class labour_act_service_years_with_part_year(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "year"
    label = "Years of service, counting a part of a year over six months as a year"
    reference = [
        f"{ACT}, s.19 and s.2(10) (every completed year or any part thereof in excess of six months)"
    ]

    def formula(person, period, _parameters):
        months = person("months_of_service", period)
        return months // 12 + (months % 12 > 6)
