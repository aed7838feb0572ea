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
import math
import sys
from pathlib import Path

import numpy as np
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.simulation_builder import SimulationBuilder

from policy_bd import freshness

HELP = "compare baseline law and a reform for each person and household of a situation"

# Amounts closer than half a paisa are equal: floating-point noise is not a change.
TOLERANCE = 0.005
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


def _system(reform: str | None):
    from policy_bd.reform_spec import ReformError, ReformProblem  # noqa: PLC0415
    from policy_bd.system import baseline_system, resolve, system_for  # noqa: PLC0415

    if reform is None:
        return baseline_system(), "baseline"
    try:
        resolved = resolve(reform)
        system = system_for(reform)
    except ReformError as error:
        lines = [
            str(problem) for problem in error.problems or [ReformProblem("reform", str(error))]
        ]
        where = f"{reform} is not a valid reform" if len(lines) > 1 else f"reform {reform}"
        raise ComparisonError(f"{where}:\n  " + "\n  ".join(lines)) from None
    title = getattr(resolved, "title", None) or getattr(resolved, "name", None) or str(reform)
    return system, title


def _simulation(system, situation: dict, period):
    builder = SimulationBuilder()
    builder.set_default_period(period)
    try:
        return builder.build_from_entities(system, json.loads(json.dumps(situation)))
    except Exception as error:  # OpenFisca reports situation errors with several exception types
        message = getattr(error, "error", None) or str(error)
        raise ComparisonError(f"the situation cannot be used: {message}") from None


def _period_for(variable, month):
    unit = variable.definition_period
    if unit == periods.DateUnit.MONTH:
        return month
    if unit == periods.DateUnit.YEAR:
        return month.this_year
    if unit == periods.DateUnit.ETERNITY:
        return month  # OpenFisca reads an eternal variable at any period
    return None


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


def _values(simulation, variable, period):
    array = simulation.calculate(variable.name, period)
    if isinstance(array, EnumArray):
        return [str(item.name) for item in array.decode()]
    if variable.value_type not in COMPARABLE_TYPES:  # dates and text, shown as text
        return [str(item) for item in array.tolist()]
    return array.tolist()


def _changed(before, after) -> bool:
    if before is None or after is None:
        return before is not after
    if isinstance(before, float) or isinstance(after, float):
        return not math.isclose(before, after, abs_tol=TOLERANCE)
    return before != after


def _difference(before, after):
    if isinstance(before, bool) or isinstance(after, bool) or isinstance(before, str):
        return None
    if before is None or after is None:
        return None
    return round(after - before, 2)


def compare(reform: str, situation: dict, period_text: str, variables: str | None = None) -> dict:
    """Baseline and reform values of every affected variable, by entity and member id."""
    try:
        month = periods.period(period_text)
    except ValueError:
        raise ComparisonError(f"--period {period_text!r} is not a month (YYYY-MM)") from None
    if month.unit != periods.DateUnit.MONTH or month.size != 1:
        raise ComparisonError(f"--period {period_text!r} is not one month: write YYYY-MM")
    baseline, _ = _system(None)
    reformed, title = _system(reform)
    chosen = [name.strip() for name in variables.split(",") if name.strip()] if variables else None
    names = _candidates(baseline, reformed, chosen)
    before_sim = _simulation(baseline, situation, month)
    after_sim = _simulation(reformed, situation, month)

    result: dict = {"reform": {"name": str(reform), "title": title}, "period": str(month)}
    for entity in reformed.entities:
        result[entity.plural] = {
            member: {} for member in list(after_sim.populations[entity.key].ids)
        }
    for name in names:
        variable = reformed.variables[name]
        period = _period_for(variable, month)
        if period is None:
            continue
        after = _values(after_sim, variable, period)
        if name in baseline.variables:
            before = _values(before_sim, baseline.variables[name], period)
        else:
            before = [None] * len(after)
        ids = list(after_sim.populations[variable.entity.key].ids)
        for member, old, new in zip(ids, before, after, strict=True):
            if chosen or _changed(old, new):
                result[variable.entity.plural][member][name] = {
                    "baseline": _plain(old),
                    "reform": _plain(new),
                    "difference": _difference(old, new),
                }
    result["warnings"] = freshness.warnings(baseline, month)
    return result


def _plain(value):
    if isinstance(value, float | np.floating):
        return round(float(value), 2)
    return value


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
        return "changed" if _changed(row["baseline"], row["reform"]) else ""
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
