"""The programs a microsimulation reports: read from the program registry, nothing hard-coded.

A program is reported when its amount variable exists in the baseline or the reformed system, so
a program merged later, or one a structural reform adds, appears without code changes, and a
program missing from the system is simply left out. How each registry entry is costed:

- `expected_annual_benefit_variable` (insurance schemes, the EIS pilot): benefits paid on events
  the survey does not observe (a job loss, an injury, a birth) are costed by their expected value
  over a year, from the incidence rates of the scheme's parameters; such a program is reported
  as insurance (expected benefits, contributions, balance), not added to consumption;
- `expected_annual_contributions_variable`: the contributions paid for the person over a year;
- `flow: contribution` (a scheme's total contributions): reported as contributions only;
- `amount_period: month`: the amount for the first month of the fiscal year times 12;
  `year`: the amount of the calendar year the fiscal year starts in;
- `amount_period: lump_sum` without an expected annual variable (the Labour Act's employer
  liabilities, paid on events): not costed, listed with the reason;
- an insurance product priced by premiums (`contribution_variables`) with no expected annual
  benefit variable (the migrants' insurance): not costed, its benefits depend on claims;
- `category: contributory_pension` (the Universal Pension): not costed; its amount is a pension
  projected for age 60 and later, not a current transfer, and the survey records no
  contributions to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from policy_bd.programs import Program
from policy_bd.programs import programs as registry

TRANSFER, INSURANCE, CONTRIBUTION = "transfer", "insurance", "contribution"


@dataclass(frozen=True)
class ProgramSpec:
    name: str
    label: str
    status: str
    category: str
    kind: str  # transfer | insurance | contribution
    amount_variable: str | None
    amount_scale: float  # 12 for a monthly amount, 1 for a value that is already annual
    eligibility_variable: str | None = None
    contribution_variable: str | None = None
    contribution_scale: float = 1.0

    @property
    def insurance(self) -> bool:
        return self.kind != TRANSFER


def _spec(name: str, entry: Program, known: set[str]) -> ProgramSpec | str:
    """The spec of a registry entry, or the reason it is not costed."""
    if entry.category == "contributory_pension":
        return "a pension projected for age 60 and later, not a current transfer"
    period = entry.amount_period
    contribution, contribution_scale = entry.expected_annual_contributions_variable, 1.0
    expected = entry.expected_annual_benefit_variable
    priced_by_premium = entry.contribution_variables and not (
        expected or entry.expected_annual_contributions_variable
    )
    if priced_by_premium:
        return (
            "an insurance product whose benefits depend on claims the survey does not observe, "
            "with no expected annual benefit variable"
        )
    if entry.flow == "contribution":
        kind, amount, scale = CONTRIBUTION, None, 0.0
        if contribution is None:
            contribution, contribution_scale = entry.amount_variable, 12.0
    elif expected:
        kind, amount, scale = INSURANCE, expected, 1.0
    elif period == "lump_sum":
        return (
            "a lump sum paid on events the survey does not observe, with no expected annual value"
        )
    else:
        amount, scale = entry.amount_variable, 12.0 if period == "month" else 1.0
        insured = entry.category == "social_insurance" or contribution is not None
        kind = INSURANCE if insured else TRANSFER
    for variable in (amount, contribution):
        if variable is not None and variable not in known:
            return f"{variable} is not in the system"
    eligibility = entry.eligibility_variable
    return ProgramSpec(
        name=name,
        label=entry.label,
        status=entry.status,
        category=entry.category,
        kind=kind,
        amount_variable=amount,
        amount_scale=scale,
        eligibility_variable=eligibility if eligibility in known else None,
        contribution_variable=contribution,
        contribution_scale=contribution_scale,
    )


def program_specs(
    systems, entries: dict[str, Program] | None = None
) -> tuple[list[ProgramSpec], list[dict]]:
    """Programs to cost (transfers first), and those left out with the reason."""
    entries = registry() if entries is None else entries
    known = set().union(*(system.variables for system in systems))
    specs, left_out = [], []
    for name, entry in entries.items():
        spec = _spec(name, entry, known)
        if isinstance(spec, str):
            left_out.append({"program": name, "reason": spec})
        else:
            specs.append(spec)
    specs.sort(key=lambda spec: spec.kind != TRANSFER)
    return specs, left_out
