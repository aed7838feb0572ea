"""The /v1 API for welfare apps: entitlements, batch, reforms, comparison, version, criteria,
spec."""

from __future__ import annotations

import datetime
import functools
from importlib.metadata import version as installed_version

import orjson
from flask import Blueprint, Response, current_app, jsonify, request
from openfisca_core import periods
from openfisca_core.parameters import Parameter

import policy_bd
from policy_bd import engine, explain_answer, explain_batch, explain_coalesce
from policy_bd import programs as program_registry
from policy_bd.engine.explain import program_variables, public_outputs
from policy_bd.freshness import (
    program_warnings,
    scenario_warnings,
    warning_summary,
    warnings,
)

from . import batch as batch_api
from . import ops
from .body import load, read_object
from .errors import APIError, problem
from .schemas import (
    CompareRequestSchema,
    CriteriaQuerySchema,
    EntitlementsRequestSchema,
)
from .spec import build_spec

API_VERSION = "v1"
# marshmallow schemas hold no state between loads: one instance serves every request.
ENTITLEMENTS_REQUEST = EntitlementsRequestSchema()
COMPARE_REQUEST = CompareRequestSchema()
CRITERIA_QUERY = CriteriaQuerySchema()


def package() -> dict:
    return {"name": "policy-bd", "version": policy_bd.__version__}


def input_error(error: engine.InputError) -> APIError:
    """The engine's input problems as an API error (every problem, with its field and row)."""
    problems = [item.as_dict() for item in error.problems]
    message = "; ".join(str(item) for item in error.problems[:3])
    if len(problems) > 3:
        message += f"; and {len(problems) - 3} more problem(s)"
    return APIError(error.status, message, problems)


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


def household_inputs(system, body: dict, limit: int) -> engine.Inputs:
    """The household of a request checked through the input contract (member count first)."""
    household = body.get("household")
    date = body.get("date")
    try:
        return engine.read_household(
            system, household, month_of(date), max_members=limit, date=date
        )
    except engine.InputError as error:
        raise input_error(error) from None


def check_size(body: dict, limit: int) -> None:
    """The member count, before any other check of the request."""
    household = body.get("household")
    members = household.get("members") if isinstance(household, dict) else None
    if isinstance(members, list) and len(members) > limit:
        message = f"{len(members)} members is over this service's limit of {limit} per household"
        raise APIError(413, message, [problem("household.members", message)])


def check_names(names: list[str] | None, known, field: str, what: str) -> None:
    problems = [
        problem(f"{field}[{index}]", f"'{name}' is not {what}")
        for index, name in enumerate(names or [])
        if name not in known
    ]
    if problems:
        raise APIError(422, f"unknown {field}", problems)


def compared(rows: list[engine.Difference], entity: str, ids) -> list[dict]:
    by_id: dict[str, list[dict]] = {str(item): [] for item in ids}
    for row in rows:
        if row.entity == entity:
            by_id[row.id].append(row.as_dict())
    return [{"id": key, "variables": value} for key, value in by_id.items()]


