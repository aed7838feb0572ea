"""OpenAPI 3 for the /v1 endpoints, generated from the marshmallow schemas by apispec."""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

import policy_bd
from policy_bd import engine
from policy_bd.engine.explain import LANGUAGES
from policy_bd.engine.reforms import REFORM_SPEC_SCHEMA

from . import projection, schemas
from .security import BATCH_RULE, COSTLY_PREFIXES, EXEMPT_PATHS

DESCRIPTION = """\
Entitlements for welfare apps, computed from the Bangladesh legislation encoded in OpenFisca:
one household with the reasons for each program (`/v1/entitlements`), many households at once in
one vectorised simulation (`/v1/batch`), baseline against a reform (`/v1/compare`). Every answer
names the legislation date, the package version and the reform it used. The OpenFisca-compatible
endpoints (`/calculate`, `/trace`, ...) are described at `/spec`.
"""

ERRORS = {
    "400": "The body is not valid JSON",
    "413": "The body, the household or the batch is over the service's limit",
    "415": "The body is not sent with a supported Content-Type",
    "422": "A field is not valid: each problem names its field",
}


RETRY_AFTER = {
    "description": "Seconds to wait before sending the request again",
    "schema": {"type": "integer", "minimum": 0},
}
# The answers the service's guards can give on any operation (security.py, ops.py, limits.py,
# workers.py), beside each operation's own.
SERVICE_ANSWERS = {
    "401": "An API key is required for this request (X-API-Key or Authorization: Bearer)",
    "403": "The API key sent is not valid",
    "408": "The request head or body did not arrive in time (a slow client)",
    "413": "The body is over the service's size limit",
    "429": "Over the rate limit or quota for this client; wait for Retry-After",
    "503": "The request ran past the service's time budget; retry after Retry-After, smaller",
}


def costly(path: str) -> bool:
    """Whether the path's operations may need an API key (security.protect_costly)."""
    return path == BATCH_RULE or path.startswith(COSTLY_PREFIXES)


def add_service_answers(document: dict) -> dict:
    """Document the guards' answers on each operation of an OpenAPI dict (/v1/spec and /spec):
    408 everywhere (gunicorn's head timeout comes before routing), 413 where there is a body,
    429 and 503 (with Retry-After) where the rate limits apply, and 401/403 on the costly paths.
    An operation's own description of a code is kept."""
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in document["paths"].items():
        for operation in operations.values():
            codes = ["408"]
            if "requestBody" in operation:
                codes.append("413")
            if path not in EXEMPT_PATHS:
                codes += ["429", "503"]
            if costly(path):
                codes += ["401", "403"]
            responses = operation.setdefault("responses", {})
            for code in codes:
                entry = responses.setdefault(code, {"description": SERVICE_ANSWERS[code]})
                entry.setdefault("content", content)
                if code in {"429", "503"}:
                    entry.setdefault("headers", {})["Retry-After"] = RETRY_AFTER
            operation["responses"] = dict(sorted(responses.items()))
    return document


def _json(schema, example=None) -> dict:
    content = {"schema": schema}
    if example is not None:
        content["example"] = example
    return {"application/json": content}


def _responses(ok_description: str, ok_content: dict, errors=tuple(ERRORS)) -> dict:
    responses = {"200": {"description": ok_description, "content": ok_content}}
    for code in errors:
        responses[code] = {"description": ERRORS[code], "content": _json("Error")}
    return responses


def _batch_responses() -> dict:
    responses = _responses(
        "The requested outputs as columns (a table per person for CSV and Parquet)",
        {
            **_json(schemas.BatchResponseSchema),
            "text/csv": {"schema": {"type": "string"}},
            "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
        },
    )
    # Set on CSV and Parquet answers, which have no room for the metadata of a JSON answer.
    responses["200"]["headers"] = {
        "X-Policy-BD-Warnings": {
            "description": "How many values the outputs read past their last check or without "
            "a budget source (the list: `warnings` in the JSON answer of the same request)",
            "schema": {"type": "integer"},
        },
        "Legislation-Date": {"schema": {"type": "string", "format": "date"}},
        "Reform": {"schema": {"type": "string"}},
    }
    return responses


