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
import functools
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode, ParameterScale
from openfisca_core.reforms import Reform

DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOP_LEVEL_KEYS = {"title", "description", "changes"}
CHANGE_KEYS = {"parameter", "value", "start", "stop"}
# Units that count whole things: a parameter in one of them whose values are all integers takes
# only whole numbers (3.5 waiting days is a typo, not a design).
WHOLE_NUMBER_UNITS = {"day", "week", "month", "person", "child", "household"}

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

    def modify(self, parameters: ParameterNode) -> ParameterNode:
        """Apply the changes to a (copied) parameter tree; `Reform.modify_parameters` calls it."""
        for change in self.changes:
            leaf = functools.reduce(
                lambda node, key: node.children[key], change.parameter.split("."), parameters
            )
            stop = periods.instant(change.stop) if change.stop else None
            leaf.update(start=periods.instant(change.start), stop=stop, value=change.value)
        return parameters

    def to_reform(self) -> type[Reform]:
        """An OpenFisca Reform class that applies these changes; it runs no user code."""
        spec = self

        class ParametricReform(Reform):
            name = spec.title

            def apply(self) -> None:
                self.modify_parameters(modifier_function=spec.modify)

        ParametricReform.__name__ = f"parametric_{spec.digest}"
        return ParametricReform


def _leaf_index(parameters: ParameterNode) -> dict[str, Parameter]:
    return {leaf.name: leaf for leaf in parameters.get_descendants() if isinstance(leaf, Parameter)}


def _node_index(parameters: ParameterNode) -> dict[str, ParameterNode]:
    return {
        node.name: node
        for node in parameters.get_descendants()
        if isinstance(node, ParameterNode | ParameterScale)
    }


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


def _date_problem(value: object) -> str:
    if isinstance(value, str) and DATE_FORM.match(value):
        return f"{value} is not a calendar date"
    return f"a date is written YYYY-MM-DD, not {value!r}"


def _check_value(leaf: Parameter, value: object) -> str | None:
    """What is wrong with `value` for this parameter, or None when it is acceptable."""
    kind = _value_kind(leaf)
    unit = leaf.metadata.get("unit", "")
    if kind == "boolean":
        if not isinstance(value, bool):
            return f"{leaf.name} is a switch: give true or false, not {value!r}"
        return None
    if kind == "text":
        if not isinstance(value, str):
            return f"{leaf.name} takes text, not {value!r}"
        allowed = leaf.metadata.get("allowed_values")
        if allowed and value not in allowed:
            return f"{value!r} is not one of {', '.join(allowed)} for {leaf.name}"
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{leaf.name} takes a number ({unit or 'no unit'}), not {value!r}"
    if not math.isfinite(value):
        return f"{leaf.name} takes a finite number, not {value!r}"
    whole = all(
        isinstance(item.value, int) and not isinstance(item.value, bool)
        for item in leaf.values_list
        if item.value is not None
    )
    if unit in WHOLE_NUMBER_UNITS and whole and value != int(value):
        return f"{leaf.name} takes a whole number of {unit}s, not {value!r}"
    low, high = UNIT_BOUNDS.get(unit, (None, None))
    low = leaf.metadata.get("minimum", low)
    high = leaf.metadata.get("maximum", high)
    if low is not None and value < low:
        return f"{value} is below the allowed minimum {low} for {leaf.name} ({unit})"
    if high is not None and value > high:
        return f"{value} is above the allowed maximum {high} for {leaf.name} ({unit})"
    return None


