"""`policy-bd reforms`: list the named reforms, or check a reform file before using it.

policy-bd reforms                      # name, kind and title of every named reform
policy-bd reforms --check my.yaml      # validate a drafter's file; exit 2 with every problem
"""

from __future__ import annotations

import json
from pathlib import Path

HELP = "list the named reforms, or check a reform file (--check FILE)"


def add_arguments(parser) -> None:
    parser.add_argument("--check", metavar="FILE", help="validate a reform file (.yaml or .json)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args) -> int:
    from policy_bd.cli import CommandError  # noqa: PLC0415 (avoids an import cycle)
    from policy_bd.engine import baseline_system  # noqa: PLC0415
    from policy_bd.reform_spec import ReformError, load_file  # noqa: PLC0415
    from policy_bd.reforms.registry import REGISTRY, describe  # noqa: PLC0415

    if args.check:
        path = Path(args.check)
        if not path.is_file():
            raise CommandError(f"no reform file {args.check}")
        try:
            spec = load_file(path, baseline_system().parameters)
        except ReformError as error:
            problems = "\n  ".join(str(problem) for problem in error.problems)
            raise CommandError(f"{path.name} is not a valid reform:\n  {problems}") from None
        if args.json:
            print(json.dumps(spec.as_dict(), indent=2, ensure_ascii=False))
        else:
            print(f"{path.name}: valid reform '{spec.title}' ({len(spec.changes)} change(s))")
            for change in spec.changes:
                until = f" to {change.stop}" if change.stop else ""
                print(f"  {change.parameter} = {change.value!r} from {change.start}{until}")
        return 0
    entries = [describe(name) for name in sorted(REGISTRY)]
    if args.json:
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return 0
    width = max(len(entry["name"]) for entry in entries)
    for entry in entries:
        print(f"{entry['name'].ljust(width)}  {entry['kind']:<10}  {entry['title']}")
    return 0
