"""The one simulation builder: `Inputs` (people, households, checked input arrays) -> Simulation.

Every reader of `policy_bd.engine.inputs` (columns, one applicant household, an OpenFisca
situation, a returnee file, a survey table) produces `Inputs`; `simulate` turns them into one
vectorised OpenFisca Simulation, with no Python loop over people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from openfisca_core import periods
from openfisca_core.simulations import Simulation
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

ROLE_KEYS = ("head", "spouse", "child", "other")


@dataclass
class Inputs:
    """Who is simulated and the checked values of their inputs.

    `values` holds (variable, period, array, positions): the array is set for `positions` of
    the variable's entity (None: every row), the others keep the variable's default.
    """

    person_ids: np.ndarray
    household_ids: np.ndarray
    household_index: np.ndarray  # each person's household, 0-based
    roles: np.ndarray  # each person's role, a position in ROLE_KEYS
    values: list[tuple[str, periods.Period, np.ndarray, np.ndarray | None]] = field(
        default_factory=list
    )

    @property
    def persons(self) -> int:
        return len(self.person_ids)

    @property
    def signature(self) -> frozenset[tuple[str, str]]:
        """The (variable, period) inputs set: parts with the same signature can be
        concatenated."""
        return frozenset((name, str(period)) for name, period, *_ in self.values)


def _set_roles(population, roles) -> None:
    # The public `members_role` setter turns the array into a Python list of Role objects, one
    # per person; roles are already a Role array here, so the attribute is set directly.
    population._members_role = roles


def simulate(system: TaxBenefitSystem, inputs: Inputs) -> Simulation:
    """One vectorised simulation of `inputs` under `system`."""
    populations = system.instantiate_entities()
    persons = populations[system.person_entity.key]
    persons.ids, persons.count = inputs.person_ids, len(inputs.person_ids)
    households = populations["household"]
    households.ids, households.count = inputs.household_ids, len(inputs.household_ids)
    households.members_entity_id = inputs.household_index
    by_key = {role.key: role for role in households.entity.flattened_roles}
    table = np.array([by_key[key] for key in ROLE_KEYS], dtype=object)
    _set_roles(households, table[inputs.roles])
    simulation = Simulation(system, populations)
    # A longer period first: OpenFisca spreads it, and a shorter one given as well overrides it.
    ordered = sorted(inputs.values, key=lambda item: periods.key_period_size(item[1]))
    for name, period, given, positions in ordered:
        array = given
        if positions is not None:
            population = simulation.get_variable_population(name)
            array = system.variables[name].default_array(population.count)
            array[positions] = given
        simulation.set_input(name, period, array)
    return simulation


class NotConcatenableError(ValueError):
    """Inputs that cannot share one simulation without changing what each would get alone."""


def concat(system: TaxBenefitSystem, parts: Sequence[Inputs], separator: str) -> Inputs:
    """Several Inputs side by side as one, ids prefixed by each part's number and `separator`.

    Households are independent in every formula, so each part keeps the values it has alone,
    provided every part sets the same (variable, period) inputs: a value one part gives would
    otherwise stand as the default of the others (and an input given by some would read as
    given by all). `NotConcatenableError` otherwise.
    """
    if any(part.signature != parts[0].signature for part in parts[1:]):
        raise NotConcatenableError("the parts set different inputs")
    offsets = {"person": 0, "household": 0}
    grouped: dict[tuple[str, str], tuple[periods.Period, list, list]] = {}
    person_ids, household_ids, household_index, roles = [], [], [], []
    for number, part in enumerate(parts):
        prefix = f"{number}{separator}"
        person_ids.append(np.char.add(prefix, part.person_ids.astype(str)))
        household_ids.append(np.char.add(prefix, part.household_ids.astype(str)))
        household_index.append(part.household_index + offsets["household"])
        roles.append(part.roles)
        sizes = {"person": len(part.person_ids), "household": len(part.household_ids)}
        for name, period, array, positions in part.values:
            entity = "person" if system.variables[name].entity.is_person else "household"
            rows = np.arange(sizes[entity]) if positions is None else np.asarray(positions)
            _, arrays, places = grouped.setdefault((name, str(period)), (period, [], []))
            arrays.append(np.asarray(array))
            places.append(rows + offsets[entity])
        for entity, size in sizes.items():
            offsets[entity] += size
    return Inputs(
        person_ids=np.concatenate(person_ids),
        household_ids=np.concatenate(household_ids),
        household_index=np.concatenate(household_index),
        roles=np.concatenate(roles),
        values=[
            (name, period, np.concatenate(arrays), np.concatenate(places))
            for (name, _), (period, arrays, places) in grouped.items()
        ],
    )
