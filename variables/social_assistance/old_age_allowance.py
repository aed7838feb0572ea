"""Old Age Allowance (বয়স্ক ভাতা), Department of Social Services.

Each legal criterion is a boolean variable `old_age_allowance__*`; `old_age_allowance__eligible`
combines them, and the household rule then picks one recipient per household.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.dss_allowances import (
    CRITERION_LABEL,
    PRIORITY_REFERENCE,
    criterion_documentation,
    not_paid_any,
)
from policy_bd.entities import Person
from policy_bd.enums import Sex
from policy_bd.instalments import instalment_in_arrears

MANUAL_2013 = "Old Age Allowance Programme Implementation Manual (revised) 2013"
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"


class old_age_allowance__meets_age_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has reached the Old Age Allowance age for their sex (men 65; women 62 since July 2012)"
    reference = [f"{MANUAL_2013}, selection criteria (age)", SSA_2018]

    def formula(person, period, parameters):
        min_age = parameters(period).social_assistance.old_age_allowance.min_age
        threshold = np.where(person("sex", period) == Sex.female, min_age.female, min_age.male)
        return person("age", period) >= threshold


class old_age_allowance__meets_income_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Annual income does not exceed the Old Age Allowance ceiling"
    reference = [f"{MANUAL_2013}, selection criteria (income)", SSA_2018]

    def formula(person, period, parameters):
        """Reads the income of the calendar year the month falls in."""
        limit = parameters(period).social_assistance.old_age_allowance.income_limit
        return person("annual_income", period.this_year) <= limit


class old_age_allowance__no_other_allowance(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Does not receive another government or non-government allowance"
    reference = [f"{MANUAL_2013}, selection criteria (other allowances)", SSA_2018]

    def formula(person, period, _parameters):
        return np.logical_not(person("receives_other_allowance", period))


class old_age_allowance__no_preferred_dss_allowance(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = CRITERION_LABEL
    reference = [
        f"{MANUAL_2013}, selection criteria (not receiving another allowance)",
        SSA_2018,
        PRIORITY_REFERENCE,
    ]
    documentation = criterion_documentation("Old Age Allowance")

    def formula(person, period, parameters):
        return not_paid_any(person, period, parameters, "old_age_allowance")


class old_age_allowance__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Meets every individual criterion of the Old Age Allowance"
    reference = [MANUAL_2013, SSA_2018]

    def formula_1998_04(person, period, _parameters):
        return (
            person("old_age_allowance__meets_age_test", period)
            * person("old_age_allowance__meets_income_test", period)
            * person("old_age_allowance__no_other_allowance", period)
            * person("old_age_allowance__no_preferred_dss_allowance", period)
        )


class old_age_allowance__is_household_recipient(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is the household's one Old Age Allowance recipient (the oldest eligible member)"
    reference = [f"{MANUAL_2013}, one beneficiary per family", SSA_2018]
    documentation = """
    Only one member of a family may receive the allowance, and the selection committee gives
    priority to the oldest. The model therefore picks the oldest eligible member of each
    household; between members of the same age, the one listed first. When the rule is lifted
    (parameter one_recipient_per_household false), every eligible member is a recipient.
    """

    def formula(person, period, parameters):
        eligible = person("old_age_allowance__eligible", period)
        rule = parameters(period).social_assistance.old_age_allowance
        if not rule.one_recipient_per_household:
            return eligible
        # Rank eligible members from oldest down; the position breaks ties in listing order.
        position = person.household.members_position
        criteria = -person("age", period) * 1000 + position
        rank = person.get_rank(person.household, criteria, condition=eligible)
        return eligible * (rank == 0)


class old_age_allowance(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Old Age Allowance due for the month (Tk per month)"
    reference = [MANUAL_2013, "https://socialprotection.gov.bd/en/old-age-allowance/", SSA_2018]

    def formula_1998_04(person, period, parameters):
        amount = parameters(period).social_assistance.old_age_allowance.amount
        return person("old_age_allowance__is_household_recipient", period) * amount

    def formula_2026_07(person, period, parameters):
        """From FY2026-27 a beneficiary aged over 90 gets the higher rate."""
        rule = parameters(period).social_assistance.old_age_allowance
        amount = np.where(
            person("age", period) > rule.oldest.age_above, rule.oldest.amount, rule.amount
        )
        return person("old_age_allowance__is_household_recipient", period) * amount


class old_age_allowance_quarterly_instalment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Old Age Allowance instalment paid in the month (Tk; quarterly, in arrears)"
    reference = [
        "https://dss.rangpurdiv.gov.bd/ (Old Age Allowance: paid every three months)",
        SSA_2018,
    ]
    documentation = """
    The allowance is paid in four instalments a fiscal year. The model pays each quarter of the
    fiscal year (July-September, October-December, January-March, April-June) in its last month,
    as the sum of the three monthly entitlements; other months pay nothing.
    """

    def formula(person, period, parameters):
        rule = parameters(period).social_assistance.old_age_allowance
        return instalment_in_arrears(person, period, "old_age_allowance", rule.instalments_per_year)
