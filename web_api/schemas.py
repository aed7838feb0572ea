"""The public contract of the /v1 API, as marshmallow schemas; OpenAPI is generated from them.

Requests are strict: unknown fields, text where a number is expected and "yes" where a boolean
is expected are errors. Responses are described by the schemas below and checked against them in
the tests.
"""

from __future__ import annotations

import datetime

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    validate,
    validates_schema,
)

from policy_bd.adapters.columnar import ROLE_KEYS
from policy_bd.enums import (
    Disablement,
    Division,
    EmployerType,
    JobSeparation,
    MaritalStatus,
    Sector,
    Sex,
)
from policy_bd.explain import LANGUAGES
from policy_bd.migrant_enums import MigrantStatus, ReturnReason

FIRST_DATE = datetime.date(1900, 1, 1)
LAST_DATE = datetime.date(2100, 12, 31)
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


def names(enum) -> list[str]:
    return [item.name for item in enum]


def today() -> datetime.date:
    return datetime.date.today()


class StrictFloat(fields.Float):
    """A JSON number; text such as "12" and booleans are refused."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str | bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictBoolean(fields.Boolean):
    """JSON true or false only."""

    def __init__(self, **kwargs) -> None:
        super().__init__(truthy={True}, falsy={False}, **kwargs)


class ReformField(fields.Field):
    """A registered reform's name, or a parametric reform object.

    The object is validated by `policy_bd.reform_spec`, the validator of the YAML reform files,
    so its problems are reported with the same paths (`reform.changes[0].value`).
    """

    def __init__(self, **kwargs) -> None:
        metadata = {
            "oneOf": [
                {"type": "string", "description": "A reform's name from GET /v1/reforms"},
                {"$ref": "#/components/schemas/ReformSpec"},
            ],
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str | dict):
            return value
        raise ValidationError("give a registered reform's name or a reform object")


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


# ----- reforms ------------------------------------------------------------------------------


class ReformChangeSchema(StrictSchema):
    parameter = fields.String(
        required=True,
        metadata={
            "description": "Dotted name of a parameter leaf",
            "example": "social_assistance.old_age_allowance.amount",
        },
    )
    value = fields.Raw(
        required=True,
        metadata={"description": "The new value: a number, true/false or text", "example": 800},
    )
    start = fields.Date(required=True, metadata={"example": "2025-07-01"})
    stop = fields.Date(metadata={"description": "Last day the value applies (optional)"})


class ReformSpecSchema(StrictSchema):
    """A parametric reform, with the structure of the YAML reform files."""

    title = fields.String(metadata={"example": "Old Age Allowance of Tk 800"})
    description = fields.String()
    changes = fields.List(fields.Nested(ReformChangeSchema), required=True)


class ReformInfoSchema(Schema):
    """The reform a response used."""

    name = fields.String(allow_none=True, required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["parametric", "structural"]))
    title = fields.String(required=True)
    description = fields.String(required=True)
    digest = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "Content hash of a parametric reform's changes"},
    )
    changes = fields.List(fields.Nested(ReformChangeSchema), required=True)


class ReformListItemSchema(ReformInfoSchema):
    name = fields.String(required=True)


class ReformListSchema(Schema):
    reforms = fields.List(fields.Nested(ReformListItemSchema), required=True)


# ----- one household ------------------------------------------------------------------------


class EmploymentSchema(StrictSchema):
    """The member's main job (inputs of the Labour Act and insurance programs)."""

    monthly_wage = StrictFloat(
        allow_none=True,
        validate=validate.Range(min=0, max=1e9),
        metadata={"description": "Gross monthly wage (Tk per month)", "example": 12500},
    )
    months_of_service = fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=0, max=1200),
        metadata={"description": "Completed months of continuous service", "example": 30},
    )
    sector = fields.String(allow_none=True, validate=validate.OneOf(names(Sector)))
    employer_type = fields.String(allow_none=True, validate=validate.OneOf(names(EmployerType)))
    establishment_size = fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=0, max=10_000_000),
        metadata={"description": "Workers employed in the establishment"},
    )


