"""gunicorn settings; each can be overridden from the environment.

| setting          | environment variable            | default                |
|------------------|---------------------------------|------------------------|
| bind             | HOST, PORT                      | 127.0.0.1:5000         |
| workers          | WEB_CONCURRENCY                 | 2 (one per core here)  |
| threads          | GUNICORN_THREADS                | 4                      |
| timeout          | GUNICORN_TIMEOUT (s)            | 120                    |
| graceful_timeout | GUNICORN_GRACEFUL_TIMEOUT (s)   | 30                     |
| keepalive        | GUNICORN_KEEPALIVE (s)          | 5                      |
| accesslog        | GUNICORN_ACCESSLOG ("" = off)   | - (stdout)             |

The application is preloaded: the legislation loads once in the master and the workers share it
copy-on-write. With more than one thread, gunicorn uses its threaded worker (gthread). The
calculations hold Python's interpreter lock most of the time, so threads help with slow clients
and I/O, and workers (about one per core) with CPU.
"""

import os


def _int(name: str, default: int) -> int:
    value = int(os.environ.get(name, default))
    if value <= 0:
        raise ValueError(f"{name} must be positive, not {value}")
    return value


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("GUNICORN_THREADS", 4)
# A worker silent for this long (a request running away) is killed and replaced.
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
preload_app = True
# Request line and headers are small; bodies are limited by the application (POLICY_BD_MAX_BODY_MB).
limit_request_line = 8190
limit_request_fields = 100
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
