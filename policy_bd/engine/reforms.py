"""Reforms: a registered name, a reform file or a JSON spec resolved to one tax-benefit system.

Every surface asks `resolve_reform` for the system of its reform. A reform is given as None
(baseline law), the name of a registered reform, a path to a YAML or JSON reform file (only when
`files=True`: a web request never names a file on the server), a dict in the reform-file
structure, an already validated spec, or an OpenFisca Reform class. Systems are kept in ONE
bounded LRU keyed by the reform's content digest (a parametric reform's digest, a structural
reform's class), so two texts with the same changes, or a name and the file it points to, share
one system and a repeated reform costs what baseline law costs.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path

from cachetools import LRUCache
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd import CountryTaxBenefitSystem
from policy_bd.reform_spec import (
    CHANGE_KEYS,
    ParametricReformSpec,
    ReformError,
    ReformProblem,
    from_json,
    load_file,
)

CACHE_SIZE = 32
_SYSTEMS: LRUCache = LRUCache(maxsize=CACHE_SIZE)
_LOCK = threading.Lock()

# The shape of a parametric reform as JSON schema: the one declaration the OpenAPI documents use
# (the validator itself is `policy_bd.reform_spec`).
REFORM_SPEC_SCHEMA = {
    "type": "object",
    "description": "A parametric reform, with the structure of the YAML reform files",
    "required": ["changes"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "example": "Old Age Allowance of Tk 800"},
        "description": {"type": "string"},
        "changes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": sorted(CHANGE_KEYS - {"stop"}),
                "additionalProperties": False,
                "properties": {
                    "parameter": {
                        "type": "string",
                        "description": "Dotted name of a parameter leaf (or a bracket's value)",
                        "example": "social_assistance.old_age_allowance.amount",
                    },
                    "value": {"description": "The new value: a number, true/false, text or a list"},
                    "start": {"type": "string", "format": "date", "example": "2025-07-01"},
                    "stop": {"type": "string", "format": "date"},
                },
            },
        },
    },
}
REFORM_SCHEMA = {
    "description": (
        "A registered reform's name (GET /v1/reforms), or a parametric reform with the "
        "structure of a reform file: title, description, and changes of parameter values"
    ),
    "oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/ReformSpec"}],
}


@functools.cache
def baseline_system() -> CountryTaxBenefitSystem:
    """Baseline law, built once per process."""
    return CountryTaxBenefitSystem()


def named_reforms() -> dict:
    """Registered reforms by name: Reform classes and parametric reform files from reforms/."""
    from policy_bd.reforms import REGISTRY  # noqa: PLC0415 (the registry imports the package)

    return REGISTRY


@dataclass(frozen=True)
class Resolved:
    """A resolved reform: its system, what it is, and how a response describes it."""

    system: TaxBenefitSystem
    reform: ParametricReformSpec | type | None
    name: str | None
    digest: str

    def describe(self) -> dict | None:
        """What a response says about the reform it used (None for baseline law)."""
        return None if self.reform is None else describe_reform(self.name, self.reform)


def describe_reform(name: str | None, reform: ParametricReformSpec | type) -> dict:
    if isinstance(reform, ParametricReformSpec):
        return {
            "name": name,
            "kind": "parametric",
            "title": reform.title,
            "description": reform.description,
            "digest": reform.digest,
            "changes": reform.as_dict()["changes"],
        }
    return {
        "name": name,
        "kind": "structural",
        "title": getattr(reform, "name", None) or name,
        "description": (reform.__doc__ or "").strip(),
        "digest": None,
        "changes": [],
    }


def _problem(message: str) -> ReformError:
    return ReformError([ReformProblem("reform", message)])


def _spec_or_class(
    reform: object, parameters, files: bool
) -> tuple[ParametricReformSpec | type, str | None]:
    """The validated spec (or Reform class) behind `reform`, and its registered name."""
    if isinstance(reform, ParametricReformSpec):
        return reform, None
    if isinstance(reform, type):
        return reform, getattr(reform, "name", None) or reform.__name__
    if isinstance(reform, dict):
        return from_json(reform, parameters), None
    if isinstance(reform, str | Path):
        registry = named_reforms()
        if str(reform) in registry:
            entry = registry[str(reform)]
            resolved = load_file(entry, parameters) if isinstance(entry, Path) else entry
            return resolved, str(reform)
        known = ", ".join(sorted(registry)) or "none yet"
        if not files:
            raise _problem(f"'{reform}' is not a registered reform (known: {known})")
        path = Path(reform)
        if path.suffix in {".yaml", ".yml", ".json"} and path.is_file():
            return load_file(path, parameters), None
        raise _problem(f"'{reform}' is neither a registered reform ({known}) nor a reform file")
    raise _problem(
        "give the name of a registered reform (text) or a reform object "
        f"(title, description, changes), not {type(reform).__name__}"
    )


def _digest(reform: ParametricReformSpec | type) -> str:
    if isinstance(reform, ParametricReformSpec):
        return f"parametric:{reform.digest}"
    return f"class:{reform.__module__}.{reform.__qualname__}"


def resolve_reform(
    reform: object = None, baseline: TaxBenefitSystem | None = None, *, files: bool = True
) -> Resolved:
    """The system of `reform` applied to `baseline` (default: baseline law), from the cache.

    Raises `ReformError` naming every problem of an invalid reform.
    """
    base = baseline if baseline is not None else baseline_system()
    if reform is None:
        return Resolved(base, None, None, "baseline")
    resolved, name = _spec_or_class(reform, base.parameters, files)
    digest = _digest(resolved)
    key = (id(base), digest)
    with _LOCK:
        found = _SYSTEMS.get(key)
    # The baseline is kept in the entry, so a cached id never stands for another system.
    if found is None or found[0] is not base:
        reform_class = (
            resolved.to_reform() if isinstance(resolved, ParametricReformSpec) else resolved
        )
        found = (base, reform_class(base))
        with _LOCK:
            _SYSTEMS[key] = found
    return Resolved(found[1], resolved, name, digest)


def system_for(reform: object = None) -> TaxBenefitSystem:
    """The tax-benefit system of baseline law or a reform (see `resolve_reform`)."""
    return resolve_reform(reform).system


def set_cache_size(size: int) -> None:
    """Keep at most `size` reformed systems (the web API's POLICY_BD_REFORM_CACHE_SIZE)."""
    global _SYSTEMS  # noqa: PLW0603 (the one cache of the process)
    with _LOCK:
        if size != _SYSTEMS.maxsize:
            kept = list(_SYSTEMS.items())[-size:] if size > 0 else []
            _SYSTEMS = LRUCache(maxsize=size)
            _SYSTEMS.update(kept)


def cached_systems() -> int:
    """How many reformed systems the cache holds (for tests and /v1/version)."""
    return len(_SYSTEMS)
