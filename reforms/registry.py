"""Collects the named reforms: Python Reform classes and the YAML files in `parametric/`.

A name maps either to an OpenFisca Reform class (structural reforms, modules of this folder) or
to the path of a parametric reform file, which `policy_bd.system` validates when it is used.
"""

from __future__ import annotations

from pathlib import Path

from policy_bd.paths import REFORMS_DIR

PARAMETRIC_DIR = REFORMS_DIR / "parametric"

# Structural reforms: name -> Reform class. Each module of this folder adds its own.
STRUCTURAL: dict[str, type] = {}

REGISTRY: dict[str, type | Path] = {
    **{path.stem: path for path in sorted(PARAMETRIC_DIR.glob("*.yaml"))},
    **STRUCTURAL,
}
