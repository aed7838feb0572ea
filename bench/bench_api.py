"""Stock `openfisca serve` against our service, on this machine, in one run.

Both servers are started here on free loopback ports, with the same number of gunicorn worker
processes, measured, and stopped:

1. one household per request: requests per second and p50/p99 latency of POST /calculate (the
   same payload on both) and of our POST /v1/entitlements, with `wrk` (or a Python load
   generator when wrk is not installed: `apt-get install wrk`);
2. many households per request: stock POST /calculate against our POST /v1/batch (columnar JSON,
   and a Parquet upload) on the same 1,000 and 10,000 households, and ours alone on 100,000,
   computing every public output (each program's amount and eligibility); and, for reference,
   the same households simulated in-process from numpy arrays.

3. explanations (issue 12): in-process, one household of five, every program with reasons,
   against `/calculate` asking the same amounts and against the traced path explanations used
   before (`determine_traced`); answer sizes (English and Bangla, summary, summary with its
   sentences and full, and the criteria catalogue GET /v1/criteria, plain and gzip; the table
   alone: `answer_sizes(create_app().test_client())`); batch with reasons for 100,000 persons
   against the same batch without.

    make bench                                  # every benchmark
    python -m bench api                         # this one
    python -m bench.bench_api --quick           # 1,000 and 10,000 households for ours only
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from openfisca_core import periods
from policy_bd.web_api.schemas import EXAMPLE_ENTITLEMENTS

from policy_bd import engine
from policy_bd.engine import baseline_system
from policy_bd.engine.compute import calculation_period, variable_period
from policy_bd.explain import determine_traced, public_outputs
from policy_bd.explain_batch import programs_of_outputs, reason_columns
from policy_bd.situation_examples import old_age_man


def columns_simulation(system, period, persons, households=None):
    """Columns through the engine's reader and builder."""
    return engine.simulate(system, engine.read_columns(system, period, persons, households))


def computed(simulation, outputs, period):
    return engine.compute(simulation, outputs, period).values


ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2025-08"
HOST = "127.0.0.1"


# ----- servers ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """A server process started by this benchmark, stopped by its own process id."""

    def __init__(self, name: str, command: list[str], port: int, environment: dict) -> None:
        self.name, self.port = name, port
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the server runs)
        self.process = subprocess.Popen(
            command, env={**os.environ, **environment}, stdout=self.log, stderr=self.log
        )

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def wait_ready(self, path: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + path, timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # the server answers (stock answers / with 300)
            except OSError:
                time.sleep(0.3)
        self.log.seek(0)
        raise RuntimeError(f"{self.name} did not start:\n{self.log.read().decode()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # gunicorn's master stops its workers on SIGTERM
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def start_servers(workers: int) -> tuple:
    """Stock `openfisca serve`, ours as deployed (`web_api/gunicorn_conf.py`, requests
    evaluated together) and ours with each request alone. Ours have their rate limits off (one
    client saturates them here) and larger bodies allowed (the batches below)."""
    bin_dir = Path(sys.executable).parent
    stock_port, our_port = free_port(), free_port()
    ours_environment = {
        "HOST": HOST,
        "PORT": str(our_port),
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_TIMEOUT": "1200",
        "POLICY_BD_MAX_BODY_MB": "1024",
        "POLICY_BD_MAX_SITUATION_PERSONS": "1000000",
        "POLICY_BD_RATE_LIMIT": "off",
        "POLICY_BD_COSTLY_RATE_LIMIT": "off",
    }
    stock = Server(
        "stock openfisca serve",
        [
            str(bin_dir / "openfisca"),
            "serve",
            "--country-package",
            "policy_bd",
            "--port",
            str(stock_port),
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{stock_port}",
        ],
        stock_port,
        {},
    )
    ours = Server(
        "ours (gunicorn)",
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(ROOT / "web_api" / "gunicorn_conf.py"),
            "policy_bd.web_api.wsgi:app",
        ],
        our_port,
        ours_environment,
    )
    # The same service with every request simulated alone (no coalescing), for comparison.
    alone_port = free_port()
    alone = Server(
        "ours, each request alone",
        ours.process.args,
        alone_port,
        {**ours_environment, "PORT": str(alone_port), "POLICY_BD_COALESCE_MS": "0"},
    )
    stock.wait_ready("/spec")
    ours.wait_ready("/healthz")
    alone.wait_ready("/healthz")
    return stock, ours, alone


# ----- one household per request -------------------------------------------------------------

LUA = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[{body}]==]
"""


def _milliseconds(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if found is None:  # no request completed (wrk prints nan)
        return float("nan")
    value, unit = found.groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000, "h": 3600000}[unit]


def _after(pattern: str, text: str) -> str:
    found = re.search(pattern, text, re.MULTILINE)
    return found.group(1) if found else "nan"


def load_with_wrk(url: str, body: bytes, seconds: int, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA.format(body=body.decode()))
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    return wrk_figures(output)


def wrk_figures(output: str) -> dict:
    """Requests a second, p50 and p99 in ms, and errors, from wrk's `--latency` output."""
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = sum(int(n) for n in sockets.groups()) if sockets else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        # At a line's start: a spread ending in "50.00%" or "72.50%" comes before the quantiles.
        "p50": _milliseconds(_after(r"^\s*50%\s+(\S+)", output)),
        "p99": _milliseconds(_after(r"^\s*99%\s+(\S+)", output)),
        "errors": (int(errors.group(1)) if errors else 0) + failed,
    }


