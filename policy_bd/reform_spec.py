"""Parametric reforms a drafter writes without Python, as a YAML file or as JSON in the API.

A reform is a title, a description and a list of changes, each naming a parameter leaf, a new
value and the dates it applies from (and optionally until)::

    title: Old Age Allowance of Tk 800 from FY2026-27
    description: Raise the monthly rate.
    changes:
      - parameter: social_assistance.old_age_allowance.amount
        value: 800
        start: 2026-07-01
        stop: 2027-06-30      # optional, last day included

One validator serves both formats. Every problem is reported, each located by its line in a YAML
file or by its path (`changes[0].value`) in JSON; a reform with any problem is never applied.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.reforms import Reform

DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOP_LEVEL_KEYS = {"title", "description", "changes"}
CHANGE_KEYS = {"parameter", "value", "start", "stop"}

# Bounds implied by a parameter's unit; `metadata.minimum` / `metadata.maximum` override them.
UNIT_BOUNDS = {
    "/1": (0.0, 1.0),
    "currency-BDT": (0.0, None),
    "year": (0.0, 150.0),
    "month": (0.0, 1800.0),
    "week": (0.0, 520.0),
    "day": (0.0, 3660.0),
    "person": (0.0, None),
    "child": (0.0, None),
}


@dataclass(frozen=True)
class ReformProblem:
    """One thing wrong with a reform: where it is, and what is wrong."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.path}: {self.message}"

    def as_dict(self) -> dict:
        out = {"field": self.path, "message": self.message}
        if self.line:
            out["line"] = self.line
        return out


class ReformError(ValueError):
    """A reform that cannot be applied; `problems` lists every reason."""

    def __init__(self, problems: list[ReformProblem], source: str = "reform") -> None:
        self.problems = problems
        self.source = source
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{source} is not a valid reform:\n{lines}")


@dataclass(frozen=True)
class Change:
    parameter: str
    value: object
    start: str
    stop: str | None = None


@dataclass(frozen=True)
class ParametricReformSpec:
    """A validated parametric reform."""

    title: str
    description: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        changes = []
        for change in self.changes:
            item = {"parameter": change.parameter, "value": change.value, "start": change.start}
            if change.stop:
                item["stop"] = change.stop
            changes.append(item)
        return {"title": self.title, "description": self.description, "changes": changes}

    @property
    def digest(self) -> str:
        """Content hash of the changes: two specs with the same changes share a system."""
        canonical = json.dumps(self.as_dict()["changes"], sort_keys=True, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def to_reform(self) -> type[Reform]:
        """An OpenFisca Reform class that applies these changes; it runs no user code."""
        spec = self

        def modify(parameters: ParameterNode) -> ParameterNode:
            for change in spec.changes:
                leaf = parameters  # ParameterNode has no path lookup: walk the dotted name.
                for key in change.parameter.split("."):
                    leaf = leaf.children[key]
                stop = periods.instant(change.stop) if change.stop else None
                leaf.update(start=periods.instant(change.start), stop=stop, value=change.value)
            return parameters

        class ParametricReform(Reform):
            name = spec.title

            def apply(self) -> None:
                self.modify_parameters(modifier_function=modify)

        ParametricReform.__name__ = f"parametric_{spec.digest}"
        return ParametricReform


def _leaf_index(parameters: ParameterNode) -> dict[str, Parameter]:
    return {leaf.name: leaf for leaf in parameters.get_descendants() if isinstance(leaf, Parameter)}


def _value_kind(leaf: Parameter) -> str:
    values = [item.value for item in leaf.values_list if item.value is not None]
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, str) for v in values):
        return "text"
    return "number"


def _as_date(value: object) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and DATE_FORM.match(value):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return None
        return value
    return None


def _check_value(leaf: Parameter, value: object, path: str) -> list[ReformProblem]:
    kind = _value_kind(leaf)
    unit = leaf.metadata.get("unit", "")
    if kind == "boolean":
        if not isinstance(value, bool):
            return [
                ReformProblem(path, f"{leaf.name} is a switch: give true or false, not {value!r}")
            ]
        return []
    if kind == "text":
        if not isinstance(value, str):
            return [ReformProblem(path, f"{leaf.name} takes text, not {value!r}")]
        return []
    if isinstance(value, bool) or not isinstance(value, int | float):
        return [
            ReformProblem(path, f"{leaf.name} takes a number ({unit or 'no unit'}), not {value!r}")
        ]
    low, high = UNIT_BOUNDS.get(unit, (None, None))
    low = leaf.metadata.get("minimum", low)
    high = leaf.metadata.get("maximum", high)
    if low is not None and value < low:
        return [
            ReformProblem(
                path, f"{value} is below the allowed minimum {low} for {leaf.name} ({unit})"
            )
        ]
    if high is not None and value > high:
        return [
            ReformProblem(
                path, f"{value} is above the allowed maximum {high} for {leaf.name} ({unit})"
            )
        ]
    return []