class EventsSchema(StrictSchema):
    """What happens to the member in the month of `date` (births, injuries, deaths, job ends)."""

    gives_birth = StrictBoolean(
        allow_none=True, metadata={"description": "Gives birth in the month"}
    )
    living_children_before_birth = fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(min=0, max=30)
    )
    work_injury = StrictBoolean(
        allow_none=True, metadata={"description": "Injured at work in the month"}
    )
    work_injury_disablement = fields.String(
        allow_none=True, validate=validate.OneOf(names(Disablement))
    )
    work_injury_incapacity_days = fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(min=0, max=36600)
    )
    dies = StrictBoolean(allow_none=True, metadata={"description": "Dies in the month"})
    death_at_work = StrictBoolean(allow_none=True)
    job_separation = fields.String(allow_none=True, validate=validate.OneOf(names(JobSeparation)))


class MigrationSchema(StrictSchema):
    """Work abroad: status in the month of `date` and the last return."""

    status = fields.String(allow_none=True, validate=validate.OneOf(names(MigrantStatus)))
    date_of_return = fields.Date(
        allow_none=True, validate=validate.Range(min=FIRST_DATE, max=LAST_DATE)
    )
    months_abroad = fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(min=0, max=1200)
    )
    reason_for_return = fields.String(allow_none=True, validate=validate.OneOf(names(ReturnReason)))
    wewb_member = StrictBoolean(allow_none=True)
    migrated_with_bmet_clearance = StrictBoolean(allow_none=True)


class MemberSchema(StrictSchema):
    """A member of the household; give `date_of_birth` or `age`, not both."""

    id = fields.String(
        required=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "The member's identifier, unique in the household"},
    )
    role = fields.String(
        required=True,
        validate=validate.OneOf(list(ROLE_KEYS)),
        metadata={"description": "At most one head per household"},
    )
    date_of_birth = fields.Date(
        allow_none=True,
        validate=validate.Range(min=FIRST_DATE, max=LAST_DATE),
        metadata={"description": "Date of birth (YYYY-MM-DD)"},
    )
    age = fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=0, max=130),
        metadata={"description": "Age in completed years in the month of `date`"},
    )
    sex = fields.String(required=True, validate=validate.OneOf(names(Sex)))
    marital_status = fields.String(allow_none=True, validate=validate.OneOf(names(MaritalStatus)))
    annual_income = StrictFloat(
        allow_none=True,
        validate=validate.Range(min=0, max=1e12),
        metadata={"description": "Income from all sources in the calendar year of `date` (Tk)"},
    )
    disability_registered = StrictBoolean(
        allow_none=True,
        metadata={"description": "Holds a disability identity card (Disability Act 2013)"},
    )
    receives_other_allowance = StrictBoolean(
        allow_none=True,
        metadata={"description": "Already receives another government or NGO allowance"},
    )
    employment = fields.Nested(EmploymentSchema, allow_none=True)
    events = fields.Nested(EventsSchema, allow_none=True)
    migration = fields.Nested(MigrationSchema, allow_none=True)

    @validates_schema
    def one_of_birth_date_or_age(self, data, **_kwargs):
        given = [key for key in ("date_of_birth", "age") if data.get(key) is not None]
        if len(given) != 1:
            raise ValidationError(
                "give exactly one of date_of_birth and age", field_name="date_of_birth"
            )


class HouseholdSchema(StrictSchema):
    division = fields.String(allow_none=True, validate=validate.OneOf(names(Division)))
    urban = StrictBoolean(allow_none=True)
    members = fields.List(
        fields.Nested(MemberSchema), required=True, validate=validate.Length(min=1)
    )

    @validates_schema
    def members_are_consistent(self, data, **_kwargs):
        members = data.get("members") or []
        ids = [member["id"] for member in members]
        repeated = sorted({item for item in ids if ids.count(item) > 1})
        if repeated:
            raise ValidationError(
                f"member ids must be unique; repeated: {', '.join(repeated)}",
                field_name="members",
            )
        if sum(member["role"] == "head" for member in members) > 1:
            raise ValidationError("a household has at most one head", field_name="members")