def load_with_python(url: str, body: bytes, seconds: int, connections: int) -> dict:
    """A fallback load generator: keep-alive connections in threads, for a bounded time."""
    host, port = url.split("//")[1].split("/", maxsplit=1)[0].split(":")
    path = "/" + url.split("//")[1].split("/", 1)[1]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        mine = []
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            connection.request("POST", path, body, {"Content-Type": "application/json"})
            answer = connection.getresponse()
            answer.read()
            mine.append(time.perf_counter() - start)
            if answer.status >= 400:
                errors[0] += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = np.sort(np.array(latencies)) * 1000
    return {
        "rps": len(latencies) / seconds,
        "p50": float(np.percentile(ordered, 50)),
        "p99": float(np.percentile(ordered, 99)),
        "errors": errors[0],
    }


def entitlements_body() -> dict:
    person = old_age_man["persons"]["rahim"]
    return {
        "date": "2018-07-15",
        "household": {
            "members": [
                {
                    "id": "rahim",
                    "role": "head",
                    "age": person["age"]["2018-07"],
                    "sex": person["sex"]["2018-07"],
                    "annual_income": person["annual_income"]["2018"],
                }
            ]
        },
    }


def single_household(
    stock: Server, ours: Server, seconds: int, connections: int, alone: Server
) -> list:
    situation = json.loads(json.dumps(old_age_man))
    situation["persons"]["rahim"]["old_age_allowance__eligible"] = {"2018-07": None}
    body = json.dumps(situation).encode()
    if shutil.which("wrk"):
        load, tool = load_with_wrk, "wrk"
    else:
        print(
            "wrk is not installed (apt-get install wrk); using the Python load generator, "
            "whose own cost lowers both servers' figures",
            flush=True,
        )
        load, tool = load_with_python, "python"
    rows = []
    for label, url, payload in (
        ("stock  POST /calculate", f"{stock.url}/calculate", body),
        ("ours   POST /calculate", f"{ours.url}/calculate", body),
        (
            "ours   POST /v1/entitlements (full reasons)",
            f"{ours.url}/v1/entitlements",
            json.dumps({**entitlements_body(), "detail": "full"}).encode(),
        ),
        (
            "ours   POST /v1/entitlements (summary reasons)",
            f"{ours.url}/v1/entitlements",
            json.dumps({**entitlements_body(), "detail": "summary"}).encode(),
        ),
        *(
            (
                f"ours   POST /v1/entitlements ({detail}, each request alone)",
                f"{alone.url}/v1/entitlements",
                json.dumps({**entitlements_body(), "detail": detail}).encode(),
            )
            for detail in ("full", "summary")
        ),
    ):
        load(url, payload, 2, connections)  # warm up every worker
        rows.append((label, load(url, payload, seconds, connections)))
    return rows, tool


