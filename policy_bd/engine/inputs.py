"""Readers: everything a caller sends becomes checked columns (`Inputs`) for the one builder.

- `read_columns`: a person table and an optional household table, one column per input
  variable (the batch API, returnee files, survey data);
- `read_household`: one household as a welfare app describes it (the /v1 applicant contract);
- `read_situation`: an OpenFisca situation (the /calculate JSON, `policy-bd compare`).

Each checks every value through the input contract (`contract.convert`) and raises
`InputError` with every problem at once: the field, the row (from 1) and what is wrong.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd.engine.compute import variable_period
from policy_bd.engine.contract import (
    FIRST_DATE,
    LAST_DATE,
    ROWS_LISTED,
    InputError,
    Problem,
    contract,
    convert,
    map_names,
    text_problem,
)
from policy_bd.engine.simulate import ROLE_KEYS, Inputs

PERSON_KEYS = {"household_id", "person_id", "role"}
HOUSEHOLD_KEYS = {"household_id"}
MEMBER_KEYS = {"id", "role", "employment"}
HOUSEHOLD_ID = "household"


def _show(value) -> str:
    return repr(value.item() if isinstance(value, np.generic) else value)


def _first_true(mask: np.ndarray) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def _converted(
    system,
    table: str,
    column: str,
    values,
    problems,
    *,
    rows=None,
    strict=False,
    listed=ROWS_LISTED,
):
    """The column checked through the contract; problems named `table.column` with rows."""
    array, found = convert(system.variables[column], values, strict, listed)
    for position, message in found:
        row = None if position is None else (position + 1 if rows is None else rows[position])
        problems.append(Problem(f"{table}.{column}", message, row))
    return array


def _objects(values: list) -> np.ndarray:
    """JSON values as a flat object array (a list value stays one item, to be reported)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _not_a_field(system, name: str) -> str:
    if name in system.variables:
        return "is computed by the model, not an input field"
    return "unknown field"


# ----- columns --------------------------------------------------------------------------------


def _identifiers(values) -> np.ndarray:
    ids = np.asarray(values)
    if ids.dtype.kind == "O":
        ids = ids.astype(str)
    return ids.ravel() if ids.ndim > 1 else ids


def _check_text_ids(ids: np.ndarray, field: str, problems: list) -> None:
    """Text identifiers must not be empty nor longer than 256 characters (checked on the
    distinct values; text from JSON, CSV or Parquet is valid UTF-8 by then)."""
    if ids.dtype.kind not in "OU":
        return
    codes, uniques = pd.factorize(ids)
    lengths = pd.Series(uniques, dtype=object).astype(str).str.len().to_numpy()
    bad = (lengths == 0) | (lengths > 256)
    if bad.any():
        row = _first_true(bad[codes])
        problems.append(Problem(field, text_problem(str(ids[row]), 256), row + 1))


def _first_duplicate(ids: np.ndarray) -> int | None:
    order = np.argsort(ids, kind="stable")
    ordered = ids[order]
    repeated = ordered[1:] == ordered[:-1]
    return int(order[1:][repeated].min()) if repeated.any() else None


