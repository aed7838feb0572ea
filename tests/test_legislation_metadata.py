"""Structural checks: every parameter and variable carries the metadata a reader needs."""

import datetime

import pytest
from openfisca_core.parameters import Parameter, ParameterScale

from policy_bd.programs import AMOUNT_PERIODS, REQUIRED_KEYS, STATUSES, programs
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
    assert set(entry) >= REQUIRED_KEYS, f"missing keys: {REQUIRED_KEYS - set(entry)}"
    assert entry["status"] in STATUSES
    assert entry["amount_period"] in AMOUNT_PERIODS
    for key in ("amount_variable", "eligibility_variable", "instalment_variable"):
        if entry.get(key):
            assert entry[key] in system.variables, f"{key} {entry[key]} is not a variable"
    for criterion in entry["criteria"]:
        variable = system.variables.get(criterion)
        assert variable is not None, f"criterion {criterion} is not a variable"
        assert variable.value_type is bool, f"criterion {criterion} is not boolean"
        assert variable.reference, f"criterion {criterion} has no reference"


def test_every_criterion_variable_is_registered(system):
    """A `<program>__*` boolean that no program lists would never be explained to a caller."""
    listed = set()
    for entry in programs().values():
        listed.update(entry["criteria"])
        listed.add(entry["eligibility_variable"])
        listed.update(entry.get("other_variables", []))
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
        for criterion in [*entry["criteria"], entry["amount_variable"]]
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
