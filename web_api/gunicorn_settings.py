"""gunicorn's settings from the environment, checked (one line naming a bad value).

| setting             | environment variable                 | default                       |
|---------------------|--------------------------------------|-------------------------------|
| bind                | HOST, PORT                           | 127.0.0.1:5000                |
| workers             | WEB_CONCURRENCY                      | 2 (one per core here)         |
| threads             | GUNICORN_THREADS                     | 4                             |
| timeout             | GUNICORN_TIMEOUT (s)                 | 120                           |
| graceful_timeout    | GUNICORN_GRACEFUL_TIMEOUT (s)        | 30                            |
| keepalive           | GUNICORN_KEEPALIVE (s)               | 5                             |
| header timeout      | GUNICORN_HEADER_TIMEOUT (s)          | 10: the request head in time  |
| body idle timeout   | GUNICORN_BODY_TIMEOUT (s)            | 30: no body byte for so long  |
| max_requests        | GUNICORN_MAX_REQUESTS (0 = never)    | 10000                         |
| max_requests_jitter | GUNICORN_MAX_REQUESTS_JITTER         | 2000                          |
| memory ceiling      | GUNICORN_MAX_WORKER_MB (0 = none)    | 768                           |
| accesslog           | GUNICORN_ACCESSLOG ("" = off)        | off: the app logs JSON lines  |
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

from .config import ConfigurationError, whole_number

# name -> (default, minimum)
NUMBERS = {
    "WEB_CONCURRENCY": (2, 1),
    "GUNICORN_THREADS": (4, 1),
    "GUNICORN_TIMEOUT": (120, 1),
    "GUNICORN_GRACEFUL_TIMEOUT": (30, 1),
    "GUNICORN_KEEPALIVE": (5, 0),
    "GUNICORN_HEADER_TIMEOUT": (10, 1),
    "GUNICORN_BODY_TIMEOUT": (30, 1),
    "GUNICORN_MAX_REQUESTS": (10000, 0),
    "GUNICORN_MAX_REQUESTS_JITTER": (2000, 0),
    "GUNICORN_MAX_WORKER_MB": (768, 0),
}


def _host(text: str) -> str:
    if text in {"localhost", ""}:
        return text or "127.0.0.1"
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        if not all(part.isalnum() or "-" in part for part in text.split(".")):
            raise ConfigurationError(f"HOST={text!r} is not an address or a host name") from None
    return text


def read(environ: Mapping[str, str] | None = None) -> dict[str, object]:
    environ = os.environ if environ is None else environ
    out: dict[str, object] = {}
    for name, (default, minimum) in NUMBERS.items():
        text = (environ.get(name) or "").strip()
        out[name] = default if text == "" else whole_number(name, text, minimum=minimum)
    out["HOST"] = _host((environ.get("HOST") or "127.0.0.1").strip())
    out["PORT"] = whole_number("PORT", (environ.get("PORT") or "5000").strip(), 1, 65535)
    out["GUNICORN_ACCESSLOG"] = environ.get("GUNICORN_ACCESSLOG", "") or None
    return out
