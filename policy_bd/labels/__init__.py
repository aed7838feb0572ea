"""Bangla labels for variables (one YAML file per program in `bn/`); English is the variable label."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

BN_DIR = Path(__file__).parent / "bn"


@functools.cache
def bangla_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for path in sorted(BN_DIR.glob("*.yaml")):
        labels.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return labels


def label(variable, language: str = "en") -> str:
    """The variable's label in `language` ('en' or 'bn'), falling back to English."""
    if language == "bn":
        return bangla_labels().get(variable.name, variable.label)
    return variable.label
