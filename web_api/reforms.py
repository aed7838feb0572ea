"""Per-request reforms: a registered name, or a parametric reform given as JSON.

Resolution and the one cache of reformed systems are the engine's (`policy_bd.engine`); this
module only words an invalid reform as an API error. A name must be in the reform registry: a
string from a request is never read as a file path.
"""

from __future__ import annotations

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd import engine
from policy_bd.reform_spec import ReformError

from .errors import APIError, problem


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
        extra = {"line": item.line} if item.line else {}
        out.append(problem(field, item.message, **extra))
    return out


class Reforms:
    """The application's baseline and the reforms of its requests."""

    def __init__(self, baseline: TaxBenefitSystem) -> None:
        self.baseline = baseline

    def resolve_or_raise(
        self, reform: object, prefix: str = "reform", status: int = 422
    ) -> tuple[TaxBenefitSystem, dict | None]:
        """The system of a request's reform and its description; an APIError naming each
        field of an invalid reform."""
        try:
            resolved = engine.resolve_reform(reform, self.baseline, files=False)
        except ReformError as error:
            problems = reform_problems(error, prefix)
            raise APIError(
                status,
                f"the reform is not valid ({len(problems)} problem(s))",
                problems,
                body={"reform": {item.path: item.message for item in error.problems}},
            ) from None
        return resolved.system, resolved.describe()
