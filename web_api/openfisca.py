"""The OpenFisca-compatible endpoints: what stock `openfisca serve` answers, for any client.

`/calculate`, `/trace`, `/variables`, `/variable/<id>`, `/parameters`, `/parameter/<id>`,
`/entities` and `/spec` accept the same input and give the same answers as openfisca_web_api
(the GET documents are built by its own loader), with three differences:

- every value is checked through the engine's input contract, as on /v1: an age of 250, a
  negative amount, a date of year 1 or text where a number is expected is a 400 naming the
  value's place in the situation, in the contract's words;
- every user error is a 4xx JSON answer naming the field: a requested period that does not fit
  the variable's definition period, a parameter not defined at the requested date, a wrong
  content type, an unknown URL or an unknown variable or parameter (stock OpenFisca answers 500
  or an HTML page for these);
- a situation may carry a `reform` (a registered name or a parametric reform object), applied to
  that request only and echoed in the answer.

Situations are read by the engine (`policy_bd.engine.read_situation`, then its one builder) in
one pass, instead of SimulationBuilder's list look-up per value; the answer is built per
requested cell, as stock does, but each variable is computed once per period (`engine.compute`)
and each entity's identifiers are indexed once, instead of a list look-up and a whole-array
conversion for every cell.
"""

from __future__ import annotations

import copy
from collections import defaultdict

from flask import Blueprint, jsonify, request
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import Simulation
from openfisca_web_api.loader import build_data

from policy_bd import engine
from policy_bd.engine import axes as axes_engine
from policy_bd.engine.compute import period_problem
from policy_bd.engine.reforms import REFORM_SCHEMA, REFORM_SPEC_SCHEMA

from .body import read_json
from .errors import APIError
from .limits import refuse_non_finite
from .parameter_references import add_value_references
from .spec import add_service_answers

WELCOME = (
    "This is the root of an OpenFisca Web API.\u00a0To learn how to use it, check the general "
    "documentation (https://openfisca.org/doc/) and the OpenAPI specification of this instance "
    "({}spec)."
)
ERROR_RESPONSES = {
    "400": "The request is invalid: the answer names each bad field, shaped like the situation",
    "404": "A variable or parameter that does not exist, or an unknown URL",
    "413": "The request body or the number of persons is over the service's limit",
    "415": "The body is not sent as application/json",
}


def requested_cells(situation: dict) -> list[tuple[str, str, str, str]]:
    """Every (entity plural, id, variable, period) whose value is null: what to compute."""
    return [
        (plural, entity_id, variable, period)
        for plural, entities in situation.items()
        if isinstance(entities, dict)
        for entity_id, variables in entities.items()
        if isinstance(variables, dict)
        for variable, values in variables.items()
        if isinstance(values, dict)
        for period, value in values.items()
        if value is None
    ]


def _nest(errors: dict, path: tuple[str, ...], message: str) -> None:
    node = errors
    for key in path[:-1]:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            return
    node[path[-1]] = message


def _situation_error(error: engine.InputError) -> APIError:
    """The engine's problems as stock OpenFisca's error document, shaped like the situation."""
    if error.body is not None:
        return APIError(error.status, str(error), body=error.body)
    body: dict = {}
    for item in error.problems:
        _nest(body, item.path or (item.field,), item.message)
    return APIError(error.status, str(error), body=body)


