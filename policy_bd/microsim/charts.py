"""PNG charts of a microsimulation: gains by decile, poverty before and after, cost by program."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd


def _title(results) -> str:
    meta = results.meta
    mark = " (synthetic data)" if meta.get("synthetic") else ""
    return f"{meta['fiscal_year']}: {meta['reform_label']}{mark}"


def decile_chart(results, path: Path) -> Path:
    figure, axis = plt.subplots(figsize=(8, 4.5))
    deciles = results.deciles
    axis.bar(deciles["decile"], deciles["mean_gain_per_person"], color="#2a7f62")
    axis.set_xticks(deciles["decile"])
    axis.set_xlabel("Decile of baseline consumption per person (1 = poorest)")
    axis.set_ylabel("Mean gain, Tk per person per year")
    axis.axhline(0, color="black", linewidth=0.8)
    axis.set_title(f"Gain by decile, {_title(results)}")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def poverty_chart(results, path: Path) -> Path:
    poverty = results.poverty[results.poverty["measure"] == "headcount"]
    labels = [f"{row.group}\n{row.line} line" for row in poverty.itertuples()]
    x = np.arange(len(labels))
    figure, axis = plt.subplots(figsize=(9, 4.5))
    axis.bar(x - 0.2, poverty["baseline"] * 100, 0.4, label="baseline", color="#999999")
    axis.bar(x + 0.2, poverty["reform"] * 100, 0.4, label="reform", color="#c0392b")
    axis.set_xticks(x, labels)
    axis.set_ylabel("Headcount, % of persons")
    axis.legend()
    axis.set_title(f"Poverty before and after, {_title(results)}")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def cost_chart(results, path: Path) -> Path:
    programs = results.programs
    programs = programs[(programs["cost_crore_baseline"] > 0) | (programs["cost_crore_reform"] > 0)]
    caseload = results.caseload[results.caseload["scenario"] == "baseline"].set_index("program")
    x = np.arange(len(programs))
    figure, axis = plt.subplots(figsize=(9, 4.5))
    axis.bar(x - 0.27, programs["cost_crore_baseline"], 0.27, label="baseline", color="#999999")
    axis.bar(x, programs["cost_crore_reform"], 0.27, label="reform", color="#c0392b")
    admin = [caseload["admin_cost_crore"].get(name) for name in programs["program"]]
    axis.bar(
        x + 0.27,
        [value if pd.notna(value) else 0 for value in admin],
        0.27,
        label="administrative",
        color="#2e86c1",
    )
    axis.set_xticks(x, [textwrap.fill(label, 24) for label in programs["label"]], fontsize=8)
    axis.set_ylabel("Tk crore a year")
    axis.legend()
    axis.set_title(f"Cost by program, {_title(results)}")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def write_charts(results, folder: Path) -> list[Path]:
    return [
        decile_chart(results, folder / "decile_gains.png"),
        poverty_chart(results, folder / "poverty.png"),
        cost_chart(results, folder / "cost_by_program.png"),
    ]
