"""The service's limits, read from the environment once when the application is created.

| setting                | environment variable              | default |
|------------------------|-----------------------------------|---------|
| MAX_CONTENT_LENGTH     | POLICY_BD_MAX_BODY_MB (MiB)       | 64 MiB  |
| MAX_BATCH_PERSONS      | POLICY_BD_MAX_BATCH_PERSONS       | 1000000 |
| MAX_BATCH_HOUSEHOLDS   | POLICY_BD_MAX_BATCH_HOUSEHOLDS    | 400000  |
| MAX_SITUATION_PERSONS  | POLICY_BD_MAX_SITUATION_PERSONS   | 20000   |
| MAX_HOUSEHOLD_MEMBERS  | POLICY_BD_MAX_HOUSEHOLD_MEMBERS   | 50      |
| REFORM_CACHE_SIZE      | POLICY_BD_REFORM_CACHE_SIZE       | 32      |
"""

from __future__ import annotations

import os
from collections.abc import Mapping

MIB = 1024 * 1024

# setting -> (environment variable, default, multiplier applied to the environment value)
SETTINGS = {
    "MAX_CONTENT_LENGTH": ("POLICY_BD_MAX_BODY_MB", 64 * MIB, MIB),
    "MAX_BATCH_PERSONS": ("POLICY_BD_MAX_BATCH_PERSONS", 1_000_000, 1),
    "MAX_BATCH_HOUSEHOLDS": ("POLICY_BD_MAX_BATCH_HOUSEHOLDS", 400_000, 1),
    "MAX_SITUATION_PERSONS": ("POLICY_BD_MAX_SITUATION_PERSONS", 20_000, 1),
    "MAX_HOUSEHOLD_MEMBERS": ("POLICY_BD_MAX_HOUSEHOLD_MEMBERS", 50, 1),
    "REFORM_CACHE_SIZE": ("POLICY_BD_REFORM_CACHE_SIZE", 32, 1),
}


class ConfigurationError(ValueError):
    """A limit set in the environment is not a positive whole number."""


def settings(environ: Mapping[str, str] | None = None, **overrides: int) -> dict[str, int]:
    """Every setting: an override, else the environment, else the default."""
    environ = os.environ if environ is None else environ
    out = {}
    for key, (name, default, multiplier) in SETTINGS.items():
        if key in overrides:
            out[key] = int(overrides[key])
            continue
        text = environ.get(name)
        if text is None or text.strip() == "":
            out[key] = default
            continue
        try:
            value = int(text)
        except ValueError:
            raise ConfigurationError(f"{name}={text!r} is not a whole number") from None
        if value <= 0:
            raise ConfigurationError(f"{name}={text!r} must be positive")
        out[key] = value * multiplier
    unknown = set(overrides) - set(SETTINGS)
    if unknown:
        raise ConfigurationError(f"unknown settings: {', '.join(sorted(unknown))}")
    return out
