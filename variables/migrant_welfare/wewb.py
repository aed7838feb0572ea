"""Wage Earners' Welfare Board (ওয়েজ আর্নার্স কল্যাণ বোর্ড): the welfare fee, the grants on a
worker's death, treatment aid for injured or sick returnees, scholarships and the allowance for
disabled children.

Each legal criterion is a boolean `<program>__<criterion>`; `<program>__eligible` combines them.
Coverage (rule 7 of the WEWB Rules 2023) is `wewb_covered`: a BMET emigration clearance or a
WEWB membership. Lump sums (fee, grants, aid) are due in the month of the event or claim;
scholarships and allowances are monthly.
"""

import datetime

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Household, Person
from policy_bd.migrant_enums import MigrantStatus, ScholarshipLevel
from policy_bd.migrant_helpers import add_years, month_bounds

WEWB_ACT = "Wage Earners' Welfare Board Act 2018"
WEWB_RULES = "Wage Earners' Welfare Board Rules 2023 (gazette of 11 April 2023), rule 7"
PORTAL = "https://wewb.portal.gov.bd/"
TREATMENT_PAGE = "http://www.wewb.gov.bd/site/page/0d56753b-5231-49bf-8e9e-2c1b808c40d0/"


def _covered_parent_in_household(person, period):
    """True for a child (role `child`) of a household whose head or spouse is WEWB-covered."""
    parent = person.has_role(Household.HEAD) | person.has_role(Household.SPOUSE)
    covered_parent = person.household.any(person("wewb_covered", period) & parent)
    return person.has_role(Household.CHILD) & covered_parent


# Welfare fee ----------------------------------------------------------------------------------


