"""Per-request reforms: a registered name, or a parametric reform given as JSON.

A JSON reform has the structure of the YAML reform files and goes through the same validator
(`policy_bd.reform_spec`); it can only change parameter values, never run code. A name must be in
the reform registry: a string is never read as a file path.

Reformed systems are cached by content hash in a bounded LRU (`policy_bd.system.SystemCache` over
the application's baseline, which tests may extend), so a repeated reform costs what baseline
costs.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd.reform_spec import ParametricReformSpec, ReformError, ReformProblem, from_json
from policy_bd.system import SystemCache, baseline_system, named_reforms, resolve

from .errors import APIError, problem


def describe(name: str | None, resolved) -> dict:
    """What a response says about the reform it used."""
    if isinstance(resolved, ParametricReformSpec):
        return {
            "name": name,
            "kind": "parametric",
            "title": resolved.title,
            "description": resolved.description,
            "digest": resolved.digest,
            "changes": resolved.as_dict()["changes"],
        }
    doc = (resolved.__doc__ or "").strip()
    return {
        "name": name,
        "kind": "structural",
        "title": getattr(resolved, "name", None) or name,
        "description": doc,
        "digest": None,
        "changes": [],
    }


def reform_problems(error: ReformError, prefix: str = "reform") -> list[dict]:
    """A ReformError's problems as API problems, each field prefixed with where the reform was."""
    out = []
    for item in error.problems:
        path = item.path
        if path == prefix or path.startswith(prefix + "."):
            field = path
        elif path.startswith("["):
            field = f"{prefix}{path}"
        else:
            field = f"{prefix}.{path}" if path not in {"(reform)", "(body)"} else prefix
        out.append(problem(field, item.message))
    return out


class Reforms:
    """Resolves the `reform` of a request to a tax-benefit system, with two bounded LRU caches.

    The first maps the request's reform (its name, or its JSON text with sorted keys) to the
    system and description, so a repeated reform is neither validated nor built again. The
    second maps a reform's content (a parametric reform's digest, a named reform's name) to the
    reformed system, so two texts with the same changes share one system.
    """

    def __init__(self, cache_size: int, baseline: TaxBenefitSystem | None = None) -> None:
        self.size = cache_size
        self.baseline = baseline if baseline is not None else baseline_system()
        self._recent: OrderedDict[str, tuple[TaxBenefitSystem, dict]] = OrderedDict()
        self._systems = SystemCache(cache_size, self.baseline)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._systems)

    @staticmethod
    def _put(cache: OrderedDict, key: str, value, size: int) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > size:
            cache.popitem(last=False)

    def resolve(self, reform: object) -> tuple[TaxBenefitSystem, dict | None]:
        """The system for a request's reform and its description; ReformError if invalid."""
        if reform is None:
            return self.baseline, None
        if isinstance(reform, str):
            key = f"name:{reform}"
        elif isinstance(reform, dict):
            key = "json:" + json.dumps(reform, sort_keys=True, default=str)
        else:
            raise ReformError(
                [
                    ReformProblem(
                        "reform",
                        "give the name of a registered reform (text) or a reform object "
                        f"(title, description, changes), not {type(reform).__name__}",
                    )
                ]
            )
        with self._lock:
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key]
        found = self._build(reform)
        with self._lock:
            self._put(self._recent, key, found, self.size)
        return found

    def _build(self, reform: str | dict) -> tuple[TaxBenefitSystem, dict]:
        if isinstance(reform, str):
            registry = named_reforms()
            if reform not in registry:
                known = ", ".join(sorted(registry)) or "none yet"
                raise ReformError(
                    [
                        ReformProblem(
                            "reform", f"'{reform}' is not a registered reform (known: {known})"
                        )
                    ]
                )
            resolved, content = resolve(reform), f"named:{reform}"
        else:
            resolved = from_json(reform, self.baseline.parameters)
            content = f"parametric:{resolved.digest}"
        system = self._systems.build(content, resolved)
        return system, describe(reform if isinstance(reform, str) else None, resolved)

    def resolve_or_raise(
        self, reform: object, prefix: str = "reform", status: int = 422
    ) -> tuple[TaxBenefitSystem, dict | None]:
        """As `resolve`, with an invalid reform turned into an APIError naming each field."""
        try:
            return self.resolve(reform)
        except ReformError as error:
            problems = reform_problems(error, prefix)
            raise APIError(
                status,
                f"the reform is not valid ({len(problems)} problem(s))",
                problems,
                body={"reform": {item.path: item.message for item in error.problems}},
            ) from None
