"""PROPOSAL (not law): health insurance for migrant workers and their families.

One of four products DataSense designed for the Ministry of Expatriates' Welfare and Overseas
Employment in April-June 2022: cover abroad, during leave and after return, for the worker and
the family. No operating product was found. Every figure is a parameter of a default design
(`parameters/migrant_welfare/health_insurance/`), off in baseline law (`in_force` false); the
reform `migrant_health_insurance` switches it on.
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Household, Person
from policy_bd.migrant_enums import MigrantStatus
from policy_bd.migrant_helpers import add_months, month_bounds

DESIGN = (
    "PROPOSAL: DataSense for MoEWOE, 'New Welfare Schemes for Migrant Workers in light of Global "
    "Good Practices' (April-June 2022), product 1: health insurance for migrant workers and "
    "their families"
)


class migrant_health_insurance__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - the migrant health insurance is in force (not in baseline law)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        in_force = parameters(period).migrant_welfare.health_insurance.in_force
        return person.filled_array(bool(in_force))


class migrant_health_insurance__insured_worker(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - a WEWB-covered worker who is abroad, on leave, or home for less than the post-return cover"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        months = parameters(period).migrant_welfare.health_insurance.months_after_return
        status = person("migrant_status", period)
        first_day, _ = month_bounds(period)
        recently_returned = (status == MigrantStatus.returned) & (
            first_day <= add_months(person("date_of_return", period), int(months))
        )
        away = (status == MigrantStatus.abroad) | (status == MigrantStatus.on_leave)
        return person("wewb_covered", period) & (away | recently_returned)


class migrant_health_insurance__worker_or_family(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "PROPOSAL - is an insured worker, or a member of the household of an insured head or spouse"
    )
    reference = DESIGN
    documentation = """
    The design covers "migrant workers and their families": when `covers_family` is true every
    member of a household whose head or spouse is an insured worker is insured.
    """

    def formula_2022_07(person, period, parameters):
        covers_family = parameters(period).migrant_welfare.health_insurance.covers_family
        worker = person("migrant_health_insurance__insured_worker", period)
        parent = person.has_role(Household.HEAD) | person.has_role(Household.SPOUSE)
        family = person.household.any(worker & parent) & bool(covers_family)
        return worker | family


class migrant_health_insurance__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - is insured under the migrant health insurance in the month"
    reference = DESIGN

    def formula(person, period, _parameters):
        return person("migrant_health_insurance__in_force", period) & person(
            "migrant_health_insurance__worker_or_family", period
        )


class migrant_health_insurance_cover(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "PROPOSAL - medical expenses the migrant health insurance covers for the person (Tk per year)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        cover = parameters(period).migrant_welfare.health_insurance.annual_cover
        return person("migrant_health_insurance__eligible", period) * cover


class migrant_health_insurance_premium(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "PROPOSAL - annual premium paid for the insured person, net of the Board's share (Tk per year)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        rule = parameters(period).migrant_welfare.health_insurance
        net = rule.annual_premium * (1 - rule.wewb_premium_share)
        return person("migrant_health_insurance__eligible", period) * net
