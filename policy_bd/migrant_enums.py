"""Enumerations of the migrant-worker welfare programs (WEWB, compulsory insurance, PKB loans).

They follow the categories the Ministry of Expatriates' Welfare and Overseas Employment, the
Wage Earners' Welfare Board and the Returning Migrants Management Information System (ReMiMIS)
use; the ReMiMIS adapter accepts exactly these names.
"""

from openfisca_core.indexed_enums import Enum


class MigrantStatus(Enum):
    """Where a migrant worker stands in the month."""

    never_migrated = "Has never worked abroad"
    abroad = "Working abroad"
    on_leave = "Home on leave during a contract abroad"
    returned = "Returned to Bangladesh for good"


class ReturnReason(Enum):
    """Why a migrant worker came home (ReMiMIS and WEWB Rules 2023 returnee categories)."""

    contract_completed = "The employment contract ended"
    job_loss = "Lost the job abroad, or was sent back without work"
    injury_or_illness = "Injured or fell ill"
    covid19 = "Returned because of the COVID-19 pandemic"
    deported = "Deported, detained or sent back for irregular status"
    war_or_disaster = "War, conflict or disaster in the country of employment"
    family_reasons = "Family reasons"
    other = "Another reason"


class DestinationCountry(Enum):
    """Country of the last employment abroad: the main destinations in BMET statistics."""

    saudi_arabia = "Saudi Arabia"
    united_arab_emirates = "United Arab Emirates"
    oman = "Oman"
    qatar = "Qatar"
    kuwait = "Kuwait"
    bahrain = "Bahrain"
    malaysia = "Malaysia"
    singapore = "Singapore"
    jordan = "Jordan"
    lebanon = "Lebanon"
    maldives = "Maldives"
    brunei = "Brunei"
    mauritius = "Mauritius"
    south_korea = "Republic of Korea"
    japan = "Japan"
    italy = "Italy"
    united_kingdom = "United Kingdom"
    other = "Another country"


class ScholarshipLevel(Enum):
    """The level at which a migrant's child studies, as the WEWB scholarship circulars group them."""

    none = "Not studying at a funded level"
    higher_secondary = "Class XI-XII (HSC or equivalent) or a diploma course"
    university = "A four-year undergraduate course at a public university"
    medical = "A five-year MBBS course at a public medical college"


class LoanProduct(Enum):
    """The Probashi Kallyan Bank loan (or proposed loan) a person applies for."""

    none = "No loan requested"
    migration = "Migration loan"
    rehabilitation = "Rehabilitation loan"
    womens_rehabilitation = "Women's rehabilitation loan"
    special_rehabilitation = "Special rehabilitation loan"
    reintegration = "Proposed entrepreneurship loan for reintegration"
