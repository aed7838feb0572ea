"""`policy-bd serve`: run the web API under gunicorn (the same server and settings as `make serve`).

Every setting (the flags and the environment: limits, security, gunicorn's) is checked before
gunicorn starts and the legislation loads; a bad one is a one-line error.
"""

from __future__ import annotations

import argparse
import os
import sys

HELP = "serve the web API with gunicorn on HOST:PORT (default 127.0.0.1:5000)"


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port number (1 to 65535)")
    return value


def add_arguments(parser) -> None:
    parser.add_argument("--host", default=None, help="address to listen on (HOST)")
    parser.add_argument("--port", type=_port, default=None, help="port to listen on (PORT)")
    parser.add_argument("--workers", type=int, help="gunicorn worker processes (WEB_CONCURRENCY)")
    parser.add_argument("--threads", type=int, help="threads per worker (GUNICORN_THREADS)")
    parser.add_argument("--timeout", type=int, help="seconds before a silent worker is restarted")


def config_path():
    from policy_bd.paths import PACKAGE_DIR  # noqa: PLC0415

    config = PACKAGE_DIR / "web_api" / "gunicorn_conf.py"
    if not config.is_file():  # source checkout: web_api/ sits beside the package
        config = PACKAGE_DIR.parent / "web_api" / "gunicorn_conf.py"
    return config


def run(args) -> int:
    from policy_bd.cli import CommandError  # noqa: PLC0415
    from policy_bd.web_api.config import ConfigurationError, check_environment  # noqa: PLC0415

    settings = {}
    if args.host is not None:
        settings["HOST"] = args.host
    if args.port is not None:
        settings["PORT"] = str(args.port)
    for flag, name in (
        ("workers", "WEB_CONCURRENCY"),
        ("threads", "GUNICORN_THREADS"),
        ("timeout", "GUNICORN_TIMEOUT"),
    ):
        value = getattr(args, flag)
        if value is not None:
            if value <= 0:
                raise CommandError(f"--{flag} must be positive, not {value}")
            settings[name] = str(value)
    environment = {**os.environ, **settings}
    try:
        check_environment(environment)
    except ConfigurationError as error:
        raise CommandError(f"configuration: {error}") from None
    os.environ.update(settings)  # read by web_api/gunicorn_conf.py
    host = environment.get("HOST") or "127.0.0.1"
    port = environment.get("PORT") or "5000"
    print(f"Serving OpenFisca Bangladesh on http://{host}:{port}/", flush=True)
    command = [sys.executable, "-m", "gunicorn", "--config", str(config_path())]
    os.execv(sys.executable, [*command, "policy_bd.web_api.wsgi:app"])
    return 0
