"""Projection timings: the NSIS branches and the EIS year by year, three scenarios.

    python -m bench projection

Everything runs in a fresh process so its peak memory (ru_maxrss) is the run's own. Printed:
- the base year: the microsimulation of the bundled sample for each reform a scenario uses
  (stock OpenFisca simulations through `Microsimulation.calculate`; done once, then cached);
- 35-year projection (FY2025-26 to FY2060-61) of the four NSIS branches and the EIS for the
  three bundled scenarios, deterministic (target <= 2 s), and with the sensitivity runs;
- 1,000 stochastic incidence paths for every branch of the default scenario (target <= 10 s);
- side by side, the same 36 years done the stock OpenFisca way: one microsimulation per year
  (measured for 3 years of the five benefit variables, extrapolated to 36).
Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

SCENARIOS = ("nsis_default", "nsis_full_coverage", "nsis_adverse")
BENEFITS = (
    "nsis_unemployment_expected_annual_benefit",
    "nsis_employment_injury_expected_annual_benefit",
    "nsis_maternity_expected_annual_benefit",
    "nsis_sickness_expected_annual_benefit",
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _best(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def _child() -> None:
    from policy_bd.microsim import Microsimulation  # noqa: PLC0415
    from policy_bd.projection import project, resolve  # noqa: PLC0415

    scenarios = [resolve(name) for name in SCENARIOS]
    start = time.perf_counter()
    for scenario in scenarios:
        project(scenario, sensitivity=False, stochastic=False)
    base_year = time.perf_counter() - start
    deterministic = _best(
        lambda: [project(s, sensitivity=False, stochastic=False) for s in scenarios]
    )
    with_sensitivity = _best(
        lambda: [project(s, sensitivity=True, stochastic=False) for s in scenarios], 1
    )
    stochastic = _best(lambda: project(scenarios[0], sensitivity=False, stochastic=True))
    paths = scenarios[0].stochastic_paths

    def stock_year(year: int) -> None:
        simulation = Microsimulation(reform="nsis", period=f"{year}-{(year + 1) % 100:02d}")
        for variable in BENEFITS:
            simulation.calculate(variable, "reform").sum()

    start = time.perf_counter()
    for year in (2025, 2026, 2027):
        stock_year(year)
    stock_per_year = (time.perf_counter() - start) / 3
    print(
        json.dumps(
            {
                "base_year": base_year,
                "deterministic": deterministic,
                "with_sensitivity": with_sensitivity,
                "stochastic": stochastic,
                "paths": paths,
                "years": len(scenarios[0].years),
                "stock_per_year": stock_per_year,
                "peak_mb": _peak_mb(),
            }
        )
    )


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--child":
        _child()
        return
    output = subprocess.run(
        [sys.executable, "-m", "bench.bench_projection", "--child"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    r = json.loads(output.strip().splitlines()[-1])
    n = r["years"]
    print(f"projection of 4 NSIS branches + EIS, {n} fiscal years (FY2025-26 to FY2060-61)")
    print(f"{'':58}{'seconds':>10}{'target':>10}")
    print(
        f"{'base year: microsimulation of the sample, once per reform':58}{r['base_year']:>10.2f}"
    )
    print(
        f"{'3 scenarios, deterministic (policy_bd.projection)':58}{r['deterministic']:>10.2f}{'<= 2':>10}"
    )
    print(
        f"{'3 scenarios with the sensitivity runs (8 per branch)':58}{r['with_sensitivity']:>10.2f}"
    )
    label = f"{r['paths']:,} stochastic incidence paths x 5 branches"
    print(f"{label:58}{r['stochastic']:>10.2f}{'<= 10':>10}")
    stock = r["stock_per_year"] * n
    print(
        f"{'stock OpenFisca: one microsimulation a year, 1 scenario':58}{stock:>10.2f}"
        f"   ({r['stock_per_year']:.2f} s a year x {n}; extrapolated from 3 years)"
    )
    print(f"peak memory {r['peak_mb']:.0f} MB (target <= 1,024 MB)")


if __name__ == "__main__":
    main(sys.argv[1:])
