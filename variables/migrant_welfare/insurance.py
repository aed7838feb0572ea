"""Compulsory insurance of migrant workers (Jiban Bima Corporation, through the Wage Earners'
Welfare Board): the policy, its premium, and the death, disablement and jobless-return benefits.

A policy keeps the terms of the product sold on its policy date (19 December 2019: Tk 2 or 5 lakh
for two years; 10 December 2022: Tk 10 lakh for five years with a jobless-return benefit). The
formulas therefore read the insurance parameters on each worker's policy date with
`values_on_dates`, one evaluation per product, never one per person.
"""

import datetime

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import Disablement
from policy_bd.migrant_enums import MigrantStatus, ReturnReason
from policy_bd.migrant_helpers import add_months, add_years, age_on, month_bounds, values_on_dates

PRODUCT_2019 = "https://en.banglatribune.com/business/news/87659/Expat-workers-to-get-Insurance-soon (product of 19 December 2019)"
PRODUCT_2022 = "https://www.tbsnews.net/bangladesh/migration/5-yr-insurance-expatriate-workers-made-mandatory-598418 (product of 10 December 2022)"
ACCIDENTAL_DEATH_2022 = "https://londongb.news/tk-50000-for-migrant-workers-returning-jobless (The Daily Star: up to Tk 10 lakh for a death due to an accident)"
REFERENCES = [PRODUCT_2019, PRODUCT_2022]


def _on_policy_date(person, period, node_path, read):
    """`read(parameters on each worker's policy date)`, and whether the node existed then.

    The node is taken from the simulation's own system, so a reform of the insurance
    parameters applies to the policies bought from the reform's start date.
    """
    node = person.simulation.tax_benefit_system.parameters
    for name in node_path.split("."):
        node = getattr(node, name)
    policy_date = person("migrant_insurance_policy_date", period)
    return values_on_dates(node, policy_date, read)


def _policy_terms(person, period, read):
    return _on_policy_date(person, period, "migrant_welfare.insurance", read)


class migrant_insurance_policy_date(Variable):
    value_type = datetime.date
    default_value = datetime.date(1970, 1, 1)
    entity = Person
    definition_period = ETERNITY
    label = "Date the worker's compulsory insurance policy was bought (by default the date of departure)"
    reference = REFERENCES

    def formula(person, period, _parameters):
        """The policy is bought with the emigration clearance, just before departure."""
        return person("date_of_departure", period)