EXAMPLE_HOUSEHOLD = {
    "division": "rangpur",
    "urban": False,
    "members": [
        {
            "id": "rahim",
            "role": "head",
            "date_of_birth": "1954-03-10",
            "sex": "male",
            "marital_status": "married",
            "annual_income": 8000,
            "receives_other_allowance": False,
        },
        {
            "id": "amena",
            "role": "spouse",
            "age": 63,
            "sex": "female",
            "marital_status": "married",
            "annual_income": 0,
        },
    ],
}
EXAMPLE_ENTITLEMENTS = {"date": "2025-08-15", "language": "en", "household": EXAMPLE_HOUSEHOLD}
EXAMPLE_REFORM = {
    "title": "Old Age Allowance of Tk 800 from July 2025",
    "description": "Raise the monthly rate.",
    "changes": [
        {
            "parameter": "social_assistance.old_age_allowance.amount",
            "value": 800,
            "start": "2025-07-01",
        }
    ],
}
EXAMPLE_COMPARE = {"date": "2025-08-15", "reform": EXAMPLE_REFORM, "household": EXAMPLE_HOUSEHOLD}


class EntitlementsRequestSchema(StrictSchema):
    date = fields.Date(
        load_default=today,
        validate=validate.Range(min=FIRST_DATE, max=LAST_DATE),
        metadata={"description": "Determination date (default today); the law of its month"},
    )
    language = fields.String(
        load_default="en",
        validate=validate.OneOf(list(LANGUAGES)),
        metadata={"description": "Language of labels and sentences: en or bn"},
    )
    reform = ReformField(load_default=None, allow_none=True)
    programs = fields.List(
        fields.String(),
        load_default=None,
        allow_none=True,
        metadata={"description": "Only these programs (default: every registered program)"},
    )
    household = fields.Nested(HouseholdSchema, required=True)

    @validates_schema
    def born_before_the_date(self, data, **_kwargs):
        date = data.get("date")
        for index, member in enumerate((data.get("household") or {}).get("members") or []):
            born = member.get("date_of_birth")
            if date and born and born > date:
                raise ValidationError(
                    {"members": {index: {"date_of_birth": [f"after the date {date}"]}}},
                    field_name="household",
                )


class PackageSchema(Schema):
    name = fields.String(required=True)
    version = fields.String(required=True)


class EvidenceSchema(Schema):
    """A value the criterion's formula read."""

    kind = fields.String(required=True, validate=validate.OneOf(["variable", "parameter"]))
    name = fields.String(required=True)
    label = fields.String(required=True)
    period = fields.String(required=True)
    value = fields.Raw(required=True, allow_none=True)
    unit = fields.String(required=True, allow_none=True)
    reference = fields.List(
        fields.Raw(), metadata={"description": "Sources of a parameter's value in force"}
    )


class ReasonSchema(Schema):
    criterion = fields.String(required=True)
    label = fields.String(required=True)
    met = fields.Boolean(required=True)
    period = fields.String(required=True)
    sentence = fields.String(required=True)
    reference = fields.List(fields.String(), required=True)
    values = fields.List(fields.Nested(EvidenceSchema), required=True)


class ProgramResultSchema(Schema):
    program = fields.String(required=True)
    label = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["law", "pilot", "proposal"]))
    in_force = fields.Boolean(
        required=True,
        metadata={"description": "False when the program's rules are not defined on the date"},
    )
    eligible = fields.Boolean(required=True)
    amount = fields.Float(required=True)
    amount_variable = fields.String(required=True)
    amount_period = fields.String(
        required=True, validate=validate.OneOf(["month", "lump_sum", "year"])
    )
    period = fields.String(required=True, metadata={"description": "Period the amount is for"})
    entity = fields.String(required=True, metadata={"description": "person or household"})
    payment_schedule = fields.String(required=True, allow_none=True)
    note = fields.String(required=True, allow_none=True)
    reasons = fields.List(fields.Nested(ReasonSchema), required=True)


class MemberResultSchema(Schema):
    id = fields.String(required=True)
    programs = fields.List(fields.Nested(ProgramResultSchema), required=True)


class EntitlementsResponseSchema(Schema):
    date = fields.Date(required=True)
    period = fields.String(required=True)
    legislation_date = fields.Date(
        required=True, metadata={"description": "The date the legislation was read at"}
    )
    language = fields.String(required=True)
    package = fields.Nested(PackageSchema, required=True)
    reform = fields.Nested(ReformInfoSchema, required=True, allow_none=True)
    members = fields.List(fields.Nested(MemberResultSchema), required=True)


# ----- compare ------------------------------------------------------------------------------


