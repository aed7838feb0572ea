"""The service's settings, read from the environment once, checked before anything loads.

Limits (whole numbers, reported by `GET /v1/version`):

| setting                | environment variable              | default |
|------------------------|-----------------------------------|---------|
| MAX_CONTENT_LENGTH     | POLICY_BD_MAX_BODY_MB (MiB)       | 64 MiB  |
| MAX_BATCH_PERSONS      | POLICY_BD_MAX_BATCH_PERSONS       | 1000000 |
| MAX_BATCH_HOUSEHOLDS   | POLICY_BD_MAX_BATCH_HOUSEHOLDS    | 400000  |
| MAX_SITUATION_PERSONS  | POLICY_BD_MAX_SITUATION_PERSONS   | 20000   |
| MAX_HOUSEHOLD_MEMBERS  | POLICY_BD_MAX_HOUSEHOLD_MEMBERS   | 50      |
| MAX_AXIS_CELLS         | POLICY_BD_MAX_AXIS_CELLS          | 1000    |
| MAX_FREE_BATCH_ROWS    | POLICY_BD_MAX_FREE_BATCH_ROWS     | 1000    |
| REQUEST_TIME_BUDGET    | POLICY_BD_REQUEST_TIME_BUDGET (s) | 30      |
| REFORM_CACHE_SIZE      | POLICY_BD_REFORM_CACHE_SIZE       | 32      |

Security and operations (text, never reported; see docs/api.md, "Operations and security"):

| setting            | environment variable              | default                        |
|--------------------|-----------------------------------|--------------------------------|
| TRUSTED_HOSTS      | POLICY_BD_TRUSTED_HOSTS           | localhost,127.0.0.1            |
| PROXY_HOPS         | POLICY_BD_PROXY_HOPS              | 0 (X-Forwarded-* ignored)      |
| CORS_ORIGINS       | POLICY_BD_CORS_ORIGINS            | * (sent as `*`, no credentials)|
| RATE_LIMIT         | POLICY_BD_RATE_LIMIT              | 600/minute;20000/day           |
| COSTLY_RATE_LIMIT  | POLICY_BD_COSTLY_RATE_LIMIT       | 60/minute;2000/day             |
| RATE_LIMIT_STORAGE | POLICY_BD_RATE_LIMIT_STORAGE      | memory://                      |
| API_KEYS           | POLICY_BD_API_KEYS (comma list)   | none: every endpoint is open   |
| API_KEYS_FILE      | POLICY_BD_API_KEYS_FILE           | none                           |
| ACCESS_LOG         | POLICY_BD_ACCESS_LOG (0 or 1)     | 1: one JSON line per request   |
| COALESCE_MS        | POLICY_BD_COALESCE_MS (0 to 1000) | 5 (0: each request alone)      |

`check_environment()` reads all of them and the gunicorn ones (`gunicorn_conf.py`), so that
`policy-bd serve` and gunicorn's config file refuse a bad value in one line before the
legislation loads.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from limits import parse_many

MIB = 1024 * 1024

# setting -> (environment variable, default, multiplier applied to the environment value)
SETTINGS = {
    "MAX_CONTENT_LENGTH": ("POLICY_BD_MAX_BODY_MB", 64 * MIB, MIB),
    "MAX_BATCH_PERSONS": ("POLICY_BD_MAX_BATCH_PERSONS", 1_000_000, 1),
    "MAX_BATCH_HOUSEHOLDS": ("POLICY_BD_MAX_BATCH_HOUSEHOLDS", 400_000, 1),
    "MAX_SITUATION_PERSONS": ("POLICY_BD_MAX_SITUATION_PERSONS", 20_000, 1),
    "MAX_HOUSEHOLD_MEMBERS": ("POLICY_BD_MAX_HOUSEHOLD_MEMBERS", 50, 1),
    "MAX_AXIS_CELLS": ("POLICY_BD_MAX_AXIS_CELLS", 1_000, 1),
    "MAX_FREE_BATCH_ROWS": ("POLICY_BD_MAX_FREE_BATCH_ROWS", 1_000, 1),
    "REQUEST_TIME_BUDGET": ("POLICY_BD_REQUEST_TIME_BUDGET", 30, 1),
    "REFORM_CACHE_SIZE": ("POLICY_BD_REFORM_CACHE_SIZE", 32, 1),
}


class ConfigurationError(ValueError):
    """A setting in the environment is not valid: one line naming the variable and the value."""


def whole_number(name: str, text: str, minimum: int = 1, maximum: int | None = None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ConfigurationError(f"{name}={text!r} is not a whole number") from None
    if value < minimum:
        word = "positive" if minimum == 1 else f"at least {minimum}"
        raise ConfigurationError(f"{name}={text!r} must be {word}")
    if maximum is not None and value > maximum:
        raise ConfigurationError(f"{name}={text!r} must be at most {maximum}")
    return value


def settings(environ: Mapping[str, str] | None = None, **overrides: int) -> dict[str, int]:
    """Every limit: an override, else the environment, else the default."""
    environ = os.environ if environ is None else environ
    unknown = set(overrides) - set(SETTINGS) - set(SERVICE_SETTINGS)
    if unknown:
        raise ConfigurationError(f"unknown settings: {', '.join(sorted(unknown))}")
    out = {}
    for key, (name, default, multiplier) in SETTINGS.items():
        if key in overrides:
            out[key] = int(overrides[key])
            continue
        text = environ.get(name)
        if text is None or text.strip() == "":
            out[key] = default
            continue
        out[key] = whole_number(name, text.strip()) * multiplier
    return out


def _list(name: str, text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


def _hops(name: str, text: str) -> int:
    return whole_number(name, text, minimum=0, maximum=10)


def _rate(name: str, text: str) -> str:
    if text.strip().lower() in {"", "off", "none"}:
        return ""
    try:
        parse_many(text)
    except ValueError:
        raise ConfigurationError(
            f"{name}={text!r} is not a rate limit such as '600/minute;20000/day' (or 'off')"
        ) from None
    return text


def _storage(name: str, text: str) -> str:
    from limits.storage import SCHEMES  # noqa: PLC0415

    scheme = text.split("://", 1)[0] if "://" in text else ""
    if scheme not in SCHEMES:
        known = ", ".join(sorted(f"{item}://" for item in SCHEMES))
        raise ConfigurationError(f"{name}={text!r} is not a storage URI ({known})")
    return text


def _keys_file(name: str, text: str) -> str:
    if not os.path.isfile(text):
        raise ConfigurationError(f"{name}={text!r}: no such file")
    return text


def _flag(name: str, text: str) -> bool:
    if text not in {"0", "1"}:
        raise ConfigurationError(f"{name}={text!r} must be 0 or 1")
    return text == "1"


def _milliseconds(name: str, text: str) -> int:
    return whole_number(name, text, minimum=0, maximum=1000)


# setting -> (environment variable, default, parser(name, text))
SERVICE_SETTINGS: dict[str, tuple[str, object, Callable]] = {
    "TRUSTED_HOSTS": ("POLICY_BD_TRUSTED_HOSTS", ("localhost", "127.0.0.1"), _list),
    "PROXY_HOPS": ("POLICY_BD_PROXY_HOPS", 0, _hops),
    "CORS_ORIGINS": ("POLICY_BD_CORS_ORIGINS", ("*",), _list),
    "RATE_LIMIT": ("POLICY_BD_RATE_LIMIT", "600/minute;20000/day", _rate),
    "COSTLY_RATE_LIMIT": ("POLICY_BD_COSTLY_RATE_LIMIT", "60/minute;2000/day", _rate),
    "RATE_LIMIT_STORAGE": ("POLICY_BD_RATE_LIMIT_STORAGE", "memory://", _storage),
    "API_KEYS": ("POLICY_BD_API_KEYS", (), _list),
    "API_KEYS_FILE": ("POLICY_BD_API_KEYS_FILE", None, _keys_file),
    "ACCESS_LOG": ("POLICY_BD_ACCESS_LOG", True, _flag),
    "COALESCE_MS": ("POLICY_BD_COALESCE_MS", 5, _milliseconds),
}


def service_settings(environ: Mapping[str, str] | None = None, **overrides) -> dict[str, object]:
    """Security and operations settings: an override, else the environment, else the default."""
    environ = os.environ if environ is None else environ
    out = {}
    for key, (name, default, parse) in SERVICE_SETTINGS.items():
        if key in overrides:
            out[key] = overrides[key]
            continue
        text = environ.get(name)
        out[key] = default if text is None or text.strip() == "" else parse(name, text.strip())
    return out


def check_environment(environ: Mapping[str, str] | None = None) -> None:
    """Every setting the service reads, checked; ConfigurationError names the first bad one."""
    from . import gunicorn_settings  # noqa: PLC0415

    settings(environ)
    service_settings(environ)
    gunicorn_settings.read(environ)
