"""Probashi Kallyan Bank (প্রবাসী কল্যাণ ব্যাংক) loans: migration, rehabilitation, women's
rehabilitation and special rehabilitation.

For each loan: one boolean per criterion `<loan>__<criterion>` (the bank's stated rules, with the
requested amount and term checked against the ceilings), `<loan>__eligible`, the ceiling
`<loan>_limit`, and for an eligible applicant the loan `<loan>` (the amount requested, or the
ceiling when none is given), its term, total simple interest and equal monthly instalment.
An applicant states one request (amount, term, group size); every loan is screened against it.
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import Sex
from policy_bd.migrant_enums import LoanProduct, MigrantStatus, ReturnReason
from policy_bd.migrant_helpers import (
    amount_requested_within,
    applies_within_years_of_return,
    loan_granted,
    loan_term_months,
    simple_interest_schedule,
    term_requested_within,
)

PKB_ACT = "Probashi Kallyan Bank Act 2010 (Act 55 of 2010)"
MIGRATION = "https://www.thedailystar.net/news/bangladesh/news/probashi-kallyan-bank-migration-loan-sees-brisk-growth-3354026"
REHABILITATION = "https://www.tbsnews.net/bangladesh/probashi-kallyan-banks-rehabilitation-loan-limit-increased-tk50-lakh-328003"
WOMENS = "https://pkb.portal.gov.bd/site/page/f302c371-053f-4b16-9cfc-724f10257560"
SPECIAL = "https://pkb.portal.gov.bd/site/page/2804b8d9-4f3a-4a44-8b31-42c65dca48e9"


# The request ---------------------------------------------------------------------------------------


class loan_requested_amount(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Loan amount applied for in the month (Tk; 0: none stated, the ceiling is shown)"
    reference = PKB_ACT


class loan_requested_term_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Repayment term applied for, in months (0: none stated, the longest term is shown)"
    reference = PKB_ACT


class loan_requested_product(Variable):
    value_type = Enum
    possible_values = LoanProduct
    default_value = LoanProduct.none
    entity = Person
    definition_period = MONTH
    label = "The loan the person applies for in the month"
    reference = PKB_ACT


class loan_group_members(Variable):
    value_type = int
    default_value = 1
    entity = Person
    definition_period = MONTH
    unit = "person"
    label = "Number of borrowers applying together as a group (1: an individual loan)"
    reference = f"{SPECIAL} (group loans of up to five members)"


class has_overseas_job_offer(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Holds a job offer and visa for work abroad, with the emigration clearance under way"
    reference = f"{MIGRATION} (migration loans finance the cost of going abroad)"


# Shared conditions ----------------------------------------------------------------------------------


def _returned(person, period):
    return person("migrant_status", period) == MigrantStatus.returned


# Migration loan ------------------------------------------------------------------------------------


class pkb_migration_loan__going_abroad_for_work(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is going abroad for work: holds a job offer and visa, with the emigration clearance under way"
    reference = MIGRATION

    def formula(person, period, _parameters):
        return person("has_overseas_job_offer", period)


class pkb_migration_loan__amount_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The amount applied for does not exceed the migration loan ceiling"
    reference = "https://www.loansbd.com/2025/10/bangladesh-loan-scheme-2025.html (up to Tk 3 lakh; low confidence)"

    def formula_2011_04(person, period, parameters):
        limit = parameters(period).migrant_welfare.pkb_loans.migration.max_amount
        return amount_requested_within(person, period, limit)


class pkb_migration_loan__term_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The term applied for does not exceed the migration loan's longest term"
    reference = "https://www.loansbd.com/2025/10/bangladesh-loan-scheme-2025.html (three years; low confidence)"

    def formula_2011_04(person, period, parameters):
        years = parameters(period).migrant_welfare.pkb_loans.migration.max_term_years
        return term_requested_within(person, period, years)


class pkb_migration_loan__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Meets the Probashi Kallyan Bank's stated conditions for a migration loan"
    reference = [PKB_ACT, MIGRATION]

    def formula(person, period, _parameters):
        return (
            person("pkb_migration_loan__going_abroad_for_work", period)
            & person("pkb_migration_loan__amount_within_limit", period)
            & person("pkb_migration_loan__term_within_limit", period)
        )


class pkb_migration_loan_limit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Migration loan ceiling (Tk)"
    reference = "https://www.loansbd.com/2025/10/bangladesh-loan-scheme-2025.html (low confidence)"

    def formula_2011_04(person, period, parameters):
        limit = parameters(period).migrant_welfare.pkb_loans.migration.max_amount
        return person.filled_array(limit)


class pkb_migration_loan(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Migration loan the applicant can obtain (Tk; the amount requested, or the ceiling)"
    reference = [PKB_ACT, MIGRATION]

    def formula(person, period, _parameters):
        eligible = person("pkb_migration_loan__eligible", period)
        return loan_granted(person, period, eligible, person("pkb_migration_loan_limit", period))


class pkb_migration_loan_term_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Term of the migration loan, in months (the term requested, or the longest)"
    reference = MIGRATION

    def formula_2011_04(person, period, parameters):
        years = parameters(period).migrant_welfare.pkb_loans.migration.max_term_years
        return loan_term_months(
            person, period, person("pkb_migration_loan__eligible", period), years
        )


class pkb_migration_loan_total_interest(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Total simple interest on the migration loan over its term (Tk)"
    reference = f"{MIGRATION} (9% interest)"

    def formula_2011_04(person, period, parameters):
        rate = parameters(period).migrant_welfare.pkb_loans.migration.interest_rate
        interest, _ = simple_interest_schedule(
            person("pkb_migration_loan", period),
            rate,
            person("pkb_migration_loan_term_months", period),
        )
        return interest


class pkb_migration_loan_monthly_instalment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Equal monthly instalment repaying the migration loan with its interest (Tk per month)"
    reference = f"{MIGRATION} (9% interest)"

    def formula_2011_04(person, period, parameters):
        rate = parameters(period).migrant_welfare.pkb_loans.migration.interest_rate
        _, instalment = simple_interest_schedule(
            person("pkb_migration_loan", period),
            rate,
            person("pkb_migration_loan_term_months", period),
        )
        return instalment


# Rehabilitation loan ---------------------------------------------------------------------------------


class pkb_rehabilitation_loan__returned_legal_migrant(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Has come home for good from work abroad with valid papers (a BMET emigration clearance)"
    )
    reference = f"{REHABILITATION} (the applicant must have all valid papers)"

    def formula(person, period, _parameters):
        return _returned(person, period) & person("migrated_with_bmet_clearance", period)


class pkb_rehabilitation_loan__applies_within_window(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Applies within five years of coming home (on or before the fifth anniversary of the return)"
    reference = [
        f"{REHABILITATION} (apply within five years of returning)",
        "https://www.daily-bangladesh.com/english/Tk-10-lakh-rehab-loan-for-returned-expats/31920",
    ]

    def formula_2011_04(person, period, parameters):
        """Judged on the first day of the month of the application."""
        years = parameters(period).migrant_welfare.pkb_loans.rehabilitation.application_window_years
        return applies_within_years_of_return(person, period, years)


class pkb_rehabilitation_loan__amount_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The amount applied for does not exceed the rehabilitation loan ceiling (Tk 8 lakh; Tk 50 lakh from November 2021)"
    reference = REHABILITATION

    def formula_2011_04(person, period, parameters):
        limit = parameters(period).migrant_welfare.pkb_loans.rehabilitation.max_amount
        return amount_requested_within(person, period, limit)


class pkb_rehabilitation_loan__term_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The term applied for does not exceed the rehabilitation loan's longest term (5 years; 10 from November 2021)"
    reference = REHABILITATION

    def formula_2011_04(person, period, parameters):
        years = parameters(period).migrant_welfare.pkb_loans.rehabilitation.max_term_years
        return term_requested_within(person, period, years)


class pkb_rehabilitation_loan__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Meets the Probashi Kallyan Bank's stated conditions for a rehabilitation loan"
    reference = [PKB_ACT, REHABILITATION]

    def formula(person, period, _parameters):
        return (
            person("pkb_rehabilitation_loan__returned_legal_migrant", period)
            & person("pkb_rehabilitation_loan__applies_within_window", period)
            & person("pkb_rehabilitation_loan__amount_within_limit", period)
            & person("pkb_rehabilitation_loan__term_within_limit", period)
        )


class pkb_rehabilitation_loan_limit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Rehabilitation loan ceiling (Tk)"
    reference = REHABILITATION

    def formula_2011_04(person, period, parameters):
        limit = parameters(period).migrant_welfare.pkb_loans.rehabilitation.max_amount
        return person.filled_array(limit)


class pkb_rehabilitation_loan(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Rehabilitation loan the applicant can obtain (Tk; the amount requested, or the ceiling)"
    )
    reference = [PKB_ACT, REHABILITATION]

    def formula(person, period, _parameters):
        eligible = person("pkb_rehabilitation_loan__eligible", period)
        return loan_granted(
            person, period, eligible, person("pkb_rehabilitation_loan_limit", period)
        )


class pkb_rehabilitation_loan_term_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Term of the rehabilitation loan, in months (the term requested, or the longest)"
    reference = REHABILITATION

    def formula_2011_04(person, period, parameters):
        years = parameters(period).migrant_welfare.pkb_loans.rehabilitation.max_term_years
        return loan_term_months(
            person, period, person("pkb_rehabilitation_loan__eligible", period), years
        )


class pkb_rehabilitation_loan_total_interest(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Total simple interest on the rehabilitation loan over its term (Tk)"
    reference = "http://probashbarta.com/2021/02/02/ (9% simple interest for men)"

    def formula_2011_04(person, period, parameters):
        rate = parameters(period).migrant_welfare.pkb_loans.rehabilitation.interest_rate
        interest, _ = simple_interest_schedule(
            person("pkb_rehabilitation_loan", period),
            rate,
            person("pkb_rehabilitation_loan_term_months", period),
        )
        return interest


class pkb_rehabilitation_loan_monthly_instalment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Equal monthly instalment repaying the rehabilitation loan with its interest (Tk per month)"
    )
    reference = "http://probashbarta.com/2021/02/02/ (9% simple interest for men)"

    def formula_2011_04(person, period, parameters):
        rate = parameters(period).migrant_welfare.pkb_loans.rehabilitation.interest_rate
        _, instalment = simple_interest_schedule(
            person("pkb_rehabilitation_loan", period),
            rate,
            person("pkb_rehabilitation_loan_term_months", period),
        )
        return instalment


# Women's rehabilitation loan -------------------------------------------------------------------------


class pkb_womens_rehabilitation_loan__is_woman(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The applicant is a woman"
    reference = WOMENS

    def formula(person, period, _parameters):
        return person("sex", period) == Sex.female


class pkb_womens_rehabilitation_loan__returned_migrant_worker(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Went abroad for work and has come home for good"
    reference = WOMENS

    def formula(person, period, _parameters):
        return _returned(person, period)


class pkb_womens_rehabilitation_loan__amount_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The amount applied for does not exceed the women's rehabilitation loan ceiling (Tk 50 lakh)"
    reference = WOMENS

    def formula_2021_11(person, period, parameters):
        limit = parameters(period).migrant_welfare.pkb_loans.womens_rehabilitation.max_amount
        return amount_requested_within(person, period, limit)


class pkb_womens_rehabilitation_loan__term_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The term applied for does not exceed ten years"
    reference = WOMENS

    def formula_2021_11(person, period, parameters):
        years = parameters(period).migrant_welfare.pkb_loans.womens_rehabilitation.max_term_years
        return term_requested_within(person, period, years)


class pkb_womens_rehabilitation_loan__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Meets the Probashi Kallyan Bank's stated conditions for a women's rehabilitation loan"
    reference = WOMENS

    def formula(person, period, _parameters):
        return (
            person("pkb_womens_rehabilitation_loan__is_woman", period)
            & person("pkb_womens_rehabilitation_loan__returned_migrant_worker", period)
            & person("pkb_womens_rehabilitation_loan__amount_within_limit", period)
            & person("pkb_womens_rehabilitation_loan__term_within_limit", period)
        )


class pkb_womens_rehabilitation_loan_limit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Women's rehabilitation loan ceiling (Tk)"
    reference = WOMENS

    def formula_2021_11(person, period, parameters):
        limit = parameters(period).migrant_welfare.pkb_loans.womens_rehabilitation.max_amount
        return person.filled_array(limit)


class pkb_womens_rehabilitation_loan(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Women's rehabilitation loan the applicant can obtain (Tk; the amount requested, or the ceiling)"
    reference = WOMENS

    def formula(person, period, _parameters):
        eligible = person("pkb_womens_rehabilitation_loan__eligible", period)
        limit = person("pkb_womens_rehabilitation_loan_limit", period)
        return loan_granted(person, period, eligible, limit)


class pkb_womens_rehabilitation_loan_term_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = (
        "Term of the women's rehabilitation loan, in months (the term requested, or the longest)"
    )
    reference = WOMENS

    def formula_2021_11(person, period, parameters):
        years = parameters(period).migrant_welfare.pkb_loans.womens_rehabilitation.max_term_years
        eligible = person("pkb_womens_rehabilitation_loan__eligible", period)
        return loan_term_months(person, period, eligible, years)


class pkb_womens_rehabilitation_loan_total_interest(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Total simple interest on the women's rehabilitation loan over its term (Tk; 7%)"
    reference = WOMENS

    def formula_2021_11(person, period, parameters):
        rate = parameters(period).migrant_welfare.pkb_loans.womens_rehabilitation.interest_rate
        interest, _ = simple_interest_schedule(
            person("pkb_womens_rehabilitation_loan", period),
            rate,
            person("pkb_womens_rehabilitation_loan_term_months", period),
        )
        return interest


class pkb_womens_rehabilitation_loan_monthly_instalment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Equal monthly instalment repaying the women's rehabilitation loan with its interest (Tk per month)"
    reference = WOMENS

    def formula_2021_11(person, period, parameters):
        rate = parameters(period).migrant_welfare.pkb_loans.womens_rehabilitation.interest_rate
        _, instalment = simple_interest_schedule(
            person("pkb_womens_rehabilitation_loan", period),
            rate,
            person("pkb_womens_rehabilitation_loan_term_months", period),
        )
        return instalment


# Special rehabilitation loan -------------------------------------------------------------------------


class pkb_special_rehabilitation_loan__covid_returnee_or_bereaved_family(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Came home because of COVID-19 on or after 1 January 2020, or is family of a worker who died abroad"
    reference = [SPECIAL, "http://mymensinghzo.pkb.gov.bd/ (returnees from 1 January 2020)"]

    def formula_2021_02(person, period, parameters):
        year = parameters(
            period
        ).migrant_welfare.pkb_loans.special_rehabilitation.earliest_return_year
        returned_since = person("date_of_return", period) >= np.datetime64(f"{int(year)}-01-01")
        covid = (
            _returned(person, period)
            & (person("reason_for_return", period) == ReturnReason.covid19)
            & returned_since
        )
        return covid | person("family_member_died_abroad", period)


class pkb_special_rehabilitation_loan__group_size_allowed(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Applies alone or in a group of at most five borrowers"
    reference = SPECIAL

    def formula_2021_02(person, period, parameters):
        largest = parameters(
            period
        ).migrant_welfare.pkb_loans.special_rehabilitation.max_group_members
        members = person("loan_group_members", period)
        return (members >= 1) & (members <= largest)


class pkb_special_rehabilitation_loan__amount_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The amount applied for does not exceed Tk 5 lakh a borrower (Tk 25 lakh for a group of five)"
    reference = SPECIAL

    def formula(person, period, _parameters):
        limit = person("pkb_special_rehabilitation_loan_limit", period)
        return amount_requested_within(person, period, limit)


class pkb_special_rehabilitation_loan__term_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The term applied for does not exceed five years"
    reference = SPECIAL

    def formula_2021_02(person, period, parameters):
        years = parameters(period).migrant_welfare.pkb_loans.special_rehabilitation.max_term_years
        return term_requested_within(person, period, years)


class pkb_special_rehabilitation_loan__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Meets the Probashi Kallyan Bank's stated conditions for a special rehabilitation loan"
    reference = SPECIAL

    def formula(person, period, _parameters):
        return (
            person("pkb_special_rehabilitation_loan__covid_returnee_or_bereaved_family", period)
            & person("pkb_special_rehabilitation_loan__group_size_allowed", period)
            & person("pkb_special_rehabilitation_loan__amount_within_limit", period)
            & person("pkb_special_rehabilitation_loan__term_within_limit", period)
        )


class pkb_special_rehabilitation_loan_limit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Special rehabilitation loan ceiling for the applicant or group (Tk)"
    reference = SPECIAL

    def formula_2021_02(person, period, parameters):
        """Tk 5 lakh for each borrower, for at most five borrowers in a group."""
        rule = parameters(period).migrant_welfare.pkb_loans.special_rehabilitation
        members = np.clip(person("loan_group_members", period), 1, rule.max_group_members)
        return members * rule.max_amount_per_member


class pkb_special_rehabilitation_loan(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Special rehabilitation loan the applicant can obtain (Tk; the amount requested, or the ceiling)"
    reference = SPECIAL

    def formula(person, period, _parameters):
        eligible = person("pkb_special_rehabilitation_loan__eligible", period)
        limit = person("pkb_special_rehabilitation_loan_limit", period)
        return loan_granted(person, period, eligible, limit)


class pkb_special_rehabilitation_loan_term_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = (
        "Term of the special rehabilitation loan, in months (the term requested, or the longest)"
    )
    reference = SPECIAL

    def formula_2021_02(person, period, parameters):
        years = parameters(period).migrant_welfare.pkb_loans.special_rehabilitation.max_term_years
        eligible = person("pkb_special_rehabilitation_loan__eligible", period)
        return loan_term_months(person, period, eligible, years)


class pkb_special_rehabilitation_loan_total_interest(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Total simple interest on the special rehabilitation loan over its term (Tk; 4%)"
    reference = SPECIAL

    def formula_2021_02(person, period, parameters):
        rate = parameters(period).migrant_welfare.pkb_loans.special_rehabilitation.interest_rate
        interest, _ = simple_interest_schedule(
            person("pkb_special_rehabilitation_loan", period),
            rate,
            person("pkb_special_rehabilitation_loan_term_months", period),
        )
        return interest


class pkb_special_rehabilitation_loan_monthly_instalment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Equal monthly instalment repaying the special rehabilitation loan with its interest (Tk per month)"
    reference = SPECIAL

    def formula_2021_02(person, period, parameters):
        rate = parameters(period).migrant_welfare.pkb_loans.special_rehabilitation.interest_rate
        _, instalment = simple_interest_schedule(
            person("pkb_special_rehabilitation_loan", period),
            rate,
            person("pkb_special_rehabilitation_loan_term_months", period),
        )
        return instalment