class CompareRequestSchema(StrictSchema):
    date = fields.Date(load_default=today, validate=validate.Range(min=FIRST_DATE, max=LAST_DATE))
    reform = ReformField(required=True)
    variables = fields.List(
        fields.String(),
        load_default=None,
        allow_none=True,
        metadata={"description": "Variables to compare (default: every program's variables)"},
    )
    household = fields.Nested(HouseholdSchema, required=True)

    born_before_the_date = EntitlementsRequestSchema.born_before_the_date


class DifferenceSchema(Schema):
    variable = fields.String(required=True)
    label = fields.String(required=True)
    period = fields.String(required=True)
    baseline = fields.Raw(required=True, allow_none=True)
    reform = fields.Raw(required=True, allow_none=True)
    difference = fields.Float(
        required=True, allow_none=True, metadata={"description": "reform - baseline (numbers)"}
    )
    changed = fields.Boolean(required=True)


class EntityDifferencesSchema(Schema):
    id = fields.String(required=True)
    variables = fields.List(fields.Nested(DifferenceSchema), required=True)


class CompareResponseSchema(Schema):
    date = fields.Date(required=True)
    period = fields.String(required=True)
    legislation_date = fields.Date(required=True)
    package = fields.Nested(PackageSchema, required=True)
    reform = fields.Nested(ReformInfoSchema, required=True)
    members = fields.List(fields.Nested(EntityDifferencesSchema), required=True)
    household = fields.Nested(EntityDifferencesSchema, required=True)


# ----- batch --------------------------------------------------------------------------------

COLUMNS = {"type": "array", "items": {}, "description": "One value per row"}


class BatchRequestSchema(StrictSchema):
    """Columns: one array per input variable, with identifiers.

    The arrays are checked by the columnar adapter with array operations (not here, value by
    value), so that a request of a million persons is validated in milliseconds.
    """

    period = fields.String(
        validate=validate.Regexp(MONTH_PATTERN, error="a month is written YYYY-MM"),
        metadata={"description": "The month simulated (default: this month)", "example": "2025-08"},
    )
    reform = ReformField(allow_none=True)
    outputs = fields.List(
        fields.String(),
        allow_none=True,
        metadata={"description": "Variables to compute (default: every public output)"},
    )
    persons = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={
            "additionalProperties": COLUMNS,
            "description": "household_id (required), person_id, role, then input variables",
        },
    )
    households = fields.Dict(
        keys=fields.String(),
        allow_none=True,
        metadata={
            "additionalProperties": COLUMNS,
            "description": "household_id, then household input variables",
        },
    )


class BatchUploadSchema(Schema):
    """The same request as files: a CSV or Parquet table of persons (and one of households)."""

    persons = fields.Raw(
        required=True,
        metadata={"type": "string", "format": "binary", "description": "CSV or Parquet"},
    )
    households = fields.Raw(metadata={"type": "string", "format": "binary"})
    period = fields.String(metadata={"example": "2025-08"})
    outputs = fields.String(metadata={"description": "Comma-separated variable names"})
    reform = fields.String(metadata={"description": "A reform's name, or a reform as JSON text"})
    format = fields.String(
        validate=validate.OneOf(["json", "csv", "parquet"]),
        metadata={"description": "Answer format (default: the format of the persons file)"},
    )


class CountsSchema(Schema):
    persons = fields.Integer(required=True)
    households = fields.Integer(required=True)


class BatchResponseSchema(Schema):
    period = fields.String(required=True)
    legislation_date = fields.Date(required=True)
    package = fields.Nested(PackageSchema, required=True)
    reform = fields.Nested(ReformInfoSchema, required=True, allow_none=True)
    outputs = fields.List(fields.String(), required=True)
    counts = fields.Nested(CountsSchema, required=True)
    persons = fields.Dict(
        keys=fields.String(), required=True, metadata={"additionalProperties": COLUMNS}
    )
    households = fields.Dict(
        keys=fields.String(), required=True, metadata={"additionalProperties": COLUMNS}
    )


