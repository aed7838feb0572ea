"""Explanations: each criterion met or not, with the values its formula read."""

import pytest

from policy_bd import engine
from policy_bd import programs as program_registry
from policy_bd.explain import determine, plain, program_variables, public_outputs, show


def columns_simulation(system, period, persons, households=None):
    """Columns through the engine's reader and builder."""
    return engine.simulate(system, engine.read_columns(system, period, persons, households))


def computed(simulation, outputs, period):
    return engine.compute(simulation, outputs, period).values


OAA = "old_age_allowance"


def couple(system, period="2024-07", **columns):
    persons = {
        "household_id": [1, 1],
        "person_id": ["rahim", "amena"],
        "role": ["head", "spouse"],
        "age": [70, 63],
        "sex": ["male", "female"],
        "annual_income": [100, 5000],
        **columns,
    }
    return columns_simulation(system, period, persons)


def program(member, name):
    return next(item for item in member.programs if item.program == name)


def evidence(reason):
    return {item.name: item.value for item in reason.evidence}


def test_every_registered_program_is_explained_with_its_criteria_in_order(system):
    members = determine(couple(system), "2024-07")
    registry = program_registry.programs()
    for member in members:
        assert [item.program for item in member.programs] == list(registry)
        for item in member.programs:
            entry = registry[item.program]
            assert [reason.criterion for reason in item.reasons] == list(entry.criteria)
            assert item.amount_variable == entry.amount_variable
            assert item.amount_period == entry.amount_period
            for reason in item.reasons:
                assert reason.reference, f"{reason.criterion} has no legal reference"
                assert reason.sentence.startswith("Met: " if reason.met else "Not met: ")


def test_the_deciding_values_are_the_persons_own_and_the_threshold_in_force(system):
    rahim, amena = determine(couple(system), "2024-07")
    law = system.parameters("2024-07").social_assistance.old_age_allowance
    age_test = program(rahim, OAA).reasons[0]
    assert age_test.met
    # Only the threshold for his sex is shown, though the formula reads both.
    assert evidence(age_test) == {
        "sex": "male",
        "age": 70,
        "social_assistance.old_age_allowance.min_age.male": law.min_age.male,
    }
    threshold = age_test.evidence[-1]
    assert threshold.kind == "parameter"
    assert threshold.period == "2024-07-01"
    assert threshold.reference, "the threshold carries the source of its value"
    assert evidence(program(amena, OAA).reasons[0])[
        "social_assistance.old_age_allowance.min_age.female"
    ] == (law.min_age.female)
    income = program(amena, OAA).reasons[1]
    assert evidence(income) == {
        "annual_income": 5000.0,
        "social_assistance.old_age_allowance.income_limit": law.income_limit,
    }
    assert [item.period for item in income.evidence] == ["2024", "2024-07-01"]


def test_one_recipient_per_household_is_explained(system):
    rahim, amena = determine(couple(system), "2024-07")
    amount = system.parameters("2024-07").social_assistance.old_age_allowance.amount
    assert (program(rahim, OAA).eligible, program(rahim, OAA).amount) == (True, amount)
    # Amena meets every individual criterion, but the older member is the household's recipient.
    assert program(amena, OAA).eligible
    assert program(amena, OAA).amount == 0
    household_rule = program(amena, OAA).reasons[-1]
    assert household_rule.criterion == "old_age_allowance__is_household_recipient"
    assert not household_rule.met
    assert evidence(household_rule)["age"] == 63


def test_a_failed_criterion_says_not_met_with_the_value(system):
    simulation = couple(system, annual_income=[20000, 0], age=[64, 63])
    rahim, _ = determine(simulation, "2024-07")
    age_test, income_test = program(rahim, OAA).reasons[:2]
    assert not age_test.met and not income_test.met
    assert not program(rahim, OAA).eligible
    assert "Not met" in age_test.sentence
    assert "64 years" in age_test.sentence
    assert "Tk 20,000" in income_test.sentence


def test_sentences_in_bangla(system):
    rahim, _ = determine(couple(system), "2024-07", language="bn")
    oaa = program(rahim, OAA)
    assert oaa.label == program_registry.programs()[OAA].label_bn
    age_test = oaa.reasons[0]
    assert age_test.sentence.startswith("শর্ত পূরণ হয়েছে")
    assert "৭০ বছর" in age_test.sentence  # 70 years, in Bangla digits
    assert age_test.evidence[-1].label == "পুরুষের ন্যূনতম বয়স"  # the parameter's label_bn


def test_before_the_law_the_program_is_not_in_force(system):
    simulation = columns_simulation(system, "1990-01", {"household_id": [1], "age": [70]})
    (member,) = determine(simulation, "1990-01")
    oaa = program(member, OAA)
    assert not oaa.in_force and not oaa.eligible and oaa.amount == 0
    # A plain sentence with the law's start, not OpenFisca's "parameter ... was not found" text.
    assert oaa.note == (
        "Old Age Allowance is not in force on 1990-01-01."
        " Applies from 1998-04-01: the Old Age Allowance, paid from April 1998."
    )
    assert "min_age" not in oaa.note and "not found" not in oaa.note
    assert oaa.reasons == ()


def test_a_program_from_any_registry_is_explained(fake_system, fake_registry):
    """Generic over the registry: a household criterion, a lump sum, an extra input."""
    simulation = columns_simulation(
        fake_system,
        "2024-07",
        {
            "household_id": [1, 1, 2],
            "age": [40, 12, 30],
            "disability_registered": [True, True, True],
        },
        {"household_id": [1, 2], "urban": [True, False]},
    )
    members = determine(simulation, "2024-07", program_names=["test_grant"])
    grants = [member.programs[0] for member in members]
    assert [item.eligible for item in grants] == [True, False, False]
    assert [item.amount for item in grants] == [1000.0, 0.0, 0.0]
    assert grants[0].amount_period == "lump_sum" and grants[0].payment_schedule == "once"
    adult, town, registered = grants[2].reasons
    assert adult.met and not town.met and registered.met
    # A household criterion is read at the person's household.
    assert town.evidence[0].name == "urban" and town.evidence[0].value is False
    assert evidence(adult) == {"age": 30, "test_grant.min_age": 18}
    assert adult.evidence[1].reference == (
        {"title": "Test Act, s.1", "href": "https://example.org/1"},
    )
    assert evidence(grants[1].reasons[0])["age"] == 12


def test_public_outputs_and_program_variables_follow_the_registry(fake_registry):
    assert public_outputs() == [
        variable
        for entry in fake_registry.values()
        for variable in (entry.amount_variable, entry.eligibility_variable)
    ]
    assert set(program_variables(["test_grant"])) == {
        "test_grant",
        "test_grant__eligible",
        *fake_registry["test_grant"].criteria,
    }


@pytest.mark.parametrize(
    ("value", "unit", "language", "shown"),
    [
        (10000.0, "currency-BDT", "en", "Tk 10,000"),
        (10000, "currency-BDT", "bn", "১০,০০০ টাকা"),
        (65, "year", "en", "65 years"),
        (0.05, "/1", "en", "5%"),
        (True, None, "bn", "হ্যাঁ"),
        (12.5, None, "en", "12.5"),
    ],
)
def test_values_are_written_for_people(value, unit, language, shown):
    assert show(value, unit, language) == shown


def test_plain_values_are_json_ready():
    import numpy as np

    assert plain(np.float32(0.1)) == 0.1
    assert plain(np.int16(3)) == 3 and isinstance(plain(np.int16(3)), int)
    assert plain(np.bool_(True)) is True
    assert plain(np.datetime64("1950-01-31")) == "1950-01-31"
