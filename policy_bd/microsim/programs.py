"""The programs a microsimulation reports: read from the program registry, nothing hard-coded.

A program is reported when its amount variable exists in the baseline or the reformed system,
so a program merged later, or one a structural reform adds, appears without code changes, and
a program missing from the system is simply left out. Monthly amounts are costed as the first
month of the fiscal year times 12, yearly ones as they are. Lump sums are paid on events the
survey does not observe (a birth, an injury): they are listed as not costed unless the registry
names a variable with their expected annual value (`expected_annual_variable`). A registry entry
may also name a `contribution_variable` (with `contribution_period` month or year): its
contributions are then reported with the benefits and the balance.
"""

from __future__ import annotations

from dataclasses import dataclass

from policy_bd.programs import programs as registry


@dataclass(frozen=True)
class ProgramSpec:
    name: str
    label: str
    status: str
    category: str
    amount_variable: str
    amount_period: str  # month | year
    eligibility_variable: str | None = None
    contribution_variable: str | None = None
    contribution_period: str = "month"

    @property
    def insurance(self) -> bool:
        return self.contribution_variable is not None


def program_specs(
    systems, entries: dict[str, dict] | None = None
) -> tuple[list[ProgramSpec], list[dict]]:
    """Programs to cost, and those left out with the reason, for the given systems."""
    entries = registry() if entries is None else entries
    known = set().union(*(system.variables for system in systems))
    specs, left_out = [], []
    for name, entry in entries.items():
        period = entry.get("amount_period", "month")
        amount = entry.get("amount_variable")
        if period == "lump_sum":
            amount = entry.get("expected_annual_variable")
            period = "year"
            if amount is None:
                left_out.append(
                    {
                        "program": name,
                        "reason": "lump sum paid on events the survey does not "
                        "observe; no expected_annual_variable in the registry",
                    }
                )
                continue
        if amount not in known:
            left_out.append({"program": name, "reason": f"{amount} is not in the system"})
            continue
        eligibility = entry.get("eligibility_variable")
        contribution = entry.get("contribution_variable")
        specs.append(
            ProgramSpec(
                name=name,
                label=entry.get("label", name),
                status=entry.get("status", "law"),
                category=entry.get("category", ""),
                amount_variable=amount,
                amount_period=period,
                eligibility_variable=eligibility if eligibility in known else None,
                contribution_variable=contribution if contribution in known else None,
                contribution_period=entry.get("contribution_period", "month"),
            )
        )
    return specs, left_out