# ----- many households per request -------------------------------------------------------------


def population(households: int, seed: int = 2025) -> tuple[dict, dict]:
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 5, households)
    household_id = np.repeat(np.arange(households), sizes)
    n = household_id.size
    position = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    spouse = (position == 1) & (rng.random(n) < 0.6)
    persons = {
        "household_id": household_id,
        "person_id": np.arange(n),
        "role": np.where(position == 0, "head", np.where(spouse, "spouse", "child")),
        "age": rng.integers(0, 95, n),
        "sex": rng.choice(["male", "female"], n),
        "annual_income": rng.integers(0, 20_000, n).astype(float),
        "receives_other_allowance": rng.random(n) < 0.05,
    }
    table = {
        "household_id": np.arange(households),
        "division": rng.choice(["dhaka", "khulna", "rangpur", "sylhet"], households),
        "urban": rng.random(households) < 0.3,
    }
    return persons, table


def openfisca_situation(persons: dict, households: dict, outputs: list[str]) -> dict:
    """The same population as an OpenFisca situation, as a stock client would send it."""
    system = baseline_system()
    plural = {"head": "heads", "spouse": "spouses", "child": "children", "other": "others"}
    person_json: dict = {}
    groups: dict = {
        f"h{h}": {
            "division": {"ETERNITY": str(division)},
            "urban": {"ETERNITY": bool(urban)},
        }
        for h, division, urban in zip(
            households["household_id"].tolist(),
            households["division"].tolist(),
            households["urban"].tolist(),
            strict=True,
        )
    }
    wanted = {name: {PERIOD: None} for name in outputs}
    for i, h in enumerate(persons["household_id"].tolist()):
        pid = f"p{i}"
        person_json[pid] = {
            "age": {PERIOD: int(persons["age"][i])},
            "sex": {"ETERNITY": str(persons["sex"][i])},
            "annual_income": {PERIOD[:4]: float(persons["annual_income"][i])},
            "receives_other_allowance": {PERIOD: bool(persons["receives_other_allowance"][i])},
            **{
                name: dict(value)
                for name, value in wanted.items()
                if system.variables[name].entity.key == "person"
            },
        }
        groups[f"h{h}"].setdefault(plural[str(persons["role"][i])], []).append(pid)
    return {"persons": person_json, "households": groups}


def post(url: str, body: bytes, content_type: str, timeout: float = 1800) -> tuple[float, bytes]:
    """One request on a new connection; the time until the whole answer is read."""
    host, port = url.split("//")[1].split("/", 1)[0].split(":")
    path = "/" + url.split("//")[1].split("/", 1)[1]
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    start = time.perf_counter()
    connection.request("POST", path, body, {"Content-Type": content_type})
    answer = connection.getresponse()
    data = answer.read()
    elapsed = time.perf_counter() - start
    connection.close()
    if answer.status != 200:
        raise RuntimeError(f"POST {url} answered {answer.status}: {data[:500]!r}")
    return elapsed, data


