"""gunicorn settings; each can be overridden from the environment.

| setting          | environment variable            | default                |
|------------------|---------------------------------|------------------------|
| bind             | HOST, PORT                      | 127.0.0.1:5000         |
| workers          | WEB_CONCURRENCY                 | 2 (one per core here)  |
| threads          | GUNICORN_THREADS                | 1                      |
| timeout          | GUNICORN_TIMEOUT (s)            | 120                    |
| graceful_timeout | GUNICORN_GRACEFUL_TIMEOUT (s)   | 30                     |
| keepalive        | GUNICORN_KEEPALIVE (s)          | 5                      |
| accesslog        | GUNICORN_ACCESSLOG ("" = off)   | - (stdout)             |

The application is preloaded: the legislation loads once in the master and the workers share it
copy-on-write. The calculations hold Python's interpreter lock nearly all the time, so
throughput comes from worker processes (about one per core); measured with `make bench`, four
threads per worker doubled the p99 latency of one-household requests for no gain in requests
per second. More threads (gunicorn's gthread worker) help only with slow clients when no
buffering reverse proxy stands in front.
"""

import os


def _int(name: str, default: int) -> int:
    value = int(os.environ.get(name, default))
    if value <= 0:
        raise ValueError(f"{name} must be positive, not {value}")
    return value


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("GUNICORN_THREADS", 1)
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