def validate(
    data: object, parameters: ParameterNode, lines: dict | None = None, source: str = "reform"
) -> ParametricReformSpec:
    """Check a parsed reform against the parameter tree; raise ReformError listing every problem.

    `lines` maps a path tuple such as ("changes", 0, "value") to its line in the source file.
    """
    lines = lines or {}
    problems: list[ReformProblem] = []

    def problem(path: tuple, message: str) -> None:
        text = "".join(
            f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path)
        )
        problems.append(ReformProblem(text or "(reform)", message, lines.get(path)))

    if not isinstance(data, dict):
        problem((), "a reform is a mapping with the keys title, description and changes")
        raise ReformError(problems, source)
    for key in sorted(set(data) - TOP_LEVEL_KEYS):
        problem((key,), f"unknown key; a reform has only {', '.join(sorted(TOP_LEVEL_KEYS))}")
    title = data.get("title", "Parametric reform")
    if not isinstance(title, str) or not title.strip():
        problem(("title",), "the title must be non-empty text")
    description = data.get("description", "")
    if not isinstance(description, str):
        problem(("description",), "the description must be text")
    changes = data.get("changes")
    if not isinstance(changes, list) or not changes:
        problem(("changes",), "give a non-empty list of changes")
        raise ReformError(problems, source)

    leaves = _leaf_index(parameters)
    valid: list[Change] = []
    for index, change in enumerate(changes):
        here = ("changes", index)
        if not isinstance(change, dict):
            problem(
                here, "each change is a mapping with parameter, value, start and optionally stop"
            )
            continue
        for key in sorted(set(change) - CHANGE_KEYS):
            problem(
                (*here, key), f"unknown key; a change has only {', '.join(sorted(CHANGE_KEYS))}"
            )
        for key in ("parameter", "value", "start"):
            if key not in change:
                problem(here, f"missing '{key}'")
        name = change.get("parameter")
        leaf = None
        if "parameter" in change:
            if not isinstance(name, str):
                problem((*here, "parameter"), f"a parameter path is text, not {name!r}")
            elif name not in leaves:
                close = difflib.get_close_matches(name, leaves, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problem((*here, "parameter"), f"unknown parameter '{name}'{hint}")
            else:
                leaf = leaves[name]
        if leaf is not None and "value" in change:
            for found in _check_value(leaf, change["value"], ""):
                problem((*here, "value"), found.message)
        start = _as_date(change.get("start")) if "start" in change else None
        if "start" in change and start is None:
            problem((*here, "start"), f"a date is written YYYY-MM-DD, not {change['start']!r}")
        stop = None
        if change.get("stop") is not None:
            stop = _as_date(change["stop"])
            if stop is None:
                problem((*here, "stop"), f"a date is written YYYY-MM-DD, not {change['stop']!r}")
            elif start and stop < start:
                problem((*here, "stop"), f"the change stops ({stop}) before it starts ({start})")
        if leaf is not None and start and "value" in change:
            value = change["value"]
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and _value_kind(leaf) == "number"
            ):
                value = (
                    float(value)
                    if any(isinstance(i.value, float) for i in leaf.values_list)
                    else value
                )
            valid.append(Change(name, value, start, stop))
    if problems:
        raise ReformError(problems, source)
    return ParametricReformSpec(title.strip(), description, tuple(valid))


def _yaml_lines(text: str) -> dict:
    """Map each path in a YAML document to the line (1-based) where its value starts."""
    lines: dict = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
                lines[(*path, key.value)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return lines


def parse_yaml(
    text: str, parameters: ParameterNode, source: str = "reform file"
) -> ParametricReformSpec:
    try:
        data = yaml.safe_load(text)
        lines = _yaml_lines(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ReformError(
            [ReformProblem("(file)", f"not valid YAML: {getattr(error, 'problem', error)}", line)],
            source,
        ) from None
    return validate(data, parameters, lines, source)


def load_file(path: str | Path, parameters: ParameterNode) -> ParametricReformSpec:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return from_json(text, parameters, source=path.name)
    return parse_yaml(text, parameters, source=path.name)


def from_json(
    payload: str | dict, parameters: ParameterNode, source: str = "reform"
) -> ParametricReformSpec:
    """Validate a reform that arrived as JSON (a string or already parsed)."""
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except json.JSONDecodeError as error:
            raise ReformError(
                [ReformProblem("(body)", f"not valid JSON: {error.msg}", error.lineno)], source
            ) from None
    return validate(payload, parameters, None, source)
