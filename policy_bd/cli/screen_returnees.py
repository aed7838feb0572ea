"""`policy-bd screen-returnees FILE --out FILE [--date YYYY-MM-DD] [--reform NAME|FILE]
[--reasons codes|sentences] [--language en|bn]`.

Reads a CSV or JSON file of returnee records (fields in docs/remimis.md), screens every valid
row for the migrant-welfare programs in one vectorised simulation (under baseline law, or under
a reform such as a proposal switched on), writes the screening table
(CSV, or JSON when --out ends in .json) and prints a summary. Exit status: 0 when every row was
screened, 1 when some rows were rejected (they are in the table with their errors), 2 when the
file cannot be screened at all.
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

from policy_bd.cli import CommandError

HELP = "screen a file of returnee records (CSV or JSON) for the migrant-welfare programs"
PROBLEMS_SHOWN = 50


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="returnee records, .csv or .json")
    parser.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="screening table to write, .csv or .json",
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="screening date: rules in force in its month (default: today)",
    )
    parser.add_argument(
        "--reasons",
        choices=("codes", "sentences"),
        default="codes",
        help="failed criteria as codes (the <program>_reasons columns, always written) or "
        "also as sentences (<program>_sentences columns)",
    )
    parser.add_argument(
        "--language", choices=("en", "bn"), default="en", help="language of the sentences"
    )
    parser.add_argument(
        "--reform",
        metavar="NAME|FILE",
        help="screen under a reform: a registered name or a reform file (e.g. a proposal)",
    )


def _date(text: str | None) -> datetime.date:
    if text is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date {text!r} is not a date (YYYY-MM-DD)") from None


def summary_lines(result, source: str, seconds: float, reform: str | None = None) -> list[str]:
    law = f"reform {reform}" if reform else "baseline law"
    lines = [
        f"Returnee screening of {source} on {result.date.isoformat()} "
        f"({law}, rules of {result.date.year:04d}-{result.date.month:02d})",
        f"rows read:     {result.rows_read}",
        f"rows screened: {result.rows_screened}",
        f"rows rejected: {result.rows_rejected}",
    ]
    lines += [f"  {problem}" for problem in result.problems[:PROBLEMS_SHOWN]]
    hidden = len(result.problems) - PROBLEMS_SHOWN
    if hidden > 0:
        lines.append(f"  ... and {hidden} more problems (see the errors column of the table)")
    lines.append(f"eligible, of {result.rows_screened} screened:")
    width = max(len(name) for name in result.eligible_counts)
    lines += [f"  {name:<{width}}  {count}" for name, count in result.eligible_counts.items()]
    rate = result.rows_screened / seconds if seconds > 0 else 0.0
    lines.append(f"screened in {seconds:.2f} s ({rate:,.0f} rows/s)")
    return lines


def run(args) -> int:
    from policy_bd.adapters.remimis import (  # noqa: PLC0415
        SCREENED_PROGRAMS,
        RemimisFileError,
        screen_file,
        write_table,
    )
    from policy_bd.engine import baseline_system, system_for  # noqa: PLC0415
    from policy_bd.files import WriteError, refuse_overwriting_inputs  # noqa: PLC0415
    from policy_bd.freshness import program_warnings, warning_lines  # noqa: PLC0415
    from policy_bd.reform_spec import ReformError  # noqa: PLC0415

    date = _date(args.date)
    inputs = [args.file] + ([args.reform] if args.reform and Path(args.reform).is_file() else [])
    try:
        refuse_overwriting_inputs(args.out, inputs)
    except WriteError as error:
        raise CommandError(str(error)) from None
    try:
        system = system_for(args.reform)
    except ReformError as error:
        problems = "; ".join(str(problem) for problem in error.problems)
        raise CommandError(f"--reform {args.reform}: {problems}") from None
    started = time.perf_counter()
    try:
        sentences = args.language if args.reasons == "sentences" else None
        result = screen_file(args.file, date, system, sentences)
        seconds = time.perf_counter() - started
        write_table(result.table, args.out)
    except (RemimisFileError, WriteError) as error:
        raise CommandError(str(error)) from None
    for line in summary_lines(result, args.file, seconds, args.reform):
        print(line)
    stale = program_warnings(system, f"{date:%Y-%m}", SCREENED_PROGRAMS, baseline=baseline_system())
    for line in warning_lines(stale, "policy-bd screen-returnees"):
        print(line, file=sys.stderr)
    print(f"table written to {args.out} ({len(result.table)} rows)")
    return 1 if result.rows_rejected else 0
