"""`python -m bench soak`: 60 s of mixed traffic at saturation against a live gunicorn.

Starts the service as deployed (`web_api/gunicorn_conf.py`: 2 threaded workers, recycling,
memory ceiling, time budget) on 127.0.0.1, with rate limits raised so that one client can
saturate it, and sends from several client threads at once: single households
(/v1/entitlements, /calculate), batches of 200 households, per-request parametric reforms (a new
value each time, so the reform cache misses) and microsimulations. Meanwhile a prober calls
/healthz every 100 ms. Prints failed requests (any answer but 200, or no answer), throughput and
latency by kind, the /healthz p50/p99/max, and each worker's memory after the warm-up and at the
end. Targets: 0 failed, /healthz p99 < 100 ms, worker memory within 20% of its warm-up size.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("SOAK_PORT", "5107"))
SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
WARM_UP = 10.0
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "6"))
BASE = f"http://127.0.0.1:{PORT}"

HOUSEHOLD = {
    "division": "rangpur",
    "urban": False,
    "members": [
        {"id": "rahim", "role": "head", "age": 71, "sex": "male", "annual_income": 8000},
        {"id": "amena", "role": "spouse", "age": 63, "sex": "female", "annual_income": 0},
    ],
}


def batch_body(households: int = 200) -> dict:
    rng = random.Random(households)
    ids = [h for h in range(households) for _ in range(2)]
    return {
        "period": "2025-08",
        "persons": {
            "household_id": ids,
            "role": ["head", "spouse"] * households,
            "age": [rng.randint(0, 95) for _ in ids],
            "sex": ["male", "female"] * households,
            "annual_income": [rng.randint(0, 20000) for _ in ids],
        },
    }


BATCH = batch_body()
SITUATION = {
    "persons": {
        "rahim": {"age": {"2025-08": 71}, "old_age_allowance": {"2025-08": None}},
        "amena": {"age": {"2025-08": 63}, "widow_allowance": {"2025-08": None}},
    },
    "households": {"h": {"heads": ["rahim"], "spouses": ["amena"]}},
}


def request_for(kind: str, rng: random.Random) -> tuple[str, str, dict]:
    if kind == "household":
        return "POST", "/v1/entitlements", {"json": {"date": "2025-08-15", "household": HOUSEHOLD}}
    if kind == "calculate":
        return "POST", "/calculate", {"json": SITUATION}
    if kind == "batch":
        return "POST", "/v1/batch", {"json": BATCH}
    if kind == "reform":
        value = rng.randint(600, 5000)  # a new reform most times: the cache misses
        reform = {
            "changes": [
                {
                    "parameter": "social_assistance.old_age_allowance.amount",
                    "value": value,
                    "start": "2025-07-01",
                }
            ]
        }
        body = {"date": "2025-08-15", "household": HOUSEHOLD, "reform": reform}
        return "POST", "/v1/entitlements", {"json": body}
    return "GET", "/v1/microsimulation", {"params": {"period": "2025-26"}}


MIX = [("household", 40), ("calculate", 20), ("batch", 15), ("reform", 20), ("microsim", 5)]


def worker_pids(master: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                found.add(int(entry.name))
    return found


def rss_mb(pid: int) -> float | None:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def start_server(log) -> subprocess.Popen:
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(PORT),
        "WEB_CONCURRENCY": "2",
        "POLICY_BD_RATE_LIMIT": "1000000/minute",
        "POLICY_BD_COSTLY_RATE_LIMIT": "1000000/minute",
        "POLICY_BD_ACCESS_LOG": "0",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    config = ROOT / "web_api" / "gunicorn_conf.py"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(config), "policy_bd.web_api.wsgi:app"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{BASE}/healthz", timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start")


def gunicorn_environment() -> str:
    return " ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("GUNICORN_"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def prober(base: str, started: float, stop, out) -> None:
    """GET /healthz every 100 ms until `stop`; sends [(time since start, seconds or inf)]."""
    health = []
    with requests.Session() as session:
        while not stop.is_set():
            begun = time.perf_counter()
            try:
                ok = session.get(f"{base}/healthz", timeout=5).status_code == 200
            except requests.RequestException:
                ok = False
            seconds = time.perf_counter() - begun
            health.append((time.monotonic() - started, seconds if ok else float("inf")))
            time.sleep(0.1)
    out.send(health)


def main(argv: list[str]) -> None:
    global SECONDS  # noqa: PLW0603
    parser = argparse.ArgumentParser(prog="python -m bench soak")
    parser.add_argument("--seconds", type=float, default=SECONDS, help="length of the run (60)")
    SECONDS = parser.parse_args(argv).seconds
    with tempfile.NamedTemporaryFile(prefix="soak-", suffix=".log", delete=False) as log:
        soak(log)


def soak(log) -> None:
    server = start_server(log)
    stop = threading.Event()
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    lock = threading.Lock()
    started = time.monotonic()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        kinds, weights = zip(*MIX, strict=True)
        with requests.Session() as session:
            while not stop.is_set():
                kind = rng.choices(kinds, weights)[0]
                method, path, options = request_for(kind, rng)
                begun = time.perf_counter()
                try:
                    answer = session.request(method, BASE + path, timeout=60, **options)
                    status = answer.status_code
                except requests.RequestException as error:
                    status = f"{type(error).__name__}"
                seconds = time.perf_counter() - begun
                with lock:
                    if status == 200:
                        latencies[kind].append(seconds)
                    else:
                        failures.append(f"{kind} {path}: {status}")

    memory: dict[int, list[tuple[float, float]]] = defaultdict(list)

    def sampler() -> None:
        while not stop.is_set():
            now = time.monotonic() - started
            for pid in worker_pids(server.pid):
                size = rss_mb(pid)
                if size is not None:
                    memory[pid].append((now, size))
            stop.wait(1.0)

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(CLIENTS)]
    threads.append(threading.Thread(target=sampler))
    # The prober is a process of its own, as a real one is: in this one its timings would
    # include the wait for this process's interpreter lock, held by the clients' threads.
    context = multiprocessing.get_context("spawn")
    probe_stop = context.Event()
    probes_out, probes_in = context.Pipe(duplex=False)
    probe = context.Process(target=prober, args=(BASE, started, probe_stop, probes_in))
    probe.start()
    for thread in threads:
        thread.start()
    try:
        time.sleep(SECONDS)
    finally:
        stop.set()
        probe_stop.set()
        health = probes_out.recv()
        probe.join(timeout=10)
        for thread in threads:
            thread.join(timeout=70)
        server.terminate()
        server.wait(timeout=30)
    elapsed = time.monotonic() - started
    failures += ["healthz"] * sum(1 for _, seconds in health if seconds == float("inf"))

    total = sum(len(values) for values in latencies.values())
    print(f"soak: {elapsed:.0f} s, {CLIENTS} clients, 2 workers x 4 threads, mix {dict(MIX)}")
    print(f"(gunicorn settings from the environment: {gunicorn_environment() or 'defaults'})")
    print(f"requests answered 200: {total} ({total / elapsed:.1f}/s); failed: {len(failures)}")
    for item in sorted(set(failures))[:10]:
        print(f"  failed: {item} x{failures.count(item)}")
    print(f"{'kind':<10} {'count':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, values in sorted(latencies.items()):
        print(
            f"{kind:<10} {len(values):>6} {statistics.median(values) * 1000:>8.0f} "
            f"{percentile(values, 0.99) * 1000:>8.0f} {max(values) * 1000:>8.0f}"
        )
    probes = [seconds for _, seconds in health]
    print(
        f"/healthz: {len(probes)} probes, p50 {percentile(probes, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(probes, 0.99) * 1000:.1f} ms, max {max(probes) * 1000:.1f} ms "
        f"(target p99 < 100 ms)"
    )
    warm = [seconds for at, seconds in health if at >= WARM_UP]
    if warm:
        print(
            f"/healthz after the {WARM_UP:.0f} s warm-up: {len(warm)} probes, "
            f"p99 {percentile(warm, 0.99) * 1000:.1f} ms"
        )
    slow = [f"{at:.1f} s: {seconds * 1000:.0f} ms" for at, seconds in health if seconds > 0.1]
    print(f"/healthz probes over 100 ms: {len(slow)} ({', '.join(slow[:8])})")
    worst_growth = 0.0
    for pid, samples in sorted(memory.items()):
        # A worker started during the run (recycled) warms up from its own start.
        warm = max(WARM_UP, samples[0][0] + WARM_UP) if samples[0][0] > 1.0 else WARM_UP
        after_warm_up = [size for at, size in samples if at >= warm]
        if len(after_warm_up) < 2:
            print(f"worker {pid}: {len(samples)} samples (too short-lived to measure its growth)")
            continue
        first, peak, last = after_warm_up[0], max(after_warm_up), after_warm_up[-1]
        growth = peak / first - 1
        worst_growth = max(worst_growth, growth)
        print(
            f"worker {pid}: {first:.0f} MB after warm-up, peak {peak:.0f} MB, last {last:.0f} MB "
            f"({growth:+.0%})"
        )
    recycled = Path(log.name).read_text(errors="replace").count("retiring")
    print(f"worker memory growth after warm-up: {worst_growth:+.0%} (target within 20%)")
    print(f"workers retired during the run: {recycled}; server log: {log.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
