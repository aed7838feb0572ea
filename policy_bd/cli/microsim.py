"""`policy-bd microsim`: cost, reach and poverty impact of baseline law or a reform on a survey.

policy-bd microsim                      # the current fiscal year (1 July to 30 June)
policy-bd microsim --period 2024-25
policy-bd microsim --reform universal_old_age_allowance --period 2025-26 --out results/
policy-bd microsim --data hies2022/ --survey 2022 --workers 4
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

from policy_bd.cli import CommandError

HELP = "microsimulation on survey data: cost, beneficiaries, poverty, inequality, targeting"


def add_arguments(parser) -> None:
    parser.add_argument(
        "--data",
        default="synthetic",
        help="'synthetic' (the bundled sample, default), a folder of Parquet files in the "
        "sample schema, or a folder of HIES Stata files with --survey",
    )
    parser.add_argument(
        "--survey",
        metavar="ROUND",
        help="read --data as HIES Stata files with this mapping: 2022, 2016, sarmd or a YAML file",
    )
    parser.add_argument(
        "--period",
        help="fiscal year, e.g. 2024-25 (default: the current one, from 1 July to 30 June)",
    )
    parser.add_argument(
        "--reform", help="a registered reform name, a YAML or JSON reform file, or inline JSON"
    )
    parser.add_argument("--out", metavar="DIR", help="write results.json, indicators.csv, charts")
    parser.add_argument(
        "--takeup",
        action="append",
        default=[],
        metavar="PROGRAM=RULE",
        help="baseline take-up: full, quota, quota:N, rate:P (repeatable); default: quota at "
        "the administrative caseload where there is one, else full",
    )
    parser.add_argument(
        "--reform-takeup",
        action="append",
        default=[],
        metavar="PROGRAM=RULE",
        help="take-up in the reform (default: the baseline's take-up rate)",
    )
    parser.add_argument(
        "--pass-through",
        type=float,
        default=1.0,
        help="share of a transfer added to consumption (default 1)",
    )
    parser.add_argument(
        "--no-uprate", action="store_true", help="keep survey-year prices (no CPI uprating)"
    )
    parser.add_argument(
        "--chunk-size", type=int, default=100_000, help="households per chunk (default 100,000)"
    )
    parser.add_argument("--workers", type=int, help="run on a local Dask cluster of N processes")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="run on this Dask scheduler")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def _rules(items: list[str], option: str) -> dict[str, str]:
    rules = {}
    for item in items:
        program, separator, rule = item.partition("=")
        if not separator or not program or not rule:
            raise CommandError(f"{option} {item!r}: write PROGRAM=RULE, e.g. old_age_allowance=0.8")
        rules[program.strip()] = rule.strip()
    return rules


def _reform(text: str | None):
    if text is None:
        return None
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"--reform: not valid JSON: {error.msg}") from None
    return text


def _data(args):
    if args.data == "synthetic":
        if args.survey:
            raise CommandError("--survey needs --data PATH (a folder of HIES Stata files)")
        return "synthetic"
    folder = Path(args.data)
    if not folder.is_dir():
        raise CommandError(f"--data {args.data}: no such folder")
    if args.survey is None:
        return folder
    from policy_bd.adapters.hies import HiesLoadError, load_hies  # noqa: PLC0415

    try:
        result = load_hies(folder, args.survey)
    except HiesLoadError as error:
        raise CommandError(f"--data {args.data}: {error.message}") from None
    except ValueError as error:
        raise CommandError(f"--data {args.data}: {error}") from None
    if len(result.report):
        print(
            f"HIES loader: {len(result.report)} problems reported (values not used):",
            file=sys.stderr,
        )
        print(result.report.text(), file=sys.stderr)
    return result.sample


def current_fiscal_year(today: datetime.date | None = None) -> str:
    """The fiscal year a date falls in: 2026-12-01 is in FY2026-27, 2027-03-01 too."""
    today = today or datetime.date.today()
    start = today.year if today.month >= 7 else today.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _unchanged(results) -> bool:
    """True when the reform changes no cost, caseload, contribution or poverty figure."""
    tables = (
        results.programs[["cost_crore_difference", "beneficiaries_lakh_difference"]],
        results.insurance[["difference"]],
        results.poverty[["difference"]],
    )
    return all((table.fillna(0).abs() < 1e-9).all().all() for table in tables)


def run(args) -> int:
    from policy_bd.freshness import warning_lines  # noqa: PLC0415
    from policy_bd.microsim import Microsimulation, SampleError  # noqa: PLC0415
    from policy_bd.reform_spec import ReformError  # noqa: PLC0415

    try:
        simulation = Microsimulation(
            _data(args),
            _reform(args.reform),
            period=args.period or current_fiscal_year(),
            takeup=_rules(args.takeup, "--takeup"),
            reform_takeup=_rules(args.reform_takeup, "--reform-takeup"),
            pass_through=args.pass_through,
            uprate=not args.no_uprate,
            chunk_households=args.chunk_size,
            scheduler=args.scheduler,
            workers=args.workers,
            progress=not args.quiet and not args.json,
        )
        results = simulation.run()
    except ReformError as error:
        raise CommandError("; ".join(str(problem) for problem in error.problems)) from None
    except (SampleError, ValueError) as error:
        raise CommandError(str(error)) from None
    if args.reform and _unchanged(results):
        meta = results.meta
        print(
            f"policy-bd microsim: warning: the reform {meta['reform_label']!r} changes nothing in"
            f" {meta['fiscal_year']} (the month computed is {meta['computed_for_month']}); check"
            " its dates or give another --period",
            file=sys.stderr,
        )
    for line in warning_lines(results.meta["warnings"], "policy-bd microsim"):
        print(line, file=sys.stderr)
    if args.json:
        print(json.dumps(results.summary(), indent=2, ensure_ascii=False))
    else:
        print(results.text())
    if args.out:
        written = results.write(args.out)
        if not args.json:
            print(f"\nWritten: {', '.join(str(path) for path in written)}")
    return 0
