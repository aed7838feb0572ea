"""`policy-bd serve`: run the web API under gunicorn (the same server and settings as `make serve`)."""

from __future__ import annotations

import os
import sys

HELP = "serve the web API with gunicorn on HOST:PORT (default 127.0.0.1:5000)"


def add_arguments(parser) -> None:
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
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

    settings = {"HOST": args.host, "PORT": str(args.port)}
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
    os.environ.update(settings)  # read by web_api/gunicorn_conf.py
    print(f"Serving OpenFisca Bangladesh on http://{args.host}:{args.port}/", flush=True)
    command = [sys.executable, "-m", "gunicorn", "--config", str(config_path())]
    os.execv(sys.executable, [*command, "policy_bd.web_api.wsgi:app"])
    return 0
