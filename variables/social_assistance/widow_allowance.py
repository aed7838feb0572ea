"""Allowance for Widowed, Deserted and Destitute Women (বিধবা ও স্বামী নিগৃহীতা মহিলা ভাতা), DSS.

Each legal criterion is a boolean variable `widow_allowance__*`; `widow_allowance__eligible`
combines them. The sources state no one-recipient-per-family rule, so every eligible woman is paid.
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
from policy_bd.enums import EmployerType, MaritalStatus, Sex
from policy_bd.instalments import instalment_in_arrears

MANUAL = "Widow and Husband-Deserted Women's Allowance Programme Implementation Manual (DSS)"
POLICY_2024 = "Widow and Husband-Deserted Women's Allowance Programme Implementation Policy 2024"
DSS_CHANDPUR = (
    "http://dss.sadar.chandpur.gov.bd/ (widow allowance: definitions and selection criteria)"
)
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"


class years_separated_from_husband(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "year"
    label = "Completed years a woman has not lived with, nor been in contact with, her husband"
    reference = [f"{MANUAL}, definition of a husband-deserted woman", DSS_CHANDPUR]
    documentation = """
    For a woman who is separated or deserted (and still married): how long her husband has been
    away without contact. Not needed for widows or divorced women.
    """


class receives_government_pension(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Receives a government pension (as a retired government employee) in the month"
    reference = [
        f"{MANUAL}, exclusions (government employees and pensioners)",
        "https://dss.kushtia.gov.bd/ (widow allowance process map)",
    ]


class widow_allowance__is_woman(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is a woman (the allowance is for widowed and husband-deserted women)"
    reference = [f"{MANUAL}, definitions", SSA_2018]

    def formula(person, period, _parameters):
        return person("sex", period) == Sex.female


class widow_allowance__meets_age_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is over 18 years of age"
    reference = [f"{MANUAL}, selection criteria (age above 18)", DSS_CHANDPUR]

    def formula(person, period, parameters):
        """Over 18 years: 18 completed years or more on the first of the month."""
        min_age = parameters(period).social_assistance.widow_allowance.min_age
        return person("age", period) >= min_age


class widow_allowance__meets_marital_status_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is a widow, a divorced woman, or a woman apart from her husband without contact for 2 years"
    reference = [
        f"{MANUAL}, definitions of widow and husband-deserted woman",
        DSS_CHANDPUR,
        SSA_2018,
    ]

    def formula(person, period, parameters):
        """A widow's husband is dead; a husband-deserted woman is divorced, or has for any other
        reason not lived with nor been in contact with her husband for at least two years."""
        rule = parameters(period).social_assistance.widow_allowance
        status = person("marital_status", period)
        apart = (status == MaritalStatus.separated) + (status == MaritalStatus.deserted)
        long_enough = person("years_separated_from_husband", period) >= rule.min_years_separated
        return (
            (status == MaritalStatus.widowed)
            + (status == MaritalStatus.divorced)
            + apart * long_enough
        )


class widow_allowance__meets_income_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Annual personal income does not exceed the widow allowance ceiling"
    reference = [f"{MANUAL}, selection criteria (income)", POLICY_2024, SSA_2018]

    def formula(person, period, parameters):
        """Reads the income of the calendar year the month falls in."""
        limit = parameters(period).social_assistance.widow_allowance.income_limit
        return person("annual_income", period.this_year) <= limit


class widow_allowance__no_other_allowance(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Does not receive another government or non-government allowance"
    reference = [f"{MANUAL}, selection criteria (other allowances)", SSA_2018]

    def formula(person, period, _parameters):
        return np.logical_not(person("receives_other_allowance", period))


class widow_allowance__not_government_employee_or_pensioner(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is neither a government employee nor a government pensioner"
    reference = [
        f"{MANUAL}, exclusions",
        "https://dss.kushtia.gov.bd/ (widow allowance process map)",
    ]

    def formula(person, period, _parameters):
        """Government employment is a main job with the government itself (EmployerType.government);
        autonomous bodies and local government are not named by the manual and are not excluded."""
        employee = person("employer_type", period) == EmployerType.government
        pensioner = person("receives_government_pension", period)
        return np.logical_not(employee + pensioner)


class widow_allowance__no_preferred_dss_allowance(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = CRITERION_LABEL
    reference = [
        f"{MANUAL}, selection criteria (not receiving another allowance)",
        SSA_2018,
        PRIORITY_REFERENCE,
    ]
    documentation = criterion_documentation("widow allowance")

    def formula(person, period, parameters):
        return not_paid_any(person, period, parameters, "widow_allowance")


class widow_allowance__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Meets every criterion of the Allowance for Widowed, Deserted and Destitute Women"
    reference = [MANUAL, POLICY_2024, SSA_2018]

    def formula_1998_07(person, period, _parameters):
        return (
            person("widow_allowance__is_woman", period)
            * person("widow_allowance__meets_age_test", period)
            * person("widow_allowance__meets_marital_status_test", period)
            * person("widow_allowance__meets_income_test", period)
            * person("widow_allowance__no_other_allowance", period)
            * person("widow_allowance__no_preferred_dss_allowance", period)
            * person("widow_allowance__not_government_employee_or_pensioner", period)
        )


class widow_allowance(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Allowance for Widowed, Deserted and Destitute Women due for the month (Tk per month)"
    reference = [MANUAL, "https://dss.sherpur.gov.bd/ (programme history and rates)", SSA_2018]

    def formula_1998_07(person, period, parameters):
        amount = parameters(period).social_assistance.widow_allowance.amount
        return person("widow_allowance__eligible", period) * amount

    def formula_2026_07(person, period, parameters):
        """From FY2026-27 a beneficiary aged over 90 gets the higher rate."""
        rule = parameters(period).social_assistance.widow_allowance
        amount = np.where(
            person("age", period) > rule.oldest.age_above, rule.oldest.amount, rule.amount
        )
        return person("widow_allowance__eligible", period) * amount


class widow_allowance_quarterly_instalment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Widow allowance instalment paid in the month (Tk; quarterly, in arrears)"
    reference = [f"{SSA_2018} (survivor social pension: paid every three months)"]
    documentation = """
    Paid in four instalments a fiscal year: September, December, March and June each pay the sum of
    the three monthly entitlements of their quarter; other months pay nothing.
    """

    def formula(person, period, parameters):
        rule = parameters(period).social_assistance.widow_allowance
        return instalment_in_arrears(person, period, "widow_allowance", rule.instalments_per_year)
