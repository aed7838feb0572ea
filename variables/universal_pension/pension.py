"""What the contributions buy: the projected pension at 60, the nominee's rights, the loan limit.

The projection reproduces the National Pension Authority's published table (to within Tk 1):
n years of monthly contributions C, paid at the end of each month and compounded at i = 8% / 12,
are worth FV = C * ((1 + i)^(12 n) - 1) / i when the pension starts; the monthly pension is FV
spread as a 240-month annuity, FV / a(240) with a(240) = (1 - (1 + i)^-240) / i. The return and
the horizon are parameters (common.projection): an illustration, not a promise of the Act.
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person

ACT = "Universal Pension Management Act 2023 (assented and gazetted 31 January 2023)"
NPA_TABLE = "National Pension Authority, probable monthly pension tables (e.g. http://acl.sonatala.bogra.gov.bd/bn/site/page/সুরক্ষা)"
SURVIVORS = "https://businesspostbd.com/national/everything-non-government-employees-need-to-know"


def monthly_rate(parameters, period):
    """The assumed return per month: a twelfth of the assumed annual return."""
    projection = parameters(period.stop).universal_pension.common.projection
    return projection.assumed_annual_return / 12


def accumulated_value(rate, months):
    """Value, after `months` months, of Tk 1 paid at the end of each month (profit at `rate`)."""
    if rate == 0:
        return months * 1.0
    return ((1 + rate) ** months - 1) / rate


def annuity_value(rate, months):
    """Value today of Tk 1 paid at the end of each of the next `months` months."""
    if rate == 0:
        return months * 1.0
    return (1 - (1 + rate) ** -months) / rate


class universal_pension_pension_start_age(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "year"
    label = "Age at which the monthly pension starts: when the planned contributions end (60, or later for over-50 entrants)"
    reference = [f"{ACT} (contributions until 60; over-50s for 10 years)"]

    def formula_2023_01(person, period, _parameters):
        return person("age", period) + person("universal_pension_contribution_years", period)


class universal_pension_account_value_at_pension(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Projected value of the pension account when the pension starts: contributions plus profit at the assumed return (Tk)"
    reference = [NPA_TABLE]

    def formula_2023_08(person, period, parameters):
        months = person("universal_pension_contribution_months", period)
        total = person("universal_pension_total_monthly_contribution", period)
        return total * accumulated_value(monthly_rate(parameters, period), months)


class universal_pension_projected_monthly_pension(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Projected monthly pension from the age the pension starts, paid for life (Tk per month)"
    )
    reference = [ACT, NPA_TABLE, "https://bdnews24.com/bangladesh/p8hgnbx0ka"]

    def formula_2023_08(person, period, parameters):
        """The account value spread as an annuity over the table's payout horizon (240 months)."""
        payout_months = parameters(period.stop).universal_pension.common.projection.payout_months
        value = person("universal_pension_account_value_at_pension", period)
        return value / annuity_value(monthly_rate(parameters, period), payout_months)


class universal_pension_nominee_pension_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = (
        "Months of pension the nominee receives if the pensioner dies at the given age before 75"
    )
    reference = [
        f"{ACT} (pensioner dying before 75: nominee paid until the pensioner would have turned 75)",
        SURVIVORS,
    ]

    def formula_2023_01(person, period, parameters):
        """Death on the birthday of `universal_pension_age_at_death`, at or after the pension started."""
        guarantee_age = parameters(period.stop).universal_pension.common.survivor_guarantee_age
        death_age = person("universal_pension_age_at_death", period)
        start_age = person("universal_pension_pension_start_age", period)
        in_guarantee = (death_age > 0) & (death_age >= start_age) & (death_age < guarantee_age)
        return in_guarantee * 12 * (guarantee_age - death_age)


class universal_pension_nominee_monthly_pension(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Monthly pension the nominee receives after the pensioner's death before 75 (Tk per month)"
    )
    reference = [f"{ACT} (nominee's monthly pension)", SURVIVORS]

    def formula_2023_08(person, period, _parameters):
        paid = person("universal_pension_nominee_pension_months", period) > 0
        return paid * person("universal_pension_projected_monthly_pension", period)


class universal_pension_nominee_refund(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Deposits plus profit paid to the nominee when the member dies before the pension starts (Tk, lump sum)"
    reference = [
        f"{ACT} (member dying before 10 years of contributions: deposits returned with profit)",
        SURVIVORS,
    ]
    documentation = """
    The sources state the refund for a member who dies before 10 years of contributions. For a
    member who dies later but before the pension starts they say nothing; the model returns the
    account (deposits plus profit at the assumed return) in that case too.
    """

    def formula_2023_08(person, period, parameters):
        age = person("age", period)
        death_age = person("universal_pension_age_at_death", period)
        start_age = person("universal_pension_pension_start_age", period)
        while_contributing = (death_age > 0) & (death_age >= age) & (death_age < start_age)
        months_paid = while_contributing * 12 * (death_age - age)
        total = person("universal_pension_total_monthly_contribution", period)
        return total * accumulated_value(monthly_rate(parameters, period), months_paid)


class universal_pension_nominee_total(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Everything the nominee receives if the member dies at the given age (Tk)"
    reference = [ACT, SURVIVORS]

    def formula_2023_08(person, period, _parameters):
        return person("universal_pension_nominee_monthly_pension", period) * person(
            "universal_pension_nominee_pension_months", period
        ) + person("universal_pension_nominee_refund", period)


class universal_pension_loan_limit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Largest loan the member may take against the pension account: half of the deposits (Tk)"
    )
    reference = [
        "Universal Pension Scheme Rules 2023 (loans up to 50% of deposits, 24 instalments)",
        "https://bdnews24.com/bangladesh/p8hgnbx0ka",
    ]

    def formula_2023_08(person, period, parameters):
        share = parameters(period.stop).universal_pension.common.loan.max_share_of_deposits
        return share * person("universal_pension_deposits", period)