def household_schemas(system) -> dict:
    """`Household` and `Member`, generated from the input contract: every input variable a
    caller may send, under its name, with its entity, period, unit, type, values and range."""
    fields = engine.contract(system)
    person = {
        name: field.json_schema() for name, field in fields.items() if field.entity == "person"
    }
    group = {
        name: field.json_schema() for name, field in fields.items() if field.entity == "household"
    }
    member = {
        "type": "object",
        "description": (
            "A member of the household: `id`, `role`, `age` or `date_of_birth`, then any input "
            "field under its variable's name. A value is for the variable's period containing "
            "the request's `date`."
        ),
        "required": ["id", "role", "sex"],
        "additionalProperties": False,
        "properties": {
            "id": {
                "type": "string",
                "minLength": 1,
                "maxLength": 64,
                "description": "The member's identifier, unique in the household",
            },
            "role": {"type": "string", "enum": list(engine.ROLE_KEYS)},
            **person,
            "employment": {
                "type": "object",
                "additionalProperties": False,
                "description": "Optional grouping of the member's job fields (same names)",
                "properties": {
                    name: person[name]
                    for name in (
                        "monthly_wage",
                        "months_of_service",
                        "sector",
                        "employer_type",
                        "establishment_size",
                    )
                    if name in person
                },
            },
        },
    }
    household = {
        "type": "object",
        "required": ["members"],
        "additionalProperties": False,
        "properties": {
            "members": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/components/schemas/Member"},
            },
            **group,
        },
    }
    return {"Household": household, "Member": member}


