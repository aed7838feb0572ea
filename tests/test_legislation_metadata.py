"""Structural checks: every parameter and variable carries the metadata a reader needs."""

import datetime

import pytest
from openfisca_core.parameters import Parameter, ParameterScale

from policy_bd import engine
from policy_bd.programs import (
    AMOUNT_PERIODS,
    PROGRAMS_DIR,
    STATUSES,
    RegistryError,
    load,
    programs,
)
from policy_bd.units import PARAMETER_UNITS


def leaves(system):
    return [
        p for p in system.parameters.get_descendants() if isinstance(p, Parameter | ParameterScale)
    ]


def test_there_is_legislation(system):
    assert len(leaves(system)) > 5
    assert len(system.variables) > 10


def test_every_parameter_leaf_is_documented(system):
    problems = []
    for leaf in leaves(system):
        metadata = leaf.metadata
        if not leaf.description:
            problems.append(f"{leaf.name}: no description")
        if metadata.get("unit") not in PARAMETER_UNITS and not isinstance(leaf, ParameterScale):
            problems.append(f"{leaf.name}: unit {metadata.get('unit')!r} is not in policy_bd.units")
        checked = metadata.get("last_value_still_valid_on")
        try:
            datetime.date.fromisoformat(str(checked))
        except ValueError:
            problems.append(f"{leaf.name}: last_value_still_valid_on {checked!r} is not a date")
        values = leaf.values_list if isinstance(leaf, Parameter) else []
        for value in values:
            reference = (value.metadata or {}).get("reference")
            if not reference:
                problems.append(f"{leaf.name}@{value.instant_str}: no reference on this value")
    assert not problems, "\n".join(problems)


def test_references_name_a_source(system):
    """A reference is a list of {title, href} or a title; a bare empty entry is not a source."""
    problems = []
    for leaf in leaves(system):
        for value in getattr(leaf, "values_list", []):
            for ref in value.metadata.get("reference") or []:
                if isinstance(ref, dict) and not ref.get("title"):
                    problems.append(f"{leaf.name}@{value.instant_str}: reference without a title")
    assert not problems, "\n".join(problems)


def test_every_variable_is_documented(system):
    problems = []
    for name, variable in system.variables.items():
        if not variable.label:
            problems.append(f"{name}: no label")
        if not variable.reference:
            problems.append(f"{name}: no reference")
        if not variable.definition_period:
            problems.append(f"{name}: no definition_period")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(programs()))
def test_program_registry_entry(system, name):
    entry = programs()[name]
    assert entry.status in STATUSES
    assert entry.amount_period in AMOUNT_PERIODS
    for key in ("amount_variable", "eligibility_variable", "instalment_variable"):
        if getattr(entry, key):
            assert getattr(entry, key) in system.variables, f"{key} is not a variable"
    if entry.in_force_variable:
        assert entry.in_force_variable in system.variables, "in_force_variable is not a variable"
    for name_ in entry.required_inputs:
        assert name_ in engine.contract(system), f"required input {name_} is not an input field"
    for criterion in entry.criteria:
        variable = system.variables.get(criterion)
        assert variable is not None, f"criterion {criterion} is not a variable"
        assert variable.value_type is bool, f"criterion {criterion} is not boolean"
        assert variable.reference, f"criterion {criterion} has no reference"
    for required in entry.required_inputs:
        variable = system.variables.get(required)
        assert variable is not None, f"required input {required} is not a variable"
        assert not variable.formulas, f"required input {required} is computed, not an input"
    in_force = system.variables.get(entry.in_force_variable or "")
    assert in_force is not None and in_force.value_type is bool, "no boolean in_force_variable"


def test_the_registry_is_validated_when_loaded(tmp_path):
    """An unknown or missing key is an error naming the file and the key."""
    good = (PROGRAMS_DIR / "old_age_allowance.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "old_age_allowance.yaml"
    bad.write_text(good.replace("category:", "categroy:"), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load(bad)
    message = str(caught.value)
    assert message.startswith("old_age_allowance.yaml: ")
    assert "unknown key 'categroy'" in message
    assert "missing key 'category'" in message
    bad.write_text(good + "required_inputs: annual_income\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="key 'required_inputs' must be a list of names"):
        load(bad)
    bad.write_text(good + "required_inputs: [annual_income]\n", encoding="utf-8")
    assert load(bad).required_inputs == ("annual_income",)


def test_every_criterion_variable_is_registered(system):
    """A `<program>__*` boolean that no program lists would never be explained to a caller."""
    listed = set()
    for entry in programs().values():
        listed.update(entry.criteria)
        listed.add(entry.eligibility_variable)
        listed.add(entry.in_force_variable)
        listed.update(entry.other_variables)
    unlisted = [
        name
        for name, variable in system.variables.items()
        if "__" in name and variable.value_type is bool and name not in listed
    ]
    assert not unlisted, f"criteria not in any policy_bd/programs/*.yaml: {unlisted}"


def test_every_criterion_has_a_bangla_label(system):
    from policy_bd.labels import bangla_labels

    missing = [
        criterion
        for entry in programs().values()
        for criterion in [*entry.criteria, entry.amount_variable]
        if criterion not in bangla_labels()
    ]
    assert not missing, f"no Bangla label in policy_bd/labels/bn/: {missing}"


def test_dates_in_value_and_leaf_metadata_are_iso_dates(system):
    """`official_journal_date` on a value and `budget_checked_through` on a leaf are dates."""
    problems = []
    for leaf in leaves(system):
        budget = leaf.metadata.get("budget_checked_through")
        if budget is not None:
            try:
                datetime.date.fromisoformat(str(budget))
            except ValueError:
                problems.append(f"{leaf.name}: budget_checked_through {budget!r}")
        for value in getattr(leaf, "values_list", []):
            journal = (value.metadata or {}).get("official_journal_date")
            if journal is not None:
                try:
                    datetime.date.fromisoformat(str(journal))
                except ValueError:
                    problems.append(f"{leaf.name}@{value.instant_str}: {journal!r}")
    assert not problems, "\n".join(problems)


def test_two_thirds_is_stored_exactly(system):
    """Fifth Schedule column 4: the third and fourth months are paid at two thirds, not 0.6667."""
    scale = system.parameters.labour_act.work_injury.temporary_disablement_rates
    assert scale.brackets[1].rate.values_list[-1].value == 2 / 3