class Calculator:
    """Runs a situation the way stock `/calculate` and `/trace` do, with user errors as 4xx."""

    def __init__(self, reforms, max_persons: int, max_axis_cells: int = 1000) -> None:
        self.reforms = reforms
        self.max_persons = max_persons
        self.max_axis_cells = max_axis_cells

    def run(self, situation: object, trace: bool = False):
        """(simulation, cells, values by (variable, period), reform given or None)."""
        reform = None
        if isinstance(situation, dict) and "reform" in situation:
            reform = situation.pop("reform")
        persons = situation.get("persons") if isinstance(situation, dict) else None
        if isinstance(persons, dict) and len(persons) > self.max_persons:
            message = (
                f"{len(persons)} persons is over this service's limit of {self.max_persons} "
                "per situation; send many households to /v1/batch"
            )
            raise APIError(413, message, body={"persons": message})
        system, _ = self.reforms.resolve_or_raise(reform, status=400)
        try:  # axes are checked and capped before anything is built
            copies = axes_engine.cell_count(
                system, situation, self.max_axis_cells, self.max_persons
            )
        except axes_engine.AxesError as error:
            raise APIError(error.status, error.message, body={"axes": error.message}) from None
        try:
            built = engine.read_situation(system, situation)
        except engine.InputError as error:
            raise _situation_error(error) from None
        simulation = built if isinstance(built, Simulation) else engine.simulate(system, built)
        if trace:
            simulation.trace = True
        cells = requested_cells(situation)
        by_request: dict[tuple[str, str], list[tuple]] = defaultdict(list)
        for cell in cells:
            by_request[(cell[2], cell[3])].append(cell)

        errors: dict = {}
        for (name, period_text), where in by_request.items():
            message = period_problem(system.variables[name], periods.period(period_text))
            if message:
                for cell in where:
                    _nest(errors, cell, message)
        if errors:
            raise APIError(400, "a requested period does not fit its variable", body=errors)
        computed = engine.compute(simulation, list(by_request))
        for key, message in computed.undefined.items():
            for cell in by_request[key]:
                _nest(errors, cell, message)
        if errors:
            raise APIError(400, "a parameter is not defined at the requested date", body=errors)
        simulation.axis_copies = copies
        return simulation, cells, computed.values, reform


def fill_in(situation: dict, simulation, cells, values) -> dict:
    """The situation with each null replaced by its value, formatted as stock OpenFisca does."""
    system = simulation.tax_benefit_system
    positions: dict[str, dict] = {}
    for plural, entity_id, name, period_text in cells:
        if plural not in positions:
            ids = simulation.get_population(plural).ids
            positions[plural] = {item: index for index, item in enumerate(ids)}
        index = positions[plural][entity_id]
        variable = system.variables[name]
        array = values[(name, period_text)]
        if variable.value_type == Enum or variable.value_type is str:
            value = str(array[index])
        elif variable.value_type is float:
            # As stock: the float32 turned into the shortest decimal that reads back the same.
            value = float(str(array[index]))
        else:
            value = array[index].item()
        situation[plural][entity_id][name][period_text] = value
    return situation


