"""The application factory: one Flask app with three blueprints.

- `openfisca`: the OpenFisca-compatible endpoints (/calculate, /trace, /variables, ...);
- `v1`: the API for welfare apps (/v1/entitlements, /v1/batch, /v1/compare, ...);
- `ops`: /healthz.
"""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify, redirect, request
from flask_cors import CORS
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

import policy_bd
from policy_bd.system import baseline_system

from . import errors, microsimulation, openfisca, pages, v1
from .config import settings
from .reforms import Reforms


def create_app(system: TaxBenefitSystem | None = None, **overrides: int) -> Flask:
    """The web application over `system` (default: baseline law), with limits from the
    environment unless overridden (see `policy_bd.web_api.config`)."""
    config = settings(**overrides)
    baseline = system if system is not None else baseline_system()
    reforms = Reforms(config["REFORM_CACHE_SIZE"], baseline)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config["MAX_CONTENT_LENGTH"]
    app.config["POLICY_BD"] = config
    app.json.ensure_ascii = False  # Bangla labels readable in the answers
    app.url_map.strict_slashes = False
    app.url_map.merge_slashes = False
    CORS(app, origins="*")  # a public calculation service without cookies, as stock OpenFisca

    calculator = openfisca.Calculator(reforms, config["MAX_SITUATION_PERSONS"])
    app.register_blueprint(openfisca.create_blueprint(baseline, calculator))
    app.register_blueprint(v1.create_blueprint(config, reforms))
    app.register_blueprint(microsimulation.create_blueprint())
    app.register_blueprint(ops_blueprint())
    app.register_blueprint(pages.create_blueprint())
    errors.register(app)
    app.extensions["policy_bd_reforms"] = reforms

    @app.before_request
    def drop_trailing_slash():
        # As stock OpenFisca: /variables/ redirects to /variables.
        if request.path != "/" and request.path.endswith("/"):
            return redirect(request.path[:-1])
        return None

    @app.after_request
    def package_headers(response):
        response.headers["Country-Package"] = "policy-bd"
        response.headers["Country-Package-Version"] = policy_bd.__version__
        return response

    return app


def ops_blueprint() -> Blueprint:
    blueprint = Blueprint("ops", __name__)

    @blueprint.route("/healthz")
    def healthz():
        return jsonify(
            {"status": "ok", "package": {"name": "policy-bd", "version": policy_bd.__version__}}
        )

    return blueprint
