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

from policy_bd.engine.explain import LANGUAGES
from policy_bd.explain_answer import DETAILS
from policy_bd.explain_batch import REASONS
from policy_bd.freshness import OLDEST_CHECK_FIELD

FIRST_DATE = datetime.date(1900, 1, 1)
LAST_DATE = datetime.date(2100, 12, 31)
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


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
    changes = fields.List(
        fields.Dict(), required=True, metadata={"description": "The changes, as in the request"}
    )


class ReformListItemSchema(ReformInfoSchema):
    name = fields.String(required=True)


class ReformListSchema(Schema):
    reforms = fields.List(fields.Nested(ReformListItemSchema), required=True)


# ----- one household ------------------------------------------------------------------------


class HouseholdField(fields.Raw):
    """The household, checked by the engine's input contract (`policy_bd.engine.read_household`)
    so that every endpoint applies the same rules with the same wording; documented in the
    OpenAPI document by the `Household` schema generated from the same contract."""

    def __init__(self, **kwargs) -> None:
        super().__init__(metadata={"x-contract": "Household"}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise ValidationError("must be an object: members and household fields")
        return value


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


def _worker(member: dict, date: str = "2025-08-15", **household) -> dict:
    return {"date": date, "household": {"members": [member], **household}}


# Each example is pasted into the API by the tests, and the program it shows must pay.
ENTITLEMENTS_EXAMPLES = {
    "older_couple": ("An older couple in Rangpur", EXAMPLE_ENTITLEMENTS),
    "garment_worker_gives_birth": (
        "A garment worker who gives birth (maternity benefit, Labour Act ss.45-50)",
        _worker(
            {
                "id": "shirin",
                "role": "head",
                "age": 26,
                "sex": "female",
                "gives_birth": True,
                "delivery_date": "2025-08-10",
                "living_children_before_birth": 1,
                "monthly_wage": 12500,
                "months_of_service": 30,
                "sector": "rmg_export",
                "employer_type": "private_company",
                "wages_in_three_months_before_maternity_notice": 37500,
                "days_worked_in_three_months_before_maternity_notice": 78,
            },
            division="dhaka",
            urban=True,
        ),
    ),
    "worker_injured_at_work": (
        "A factory worker permanently disabled at work (compensation, Labour Act s.151)",
        _worker(
            {
                "id": "karim",
                "role": "head",
                "age": 34,
                "sex": "male",
                "monthly_wage": 14000,
                "months_of_service": 48,
                "employer_type": "private_company",
                "work_injury": True,
                "work_injury_date": "2025-08-05",
                "work_injury_disablement": "permanent_total",
            }
        ),
    ),
    "retrenched_worker": (
        "A worker retrenched after six years (compensation, Labour Act s.20)",
        _worker(
            {
                "id": "jamal",
                "role": "head",
                "age": 41,
                "sex": "male",
                "monthly_wage": 15000,
                "months_of_service": 72,
                "employer_type": "private_company",
                "job_separation": "retrenchment",
                "job_separation_date": "2025-08-01",
            }
        ),
    ),
    "returnee_injured_abroad": (
        "A returnee injured abroad (WEWB treatment aid)",
        _worker(
            {
                "id": "rafiq",
                "role": "head",
                "age": 38,
                "sex": "male",
                "migrant_status": "returned",
                "migrated_with_bmet_clearance": True,
                "country_of_last_employment": "saudi_arabia",
                "date_of_departure": "2019-03-01",
                "date_of_return": "2025-07-20",
                "reason_for_return": "injury_or_illness",
                "injured_or_ill_on_return": True,
                "treatment_cost": 60000,
            }
        ),
    ),
}
# The program each example is about, and the amount variable that must be positive.
EXAMPLE_PROGRAMS = {
    "older_couple": "old_age_allowance",
    "garment_worker_gives_birth": "maternity",
    "worker_injured_at_work": "work_injury",
    "retrenched_worker": "separation",
    "returnee_injured_abroad": "wewb_treatment_aid",
}
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
    detail = fields.String(
        load_default="full",
        validate=validate.OneOf(list(DETAILS)),
        metadata={
            "description": "full: every criterion with the values it read; summary: "
            "eligibility, amount, schedule and the failed criteria's codes (sized for a "
            "phone; their sentences are in GET /v1/criteria)"
        },
    )
    sentences = StrictBoolean(
        load_default=False,
        metadata={
            "description": "With detail summary only: the sentence of every failed criterion "
            "in the answer's `sentences`, for clients that do not keep GET /v1/criteria "
            "(a full answer has every criterion's sentence: true with it is a 422)"
        },
    )
    reform = ReformField(load_default=None, allow_none=True)
    programs = fields.List(
        fields.String(),
        load_default=None,
        allow_none=True,
        metadata={"description": "Only these programs (default: every registered program)"},
    )
    household = HouseholdField(required=True)

    @validates_schema
    def sentences_with_summary(self, data, **_kwargs):
        # A full answer already gives every criterion's sentence: asking for them again is a
        # mistake about which detail was asked, better said than ignored.
        if data.get("sentences") and data.get("detail") != "summary":
            raise ValidationError("only with detail: summary", "sentences")


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


WARNING_FIELDS = (
    "parameter, reason (past_check or no_budget_source), on, value_since, last_checked, "
    "budget_checked_through, message"
)


def warnings_field(description: str, **kwargs) -> fields.List:
    """`warnings`: values used past their last check or without a budget source for the
    fiscal year (policy_bd.freshness)."""
    return fields.List(
        fields.Dict(),
        metadata={"description": f"{description}: {WARNING_FIELDS}"},
        **kwargs,
    )


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
    detail = fields.String(validate=validate.OneOf(list(DETAILS)))
    package = fields.Nested(PackageSchema, required=True)
    reform = fields.Nested(ReformInfoSchema, required=True, allow_none=True)
    members = fields.List(fields.Nested(MemberResultSchema), required=True)
    warnings = warnings_field(
        "Values used past their last check or without a budget source for the fiscal year"
    )
    household = fields.Dict(
        required=True, metadata={"description": "Totals per program and by amount period"}
    )


CRITERION_CODES = (
    "A criterion's code is relative to its program: the variable `<program>__<rest>` is "
    "`<rest>` (`is_woman` under `widow_allowance`); any other criterion, shared between "
    "programs or an input (`labour_act__is_employee`, `dies`), keeps its variable's name. "
    "GET /v1/criteria resolves a code to its variable, label and sentence."
)


class SummaryProgramSchema(Schema):
    """A program for one member: eligible (`eligible`, `amount`, `payment_schedule`) or not
    (`failed`; not eligible and amount 0 are implied, an amount that is not 0 is given)."""

    eligible = fields.Boolean(
        validate=validate.Equal(True), metadata={"description": "true, when eligible"}
    )
    amount = fields.Float(metadata={"description": "When eligible, or when not 0"})
    payment_schedule = fields.String(allow_none=True, metadata={"description": "When eligible"})
    failed = fields.List(
        fields.String(),
        metadata={
            "description": f"When not eligible, the failed criteria's codes. {CRITERION_CODES}"
        },
    )
    in_force = fields.Boolean(
        validate=validate.Equal(False),
        metadata={
            "description": "false when the program is not in force for this member but is for "
            "another member (a program in force for none is listed in `not_in_force`)"
        },
    )


class SummaryMemberSchema(Schema):
    id = fields.String(required=True)
    programs = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(SummaryProgramSchema),
        required=True,
        metadata={"description": "By program name, every program in force for the household"},
    )


