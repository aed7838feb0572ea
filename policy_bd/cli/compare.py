"""`policy-bd compare`: what a reform changes for each person and household of a situation.

    policy-bd compare --reform nsis_maternity situation.json --period 2025-07
    policy-bd compare --reform my_reform.yaml situation.json --period 2025-07 --json

The reform is a registered name (`policy-bd reforms` lists them) or a reform file. The situation
is an OpenFisca situation (`persons`, `households`); inputs given without a period apply to the
compared month. Every computed variable is evaluated under baseline law and under the reform, and
each one that differs is printed with both values and the difference. `--variables` shows chosen
variables whether or not they change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import Simulation

from policy_bd import engine, freshness
from policy_bd.engine.compute import TOLERANCE, difference

HELP = "compare baseline law and a reform for each person and household of a situation"

# Dates and text are inputs or bookkeeping, not outcomes a reform changes.
COMPARABLE_TYPES = (float, int, bool, Enum)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--reform",
        required=True,
        metavar="FILE_OR_NAME",
        help="a registered reform name or a reform file (.yaml or .json)",
    )
    parser.add_argument("situation", metavar="SITUATION.json", help="situation file ('-': stdin)")
    parser.add_argument("--period", required=True, help="the month to compare, YYYY-MM")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--variables",
        help="comma-separated variables to show even when they do not change (only these)",
    )


def run(args) -> int:
    from policy_bd.cli import CommandError  # noqa: PLC0415 (avoids an import cycle)

    try:
        result = compare(args.reform, _read_situation(args.situation), args.period, args.variables)
    except ComparisonError as error:
        raise CommandError(str(error)) from None
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else render(result))
    return 0


class ComparisonError(ValueError):
    """A reform, situation, period or variable the comparison cannot use."""


def _read_situation(source: str) -> dict:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as error:
        raise ComparisonError(f"cannot read the situation {source}: {error.strerror}") from None
    try:
        situation = json.loads(text)
    except json.JSONDecodeError as error:
        raise ComparisonError(
            f"{source} is not valid JSON: {error.msg} (line {error.lineno})"
        ) from None
    if not isinstance(situation, dict) or "persons" not in situation:
        raise ComparisonError(f"{source} is not a situation: it needs a 'persons' mapping")
    return situation


def _resolved(reform: str) -> engine.Resolved:
    from policy_bd.reform_spec import ReformError, ReformProblem  # noqa: PLC0415

    try:
        return engine.resolve_reform(reform)
    except ReformError as error:
        lines = [
            str(problem) for problem in error.problems or [ReformProblem("reform", str(error))]
        ]
        where = f"{reform} is not a valid reform" if len(lines) > 1 else f"reform {reform}"
        raise ComparisonError(f"{where}:\n  " + "\n  ".join(lines)) from None


def _simulation(system, situation: dict, month) -> Simulation:
    """The situation through the engine; an input without a period is for the compared month
    (or its year, for a yearly variable)."""
    try:
        built = engine.read_situation(system, situation, default_period=month)
    except engine.InputError as error:
        lines = "\n  ".join(str(problem) for problem in error.problems)
        raise ComparisonError(f"the situation cannot be used:\n  {lines}") from None
    return built if isinstance(built, Simulation) else engine.simulate(system, built)


def _candidates(baseline, reformed, chosen: list[str] | None) -> list[str]:
    if chosen:
        unknown = [name for name in chosen if name not in reformed.variables]
        if unknown:
            raise ComparisonError(f"unknown variable(s): {', '.join(unknown)}")
        return chosen
    names = []
    for name, variable in reformed.variables.items():
        other = baseline.variables.get(name)
        computed = bool(variable.formulas) or bool(other and other.formulas)
        if computed and variable.value_type in COMPARABLE_TYPES:
            names.append(name)
    return sorted(names)


def compare(reform: str, situation: dict, period_text: str, variables: str | None = None) -> dict:
    """Baseline and reform values of every affected variable, by entity and member id."""
    try:
        month = periods.period(period_text)
    except ValueError:
        raise ComparisonError(f"--period {period_text!r} is not a month (YYYY-MM)") from None
    if month.unit != periods.DateUnit.MONTH or month.size != 1:
        raise ComparisonError(f"--period {period_text!r} is not one month: write YYYY-MM")
    baseline = engine.baseline_system()
    resolved = _resolved(reform)
    reformed = resolved.system
    reform_object = resolved.reform
    title = getattr(reform_object, "title", None) or resolved.name or str(reform)
    chosen = [name.strip() for name in variables.split(",") if name.strip()] if variables else None
    names = _candidates(baseline, reformed, chosen)
    before = _simulation(baseline, situation, month)
    after = _simulation(reformed, situation, month)

    result: dict = {"reform": {"name": str(reform), "title": title}, "period": str(month)}
    for entity in reformed.entities:
        result[entity.plural] = {str(member): {} for member in after.populations[entity.key].ids}
    plural = {entity.key: entity.plural for entity in reformed.entities}
    for row in engine.compare(before, after, names, month):
        if chosen or row.changed:
            result[plural[row.entity]][row.id][row.variable] = {
                "baseline": _plain(row.baseline),
                "reform": _plain(row.reform),
                "difference": row.difference,
            }
    result["warnings"] = freshness.warnings(baseline, month)
    return result


def _plain(value):
    return round(value, 2) if isinstance(value, float) else value


def _show(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
    return str(value)


def _show_difference(row: dict) -> str:
    if row["difference"] is None:
        return "changed" if difference(row["baseline"], row["reform"])[1] else ""
    if abs(row["difference"]) < TOLERANCE:
        return "0"
    return f"{row['difference']:+,.2f}"


def render(result: dict) -> str:
    """A readable table: one block per person and household with changed variables."""
    lines = [
        f"Reform: {result['reform']['title']} ({result['reform']['name']})",
        f"Period: {result['period']}",
    ]
    if result.get("warnings"):
        stale = sorted({item["parameter"] for item in result["warnings"]})
        lines += [
            "",
            f"Warning: {len(stale)} parameter values used are past their last check or "
            f"have no budget source for this month ({', '.join(stale[:3])}"
            f"{', ...' if len(stale) > 3 else ''}); `policy-bd parameters --stale --on "
            f"{result['period']}-01` lists them",
        ]
    entities = [key for key in result if key not in {"reform", "period", "warnings"}]
    blocks = 0
    for plural in entities:
        for member, rows in result[plural].items():
            if not rows:
                continue
            blocks += 1
            table = [
                (name, _show(row["baseline"]), _show(row["reform"]), _show_difference(row))
                for name, row in rows.items()
            ]
            header = ("variable", "baseline", "reform", "difference")
            widths = [max(len(r[i]) for r in [header, *table]) for i in range(4)]
            lines += ["", f"{plural[:-1] if plural.endswith('s') else plural} {member}"]
            for row in [header, *table]:
                lines.append(
                    "  "
                    + row[0].ljust(widths[0])
                    + "".join(
                        f"  {cell.rjust(width)}"
                        for cell, width in zip(row[1:], widths[1:], strict=True)
                    )
                )
    if not blocks:
        lines += ["", "No variable changes for this situation in this month."]
    return "\n".join(lines)
