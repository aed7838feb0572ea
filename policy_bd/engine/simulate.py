"""The one simulation builder: `Inputs` (people, households, checked input arrays) -> Simulation.

Every reader of `policy_bd.engine.inputs` (columns, one applicant household, an OpenFisca
situation, a returnee file, a survey table) produces `Inputs`; `simulate` turns them into one
vectorised OpenFisca Simulation, with no Python loop over people.
"""

from __future__ import annotations

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
