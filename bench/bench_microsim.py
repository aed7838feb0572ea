"""Microsimulation timings: the bundled sample, and 10k / 100k / 1M synthetic households.

    python -m bench microsim            # everything (about three minutes on two cores)
    python -m bench.bench_microsim --sizes 10000 100000

Each run is baseline law plus one reform (the universal Old Age Allowance, FY2025-26) with every
indicator. The large samples are generated to Parquet first (timed apart), then simulated in a
fresh process so its peak memory (ru_maxrss) is the run's own. Targets from the issue: under
2 s for the 14,400-household sample; under 60 s and 4 GB for 1,000,000 households. Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REFORM = "universal_old_age_allowance"
PERIOD = "2025-26"
SIZES = (10_000, 100_000, 1_000_000)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _run(data) -> tuple[float, object]:
    from policy_bd.microsim import Microsimulation  # noqa: PLC0415

    start = time.perf_counter()
    results = Microsimulation(data, REFORM, period=PERIOD, chunk_households=250_000).run()
    return time.perf_counter() - start, results


def _child(argv: list[str]) -> None:
    """In a fresh process: generate (--generate N DIR) or simulate (--simulate DIR)."""
    if argv[0] == "--generate":
        from policy_bd.microsim.synthetic import generate_to_parquet  # noqa: PLC0415

        start = time.perf_counter()
        generate_to_parquet(argv[2], int(argv[1]), chunk_households=250_000)
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb()}))
        return
    from policy_bd.microsim import ParquetSample  # noqa: PLC0415

    seconds, results = _run(ParquetSample.open(argv[1]))
    oaa = results.program("old_age_allowance")
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": _peak_mb(),
                "households": results.meta["households"],
                "persons": results.meta["persons"],
                "oaa_cost_change_crore": oaa["cost_crore_difference"],
            }
        )
    )


def _in_child(*arguments: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "bench.bench_microsim", "--child", *arguments],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def bundled_sample() -> None:
    from policy_bd.microsim.synthetic import default_sample  # noqa: PLC0415

    sample = default_sample()
    _run(sample)  # first run builds the reformed system and warms the caches
    times = sorted(_run(sample)[0] for _ in range(3))
    print(
        f"bundled sample: {sample.n_households:,} households, {sample.n_persons:,} persons; "
        f"baseline + {REFORM} ({PERIOD}), every indicator: median {times[1]:.2f} s "
        f"(best {times[0]:.2f} s; target < 2 s)"
    )


def scaling(sizes: list[int]) -> None:
    print(
        f"{'households':>12}{'persons':>12}{'generate s':>12}{'simulate s':>12}"
        f"{'us/household':>14}{'peak MB':>10}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-microsim-") as folder:
        for size in sizes:
            path = str(Path(folder) / f"n{size}")
            generated = _in_child("--generate", str(size), path)
            simulated = _in_child("--simulate", path)
            print(
                f"{size:>12,}{simulated['persons']:>12,}{generated['seconds']:>12.1f}"
                f"{simulated['seconds']:>12.2f}"
                f"{simulated['seconds'] / size * 1e6:>14.1f}{simulated['peak_mb']:>10.0f}"
            )
    print("targets for 1,000,000 households: simulate < 60 s, peak < 4,096 MB")


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--child":
        _child(argv[1:])
        return
    parser = argparse.ArgumentParser(prog="bench_microsim")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args(argv)
    bundled_sample()
    if args.sizes:
        scaling(args.sizes)


if __name__ == "__main__":
    main(sys.argv[1:])
