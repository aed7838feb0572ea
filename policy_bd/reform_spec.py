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

A parameter is named by its dotted path. A bracket of a scale is named as in policyengine-core's
`Reform.from_dict`: `labour_act.separation.resignation_days_per_year[1].amount` (or
`.threshold`), brackets counted from 0. A list-valued parameter
(`universal_pension.probash.contribution_levels`) takes a whole new list.

One validator serves both formats. Every problem is reported, each located by its line in a YAML
file or by its path (`changes[0].value`) in JSON; a reform with any problem is never applied.
A reform's size is bounded before any per-change work: at most `MAX_CHANGES` changes, names of at
most `MAX_NAME_LENGTH` characters, a "did you mean" suggestion for the first
`MAX_SUGGESTIONS` unknown names only, YAML without aliases, numbers within `MAX_MAGNITUDE` and
dates within `EARLIEST_DATE` to `LATEST_DATE`, so no reform can cost more than its size.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import hashlib
import itertools
import json
import math
import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode, ParameterScale
from openfisca_core.reforms import Reform

DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BRACKET_PATH = re.compile(r"^(?P<scale>[^\[\]]+)\[(?P<index>[^\]]*)\](?:\.(?P<key>.*))?$")
MAX_CHANGES = 500
MAX_NAME_LENGTH = 200
MAX_SUGGESTIONS = 20
MAX_LIST_LENGTH = 50
MAX_MAGNITUDE = 1e15  # beyond any amount in taka; keeps float32/int64 arrays exact and finite
EARLIEST_DATE = "1900-01-01"
LATEST_DATE = "2199-12-31"
MAX_YAML_BYTES = 1_000_000
MAX_TITLE_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 10_000
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
        """Apply the changes to a (copied) parameter tree, in place."""
        for change in self.changes:
            leaf = find_leaf(parameters, change.parameter)
            stop = periods.instant(change.stop) if change.stop else None
            leaf.update(start=periods.instant(change.start), stop=stop, value=change.value)
        return parameters

    def modified(self, parameters: ParameterNode) -> ParameterNode:
        """A new tree with the changes, sharing every node they do not touch with `parameters`.

        Only the changed leaves and the nodes on their paths are copied (OpenFisca's
        `modify_parameters` deep-copies the whole tree): a reform costs a few dozen objects,
        not the legislation's thousands, so building one is quick and the garbage collector
        has little to walk. Nothing in a parameter tree is changed after it is built, so
        sharing the untouched nodes is safe."""
        return self.modify(_PathCopier(parameters).copy(self.changes))

    def to_reform(self) -> type[Reform]:
        """An OpenFisca Reform class that applies these changes; it runs no user code."""
        spec = self

        class ParametricReform(Reform):
            name = spec.title

            def apply(self) -> None:
                # What `modify_parameters` sets, with a copy of the changed paths only.
                self.parameters = spec.modified(self.baseline.parameters)
                self._parameters_at_instant_cache = {}
                # Each entity copy names its system, and the system its entities: held weakly,
                # a system dropped from the reform cache is freed at once by reference counting,
                # not by a full garbage collection that stops the worker.
                for entity in self.entities:
                    entity.set_tax_benefit_system(weakref.proxy(self))

        ParametricReform.__name__ = f"parametric_{spec.digest}"
        return ParametricReform


def _child(node, key: str):
    return node.children[key]


class _PathCopier:
    """Copies of a tree's root and of the nodes on the paths to some leaves (each once)."""

    def __init__(self, root: ParameterNode) -> None:
        self.root = self._shallow(root)
        self.copied = {id(self.root)}

    @staticmethod
    def _shallow(node):
        clone = object.__new__(type(node))  # OpenFisca's empty_clone makes a class per call
        clone.__dict__ = node.__dict__.copy()
        if isinstance(node, ParameterScale):
            clone.brackets = list(node.brackets)
        elif isinstance(node, ParameterNode):
            clone.children = dict(node.children)
        return clone

    def _own(self, parent, key, child, *, leaf: bool = False):
        """`parent`'s child `key` (an int: a scale's bracket), copied unless already a copy."""
        if id(child) in self.copied:
            return child
        own = child.clone() if leaf else self._shallow(child)
        self.copied.add(id(own))
        if isinstance(key, int):
            parent.brackets[key] = own
        else:
            parent.children[key] = own
            setattr(parent, key, own)
        return own

    def copy(self, changes) -> ParameterNode:
        for change in changes:
            match = BRACKET_PATH.match(change.parameter)
            path = (match["scale"] if match else change.parameter).split(".")
            node = self.root
            for position, key in enumerate(path):
                last = position == len(path) - 1 and match is None
                node = self._own(node, key, node.children[key], leaf=last)
            if match:
                index = int(match["index"])
                bracket = self._own(node, index, node.brackets[index])
                self._own(bracket, match["key"], bracket.children[match["key"]], leaf=True)
        return self.root


