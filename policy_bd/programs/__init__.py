"""The program registry: one YAML file per program, read by explanations and microsimulation."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

PROGRAMS_DIR = Path(__file__).parent
STATUSES = {"law", "pilot", "proposal"}
AMOUNT_PERIODS = {"month", "lump_sum", "year"}
REQUIRED_KEYS = {
    "name",
    "label",
    "label_bn",
    "status",
    "category",
    "amount_variable",
    "amount_period",
    "eligibility_variable",
    "criteria",
}


@functools.cache
def programs() -> dict[str, dict]:
    """Every registered program by name, in file-name order."""
    found = {}
    for path in sorted(PROGRAMS_DIR.glob("*.yaml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[entry["name"]] = entry
    return found
