"""Who may call what, and how often: trusted hosts and proxies, CORS, rate limits, API keys.

- Hosts: only the names in POLICY_BD_TRUSTED_HOSTS are answered (checked as Flask's
  TRUSTED_HOSTS does, before any view); any other `Host` is a 400, so no page or link is ever
  built on a name a client made up. Health, readiness and metrics answer any Host.
- Proxies: X-Forwarded-For/-Proto/-Host/-Port/-Prefix are believed only for the number of
  proxies in front (POLICY_BD_PROXY_HOPS, werkzeug's ProxyFix); by default none is.
- CORS (flask-cors): the origins of POLICY_BD_CORS_ORIGINS, for GET and POST without
  credentials; the default `*` is sent as `*`, never as a reflection of the caller's origin.
- Rate limits and quotas (flask-limiter): POLICY_BD_RATE_LIMIT for every endpoint but health,
  readiness and metrics, POLICY_BD_COSTLY_RATE_LIMIT also for the costly ones, counted per API
  key when one is sent, else per client address, in POLICY_BD_RATE_LIMIT_STORAGE (memory by
  default: per worker process; a shared store such as `redis://host:6379` for several workers
  or machines).
- API keys (optional): when POLICY_BD_API_KEYS or POLICY_BD_API_KEYS_FILE hold keys, the costly
  endpoints need one in `X-API-Key` (or `Authorization: Bearer ...`): the microsimulation, the
  projection, and a batch above POLICY_BD_MAX_FREE_BATCH_ROWS rows. `api_key_required` is the
  decorator for any other view.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Callable

import orjson
from flask import Flask, current_app, g, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.sansio.utils import host_is_trusted

from . import limits
from .errors import APIError, problem

EXEMPT_ENDPOINTS = {"ops.healthz", "ops.readyz", "ops.get_metrics"}
EXEMPT_PATHS = {"/healthz", "/readyz", "/metrics"}  # their routes, for the OpenAPI documents
COSTLY_PREFIXES = ("/v1/microsimulation", "/v1/projection")
BATCH_RULE = "/v1/batch"
KEY_HEADER = "X-API-Key"


# ----- API keys ------------------------------------------------------------------------------


def load_keys(service: dict) -> tuple[bytes, ...]:
    """SHA-256 digests of the configured keys (the keys themselves are not kept)."""
    keys = list(service.get("API_KEYS") or ())
    if service.get("API_KEYS_FILE"):
        with open(service["API_KEYS_FILE"], encoding="utf-8") as lines:
            keys += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return tuple(hashlib.sha256(key.encode()).digest() for key in keys)


def sent_key() -> str | None:
    key = request.headers.get(KEY_HEADER)
    if key:
        return key.strip()
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def valid_key() -> str | None:
    """The digest (hex, first 16) of a valid key sent with the request, else None."""
    if "policy_bd_key" in g:
        return g.policy_bd_key
    found = None
    key = sent_key()
    digests = current_app.extensions.get("policy_bd_api_keys", ())
    if key and digests:
        digest = hashlib.sha256(key.encode()).digest()
        if any(hmac.compare_digest(digest, known) for known in digests):
            found = digest.hex()[:16]
    g.policy_bd_key = found
    return found


def require_api_key(reason: str) -> None:
    """401 without a key, 403 with a wrong one, when keys are configured; else nothing."""
    if not current_app.extensions.get("policy_bd_api_keys"):
        return
    if valid_key() is not None:
        return
    if sent_key() is None:
        message = f"an API key is required for {reason}; send it in the {KEY_HEADER} header"
        raise APIError(401, message, [problem(KEY_HEADER, message)])
    message = f"the API key sent is not valid (required for {reason})"
    raise APIError(403, message, [problem(KEY_HEADER, message)])


def api_key_required(when: Callable[[], str | None] | None = None, reason: str = "this endpoint"):
    """A view decorator: the request needs an API key (when keys are configured), always or when
    `when()` gives a reason (text naming why this request is costly)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            why = reason if when is None else when()
            if why:
                require_api_key(why)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def rate_key() -> str:
    key = valid_key()
    return f"key:{key}" if key else f"ip:{get_remote_address()}"


# ----- batch: rows counted before decoding ---------------------------------------------------


def batch_rows() -> dict[str, int]:
    if request.mimetype == "multipart/form-data":
        return limits.upload_rows(request.files)
    if request.is_json and current_app.extensions.get("policy_bd_api_keys"):
        settings = current_app.config["POLICY_BD"]
        # Each row takes at least 2 bytes a column: a small body is below the threshold unread.
        if (request.content_length or 0) > 2 * settings["MAX_FREE_BATCH_ROWS"]:
            try:
                return {"persons": limits.json_rows(orjson.loads(request.get_data(cache=True)))}
            except orjson.JSONDecodeError:
                return {}  # the view answers the 400
    return {}


