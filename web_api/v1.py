"""The /v1 API for welfare apps: entitlements, batch, reforms, comparison, version, spec."""

from __future__ import annotations

import datetime
import functools
from importlib.metadata import version as installed_version

import numpy as np
import orjson
from flask import Blueprint, Response, jsonify, request
from marshmallow import ValidationError
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.parameters import Parameter

import policy_bd
from policy_bd import explain_answer, explain_batch, explain_coalesce
from policy_bd import programs as program_registry
from policy_bd.adapters.applicant import ApplicantError, to_situation
from policy_bd.adapters.applicant import build_simulation as applicant_simulation
from policy_bd.adapters.columnar import calculation_period
from policy_bd.explain import plain, program_variables, public_outputs
from policy_bd.system import named_reforms, resolve

from . import batch as batch_api
from .errors import APIError, invalid, problem
from .reforms import describe
from .schemas import (
    CompareRequestSchema,
    EntitlementsRequestSchema,
)
from .situation import fast_build
from .spec import build_spec

API_VERSION = "v1"
# marshmallow schemas hold no state between loads: one instance serves every request.
ENTITLEMENTS_REQUEST = EntitlementsRequestSchema()
COMPARE_REQUEST = CompareRequestSchema()


def package() -> dict:
    return {"name": "policy-bd", "version": policy_bd.__version__}


def read_object() -> dict:
    """The request's JSON object (strict JSON: no NaN); 415, 400 or 422 otherwise."""
    if not request.is_json:
        sent = request.headers.get("Content-Type") or "no Content-Type"
        message = f"Content-Type must be application/json, not {sent}"
        raise APIError(415, message, [problem("Content-Type", message)])
    try:
        body = orjson.loads(request.get_data(cache=False))
    except orjson.JSONDecodeError as error:
        raise APIError(400, f"Invalid JSON: {error}", [problem("body", str(error))]) from None
    if not isinstance(body, dict):
        raise APIError(
            422, "the body must be a JSON object", [problem("body", "must be a JSON object")]
        )
    return body


def load(schema, body: dict) -> dict:
    try:
        return schema.load(body)
    except ValidationError as error:
        raise invalid(error) from None


def month_of(date: datetime.date) -> periods.Period:
    return periods.period(date.strftime("%Y-%m"))


def meta(date: datetime.date | None, period: periods.Period, reform: dict | None) -> dict:
    out = {
        "period": str(period),
        "legislation_date": str(period.start),
        "package": package(),
        "reform": reform,
    }
    if date is not None:
        out = {"date": date.isoformat(), **out}
    return out


def check_members(household: dict, limit: int) -> None:
    count = len(household["members"])
    if count > limit:
        message = f"{count} members is over this service's limit of {limit} per household"
        raise APIError(413, message, [problem("household.members", message)])


def household_simulation(system, household: dict, period):
    """The household's simulation: the contract mapped by the applicant adapter, read by the
    one-pass situation reader (SimulationBuilder for anything it leaves aside)."""
    try:
        situation = to_situation(system, household, period)
        return fast_build(system, situation) or applicant_simulation(system, household, period)
    except ApplicantError as error:
        raise applicant_error(error) from None


def household_situation(system, household: dict, period) -> dict:
    """The household as an OpenFisca situation (for requests evaluated together)."""
    try:
        return to_situation(system, household, period)
    except ApplicantError as error:
        raise applicant_error(error) from None


def applicant_error(error: ApplicantError) -> APIError:
    problems = [item.as_dict() for item in error.problems]
    return APIError(422, "; ".join(str(item) for item in error.problems), problems)


def check_names(names: list[str] | None, known, field: str, what: str) -> None:
    problems = [
        problem(f"{field}[{index}]", f"'{name}' is not {what}")
        for index, name in enumerate(names or [])
        if name not in known
    ]
    if problems:
        raise APIError(422, f"unknown {field}", problems)


def _values(simulation, name: str, period) -> tuple[object, str]:
    """A variable's array for the period of its definition, or None before its law existed."""
    variable = simulation.tax_benefit_system.variables[name]
    at = calculation_period(variable, period)
    try:
        array = simulation.calculate(name, at)
    except ParameterNotFoundError:
        return None, str(at)
    return (array.decode_to_str() if isinstance(array, EnumArray) else array), str(at)


def difference(baseline, reform) -> tuple[float | None, bool]:
    changed = baseline != reform
    if isinstance(baseline, bool) or isinstance(reform, bool):
        return None, changed
    if isinstance(baseline, int | float) and isinstance(reform, int | float):
        return plain(np.float32(reform - baseline)), changed
    return None, changed


