"""`policy-bd parameters`: the legislation's parameters, and which values have gone stale.

    policy-bd parameters --stale                 # values past their last check today
    policy-bd parameters --stale --on 2026-07-01 # ... on a date (e.g. the start of a fiscal year)
    policy-bd parameters --json

A value is stale on a date after its `last_value_still_valid_on` (the last date someone checked it
was still the law), or in a fiscal year after its `budget_checked_through` (no budget document
found for that year); see `policy_bd.freshness`. Without `--stale` every parameter leaf is listed
with its last check.
"""

from __future__ import annotations

import datetime
import json

from policy_bd import freshness

HELP = "list parameters and the values that are past their last check (--stale)"


def add_arguments(parser) -> None:
    parser.add_argument("--stale", action="store_true", help="only the values that are stale")
    parser.add_argument(
        "--on", metavar="DATE", help="the date to check, YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _date(text: str | None) -> datetime.date:
    from policy_bd.cli import CommandError  # noqa: PLC0415 (avoids an import cycle)

    if text is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--on {text!r} is not a date: write YYYY-MM-DD") from None


def run(args) -> int:
    from policy_bd.system import baseline_system  # noqa: PLC0415 (the system loads on demand)

    on = _date(args.on)
    system = baseline_system()
    if args.stale:
        rows = [stale.as_dict() for stale in freshness.stale_values(system, on)]
    else:
        rows = [
            {
                "parameter": leaf.name,
                "last_checked": str(leaf.metadata.get("last_value_still_valid_on")),
                "budget_checked_through": leaf.metadata.get("budget_checked_through"),
                "stale": bool(freshness.check(leaf, on)),
            }
            for leaf in freshness.leaves(system).values()
        ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.stale:
        print(f"{len({row['parameter'] for row in rows})} parameters have stale values on {on}")
        for row in rows:
            why = (
                "no budget source" if row["reason"] == freshness.NO_BUDGET_SOURCE else "past check"
            )
            print(
                f"  {row['parameter']}  {why}  last checked {row['last_checked']}"
                + (
                    f"  budget through {row['budget_checked_through']}"
                    if row["budget_checked_through"]
                    else ""
                )
            )
    else:
        for row in rows:
            flag = "  STALE" if row["stale"] else ""
            print(f"{row['parameter']}  last checked {row['last_checked']}{flag}")
    return 0
