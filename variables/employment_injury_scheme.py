"""Employment Injury Scheme (EIS) pilot, from 21 June 2022: monthly top-ups to the lump sum.

A covered worker (export-oriented garments; all formal employees under a national scheme)
permanently disabled or killed by a work injury receives, besides the Labour Act lump sum paid
by the employer, a monthly payment that brings the total up to the C121 level. The pilot's
formula is not published; the model's version, with every assumption a parameter:

    top-up = max(0, C121 level - lump sum / annuity factor at the worker's age)

where the C121 level is 60% of the last monthly wage (times the loss of earning capacity for a
partial disablement) or, after a death, the survivors' shares of that wage, and the annuity
factor spreads the lump sum over monthly payments until the end age.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import Disablement, Sector
from policy_bd.social_insurance import monthly_annuity_factor, survivors_share

EIS_FAQ = "Employment Injury Scheme pilot, FAQ: https://eis-pilot-bd.org/en/faqs"
LAUNCH = "ILO press release WCMS_849244, EIS pilot launched 21 June 2022: https://www.ilo.org/"
WORKSHOP = (
    "ILO, Cabinet Division and UNDP SSPS, NSIS workshop report, 19-20 February 2025 (EIS session)"
)
C121 = "ILO C121, Schedule II: https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C121"
PERMANENT_OR_DEATH = (
    Disablement.permanent_partial,
    Disablement.permanent_total,
    Disablement.death,
)


def annuity_factor(person, period, parameters):
    """Capital value of Tk 1 a month from the person's age (assumptions in `annuity`)."""
    rule = parameters(period).employment_injury_scheme.annuity
    return monthly_annuity_factor(
        person("age", period), rule.end_age, rule.minimum_years, rule.interest_rate
    )


class employment_injury_scheme__covered_worker(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is covered by the Employment Injury Scheme: works in a covered sector (export-oriented garments), or is a formal employee under a national scheme, and is not insured by the NSIS injury scheme"
    reference = [EIS_FAQ, LAUNCH, WORKSHOP]

    def formula_2022_06_21(person, period, parameters):
        rule = parameters(period).employment_injury_scheme
        sector = person("sector", period)
        covered_sectors = rule.coverage.sectors
        in_sector = np.select(
            [sector == Sector[name] for name in ("rmg_export", "leather", "frozen_food")],
            [bool(covered_sectors[name]) for name in ("rmg_export", "leather", "frozen_food")],
            default=False,
        )
        national = rule.coverage.all_formal_employees * person(
            "nsis_contributions__eligible", period
        )
        # Once the NSIS employment injury insurance runs, it insures the worker instead.
        replaced = rule.coverage.ends_under_nsis_employment_injury * person(
            "nsis_employment_injury__insured", period
        )
        return rule.in_force * (in_sector | national) * np.logical_not(replaced)


class employment_injury_scheme__permanent_disablement_or_death(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Was permanently disabled (totally or partly) or killed by a work injury in the month"
    reference = [EIS_FAQ, WORKSHOP]

    def formula_2022_06_21(person, period, _parameters):
        outcome = person("work_injury_disablement", period)
        serious = np.isin(outcome, [member.index for member in PERMANENT_OR_DEATH])
        return person("work_injury", period) * serious


class employment_injury_scheme__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Is entitled to the Employment Injury Scheme's monthly top-up for the month's work injury"
    )
    reference = [EIS_FAQ, WORKSHOP]

    def formula_2022_06_21(person, period, _parameters):
        return person("employment_injury_scheme__covered_worker", period) * person(
            "employment_injury_scheme__permanent_disablement_or_death", period
        )


class employment_injury_scheme_target_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "C121 monthly level the EIS top-up reaches for the month's permanent disablement or death (Tk per month)"
    reference = [EIS_FAQ, C121]
    documentation = """
    Total disablement: the replacement rate times the last monthly wage; partial disablement:
    that times the loss of earning capacity; death: the survivors found in the household (see
    policy_bd.social_insurance.survivors_share) times the wage.
    """

    def formula_2022_06_21(person, period, parameters):
        benefit = parameters(period).employment_injury_scheme.benefit
        wage = person("monthly_wage", period)
        outcome = person("work_injury_disablement", period)
        share = np.select(
            [
                outcome == Disablement.permanent_total,
                outcome == Disablement.permanent_partial,
                outcome == Disablement.death,
            ],
            [
                benefit.replacement_rate,
                benefit.replacement_rate * person("work_injury_loss_of_earning_capacity", period),
                survivors_share(person, period, benefit.survivors),
            ],
            default=0.0,
        )
        return person("employment_injury_scheme__eligible", period) * share * wage


class employment_injury_scheme_lump_sum_monthly_equivalent(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act lump sum for the month's work injury spread as a monthly annuity from the worker's age (Tk per month)"
    reference = [EIS_FAQ, "Bangladesh Labour Act 2006, s.151 and Fifth Schedule"]

    def formula_2022_06_21(person, period, parameters):
        lump_sum = person("work_injury_compensation", period)
        return lump_sum / annuity_factor(person, period, parameters)


class employment_injury_scheme_monthly_top_up(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Employment Injury Scheme monthly top-up awarded for the month's work injury (Tk per month, for life or to the survivors)"
    reference = [EIS_FAQ, LAUNCH, WORKSHOP, C121]

    def formula_2022_06_21(person, period, _parameters):
        gap = person("employment_injury_scheme_target_benefit", period) - person(
            "employment_injury_scheme_lump_sum_monthly_equivalent", period
        )
        return person("employment_injury_scheme__eligible", period) * np.maximum(gap, 0)


class employment_injury_scheme_expected_annual_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Expected cost of a year's EIS awards for a covered worker, from the injury incidence (Tk per year)"
    reference = [EIS_FAQ, WORKSHOP]
    documentation = """
    For costing on survey data, where injuries are not observed: for a death and for a permanent
    disablement (at the average loss of earning capacity), the yearly incidence times the
    capital value of the top-up (the C121 level less the monthly equivalent of the Labour Act's
    Fifth Schedule lump sum, never below zero), capitalised with the annuity factor.
    """

    def formula_2022_06_21(person, period, parameters):
        eis = parameters(period).employment_injury_scheme
        schedule = parameters(period).labour_act.work_injury
        wage = person("monthly_wage", period)
        factor = annuity_factor(person, period, parameters)
        loss = eis.incidence.average_loss_of_earning_capacity
        death_top_up = np.maximum(
            survivors_share(person, period, eis.benefit.survivors) * wage
            - schedule.death_compensation / factor,
            0,
        )
        disability_top_up = np.maximum(
            loss
            * (
                eis.benefit.replacement_rate * wage - schedule.permanent_total_compensation / factor
            ),
            0,
        )
        expected = (
            eis.incidence.death_rate * death_top_up
            + eis.incidence.permanent_disability_rate * disability_top_up
        )
        return person("employment_injury_scheme__covered_worker", period) * expected * factor
