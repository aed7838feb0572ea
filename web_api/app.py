"""The application factory: one Flask app with its blueprints, limits, security and operations.

- `openfisca`: the OpenFisca-compatible endpoints (/calculate, /trace, /variables, ...);
- `v1`: the API for welfare apps (/v1/entitlements, /v1/batch, /v1/compare, ...);
- `ops`: /healthz, /readyz and /metrics.

Around them: `ops.RequestMiddleware` (request id, JSON log line, metrics, time budget, body limit
for chunked bodies), `security` (trusted hosts and proxies, CORS, rate limits, API keys for the
costly endpoints) and `errors` (every answer the application sends is JSON).
"""

from __future__ import annotations

from flask import Flask, jsonify, request
from flask.json.provider import DefaultJSONProvider
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

import policy_bd
from policy_bd import engine, explain_coalesce
from policy_bd.engine import baseline_system

from . import (
    caching,
    errors,
    gunicorn_settings,
    limits,
    microsimulation,
    openfisca,
    ops,
    pages,
    projection,
    security,
    v1,
)
from .config import SERVICE_SETTINGS, SETTINGS, service_settings, settings
from .reforms import Reforms


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing NaN and infinities (not JSON) instead of writing them."""

    ensure_ascii = False  # Bangla labels readable in the answers

    def dumps(self, obj, **kwargs):
        kwargs.setdefault("allow_nan", False)
        return super().dumps(obj, **kwargs)


ENTITLEMENTS_PATH = "/v1/entitlements"


class AnnouncedEntitlements:
    """WSGI: an entitlements request announces itself to the coalescer as it starts, before
    its body is read, so that a group waits for it (policy_bd.explain_coalesce)."""

    def __init__(self, app, coalescer: explain_coalesce.Coalescer) -> None:
        self.app, self.coalescer = app, coalescer

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != ENTITLEMENTS_PATH or environ["REQUEST_METHOD"] != "POST":
            return self.app(environ, start_response)
        with self.coalescer.expected():
            return self.app(environ, start_response)


def create_app(system: TaxBenefitSystem | None = None, **overrides) -> Flask:
    """The web application over `system` (default: baseline law), with settings from the
    environment unless overridden (see `policy_bd.web_api.config`)."""
    config = settings(**{key: value for key, value in overrides.items() if key in SETTINGS})
    service = service_settings(
        **{key: value for key, value in overrides.items() if key in SERVICE_SETTINGS}
    )
    ops.configure_logging()
    baseline = system if system is not None else baseline_system()
    engine.reforms.set_cache_size(config["REFORM_CACHE_SIZE"])
    reforms = Reforms(baseline)

    app = Flask(__name__)
    app.json = StrictJSONProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = config["MAX_CONTENT_LENGTH"]
    app.config["POLICY_BD"] = config
    app.url_map.strict_slashes = False
    app.url_map.merge_slashes = False
    app.before_request(ops.record_route)
    app.before_request(limits.read_capped_input_whole)
    app.wsgi_app = ops.RequestMiddleware(
        app.wsgi_app,
        budget_seconds=config["REQUEST_TIME_BUDGET"],
        log_requests=service["ACCESS_LOG"],
        max_body=config["MAX_CONTENT_LENGTH"],
    )
    limiter = security.init_app(app, service)  # ProxyFix, outside the middleware, when set

    calculator = openfisca.Calculator(
        reforms, config["MAX_SITUATION_PERSONS"], config["MAX_AXIS_CELLS"]
    )
    app.register_blueprint(openfisca.create_blueprint(baseline, calculator))
    app.register_blueprint(v1.create_blueprint(config, reforms))
    app.register_blueprint(microsimulation.create_blueprint())
    app.register_blueprint(projection.create_blueprint())
    ceiling = gunicorn_settings.read()["GUNICORN_MAX_WORKER_MB"]
    app.register_blueprint(
        ops.create_blueprint(
            {
                "legislation": ops.app_check,
                "rate_limit_store": security.storage_check(limiter),
                "memory": ops.memory_check(ceiling),
            }
        )
    )
    app.register_blueprint(pages.create_blueprint())
    security.protect_costly(app, limiter, service)
    errors.register(app)
    caching.init_app(app)
    app.extensions["policy_bd_reforms"] = reforms
    if service["COALESCE_MS"]:
        coalescer = explain_coalesce.Coalescer(service["COALESCE_MS"] / 1000)
        app.extensions["policy_bd_coalescer"] = coalescer
        app.wsgi_app = AnnouncedEntitlements(app.wsgi_app, coalescer)

    @app.before_request
    def drop_trailing_slash():
        # As stock OpenFisca: /variables/ redirects to /variables.
        if request.path != "/" and request.path.endswith("/"):
            # One leading slash: "//evil.example/" must not become a redirect to another site.
            target = "/" + request.path.strip("/")
            if request.query_string:
                target += "?" + request.query_string.decode("latin-1")
            answer = jsonify({"redirect": target})  # JSON, like every answer of the service
            answer.status_code = 308
            answer.headers["Location"] = target
            return answer
        return None

    @app.after_request
    def package_headers(response):
        response.headers["Country-Package"] = "policy-bd"
        response.headers["Country-Package-Version"] = policy_bd.__version__
        return response

    return app
