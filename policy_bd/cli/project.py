"""`policy-bd project`: multi-year financing projection of the NSIS branches and the EIS.

policy-bd project projections/nsis_default.yaml
policy-bd project nsis_default --out results/ --json
policy-bd project my_scenario.yaml --no-stochastic --horizon 2050
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from policy_bd.cli import CommandError

HELP = "project the NSIS branches and the EIS year by year: reserve, premiums, exhaustion year"


def add_arguments(parser) -> None:
    parser.add_argument(
        "scenario",
        help="a scenario YAML file, or the name of one in projections/ (e.g. nsis_default)",
    )
    parser.add_argument(
        "--out", metavar="DIR", help="write projection.json, projection.csv, summary.txt, charts"
    )
    parser.add_argument("--json", action="store_true", help="print the whole projection as JSON")
    parser.add_argument("--horizon", type=int, help="last fiscal year (overrides the scenario)")
    parser.add_argument("--no-sensitivity", action="store_true", help="skip the sensitivity runs")
    parser.add_argument("--no-stochastic", action="store_true", help="skip the stochastic run")
    parser.add_argument("--every", type=int, default=5, help="table rows every N years")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args) -> int:
    from policy_bd.projection import ScenarioError, project, report, resolve  # noqa: PLC0415
    from policy_bd.reform_spec import ReformError  # noqa: PLC0415

    try:
        scenario = resolve(args.scenario)
    except ScenarioError as error:
        raise CommandError(
            f"{error.source}: " + "; ".join(str(problem) for problem in error.problems)
        ) from None
    if args.horizon is not None:
        if not scenario.base_year < args.horizon <= 2150:
            raise CommandError(
                f"--horizon {args.horizon}: give a year after the base year "
                f"{scenario.base_year} and at most 2150"
            )
        scenario = replace(scenario, horizon=args.horizon)
    if args.every < 1:
        raise CommandError("--every: give a whole number of years, 1 or more")
    try:
        result = project(
            scenario,
            sensitivity=not args.no_sensitivity,
            stochastic=not args.no_stochastic,
            progress=not (args.quiet or args.json),
        )
    except ReformError as error:
        where = "" if error.source == "reform" else f"{error.source}: "
        raise CommandError(where + "; ".join(str(problem) for problem in error.problems)) from None
    if args.out:
        for path in report.write(result, Path(args.out)):
            if not args.json:
                print(f"wrote {path}")
    if args.json:
        json.dump(result.as_dict(), sys.stdout, allow_nan=False)
        print()
    else:
        print(report.text(result, every=args.every))
    return 0