class wewb_welfare_fee__clearance_or_enrolment(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Obtains an emigration clearance, or joins the Board as a member, in the month"
    reference = [
        f"{WEWB_ACT}, s.14 (sources of the welfare fund)",
        "https://www.tbsnews.net/bangladesh/migration/wage-earners-welfare-board-calls-grow-subsidies-430226",
    ]

    def formula(person, period, _parameters):
        return person("obtains_emigration_clearance", period) | person("enrols_in_wewb", period)


class wewb_welfare_fee__due(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Owes the Wage Earners' Welfare Fund its welfare fee in the month"
    reference = [f"{WEWB_ACT}, s.14", PORTAL]

    def formula(person, period, _parameters):
        return person("wewb_welfare_fee__clearance_or_enrolment", period)


class wewb_welfare_fee(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Welfare fee paid to the Wage Earners' Welfare Fund in the month (Tk, once per clearance or membership)"
    reference = [
        f"{WEWB_ACT}, s.14",
        "http://today.thefinancialexpress.com.bd/trade-market/most-migrant-workers-cant-avail-wewb-services-1525892261",
    ]

    def formula_2018_05(person, period, parameters):
        fee = parameters(period).migrant_welfare.wewb.welfare_fee
        return person("wewb_welfare_fee__due", period) * fee


# Death grant and repatriation --------------------------------------------------------------------


class wewb_death_grant__covered_by_wewb(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The deceased worker migrated with a BMET clearance or held a WEWB membership"
    reference = [WEWB_RULES, f"{PORTAL} (আর্থিক অনুদান: legally migrated workers and members)"]

    def formula(person, period, _parameters):
        return person("wewb_covered", period)


class wewb_death_grant__died_abroad_or_on_leave(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Dies in the month while working abroad, or at home while on leave from a job abroad"
    reference = f"{PORTAL} (আর্থিক অনুদান: deaths at home during leave are covered)"

    def formula(person, period, _parameters):
        status = person("migrant_status", period)
        abroad_or_on_leave = (status == MigrantStatus.abroad) | (status == MigrantStatus.on_leave)
        return person("dies", period) & abroad_or_on_leave


class wewb_death_grant__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The family is entitled to the Board's death grant for this worker's death"
    reference = [WEWB_RULES, PORTAL]

    def formula(person, period, _parameters):
        return person("wewb_death_grant__covered_by_wewb", period) & person(
            "wewb_death_grant__died_abroad_or_on_leave", period
        )


class wewb_death_grant(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Death grant paid to the worker's family for a death in the month (Tk, lump sum)"
    reference = [
        PORTAL,
        "https://en.prothomalo.com/bangladesh/Families-of-deceased-expatriates-wait-long-for",
    ]

    def formula_2013_04(person, period, parameters):
        grant = parameters(period).migrant_welfare.wewb.death_grant
        return person("wewb_death_grant__eligible", period) * grant


class wewb_funeral_grant__covered_by_wewb(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The deceased worker migrated with a BMET clearance or held a WEWB membership"
    reference = [WEWB_RULES, "https://bmet.sirajganj.gov.bd/ (process map: repatriation of bodies)"]

    def formula(person, period, _parameters):
        return person("wewb_covered", period)


class wewb_funeral_grant__died_abroad(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Dies in the month while working abroad, so the body is brought home at the state's cost"
    )
    reference = "https://bmet.sirajganj.gov.bd/ (process map: the government brings the body home at its cost)"

    def formula(person, period, _parameters):
        return person("dies", period) & (person("migrant_status", period) == MigrantStatus.abroad)


class wewb_funeral_grant__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The body is repatriated at the state's cost and the family receives the funeral grant at the airport"
    reference = [
        "https://bmet.sirajganj.gov.bd/",
        "https://www.dhakatribune.com/bangladesh/laws-rights/35145/families-face-hassle-to-get-burial-allowance-for",
    ]

    def formula(person, period, _parameters):
        return person("wewb_funeral_grant__covered_by_wewb", period) & person(
            "wewb_funeral_grant__died_abroad", period
        )


class wewb_funeral_grant(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Grant for transporting and burying the body, paid at the airport (Tk, lump sum)"
    reference = [
        "https://bmet.sirajganj.gov.bd/",
        "https://www.dhakatribune.com/bangladesh/laws-rights/35145/families-face-hassle-to-get-burial-allowance-for",
    ]

    def formula_2013_06(person, period, parameters):
        grant = parameters(period).migrant_welfare.wewb.funeral_grant
        return person("wewb_funeral_grant__eligible", period) * grant


# Treatment aid -----------------------------------------------------------------------------------


class treatment_cost(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Cost of the medical treatment for which aid is claimed in the month (Tk)"
    reference = f"{TREATMENT_PAGE} (treatment aid for injured and sick returnees)"


class wewb_treatment_aid__covered_by_wewb(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Migrated with a BMET clearance or holds a WEWB membership"
    reference = [WEWB_RULES, PORTAL]

    def formula(person, period, _parameters):
        return person("wewb_covered", period)


class wewb_treatment_aid__returned_injured_or_ill(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has come home (for good or on leave) injured or with an illness contracted abroad"
    reference = f"{TREATMENT_PAGE} (treatment aid for injured and sick returnees)"

    def formula(person, period, _parameters):
        status = person("migrant_status", period)
        home = (status == MigrantStatus.returned) | (status == MigrantStatus.on_leave)
        return home & person("injured_or_ill_on_return", period)


class wewb_treatment_aid__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Can claim the Board's treatment aid"
    reference = [WEWB_RULES, PORTAL]

    def formula(person, period, _parameters):
        return person("wewb_treatment_aid__covered_by_wewb", period) & person(
            "wewb_treatment_aid__returned_injured_or_ill", period
        )


class wewb_treatment_aid_limit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Highest treatment aid the Board pays an eligible returnee (Tk; 0 when not eligible)"
    reference = TREATMENT_PAGE

    def formula_2022_10(person, period, parameters):
        limit = parameters(period).migrant_welfare.wewb.treatment_aid_limit
        return person("wewb_treatment_aid__eligible", period) * limit


class wewb_treatment_aid(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Treatment aid paid for the cost claimed in the month, up to the ceiling (Tk, lump sum)"
    reference = TREATMENT_PAGE

    def formula(person, period, _parameters):
        return np.minimum(
            person("treatment_cost", period), person("wewb_treatment_aid_limit", period)
        )


# Scholarships ------------------------------------------------------------------------------------


class wewb_scholarship_level(Variable):
    value_type = Enum
    possible_values = ScholarshipLevel
    default_value = ScholarshipLevel.none
    entity = Person
    definition_period = MONTH
    label = "Level at which the person studies, in the WEWB scholarship categories"
    reference = "https://odhikar.tv/2021/06/17/ (WEWB scholarship circular 2021: class XI or diploma first year)"


class wewb_scholarship_selected_on_merit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Selected by the Board on the public examination results (GPA thresholds of the year's circular)"
    reference = "https://odhikar.tv/2021/06/17/ (SSC GPA 5 in science, 4.75 in humanities or commerce; lower for children of deceased workers)"


class wewb_scholarship__parent_covered_by_wewb(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is a child of a household whose head or spouse migrated with a BMET clearance or holds a WEWB membership"
    reference = "https://odhikar.tv/2021/06/17/ (the parent holds a BMET emigration clearance or a WEWB membership)"
    documentation = """
    The household roster does not say who is whose parent: the model takes every member with the
    role `child` (a son or daughter of the head) as a child of the head and of the spouse.
    """

    def formula(person, period, _parameters):
        return _covered_parent_in_household(person, period)


class wewb_scholarship__studies_at_funded_level(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Studies at a level the scholarship funds (HSC or diploma, public university, public medical college)"
    reference = "WEWB scholarship circular 2022 (Tk 2,000 for HSC or diploma, Tk 2,500 for university or medical)"

    def formula(person, period, _parameters):
        return person("wewb_scholarship_level", period) != ScholarshipLevel.none


class wewb_scholarship__selected_on_merit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Selected on merit by the Board"
    reference = "https://odhikar.tv/2021/06/17/ (eligibility by public examination GPA)"

    def formula(person, period, _parameters):
        return person("wewb_scholarship_selected_on_merit", period)


class wewb_scholarship__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Receives a WEWB scholarship in the month"
    reference = "WEWB scholarship circulars (2021, 2022)"

    def formula(person, period, _parameters):
        return (
            person("wewb_scholarship__parent_covered_by_wewb", period)
            & person("wewb_scholarship__studies_at_funded_level", period)
            & person("wewb_scholarship__selected_on_merit", period)
        )


class wewb_scholarship(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "WEWB scholarship for the month (Tk per month, by level of study)"
    reference = [
        "WEWB scholarship circular 2022 (smarttipsbd)",
        "Prothom Alo, 2025 (Tk 2,000 and Tk 2,500 a month; page address not retrieved)",
    ]

    def formula_2022_01(person, period, parameters):
        amount = parameters(period).migrant_welfare.wewb.scholarship.amount
        level = person("wewb_scholarship_level", period)
        monthly = np.select(
            [
                level == ScholarshipLevel.higher_secondary,
                level == ScholarshipLevel.university,
                level == ScholarshipLevel.medical,
            ],
            [amount.higher_secondary, amount.university, amount.medical],
            0,
        )
        return person("wewb_scholarship__eligible", period) * monthly


# Allowance for disabled children -----------------------------------------------------------------


class has_disability(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has a disability certified under the Persons with Disabilities Rights and Protection Act 2013"
    reference = "Persons with Disabilities Rights and Protection Act 2013 (Act XXXIX of 2013), s.31 (registration and identity card)"


class wewb_disabled_child_allowance_award_start(Variable):
    value_type = datetime.date
    default_value = datetime.date(1970, 1, 1)
    entity = Person
    definition_period = ETERNITY
    label = "First day of the month from which the Board awarded the disabled child's allowance (1970-01-01: never)"
    reference = "https://www.jagonews24.com/probash/news/917928 (new round of the allowance from 1 January 2025)"


class wewb_disabled_child_allowance__parent_covered_by_wewb(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is a child of a household whose head or spouse migrated with a BMET clearance or holds a WEWB membership"
    reference = [WEWB_RULES, "https://www.jagonews24.com/probash/news/917928"]
    documentation = """
    Every member with the role `child` is taken as a child of the head and of the spouse.
    """

    def formula(person, period, _parameters):
        return _covered_parent_in_household(person, period)


class wewb_disabled_child_allowance__has_disability(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has a certified disability"
    reference = "https://www.jagonews24.com/probash/news/917928 (allowance for disabled children of migrant workers)"

    def formula(person, period, _parameters):
        return person("has_disability", period)


class wewb_disabled_child_allowance__within_award_period(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The month falls within the award, which lasts at most five years from its first month"
    reference = (
        "https://www.jagonews24.com/probash/news/917928 (Tk 1,000 a month for up to five years)"
    )

    def formula_2025_01(person, period, parameters):
        years = parameters(period).migrant_welfare.wewb.disabled_child_allowance.max_years
        start = person("wewb_disabled_child_allowance_award_start", period)
        first_day, _ = month_bounds(period)
        return (start <= first_day) & (first_day < add_years(start, years))


class wewb_disabled_child_allowance__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Receives the Board's allowance for a disabled child of a migrant worker in the month"
    reference = "https://www.jagonews24.com/probash/news/917928"

    def formula(person, period, _parameters):
        return (
            person("wewb_disabled_child_allowance__parent_covered_by_wewb", period)
            & person("wewb_disabled_child_allowance__has_disability", period)
            & person("wewb_disabled_child_allowance__within_award_period", period)
        )


class wewb_disabled_child_allowance(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "WEWB allowance for a migrant worker's disabled child (Tk per month)"
    reference = "https://www.jagonews24.com/probash/news/917928 (Tk 1,000 a month for up to five years, round from 1 January 2025)"

    def formula_2025_01(person, period, parameters):
        amount = parameters(period).migrant_welfare.wewb.disabled_child_allowance.amount
        return person("wewb_disabled_child_allowance__eligible", period) * amount