def compare_rows(system, simulations, names, period, *, index: int, entity: str):
    baseline_sim, reform_sim = simulations
    rows = []
    for name in names:
        variable = system.variables[name]
        if variable.entity.key != entity:
            continue
        before, at = _values(baseline_sim, name, period)
        after, _ = _values(reform_sim, name, period)
        old = None if before is None else plain(np.asarray(before)[index])
        new = None if after is None else plain(np.asarray(after)[index])
        diff, changed = difference(old, new)
        rows.append(
            {
                "variable": name,
                "label": variable.label,
                "period": at,
                "baseline": old,
                "reform": new,
                "difference": diff,
                "changed": bool(changed),
            }
        )
    return rows


@functools.cache
def _freshness(system) -> dict[str, str]:
    dates = sorted(
        str(leaf.metadata["last_value_still_valid_on"])
        for leaf in system.parameters.get_descendants()
        if isinstance(leaf, Parameter) and leaf.metadata.get("last_value_still_valid_on")
    )
    return {"oldest": dates[0], "newest": dates[-1]} if dates else {}


def create_blueprint(settings: dict, reforms) -> Blueprint:
    blueprint = Blueprint(API_VERSION, __name__, url_prefix=f"/{API_VERSION}")
    spec = build_spec(settings)

    @blueprint.route("/entitlements", methods=["POST"])
    def entitlements():
        data = load(ENTITLEMENTS_REQUEST, read_object())
        check_members(data["household"], settings["MAX_HOUSEHOLD_MEMBERS"])
        check_names(
            data["programs"], program_registry.programs(), "programs", "a registered program"
        )
        system, reform = reforms.resolve_or_raise(data["reform"])
        period = month_of(data["date"])
        members = explain_coalesce.determine_household(
            system,
            period,
            build=lambda: household_simulation(system, data["household"], period),
            situation=lambda: household_situation(system, data["household"], period),
            language=data["language"],
            programs=data["programs"],
            evidence=data["detail"] == "full",
        )
        body = {
            **meta(data["date"], period, reform),
            "language": data["language"],
            "detail": data["detail"],
            **explain_answer.answer(members, data["language"], data["detail"]),
        }
        return Response(orjson.dumps(body), mimetype="application/json")

    @blueprint.route("/compare", methods=["POST"])
    def compare():
        data = load(COMPARE_REQUEST, read_object())
        check_members(data["household"], settings["MAX_HOUSEHOLD_MEMBERS"])
        reform_system, reform = reforms.resolve_or_raise(data["reform"])
        baseline = reforms.baseline
        names = data["variables"] or program_variables()
        check_names(names, baseline.variables, "variables", "a variable of this legislation")
        period = month_of(data["date"])
        before = household_simulation(baseline, data["household"], period)
        after = household_simulation(reform_system, data["household"], period)
        ids = [str(item) for item in before.persons.ids]
        return jsonify(
            {
                **meta(data["date"], period, reform),
                "members": [
                    {
                        "id": person_id,
                        "variables": compare_rows(
                            baseline, (before, after), names, period, index=index, entity="person"
                        ),
                    }
                    for index, person_id in enumerate(ids)
                ],
                "household": {
                    "id": str(before.household.ids[0]),
                    "variables": compare_rows(
                        baseline, (before, after), names, period, index=0, entity="household"
                    ),
                },
            }
        )

    @blueprint.route("/batch", methods=["POST"])
    def batch():
        batch_input = batch_api.read_batch()
        system, reform = reforms.resolve_or_raise(batch_input.reform)
        period = batch_api.check_period(batch_input.period)
        outputs = batch_input.outputs or public_outputs()
        batch_api.check_outputs(system, outputs)
        simulation, results = batch_api.simulate(system, batch_input, period, outputs, settings)
        if batch_input.reasons:
            results["person"].update(
                explain_batch.batch_reasons(simulation, period, outputs, batch_input)
            )
        return batch_api.answer(
            simulation, results, batch_input, {**meta(None, period, reform), "outputs": outputs}
        )

    @blueprint.route("/reforms")
    def list_reforms():
        return jsonify(
            {"reforms": [describe(name, resolve(name)) for name in sorted(named_reforms())]}
        )

    @blueprint.route("/version")
    def get_version():
        return jsonify(
            {
                "package": package(),
                "openfisca_core": installed_version("OpenFisca-Core"),
                "api": API_VERSION,
                "programs": [
                    {
                        key: entry[key]
                        for key in (
                            "name",
                            "label",
                            "label_bn",
                            "status",
                            "amount_variable",
                            "amount_period",
                            "eligibility_variable",
                            "criteria",
                        )
                    }
                    for entry in program_registry.programs().values()
                ],
                "reforms": sorted(named_reforms()),
                "parameters_checked_on": _freshness(reforms.baseline),
                "limits": dict(settings),
            }
        )

    @blueprint.route("/spec")
    def get_spec():
        url = f"{request.environ['wsgi.url_scheme']}://{request.host}"
        return jsonify({**spec, "servers": [{"url": url}]})

    return blueprint
