"""The engine's own rules: one reform cache by content, one difference rule, the contract."""

import contextlib
import gc
import weakref

import pytest
from policy_bd.reforms import REGISTRY

from policy_bd import engine

REFORM = {
    "title": "Old Age Allowance of Tk 800",
    "changes": [
        {
            "parameter": "social_assistance.old_age_allowance.amount",
            "value": 800,
            "start": "2025-07-01",
        }
    ],
}


def test_a_reform_is_built_once_whatever_its_title_or_how_it_is_named():
    first = engine.resolve_reform(REFORM)
    again = engine.resolve_reform({**REFORM, "title": "Another title"})
    assert again.system is first.system and again.digest == first.digest
    name = "allowance_rates_fy2025_26_early"
    by_name = engine.resolve_reform(name)
    by_file = engine.resolve_reform(str(REGISTRY[name]))
    assert by_file.system is by_name.system
    assert by_name.describe()["name"] == name


def test_a_request_never_names_a_file():
    from policy_bd.reform_spec import ReformError

    with pytest.raises(ReformError, match="not a registered reform"):
        engine.resolve_reform(str(REGISTRY["allowance_rates_fy2025_26_early"]), files=False)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (650.0, 800.0, (150.0, True)),
        (1.001, 1.004, (0.0, False)),  # under half a paisa: noise, not a change
        (2, 3, (1.0, True)),
        (True, False, (None, True)),
        ("married", "married", (None, False)),
        (None, 5.0, (None, True)),
        (None, None, (None, False)),
    ],
)
def test_one_difference_rule(before, after, expected):
    assert engine.difference(before, after) == expected


def test_the_contract_is_generated_from_the_variables(system):
    fields = engine.contract(system)
    inputs = {name for name, variable in system.variables.items() if not variable.formulas}
    assert inputs <= set(fields)
    # Computed variables that callers may also send are declared InputVariables.
    assert {"age", "household_annual_income"} <= set(fields)
    assert (fields["age"].minimum, fields["age"].maximum, fields["age"].example) == (0, 120, 67)
    assert (
        fields["accident_disablement_share"].minimum,
        fields["accident_disablement_share"].maximum,
    ) == (0, 1)
    assert fields["establishment_size"].type == "integer"
    assert fields["delivery_date"].type == "date" and fields["delivery_date"].period == "month"


def test_compute_decodes_at_each_variables_period(system):
    inputs = engine.read_columns(
        system, "2025-08", {"household_id": [1], "age": [70], "sex": ["female"]}
    )
    computed = engine.compute(
        engine.simulate(system, inputs), ["sex", "annual_income", "age"], "2025-08"
    )
    assert computed.values["sex"].tolist() == ["female"]
    assert computed.periods == {"sex": "2025-08", "annual_income": "2025", "age": "2025-08"}


@contextlib.contextmanager
def no_garbage_collection():
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def cyclic_garbage_of(kind: str) -> int:
    """How many objects of a class a collection finds unreachable (kept, then dropped)."""
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        return sum(1 for item in gc.garbage if type(item).__name__ == kind)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_a_released_simulation_is_freed_without_a_garbage_collection(system):
    inputs = engine.read_household(
        system, {"members": [{"id": "a", "role": "head", "age": 70, "sex": "male"}]}, "2025-08"
    )
    with no_garbage_collection():
        simulation = engine.simulate(system, inputs)
        simulation.trace = True
        simulation.calculate("old_age_allowance", "2025-08")
        engine.release(simulation)
        del simulation
        assert cyclic_garbage_of("Holder") == 0
        assert cyclic_garbage_of("TraceNode") == 0
    with no_garbage_collection():
        kept = engine.simulate(system, inputs)
        kept.calculate("old_age_allowance", "2025-08")
        del kept  # without `release`: only a collection finds it
        assert cyclic_garbage_of("Holder") > 0


def amount_reform(value: int) -> dict:
    return {
        "changes": [
            {
                "parameter": "social_assistance.old_age_allowance.amount",
                "value": value,
                "start": "2025-07-01",
            }
        ]
    }


def test_a_reform_system_dropped_from_the_cache_is_freed_at_once(system):
    size = engine.reforms._SYSTEMS.maxsize
    engine.reforms.set_cache_size(1)
    try:
        with no_garbage_collection():
            reformed = engine.resolve_reform(amount_reform(777), system, files=False).system
            law = reformed.parameters("2025-08-01")
            assert law.social_assistance.old_age_allowance.amount == 777
            alive = weakref.ref(reformed)
            del reformed, law
            engine.resolve_reform(amount_reform(778), system, files=False)  # takes its place
            assert alive() is None
    finally:
        engine.reforms.set_cache_size(size)