def _same_kind(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if (a.dtype.kind in "US") != (b.dtype.kind in "US"):
        return a.astype(str), b.astype(str)
    return a, b


def _first_of_group(group_index: np.ndarray) -> np.ndarray:
    """True for the first listed member of each household."""
    if group_index.size and (np.diff(group_index) >= 0).all():  # already grouped: no sort
        first = np.ones(group_index.size, bool)
        first[1:] = group_index[1:] != group_index[:-1]
        return first
    order = np.argsort(group_index, kind="stable")
    ordered = group_index[order]
    starts = np.ones(ordered.size, bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    first = np.zeros(group_index.size, bool)
    first[order[starts]] = True
    return first


def _length(table: Mapping) -> int:
    lengths = {len(values) for values in table.values()}
    return lengths.pop() if len(lengths) == 1 else -1


def _group(person_household, households, problems) -> tuple[np.ndarray, np.ndarray]:
    """Each person's 0-based household index, and the household identifiers in that order."""
    if households is None or "household_id" not in households:
        household_ids, group_index = np.unique(person_household, return_inverse=True)
        return group_index.ravel(), household_ids
    household_ids = _identifiers(households["household_id"])
    if _length(households) < 0:
        problems.append(Problem("households.*", "every column must have the same length"))
    duplicate = _first_duplicate(household_ids)
    if duplicate is not None:
        problems.append(
            Problem("households.household_id", "identifiers must be unique", duplicate + 1)
        )
    wanted, known = _same_kind(person_household, household_ids)
    order = np.argsort(known, kind="stable")
    found = np.searchsorted(known, wanted, sorter=order).clip(0, max(len(known) - 1, 0))
    group_index = order[found] if len(known) else np.zeros(len(wanted), np.intp)
    absent = known[group_index] != wanted if len(known) else np.ones(len(wanted), bool)
    if absent.any():
        row = _first_true(absent)
        problems.append(
            Problem(
                "persons.household_id",
                f"{_show(person_household[row])} is not in households.household_id",
                row + 1,
            )
        )
    members = np.bincount(group_index[~absent], minlength=len(known))
    if (members == 0).any():
        row = _first_true(members == 0)
        problems.append(
            Problem(
                "households.household_id",
                f"household {_show(household_ids[row])} has no members",
                row + 1,
            )
        )
    return group_index, household_ids


def _roles(persons, group_index, household_ids, problems) -> np.ndarray:
    if "role" not in persons:
        return np.where(_first_of_group(group_index), 0, ROLE_KEYS.index("other"))
    raw = persons["role"]
    raw = raw if isinstance(raw, pd.Categorical) else np.asarray(raw)
    codes, unknown = map_names(raw, {key: index for index, key in enumerate(ROLE_KEYS)})
    if unknown.any():
        row = _first_true(unknown)
        problems.append(
            Problem(
                "persons.role", f"{_show(raw[row])} is not one of {', '.join(ROLE_KEYS)}", row + 1
            )
        )
    heads = np.bincount(group_index[codes == 0], minlength=len(household_ids))
    if (heads > 1).any():
        household = household_ids[_first_true(heads > 1)]
        problems.append(
            Problem("persons.role", f"household {_show(household)} has more than one head")
        )
    return codes


def read_columns(
    system: TaxBenefitSystem,
    period,
    persons: Mapping[str, object],
    households: Mapping[str, object] | None = None,
    *,
    listed: int | None = ROWS_LISTED,
) -> Inputs:
    """Person columns (`household_id` required, `person_id` and `role` optional, then input
    variables) and household columns (`household_id`, then input variables) as Inputs, each
    value set for its variable's period given the month `period`."""
    period = periods.period(period)
    n_persons = _length(persons)
    if n_persons < 0:
        raise InputError([Problem("persons.*", "every column must have the same length")])
    if "household_id" not in persons:
        raise InputError(
            [Problem("persons.household_id", "required: the household of each person")]
        )
    if n_persons == 0:
        raise InputError([Problem("persons", "no rows: send at least one person")])
    if households and "household_id" not in households:
        raise InputError(
            [Problem("households.household_id", "required when household columns are given")]
        )
    problems: list[Problem] = []
    person_household = _identifiers(persons["household_id"])
    _check_text_ids(person_household, "persons.household_id", problems)
    group_index, household_ids = _group(person_household, households, problems)
    if "person_id" in persons:
        person_ids = _identifiers(persons["person_id"])
        _check_text_ids(person_ids, "persons.person_id", problems)
        duplicate = _first_duplicate(person_ids)
        if duplicate is not None:
            problems.append(
                Problem("persons.person_id", "identifiers must be unique", duplicate + 1)
            )
    else:
        person_ids = np.arange(n_persons)
    roles = _roles(persons, group_index, household_ids, problems)

    fields = contract(system)
    values = []
    for table, columns, reserved, entity in (
        ("persons", persons, PERSON_KEYS, "person"),
        ("households", households or {}, HOUSEHOLD_KEYS, "household"),
    ):
        for column, raw in columns.items():
            if column in reserved:
                continue
            field = fields.get(column)
            if field is None:
                problems.append(Problem(f"{table}.{column}", _not_a_field(system, column)))
                continue
            if field.entity != entity:
                problems.append(
                    Problem(
                        f"{table}.{column}",
                        f"is a {field.entity} field, not a {entity} one",
                    )
                )
                continue
            array = _converted(system, table, column, raw, problems, listed=listed)
            if array is not None:
                variable = system.variables[column]
                values.append((column, variable_period(variable, period), array, None))
    if problems:
        raise InputError(problems)
    return Inputs(person_ids, household_ids, group_index, roles, values)


# ----- one household (the applicant contract) ----------------------------------------------


def _member_values(member: Mapping, where: str, problems: list) -> dict[str, tuple[str, object]]:
    """A member's inputs: {field name: (path, value)}, the `employment` object flattened."""
    out = {}
    for key, value in member.items():
        if key in ("id", "role"):
            continue
        if key == "employment":
            if value is None:
                continue
            if not isinstance(value, Mapping):
                problems.append(Problem(f"{where}.employment", "must be an object"))
                continue
            for inner, item in value.items():
                out[inner] = (f"{where}.employment.{inner}", item)
            continue
        out[key] = (f"{where}.{key}", value)
    return out


def _check_member(member, index: int, seen: set, problems: list) -> bool:
    where = f"household.members[{index}]"
    if not isinstance(member, Mapping):
        problems.append(Problem(where, "must be an object", index + 1))
        return False
    member_id = member.get("id")
    message = "required" if member_id is None else text_problem(member_id)
    if message:
        problems.append(Problem(f"{where}.id", message, index + 1))
    elif member_id in seen:
        problems.append(Problem(f"{where}.id", f"repeats the id {member_id!r}", index + 1))
    else:
        seen.add(member_id)
    role = member.get("role")
    if role not in ROLE_KEYS:
        message = "required" if role is None else f"{role!r} is not one of {', '.join(ROLE_KEYS)}"
        problems.append(Problem(f"{where}.role", message, index + 1))
    return True


def _age_to_birth(ages: np.ndarray, period: periods.Period) -> np.ndarray:
    """Ages in the month as birth dates: the first of the month, `age` years earlier."""
    start = period.start
    years = (start.year - ages.astype(int)).astype(str)
    return np.array([f"{year:0>4}-{start.month:02d}-01" for year in years], dtype="datetime64[D]")


def read_household(
    system: TaxBenefitSystem,
    household: object,
    period,
    *,
    max_members: int | None = None,
    date: datetime.date | None = None,
) -> Inputs:
    """One household of the applicant contract: `members` (each an `id`, a `role` and input
    fields under their variable names; `age` or `date_of_birth`) and household input fields.

    A field is set only for the members who sent it (the others keep the variable's default),
    for its variable's period containing the month `period`. The member count is checked
    before anything else (413 over `max_members`).
    """
    period = periods.period(period)
    if not isinstance(household, Mapping):
        raise InputError([Problem("household", "must be an object")])
    members = household.get("members")
    if not isinstance(members, list):
        raise InputError([Problem("household.members", "required: a list of members")])
    if max_members is not None and len(members) > max_members:
        message = (
            f"{len(members)} members is over this service's limit of {max_members} per household"
        )
        raise InputError([Problem("household.members", message)], status=413)
    problems: list[Problem] = []
    if not members:
        problems.append(Problem("household.members", "give at least one member"))
    fields = contract(system)
    seen: set = set()
    columns: dict[str, tuple[list, list, list]] = {}  # field -> (positions, values, paths)
    heads = 0
    for index, member in enumerate(members):
        if not _check_member(member, index, seen, problems):
            continue
        heads += member.get("role") == "head"
        where = f"household.members[{index}]"
        given = _member_values(member, where, problems)
        if given.get("sex", (0, None))[1] is None:
            # Required: the model's default (male) would be a silent guess.
            problems.append(Problem(f"{where}.sex", "required", index + 1))
        if (given.get("age", (0, None))[1] is None) == (
            given.get("date_of_birth", (0, None))[1] is None
        ):
            problems.append(
                Problem(
                    f"{where}.date_of_birth", "give exactly one of date_of_birth and age", index + 1
                )
            )
        for name, (path, value) in given.items():
            if value is None:
                continue
            field = fields.get(name)
            if field is None or field.entity != "person":
                message = (
                    "is a household field: give it on the household"
                    if field is not None
                    else _not_a_field(system, name)
                )
                problems.append(Problem(path, message, index + 1))
                continue
            column = columns.setdefault(name, ([], [], []))
            column[0].append(index)
            column[1].append(value)
            column[2].append(path)
    if heads > 1:
        problems.append(Problem("household.members", "a household has at most one head"))
    group_values = {}
    for key, value in household.items():
        if key == "members" or value is None:
            continue
        field = fields.get(key)
        if field is None or field.entity != "household":
            message = (
                "is a member field: give it on a member" if field else _not_a_field(system, key)
            )
            problems.append(Problem(f"household.{key}", message))
            continue
        group_values[key] = value

    values = []
    births = []  # (positions, dates): ages and birth dates are both given as birth dates
    for name, (given_by, raw, paths) in columns.items():
        array, found = convert(system.variables[name], _objects(raw), strict=True)
        for position, message in found:
            where = paths[position] if position is not None else f"household.members.{name}"
            row = given_by[position] + 1 if position is not None else None
            problems.append(Problem(where, message, row))
        if array is None:
            continue
        positions = np.asarray(given_by)
        if name == "age":
            births.append((positions, _age_to_birth(array, period)))
            continue
        if name == "date_of_birth":
            births.append((positions, array))
            if date is not None:
                late = array > np.datetime64(date)
                for position in np.flatnonzero(late):
                    problems.append(
                        Problem(
                            paths[position], f"is after the date {date}", positions[position] + 1
                        )
                    )
            continue
        values.append((name, variable_period(system.variables[name], period), array, positions))
    if births:
        positions = np.concatenate([item[0] for item in births])
        dates = np.concatenate([item[1] for item in births])
        values.append(("date_of_birth", periods.period("eternity"), dates, positions))
    for name, value in group_values.items():
        array = _converted(
            system, "household", name, _objects([value]), problems, rows=[None], strict=True
        )
        if array is not None:
            values.append((name, variable_period(system.variables[name], period), array, None))
    if problems:
        raise InputError(problems)
    ids = np.array([str(member["id"]) for member in members], dtype=object)
    roles = np.array([ROLE_KEYS.index(member["role"]) for member in members])
    return Inputs(
        ids, np.array([HOUSEHOLD_ID], dtype=object), np.zeros(len(ids), int), roles, values
    )


# ----- an OpenFisca situation ----------------------------------------------------------------


class _UncommonShapeError(Exception):
    """The situation has a shape only OpenFisca's SimulationBuilder reads (axes, implicit
    groups, sub-roles, a period of another size than the variable's)."""


@functools.lru_cache(maxsize=4096)
def _parsed_period(text: object) -> periods.Period | str:
    """A period's text read once (a situation repeats a few periods many times), or why not."""
    try:
        period = periods.period(text)
    except (ValueError, TypeError, AttributeError):
        return f"{text!r} is not a period (e.g. 2025-08, 2025 or ETERNITY)"
    if period.unit != DateUnit.ETERNITY and not (
        FIRST_DATE <= np.datetime64(str(period.start)) <= LAST_DATE
    ):
        return f"{text!r} is outside the years 1900 to 2100"
    return period


def _period(text: object, where: tuple, problems: list) -> periods.Period | None:
    """The period of a value; a bad one is reported at its variable, as OpenFisca does."""
    found = _parsed_period(text) if isinstance(text, str) else f"{text!r} is not a period"
    if isinstance(found, str):
        place = where[:-1]
        problems.append(Problem(".".join(place), found, path=place))
        return None
    return found


def _situation_values(system, plural, instances, *, default_period, problems, cells, uncommon):
    """Collect {(variable, period): (positions, values, paths)} of one entity's instances."""
    role_names = {
        role.plural or role.key
        for entity in system.group_entities
        if entity.plural == plural
        for role in entity.roles
    }
    texts: dict = {}  # each period's normal text, made once
    for index, (instance_id, instance) in enumerate(instances.items()):
        where = (plural, str(instance_id))
        message = text_problem(instance_id, 256) if isinstance(instance_id, str) else None
        if message:
            problems.append(Problem(".".join(where), f"identifier {message}", path=where))
        if not isinstance(instance, dict):
            problems.append(Problem(".".join(where), "must be an object", path=where))
            continue
        for name, given in instance.items():
            variable = system.variables.get(name)
            if variable is None:
                if name in role_names:
                    continue  # a role: read with the group
                problems.append(
                    Problem(".".join((*where, name)), "unknown field", path=(*where, name))
                )
                continue
            if variable.entity.plural != plural:
                problems.append(
                    Problem(
                        ".".join((*where, name)),
                        f"is a {variable.entity.key} variable, not a {plural} one",
                        path=(*where, name),
                    )
                )
                continue
            if not isinstance(given, dict):
                if default_period is None:
                    problems.append(
                        Problem(
                            ".".join((*where, name)),
                            'give values by period, e.g. {"2025-08": value}',
                            path=(*where, name),
                        )
                    )
                    continue
                given = {str(variable_period(variable, default_period)): given}  # noqa: PLW2901
            for text, value in given.items():
                at = (*where, name, str(text))
                period = _period(text, at, problems)
                if period is None:
                    continue
                if value is None:
                    continue  # an output asked for
                if variable.definition_period != DateUnit.ETERNITY and (
                    period.unit != variable.definition_period or period.size != 1
                ):
                    uncommon.append(at)
                key = (name, texts.get(period) or texts.setdefault(period, str(period)))
                bucket = cells.setdefault(key, ([], [], []))
                bucket[0].append(index)
                bucket[1].append(value)
                bucket[2].append(at)


def read_situation(
    system: TaxBenefitSystem, situation: object, default_period=None
) -> Inputs | Simulation:
    """An OpenFisca situation as Inputs, every value checked through the contract.

    A value given without a period (`"annual_income": 7000`) is for its variable's period
    containing `default_period`. A situation of a shape only OpenFisca's SimulationBuilder
    reads (axes, a person in no group, sub-roles, a value for a period of another size) is
    checked the same way and then built by SimulationBuilder: a Simulation is returned.
    """
    default_period = periods.period(default_period) if default_period is not None else None
    if not isinstance(situation, Mapping):
        raise InputError([Problem("body", "a situation is a JSON object", path=("body",))], 400)
    persons = situation.get("persons")
    if not isinstance(persons, Mapping) or not persons:
        raise InputError([Problem("persons", "give at least one person", path=("persons",))], 400)
    problems: list[Problem] = []
    uncommon: list = []
    entities = {system.person_entity.plural, *(group.plural for group in system.group_entities)}
    for key in situation:
        if key not in entities and key != "axes":
            problems.append(Problem(key, "unknown entity", path=(key,)))
    cells: dict[str, dict] = {}
    for plural in sorted(entities):
        instances = situation.get(plural) or {}
        if not isinstance(instances, Mapping):
            problems.append(Problem(plural, "must be an object", path=(plural,)))
            continue
        cells[plural] = {}
        _situation_values(
            system,
            plural,
            instances,
            default_period=default_period,
            problems=problems,
            cells=cells[plural],
            uncommon=uncommon,
        )
    checked: dict[str, list] = {}
    for plural, by_key in cells.items():
        checked[plural] = []
        for (name, text), (positions, raw, paths) in by_key.items():
            array, found = convert(system.variables[name], _objects(raw), strict=True)
            for position, message in found:
                where = paths[position] if position is not None else (plural, name)
                problems.append(Problem(".".join(where), message, path=where))
            if array is not None:
                checked[plural].append((name, periods.period(text), array, np.asarray(positions)))
    if problems:
        # As OpenFisca: 404 when the only problem is a variable that does not exist.
        unknown = all(problem.message == "unknown field" for problem in problems)
        raise InputError(problems, 404 if unknown else 400)
    try:
        if uncommon or "axes" in situation:
            raise _UncommonShapeError
        return _common_inputs(system, situation, checked)
    except _UncommonShapeError:
        return stock_simulation(system, situation, default_period)


def _common_inputs(system, situation, checked) -> Inputs:
    persons = situation["persons"]
    person_ids = list(persons)
    person_index = {person_id: index for index, person_id in enumerate(person_ids)}
    group = system.entities_by_singular()["household"]
    instances = situation.get(group.plural)
    if not isinstance(instances, Mapping) or not instances:
        raise _UncommonShapeError
    member_of = np.full(len(person_ids), -1, dtype=np.int64)
    roles = np.zeros(len(person_ids), dtype=np.int64)
    by_plural = {role.plural or role.key: role for role in group.roles}
    for index, instance in enumerate(instances.values()):
        for key, value in instance.items():
            role = by_plural.get(key)
            if role is None:
                continue
            if not isinstance(value, list) or role.subroles:
                raise _UncommonShapeError
            if role.max is not None and len(value) > role.max:
                raise _UncommonShapeError
            for person_id in value:
                position = person_index.get(person_id) if isinstance(person_id, str) else None
                if position is None or member_of[position] != -1:
                    raise _UncommonShapeError
                member_of[position] = index
                roles[position] = ROLE_KEYS.index(role.key)
    if (member_of < 0).any():
        raise _UncommonShapeError  # SimulationBuilder gives unallocated persons their own group
    values = [*checked.get("persons", []), *checked.get(group.plural, [])]
    # Identifiers as lists, as SimulationBuilder keeps them (traces and answers read them so).
    return Inputs(
        person_ids,
        list(instances),
        member_of,
        roles,
        values,
    )


def stock_simulation(system, situation, default_period=None) -> Simulation:
    """OpenFisca's own SimulationBuilder, for the shapes only it reads (axes, implicit groups).

    Kept in this one function: the engine's builder covers every situation of the common shape,
    and stock OpenFisca's messages are kept for the rest.
    """
    import copy  # noqa: PLC0415

    from openfisca_core.errors import PeriodMismatchError, SituationParsingError  # noqa: PLC0415

    builder = SimulationBuilder()
    if default_period is not None:
        builder.set_default_period(default_period)
    try:
        return builder.build_from_entities(system, copy.deepcopy(dict(situation)))
    except SituationParsingError as error:
        problems = [Problem("situation", str(error), path=("situation",))]
        raise InputError(problems, error.code or 400, body=error.error) from None
    except PeriodMismatchError as error:
        problems = [Problem("situation", error.message, path=("situation",))]
        raise InputError(problems, 400, body={"error": error.message}) from None
    except ValueError as error:  # a period OpenFisca cannot read (e.g. an axis without one)
        problems = [Problem("situation", str(error), path=("situation",))]
        raise InputError(problems, 400, body={"error": str(error)}) from None
