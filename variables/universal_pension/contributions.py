"""Who pays the monthly contribution: the member, the employer (Progoti, Prottoy) or the government
(Samata); the same split over the whole contribution period; deposits to date for loans.

A person who may not join (universal_pension__eligible false) pays and receives nothing.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.universal_pension_enums import UniversalPensionScheme as Scheme

RULES = "Universal Pension Scheme Rules 2023 (gazetted 14 August 2023), scheme schedules"
PROTTOY_SRO = "SRO 48-Law/2024 of 13 March 2024 (Prottoy scheme outline)"
PROTTOY_TBS = "https://www.tbsnews.net/economy/universal-pension-prottoy-scheme-introduced-newly-recruited-employees-812214"
DAILY_STAR = "https://www.thedailystar.net/business/economy/news/universal-pension-scheme-private-sector-employers-contribute-50pc-3394311"


class universal_pension_prottoy_deduction(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Prottoy: 10% of basic pay or Tk 5,000, whichever is lower (Tk per month)"
    reference = [PROTTOY_SRO, PROTTOY_TBS]

    def formula_2024_07(person, period, parameters):
        prottoy = parameters(period.stop).universal_pension.prottoy
        basic_pay = person("universal_pension_basic_pay", period)
        return np.minimum(prottoy.basic_pay_rate * basic_pay, prottoy.member_contribution_cap)


class universal_pension_prottoy_employer_match(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Prottoy: the employing body's amount, equal to the deduction from pay (Tk per month)"
    reference = [PROTTOY_SRO, PROTTOY_TBS]

    def formula_2024_07(person, period, parameters):
        match = parameters(period.stop).universal_pension.prottoy.employer_match_rate
        return match * person("universal_pension_prottoy_deduction", period)


class universal_pension_total_monthly_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Whole monthly contribution credited to the pension account, all payers together (Tk per month)"
    reference = [RULES, PROTTOY_SRO, DAILY_STAR]

    def formula_2023_08(person, period, _parameters):
        """The chosen level; in Prottoy, the deduction from pay plus the employer's equal amount."""
        prottoy = person("universal_pension_scheme", period) == Scheme.prottoy
        level = np.where(
            prottoy,
            person("universal_pension_prottoy_deduction", period)
            + person("universal_pension_prottoy_employer_match", period),
            person("universal_pension_monthly_contribution", period),
        )
        return person("universal_pension__eligible", period) * level


class universal_pension_employer_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Employer's share of the monthly contribution: half in Progoti if the employer joined; an equal amount in Prottoy (Tk per month)"
    reference = [f"{RULES}, Progoti scheme", DAILY_STAR, PROTTOY_SRO, PROTTOY_TBS]

    def formula_2023_08(person, period, parameters):
        share = parameters(period.stop).universal_pension.progoti.employer_share
        scheme = person("universal_pension_scheme", period)
        progoti = (scheme == Scheme.progoti) & person("employer_joined_universal_pension", period)
        prottoy = scheme == Scheme.prottoy
        total = person("universal_pension_total_monthly_contribution", period)
        eligible = person("universal_pension__eligible", period)
        prottoy_match = eligible * person("universal_pension_prottoy_employer_match", period)
        return np.where(prottoy, prottoy_match, progoti * share * total)


class universal_pension_government_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Government's share of the monthly contribution: Samata, matching the member 1:1 (Tk per month)"
    reference = [
        f"{RULES}, Samata scheme (Tk 1,000 = Tk 500 member + Tk 500 government)",
        "http://acl.sonatala.bogra.gov.bd/bn/site/page/সমতা",
    ]

    def formula_2023_08(person, period, parameters):
        """With a match rate r, the government pays r / (1 + r) of the level (500 of 1,000)."""
        match = parameters(period.stop).universal_pension.samata.government_match_rate
        samata = person("universal_pension_scheme", period) == Scheme.samata
        total = person("universal_pension_total_monthly_contribution", period)
        return samata * total * match / (1 + match)


class universal_pension_member_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Member's own monthly contribution (Tk per month)"
    reference = [RULES, PROTTOY_SRO]

    def formula_2023_08(person, period, _parameters):
        return (
            person("universal_pension_total_monthly_contribution", period)
            - person("universal_pension_employer_contribution", period)
            - person("universal_pension_government_contribution", period)
        )


class universal_pension_contribution_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Monthly contributions over the planned contribution period"
    reference = [RULES]

    def formula(person, period, _parameters):
        return 12 * person("universal_pension_contribution_years", period)


class universal_pension_member_contributions_over_period(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Member's contributions over the whole contribution period, at today's level (Tk)"
    reference = [RULES]

    def formula(person, period, _parameters):
        return person("universal_pension_member_contribution", period) * person(
            "universal_pension_contribution_months", period
        )


class universal_pension_employer_contributions_over_period(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Employer's contributions over the whole contribution period, at today's level (Tk)"
    reference = [RULES, PROTTOY_SRO]

    def formula(person, period, _parameters):
        return person("universal_pension_employer_contribution", period) * person(
            "universal_pension_contribution_months", period
        )


class universal_pension_government_contributions_over_period(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Government's contributions over the whole contribution period, at today's level (Tk)"
    reference = [f"{RULES}, Samata scheme"]

    def formula(person, period, _parameters):
        return person("universal_pension_government_contribution", period) * person(
            "universal_pension_contribution_months", period
        )


class universal_pension_deposits(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Money deposited in the pension account so far, all payers, without profit (Tk)"
    reference = [RULES, "https://bdnews24.com/bangladesh/p8hgnbx0ka"]

    def formula(person, period, _parameters):
        """The months already paid (at most the whole period) times today's monthly contribution."""
        months = np.minimum(
            person("universal_pension_months_paid", period),
            person("universal_pension_contribution_months", period),
        )
        return months * person("universal_pension_total_monthly_contribution", period)
