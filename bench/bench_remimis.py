"""Screening returnee records: rows per second for 100,000 synthetic records.

`python -m bench remimis` or `python -m bench.bench_remimis [--rows N]`. Prints the time of each
stage (validation and one vectorised simulation in memory; the same through a CSV file read and
a CSV table written), and for comparison stock OpenFisca building the same simulation from a
situation dict (`SimulationBuilder.build_from_entities`) on a 10,000-row sample.
"""

from __future__ import annotations

import argparse
import datetime
import tempfile
import time
from pathlib import Path

from openfisca_core.simulations import SimulationBuilder

from policy_bd.adapters.remimis import screen_file, screen_frame, write_table
from policy_bd.adapters.remimis.screening import SCREENED_PROGRAMS
from policy_bd.adapters.remimis.synthetic import synthetic_records
from policy_bd.engine import baseline_system

DATE = datetime.date(2025, 6, 1)
STOCK_SAMPLE = 10_000


def _rate(label: str, rows: int, seconds: float) -> None:
    print(f"{label:<52} {rows:>8,} rows  {seconds:7.2f} s  {rows / seconds:>10,.0f} rows/s")


def _stock_openfisca(records, system) -> float:
    """Stock OpenFisca: a situation dict, one entry per person, then the same eligibilities."""
    started = time.perf_counter()
    month = DATE.strftime("%Y-%m")
    persons = {
        row.returnee_id: {
            "sex": {"ETERNITY": row.sex},
            "date_of_birth": {"ETERNITY": row.date_of_birth},
            "date_of_return": {"ETERNITY": row.date_of_return},
            "date_of_departure": {"ETERNITY": row.date_of_departure},
            "migrated_with_bmet_clearance": {
                "ETERNITY": row.migrated_with_bmet_clearance == "true"
            },
            "reason_for_return": {"ETERNITY": row.reason_for_return},
            "migrant_status": {month: "returned"},
        }
        for row in records.itertuples()
    }
    households = {f"h{i}": {"heads": [pid]} for i, pid in enumerate(persons)}
    simulation = SimulationBuilder().build_from_entities(
        system, {"persons": persons, "households": households}
    )
    for name in SCREENED_PROGRAMS:
        simulation.calculate(f"{name}__eligible", month)
    return time.perf_counter() - started


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench_remimis")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    system = baseline_system()
    records = synthetic_records(args.rows, seed=2021, bad_share=0.01)
    screen_frame(records.head(100), DATE, system)  # first-call costs out of the timings

    started = time.perf_counter()
    result = screen_frame(records, DATE, system)
    _rate(
        "validate + screen in one simulation (in memory)", args.rows, time.perf_counter() - started
    )
    print(f"  {result.rows_screened:,} screened, {result.rows_rejected:,} rejected")

    with tempfile.TemporaryDirectory() as folder:
        source, table = Path(folder) / "returnees.csv", Path(folder) / "screening.csv"
        records.to_csv(source, index=False)
        started = time.perf_counter()
        write_table(screen_file(source, DATE, system).table, table)
        _rate("read CSV + validate + screen + write CSV", args.rows, time.perf_counter() - started)

    valid = records[(result.table["status"] == "screened").to_numpy()]
    sample = valid.head(min(STOCK_SAMPLE, len(valid)))
    _rate("stock OpenFisca situation dict (sample)", len(sample), _stock_openfisca(sample, system))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
