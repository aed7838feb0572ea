"""The program registry: one YAML file per program, read as typed `Program` records.

Each file is validated when the registry is loaded: an unknown key, a missing key or a value of
the wrong type is an error naming the file and the key. Callers read attributes
(`program.amount_variable`, `program.criteria`), never string keys. A program's criteria are
declared once, in its file; `Program.variables` gives what explanations and comparisons compute.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROGRAMS_DIR = Path(__file__).parent
STATUSES = {"law", "pilot", "proposal"}
AMOUNT_PERIODS = {"month", "lump_sum", "year"}
FLOWS = {"benefit", "contribution"}
LOAN_KEYS = {
    "limit_variable",
    "term_variable",
    "total_interest_variable",
    "monthly_instalment_variable",
}


class RegistryError(ValueError):
    """A program file that does not follow the registry's schema."""


@dataclass(frozen=True)
class Program:
    """One registered program, as its YAML file declares it."""

    name: str
    label: str
    label_bn: str
    status: str  # law | pilot | proposal
    category: str
    amount_variable: str
    amount_period: str  # month | lump_sum | year
    eligibility_variable: str
    criteria: tuple[str, ...]
    administrator: str | None = None
    payment_schedule: str | None = None
    instalment_variable: str | None = None
    instalment_variables: tuple[str, ...] = ()
    other_variables: tuple[str, ...] = ()
    flow: str = "benefit"
    funding: str | None = None
    contribution_variables: dict[str, str] = field(default_factory=dict)
    expected_annual_benefit_variable: str | None = None
    expected_annual_contributions_variable: str | None = None
    employer_liability_variable: str | None = None
    replaces_employer_liability: str | None = None
    tops_up_employer_liability: str | None = None
    entitlement_variable: str | None = None
    lump_sum_variable: str | None = None
    limit_variable: str | None = None
    loan: dict[str, str] = field(default_factory=dict)
    # Inputs without which the amount cannot be computed, and the variable saying whether the
    # program's law is in force on a date (filled in by the files that need them).
    required_inputs: tuple[str, ...] = ()
    in_force_variable: str | None = None

    @property
    def variables(self) -> tuple[str, ...]:
        """The amount, the eligibility and each criterion: what a determination computes."""
        return (self.amount_variable, self.eligibility_variable, *self.criteria)

    @property
    def public(self) -> tuple[str, str]:
        """The amount and the eligibility: what a batch computes by default."""
        return (self.amount_variable, self.eligibility_variable)

    @classmethod
    def from_dict(cls, data: object, source: str = "program") -> Program:
        """A validated Program; RegistryError names the source and every bad key."""
        if not isinstance(data, dict):
            raise RegistryError(f"{source}: a program file is a mapping of keys to values")
        known = {item.name: item for item in dataclasses.fields(cls)}
        required = [
            name
            for name, item in known.items()
            if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
        ]
        problems = [f"unknown key '{key}'" for key in data if key not in known]
        problems += [f"missing key '{key}'" for key in required if key not in data]
        values = {}
        for key, given in data.items():
            if key not in known:
                continue
            kind = str(known[key].type)
            value = given
            if kind.startswith("tuple"):
                ok = isinstance(given, list) and all(isinstance(item, str) for item in given)
                value = tuple(given) if ok else given
            elif kind.startswith("dict"):
                ok = isinstance(value, dict) and all(
                    isinstance(item, str) for item in value.values()
                )
            else:
                ok = isinstance(value, str)
            if not ok:
                problems.append(f"key '{key}' must be {_wanted(kind)}")
            values[key] = value
        for key, allowed in (
            ("status", STATUSES),
            ("amount_period", AMOUNT_PERIODS),
            ("flow", FLOWS),
        ):
            if key in values and values[key] not in allowed:
                problems.append(f"key '{key}' must be one of {', '.join(sorted(allowed))}")
        unknown_loan = set(values.get("loan") or {}) - LOAN_KEYS
        problems += [f"unknown key 'loan.{key}'" for key in sorted(unknown_loan)]
        if problems:
            raise RegistryError(f"{source}: " + "; ".join(problems))
        return cls(**values)


def _wanted(kind: str) -> str:
    if kind.startswith("tuple"):
        return "a list of names"
    if kind.startswith("dict"):
        return "a mapping of names"
    return "text"


def load(path: Path) -> Program:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RegistryError(f"{path.name}: not valid YAML: {error}") from None
    program = Program.from_dict(data, path.name)
    if program.name != path.stem:
        raise RegistryError(f"{path.name}: key 'name' is '{program.name}', not the file's name")
    return program


@functools.cache
def programs() -> dict[str, Program]:
    """Every registered program by name, in file-name order."""
    return {program.name: program for program in map(load, sorted(PROGRAMS_DIR.glob("*.yaml")))}
