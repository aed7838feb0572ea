"""Allowance for financially insolvent persons with disabilities (অসচ্ছল প্রতিবন্ধী ভাতা), DSS.

Each legal criterion is a boolean variable `disability_allowance__*`;
`disability_allowance__eligible` combines them. There is no one-recipient-per-family rule.
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
from policy_bd.instalments import instalment_in_arrears

MANUAL = "Allowance Programme for Financially Insolvent Persons with Disabilities Implementation Manual (DSS)"
ACT_2013 = "Rights and Protection of Persons with Disabilities Act 2013 (Act 39 of 2013)"
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"


class disability_registered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Registered as a person with a disability in the DSS Disability Information System (Suborno Nagorik card)"
    reference = [
        f"{ACT_2013} (identification and registration of persons with disabilities)",
        "http://dss.dhunot.bogra.gov.bd/ (Disability Information System; Suborno Nagorik card holders apply online)",
    ]


class disability_allowance__is_registered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Is identified and registered as a person with a disability by the DSS disability survey"
    )
    reference = [f"{MANUAL}, selection criteria", "http://dss.dhunot.bogra.gov.bd/", SSA_2018]

    def formula(person, period, _parameters):
        return person("disability_registered", period)


class disability_allowance__meets_age_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is aged 6 or older"
    reference = [f"{MANUAL}, selection criteria (age)", SSA_2018]

    def formula(person, period, parameters):
        min_age = parameters(period).social_assistance.disability_allowance.min_age
        return person("age", period) >= min_age


class disability_allowance__meets_income_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Annual household income per member does not exceed the disability allowance ceiling"
    reference = [
        f"{MANUAL}, selection criteria (income)",
        "https://digliup.lakshmipur.gov.bd/ (annual per-capita family income)",
        SSA_2018,
    ]

    def formula(person, period, parameters):
        """Reads the household's income per member in the calendar year the month falls in."""
        limit = parameters(period).social_assistance.disability_allowance.income_limit
        per_member = person.household("household_annual_income_per_capita", period.this_year)
        return per_member <= limit


class disability_allowance__no_other_allowance(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Does not receive another government or non-government allowance"
    reference = [f"{MANUAL}, selection criteria (other allowances)", SSA_2018]

    def formula(person, period, _parameters):
        return np.logical_not(person("receives_other_allowance", period))


class disability_allowance__no_preferred_dss_allowance(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = CRITERION_LABEL
    reference = [
        f"{MANUAL}, selection criteria (not receiving another allowance)",
        SSA_2018,
        PRIORITY_REFERENCE,
    ]
    documentation = criterion_documentation("disability allowance")

    def formula(person, period, parameters):
        return not_paid_any(person, period, parameters, "disability_allowance")


class disability_allowance__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Meets every criterion of the disability allowance"
    reference = [MANUAL, ACT_2013, SSA_2018]

    def formula_2005_07(person, period, _parameters):
        return (
            person("disability_allowance__is_registered", period)
            * person("disability_allowance__meets_age_test", period)
            * person("disability_allowance__meets_income_test", period)
            * person("disability_allowance__no_other_allowance", period)
            * person("disability_allowance__no_preferred_dss_allowance", period)
        )


class disability_allowance(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Disability allowance due for the month (Tk per month)"
    reference = [MANUAL, "https://dss.sunamganj.gov.bd/ (programme history and rates)", SSA_2018]

    def formula_2005_07(person, period, parameters):
        amount = parameters(period).social_assistance.disability_allowance.amount
        return person("disability_allowance__eligible", period) * amount


class disability_allowance_quarterly_instalment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Disability allowance instalment paid in the month (Tk; quarterly, in arrears)"
    reference = [f"{SSA_2018} (disability social pension: paid every three months)"]
    documentation = """
    Paid in four instalments a fiscal year: September, December, March and June each pay the sum of
    the three monthly entitlements of their quarter; other months pay nothing.
    """

    def formula(person, period, parameters):
        rule = parameters(period).social_assistance.disability_allowance
        return instalment_in_arrears(
            person, period, "disability_allowance", rule.instalments_per_year
        )
