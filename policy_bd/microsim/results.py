"""The results of a microsimulation: tables, a JSON document, a long CSV and a terminal summary."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from policy_bd.files import atomic_write, neutralise_formulas

TABLES = (
    "programs",
    "caseload",
    "poverty",
    "inequality",
    "deciles",
    "regions",
    "coverage",
    "targeting",
    "insurance",
)
# The columns that identify a row of each table: the `item` of the long CSV.
TABLE_KEYS = {
    "programs": ("program",),
    "caseload": ("program", "scenario"),
    "poverty": ("line", "measure", "group"),
    "inequality": ("measure",),
    "deciles": ("decile",),
    "regions": ("breakdown", "region"),
    "coverage": ("program", "scenario"),
    "targeting": ("program",),
    "insurance": ("program", "measure"),
}


def _clean(value):
    """JSON-safe: numpy scalars to Python, NaN and infinities to None."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return _clean(frame.astype(object).where(frame.notna(), None).to_dict(orient="records"))


@dataclass
class Results:
    meta: dict
    programs: pd.DataFrame
    caseload: pd.DataFrame
    poverty: pd.DataFrame
    inequality: pd.DataFrame
    deciles: pd.DataFrame
    regions: pd.DataFrame
    coverage: pd.DataFrame
    targeting: pd.DataFrame
    insurance: pd.DataFrame
    winners_losers: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        out = {"meta": _clean(self.meta)}
        for name in TABLES:
            out[name] = _records(getattr(self, name))
        out["winners_losers"] = _clean(self.winners_losers)
        return out

    def to_long(self) -> pd.DataFrame:
        """Every indicator as one row: data, table, item (the row's key), measure, value.

        `item` joins the table's key columns (`TABLE_KEYS`), so every figure can be tied to its
        program, poverty line, region or decile; `data` marks each row SYNTHETIC or survey, so a
        filtered copy of the file still says where its figures come from. Text columns (labels,
        take-up rules, sources) are in results.json.
        """
        parts = []
        for name in TABLES:
            frame = getattr(self, name)
            if frame.empty:
                continue
            keys = list(TABLE_KEYS[name])
            numbers = [
                column
                for column in frame.columns
                if column not in keys and pd.api.types.is_numeric_dtype(frame[column])
            ]
            item = frame[keys].astype(object).map(str).agg("/".join, axis=1)
            long = (
                frame[numbers]
                .assign(item=item)
                .melt(id_vars="item", var_name="measure", value_name="value")
            )
            parts.append(long.assign(table=name))
        parts.append(
            pd.DataFrame(
                {
                    "table": "winners_losers",
                    "item": "all",
                    "measure": list(self.winners_losers),
                    "value": list(self.winners_losers.values()),
                }
            )
        )
        long = pd.concat(parts, ignore_index=True)
        long["data"] = "SYNTHETIC" if self.meta.get("synthetic") else "survey"
        return long[["data", "table", "item", "measure", "value"]]

    def poverty_value(self, line: str, measure: str, group: str = "all") -> dict:
        row = self.poverty[
            (self.poverty["line"] == line)
            & (self.poverty["measure"] == measure)
            & (self.poverty["group"] == group)
        ].iloc[0]
        return {key: float(row[key]) for key in ("baseline", "reform", "difference")}

    def program(self, name: str) -> dict:
        return self.programs.set_index("program").loc[name].to_dict()

    def summary(self) -> dict:
        """Every figure, as `policy-bd microsim --json` prints it and /v1/microsimulation serves
        it: programs, caseloads, poverty (all, children, elderly), inequality, deciles,
        regions, coverage, targeting, insurance, winners and losers."""
        return self.to_dict()

    def write(self, directory: str | Path, charts: bool = True) -> list[Path]:
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        written = [folder / "results.json", folder / "indicators.csv"]
        with atomic_write(written[0]) as stream:
            stream.write(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n")
        with atomic_write(written[1]) as stream:
            neutralise_formulas(self.to_long()).to_csv(stream, index=False)
        if charts:
            from policy_bd.microsim.charts import write_charts  # noqa: PLC0415

            written += write_charts(self, folder)
        return written

    def text(self) -> str:
        return summary_text(self)


def _number(value, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    return f"{value:,.{digits}f}"


def summary_text(results: Results) -> str:
    meta = results.meta
    title = (
        f"{meta['reform_label']} against baseline law"
        if meta.get("reform")
        else "baseline law (no reform)"
    )
    # The first column is as wide as the longest program name, so no name is cut short.
    names = [*results.programs["label"], *results.insurance.get("label", [])]
    width = max([34, *(len(str(name)) + 2 for name in names)])
    lines = [
        f"OpenFisca Bangladesh microsimulation, {meta['fiscal_year']}: {title}",
        f"Data: {meta['data']} ({meta['households']:,} households, {meta['persons']:,} persons, "
        f"{meta['population'] / 1e6:,.1f} m people weighted)"
        + (f"  [{meta['warning']}]" if meta.get("warning") else ""),
        f"Prices: survey {meta['survey_year']} uprated x{meta['uprating_factor']:.3f}; "
        f"pass-through of transfers into consumption {meta['pass_through']:g}",
        "",
        f"{'Program':<{width}}{'Cost, Tk crore':>34}{'Beneficiaries, lakh':>30}",
        f"{'':<{width}}{'baseline':>11}{'reform':>11}{'change':>12}{'baseline':>10}{'reform':>10}"
        f"{'change':>10}",
    ]
    for row in results.programs.itertuples():
        if not (row.cost_crore_baseline or row.cost_crore_reform):
            continue
        lines.append(
            f"{row.label:<{width}}{_number(row.cost_crore_baseline, 0):>11}"
            f"{_number(row.cost_crore_reform, 0):>11}{_number(row.cost_crore_difference, 0):>12}"
            f"{_number(row.beneficiaries_lakh_baseline):>10}"
            f"{_number(row.beneficiaries_lakh_reform):>10}"
            f"{_number(row.beneficiaries_lakh_difference):>10}"
        )
    baseline = results.caseload[results.caseload["scenario"] == "baseline"]
    if not baseline.empty:
        lines += [
            "",
            f"Baseline caseload three ways ({meta['fiscal_year']})",
            f"{'Program':<{width}}{'eligible':>10}{'quota':>10}{'admin':>10}"
            f"{'eligible':>11}{'quota':>10}{'admin':>10}",
            f"{'':<{width}}{'lakh':>10}{'lakh':>10}{'lakh':>10}{'Tk cr':>11}{'Tk cr':>10}{'Tk cr':>10}",
        ]
        labels = results.programs.set_index("program")["label"]
        for row in baseline.itertuples():
            if not row.eligible_lakh and pd.isna(row.admin_lakh):
                continue
            lines.append(
                f"{labels.get(row.program, row.program):<{width}}"
                f"{_number(row.eligible_lakh):>10}{_number(row.quota_limited_lakh):>10}"
                f"{_number(row.admin_lakh):>10}{_number(row.eligible_cost_crore, 0):>11}"
                f"{_number(row.quota_limited_cost_crore, 0):>10}"
                f"{_number(row.admin_cost_crore, 0):>10}"
            )
    lines += ["", f"{'Poverty (persons)':<{width}}{'baseline':>11}{'reform':>11}{'change':>12}"]
    for row in results.poverty[results.poverty["group"].isin(["all", "elderly"])].itertuples():
        if row.measure == "poor_persons_lakh":
            label, scale, digits = f"poor persons, {row.line} line, lakh", 1, 1
        else:
            group = "" if row.group == "all" else f" ({row.group})"
            label, scale, digits = f"{row.measure}, {row.line} line{group}, %", 100, 2
        lines.append(
            f"{label:<{width}}{_number(row.baseline * scale, digits):>11}"
            f"{_number(row.reform * scale, digits):>11}"
            f"{_number(row.difference * scale, digits):>12}"
        )
    for row in results.inequality.itertuples():
        lines.append(
            f"{row.measure.replace('_', ' '):<{width}}{row.baseline:>11.4f}{row.reform:>11.4f}"
            f"{row.difference:>12.4f}"
        )
    wl = results.winners_losers
    lines += [
        "",
        f"Winners {wl['winners_share']:.1%} of persons, losers {wl['losers_share']:.1%}, "
        f"unchanged {wl['unchanged_share']:.1%}",
        "Mean gain per person by baseline consumption decile (Tk a year): "
        + "  ".join(
            f"{int(row.decile)}: {row.mean_gain_per_person:,.0f}"
            for row in results.deciles.itertuples()
        ),
    ]
    insurance = results.insurance
    active = insurance.groupby("program")[["baseline", "reform"]].apply(
        lambda t: t.abs().sum().sum()
    )
    active = [name for name, total in active.items() if total > 0]
    if active:
        lines += [
            "",
            f"{'Insurance schemes, Tk crore a year':<{width}}{'benefits':>20}{'contributions':>20}"
            f"{'balance':>20}",
            f"{'':<{width}}" + f"{'baseline':>10}{'reform':>10}" * 3,
        ]
        for name in active:
            rows = insurance[insurance["program"] == name].set_index("measure")
            cells = "".join(
                f"{_number(rows.loc[measure, 'baseline'], 0):>10}"
                f"{_number(rows.loc[measure, 'reform'], 0):>10}"
                for measure in ("expected_benefits_crore", "contributions_crore", "balance_crore")
            )
            lines.append(f"{rows['label'].iloc[0]:<{width}}{cells}")
    by_reason: dict[str, list[str]] = {}
    for item in meta.get("not_costed", []):
        by_reason.setdefault(item["reason"], []).append(item["program"])
    if by_reason:
        lines.append("")
    for reason, names in by_reason.items():
        lines.append(f"Not costed ({reason}): {', '.join(names)}")
    return "\n".join(lines)
