"""Administrative figures of the allowances (beneficiaries, rates, allocations) by fiscal year."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from policy_bd.microsim.fiscal import FiscalYear

ADMIN_PATH = Path(__file__).parent / "data" / "admin.yaml"


@functools.cache
def admin_figures() -> dict[str, dict[FiscalYear, dict]]:
    raw = yaml.safe_load(ADMIN_PATH.read_text(encoding="utf-8"))
    return {
        program: {FiscalYear.parse(year): entry for year, entry in years.items()}
        for program, years in raw.items()
    }


def admin_figure(program: str, year: FiscalYear) -> dict | None:
    """The program's figures for the year, with `cost_crore` and whether it is derived."""
    entry = admin_figures().get(program, {}).get(year)
    if entry is None:
        return None
    out = dict(entry, fiscal_year=year.label)
    if "allocation_crore" in entry:
        out.update(cost_crore=float(entry["allocation_crore"]), cost_basis="allocation")
    else:
        cost = entry["beneficiaries"] * entry["monthly_amount"] * 12 / 1e7
        out.update(cost_crore=cost, cost_basis="derived: beneficiaries x rate x 12")
    return out


def slots(program: str, year: FiscalYear) -> tuple[float, str] | None:
    """The quota (beneficiaries) for the year: that year's figure, else the latest earlier one."""
    years = admin_figures().get(program, {})
    known = sorted(y for y in years if y <= year)
    if not known:
        return None
    chosen = known[-1]
    note = "" if chosen == year else f"{chosen.label} figure (none published for {year.label})"
    return float(years[chosen]["beneficiaries"]), note
