"""A live gunicorn for the abuse suite: started on loopback by the tests, killed at the end.

The server runs the real configuration (`web_api/gunicorn_conf.py`: threaded workers, limits,
time budget) with a few settings made small so that each abuse shows in about a second.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from abuse_cases import API_KEY

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "web_api" / "gunicorn_conf.py"


def worker_pids(master: int) -> set[int]:
    """The master's child processes: gunicorn's workers."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.add(int(entry.name))
    return children


class LiveServer:
    def __init__(self, port: int, environment: dict, log: Path) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = log
        env = {**os.environ, **environment, "HOST": "127.0.0.1", "PORT": str(port)}
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(CONFIG),
                "policy_bd.web_api.wsgi:app",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the server did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        self.workers_at_start = self.wait_for_workers(int(environment.get("WEB_CONCURRENCY", 2)))

    def wait_for_workers(self, count: int) -> set[int]:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = worker_pids(self.process.pid)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        return worker_pids(self.process.pid)

    def workers(self) -> set[int]:
        return worker_pids(self.process.pid)

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    server = LiveServer(
        int(os.environ.get("POLICY_BD_ABUSE_PORT", "5103")),  # another, when 5103 is taken
        {
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "4",
            "GUNICORN_HEADER_TIMEOUT": "3",
            "POLICY_BD_REQUEST_TIME_BUDGET": "1",
            "POLICY_BD_MAX_BODY_MB": "8",
            "POLICY_BD_API_KEYS": API_KEY,
            "POLICY_BD_RATE_LIMIT": "2000/minute",
            "POLICY_BD_COSTLY_RATE_LIMIT": "6/minute",
            "POLICY_BD_TRUSTED_HOSTS": "127.0.0.1,localhost",
            "POLICY_BD_CORS_ORIGINS": "https://app.example.gov.bd",
        },
        tmp_path_factory.mktemp("abuse") / "server.log",
    )
    yield server
    server.stop()
