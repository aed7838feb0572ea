"""The one simulation builder: `Inputs` (people, households, checked input arrays) -> Simulation.

Every reader of `policy_bd.engine.inputs` (columns, one applicant household, an OpenFisca
situation, a returnee file, a survey table) produces `Inputs`; `simulate` turns them into one
vectorised OpenFisca Simulation, with no Python loop over people.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
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


def release(simulation: Simulation) -> None:
    """Break the reference cycles of a simulation that is done with (OpenFisca links each
    population to its simulation, each holder to both, each trace node to its parent), so that
    its memory is freed at once by reference counting. Left to the garbage collector, every
    request's simulation would be found and freed by a collection that stops the worker, and
    the full collections grow with the garbage. The simulation cannot be used afterwards."""
    tracer = simulation.tracer
    trees = getattr(tracer, "trees", None)
    if trees:
        stack = list(trees)
        while stack:
            node = stack.pop()
            node.parent = None
            stack.extend(node.children)
        tracer._current_node = None  # the one reference to a node the tree does not hold
    for population in simulation.populations.values():
        population._holders = {}
        population.simulation = None
    simulation.populations = {}
    simulation.persons = None


@contextlib.contextmanager
def simulated(system: TaxBenefitSystem, inputs: Inputs) -> Iterator[Simulation]:
    """`simulate`, released when the block ends (`release`)."""
    simulation = simulate(system, inputs)
    try:
        yield simulation
    finally:
        release(simulation)