EXAMPLE_BATCH = {
    "period": "2025-08",
    "persons": {
        "household_id": [1, 1, 2],
        "person_id": ["rahim", "amena", "karim"],
        "role": ["head", "spouse", "head"],
        "age": [71, 63, 66],
        "sex": ["male", "female", "male"],
        "annual_income": [8000, 0, 25000],
    },
    "households": {"household_id": [1, 2], "division": ["rangpur", "khulna"]},
    "outputs": ["old_age_allowance", "old_age_allowance__eligible"],
}


# ----- service ------------------------------------------------------------------------------


class ProgramInfoSchema(Schema):
    name = fields.String(required=True)
    label = fields.String(required=True)
    label_bn = fields.String(required=True)
    status = fields.String(required=True)
    amount_variable = fields.String(required=True)
    amount_period = fields.String(required=True)
    eligibility_variable = fields.String(required=True)
    criteria = fields.List(fields.String(), required=True)


class VersionSchema(Schema):
    package = fields.Nested(PackageSchema, required=True)
    openfisca_core = fields.String(required=True)
    api = fields.String(required=True)
    programs = fields.List(fields.Nested(ProgramInfoSchema), required=True)
    reforms = fields.List(fields.String(), required=True)
    parameters_checked_on = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={
            "description": (
                "Oldest and newest `last_value_still_valid_on` of the parameters: how fresh "
                "the legislation is"
            )
        },
    )
    limits = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class HealthSchema(Schema):
    status = fields.String(required=True)
    package = fields.Nested(PackageSchema, required=True)


class ProblemSchema(Schema):
    field = fields.String(
        required=True, metadata={"description": "Where: a path in the request, or body/path"}
    )
    message = fields.String(required=True)
    row = fields.Integer(metadata={"description": "For columns: the first bad row (from 0)"})
    line = fields.Integer()


class ErrorSchema(Schema):
    error = fields.String(required=True)
    problems = fields.List(fields.Nested(ProblemSchema), required=True)


class MicrosimulationRequestSchema(StrictSchema):
    """POST /v1/microsimulation (GET takes `period`, `reform` as a name, `pass_through`)."""

    period = fields.String(
        load_default="2024-25",
        metadata={"description": "Fiscal year: 2024-25 (or its first month, 2024-07)"},
    )
    reform = ReformField(load_default=None, allow_none=True)
    pass_through = StrictFloat(
        load_default=1.0,
        validate=validate.Range(min=0, max=1),
        metadata={"description": "Share of each transfer passed into per-capita consumption"},
    )
    detail = fields.String(
        load_default="summary",
        validate=validate.OneOf(["summary", "full"]),
        metadata={
            "description": "summary, or full: every table (poverty by age group, regions, "
            "coverage, targeting) as `policy-bd microsim --out` writes"
        },
    )


class MicrosimulationQuerySchema(MicrosimulationRequestSchema):
    reform = fields.String(load_default=None, metadata={"description": "A registered reform"})
    pass_through = fields.Float(load_default=1.0, validate=validate.Range(min=0, max=1))


class MicrosimulationResponseSchema(Schema):
    meta = fields.Dict(
        required=True,
        metadata={"description": "Fiscal year, data (SYNTHETIC sample), reform, package version"},
    )
    programs = fields.List(
        fields.Dict(),
        required=True,
        metadata={"description": "Cost (Tk crore) and beneficiaries (lakh) per program"},
    )
    caseload = fields.List(
        fields.Dict(),
        required=True,
        metadata={"description": "Eligible, quota-limited and administrative caseloads"},
    )
    poverty = fields.List(
        fields.Dict(),
        required=True,
        metadata={"description": "FGT 0, 1, 2 at the upper and lower lines"},
    )
    inequality = fields.List(fields.Dict(), required=True)
    winners_losers = fields.Dict(required=True)
    deciles = fields.List(fields.Dict(), required=True)
    # With detail "full" only: the tables `policy-bd microsim --out` writes.
    regions = fields.List(fields.Dict(), metadata={"description": "By division and area (full)"})
    coverage = fields.List(
        fields.Dict(), metadata={"description": "Coverage of the poorest quintile (full)"}
    )
    targeting = fields.List(
        fields.Dict(), metadata={"description": "Inclusion and exclusion errors (full)"}
    )
    insurance = fields.List(fields.Dict(), metadata={"description": "Insurance schemes (full)"})


EXAMPLE_MICROSIMULATION = {"period": "2025-26", "reform": "universal_old_age_allowance"}
