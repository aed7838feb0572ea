"""Bangla labels: variables (one YAML file per program in `bn/`), enumeration values and
payment schedules (`bn_values/`). English is the variable's label, the enumeration's text and
the registry's schedule."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

BN_DIR = Path(__file__).parent / "bn"
BN_VALUES_DIR = Path(__file__).parent / "bn_values"


@functools.cache
def bangla_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for path in sorted(BN_DIR.glob("*.yaml")):
        labels.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return labels


@functools.cache
def _bangla_values(name: str) -> dict:
    return yaml.safe_load((BN_VALUES_DIR / f"{name}.yaml").read_text(encoding="utf-8")) or {}


def label(variable, language: str = "en") -> str:
    """The variable's label in `language` ('en' or 'bn'), falling back to English."""
    if language == "bn":
        return bangla_labels().get(variable.name, variable.label)
    return variable.label


def enum_label(enum, name: str, language: str = "en") -> str:
    """The text of an enumeration's value (by its code) in `language`."""
    if language == "bn":
        found = _bangla_values("enums").get(enum.__name__, {}).get(name)
        if found:
            return found
    return str(enum[name].value)


def payment_schedule(program: str, english: str | None, language: str = "en") -> str | None:
    """A program's payment schedule in `language` (None when the registry gives none)."""
    if english is None or language != "bn":
        return english
    return _bangla_values("payment_schedules").get(program, english)
