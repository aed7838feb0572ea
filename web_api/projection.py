"""`POST /v1/projection`: the multi-year financing projection of the NSIS branches and the EIS.

The body names a bundled scenario (`projections/*.yaml`) or gives one inline, in the structure
of the scenario files; it goes through the same validator (`policy_bd.projection.scenario`).
A caller never names a file on the server: a scenario's reforms are registered names or inline
reforms, and its data is the bundled synthetic sample. The computation is
`policy_bd.projection.project`; this module reads the request and words the errors.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from marshmallow import ValidationError, fields, validates

from policy_bd.engine import named_reforms
from policy_bd.projection import ScenarioError, project, resolve
from policy_bd.projection.scenario import bundled_names
from policy_bd.reform_spec import ReformError

from .body import load, read_object
from .errors import APIError, problem
from .reforms import reform_problems
from .schemas import StrictSchema

MAX_API_PATHS = 2000
EXAMPLE = {"scenario": "nsis_default", "sensitivity": False, "stochastic": False, "rows": True}


class ProjectionRequestSchema(StrictSchema):
    scenario = fields.Raw(
        required=True,
        metadata={
            "description": "The name of a bundled scenario (nsis_default, nsis_full_coverage, "
            "nsis_adverse) or a scenario object in the structure of projections/*.yaml",
            "oneOf": [{"type": "string"}, {"type": "object"}],
        },
    )
    sensitivity = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Also the financing answers under +/- incidence, wages, "
            "interest and compliance"
        },
    )
    stochastic = fields.Boolean(
        load_default=False,
        metadata={"description": "Also percentile bands of the reserve over incidence paths"},
    )
    rows = fields.Boolean(
        load_default=True, metadata={"description": "Include the year-by-year rows"}
    )

    @validates("scenario")
    def _scenario_kind(self, value, **_kwargs):
        if not isinstance(value, str | dict):
            raise ValidationError("give a scenario name or a scenario object")


class ProjectionResponseSchema(StrictSchema):
    scenario = fields.Dict(required=True)
    package = fields.Dict(required=True)
    units = fields.Dict(required=True)
    warning = fields.String(allow_none=True)
    warnings = fields.List(
        fields.Dict(),
        metadata={
            "description": "Base-year parameter values (the base year's first month) past their "
            "last check or without a budget source (policy_bd.freshness), each once with the "
            "branches that read it"
        },
    )
    branches = fields.Dict(
        required=True,
        metadata={
            "description": "BRANCH -> {years: [ROW, ...], general_average_premium: {PERIOD_YEARS: "
            "RATE}, scaled_premium, exhaustion_year, contribution_rates, sensitivity?, "
            "stochastic?}; each ROW has year, insured, new_awards, pensions_in_payment, "
            "insurable_wages, contributions, co_financing, benefits (and by type), "
            "administration, investment_income, reserve, reserve_ratio, payg_cost_rate, "
            "expenditure_share_of_gdp (money in Tk a year, rates as fractions)"
        },
    )


REQUEST = ProjectionRequestSchema()


def _scenario(value):
    if isinstance(value, str):
        if value not in bundled_names():
            message = f"'{value}' is not a bundled scenario ({', '.join(bundled_names())})"
            raise APIError(422, message, [problem("scenario", message)])
        return resolve(value)
    try:
        scenario = resolve(value)
    except ScenarioError as error:
        problems = [
            problem(
                f"scenario.{item.path}" if item.path != "(scenario)" else "scenario", item.message
            )
            for item in error.problems
        ]
        raise APIError(422, "; ".join(p["message"] for p in problems), problems) from None
    if scenario.data != "synthetic":
        message = "the API projects the bundled synthetic sample only: give 'synthetic'"
        raise APIError(422, message, [problem("scenario.data", message)])
    reforms = [("scenario.reform", scenario.reform)] + [
        (f"scenario.branches.{branch.name}.reform", branch.reform)
        for branch in scenario.branches
        if branch.reform is not None
    ]
    for field, reform in reforms:
        if isinstance(reform, str) and reform not in named_reforms():
            message = f"'{reform}' is not a registered reform (see GET /v1/reforms)"
            raise APIError(422, message, [problem(field, message)])
    if scenario.stochastic_paths > MAX_API_PATHS:
        message = f"at most {MAX_API_PATHS} stochastic paths in the API"
        raise APIError(422, message, [problem("scenario.stochastic.paths", message)])
    return scenario


def create_blueprint() -> Blueprint:
    blueprint = Blueprint("v1_projection", __name__, url_prefix="/v1")

    @blueprint.route("/projection", methods=["POST"])
    def projection():
        data = load(REQUEST, read_object())
        scenario = _scenario(data["scenario"])
        try:
            result = project(
                scenario, sensitivity=data["sensitivity"], stochastic=data["stochastic"]
            )
        except ReformError as error:
            problems = reform_problems(error, "scenario.reform")
            raise APIError(422, "; ".join(p["message"] for p in problems), problems) from None
        return jsonify(result.as_dict(rows=data["rows"]))

    return blueprint


def document(spec, json_content, responses) -> None:
    """Add /v1/projection to the /v1 OpenAPI document (called by `spec.build_spec`)."""
    spec.path(
        path="/v1/projection",
        operations={
            "post": {
                "summary": "Multi-year financing projection of the NSIS branches and the EIS",
                "description": (
                    "Projects each branch year by year from the microsimulation of the base year "
                    "on the bundled SYNTHETIC sample: insured persons, new awards and pensions in "
                    "payment, contributions, co-financing, benefits, administration, investment "
                    "income, reserve, reserve ratio, PAYG cost rate; and the financing answers: "
                    "general average premium over 10, 20, 30 years and the horizon, scaled "
                    "premium, the year the fund runs out. Scenario validation problems are 422 "
                    "answers naming the field (scenario.coverage.formal_compliance.2030)."
                ),
                "requestBody": {
                    "required": True,
                    "content": json_content(ProjectionRequestSchema, EXAMPLE),
                },
                "responses": responses(
                    "The projection",
                    json_content(ProjectionResponseSchema),
                    ("400", "415", "422"),
                ),
            }
        },
    )
