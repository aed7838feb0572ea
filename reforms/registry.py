"""Collects the named reforms: Python Reform classes and the YAML files in `parametric/`.

A name maps either to an OpenFisca Reform class (structural reforms, modules of this folder) or
to the path of a parametric reform file, which `policy_bd.system` validates when it is used.
Add a structural reform by writing its module here and naming its class in STRUCTURAL; add a
parametric reform by dropping a reform file in `parametric/` (its file name is its name).
"""

from __future__ import annotations

import sys
from pathlib import Path

from policy_bd.reforms.universal_old_age_allowance import universal_old_age_allowance

from policy_bd.paths import REFORMS_DIR

PARAMETRIC_DIR = REFORMS_DIR / "parametric"
EXAMPLES_DIR = REFORMS_DIR / "examples"

# Structural reforms: name -> Reform class.
STRUCTURAL: dict[str, type] = {
    "universal_old_age_allowance": universal_old_age_allowance,
}

PARAMETRIC: dict[str, Path] = {path.stem: path for path in sorted(PARAMETRIC_DIR.glob("*.yaml"))}

_clash = set(PARAMETRIC) & set(STRUCTURAL)
if _clash:
    msg = f"reform names used twice (a file in parametric/ and a class): {sorted(_clash)}"
    raise RuntimeError(msg)

REGISTRY: dict[str, type | Path] = {**PARAMETRIC, **STRUCTURAL}


def describe(name: str) -> dict:
    """Name, kind, title and description of a registered reform (for listings)."""
    import yaml  # noqa: PLC0415 (only listings need it)

    entry = REGISTRY[name]
    if isinstance(entry, Path):
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        title = data.get("title", name)
        description = " ".join(str(data.get("description", "")).split())
        return {"name": name, "kind": "parametric", "title": title, "description": description}
    module = sys.modules.get(entry.__module__)
    doc = " ".join(((module and module.__doc__) or "").split())
    return {"name": name, "kind": "structural", "title": entry.name, "description": doc}