def find_leaf(parameters: ParameterNode, name: str) -> Parameter:
    """The leaf at a dotted path, or a bracket's `threshold`/`amount` at `scale[i].key`."""
    match = BRACKET_PATH.match(name)
    if match is None:
        return functools.reduce(_child, name.split("."), parameters)
    scale = functools.reduce(_child, match["scale"].split("."), parameters)
    return scale.brackets[int(match["index"])].children[match["key"]]


@dataclass(frozen=True)
class Target:
    """Something a change may set: a parameter leaf or one value of a scale's bracket."""

    leaf: Parameter
    unit: str


def _leaf_index(parameters: ParameterNode) -> dict[str, Target]:
    """Every settable name: leaves by their path, bracket values as `scale[i].threshold`."""
    index = {}
    for node in parameters.get_descendants():
        if isinstance(node, Parameter):
            index[node.name] = Target(node, node.metadata.get("unit", ""))
        elif isinstance(node, ParameterScale):
            for position, bracket in enumerate(node.brackets):
                for key, leaf in bracket.children.items():
                    unit = node.metadata.get(f"{key}_unit", "")
                    index[f"{node.name}[{position}].{key}"] = Target(leaf, unit)
    return index


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
    if values and all(isinstance(v, list) for v in values):
        return "list"
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


