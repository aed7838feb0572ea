"""Operations: request ids, JSON logs, Prometheus metrics, the time budget, health and readiness.

`RequestMiddleware` wraps the whole WSGI application, so that even an answer made outside Flask
(a request over its time budget) has a request id, a log line and a metric:

- the request id is the client's `X-Request-Id` when it is a short token, else a new one; it is
  echoed in the answer's `X-Request-Id` header and in the log line;
- one JSON log line per request: time, request id, method, path, route, status, duration, client;
- Prometheus metrics (prometheus_client; multiprocess mode under gunicorn) at `GET /metrics`;
- the time budget: a request still running after POLICY_BD_REQUEST_TIME_BUDGET seconds is
  interrupted (an exception raised in its thread at the next Python instruction) and answered
  with a JSON 503, instead of running on until gunicorn kills the worker;
- what a view puts in `kept_until_sent()` is freed once its answer is sent, not before: a batch
  frees hundreds of arrays, and the client need not wait for that; `when_sent(f, ...)` calls f
  then;
- answers are built whole within the time budget, except those a view marks with `stream`:
  their pieces are made as the server sends them (a batch's columns computed while the client
  reads the ones before). The budget still covers making them; one that runs over, or fails,
  once the answer has begun is cut short (the server closes the connection), and is counted
  and logged as a 500.

`/healthz` says the process answers; `/readyz` that it can take traffic (the legislation is
loaded, the rate-limit store answers, the worker is under its memory ceiling).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import logging
import math
import os
import re
import sys
import threading
import time
import uuid

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.wsgi import ClosingIterator

import policy_bd

from .limits import limit_unsized_body

log = logging.getLogger("policy_bd.web_api")
access_log = logging.getLogger("policy_bd.web_api.access")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
ROUTE_KEY = "policy_bd.route"


# ----- JSON logs -----------------------------------------------------------------------------


class JSONFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message and the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging() -> None:
    """JSON lines on stderr for the service's loggers (once per process)."""
    root = logging.getLogger("policy_bd")
    if any(getattr(handler, "policy_bd_json", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter())
    handler.policy_bd_json = True
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False
    logging.Formatter.converter = time.gmtime


# ----- metrics -------------------------------------------------------------------------------


class Metrics:
    """Request counters and durations, by method, route template and status."""

    def __init__(self) -> None:
        from prometheus_client import Counter, Histogram  # noqa: PLC0415

        self.requests = Counter(
            "policy_bd_http_requests_total",
            "HTTP requests answered",
            ["method", "route", "status"],
        )
        self.duration = Histogram(
            "policy_bd_http_request_duration_seconds",
            "Time to answer an HTTP request",
            ["method", "route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
        )
        self.budget = Counter(
            "policy_bd_http_requests_over_budget_total",
            "Requests interrupted at their time budget",
            ["route"],
        )

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.duration.labels(method, route).observe(seconds)


_metrics: Metrics | None = None
_metrics_lock = threading.Lock()


def metrics() -> Metrics:
    """The process's metrics, made on first use (after gunicorn's fork, for multiprocess mode)."""
    global _metrics  # noqa: PLW0603
    if _metrics is None:
        with _metrics_lock:
            if _metrics is None:
                _metrics = Metrics()
    return _metrics


def exposition() -> tuple[bytes, str]:
    from prometheus_client import (  # noqa: PLC0415
        CONTENT_TYPE_LATEST,
        REGISTRY,
        CollectorRegistry,
        generate_latest,
        multiprocess,
    )

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST


# ----- the time budget -----------------------------------------------------------------------


class OverBudget(BaseException):  # raised into a thread: never caught by `except Exception`
    """Raised in a request's thread when it runs past its time budget."""


class Watchdog:
    """One thread per process that interrupts the requests running past their deadline."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.lock = threading.Lock()
        self.deadlines: dict[int, list] = {}  # thread id -> [deadline, fired]
        self.pid: int | None = None

    def _ensure_thread(self) -> None:
        if self.pid != os.getpid():  # the thread does not survive gunicorn's fork
            self.pid = os.getpid()
            threading.Thread(target=self._run, name="policy-bd-watchdog", daemon=True).start()

    def arm(self, seconds: float) -> list:
        with self.lock:
            self._ensure_thread()
            entry = [time.monotonic() + seconds, False]
            self.deadlines[threading.get_ident()] = entry
            return entry

    def disarm(self) -> bool:
        """Forget this thread's deadline; True when it had fired (its exception is cleared)."""
        ident = threading.get_ident()
        with self.lock:
            entry = self.deadlines.pop(ident, None)
            if entry is not None and entry[1]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
                return True
        return False

    def _run(self) -> None:
        while True:
            time.sleep(self.interval)
            now = time.monotonic()
            with self.lock:
                for ident, entry in self.deadlines.items():
                    if not entry[1] and now >= entry[0]:
                        entry[1] = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(ident), ctypes.py_object(OverBudget)
                        )


watchdog = Watchdog()


# ----- the middleware ------------------------------------------------------------------------


KEPT_UNTIL_SENT = "policy_bd.kept_until_sent"
WHEN_SENT = "policy_bd.when_sent"
STREAMED = "policy_bd.streamed"
DEADLINE = "policy_bd.deadline"


def kept_until_sent() -> list:
    """The request's list of objects to free after its answer is sent (`RequestMiddleware`)."""
    return request.environ.setdefault(KEPT_UNTIL_SENT, [])


def when_sent(function, *args) -> None:
    """Call `function(*args)` once the request's answer is sent (or the client has gone)."""
    request.environ.setdefault(WHEN_SENT, []).append((function, args))


def stream(response: Response) -> None:
    """Let the server send `response` as its pieces are made, if they are made by a generator."""
    if response.is_streamed:
        request.environ[STREAMED] = True


def seconds_left() -> float:
    """What is left of the request's time budget."""
    return request.environ.get(DEADLINE, math.inf) - time.perf_counter()


def _after_sent(environ) -> None:
    for function, args in environ.pop(WHEN_SENT, []):
        function(*args)
    environ.setdefault(KEPT_UNTIL_SENT, []).clear()


class StreamBrokenError(RuntimeError):
    """A streamed answer could not be finished: the server cuts it short."""


class RequestMiddleware:
    def __init__(self, app, budget_seconds: float, log_requests: bool, max_body: int) -> None:
        self.app = app
        self.budget_seconds = budget_seconds
        self.log_requests = log_requests
        self.max_body = max_body

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        sent = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = sent if REQUEST_ID.match(sent) else uuid.uuid4().hex
        environ["policy_bd.request_id"] = request_id
        environ[DEADLINE] = started + self.budget_seconds
        limit_unsized_body(environ, self.max_body)
        status_seen = ["500"]
        app_started = []

        def start(status, headers, exc_info=None):
            app_started.append(True)
            status_seen[0] = status.split(" ", 1)[0]
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"]
            headers.append(("X-Request-Id", request_id))
            return start_response(status, headers, exc_info)

        body = None
        try:
            watchdog.arm(self.budget_seconds)
            try:
                answer = self.app(environ, start)
                if environ.get(STREAMED):
                    body = answer
                else:
                    try:
                        body = list(answer)
                    finally:
                        if hasattr(answer, "close"):
                            answer.close()
            finally:
                watchdog.disarm()
        except OverBudget:
            body = None
        if body is None:
            message = (
                f"the request ran past this service's time budget of {self.budget_seconds:g} s "
                "and was stopped; send a smaller request, or split it"
            )
            payload = {"error": message, "problems": [{"field": "request", "message": message}]}
            data = json.dumps(payload).encode()
            headers = [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(data))),
                ("Retry-After", "1"),
            ]
            # exc_info only when the application had started its answer: it replaces that one.
            replacing = (OverBudget, OverBudget(), None) if app_started else None
            start("503 Service Unavailable", headers, replacing)
            body = [data]
            metrics().budget.labels(environ.get(ROUTE_KEY, "unmatched")).inc()

        def record(status: int) -> None:
            self._record(environ, status, time.perf_counter() - started)

        if environ.get(STREAMED) and body is answer:
            pieces = self._made_as_sent(answer, environ[DEADLINE], status_seen, record)
            return ClosingIterator(pieces, functools.partial(_after_sent, environ))
        record(int(status_seen[0]))
        # The server closes the answer once it is sent: the view's objects are freed then.
        return ClosingIterator(body, functools.partial(_after_sent, environ))

    def _made_as_sent(self, answer, deadline: float, status_seen: list, record):
        """The streamed answer's pieces, each made within what is left of the time budget."""
        status = int(status_seen[0])
        try:
            pieces = iter(answer)
            while True:
                try:
                    watchdog.arm(max(deadline - time.perf_counter(), 0.0))
                    piece = next(pieces, None)
                except OverBudget:
                    status = 500
                    message = f"ran past the time budget of {self.budget_seconds:g} s"
                    raise StreamBrokenError(message) from None
                except Exception:
                    status = 500
                    raise
                finally:
                    watchdog.disarm()
                if piece is None:
                    break
                yield piece
        finally:
            if hasattr(answer, "close"):
                answer.close()
            record(status)

    def _record(self, environ, status: int, seconds: float) -> None:
        route = environ.get(ROUTE_KEY, "unmatched")
        metrics().observe(environ.get("REQUEST_METHOD", ""), route, status, seconds)
        if self.log_requests:
            access_log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": environ.get("policy_bd.request_id"),
                        "method": environ.get("REQUEST_METHOD"),
                        "path": environ.get("PATH_INFO"),
                        "route": route,
                        "status": status,
                        "duration_ms": round(seconds * 1000, 2),
                        "client": environ.get("REMOTE_ADDR"),
                        "bytes_in": environ.get("CONTENT_LENGTH") or None,
                    }
                },
            )


