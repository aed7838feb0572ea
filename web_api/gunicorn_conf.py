"""gunicorn settings; each is read from the environment (the table is in `gunicorn_settings.py`).

Every setting the service reads, gunicorn's and the application's, is checked here before the
legislation loads: a bad value stops the start with one line naming it.

Workers are gunicorn's threaded workers (`workers.SafeThreadWorker`): the calculations hold
Python's interpreter lock nearly all the time, so throughput comes from worker processes (about
one per core), while the threads keep a slow client or a long calculation from blocking
`/healthz` and short requests. A request head must arrive within GUNICORN_HEADER_TIMEOUT; the
application answers a request over its time budget (POLICY_BD_REQUEST_TIME_BUDGET) with a JSON
503, so the worker timeout is never what answers. Workers are replaced after about
GUNICORN_MAX_REQUESTS requests (with jitter, so that they do not restart together) and as soon
as one holds more than GUNICORN_MAX_WORKER_MB of memory after a request, one at a time; a
replacement explains the months its predecessor was asked about before it accepts a connection
(`warm_up`), so that no client waits while it learns their rules.

The application is preloaded: the legislation loads once in the master and the workers share it
copy-on-write.
"""

import os
import runpy

# First, by its path (importing it would import policy_bd, numpy and threads): malloc's settings
# must precede any thread that allocates (`heap.py`). They hold for the legislation the master
# loads (preload_app) and for every worker's requests.
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "heap.py"))[
    "keep_freed_memory"
]()

import gc  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

from policy_bd.web_api.config import ConfigurationError, check_environment  # noqa: E402
from policy_bd.web_api.gunicorn_settings import read  # noqa: E402

try:
    check_environment()
    _settings = read()
except ConfigurationError as error:
    print(f"policy-bd: configuration error: {error}", file=sys.stderr)
    sys.exit(2)

bind = f"{_settings['HOST']}:{_settings['PORT']}"
workers = _settings["WEB_CONCURRENCY"]
worker_class = "policy_bd.web_api.workers.SafeThreadWorker"
threads = _settings["GUNICORN_THREADS"]
# A worker whose main loop is silent this long is killed; with threads the loop keeps beating
# while requests run, and long requests are ended by the application's time budget instead.
timeout = _settings["GUNICORN_TIMEOUT"]
graceful_timeout = _settings["GUNICORN_GRACEFUL_TIMEOUT"]
keepalive = _settings["GUNICORN_KEEPALIVE"]
max_requests = _settings["GUNICORN_MAX_REQUESTS"]
max_requests_jitter = _settings["GUNICORN_MAX_REQUESTS_JITTER"]
preload_app = True
# Request line and headers are small; bodies are limited by the application (POLICY_BD_MAX_BODY_MB).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# gunicorn itself trusts no X-Forwarded-* header; the application's ProxyFix does, for the
# number of proxies configured (POLICY_BD_PROXY_HOPS).
forwarded_allow_ips = ""
accesslog = _settings["GUNICORN_ACCESSLOG"]
errorlog = "-"

# prometheus_client in multiprocess mode: each worker writes its counters to this folder and
# /metrics adds them up.
_own_metrics_dir = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _own_metrics_dir:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="policy-bd-metrics-")


WORKER_GC_THRESHOLDS = (10_000, 20, 100)  # Python's defaults are (700, 10, 10)

# One worker retires at a time (`workers.SafeThreadWorker.retire`): they lock this file.
_retire_lock = os.path.join(os.environ["PROMETHEUS_MULTIPROC_DIR"], "retiring.lock")


def _configure_workers():
    from policy_bd.web_api import workers as safe_workers  # noqa: PLC0415

    safe_workers.configure(
        _settings["GUNICORN_HEADER_TIMEOUT"], _settings["GUNICORN_BODY_TIMEOUT"], _retire_lock
    )


def on_starting(server):
    _configure_workers()


def pre_fork(server, worker):
    # The preloaded legislation is never garbage: kept out of every collection, so that a full
    # collection in a worker walks only what the worker made (and pages stay shared).
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    _configure_workers()
    # A full collection walks every object the worker holds and stops it meanwhile (about 200
    # ms here under load); with Python's default thresholds it ran more than once a second,
    # although requests leave almost no cyclic garbage (`engine.release`). Rarer young and full
    # collections: a request's objects are mostly freed before a collection sees them.
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def post_worker_init(worker):
    # Before this worker accepts a connection (`web_api.warm_up`).
    from policy_bd.web_api import warm_up  # noqa: PLC0415

    months = warm_up.warm_up(worker.wsgi, os.environ["PROMETHEUS_MULTIPROC_DIR"])
    worker.log.info("worker %s explained %s before accepting", worker.pid, ", ".join(months))


def worker_exit(server, worker):
    from policy_bd.web_api import warm_up  # noqa: PLC0415

    if getattr(worker, "wsgi", None) is not None:
        warm_up.remember(worker.wsgi, os.environ["PROMETHEUS_MULTIPROC_DIR"])


def post_request(worker, req, environ, resp):
    from policy_bd.web_api.ops import over_memory_ceiling  # noqa: PLC0415

    ceiling = _settings["GUNICORN_MAX_WORKER_MB"]
    if ceiling and worker.alive and over_memory_ceiling(ceiling):
        worker.log.warning("worker %s over %s MB after a request: replaced", worker.pid, ceiling)
        if hasattr(worker, "retire"):
            worker.retire(f"over {ceiling} MB")
        else:
            worker.alive = False


def child_exit(server, worker):
    from prometheus_client import multiprocess  # noqa: PLC0415

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