def _contract_refs(node) -> None:
    """Fields marked `x-contract` become references to the schemas generated from the contract."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if isinstance(value, dict) and "x-contract" in value:
                node[key] = {"$ref": f"#/components/schemas/{value['x-contract']}"}
            else:
                _contract_refs(value)
    elif isinstance(node, list):
        for item in node:
            _contract_refs(item)


def _examples(examples: dict) -> dict:
    return {
        name: {"summary": summary, "value": value} for name, (summary, value) in examples.items()
    }


def build_spec(settings: dict, system=None) -> dict:
    spec = APISpec(
        title="OpenFisca Bangladesh: entitlements API for welfare apps",
        version=policy_bd.__version__,
        openapi_version="3.0.3",
        info={
            "description": DESCRIPTION,
            "license": {"name": "AGPL-3.0-or-later"},
        },
        plugins=[MarshmallowPlugin()],
    )
    spec.components.schema("ReformSpec", component=REFORM_SPEC_SCHEMA)
    for name, component in household_schemas(system or engine.baseline_system()).items():
        spec.components.schema(name, component=component)
    spec.components.schema("Error", schema=schemas.ErrorSchema)
    limits = (
        f"Limits: {settings['MAX_HOUSEHOLD_MEMBERS']} members per household, "
        f"{settings['MAX_BATCH_PERSONS']} persons and {settings['MAX_BATCH_HOUSEHOLDS']} "
        f"households per batch, {settings['MAX_CONTENT_LENGTH']} bytes per body."
    )

    spec.path(
        path="/v1/entitlements",
        operations={
            "post": {
                "summary": "Entitlements of one household, with the reasons",
                "description": (
                    "For each member and each registered program: eligible or not, the amount "
                    "and its period, the payment schedule, and each legal criterion (met or "
                    "not, the values that decided it, a sentence in English or Bangla, the legal "
                    "reference). `detail: summary` is sized for a phone: per member, programs by "
                    "name with the failed criteria's codes, whose sentences are in GET "
                    "/v1/criteria (cacheable; `sentences: true` puts them in the answer); the "
                    "programs not in force once, in `not_in_force`; warnings counted by reason. "
                    + schemas.CRITERION_CODES
                    + " "
                    + limits
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": schemas.EntitlementsRequestSchema,
                            "examples": _examples(schemas.ENTITLEMENTS_EXAMPLES),
                        }
                    },
                },
                "responses": _responses(
                    "The determination: in full (every criterion with its values) or in "
                    "summary (detail: summary)",
                    _json(
                        {
                            "oneOf": [
                                schemas.EntitlementsResponseSchema,
                                schemas.EntitlementsSummarySchema,
                            ]
                        }
                    ),
                ),
            }
        },
    )
    spec.path(
        path="/v1/compare",
        operations={
            "post": {
                "summary": "One household under baseline law and under a reform",
                "description": "Each variable's value under both, and the difference.",
                "requestBody": {
                    "required": True,
                    "content": _json(schemas.CompareRequestSchema, schemas.EXAMPLE_COMPARE),
                },
                "responses": _responses(
                    "Per-variable differences", _json(schemas.CompareResponseSchema)
                ),
            }
        },
    )
    spec.path(
        path="/v1/batch",
        operations={
            "post": {
                "summary": "Many households in one vectorised simulation",
                "description": (
                    "Columns in, columns out: JSON with one array per input variable, or a CSV "
                    "or Parquet upload. Outputs default to every program's amount and "
                    "eligibility. " + limits
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        **_json(schemas.BatchRequestSchema, schemas.EXAMPLE_BATCH),
                        "multipart/form-data": {"schema": schemas.BatchUploadSchema},
                    },
                },
                "responses": _batch_responses(),
            }
        },
    )
    spec.path(
        path="/v1/microsimulation",
        operations={
            "post": {
                "summary": "Cost, beneficiaries, poverty and inequality of a fiscal year",
                "description": (
                    "The weighted microsimulation of baseline law and an optional reform on the "
                    "bundled SYNTHETIC HIES-like sample (14,400 households): cost and "
                    "beneficiaries per program, caseloads three ways, poverty (FGT 0-2), Gini, "
                    "winners and losers, gains by decile. GET takes period, reform (a name) and "
                    "pass_through as query parameters."
                ),
                "requestBody": {
                    "required": True,
                    "content": _json(
                        schemas.MicrosimulationRequestSchema, schemas.EXAMPLE_MICROSIMULATION
                    ),
                },
                "responses": _responses(
                    "The summary",
                    _json(schemas.MicrosimulationResponseSchema),
                    ("400", "415", "422"),
                ),
            },
            "get": {
                "summary": "The same summary, with query parameters",
                "parameters": [
                    {
                        "in": "query",
                        "name": "period",
                        "schema": {"type": "string"},
                        "example": "2024-25",
                    },
                    {
                        "in": "query",
                        "name": "reform",
                        "schema": {"type": "string"},
                        "example": "universal_old_age_allowance",
                    },
                    {
                        "in": "query",
                        "name": "pass_through",
                        "schema": {"type": "number", "minimum": 0, "maximum": 1},
                        "example": 1,
                    },
                ],
                "responses": _responses(
                    "The summary", _json(schemas.MicrosimulationResponseSchema), ("422",)
                ),
            },
        },
    )
    spec.path(
        path="/v1/reforms",
        operations={
            "get": {
                "summary": "The registered reforms, usable by name in any request",
                "responses": _responses("The reforms", _json(schemas.ReformListSchema), ()),
            }
        },
    )
    spec.path(
        path="/v1/version",
        operations={
            "get": {
                "summary": "Package and legislation version, programs, reforms and limits",
                "responses": _responses("The version", _json(schemas.VersionSchema), ()),
            }
        },
    )
    spec.path(
        path="/v1/criteria",
        operations={
            "get": {
                "summary": "Every program's criteria by code, with label and sentence",
                "description": (
                    "What the codes of a summary's failed criteria mean: per program, its label "
                    "and its criteria by code, each with its variable, label and 'Not met' "
                    "sentence in English or Bangla. " + schemas.CRITERION_CODES + " Fixed while "
                    "a version runs: ETag and Cache-Control, 304 to If-None-Match."
                ),
                "parameters": [
                    {
                        "in": "query",
                        "name": "language",
                        "schema": {"type": "string", "enum": list(LANGUAGES), "default": "en"},
                    }
                ],
                "responses": _responses(
                    "The criteria", _json(schemas.CriteriaCatalogueSchema), ("422",)
                ),
            }
        },
    )
    spec.path(
        path="/v1/spec",
        operations={
            "get": {
                "summary": "This OpenAPI document",
                "responses": _responses("OpenAPI 3", _json({"type": "object"}), ()),
            }
        },
    )
    spec.path(
        path="/healthz",
        operations={
            "get": {
                "summary": "Liveness: the legislation is loaded",
                "responses": _responses("Healthy", _json(schemas.HealthSchema), ()),
            }
        },
    )
    projection.document(spec, _json, _responses)
    out = spec.to_dict()
    _contract_refs(out)
    return add_service_answers(out)
