"""A person's migration for work: status, legal papers, dates abroad, return and its reasons.

These inputs are shared by the Wage Earners' Welfare Board, the compulsory insurance, the
Probashi Kallyan Bank loans and the proposed products; the ReMiMIS returnee records fill them.
Dates and papers are facts of a person's history (ETERNITY: the last departure and the last
return); the status is read in each month.
"""

import datetime

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.migrant_enums import DestinationCountry, MigrantStatus, ReturnReason

OEMA_2013 = "Overseas Employment and Migrants Act 2013 (Act 48 of 2013)"
WEWB_RULES_2023 = (
    "Wage Earners' Welfare Board Rules 2023, rule 7 (services for workers registered under s.19 "
    "or cleared under s.20 of the Overseas Employment and Migrants Act 2013), gazette of 11 April 2023"
)
REMIMIS = "https://bangladesh.iom.int/news/first-ever-digital-data-platform-improved-reintegration-returning-migrants (IOM Bangladesh: Returning Migrants Management Information System, launched 15 February 2021)"


class migrant_status(Variable):
    value_type = Enum
    possible_values = MigrantStatus
    default_value = MigrantStatus.never_migrated
    entity = Person
    definition_period = MONTH
    label = "Migrant worker status in the month: never migrated, abroad, home on leave, or returned for good"
    reference = [f"{OEMA_2013}, s.2 (definition of migrant worker)", REMIMIS]


class migrated_with_bmet_clearance(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "Migrated legally: registered with BMET and given an emigration clearance (smart card)"
    reference = [f"{OEMA_2013}, ss.19-20 (registration and emigration clearance)", WEWB_RULES_2023]


class wewb_member(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "Holds a Wage Earners' Welfare Board membership (joined through a mission or the Board)"
    reference = [
        WEWB_RULES_2023,
        "https://thefinancialexpress.com.bd/national/registration-made-mandatory-for-expatriate-bangladeshis-1634008683",
    ]


class wewb_covered(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "Covered by the Wage Earners' Welfare Board: migrated with a BMET clearance or holds a membership"
    reference = [WEWB_RULES_2023, "https://wewb.portal.gov.bd/"]

    def formula(person, period, _parameters):
        return person("migrated_with_bmet_clearance", period) | person("wewb_member", period)


class date_of_departure(Variable):
    value_type = datetime.date
    default_value = datetime.date(1970, 1, 1)
    entity = Person
    definition_period = ETERNITY
    label = "Date of the last departure for employment abroad (1970-01-01 when unknown or never)"
    reference = f"{OEMA_2013}, s.20 (emigration clearance before departure)"


class date_of_return(Variable):
    value_type = datetime.date
    default_value = datetime.date(1970, 1, 1)
    entity = Person
    definition_period = ETERNITY
    label = "Date of the last return to Bangladesh from employment abroad"
    reference = REMIMIS


class months_abroad(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    unit = "month"
    label = "Total months worked abroad"
    reference = REMIMIS


class country_of_last_employment(Variable):
    value_type = Enum
    possible_values = DestinationCountry
    default_value = DestinationCountry.other
    entity = Person
    definition_period = ETERNITY
    label = "Country of the last employment abroad"
    reference = REMIMIS


class reason_for_return(Variable):
    value_type = Enum
    possible_values = ReturnReason
    default_value = ReturnReason.contract_completed
    entity = Person
    definition_period = ETERNITY
    label = "Main reason for the last return home"
    reference = [REMIMIS, WEWB_RULES_2023]


class injured_or_ill_on_return(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "Came home injured, or with an illness contracted abroad"
    reference = "http://www.wewb.gov.bd/site/page/0d56753b-5231-49bf-8e9e-2c1b808c40d0/ (services to injured and sick returnee workers)"


class family_member_died_abroad(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "A member of the person's family died abroad while working as a migrant worker"
    reference = "https://pkb.portal.gov.bd/site/page/2804b8d9-4f3a-4a44-8b31-42c65dca48e9 (special rehabilitation loan)"


class employer_paid_full_migration_cost(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "The employer abroad paid the whole cost of the last migration"
    reference = "https://www.tbsnews.net/bangladesh/migration (compulsory insurance from 10 December 2022: jobless-return support)"


class obtains_emigration_clearance(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Obtains a BMET emigration clearance in the month, before leaving to work abroad"
    reference = f"{OEMA_2013}, s.20 (emigration clearance)"


class enrols_in_wewb(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Joins the Wage Earners' Welfare Board as a member in the month (diaspora enrolment)"
    reference = "https://thefinancialexpress.com.bd/national/registration-made-mandatory-for-expatriate-bangladeshis-1634008683"
