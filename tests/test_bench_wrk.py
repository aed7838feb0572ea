"""The load figures `python -m bench api` prints are read from wrk's own lines."""

import importlib.util
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# bench/ is not installed with the package: loaded from its file.
_spec = importlib.util.spec_from_file_location("bench_api", ROOT / "bench" / "bench_api.py")
bench_api = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_api)
_milliseconds, wrk_figures = bench_api._milliseconds, bench_api.wrk_figures

WRK = """Running 10s test @ http://127.0.0.1:5000/v1/entitlements
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    22.10ms    5.31ms  60.10ms   72.50%
    Req/Sec   369.00     40.00   500.00     70.00%
  Latency Distribution
     50%   20.44ms
     75%   24.00ms
     90%   30.00ms
     99%  140.40ms
  3690 requests in 10.00s, 1.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    368.95
"""


def test_quantiles_come_from_the_distribution_not_from_a_spread_ending_in_50_percent():
    assert wrk_figures(WRK) == {"rps": 368.95, "p50": 20.44, "p99": 140.40, "errors": 3}


def test_units_and_no_answer():
    assert _milliseconds("850.00us") == 0.85
    assert _milliseconds("1.20s") == 1200
    assert math.isnan(_milliseconds("nan"))  # wrk's figure when nothing completed