def _shown(value: object) -> str:
    """A value as a message quotes it, cut short: a message must not echo a megabyte."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _check_number(name: str, unit: str, whole: bool, value: object) -> str | None:
    """What is wrong with `value` as a number of this parameter, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{name} takes a number ({unit or 'no unit'}), not {_shown(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{name} takes a finite number, not {value!r}"
    if abs(value) > MAX_MAGNITUDE:
        return (
            f"{_shown(value)} is beyond {MAX_MAGNITUDE:.0e}, the largest number a reform may"
            f" give {name}"
        )
    if unit in WHOLE_NUMBER_UNITS and whole and value != int(value):
        return f"{name} takes a whole number of {unit}s, not {value!r}"
    return None


def _check_bounds(name: str, unit: str, leaf: Parameter, value: float) -> str | None:
    low, high = UNIT_BOUNDS.get(unit, (None, None))
    low = leaf.metadata.get("minimum", low)
    high = leaf.metadata.get("maximum", high)
    if low is not None and value < low:
        return f"{value} is below the allowed minimum {low} for {name} ({unit})"
    if high is not None and value > high:
        return f"{value} is above the allowed maximum {high} for {name} ({unit})"
    return None


def _is_whole(values: list) -> bool:
    return all(isinstance(item, int) and not isinstance(item, bool) for item in values)


def _check_value(name: str, target: Target, value: object) -> list[tuple[tuple, str]]:
    """What is wrong with `value` for this parameter: (sub-path under `value`, message) pairs."""
    leaf, unit = target.leaf, target.unit
    kind = _value_kind(leaf)
    if kind == "boolean":
        if not isinstance(value, bool):
            return [((), f"{name} is a switch: give true or false, not {_shown(value)}")]
        return []
    if kind == "text":
        if not isinstance(value, str):
            return [((), f"{name} takes text, not {_shown(value)}")]
        allowed = leaf.metadata.get("allowed_values")
        if allowed and value not in allowed:
            return [((), f"{_shown(value)} is not one of {', '.join(allowed)} for {name}")]
        return []
    known = [item.value for item in leaf.values_list if item.value is not None]
    if kind == "list":
        if not isinstance(value, list) or not value:
            return [((), f"{name} takes a non-empty list of numbers ({unit}), not {_shown(value)}")]
        if len(value) > MAX_LIST_LENGTH:
            return [((), f"{name} takes at most {MAX_LIST_LENGTH} values, not {len(value)}")]
        whole = _is_whole([item for items in known for item in items])
        found = []
        for position, item in enumerate(value):
            problem = _check_number(name, unit, whole, item) or _check_bounds(
                name, unit, leaf, item
            )
            if problem:
                found.append(((position,), problem))
        return found
    problem = _check_number(name, unit, _is_whole(known), value)
    problem = problem or _check_bounds(name, unit, leaf, value)
    return [((), problem)] if problem else []


def _unknown_bracket(name: str, nodes: dict) -> str | None:
    """Why a `scale[i].key` path names nothing, when its scale exists; else None."""
    match = BRACKET_PATH.match(name)
    scale = nodes.get(match["scale"]) if match else None
    if not isinstance(scale, ParameterScale):
        return None
    count = len(scale.brackets)
    keys = sorted(scale.brackets[0].children) if count else []
    index = match["index"]
    if not index.isdigit():
        return f"a bracket is counted from 0 ('{scale.name}[0]'), not [{index}]"
    if int(index) >= count:
        return f"'{scale.name}' has {count} brackets, [0] to [{count - 1}]; there is no [{index}]"
    if match["key"] not in keys:
        return (
            f"a bracket of '{scale.name}' has {' and '.join(keys)}: name one, e.g."
            f" '{scale.name}[{index}].{keys[0]}'"
        )
    return None


def _unknown_parameter(name: str, leaves: dict, nodes: dict, suggest: bool) -> str:
    bracket = _unknown_bracket(name, nodes)
    if bracket:
        return bracket
    node = nodes.get(name)
    if isinstance(node, ParameterScale):
        values = [key for key in leaves if key.startswith(f"{name}[")]
        listed = ", ".join(values[:4]) + (", ..." if len(values) > 4 else "")
        return f"'{name}' is a scale: name one value of one of its brackets: {listed}"
    if node is not None:
        children = sorted(
            leaf
            for leaf in leaves
            if leaf.startswith(f"{name}.") and "." not in leaf[len(name) + 1 :]
        )
        listed = ", ".join(children[:6]) + (", ..." if len(children) > 6 else "")
        return f"'{name}' is a group of parameters, not one value; name one of its leaves" + (
            f": {listed}" if children else ""
        )
    close = difflib.get_close_matches(name, leaves, n=1, cutoff=0.6) if suggest else []
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown parameter '{name}'{hint}"


def _date_range_problem(date: str) -> str | None:
    if date < EARLIEST_DATE or date > LATEST_DATE:
        return (
            f"{date} is outside {EARLIEST_DATE} to {LATEST_DATE}, the dates a reform may give"
            " (leave stop out for a change with no end)"
        )
    return None


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
    elif len(title) > MAX_TITLE_LENGTH:
        problem(("title",), f"the title has at most {MAX_TITLE_LENGTH} characters")
    description = data.get("description", "")
    if not isinstance(description, str):
        problem(("description",), "the description must be text")
    elif len(description) > MAX_DESCRIPTION_LENGTH:
        problem(
            ("description",), f"the description has at most {MAX_DESCRIPTION_LENGTH} characters"
        )
    changes = data.get("changes")
    if not isinstance(changes, list) or not changes:
        problem(("changes",), "give a non-empty list of changes")
        raise ReformError(problems, source)
    if len(changes) > MAX_CHANGES:
        problem(("changes",), f"{len(changes)} changes; a reform makes at most {MAX_CHANGES}")
        raise ReformError(problems, source)

    leaves = _leaf_index(parameters)
    nodes = _node_index(parameters)
    valid: list[Change] = []
    spans: dict[str, list[tuple[int, str, str]]] = {}
    suggestions = MAX_SUGGESTIONS
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
        target = None
        if "parameter" in change:
            if not isinstance(name, str):
                problem((*here, "parameter"), f"a parameter path is text, not {_shown(name)}")
            elif len(name) > MAX_NAME_LENGTH:
                problem(
                    (*here, "parameter"),
                    f"a parameter path has at most {MAX_NAME_LENGTH} characters",
                )
            elif name not in leaves:
                problem(
                    (*here, "parameter"), _unknown_parameter(name, leaves, nodes, suggestions > 0)
                )
                suggestions -= 1
            else:
                target = leaves[name]
        if target is not None and "value" in change:
            for subpath, found in _check_value(name, target, change["value"]):
                problem((*here, "value", *subpath), found)
        start = _as_date(change.get("start")) if "start" in change else None
        if "start" in change and start is None:
            problem((*here, "start"), _date_problem(change["start"]))
        elif start and _date_range_problem(start):
            problem((*here, "start"), _date_range_problem(start))
            start = None
        stop = None
        if change.get("stop") is not None:
            stop = _as_date(change["stop"])
            if stop is None:
                problem((*here, "stop"), _date_problem(change["stop"]))
            elif _date_range_problem(stop):
                problem((*here, "stop"), _date_range_problem(stop))
                stop = None
            elif start and stop < start:
                problem((*here, "stop"), f"the change stops ({stop}) before it starts ({start})")
        stop_ok = change.get("stop") is None or (stop is not None and stop >= (start or stop))
        if target is not None and start and stop_ok:
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
        if target is not None and start and "value" in change:
            valid.append(Change(name, _stored(target.leaf, change["value"]), start, stop))
    if not problems:
        for index, message in _unordered_thresholds(valid, nodes):
            problem(("changes", index, "value"), message)
    if problems:
        raise ReformError(problems, source)
    return ParametricReformSpec(title.strip(), description, tuple(valid))


def _threshold_at(scale: ParameterScale, position: int, date: str, changes) -> float | None:
    """A bracket's threshold on a date: the reform's where a change covers it, else the law's."""
    name = f"{scale.name}[{position}].threshold"
    for change in changes:
        if change.parameter == name and change.start <= date <= (change.stop or LATEST_DATE):
            return change.value
    leaf = scale.brackets[position].children["threshold"]
    return leaf.get_at_instant(periods.instant(date))  # None before the law's first value


def _unordered_thresholds(changes: list[Change], nodes: dict) -> list[tuple[int, str]]:
    """Changes that leave a scale's thresholds out of increasing order on some date."""
    found = []
    for index, change in enumerate(changes):
        match = BRACKET_PATH.match(change.parameter)
        if not match or match["key"] != "threshold":
            continue
        scale = nodes[match["scale"]]
        thresholds = [
            _threshold_at(scale, position, change.start, changes)
            for position in range(len(scale.brackets))
        ]
        known = [(i, value) for i, value in enumerate(thresholds) if value is not None]
        for (low_i, low), (high_i, high) in itertools.pairwise(known):
            if not low < high:
                found.append(
                    (
                        index,
                        f"on {change.start} the thresholds of '{scale.name}' would be"
                        f" [{low_i}] {low:g} and [{high_i}] {high:g}: each bracket's threshold"
                        " must be above the one before",
                    )
                )
                break
    return found


def _stored(leaf: Parameter, value: object) -> object:
    """The value as the tree keeps it: floats where the law's values are floats."""
    floats = any(
        isinstance(item, float)
        for entry in leaf.values_list
        for item in (entry.value if isinstance(entry.value, list) else [entry.value])
    )
    if isinstance(value, list):
        return [float(item) if floats else item for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and _value_kind(leaf) == "number":
        return float(value) if floats else value
    return value


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
    """Validate a reform written in YAML; every problem names its line.

    Aliases (`*name`) are refused before the document is built: nested aliases expand
    exponentially, and a drafter's reform never needs them.
    """
    if len(text) > MAX_YAML_BYTES:
        raise ReformError(
            [
                ReformProblem(
                    "(file)",
                    f"{len(text):,} characters; a reform file has at most {MAX_YAML_BYTES:,}",
                )
            ],
            source,
        )
    try:
        for event in yaml.parse(text, Loader=_ReformLoader):
            if isinstance(event, yaml.AliasEvent):
                raise ReformError(
                    [
                        ReformProblem(
                            "(file)",
                            f"YAML aliases (*{event.anchor}) are not accepted in a reform file;"
                            " write each value out",
                            event.start_mark.line + 1,
                        )
                    ],
                    source,
                )
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
        except ValueError as error:  # e.g. an integer of more digits than Python converts
            raise ReformError(
                [ReformProblem("(body)", f"not valid JSON: {error}")], source
            ) from None
    return validate(payload, parameters, None, source)
