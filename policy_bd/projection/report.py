"""A projection as text, CSV, JSON and charts (what `policy-bd project` writes)."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

from policy_bd.projection.run import Projection

CRORE = 1e7
TABLE_COLUMNS = (
    ("year", "year", 1, "{:.0f}"),
    ("insured", "insured (lakh)", 1e5, "{:,.1f}"),
    ("contributions", "contrib.", CRORE, "{:,.0f}"),
    ("co_financing", "co-fin.", CRORE, "{:,.0f}"),
    ("benefits", "benefits", CRORE, "{:,.0f}"),
    ("administration", "admin.", CRORE, "{:,.0f}"),
    ("investment_income", "invest.", CRORE, "{:,.0f}"),
    ("reserve", "reserve", CRORE, "{:,.0f}"),
    ("reserve_ratio", "res.ratio", 1, "{:.2f}"),
    ("payg_cost_rate", "cost rate %", 0.01, "{:.3f}"),
    ("pensions_in_payment", "pensions", 1, "{:,.0f}"),
)


def _percent(rate) -> str:
    return "n/a" if rate is None or not math.isfinite(rate) else f"{100 * rate:.3f}%"


def text(projection: Projection, every: int = 5) -> str:
    """The financing answers of each branch and a table of every `every`-th year."""
    scenario = projection.scenario
    lines = [
        f"{scenario.title}",
        f"FY{scenario.base_year}-{(scenario.base_year + 1) % 100:02d} to "
        f"FY{scenario.horizon}-{(scenario.horizon + 1) % 100:02d}; money in Tk crore a year "
        "(current prices), rates as % of contributory wages",
    ]
    if scenario.data == "synthetic":
        lines.append("SYNTHETIC SAMPLE: illustrative figures, not a costing of real data")
    for name, result in projection.branches.items():
        total = sum(result.rates.values())
        lines += [
            "",
            f"== {name} ==",
            f"contribution rate {_percent(total)} "
            f"({', '.join(f'{k} {_percent(v)}' for k, v in result.rates.items())})",
            "general average premium: "
            + ", ".join(
                f"{years} years {_percent(rate)}"
                for years, rate in result.general_average_premium.items()
            ),
            f"scaled premium (reserve ratio >= {result.scaled_premium['reserve_ratio_target']:g} "
            f"for {result.scaled_premium['period_years']} years): "
            f"{_percent(result.scaled_premium['rate'])}",
            "fund runs out: "
            + (
                f"in FY{result.exhaustion_year}-{(result.exhaustion_year + 1) % 100:02d}"
                if result.exhaustion_year
                else "never before the horizon"
            )
            + " at the contribution rate",
        ]
        band = projection.stochastic.get(name)
        if band:
            lines.append(
                f"stochastic ({band['paths']} incidence paths): fund runs out in "
                f"{100 * band['probability_fund_runs_out']:.1f}% of paths"
            )
        sensitivity = projection.sensitivity.get(name)
        if sensitivity:
            horizon = str(len(result.years))
            parts = []
            for key, answers in sensitivity.items():
                if key in {"central", "steps"}:
                    continue
                parts.append(f"{key} {_percent(answers['general_average_premium'][horizon])}")
            lines.append(f"premium over the horizon under sensitivity: {', '.join(parts)}")
        header = " ".join(f"{label:>12}" for _, label, _, _ in TABLE_COLUMNS)
        lines.append(header)
        rows = result.rows()
        for index, row in enumerate(rows):
            if index % every and index != len(rows) - 1:
                continue
            cells = []
            for key, _, scale, form in TABLE_COLUMNS:
                value = row.get(key)
                cells.append(f"{'n/a' if value is None else form.format(value / scale):>12}")
            lines.append(" ".join(cells))
    return "\n".join(lines)


def csv_text(projection: Projection) -> str:
    """Every year of every branch, one row each, money in Tk."""
    out = io.StringIO()
    writer = None
    for name, result in projection.branches.items():
        for row in result.rows():
            record = {"branch": name, **row}
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(record))
                writer.writeheader()
            writer.writerow(record)
    return out.getvalue()


def write(projection: Projection, folder: Path) -> list[Path]:
    """projection.json, projection.csv, summary.txt and the charts."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    path = folder / "projection.json"
    path.write_text(json.dumps(projection.as_dict(), indent=1, allow_nan=False), encoding="utf-8")
    written.append(path)
    path = folder / "projection.csv"
    path.write_text(csv_text(projection), encoding="utf-8")
    written.append(path)
    path = folder / "summary.txt"
    path.write_text(text(projection) + "\n", encoding="utf-8")
    written.append(path)
    written += charts(projection, folder)
    return written


def charts(projection: Projection, folder: Path) -> list[Path]:
    """reserve.png (with the stochastic band) and cost_rate.png, one panel per branch."""
    return [
        _figure(projection, folder / "reserve.png", _reserve_panel),
        _figure(projection, folder / "cost_rate.png", _cost_rate_panel),
    ]


def _figure(projection: Projection, path: Path, draw) -> Path:
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    names = list(projection.branches)
    figure, axes = plt.subplots(len(names), 1, figsize=(8, 2.6 * len(names)), squeeze=False)
    for axis, name in zip(axes[:, 0], names, strict=True):
        draw(axis, name, projection)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _reserve_panel(axis, name: str, projection: Projection) -> None:
    result = projection.branches[name]
    years = result.years
    axis.plot(years, result.columns["reserve"] / CRORE, label="reserve", color="tab:blue")
    band = projection.stochastic.get(name)
    if band:
        p = band["reserve_percentiles"]
        axis.fill_between(
            years,
            [v / CRORE for v in p["5"]],
            [v / CRORE for v in p["95"]],
            alpha=0.2,
            color="tab:blue",
            label="5-95% of incidence paths",
        )
    axis.axhline(0, color="grey", linewidth=0.8)
    axis.set_title(f"{name}: reserve (Tk crore)")
    axis.legend(loc="upper left", fontsize=8)


def _cost_rate_panel(axis, name: str, projection: Projection) -> None:
    result = projection.branches[name]
    years = result.years
    axis.plot(years, 100 * result.columns["payg_cost_rate"], label="PAYG cost rate")
    axis.plot(years, 100 * result.columns["contribution_rate"], label="contribution rate")
    horizon = str(len(years))
    axis.axhline(
        100 * result.general_average_premium[horizon],
        linestyle="--",
        color="tab:green",
        label="general average premium (horizon)",
    )
    axis.set_title(f"{name}: % of contributory wages")
    axis.legend(loc="upper right", fontsize=8)
