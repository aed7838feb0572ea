"""A person's income and the other allowances they already receive."""

from openfisca_core.periods import MONTH, YEAR
from openfisca_core.variables import Variable

from policy_bd.entities import Person


class annual_income(Variable):
    value_type = float
    entity = Person
    definition_period = YEAR
    unit = "currency-BDT"
    label = "The person's income from all sources in the calendar year (Tk per year)"
    reference = "https://dss.gov.bd/ (allowance application forms: annual income)"
    documentation = """
    The allowances' income tests compare this amount, declared on the application form, with a
    yearly ceiling. A determination in a month reads the income of that month's calendar year.
    """


class receives_other_allowance(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Already receives another government or non-government allowance in the month"
    reference = "https://dss.gov.bd/ (allowance implementation manuals: one allowance per person)"