def patched_spec(spec: dict, system_examples: dict) -> dict:
    """Stock OpenFisca's OpenAPI document, corrected where answers did not match it.

    Stock declares a parameter's `id` an integer, a variable's `defaultValue` a string and a
    trace's parameters objects; the documents it serves hold text, numbers and numbers. Error
    answers get a body schema, situations the optional `reform`, and the path parameters an
    example (the package's example variable and parameter).
    """
    spec = copy.deepcopy(spec)
    schemas = spec["components"]["schemas"]
    schemas["Parameter"]["properties"]["id"] = {"type": "string"}
    schemas["Variable"]["properties"]["defaultValue"] = {
        "description": "The value the variable takes when neither given nor computed"
    }
    schemas["Value"] = {"description": "A parameter's value: a number, a boolean, text or null"}
    trace_nodes = schemas["Trace"]["properties"]["trace"]["additionalProperties"]
    trace_nodes["properties"]["parameters"]["additionalProperties"] = {
        "description": "The parameter's value at the instant"
    }
    schemas["Reform"] = copy.deepcopy(REFORM_SCHEMA)
    schemas["ReformSpec"] = copy.deepcopy(REFORM_SPEC_SCHEMA)
    for name in ("SituationInput", "SituationOutput"):
        schemas[name]["properties"]["reform"] = {"$ref": "#/components/schemas/Reform"}
    schemas["Trace"]["properties"]["reform"] = {"$ref": "#/components/schemas/Reform"}
    schemas["Error"] = {
        "type": "object",
        "description": (
            '{"error": message}, or a document shaped like the situation with the message '
            "at the place of the bad field"
        ),
    }
    examples = {
        "parameterID": system_examples.get("parameter_example"),
        "variableID": system_examples.get("variable_example"),
    }
    for operations in spec["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if examples.get(parameter["name"]):
                    parameter["example"] = examples[parameter["name"]]
    error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in spec["paths"].values():
        for operation in operations.values():
            # YAML read 200 as a number; JSON keys are text (and must all be, to sort them).
            responses = {str(code): entry for code, entry in operation["responses"].items()}
            for code, text in ERROR_RESPONSES.items():
                if code == "415" and "requestBody" not in operation:
                    continue
                entry = responses.setdefault(code, {"description": text})
                entry["content"] = error_content
            operation["responses"] = responses
    return spec


def create_blueprint(system, calculator: Calculator) -> Blueprint:
    data = build_data(system)
    add_value_references(data["parameters"], system)
    spec = add_service_answers(patched_spec(data["openAPI_spec"], system.open_api_config))
    blueprint = Blueprint("openfisca", __name__)

    @blueprint.route("/")
    def root():
        return jsonify({"welcome": WELCOME.format(request.host_url)}), 300

    @blueprint.route("/parameters")
    def get_parameters():
        return jsonify(
            {
                parameter["id"]: {
                    "description": parameter["description"],
                    "href": f"{request.host_url}parameter/{name}",
                }
                for name, parameter in data["parameters"].items()
                if parameter.get("subparams") is None
            }
        )

    @blueprint.route("/parameter/<path:parameter_id>")
    def get_parameter(parameter_id):
        parameter = data["parameters"].get(parameter_id) or data["parameters"].get(
            parameter_id.replace(".", "/")
        )
        if parameter is None:
            message = f"no parameter '{parameter_id}'; GET /parameters lists them"
            raise APIError(404, message, [{"field": "parameter_id", "message": message}])
        return jsonify(parameter)

    @blueprint.route("/variables")
    def get_variables():
        return jsonify(
            {
                name: {
                    "description": variable["description"],
                    "href": f"{request.host_url}variable/{name}",
                }
                for name, variable in data["variables"].items()
            }
        )

    @blueprint.route("/variable/<variable_id>")
    def get_variable(variable_id):
        variable = data["variables"].get(variable_id)
        if variable is None:
            message = f"no variable '{variable_id}'; GET /variables lists them"
            raise APIError(404, message, [{"field": "variable_id", "message": message}])
        return jsonify(variable)

    @blueprint.route("/entities")
    def get_entities():
        return jsonify(data["entities"])

    @blueprint.route("/spec")
    def get_spec():
        url = f"{request.environ['wsgi.url_scheme']}://{request.host}"
        return jsonify({**spec, "servers": [{"url": url}]})

    @blueprint.route("/calculate", methods=["POST"])
    def calculate():
        situation = read_json()
        simulation, cells, values, reform = calculator.run(situation)
        if "axes" in situation:
            result = axes_engine.fill_in(
                situation, simulation, cells, values, simulation.axis_copies
            )
        else:
            result = fill_in(situation, simulation, cells, values)
        engine.release(simulation)
        refuse_non_finite(result, cells)
        if reform is not None:
            result["reform"] = reform
        return jsonify(result)

    @blueprint.route("/trace", methods=["POST"])
    def trace():
        situation = read_json()
        simulation, cells, _, reform = calculator.run(situation, trace=True)
        result = {
            "trace": simulation.tracer.get_serialized_flat_trace(),
            "entitiesDescription": simulation.describe_entities(),
            "requestedCalculations": [f"{name}<{period}>" for _, _, name, period in cells],
        }
        engine.release(simulation)
        if reform is not None:
            result["reform"] = reform
        return jsonify(result)

    return blueprint