def summary_answer(members, data: dict, period: periods.Period, baseline) -> dict:
    """The summary's members, not-in-force programs, sentences and totals; the sentences the
    client finds in GET /v1/criteria (the baseline's catalogue) are left out unless asked."""
    return explain_answer.summary(
        members,
        data["language"],
        legislation_date=str(period.start),
        known=explain_answer.catalogue(baseline, data["language"]),
        every_sentence=data["sentences"],
    )


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
    spec = build_spec(settings, reforms.baseline)

    @blueprint.route("/entitlements", methods=["POST"])
    def entitlements():
        body = read_object()
        check_size(body, settings["MAX_HOUSEHOLD_MEMBERS"])
        data = load(ENTITLEMENTS_REQUEST, body)
        check_names(
            data["programs"], program_registry.programs(), "programs", "a registered program"
        )
        system, reform = reforms.resolve_or_raise(data["reform"])
        period = month_of(data["date"])
        members = explain_coalesce.determine_household(
            system,
            period,
            inputs=household_inputs(system, data, settings["MAX_HOUSEHOLD_MEMBERS"]),
            language=data["language"],
            programs=data["programs"],
            evidence=data["detail"] == "full",
            coalescer=current_app.extensions.get("policy_bd_coalescer"),
        )
        stale = program_warnings(system, period, data["programs"], data["language"])
        if data["detail"] == "summary":
            shaped = summary_answer(members, data, period, reforms.baseline)
            stale = warning_summary(stale, data["language"])
        else:
            shaped = explain_answer.full(members)
        body = {
            **meta(data["date"], period, reform),
            "language": data["language"],
            "detail": data["detail"],
            **shaped,
            "warnings": stale,
        }
        return Response(orjson.dumps(body), mimetype="application/json")

    @blueprint.route("/criteria")
    def criteria():
        query = load(CRITERIA_QUERY, request.args.to_dict())
        answer = explain_answer.catalogue_answer(reforms.baseline, query["language"])
        # orjson keeps the registry's order of the criteria (jsonify sorts the keys).
        return Response(orjson.dumps(answer), mimetype="application/json")

    @blueprint.route("/compare", methods=["POST"])
    def compare():
        body = read_object()
        check_size(body, settings["MAX_HOUSEHOLD_MEMBERS"])
        data = load(COMPARE_REQUEST, body)
        reform_system, reform = reforms.resolve_or_raise(data["reform"])
        baseline = reforms.baseline
        names = data["variables"] or program_variables()
        check_names(names, baseline.variables, "variables", "a variable of this legislation")
        period = month_of(data["date"])
        limit = settings["MAX_HOUSEHOLD_MEMBERS"]
        before = engine.simulate(baseline, household_inputs(baseline, data, limit))
        after = engine.simulate(reform_system, household_inputs(reform_system, data, limit))
        rows = engine.compare(before, after, names, period)
        return jsonify(
            {
                **meta(data["date"], period, reform),
                "members": compared(rows, "person", before.persons.ids),
                "household": compared(rows, "household", before.household.ids)[0],
                "warnings": scenario_warnings(baseline, reform_system, period, names),
            }
        )

    @blueprint.route("/batch", methods=["POST"])
    def batch():
        batch_input = batch_api.read_batch()
        system, reform = reforms.resolve_or_raise(batch_input.reform)
        period = batch_api.check_period(batch_input.period)
        outputs = batch_input.outputs or public_outputs()
        batch_api.check_outputs(system, outputs)
        run = batch_api.simulate(system, batch_input, period, outputs, settings)
        if batch_input.reasons:
            run.reasons = functools.partial(
                explain_batch.batch_reasons, run.simulation, period, outputs, batch_input
            )
        stale = warnings(system, period, outputs, batch_input.language, baseline=reforms.baseline)
        streamed = batch_api.may_stream(run, ops.seconds_left())
        answer = batch_api.answer(
            run,
            batch_input,
            {**meta(None, period, reform), "outputs": outputs, "warnings": stale},
            streamed,
        )
        if streamed:
            ops.stream(answer)
        # The simulation is released and its arrays freed once the answer is sent (15-25 ms
        # for 100,000 households), and a streamed answer is computed as it is sent.
        ops.when_sent(engine.release, run.simulation)
        ops.kept_until_sent().extend((run, batch_input))
        return answer

    @blueprint.route("/reforms")
    def list_reforms():
        return jsonify(
            {
                "reforms": [
                    engine.resolve_reform(name, reforms.baseline).describe()
                    for name in sorted(engine.named_reforms())
                ]
            }
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
                        "name": entry.name,
                        "label": entry.label,
                        "label_bn": entry.label_bn,
                        "status": entry.status,
                        "amount_variable": entry.amount_variable,
                        "amount_period": entry.amount_period,
                        "eligibility_variable": entry.eligibility_variable,
                        "criteria": list(entry.criteria),
                    }
                    for entry in program_registry.programs().values()
                ],
                "reforms": sorted(engine.named_reforms()),
                "parameters_checked_on": _freshness(reforms.baseline),
                "limits": dict(settings),
            }
        )

    @blueprint.route("/spec")
    def get_spec():
        url = f"{request.environ['wsgi.url_scheme']}://{request.host}"
        return jsonify({**spec, "servers": [{"url": url}]})

    return blueprint