class NotInForceSchema(Schema):
    programs = fields.List(
        fields.String(), required=True, metadata={"description": "Programs in force for no member"}
    )
    sentence = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Why, in the answer's language (null when none is listed)"},
    )


class SummaryWarningSchema(Schema):
    reason = fields.String(required=True, validate=validate.OneOf(list(OLDEST_CHECK_FIELD)))
    count = fields.Integer(required=True, metadata={"description": "Values with this reason"})
    last_checked = fields.Date(metadata={"description": "past_check: the oldest check"})
    budget_checked_through = fields.Date(
        metadata={"description": "no_budget_source: the oldest budget checked"}
    )
    message = fields.String(
        required=True, metadata={"description": "One sentence; detail full lists the values"}
    )


class EntitlementsSummarySchema(EntitlementsResponseSchema):
    """The answer to `detail: summary`."""

    members = fields.List(fields.Nested(SummaryMemberSchema), required=True)
    not_in_force = fields.Nested(NotInForceSchema, required=True)
    sentences = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.String()),
        required=True,
        metadata={
            "description": "{program: {code: sentence}}: the failed criteria whose sentence "
            "GET /v1/criteria does not give (a criterion a reform adds or relabels), or every "
            "failed criterion with `sentences: true`"
        },
    )
    warnings = fields.List(
        fields.Nested(SummaryWarningSchema),
        required=True,
        metadata={
            "description": "Values used past their last check or without a budget source for "
            "the fiscal year, counted by reason (detail full lists each)"
        },
    )