# ----- memory --------------------------------------------------------------------------------


def resident_mb() -> float:
    """This process's resident memory now (not its peak), in MiB."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):  # not Linux: the peak is the best there is
        import resource  # noqa: PLC0415

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def _release_free_memory() -> None:
    """Give the memory malloc holds free back to the system (glibc's `malloc_trim`; elsewhere,
    nothing). After a large batch, the heap keeps what the request freed (`heap.py`)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def over_memory_ceiling(ceiling_mb: float) -> bool:
    """Whether this process holds more than `ceiling_mb`, once the memory it has freed is given
    back: a worker is not replaced for memory it no longer uses."""
    if resident_mb() <= ceiling_mb:
        return False
    _release_free_memory()
    return resident_mb() > ceiling_mb


# ----- endpoints -----------------------------------------------------------------------------


def record_route() -> None:
    """Before each request: the route template, for metrics and logs (not the raw path)."""
    rule = request.url_rule
    request.environ[ROUTE_KEY] = rule.rule if rule is not None else "unmatched"


def create_blueprint(readiness_checks) -> Blueprint:
    blueprint = Blueprint("ops", __name__)

    @blueprint.route("/healthz")
    def healthz():
        return jsonify(
            {"status": "ok", "package": {"name": "policy-bd", "version": policy_bd.__version__}}
        )

    @blueprint.route("/readyz")
    def readyz():
        checks = {name: check() for name, check in readiness_checks.items()}
        ready = all(ok for ok, _ in checks.values())
        body = {
            "status": "ready" if ready else "not ready",
            "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()},
            "package": {"name": "policy-bd", "version": policy_bd.__version__},
        }
        return jsonify(body), 200 if ready else 503

    @blueprint.route("/metrics")
    def get_metrics():
        data, content_type = exposition()
        return Response(data, content_type=content_type)

    return blueprint


def memory_check(ceiling_mb: int):
    def check() -> tuple[bool, str]:
        now = resident_mb()
        if ceiling_mb and now > ceiling_mb:
            return False, f"{now:.0f} MiB, over the ceiling of {ceiling_mb} MiB"
        return True, f"{now:.0f} MiB" + (f" of {ceiling_mb} MiB" if ceiling_mb else "")

    return check


def app_check() -> tuple[bool, str]:
    reforms = current_app.extensions.get("policy_bd_reforms")
    if reforms is None or reforms.baseline is None:
        return False, "the legislation is not loaded"
    return True, f"{len(reforms.baseline.variables)} variables loaded"
