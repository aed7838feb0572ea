"""Axes: one situation repeated along a range of input values, as in stock OpenFisca.

A situation's `axes` is a list of dimensions, each a list of parallel axes
`{"name", "count", "min", "max", "period"?, "index"?}`; OpenFisca's SimulationBuilder expands
the situation into `count` copies per dimension (the product of the counts for several
dimensions), and sets the named input of the `index`-th member of its entity to evenly spaced
values from `min` to `max`. This module checks a request's axes before anything is built (the
number of copies is capped, so a count of five million costs nothing) and reads each requested
value back as the list of its values along the axes, in the order of the expanded simulation
(for two dimensions: the first axis varies fastest, as numpy's meshgrid gives it).

Stock `openfisca_web_api` 46 fails on any axes (a 500: the expanded entities are renamed
`rahim0`, `rahim1`, ... and it looks up `rahim`); the values here are those of its
SimulationBuilder.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from openfisca_core.indexed_enums import Enum


@dataclass
class AxesError(Exception):
    status: int
    message: str

    def __str__(self) -> str:
        return self.message


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_axis(system, axis, where: str, dimensions: int) -> int:
    if not isinstance(axis, dict):
        raise AxesError(400, f"{where} must be an object with name, count, min and max")
    unknown = set(axis) - {"name", "count", "min", "max", "period", "index"}
    if unknown:
        raise AxesError(400, f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    name = axis.get("name")
    if not isinstance(name, str) or name not in system.variables:
        raise AxesError(400, f"{where}.name: {name!r} is not a variable of this legislation")
    if system.variables[name].value_type not in (int, float):
        raise AxesError(
            400, f"{where}.name: '{name}' is not a number, it cannot vary along an axis"
        )
    count = axis.get("count")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise AxesError(400, f"{where}.count must be a whole number of at least 1")
    if dimensions > 1 and count < 2:
        raise AxesError(400, f"{where}.count must be at least 2 when axes are perpendicular")
    for bound in ("min", "max"):
        if not _number(axis.get(bound)):
            raise AxesError(400, f"{where}.{bound} must be a finite number")
    index = axis.get("index", 0)
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise AxesError(400, f"{where}.index must be a whole number, 0 or more")
    if "period" in axis and not isinstance(axis["period"], str | int):
        raise AxesError(400, f"{where}.period must be a period such as 2025-08")
    return count


def cell_count(system, situation, max_cells: int, max_persons: int) -> int:
    """How many copies the axes make (1 without axes), checked before anything is computed."""
    if not isinstance(situation, dict) or "axes" not in situation:
        return 1
    axes = situation["axes"]
    if not isinstance(axes, list) or not axes or not all(isinstance(d, list) and d for d in axes):
        raise AxesError(400, "axes must be a non-empty list of non-empty lists of axes")
    cells = 1
    for number, dimension in enumerate(axes):
        counts = {
            _check_axis(system, axis, f"axes[{number}][{position}]", len(axes))
            for position, axis in enumerate(dimension)
        }
        if len(counts) > 1:
            raise AxesError(400, f"axes[{number}]: parallel axes must have the same count")
        cells *= counts.pop()
        if cells > max_cells:
            raise AxesError(
                413, f"the axes make more than this service's limit of {max_cells} situations"
            )
    persons = situation.get(system.person_entity.plural)
    count = len(persons) if isinstance(persons, dict) else 0
    if count * cells > max_persons:
        raise AxesError(
            413,
            f"{count} persons x {cells} axis points is over this service's limit of "
            f"{max_persons} persons per situation",
        )
    for dimension in axes:
        for axis in dimension:
            entity = system.variables[axis["name"]].entity
            members = situation.get(entity.plural)
            size = len(members) if isinstance(members, dict) else 0
            if axis.get("index", 0) >= max(size, 1):
                raise AxesError(
                    400, f"axis '{axis['name']}': index {axis.get('index', 0)} has no {entity.key}"
                )
    return cells


def _as_list(variable, array: np.ndarray) -> list:
    if variable.value_type == Enum:
        return [str(item) for item in array.decode_to_str()]
    if variable.value_type is float:
        # As stock for one value: the float32 as the shortest decimal that reads back the same.
        return [float(str(item)) for item in array]
    if variable.value_type is str:
        return [str(item) for item in array]
    if array.dtype.kind == "M":
        return [str(item) for item in array.astype("datetime64[D]")]
    return array.tolist()


def fill_in(situation: dict, simulation, cells, values, copies: int) -> dict:
    """The situation with each requested null replaced by its list of values along the axes."""
    system = simulation.tax_benefit_system
    positions = {
        plural: {item: i for i, item in enumerate(situation[plural])} for plural, *_ in cells
    }
    for plural, entity_id, name, period in cells:
        size = len(positions[plural])
        position = positions[plural][entity_id]
        array = values[(name, period)]
        if len(array) != size * copies:  # not what the expansion gave: never a misplaced value
            raise AxesError(400, f"'{name}' has {len(array)} values for {size * copies} copies")
        along = array[position::size]
        situation[plural][entity_id][name][period] = _as_list(system.variables[name], along)
    return situation
