"""What a person tells the Universal Pension Scheme: scheme, contribution level, period, situation.

The simulated month is the month the person joins (or is assessed for joining); every projection
(pension, nominee, loan) runs forward from it.
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.universal_pension_enums import UniversalPensionScheme

ACT = "Universal Pension Management Act 2023 (assented and gazetted 31 January 2023)"
RULES = "Universal Pension Scheme Rules 2023 (gazetted 14 August 2023), scheme schedules"
NPA = "https://npa.portal.gov.bd/"


class universal_pension_scheme(Variable):
    value_type = Enum
    possible_values = UniversalPensionScheme
    default_value = UniversalPensionScheme.none
    entity = Person
    definition_period = MONTH
    label = "Universal Pension scheme the person contributes to (or applies to join)"
    reference = [f"{ACT}, s.14 (schemes)", RULES, NPA]


class universal_pension_monthly_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Monthly contribution level chosen from the scheme's schedule, employer or government share included (Tk per month)"
    reference = [RULES, "https://bdnews24.com/bangladesh/p8hgnbx0ka"]
    documentation = """
    The level as the schedule prints it: Surokkha 1,000, 2,000, 3,000 or 5,000; Progoti 2,000,
    3,000 or 5,000 of which the employer pays half if it has joined; Samata 1,000 of which the
    government pays 500. Not used for Prottoy, whose contribution follows from basic pay.
    """


class universal_pension_contribution_years(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "year"
    label = "Years of monthly contributions planned from this month until the pension starts"
    reference = [f"{ACT} (contributions until 60; over-50 entrants for 10 years)", NPA]

    def formula_2023_01(person, period, parameters):
        """By default, the years from the person's age to 60, and at least the 10-year minimum."""
        common = parameters(period.stop).universal_pension.common
        years_to_pension = common.pension_age - person("age", period)
        return np.maximum(years_to_pension, common.min_contribution_years)


class lives_abroad(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Bangladeshi citizen working or living abroad in the month"
    reference = [
        f"{RULES}, Probash scheme",
        "https://npa.portal.gov.bd/site/page/6213ec3e-5399-4baa-8a05-c8999a797445/প্রবাস-স্কিম-",
    ]


class employer_joined_universal_pension(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The person's private-sector employer has registered in the Progoti scheme and pays its share"
    reference = [
        f"{RULES}, Progoti scheme (employer pays 50% if it joins)",
        "https://www.thedailystar.net/business/economy/news/universal-pension-scheme-private-sector-employers-contribute-50pc-3394311",
    ]


class works_in_informal_sector(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Works in the informal sector (e.g. farmer, rickshaw puller, day labourer, fisher, weaver)"
    )
    reference = [
        f"{RULES}, Surokkha scheme (informal-sector and self-employed workers)",
        "http://acl.sonatala.bogra.gov.bd/bn/site/page/সুরক্ষা",
    ]


class universal_pension_basic_pay(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Monthly basic pay in an autonomous or state body, on which Prottoy contributions are deducted (Tk per month)"
    reference = [
        "SRO 48-Law/2024 of 13 March 2024 (Prottoy scheme: 10% of basic pay or Tk 5,000)",
        "https://www.tbsnews.net/economy/universal-pension-prottoy-scheme-introduced-newly-recruited-employees-812214",
    ]


class universal_pension_age_at_death(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "year"
    label = "Age at which the member is assumed to die, for the nominee's projection (0: not given)"
    reference = [f"{ACT} (nominee's rights on the death of a member or pensioner)", NPA]
    documentation = """
    A projection input: the member is assumed to die on the birthday on which they reach this age.
    0, the default, means no death is projected and every nominee amount is 0.
    """


class universal_pension_months_paid(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Monthly contributions already paid into the pension account"
    reference = ["https://bdnews24.com/bangladesh/p8hgnbx0ka (loans up to 50% of the deposits)"]