def _unknown_parameter(name: str, leaves: dict, nodes: dict) -> str:
    if name in nodes:
        children = sorted(
            leaf
            for leaf in leaves
            if leaf.startswith(f"{name}.") and "." not in leaf[len(name) + 1 :]
        )
        listed = ", ".join(children[:6]) + (", ..." if len(children) > 6 else "")
        return f"'{name}' is a group of parameters, not one value; name one of its leaves" + (
            f": {listed}" if children else ""
        )
    close = difflib.get_close_matches(name, leaves, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown parameter '{name}'{hint}"


def validate(
    data: object, parameters: ParameterNode, lines: dict | None = None, source: str = "reform"
) -> ParametricReformSpec:
    """Check a parsed reform against the parameter tree; raise ReformError listing every problem.

    `lines` maps a path tuple such as ("changes", 0, "value") to its line in the source file.
    """
    lines = lines or {}
    problems: list[ReformProblem] = []

    def problem(path: tuple, message: str) -> None:
        problems.append(ReformProblem(_path_text(path), message, lines.get(path)))

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
    nodes = _node_index(parameters)
    valid: list[Change] = []
    spans: dict[str, list[tuple[int, str, str]]] = {}
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
                problem((*here, "parameter"), _unknown_parameter(name, leaves, nodes))
            else:
                leaf = leaves[name]
        if leaf is not None and "value" in change:
            found = _check_value(leaf, change["value"])
            if found:
                problem((*here, "value"), found)
        start = _as_date(change.get("start")) if "start" in change else None
        if "start" in change and start is None:
            problem((*here, "start"), _date_problem(change["start"]))
        stop = None
        if change.get("stop") is not None:
            stop = _as_date(change["stop"])
            if stop is None:
                problem((*here, "stop"), _date_problem(change["stop"]))
            elif start and stop < start:
                problem((*here, "stop"), f"the change stops ({stop}) before it starts ({start})")
        stop_ok = change.get("stop") is None or (stop is not None and stop >= (start or stop))
        if leaf is not None and start and stop_ok:
            end = stop or "9999-12-31"
            for other, other_start, other_end in spans.get(name, []):
                if start <= other_end and other_start <= end:
                    problem(
                        (*here, "start"),
                        f"overlaps changes[{other}] on {name} ({other_start} to "
                        f"{'open end' if other_end == '9999-12-31' else other_end}); "
                        "give each period of a parameter once",
                    )
                    break
            spans.setdefault(name, []).append((index, start, end))
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


class _ReformLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, so the validator, not the parser, judges them."""


_ReformLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_lines(root: yaml.Node | None) -> tuple[dict, list[tuple[tuple, int]]]:
    """Map each path in a YAML document to the line (1-based) where it starts.

    Also returns the keys given twice in one mapping (YAML would silently keep the last).
    """
    lines: dict = {}
    duplicates: list[tuple[tuple, int]] = []

    def walk(node: yaml.Node, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                if key.value in seen:
                    duplicates.append(((*path, key.value), key.start_mark.line + 1))
                seen.add(key.value)
                walk(value, (*path, key.value))
                lines[(*path, key.value)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    if root is not None:
        walk(root, ())
    return lines, duplicates


def _path_text(path: tuple) -> str:
    text = "".join(
        f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path)
    )
    return text or "(reform)"


def parse_yaml(
    text: str, parameters: ParameterNode, source: str = "reform file"
) -> ParametricReformSpec:
    """Validate a reform written in YAML; every problem names its line."""
    try:
        root = yaml.compose(text, Loader=_ReformLoader)
        data = yaml.load(text, Loader=_ReformLoader)  # a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ReformError(
            [ReformProblem("(file)", f"not valid YAML: {getattr(error, 'problem', error)}", line)],
            source,
        ) from None
    lines, duplicates = _yaml_lines(root)
    repeated = [
        ReformProblem(
            _path_text(path), f"'{path[-1]}' is given twice; keep only the value you mean", line
        )
        for path, line in duplicates
    ]
    try:
        spec = validate(data, parameters, lines, source)
    except ReformError as error:
        raise ReformError(
            sorted([*repeated, *error.problems], key=lambda p: p.line or 0), source
        ) from None
    if repeated:
        raise ReformError(repeated, source)
    return spec


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
