"""`python tests/abuse/abuse_probe.py URL [NAME-FRAGMENT ...]`: send the abusive cases to a server.

Prints, for each case, the status, whether the body is JSON, the wall time and the start of the
body; then holds two slow clients (a byte every 5 s) while timing /healthz. Used to measure the
server before and after the hardening; the live suite (`tests/abuse/test_live_abuse.py`) asserts.
"""

from __future__ import annotations

import socket
import sys
import threading
import time

import requests
from abuse_cases import CASES


def is_json(answer) -> bool:
    try:
        answer.json()
    except ValueError:
        return False
    return True


def probe(base: str, fragments: list[str]) -> None:
    session = requests.Session()
    for case in CASES:
        if fragments and not any(item in case.name for item in fragments):
            continue
        try:
            answer, seconds = case.send(session, base, timeout=150)
        except requests.RequestException as error:
            print(f"{case.name:<52} ERROR {type(error).__name__}")
            session = requests.Session()
            continue
        extra = ""
        if "CORS" in case.name:
            extra = f" ACAO={answer.headers.get('Access-Control-Allow-Origin')}"
            extra += f" ACAM={answer.headers.get('Access-Control-Allow-Methods')}"
        if "Host" in case.name or "Proto" in case.name:
            extra = f" links-on-evil={'//evil.example' in answer.text} https={'https://' in answer.text}"
        print(
            f"{case.name:<52} {answer.status_code} json={is_json(answer)!s:<5} {seconds:6.2f}s"
            f" server={answer.headers.get('Server')}{extra} {answer.text[:90]!r}"
        )


def slow_clients(base: str, seconds: float = 20.0) -> None:
    host, port = base.removeprefix("http://").split(":")
    stop = threading.Event()

    def dribble():
        with socket.create_connection((host, int(port))) as sock:
            for byte in b"POST /calculate HTTP/1.1\r\nHost: x\r\n":
                if stop.wait(5):
                    return
                try:
                    sock.send(bytes([byte]))
                except OSError:
                    return

    threads = [threading.Thread(target=dribble, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    worst = 0.0
    failures = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            requests.get(base + "/healthz", timeout=45)
        except requests.RequestException:
            failures += 1
        worst = max(worst, time.perf_counter() - started)
        time.sleep(0.5)
    stop.set()
    print(f"slow clients: /healthz worst {worst:.2f} s, {failures} failed, over {seconds:.0f} s")


if __name__ == "__main__":
    probe(sys.argv[1], sys.argv[2:])
    if not sys.argv[2:]:
        slow_clients(sys.argv[1])
