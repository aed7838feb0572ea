"""Who may join a Universal Pension scheme at the chosen level: one boolean per legal criterion.

Parameters live in one folder per scheme; a person's scheme is an input, so each criterion is one
vectorised formula that picks, person by person, the rule of the scheme they chose. The rules of
a month are those in force on its last day (`parameters(period.stop)`): the schemes opened on
17 August 2023, so August 2023 is the first month one can join, and Prottoy, in force from
1 July 2024 until it was scrapped on 3 August 2024, is open in July 2024 only.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import EmployerType
from policy_bd.universal_pension_enums import UniversalPensionScheme as Scheme

ACT = "Universal Pension Management Act 2023 (assented and gazetted 31 January 2023)"
RULES = "Universal Pension Scheme Rules 2023 (gazetted 14 August 2023), scheme schedules"
PROTTOY_SRO = "SRO 47-Law/2024 and SRO 48-Law/2024 of 13 March 2024 (Prottoy scheme)"
DAILY_STAR = "https://www.thedailystar.net/business/economy/news/universal-pension-scheme-private-sector-employers-contribute-50pc-3394311"
# Schemes whose members choose a level from a published list (Prottoy's follows from basic pay).
SCHEMES_WITH_LEVELS = ("probash", "progoti", "surokkha", "samata")
ALL_SCHEMES = (*SCHEMES_WITH_LEVELS, "prottoy")


class universal_pension__scheme_open(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The chosen scheme accepts members in the month (in force on the month's last day)"
    reference = [
        "https://www.tbsnews.net/bangladesh/universal-pension-progoti-scheme-sees-highest-enrollers-685722 (four schemes opened 17 August 2023)",
        f"{PROTTOY_SRO}, in force 1 July 2024",
        "https://www.tbsnews.net/bangladesh/govt-removes-univ-teachers-staff-prottoy-scheme-908936 (Prottoy scrapped 3 August 2024)",
    ]

    def formula_2023_08(person, period, parameters):
        rules = parameters(period.stop).universal_pension
        scheme = person("universal_pension_scheme", period)
        return np.any([(scheme == Scheme[name]) & rules[name].in_force for name in ALL_SCHEMES], 0)


class universal_pension__meets_age_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is aged 18 to 50, or over 50 and contributing for at least the 10-year minimum"
    reference = [
        f"{ACT} (citizens aged 18 to 50; over-50s on condition of 10 years' continuous contributions)",
        DAILY_STAR,
    ]

    def formula_2023_01(person, period, parameters):
        """Over-50s may join on condition that they contribute for 10 continuous years.

        Nobody over 50 can contribute 10 years before 60, so the condition is read as: the planned
        contribution period is at least the minimum, and the pension starts when it ends (after 60).
        """
        common = parameters(period.stop).universal_pension.common
        age = person("age", period)
        years = person("universal_pension_contribution_years", period)
        within = (age >= common.entry_age.minimum) & (age <= common.entry_age.maximum)
        older = (age > common.entry_age.maximum) & (years >= common.min_contribution_years)
        return within | older


class universal_pension__in_target_group(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Belongs to the group the chosen scheme is for (abroad, private employee, informal or self-employed, low income, state-body staff)"
    reference = [
        f"{RULES}: Probash (citizens abroad), Progoti (private-sector employees), Surokkha (informal and self-employed), Samata (low income)",
        f"{PROTTOY_SRO}: staff of self-governing, autonomous, state-owned and statutory bodies",
        DAILY_STAR,
    ]
    documentation = """
    Progoti: employees of a private company or NGO. Surokkha: the self-employed, workers of private
    households and anyone declared to work in the informal sector. Samata's group is defined by
    income alone (universal_pension__meets_income_test). Prottoy: staff of autonomous or state
    bodies; that it was compulsory only for staff appointed from 1 July 2024, and optional for
    existing staff with 10 years of service left, is not checked.
    """

    def formula_2023_08(person, period, _parameters):
        scheme = person("universal_pension_scheme", period)
        employer = person("employer_type", period)
        private_employee = (employer == EmployerType.private_company) | (
            employer == EmployerType.ngo
        )
        informal = (
            (employer == EmployerType.self_employed)
            | (employer == EmployerType.household)
            | person("works_in_informal_sector", period)
        )
        return np.select(
            [
                scheme == Scheme.probash,
                scheme == Scheme.progoti,
                scheme == Scheme.surokkha,
                scheme == Scheme.samata,
                scheme == Scheme.prottoy,
            ],
            [
                person("lives_abroad", period),
                private_employee,
                informal,
                True,
                employer == EmployerType.autonomous_body,
            ],
            False,
        )


class universal_pension__meets_income_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Samata: annual income does not exceed Tk 60,000 (always met in the other schemes)"
    reference = [
        f"{RULES}, Samata scheme (income below the poverty line, at most Tk 60,000 a year)",
        "http://acl.sonatala.bogra.gov.bd/bn/site/page/সমতা",
    ]

    def formula_2023_08(person, period, parameters):
        """Reads the income of the calendar year the month falls in."""
        limit = parameters(period.stop).universal_pension.samata.income_limit
        samata = person("universal_pension_scheme", period) == Scheme.samata
        return ~samata | (person("annual_income", period.this_year) <= limit)


class universal_pension__contribution_level_allowed(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The monthly contribution is one of the chosen scheme's levels (Prottoy: there is basic pay to deduct from)"
    reference = [
        f"{RULES}: Probash 5,000/7,500/10,000; Progoti 2,000/3,000/5,000; Surokkha 1,000/2,000/3,000/5,000; Samata 1,000",
        f"{PROTTOY_SRO}: 10% of basic pay or Tk 5,000, whichever is lower",
        DAILY_STAR,
    ]

    def formula_2023_08(person, period, parameters):
        rules = parameters(period.stop).universal_pension
        scheme = person("universal_pension_scheme", period)
        amount = person("universal_pension_monthly_contribution", period)
        on_schedule = [
            (scheme == Scheme[name]) & np.isin(amount, rules[name].contribution_levels)
            for name in SCHEMES_WITH_LEVELS
        ]
        prottoy = (scheme == Scheme.prottoy) & (person("universal_pension_basic_pay", period) > 0)
        return np.any([*on_schedule, prottoy], 0)


class universal_pension__meets_minimum_contribution_period(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Plans at least 10 years of contributions, the minimum for a pension"
    reference = [
        f"{ACT} (a pension after at least 10 years of contributions)",
        "https://bdnews24.com/bangladesh/p8hgnbx0ka",
    ]

    def formula_2023_01(person, period, parameters):
        minimum = parameters(period.stop).universal_pension.common.min_contribution_years
        return person("universal_pension_contribution_years", period) >= minimum


class universal_pension__contributes_until_pension_age(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The planned contributions run at least until the age of 60, when the pension can start"
    reference = [
        f"{ACT} (contributions until 60, then a monthly pension for life)",
        "https://www.thedailystar.net/business/economy/news/businesses-laud-pension-scheme-private-sector-3398261",
    ]

    def formula_2023_01(person, period, parameters):
        pension_age = parameters(period.stop).universal_pension.common.pension_age
        years = person("universal_pension_contribution_years", period)
        return person("age", period) + years >= pension_age


class universal_pension__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "May join the chosen Universal Pension scheme at the chosen level and draw a pension"
    reference = [ACT, RULES, PROTTOY_SRO]

    def formula_2023_08(person, period, _parameters):
        return (
            person("universal_pension__scheme_open", period)
            & person("universal_pension__meets_age_test", period)
            & person("universal_pension__in_target_group", period)
            & person("universal_pension__meets_income_test", period)
            & person("universal_pension__contribution_level_allowed", period)
            & person("universal_pension__meets_minimum_contribution_period", period)
            & person("universal_pension__contributes_until_pension_age", period)
        )
