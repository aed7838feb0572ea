"""A fast path from an OpenFisca situation (the `/calculate` JSON) to a simulation.

OpenFisca's SimulationBuilder finds every person and every value's entity with a list look-up
(`ids.index(...)`), once per value: building 10,000 households takes about a minute, nearly all
of it in those look-ups. This builder reads the same situations in one pass with dictionaries,
collects each input (variable, period) as index and value lists, and sets each as one array.

It takes only the common shape of situations: every person in exactly one group of each kind,
roles as lists, values of the variable's own type for a period of its definition. For anything
else (axes, implicit groups, numbers sent as text, a value for another period size, any error)
it returns None and the caller uses SimulationBuilder, so every answer, including every error
message, is stock OpenFisca's. Tests compare both builders on the same situations.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import Simulation
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INT32 = (-(2**31), 2**31 - 1)


class _NeedsBuilderError(Exception):
    """The situation needs SimulationBuilder."""


class _Inputs:
    def __init__(self, system: TaxBenefitSystem) -> None:
        self.system = system
        # (variable, normalised period) -> ([instance index], [value])
        self.values: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
        self._periods: dict[str, periods.Period] = {}

    def period(self, text: object) -> periods.Period:
        if not isinstance(text, str):
            raise _NeedsBuilderError
        found = self._periods.get(text)
        if found is None:
            try:
                found = periods.period(text)
            except (ValueError, TypeError, AttributeError):
                raise _NeedsBuilderError from None
            self._periods[text] = found
        return found

    @staticmethod
    def _accepted(variable, value: object) -> object:
        """The value as OpenFisca would store it, when its type is exactly the variable's."""
        kind = variable.value_type
        if kind is Enum:
            if isinstance(value, str) and value in variable.possible_values.__members__:
                return variable.possible_values[value].index
        elif kind is bool:
            if type(value) is bool:
                return value
        elif kind is int:
            if type(value) is int and INT32[0] <= value <= INT32[1]:
                return value
        elif kind is float:
            if type(value) in (int, float):
                return value
        elif kind is str:
            if type(value) is str:
                return value
        elif isinstance(value, str) and DATE.match(value):
            return value
        raise _NeedsBuilderError

    def add(self, entity, instances: dict, index_of: dict[str, int]) -> None:
        variables = self.system.variables
        for instance_id, instance in instances.items():
            index = index_of[instance_id]
            for name, values in instance.items():
                variable = variables.get(name)
                if (
                    variable is None
                    or variable.entity.key != entity.key
                    or variable.end is not None
                    or not isinstance(values, dict)
                ):
                    raise _NeedsBuilderError
                for text, value in values.items():
                    period = self.period(text)
                    if value is None:
                        continue  # a requested output
                    if variable.definition_period != periods.DateUnit.ETERNITY and (
                        period.unit != variable.definition_period or period.size != 1
                    ):
                        raise _NeedsBuilderError
                    bucket = self.values[(name, str(period))]
                    bucket[0].append(index)
                    bucket[1].append(self._accepted(variable, value))

    def set(self, simulation: Simulation) -> None:
        keyed = sorted(
            self.values.items(),
            key=lambda item: periods.key_period_size(self._parsed(item[0][1])),
        )
        for (name, period_text), (indices, values) in keyed:
            variable = self.system.variables[name]
            population = simulation.get_variable_population(name)
            where = np.asarray(indices)
            if np.unique(where).size != where.size:
                raise _NeedsBuilderError  # a value given twice for one period (e.g. 2018-07, month:2018-07)
            array = variable.default_array(population.count)
            if variable.value_type is Enum:
                array[where] = np.asarray(values, dtype=np.int16)
            else:
                try:
                    array[where] = np.asarray(values, dtype=variable.dtype)
                except (TypeError, ValueError, OverflowError):
                    raise _NeedsBuilderError from None
            population.get_holder(name).set_input(self._parsed(period_text), array)

    @staticmethod
    def _parsed(text: str) -> periods.Period:
        return periods.period(text)


def fast_build(system: TaxBenefitSystem, situation: object) -> Simulation | None:
    """The simulation of a situation of the common shape, or None (use SimulationBuilder)."""
    try:
        return _build(system, situation)
    except _NeedsBuilderError:
        return None


def _build(system: TaxBenefitSystem, situation: object) -> Simulation:
    person_entity, groups = system.person_entity, system.group_entities
    if not isinstance(situation, dict):
        raise _NeedsBuilderError
    if set(situation) - {person_entity.plural, *(group.plural for group in groups)}:
        raise _NeedsBuilderError  # axes, or an unknown entity: SimulationBuilder says what is wrong
    persons = situation.get(person_entity.plural)
    if not isinstance(persons, dict) or not persons:
        raise _NeedsBuilderError
    if not all(isinstance(situation.get(group.plural), dict) for group in groups):
        raise _NeedsBuilderError
    if not all(isinstance(key, str) and isinstance(value, dict) for key, value in persons.items()):
        raise _NeedsBuilderError
    person_ids = list(persons)
    person_index = {person_id: index for index, person_id in enumerate(person_ids)}
    inputs = _Inputs(system)
    inputs.add(person_entity, persons, person_index)

    populations = system.instantiate_entities()
    population = populations[person_entity.key]
    population.ids, population.count = person_ids, len(person_ids)
    for group in groups:
        instances = situation[group.plural]
        ids = list(instances)
        member_of = np.full(len(person_ids), -1, dtype=np.int64)
        roles = np.empty(len(person_ids), dtype=object)
        by_plural = {role.plural or role.key: role for role in group.roles}
        variables_of = {}
        for index, (instance_id, instance) in enumerate(instances.items()):
            if not isinstance(instance, dict):
                raise _NeedsBuilderError
            variables_of[instance_id] = {}
            for key, value in instance.items():
                role = by_plural.get(key)
                if role is None:
                    variables_of[instance_id][key] = value
                    continue
                if not isinstance(value, list) or role.subroles:
                    raise _NeedsBuilderError
                if role.max is not None and len(value) > role.max:
                    raise _NeedsBuilderError
                for person_id in value:
                    position = person_index.get(person_id) if isinstance(person_id, str) else None
                    if position is None or member_of[position] != -1:
                        raise _NeedsBuilderError
                    member_of[position] = index
                    roles[position] = role
        if (member_of < 0).any():
            raise _NeedsBuilderError  # SimulationBuilder gives unallocated persons their own group
        inputs.add(group, variables_of, {instance_id: i for i, instance_id in enumerate(ids)})
        population = populations[group.key]
        population.ids, population.count = ids, len(ids)
        population.members_entity_id = member_of
        population.members_role = roles
    simulation = Simulation(system, populations)
    inputs.set(simulation)
    return simulation
