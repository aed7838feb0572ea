"""`GET/POST /v1/microsimulation`: the weighted summary of a fiscal year on the bundled sample.

The computation lives in `policy_bd.microsim.service` (cached by period, reform and
pass-through); this module only reads the request and words the errors.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from policy_bd.microsim.service import summary
from policy_bd.reform_spec import ReformError

from .body import load, read_object
from .errors import APIError, problem
from .reforms import reform_problems
from .schemas import MicrosimulationQuerySchema, MicrosimulationRequestSchema

REQUEST = MicrosimulationRequestSchema()
QUERY = MicrosimulationQuerySchema()


def create_blueprint() -> Blueprint:
    blueprint = Blueprint("v1_microsimulation", __name__, url_prefix="/v1")

    @blueprint.route("/microsimulation", methods=["GET", "POST"])
    def microsimulation():
        data = (
            load(QUERY, request.args.to_dict())
            if request.method == "GET"
            else load(REQUEST, read_object())
        )
        try:
            answer = summary(data["period"], data["reform"], data["pass_through"], data["detail"])
        except ReformError as error:
            problems = reform_problems(error)
            raise APIError(422, "; ".join(item["message"] for item in problems), problems) from None
        except ValueError as error:
            raise APIError(422, str(error), [problem("period", str(error))]) from None
        return jsonify(answer)

    return blueprint