class CriteriaQuerySchema(StrictSchema):
    """GET /v1/criteria's query."""

    language = fields.String(
        load_default="en",
        validate=validate.OneOf(list(LANGUAGES)),
        metadata={"description": "Language of labels and sentences: en or bn"},
    )


class CatalogueCriterionSchema(Schema):
    variable = fields.String(required=True, metadata={"description": "The criterion's variable"})
    label = fields.String(required=True)
    sentence = fields.String(required=True, metadata={"description": "Not met: <label>."})


class CatalogueProgramSchema(Schema):
    label = fields.String(required=True)
    criteria = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(CatalogueCriterionSchema),
        required=True,
        metadata={"description": f"By code. {CRITERION_CODES}"},
    )


class CriteriaCatalogueSchema(Schema):
    language = fields.String(required=True)
    programs = fields.Dict(
        keys=fields.String(), values=fields.Nested(CatalogueProgramSchema), required=True
    )


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
    household = HouseholdField(required=True)


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
    warnings = warnings_field(
        "Values the comparison used past their last check or without a budget source, each "
        "once, with scenarios (baseline, reform: the ones that read it; a value the reform "
        "sets is not reported for the reform)",
        required=True,
    )


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
    reasons = fields.String(
        allow_none=True,
        validate=validate.OneOf(list(REASONS)),
        metadata={
            "description": "Per person, for each program among the outputs: "
            "<program>__failed, the failed criteria's codes joined by ';' (codes), and "
            "<program>__reasons, their sentences (sentences)"
        },
    )
    language = fields.String(
        load_default="en",
        validate=validate.OneOf(list(LANGUAGES)),
        metadata={"description": "Language of the reasons' sentences: en or bn"},
    )
    persons = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={
            "additionalProperties": COLUMNS,
            "description": (
                "household_id (required), person_id, role, then input fields: any person "
                "field of the Member schema, one value per row, checked by the same contract"
            ),
        },
    )
    households = fields.Dict(
        keys=fields.String(),
        allow_none=True,
        metadata={
            "additionalProperties": COLUMNS,
            "description": "household_id, then the household fields of the Household schema",
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
    reasons = fields.String(validate=validate.OneOf(list(REASONS)))
    language = fields.String(validate=validate.OneOf(list(LANGUAGES)))
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
    warnings = warnings_field(
        "Values the outputs read past their last check or without a budget source for the "
        "fiscal year (message in `language`; CSV and Parquet answers give their count in the "
        "X-Policy-BD-Warnings header, the list is in the JSON answer of the same request)",
        required=True,
    )
    counts = fields.Nested(CountsSchema, required=True)
    persons = fields.Dict(
        keys=fields.String(), required=True, metadata={"additionalProperties": COLUMNS}
    )
    households = fields.Dict(
        keys=fields.String(), required=True, metadata={"additionalProperties": COLUMNS}
    )
    dictionaries = fields.Dict(
        keys=fields.String(),
        metadata={
            "description": "With reasons: for each reason column, its distinct texts; the "
            "column holds each person's number in this list",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
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
    row = fields.Integer(
        metadata={"description": "The row (a column's row, a household's member) from 1"}
    )
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
        metadata={
            "description": "Fiscal year, data (SYNTHETIC sample), reform, package version, and "
            "warnings: the values used in the fiscal year's first month past their last check "
            f"or without a budget source, under baseline law and the reform ({WARNING_FIELDS}, "
            "scenarios)"
        },
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
        metadata={
            "description": "FGT 0, 1, 2 at the upper and lower lines, for all, children, elderly"
        },
    )
    inequality = fields.List(fields.Dict(), required=True)
    winners_losers = fields.Dict(required=True)
    deciles = fields.List(fields.Dict(), required=True)
    regions = fields.List(
        fields.Dict(), required=True, metadata={"description": "By division and urban/rural"}
    )
    coverage = fields.List(fields.Dict(), required=True)
    targeting = fields.List(fields.Dict(), required=True)
    insurance = fields.List(
        fields.Dict(),
        required=True,
        metadata={"description": "Insurance schemes: expected benefits, contributions, balance"},
    )


EXAMPLE_MICROSIMULATION = {"period": "2025-26", "reform": "universal_old_age_allowance"}
