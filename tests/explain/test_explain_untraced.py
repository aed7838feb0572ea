"""Untraced explanations are the traced ones: on every YAML test and on random batch rows.

`determine` learns each criterion's read set once per legislation and month and fills the
values from an ordinary simulation; `determine_traced` runs OpenFisca's tracer on every request
(the way explanations were made before). Their answers must be equal, field by field.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from openfisca_core import periods
from openfisca_core.reforms.in_yaml_test_reform import InYamlTestReform
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.tools.test_runner import _get_tax_benefit_system, build_test

from policy_bd import engine
from policy_bd.explain import determine, determine_traced
from policy_bd.explain_readsets import rules_for
from policy_bd.system import baseline_system

TESTS = Path(__file__).resolve().parent.parent


def yaml_cases():
    """Every YAML test, built as `openfisca test` builds it (reforms, extensions, parameters)."""
    baseline = baseline_system()
    for path in sorted(TESTS.rglob("*.yaml")):
        tests = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, raw in enumerate(tests if isinstance(tests, list) else [tests]):
            test = build_test(raw)
            system = _get_tax_benefit_system(baseline, test.reforms, test.extensions)
            if test.parameters:
                system = InYamlTestReform(system, test.parameters)

            def simulation(system=system, test=test):
                builder = SimulationBuilder()
                builder.set_default_period(test.period)
                return builder.build_from_dict(system, test.input)

            yield (
                f"{path.relative_to(TESTS)}#{number}",
                periods.period(test.period).first_month,
                simulation,
            )


def answers(members):
    return [member.as_dict() for member in members]


def first_difference(untraced, traced) -> str:
    for new, old in zip(untraced, traced, strict=True):
        for a, b in zip(new["programs"], old["programs"], strict=True):
            if a != b:
                return f"{new['id']} {a['program']}:\n  untraced {a}\n  traced   {b}"
    return ""


def test_every_yaml_test_situation_is_explained_as_the_tracer_explains_it():
    cases = list(yaml_cases())
    assert len(cases) > 400, "the YAML tests were not found"
    differences = []
    for number, (name, period, simulation) in enumerate(cases):
        language = "bn" if number % 2 else "en"
        untraced = answers(determine(simulation(), period, language))
        traced = answers(determine_traced(simulation(), period, language))
        if untraced != traced:
            differences.append(f"{name} ({language}): {first_difference(untraced, traced)}")
    assert not differences, f"{len(differences)} differ; first: {differences[0]}"


def random_batch(households: int, seed: int):
    """Households with every kind of input the programs read, drawn at random."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 6, households)
    household_id = np.repeat(np.arange(households), sizes)
    n = household_id.size
    position = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    persons = {
        "household_id": household_id,
        "role": np.where(position == 0, "head", np.where(position == 1, "spouse", "child")),
        "age": rng.integers(0, 95, n),
        "sex": rng.choice(["male", "female"], n),
        "marital_status": rng.choice(["married", "widowed", "never_married", "divorced"], n),
        "annual_income": rng.choice([0.0, 5000.0, 10000.0, 12000.0, 40000.0], n),
        "disability_registered": rng.random(n) < 0.1,
        "receives_other_allowance": rng.random(n) < 0.1,
        "monthly_wage": rng.choice([0.0, 8000.0, 12500.0, 30000.0], n),
        "months_of_service": rng.integers(0, 60, n),
        "delivery_date": np.datetime64("2025-11-01")
        + rng.integers(0, 30, n).astype("timedelta64[D]"),
    }
    households_table = {
        "household_id": np.arange(households),
        "division": rng.choice(["dhaka", "khulna", "rangpur", "sylhet"], households),
        "urban": rng.random(households) < 0.3,
    }
    return persons, households_table


@pytest.mark.parametrize(("period", "language"), [("2025-11", "en"), ("2025-08", "bn")])
def test_random_batch_rows_are_explained_as_the_tracer_explains_them(system, period, language):
    persons, households = random_batch(60, seed=12)

    def simulation():
        return engine.simulate(system, engine.read_columns(system, period, persons, households))

    untraced = answers(determine(simulation(), period, language))
    traced = answers(determine_traced(simulation(), period, language))
    rng = np.random.default_rng(7)
    sample = sorted(rng.choice(len(traced), size=min(60, len(traced)), replace=False))
    for row in sample:
        assert untraced[row] == traced[row], first_difference([untraced[row]], [traced[row]])


def test_read_sets_are_learnt_once_per_system_and_month(system):
    criteria = ["old_age_allowance__meets_age_test"]
    first = rules_for(system, periods.period("2024-07"), criteria)
    assert rules_for(system, periods.period("2024-07"), criteria) is first
    read_set = first.read_sets["old_age_allowance__meets_age_test"]
    assert [item.name for item in read_set.variables] == ["sex", "age"]
    assert {item.name for item in read_set.parameters} == {
        "social_assistance.old_age_allowance.min_age.male",
        "social_assistance.old_age_allowance.min_age.female",
    }
    assert not read_set.dated


def test_a_rule_read_on_the_event_date_is_marked_dated(system):
    rules = rules_for(system, periods.period("2025-11"), ["maternity__meets_service_test"])
    assert rules.read_sets["maternity__meets_service_test"].dated


def met_flags(member):
    """A member's answer as a summary sees it: each program's outcome and criteria met."""
    return [
        {
            "program": item.program,
            "in_force": item.in_force,
            "eligible": item.eligible,
            "amount": item.amount,
            "period": item.period,
            "note": item.note,
            "reasons": [(reason.criterion, reason.met) for reason in item.reasons]
            if item.in_force
            else None,
        }
        for item in member.programs
    ]


@pytest.mark.parametrize("period", ["2018-07", "2021-03", "2025-11"])
def test_without_evidence_the_outcomes_and_criteria_are_those_of_the_full_answer(system, period):
    persons, households = random_batch(40, seed=5)

    def simulation():
        return engine.simulate(system, engine.read_columns(system, period, persons, households))

    summary = determine(simulation(), period, "en", evidence=False)
    full = determine(simulation(), period, "en", evidence=True)
    assert [met_flags(m) for m in summary] == [met_flags(m) for m in full]
    in_force = {item.program for member in summary for item in member.programs if item.in_force}
    skipped = {item.program for item in summary[0].programs} - in_force
    assert skipped, f"some program is not in force in {period}"
    # A program in force for nobody is not computed without evidence: no reasons at all.
    assert all(
        not item.reasons
        for member in summary
        for item in member.programs
        if item.program in skipped
    )
