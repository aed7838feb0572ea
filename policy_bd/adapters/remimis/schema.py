"""The returnee-record schema: every field the adapter accepts, its type, and what it means.

ReMiMIS (Returning Migrants Management Information System, BMET, launched 15 February 2021)
publishes no field-level schema; these fields are the ones the migrant-welfare rules need, named
as the model names them. `docs/remimis.md` documents them; a test keeps it in step with this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from policy_bd.migrant_enums import DestinationCountry, LoanProduct, ReturnReason

TEXT, ENUM, BOOL, DATE, INTEGER, NUMBER, SKILLS = (
    "text",
    "enum",
    "bool",
    "date",
    "integer",
    "number",
    "skills",
)

TRUE_WORDS = ("true", "yes", "y", "1")
FALSE_WORDS = ("false", "no", "n", "0")

SKILL_CODES = (
    "agriculture",
    "beauty",
    "caregiving",
    "carpentry",
    "cleaning",
    "construction",
    "cooking",
    "domestic_work",
    "driving",
    "electrical",
    "fishing",
    "garments",
    "hospitality",
    "it",
    "livestock",
    "machine_operation",
    "masonry",
    "plumbing",
    "sales",
    "security",
    "tailoring",
    "welding",
    "other",
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool
    meaning: str
    variable: str | None = None  # the input variable the field sets, if any
    allowed: tuple[str, ...] = ()
    default: object = None  # value of a blank optional field
    minimum: float | None = None


def _names(enum) -> tuple[str, ...]:
    return tuple(item.name for item in enum)


FIELDS: tuple[Field, ...] = (
    Field("returnee_id", TEXT, True, "Identifier of the record; unique in the file."),
    Field("sex", ENUM, True, "Sex of the returnee.", "sex", ("male", "female")),
    Field("date_of_birth", DATE, True, "Date of birth (YYYY-MM-DD).", "date_of_birth"),
    Field(
        "date_of_return",
        DATE,
        True,
        "Date of the last return to Bangladesh; not after the screening date.",
        "date_of_return",
    ),
    Field(
        "date_of_departure",
        DATE,
        False,
        "Date of the last departure for work abroad; blank: the return date minus months_abroad.",
        "date_of_departure",
    ),
    Field(
        "country_of_last_employment",
        ENUM,
        True,
        "Country of the last job abroad.",
        "country_of_last_employment",
        _names(DestinationCountry),
    ),
    Field(
        "months_abroad",
        INTEGER,
        True,
        "Total months worked abroad.",
        "months_abroad",
        minimum=0,
    ),
    Field(
        "reason_for_return",
        ENUM,
        True,
        "Main reason for coming home.",
        "reason_for_return",
        _names(ReturnReason),
    ),
    Field(
        "skills",
        SKILLS,
        False,
        "Skills, separated by semicolons (e.g. `driving;electrical`); echoed in the table.",
        None,
        SKILL_CODES,
        "",
    ),
    Field(
        "migrated_with_bmet_clearance",
        BOOL,
        True,
        "Migrated legally: registered with BMET and given an emigration clearance.",
        "migrated_with_bmet_clearance",
    ),
    Field(
        "wewb_member",
        BOOL,
        False,
        "Holds a Wage Earners' Welfare Board membership.",
        "wewb_member",
        default=False,
    ),
    Field(
        "injured_or_ill",
        BOOL,
        False,
        "Came home injured or with an illness contracted abroad.",
        "injured_or_ill_on_return",
        default=False,
    ),
    Field(
        "treatment_cost",
        NUMBER,
        False,
        "Cost of treatment claimed (Tk); blank: the aid ceiling is reported.",
        "treatment_cost",
        minimum=0,
    ),
    Field(
        "family_member_died_abroad",
        BOOL,
        False,
        "A member of the family died abroad while working as a migrant worker.",
        "family_member_died_abroad",
        default=False,
    ),
    Field(
        "employer_paid_full_migration_cost",
        BOOL,
        False,
        "The employer abroad paid the whole cost of the last migration.",
        "employer_paid_full_migration_cost",
        default=False,
    ),
    Field(
        "has_overseas_job_offer",
        BOOL,
        False,
        "Holds a new job offer and visa abroad (for the migration loan).",
        "has_overseas_job_offer",
        default=False,
    ),
    Field(
        "completed_training",
        BOOL,
        False,
        "Completed an entrepreneurship or reintegration training course.",
        "completed_reintegration_training",
        default=False,
    ),
    Field(
        "requested_loan_product",
        ENUM,
        False,
        "The loan applied for (every loan is screened; this one is flagged).",
        "loan_requested_product",
        _names(LoanProduct),
        "none",
    ),
    Field(
        "requested_loan_amount",
        NUMBER,
        False,
        "Loan amount applied for (Tk); blank or 0: the ceiling is reported.",
        "loan_requested_amount",
        default=0.0,
        minimum=0,
    ),
    Field(
        "requested_loan_term_months",
        INTEGER,
        False,
        "Repayment term applied for, in months; blank or 0: the longest term is reported.",
        "loan_requested_term_months",
        default=0,
        minimum=0,
    ),
    Field(
        "loan_group_members",
        INTEGER,
        False,
        "Borrowers applying together (1: an individual loan).",
        "loan_group_members",
        default=1,
        minimum=1,
    ),
)

BY_NAME = {field.name: field for field in FIELDS}
REQUIRED = tuple(field.name for field in FIELDS if field.required)
