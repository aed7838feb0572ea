"""`policy-bd serve`: run the web API under gunicorn."""

from __future__ import annotations

import os
import sys

HELP = "serve the web API with gunicorn on HOST:PORT (default 127.0.0.1:5000)"


def add_arguments(parser) -> None:
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--workers", type=int, help="gunicorn worker processes (WEB_CONCURRENCY)")


def run(args) -> int:
    from policy_bd.paths import PACKAGE_DIR  # noqa: PLC0415

    os.environ["HOST"], os.environ["PORT"] = args.host, str(args.port)
    if args.workers:
        os.environ["WEB_CONCURRENCY"] = str(args.workers)
    config = PACKAGE_DIR / "web_api" / "gunicorn_conf.py"
    if not config.is_file():  # source checkout
        config = PACKAGE_DIR.parent / "web_api" / "gunicorn_conf.py"
    print(f"Serving OpenFisca Bangladesh on http://{args.host}:{args.port}/", flush=True)
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    os.execv(gunicorn, [gunicorn, "--config", str(config), "policy_bd.web_api.wsgi:app"])
    return 0