def multipart(files: dict[str, bytes], fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = "policybdbench" + str(time.time_ns())
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, data in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{name}.parquet"\r\nContent-Type: application/vnd.apache.parquet\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def parquet_bytes(columns: dict) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table({name: pa.array(values) for name, values in columns.items()}), sink)
    return sink.getvalue().to_pybytes()


def median_time(run, repeats: int) -> float:
    return statistics.median(run() for _ in range(repeats))


def interleaved(runs: dict, repeats: int) -> dict:
    """The median time of each run, the runs taken in turn `repeats` times: on a shared machine
    the speed drifts over seconds, and runs taken in blocks would compare different moments."""
    times: dict = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            times[name].append(run())
    return {name: statistics.median(values) for name, values in times.items()}


def batch_row(stock: Server | None, ours: Server, households: int, outputs: list[str]) -> dict:
    persons, table = population(households)
    row = {"households": households, "persons": int(persons["household_id"].size)}
    system = baseline_system()

    def in_process():
        start = time.perf_counter()
        with engine.simulated(system, engine.read_columns(system, PERIOD, persons, table)) as run:
            computed(run, outputs, PERIOD)
        return time.perf_counter() - start  # the simulation released, as the service does

    with engine.simulated(system, engine.read_columns(system, PERIOD, persons, table)) as run:
        expected = computed(run, outputs, PERIOD)

    columns = {
        "period": PERIOD,
        "outputs": outputs,
        "persons": {name: values.tolist() for name, values in persons.items()},
        "households": {name: values.tolist() for name, values in table.items()},
    }
    json_body = json.dumps(columns).encode()
    answers = []

    def ours_json():
        elapsed, data = post(f"{ours.url}/v1/batch", json_body, "application/json")
        answers.clear()
        answers.append(data)
        return elapsed

    in_process()
    # Warm up every worker: each learns that the outputs are defined at the period, and its
    # pace, from its first batch; its later answers are sent as their columns are computed.
    for _ in range(4):
        ours_json()
    row.update(interleaved({"in_process": in_process, "ours_json": ours_json}, 7))
    got = json.loads(answers[-1])["persons"]["old_age_allowance"]
    assert np.allclose(got, expected["old_age_allowance"]), "ours differs from in-process"
    answers.clear()

    body, content_type = multipart(
        {"persons": parquet_bytes(persons), "households": parquet_bytes(table)},
        {"period": PERIOD, "outputs": ",".join(outputs)},
    )
    row["ours_parquet"] = median_time(
        lambda: post(f"{ours.url}/v1/batch", body, content_type)[0], 5
    )

    # /calculate answers are merged cell by cell in stock OpenFisca, so asking it for every public
    # output of 10,000 households takes far longer than a run can wait: both /calculate servers
    # are asked for the Old Age Allowance only, while /v1/batch computes every public output
    # (a comparison that favours stock).
    situation = json.dumps(openfisca_situation(persons, table, CALCULATE_OUTPUTS)).encode()
    if households <= 10_000:
        post(f"{ours.url}/calculate", situation, "application/json")
        row["ours_calculate"], data = post(f"{ours.url}/calculate", situation, "application/json")
        answer = json.loads(data)["persons"]
        ours_total = sum(answer[p]["old_age_allowance"][PERIOD] for p in answer)
        row["check_calculate"] = abs(ours_total - float(np.sum(expected["old_age_allowance"])))
    if stock is not None:
        row["stock"], data = post(f"{stock.url}/calculate", situation, "application/json")
        answer = json.loads(data)["persons"]
        stock_total = sum(answer[p]["old_age_allowance"][PERIOD] for p in answer)
        row["check_stock"] = abs(stock_total - float(np.sum(expected["old_age_allowance"])))
    return row


# ----- explanations (issue 12) -----------------------------------------------------------------


def household_of_five() -> dict:
    """The /spec example couple with a working daughter and two children."""
    body = copy.deepcopy(EXAMPLE_ENTITLEMENTS)
    body["household"]["members"] += [
        {
            "id": "nasrin",
            "role": "child",
            "age": 30,
            "sex": "female",
            "marital_status": "widowed",
            "annual_income": 3000,
            "employment": {
                "monthly_wage": 12500,
                "months_of_service": 30,
                "sector": "rmg_export",
                "employer_type": "private_company",
                "establishment_size": 400,
            },
        },
        {"id": "rafi", "role": "child", "age": 9, "sex": "male"},
        {"id": "mita", "role": "child", "age": 17, "sex": "female", "disability_registered": True},
    ]
    return body


def calculate_situation(body: dict) -> dict:
    """The household as an OpenFisca situation asking every program's amount and eligibility
    (what a stock /calculate client sends for the same question)."""
    system = baseline_system()
    period = periods.period(body["date"][:7])

    def dated(name, value):
        return {str(variable_period(system.variables[name], period)): value}

    def fields(member):  # a group of fields ("employment": {...}) read as its fields
        for key, value in member.items():
            if isinstance(value, dict):
                yield from value.items()
            elif key not in {"id", "role"}:
                yield key, value

    household = body["household"]
    persons = {
        member["id"]: {k: dated(k, v) for k, v in fields(member)} for member in household["members"]
    }
    group: dict = {k: dated(k, v) for k, v in household.items() if k != "members"}
    plurals = {"head": "heads", "spouse": "spouses", "child": "children", "other": "others"}
    for member in household["members"]:
        group.setdefault(plurals[member.get("role", "other")], []).append(member["id"])
    situation = {"persons": persons, "households": {"household": group}}
    for name in public_outputs():
        variable = system.variables[name]
        entity = "persons" if variable.entity.key == "person" else "households"
        at = str(calculation_period(variable, period))
        for instance in situation[entity].values():
            instance[name] = {at: None}
    return situation


def best_of(run, repeats: int) -> float:
    """The fastest of `repeats` runs of `run`, in milliseconds, after one warm-up call: on a
    shared machine the fastest run is the one least slowed by other work."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def explanations(quick: bool = False) -> None:
    from policy_bd.web_api.app import create_app  # noqa: PLC0415

    client = create_app(ACCESS_LOG=False).test_client()  # its log lines are not figures
    five = household_of_five()
    situation = calculate_situation(five)
    repeats = 10 if quick else 30

    def post(path, body, headers=None):
        answer = client.post(path, json=body, headers=headers or {})
        assert answer.status_code == 200, answer.data[:300]
        return answer

    rows = [
        ("POST /calculate, the same 64 amounts and eligibilities", "/calculate", situation),
        ("POST /v1/entitlements detail=summary", "/v1/entitlements", {**five, "detail": "summary"}),
        ("POST /v1/entitlements detail=full", "/v1/entitlements", {**five, "detail": "full"}),
    ]
    timings = [
        (label, best_of(lambda p=path, b=body: post(p, b), repeats)) for label, path, body in rows
    ]
    from policy_bd import explain_coalesce  # noqa: PLC0415

    untraced = explain_coalesce.determine
    # The path before issue 12: OpenFisca's tracer on every request.
    explain_coalesce.determine = determine_traced
    try:
        traced = best_of(lambda: post("/v1/entitlements", {**five, "detail": "full"}), repeats)
    finally:
        explain_coalesce.determine = untraced
    timings.append(("POST /v1/entitlements detail=full, traced (before)", traced))
    base = timings[0][1]
    print(
        "\nExplanations in-process (Flask test client), one household of five, every program, "
        f"fastest of {repeats}"
    )
    print(f"{'request':<58}{'ms':>9}{'x /calculate':>14}")
    for label, value in timings:
        print(f"{label:<58}{value:>9.1f}{value / base:>13.2f}x")

    answer_sizes(client)

    households = 4_000 if quick else 40_000
    persons, table = population(households)
    system = baseline_system()
    outputs = public_outputs()
    names = programs_of_outputs(outputs)

    def batch(reasons):
        simulation = columns_simulation(system, PERIOD, persons, table)
        computed(simulation, outputs, PERIOD)
        if reasons:
            reason_columns(simulation, PERIOD, names, reasons=reasons)

    plain_batch = best_of(lambda: batch(None), 3)
    print(
        f"\nBatch in-process, {persons['household_id'].size:,} persons in {households:,} "
        f"households, every public output ({len(outputs)}), fastest of 3"
    )
    print(f"{'reasons':<34}{'s':>9}{'x without':>11}")
    for label, reasons in (
        ("none", None),
        ("codes (<program>__failed)", "codes"),
        ("sentences (<program>__reasons)", "sentences"),
    ):
        value = plain_batch if reasons is None else best_of(lambda r=reasons: batch(r), 3)
        print(f"{label:<34}{value / 1000:>9.2f}{value / plain_batch:>10.2f}x")


# The asked detail of each row of the size table: the summary alone (its sentences from
# GET /v1/criteria, which a client keeps), the summary with its sentences, and the full answer.
DETAILS = {
    "summary": {"detail": "summary"},
    "summary+sentences": {"detail": "summary", "sentences": True},
    "full": {"detail": "full"},
}


def answer_sizes(client) -> None:
    """The size table: POST /v1/entitlements for one person and five, English and Bangla, each
    detail, and the catalogue GET /v1/criteria, plain and gzip (cheap: no timing)."""

    def sizes(answer_of) -> tuple[int, int]:
        plain, packed = answer_of({}), answer_of({"Accept-Encoding": "gzip"})
        assert plain.status_code == packed.status_code == 200, plain.data[:300]
        return len(plain.data), len(packed.data)

    print("\nAnswer sizes (bytes; gzip when the client asks)")
    print(f"{'answer':<34}{'language':<10}{'detail':<19}{'plain':>10}{'gzip':>9}")
    one = copy.deepcopy(EXAMPLE_ENTITLEMENTS)
    one["household"]["members"] = one["household"]["members"][:1]
    for name, body in (("one person", one), ("five", household_of_five())):
        for language in ("en", "bn"):
            for detail, asked in DETAILS.items():
                request_body = {**body, "language": language, **asked}
                plain, packed = sizes(
                    lambda headers, b=request_body: client.post(
                        "/v1/entitlements", json=b, headers=headers
                    )
                )
                label = f"POST /v1/entitlements, {name}"
                print(f"{label:<34}{language:<10}{detail:<19}{plain:>10,}{packed:>9,}")
    for language in ("en", "bn"):
        plain, packed = sizes(
            lambda headers, language=language: client.get(
                f"/v1/criteria?language={language}", headers=headers
            )
        )
        print(f"{'GET /v1/criteria':<34}{language:<10}{'':<19}{plain:>10,}{packed:>9,}")


def batch_reasons_row(ours: Server, households: int, outputs: list[str]) -> None:
    """POST /v1/batch (columnar JSON) with and without reasons, the same persons."""
    persons, table = population(households)
    base = {
        "period": PERIOD,
        "outputs": outputs,
        "persons": {name: values.tolist() for name, values in persons.items()},
        "households": {name: values.tolist() for name, values in table.items()},
    }
    print(
        f"\n/v1/batch JSON with reasons, {persons['household_id'].size:,} persons, "
        f"every public output, median of 3"
    )
    print(f"{'reasons':<34}{'s':>9}{'x without':>11}{'answer MB':>11}")
    without = None
    for label, reasons in (("none", None), ("codes", "codes"), ("sentences", "sentences")):
        body = json.dumps({**base, "reasons": reasons}).encode()
        sizes = []

        def run(body=body, sizes=sizes):
            elapsed, data = post(f"{ours.url}/v1/batch", body, "application/json")
            sizes.append(len(data))
            return elapsed

        run()
        value = median_time(run, 3)
        without = without or value
        print(f"{label:<34}{value:>9.2f}{value / without:>10.2f}x{sizes[-1] / 1e6:>11.1f}")


# ----- report -------------------------------------------------------------------------------


CALCULATE_OUTPUTS = ["old_age_allowance", "old_age_allowance__eligible"]


def rate(households: int, seconds: float | None) -> str:
    return f"{households / seconds:>12,.0f}" if seconds else f"{'-':>12}"


def seconds_text(value: float | None) -> str:
    return f"{value:>9.3f}" if value else f"{'-':>9}"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_api", description=__doc__)
    parser.add_argument("--quick", action="store_true", default=bool(os.environ.get("BENCH_QUICK")))
    parser.add_argument("--seconds", type=int, default=10, help="duration of each load test")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--explain-only",
        action="store_true",
        help="only the in-process explanation figures (no servers)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of each server")
    args = parser.parse_args(argv)

    outputs = public_outputs()
    explanations(quick=args.quick)
    if args.explain_only:
        return
    print(f"\nstarting stock and ours with {args.workers} workers each ...", flush=True)
    stock, ours, alone = start_servers(args.workers)
    try:
        rows, tool = single_household(stock, ours, args.seconds, args.connections, alone)
        print(
            f"\nOne household per request ({tool}, {args.seconds} s, {args.connections} "
            f"connections, {args.workers} workers each; payload: the /spec example)"
        )
        print(f"{'endpoint':<62}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for label, figures in rows:
            print(
                f"{label:<62}{figures['rps']:>9.0f}{figures['p50']:>9.2f}"
                f"{figures['p99']:>9.2f}{figures['errors']:>8}"
            )

        print(
            f"\nMany households per request, {PERIOD}: /v1/batch computes all {len(outputs)} public "
            f"outputs (every program's amount and eligibility); both /calculate servers compute "
            f"{' and '.join(CALCULATE_OUTPUTS)} only"
        )
        sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
        results = []
        for households in sizes:
            with_stock = not args.quick and households <= 10_000
            print(f"  {households:,} households ...", flush=True)
            results.append(batch_row(stock if with_stock else None, ours, households, outputs))
        print(
            f"{'households':>10}{'persons':>9} | {'stock /calculate':>21} | "
            f"{'ours /calculate':>21} | {'ours /v1/batch JSON':>21} | "
            f"{'ours batch Parquet':>21} | {'in-process':>9} {'JSON/in':>8} {'Pq/in':>7} "
            f"{'vs stock':>9}"
        )
        print(
            f"{'':>19} | {'s':>9}{'hh/s':>12} | {'s':>9}{'hh/s':>12} | {'s':>9}{'hh/s':>12} | "
            f"{'s':>9}{'hh/s':>12} | {'s':>9}"
        )
        for row in results:
            h = row["households"]
            speedup = (
                f"{row['stock'] / row['ours_json']:>8.0f}x" if row.get("stock") else f"{'-':>9}"
            )
            print(
                f"{h:>10,}{row['persons']:>9,} | {seconds_text(row.get('stock'))}"
                f"{rate(h, row.get('stock'))} | {seconds_text(row.get('ours_calculate'))}"
                f"{rate(h, row.get('ours_calculate'))} | {seconds_text(row['ours_json'])}"
                f"{rate(h, row['ours_json'])} | {seconds_text(row['ours_parquet'])}"
                f"{rate(h, row['ours_parquet'])} | {row['in_process']:>9.3f} "
                f"{row['ours_json'] / row['in_process']:>7.2f}x "
                f"{row['ours_parquet'] / row['in_process']:>6.2f}x {speedup}"
            )
        checks = [
            (row["households"], key, row[key])
            for row in results
            for key in ("check_stock", "check_calculate")
            if key in row
        ]
        worst = max((value for *_, value in checks), default=0.0)
        print(
            "Same totals of old_age_allowance from stock /calculate, our /calculate and our "
            f"/v1/batch: largest difference Tk {worst:.2f}"
        )
        batch_reasons_row(ours, 4_000 if args.quick else 40_000, outputs)
        if args.quick:
            print("(--quick: stock was not asked for many households; 100,000 not run)")
    finally:
        stock.stop()
        ours.stop()
        alone.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