class migrant_insurance_higher_option(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "Chose the higher-cover option (Tk 5 lakh for Tk 2,475) while it was sold"
    reference = PRODUCT_2019


class accident_disablement(Variable):
    value_type = Enum
    possible_values = Disablement
    default_value = Disablement.none
    entity = Person
    definition_period = MONTH
    label = "Outcome of an accident in the month, as the insurance classes it"
    reference = f"{PRODUCT_2019}: death or total loss 100%, partial disablement 10-50%"


class accident_disablement_share(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "/1"
    label = "Share of the sum insured the insurer's schedule gives the month's partial disablement"
    reference = f"{PRODUCT_2019}: partial disablement 10% to 50%"


# The policy ---------------------------------------------------------------------------------------


class migrant_insurance__has_policy(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Holds a compulsory insurance policy: the policy date is on or after 19 December 2019"
    reference = REFERENCES

    def formula(person, period, _parameters):
        (compulsory,), defined = _policy_terms(person, period, lambda p: (p.compulsory,))
        return defined & compulsory


class migrant_insurance__age_within_limits(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Was of insurable age on the policy date (18-58 from 2019; 18-55 from 10 December 2022)"
    reference = REFERENCES

    def formula(person, period, _parameters):
        (low, high), _ = _policy_terms(person, period, lambda p: (p.min_age, p.max_age))
        policy_date = person("migrant_insurance_policy_date", period)
        age = age_on(person("date_of_birth", period), policy_date)
        return (age >= low) & (age <= high)


class migrant_insurance__in_term(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The policy runs during the month (two-year term from 2019; five years from 10 December 2022)"
    reference = REFERENCES

    def formula(person, period, _parameters):
        """From the policy date to the day before the anniversary that ends the term."""
        (term,), _ = _policy_terms(person, period, lambda p: (p.term_years,))
        policy_date = person("migrant_insurance_policy_date", period)
        first_day, last_day = month_bounds(period)
        return (policy_date <= last_day) & (first_day < add_years(policy_date, term))


class migrant_insurance__policy_in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Holds a valid compulsory insurance policy that runs during the month"
    reference = REFERENCES

    def formula(person, period, _parameters):
        return (
            person("migrant_insurance__has_policy", period)
            & person("migrant_insurance__age_within_limits", period)
            & person("migrant_insurance__in_term", period)
        )


def _chosen_option(person, period, standard, higher):
    """The higher option's value if the worker chose it while it was sold, else the standard."""
    (standard_value, higher_value, offered), _ = _policy_terms(
        person, period, lambda p: (standard(p), higher(p), p.higher_option.offered)
    )
    chose_higher = person("migrant_insurance_higher_option", period) & offered
    return np.where(chose_higher, higher_value, standard_value)


class migrant_insurance_sum_insured(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Sum insured of the policy running in the month (Tk; 0 without a policy in force)"
    reference = REFERENCES

    def formula(person, period, _parameters):
        cover = _chosen_option(person, period, lambda p: p.cover, lambda p: p.higher_option.cover)
        return person("migrant_insurance__policy_in_force", period) * cover


class migrant_insurance_premium(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "One-time premium of a policy bought in the month, worker and WEWB shares together (Tk)"
    reference = REFERENCES

    def formula(person, period, _parameters):
        """Due in the month of the policy date, for the option chosen."""
        premium = _chosen_option(
            person, period, lambda p: p.premium, lambda p: p.higher_option.premium
        )
        policy_date = person("migrant_insurance_policy_date", period)
        first_day, last_day = month_bounds(period)
        bought = (
            (first_day <= policy_date)
            & (policy_date <= last_day)
            & person("migrant_insurance__has_policy", period)
            & person("migrant_insurance__age_within_limits", period)
        )
        return bought * premium


class migrant_insurance_worker_premium(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Part of the month's premium the worker pays (Tk; the Board pays the rest)"
    reference = REFERENCES

    def formula(person, period, _parameters):
        (wewb_share,), _ = _policy_terms(person, period, lambda p: (p.wewb_premium_share,))
        premium = person("migrant_insurance_premium", period)
        return np.where(premium > 0, np.maximum(premium - wewb_share, 0), 0)


# Death and disablement ----------------------------------------------------------------------------


class migrant_insurance_death_benefit__insured_dies(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The insured worker dies in the month"
    reference = f"{PRODUCT_2019}: death pays 100% of the cover"

    def formula(person, period, _parameters):
        return person("dies", period)


class migrant_insurance_death_benefit__death_is_covered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The policy covers this death: any death (2019 product) or a death due to an accident (2022 product)"
    reference = [PRODUCT_2019, ACCIDENTAL_DEATH_2022]

    def formula(person, period, _parameters):
        (requires_accident,), defined = _policy_terms(
            person, period, lambda p: (p.death_cover_requires_accident,)
        )
        accidental = person("accident_disablement", period) == Disablement.death
        return defined & (np.logical_not(requires_accident.astype(bool)) | accidental)


class migrant_insurance_death_benefit__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The insured worker's family is paid the sum insured for a death in the month"
    reference = REFERENCES

    def formula(person, period, _parameters):
        return (
            person("migrant_insurance__policy_in_force", period)
            & person("migrant_insurance_death_benefit__insured_dies", period)
            & person("migrant_insurance_death_benefit__death_is_covered", period)
        )


class migrant_insurance_death_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Insurance paid to the family on the insured worker's death in the month (Tk, lump sum)"
    reference = REFERENCES

    def formula(person, period, _parameters):
        return person("migrant_insurance_death_benefit__eligible", period) * person(
            "migrant_insurance_sum_insured", period
        )


def _disablement_share(person, period):
    """100% for a total disablement; the schedule's share, capped, for a partial one."""
    (low, high), _ = _policy_terms(
        person,
        period,
        lambda p: (p.partial_disablement.min_share, p.partial_disablement.max_share),
    )
    outcome = person("accident_disablement", period)
    share = person("accident_disablement_share", period)
    partial = (outcome == Disablement.permanent_partial) & (share >= low)
    return np.select(
        [outcome == Disablement.permanent_total, partial], [1.0, np.minimum(share, high)], 0.0
    )


class migrant_insurance_disability_benefit__covered_disablement(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "An accident in the month left a total, or a partial permanent disablement of at least the schedule's smallest share"
    reference = f"{PRODUCT_2019}: total loss 100%, partial 10-50%"

    def formula(person, period, _parameters):
        return _disablement_share(person, period) > 0


class migrant_insurance_disability_benefit__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The insured worker is paid for a permanent disablement in the month"
    reference = REFERENCES

    def formula(person, period, _parameters):
        return person("migrant_insurance__policy_in_force", period) & person(
            "migrant_insurance_disability_benefit__covered_disablement", period
        )


class migrant_insurance_disability_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Insurance paid for a permanent disablement in the month (Tk, lump sum)"
    reference = REFERENCES

    def formula(person, period, _parameters):
        """Sum insured times 100% (total) or the schedule's share, at most 50% (partial)."""
        eligible = person("migrant_insurance_disability_benefit__eligible", period)
        return (
            eligible
            * person("migrant_insurance_sum_insured", period)
            * _disablement_share(person, period)
        )


# Jobless return (products from 10 December 2022) --------------------------------------------------


def _jobless_terms(person, period, read):
    return _on_policy_date(person, period, "migrant_welfare.insurance.jobless_return", read)


class migrant_insurance_jobless_return__policy_includes_support(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The worker's policy, bought on or after 10 December 2022, includes the jobless-return support"
    reference = PRODUCT_2022

    def formula(person, period, _parameters):
        (amount,), defined = _jobless_terms(person, period, lambda p: (p.amount,))
        return (
            defined
            & (amount > 0)
            & person("migrant_insurance__has_policy", period)
            & person("migrant_insurance__age_within_limits", period)
        )


class migrant_insurance_jobless_return__returned_without_job(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has come home for good because the job abroad was lost"
    reference = PRODUCT_2022

    def formula(person, period, _parameters):
        returned = person("migrant_status", period) == MigrantStatus.returned
        return returned & (person("reason_for_return", period) == ReturnReason.job_loss)


class migrant_insurance_jobless_return__returned_within_window(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Came home within six months of departure (on or before the date six months later)"
    reference = PRODUCT_2022

    def formula(person, period, _parameters):
        (max_months,), defined = _jobless_terms(person, period, lambda p: (p.max_months,))
        departure = person("date_of_departure", period)
        returned = person("date_of_return", period)
        return defined & (departure <= returned) & (returned <= add_months(departure, max_months))


class migrant_insurance_jobless_return__migration_cost_not_paid_by_employer(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The employer did not pay the whole cost of the migration (else there is no support)"
    reference = PRODUCT_2022

    def formula(person, period, _parameters):
        (excluded,), _ = _jobless_terms(
            person, period, lambda p: (p.excluded_when_employer_paid_migration_cost,)
        )
        return ~(excluded & person("employer_paid_full_migration_cost", period))


class migrant_insurance_jobless_return__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Can claim the insurance's support for coming home jobless soon after migrating"
    reference = PRODUCT_2022

    def formula(person, period, _parameters):
        return (
            person("migrant_insurance_jobless_return__policy_includes_support", period)
            & person("migrant_insurance_jobless_return__returned_without_job", period)
            & person("migrant_insurance_jobless_return__returned_within_window", period)
            & person(
                "migrant_insurance_jobless_return__migration_cost_not_paid_by_employer", period
            )
        )


class migrant_insurance_jobless_return(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Insurance support that can be claimed for a jobless return (Tk, lump sum, once per policy)"
    )
    reference = PRODUCT_2022
    documentation = """
    The support is claimable once the worker is home; the model gives the amount in any month
    in which the conditions hold, so a caller counts it once, in the month of the claim.
    """

    def formula(person, period, _parameters):
        (amount,), _ = _jobless_terms(person, period, lambda p: (p.amount,))
        return person("migrant_insurance_jobless_return__eligible", period) * amount
