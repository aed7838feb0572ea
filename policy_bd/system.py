"""One tax-benefit system per legislation and reform, built once and cached.

A reform is given as None (baseline law), the name of a registered reform, a path to a YAML or
JSON reform file, a dict in the reform-file structure, or an already validated spec. Reformed
systems are cached by content (a parametric reform's digest, a named reform's name) in a bounded
LRU, so a repeated reform costs what the baseline costs.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd import CountryTaxBenefitSystem
from policy_bd.reform_spec import (
    ParametricReformSpec,
    ReformError,
    ReformProblem,
    from_json,
    load_file,
)

DEFAULT_CACHE_SIZE = 32


@functools.cache
def baseline_system() -> CountryTaxBenefitSystem:
    return CountryTaxBenefitSystem()


def named_reforms() -> dict:
    """Registered reforms by name: Reform classes and parametric specs from reforms/."""
    from policy_bd.reforms import REGISTRY  # noqa: PLC0415 (the registry imports this module)

    return REGISTRY


def reform_key(reform: object) -> str:
    """A stable cache key for anything `system_for` accepts."""
    if reform is None:
        return "baseline"
    if isinstance(reform, ParametricReformSpec):
        return f"parametric:{reform.digest}"
    if isinstance(reform, str) and reform in named_reforms():
        return f"named:{reform}"
    return f"parametric:{resolve(reform).digest}"


def resolve(reform: object) -> ParametricReformSpec | type:
    """Turn a reform name, file path, dict or spec into a spec or a Reform class."""
    parameters = baseline_system().parameters
    if isinstance(reform, ParametricReformSpec):
        return reform
    if isinstance(reform, dict):
        return from_json(reform, parameters)
    if isinstance(reform, str | Path):
        registry = named_reforms()
        if str(reform) in registry:
            entry = registry[str(reform)]
            return load_file(entry, parameters) if isinstance(entry, Path) else entry
        path = Path(reform)
        if path.suffix in {".yaml", ".yml", ".json"} and path.is_file():
            return load_file(path, parameters)
        known = ", ".join(sorted(registry)) or "none"
        raise ReformError(
            [
                ReformProblem(
                    "reform",
                    f"'{reform}' is neither a registered reform ({known}) nor a reform file",
                )
            ]
        )
    raise ReformError([ReformProblem("reform", f"cannot use {type(reform).__name__} as a reform")])


class SystemCache:
    """Bounded LRU of reformed tax-benefit systems, safe to share between threads.

    Systems are built on `baseline` (default: baseline law); the web API passes its own, which
    tests may extend.
    """

    def __init__(
        self, size: int = DEFAULT_CACHE_SIZE, baseline: TaxBenefitSystem | None = None
    ) -> None:
        self.size = size
        self._baseline = baseline
        self._systems: OrderedDict[str, TaxBenefitSystem] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def baseline(self) -> TaxBenefitSystem:
        return self._baseline if self._baseline is not None else baseline_system()

    def get(self, reform: object = None) -> TaxBenefitSystem:
        if reform is None:
            return self.baseline
        resolved = resolve(reform)
        key = (
            f"parametric:{resolved.digest}"
            if isinstance(resolved, ParametricReformSpec)
            else f"named:{reform}"
        )
        return self.build(key, resolved)

    def build(self, key: str, resolved: ParametricReformSpec | type) -> TaxBenefitSystem:
        """The system for an already resolved reform, cached under its content `key`."""
        with self._lock:
            if key in self._systems:
                self._systems.move_to_end(key)
                return self._systems[key]
        reform_class = (
            resolved.to_reform() if isinstance(resolved, ParametricReformSpec) else resolved
        )
        system = reform_class(self.baseline)
        with self._lock:
            self._systems[key] = system
            self._systems.move_to_end(key)
            while len(self._systems) > self.size:
                self._systems.popitem(last=False)
        return system

    def __len__(self) -> int:
        return len(self._systems)


_CACHE = SystemCache()


def system_for(reform: object = None) -> TaxBenefitSystem:
    """The tax-benefit system for baseline law or a reform, from the shared cache."""
    return _CACHE.get(reform)
