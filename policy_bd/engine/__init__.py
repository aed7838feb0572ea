"""The one engine under every surface (API, CLI, web app, microsimulation, adapters).

    from policy_bd import engine
    reform = engine.resolve_reform("universal_old_age_allowance")
    inputs = engine.read_columns(reform.system, "2025-08", persons, households)
    simulation = engine.simulate(reform.system, inputs)
    values = engine.compute(simulation, ["old_age_allowance"], "2025-08").values

- reforms: `resolve_reform` (name | file | JSON spec | Reform class -> system, one cache keyed
  by content digest), `system_for`, `baseline_system`, `named_reforms`, `describe_reform`;
- inputs: `contract` (the input fields generated from the variables), `read_columns`,
  `read_household`, `read_situation` (all checked through the contract; `InputError`);
- `simulate(system, inputs)`: the one builder; `concat` puts several Inputs side by side
  (concurrent requests evaluated together);
- `compute(simulation, outputs, period)`: decoded arrays at each variable's period;
  `known_defined(system, outputs, period)`: whether earlier runs found them all defined;
- `compare(baseline, reform, names, period)`: one difference rule;
- `explain(simulation, period, language, programs)`: reasons for each program.
"""

from policy_bd.engine.compute import (
    Computed,
    Difference,
    calculation_period,
    compare,
    compute,
    difference,
    known_defined,
    plain,
    variable_period,
)
from policy_bd.engine.contract import Field, InputError, Problem, contract
from policy_bd.engine.inputs import read_columns, read_household, read_situation
from policy_bd.engine.reforms import (
    Resolved,
    baseline_system,
    describe_reform,
    named_reforms,
    resolve_reform,
    system_for,
)
from policy_bd.engine.simulate import (
    ROLE_KEYS,
    Inputs,
    NotConcatenableError,
    concat,
    release,
    simulate,
    simulated,
)

__all__ = [
    "ROLE_KEYS",
    "Computed",
    "Difference",
    "Field",
    "InputError",
    "Inputs",
    "NotConcatenableError",
    "Problem",
    "Resolved",
    "baseline_system",
    "calculation_period",
    "compare",
    "compute",
    "concat",
    "contract",
    "describe_reform",
    "difference",
    "explain",
    "known_defined",
    "named_reforms",
    "plain",
    "read_columns",
    "read_household",
    "read_situation",
    "release",
    "resolve_reform",
    "simulate",
    "simulated",
    "system_for",
    "variable_period",
]


def __getattr__(name: str):
    # `explain` imports the program registry and labels; loaded on first use, which also keeps
    # `policy_bd.explain` (which imports this package) free of an import cycle.
    if name == "explain":
        from policy_bd.engine.explain import explain  # noqa: PLC0415

        return explain
    raise AttributeError(name)