def costly_batch() -> str | None:
    """Why this batch is costly (more rows than the free size), or None; a 413 when its files
    hold more rows than the limits. Counted once a request."""
    if "policy_bd_batch" not in g:
        g.policy_bd_batch = _costly_batch()
    return g.policy_bd_batch


def _costly_batch() -> str | None:
    settings = current_app.config["POLICY_BD"]
    rows = batch_rows()
    limits.check_rows(
        rows,
        {"persons": settings["MAX_BATCH_PERSONS"], "households": settings["MAX_BATCH_HOUSEHOLDS"]},
    )
    persons = rows.get("persons", 0)
    if persons > settings["MAX_FREE_BATCH_ROWS"]:
        return f"a batch of more than {settings['MAX_FREE_BATCH_ROWS']} rows ({persons} sent)"
    return None


def batch_is_small() -> bool:
    try:
        return costly_batch() is None
    except APIError:  # over the limits: the view's guard answers the 413, nothing is computed
        return True


# ----- wiring --------------------------------------------------------------------------------


def check_host() -> None:
    """Flask's TRUSTED_HOSTS check (werkzeug's `host_is_trusted`), made before any view, except
    for health, readiness and metrics: probes and scrapers call by address (Host: 10.0.0.5:5000)
    and those answers hold no link. (Flask's own setting would refuse them while routing.)"""
    if request.endpoint in EXEMPT_ENDPOINTS:
        return
    hosts = current_app.config["POLICY_BD_TRUSTED_HOSTS"]
    if not host_is_trusted(request.host, hosts):
        message = f"the Host {request.host!r} is not one this service answers for"
        raise APIError(400, message, [problem("Host", message)])


def init_app(app: Flask, service: dict) -> Limiter:
    hops = service["PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )
    hosts = list(service["TRUSTED_HOSTS"])
    if "*" not in hosts:
        app.config["POLICY_BD_TRUSTED_HOSTS"] = hosts
        app.before_request(check_host)

    origins = list(service["CORS_ORIGINS"])
    CORS(
        app,
        origins=origins,
        send_wildcard="*" in origins,
        methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Content-Type", KEY_HEADER, "Authorization", "X-Request-Id"],
        expose_headers=[
            "X-Request-Id",
            "Retry-After",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "Legislation-Date",
            "Reform",
            "X-Policy-BD-Warnings",
        ],
        supports_credentials=False,
        max_age=600,
    )

    app.extensions["policy_bd_api_keys"] = load_keys(service)
    default = [service["RATE_LIMIT"]] if service["RATE_LIMIT"] else []
    limiter = Limiter(
        rate_key,
        app=app,
        # One count per client over every endpoint (a quota), not one per endpoint.
        application_limits=default,
        application_limits_exempt_when=lambda: request.endpoint in EXEMPT_ENDPOINTS,
        storage_uri=service["RATE_LIMIT_STORAGE"],
        headers_enabled=True,
        strategy="moving-window",
        enabled=bool(default or service["COSTLY_RATE_LIMIT"]),
    )
    app.extensions["policy_bd_limiter"] = limiter
    return limiter


def protect_costly(app: Flask, limiter: Limiter, service: dict) -> None:
    """The costly endpoints registered so far get the stricter limit and the API-key check."""
    costly_limit = service["COSTLY_RATE_LIMIT"]
    for rule in app.url_map.iter_rules():
        exempt = None
        if rule.rule == BATCH_RULE:
            guard = api_key_required(when=costly_batch)
            exempt = batch_is_small
        elif rule.rule.startswith(COSTLY_PREFIXES):
            guard = api_key_required(reason=f"{rule.rule} (a costly endpoint)")
        else:
            continue
        view = guard(app.view_functions[rule.endpoint])
        if costly_limit:
            view = limiter.shared_limit(
                costly_limit,
                scope="costly",
                key_func=rate_key,
                override_defaults=False,
                exempt_when=exempt,
            )(view)
        app.view_functions[rule.endpoint] = view


def storage_check(limiter: Limiter):
    def check() -> tuple[bool, str]:
        try:
            ok = limiter.storage.check()
        except Exception as error:  # any driver error means: not ready
            return False, f"rate-limit store: {error}"
        return bool(ok), "rate-limit store answers" if ok else "rate-limit store does not answer"

    return check
