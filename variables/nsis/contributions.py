"""NSIS contributions (proposal): who is insured, the insurable wage, and what each party pays.

An insured person is a formal employee under the coverage rules (`nsis.contributions.coverage`).
Contributions are a share of the insurable wage (the wage between the floor and the ceiling) for
each scheme in force; in baseline law no scheme is in force, so every contribution is zero.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import EmployerType
from policy_bd.social_insurance import MONTHS_PER_YEAR

NSSS = "National Social Security Strategy 2015, National Social Insurance Scheme (proposal): https://socialprotection.gov.bd/?p=382"
C102_71 = "ILO C102 Art. 71 (financing by contributions and taxation; employees pay at most half)"
SCHEMES = ("unemployment", "employment_injury", "maternity", "sickness")
PARTIES = ("employee", "employer", "government")


def scheme_rate(parameters, period, scheme: str, parties=PARTIES) -> float:
    """Contribution rate of the given parties to one scheme, zero while it is not in force."""
    nsis = parameters(period).nsis
    if not nsis[scheme].in_force:
        return 0.0
    rates = nsis.contributions.rates[scheme]
    return sum(rates[party] for party in parties)


class nsis_contributions__has_wage(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is an employee paid a wage in the month"
    reference = [
        NSSS,
        "ILO C102 Art. 27, 33, 48 (protected persons: prescribed classes of employees)",
    ]

    def formula_2015_06(person, period, _parameters):
        return person("monthly_wage", period) > 0


class nsis_contributions__covered_employer_type(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Works for a type of employer whose employees the NSIS insures"
    reference = [NSSS, "NSIS coverage rule: parameters nsis.contributions.coverage.employer_types"]

    def formula_2015_06(person, period, parameters):
        covered = parameters(period).nsis.contributions.coverage.employer_types
        employer = person("employer_type", period)
        members = [member for member in EmployerType if member != EmployerType.none]
        return np.select(
            [employer == member for member in members],
            [bool(covered[member.name]) for member in members],
            default=False,
        )


class nsis_contributions__covered_establishment_size(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Works in an establishment at least as large as the NSIS coverage threshold"
    reference = [
        NSSS,
        "Bangladesh Labour Act 2006, s.2(8) (a factory employs five or more workers)",
    ]

    def formula_2015_06(person, period, parameters):
        threshold = parameters(period).nsis.contributions.coverage.min_establishment_size
        return person("establishment_size", period) >= threshold


class nsis_contributions__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is in the population the NSIS covers: a formal employee under the coverage rules (whether or not a scheme is in force)"
    reference = NSSS

    def formula_2015_06(person, period, _parameters):
        return (
            person("nsis_contributions__has_wage", period)
            * person("nsis_contributions__covered_employer_type", period)
            * person("nsis_contributions__covered_establishment_size", period)
        )


class nsis_contribution_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Months of NSIS contributions paid before the month (for the qualifying conditions)"
    reference = [NSSS, "ILO C102 Art. 17, 23, 51 and C168 Art. 17 (qualifying periods)"]
    documentation = """
    No contribution record exists for a scheme that has never run. Unless it is given as an input,
    the model assumes the scheme has run for the whole of the current job (the steady state a
    drafter compares with today's employer liability): the months of continuous service.
    """

    def formula(person, period, _parameters):
        return person("months_of_service", period)


class nsis_contributions__scheme_in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "At least one NSIS scheme (unemployment, employment injury, maternity, sickness) is in force"
    reference = [
        NSSS,
        "NSIS proposal: parameters nsis.<scheme>.in_force (all false in baseline law)",
    ]

    def formula_2015_06(person, period, parameters):
        nsis = parameters(period).nsis
        return person.filled_array(any(bool(nsis[scheme].in_force) for scheme in SCHEMES))


class nsis_contributions__insured(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Is insured by, and contributes to, the NSIS: covered, with at least one scheme in force"
    )
    reference = NSSS
    documentation = """
    nsis_contributions__eligible is the coverage rule alone, which other schemes (a national
    Employment Injury Scheme) reuse while the NSIS is not in force; this variable is what a
    worker is told: insured only when some scheme runs.
    """

    def formula_2015_06(person, period, _parameters):
        return person("nsis_contributions__eligible", period) * person(
            "nsis_contributions__scheme_in_force", period
        )


class nsis_insured_wage(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Insurable monthly wage of an insured person: the wage between the NSIS floor and ceiling (Tk per month)"
    reference = [NSSS, "ILO C102 Art. 65 (reference earnings, which may be capped)"]

    def formula_2015_06(person, period, parameters):
        rule = parameters(period).nsis.contributions
        wage = np.clip(person("monthly_wage", period), rule.wage_floor, rule.wage_ceiling)
        return person("nsis_contributions__eligible", period) * wage


class nsis_employee_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS contribution of the insured employee for the month, all schemes in force (Tk)"
    reference = [NSSS, C102_71]

    def formula_2015_06(person, period, parameters):
        rate = sum(scheme_rate(parameters, period, scheme, ("employee",)) for scheme in SCHEMES)
        return person("nsis_insured_wage", period) * rate


class nsis_employer_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS contribution of the employer for this employee for the month, all schemes in force (Tk)"
    reference = [NSSS, C102_71]

    def formula_2015_06(person, period, parameters):
        rate = sum(scheme_rate(parameters, period, scheme, ("employer",)) for scheme in SCHEMES)
        return person("nsis_insured_wage", period) * rate


class nsis_government_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS co-financing by the government for this employee for the month, all schemes in force (Tk)"
    reference = [
        NSSS,
        C102_71,
        "NSIS workshop report, 19-20 February 2025 (government co-financing)",
    ]

    def formula_2015_06(person, period, parameters):
        rate = sum(scheme_rate(parameters, period, scheme, ("government",)) for scheme in SCHEMES)
        return person("nsis_insured_wage", period) * rate


class nsis_total_contribution(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "NSIS contributions for this employee for the month, employee, employer and government together (Tk)"
    reference = [NSSS, C102_71]

    def formula_2015_06(person, period, _parameters):
        return (
            person("nsis_employee_contribution", period)
            + person("nsis_employer_contribution", period)
            + person("nsis_government_contribution", period)
        )


def _scheme_annual_contributions(person, period, parameters, scheme: str):
    rate = scheme_rate(parameters, period, scheme)
    return MONTHS_PER_YEAR * person("nsis_insured_wage", period) * rate


class nsis_unemployment_expected_annual_contributions(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Contributions to the NSIS unemployment scheme over a year at the month's wage and rates, all payers (Tk per year)"
    reference = [NSSS, C102_71]

    def formula_2015_06(person, period, parameters):
        return _scheme_annual_contributions(person, period, parameters, "unemployment")


class nsis_employment_injury_expected_annual_contributions(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Contributions to the NSIS employment injury scheme over a year at the month's wage and rates, all payers (Tk per year)"
    reference = [NSSS, C102_71]

    def formula_2015_06(person, period, parameters):
        return _scheme_annual_contributions(person, period, parameters, "employment_injury")


class nsis_maternity_expected_annual_contributions(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Contributions to the NSIS maternity scheme over a year at the month's wage and rates, all payers (Tk per year)"
    reference = [NSSS, C102_71]

    def formula_2015_06(person, period, parameters):
        return _scheme_annual_contributions(person, period, parameters, "maternity")


class nsis_sickness_expected_annual_contributions(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Contributions to the NSIS sickness scheme over a year at the month's wage and rates, all payers (Tk per year)"
    reference = [NSSS, C102_71]

    def formula_2015_06(person, period, parameters):
        return _scheme_annual_contributions(person, period, parameters, "sickness")


class nsis_expected_annual_contributions(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Contributions to all NSIS schemes in force over a year at the month's wage and rates, all payers (Tk per year)"
    reference = [NSSS, C102_71]

    def formula_2015_06(person, period, _parameters):
        return sum(
            person(f"nsis_{scheme}_expected_annual_contributions", period) for scheme in SCHEMES
        )
