"""The reform-file validator: every kind of bad file is an error naming its line (YAML) or field (JSON)."""

import json
import textwrap

import pytest

from policy_bd.reform_spec import ReformError, from_json, load_file, parse_yaml

RATE = "nsis.unemployment.replacement_rate"


def problems_of(text, parameters):
    with pytest.raises(ReformError) as caught:
        parse_yaml(textwrap.dedent(text), parameters)
    return [str(problem) for problem in caught.value.problems]


def one_change(parameter, value, start="2025-07-01"):
    return f"""\
        title: A drafter's reform
        description: One change.
        changes:
          - parameter: {parameter}
            value: {value}
            start: {start}
        """


@pytest.fixture(scope="module")
def parameters(system):
    return system.parameters


def test_a_valid_file_gives_its_changes(parameters):
    spec = parse_yaml(one_change(RATE, 0.6), parameters)
    assert spec.title == "A drafter's reform"
    assert [(c.parameter, c.value, c.start, c.stop) for c in spec.changes] == [
        (RATE, 0.6, "2025-07-01", None)
    ]


def test_a_valid_file_changes_the_law_from_its_start(parameters):
    from policy_bd.system import system_for

    text = one_change(RATE, 0.6) + "    stop: 2026-06-30\n"
    spec = parse_yaml(text, parameters)
    reformed = system_for(spec).parameters
    assert reformed("2025-06-30").nsis.unemployment.replacement_rate == 0.5
    assert reformed("2025-07-01").nsis.unemployment.replacement_rate == 0.6
    assert reformed("2026-07-01").nsis.unemployment.replacement_rate == 0.5


def test_value_above_the_unit_maximum(parameters):
    assert problems_of(one_change(RATE, 1.5), parameters) == [
        f"line 5: changes[0].value: 1.5 is above the allowed maximum 1.0 for {RATE} (/1)"
    ]


def test_value_below_zero_for_money(parameters):
    assert problems_of(one_change("nsis.contributions.wage_ceiling", -100), parameters) == [
        "line 5: changes[0].value: -100 is below the allowed minimum 0.0 for "
        "nsis.contributions.wage_ceiling (currency-BDT)"
    ]


def test_value_above_a_declared_maximum(parameters):
    name = "nsis.sickness.incidence.sick_spells_per_year"
    assert problems_of(one_change(name, 60), parameters) == [
        f"line 5: changes[0].value: 60 is above the allowed maximum 52 for {name} (/1)"
    ]


def test_unknown_parameter_suggests_the_closest(parameters):
    assert problems_of(one_change("nsis.unemployment.replacment_rate", 0.6), parameters) == [
        "line 4: changes[0].parameter: unknown parameter 'nsis.unemployment.replacment_rate' "
        f"(did you mean '{RATE}'?)"
    ]


def test_a_group_of_parameters_is_not_a_value(parameters):
    (message,) = problems_of(one_change("nsis.unemployment.incidence", 0.1), parameters)
    assert message.startswith(
        "line 4: changes[0].parameter: 'nsis.unemployment.incidence' is a group of parameters"
    )
    assert "nsis.unemployment.incidence.job_loss_rate" in message


def test_wrong_types(parameters):
    assert problems_of(one_change(RATE, "half"), parameters) == [
        f"line 5: changes[0].value: {RATE} takes a number (/1), not 'half'"
    ]
    assert problems_of(one_change("nsis.maternity.in_force", 1), parameters) == [
        "line 5: changes[0].value: nsis.maternity.in_force is a switch: give true or false, not 1"
    ]
    assert problems_of(one_change(RATE, "true"), parameters) == [
        f"line 5: changes[0].value: {RATE} takes a number (/1), not True"
    ]


def test_a_code_outside_its_allowed_values(parameters):
    assert problems_of(one_change("nsis.maternity.employer_liability", "shared"), parameters) == [
        "line 5: changes[0].value: 'shared' is not one of remains, offset, ends for "
        "nsis.maternity.employer_liability"
    ]


def test_whole_numbers_for_counts_of_days(parameters):
    assert problems_of(one_change("nsis.sickness.waiting_days", 2.5), parameters) == [
        "line 5: changes[0].value: nsis.sickness.waiting_days takes a whole number of days, not 2.5"
    ]


def test_not_a_finite_number(parameters):
    assert problems_of(one_change(RATE, ".nan"), parameters) == [
        f"line 5: changes[0].value: {RATE} takes a finite number, not nan"
    ]


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("1/7/2025", "a date is written YYYY-MM-DD, not '1/7/2025'"),
        ("2025-7-1", "a date is written YYYY-MM-DD, not '2025-7-1'"),
        ("2025-13-01", "2025-13-01 is not a calendar date"),
        ("2025-02-30", "2025-02-30 is not a calendar date"),
        ("July 2025", "a date is written YYYY-MM-DD, not 'July 2025'"),
    ],
)
def test_dates_in_the_wrong_form(parameters, start, message):
    assert problems_of(one_change(RATE, 0.6, start), parameters) == [
        f"line 6: changes[0].start: {message}"
    ]


def test_stop_before_start(parameters):
    text = one_change(RATE, 0.6) + "    stop: 2025-01-01\n"
    assert problems_of(text, parameters) == [
        "line 7: changes[0].stop: the change stops (2025-01-01) before it starts (2025-07-01)"
    ]


def test_overlapping_changes_to_one_parameter(parameters):
    text = """\
        title: Two rates at once
        changes:
          - parameter: nsis.unemployment.replacement_rate
            value: 0.6
            start: 2025-07-01
          - parameter: nsis.unemployment.replacement_rate
            value: 0.7
            start: 2026-01-01
        """
    assert problems_of(text, parameters) == [
        "line 8: changes[1].start: overlaps changes[0] on nsis.unemployment.replacement_rate "
        "(2025-07-01 to open end); give each period of a parameter once"
    ]


def test_successive_periods_of_one_parameter_are_fine(parameters):
    text = """\
        title: A rate that rises
        changes:
          - parameter: nsis.unemployment.replacement_rate
            value: 0.45
            start: 2025-07-01
            stop: 2026-06-30
          - parameter: nsis.unemployment.replacement_rate
            value: 0.5
            start: 2026-07-01
        """
    spec = parse_yaml(textwrap.dedent(text), parameters)
    assert [change.value for change in spec.changes] == [0.45, 0.5]


def test_missing_and_unknown_keys(parameters):
    text = """\
        title: Sloppy
        summary: not a key
        changes:
          - parameter: nsis.unemployment.replacement_rate
            values: 0.6
            begin: 2025-07-01
        """
    assert problems_of(text, parameters) == [
        "line 2: summary: unknown key; a reform has only changes, description, title",
        "line 4: changes[0]: missing 'value'",
        "line 4: changes[0]: missing 'start'",
        "line 5: changes[0].values: unknown key; a change has only parameter, start, stop, value",
        "line 6: changes[0].begin: unknown key; a change has only parameter, start, stop, value",
    ]


def test_a_key_given_twice(parameters):
    text = one_change(RATE, 0.6) + "    value: 0.7\n"
    assert problems_of(text, parameters) == [
        "line 7: changes[0].value: 'value' is given twice; keep only the value you mean"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "(reform): a reform is a mapping with the keys title, description and changes"),
        (
            "title: Nothing to do\nchanges: []\n",
            "line 2: changes: give a non-empty list of changes",
        ),
        (
            "title: Not a list\nchanges:\n  parameter: x\n",
            "line 2: changes: give a non-empty list of changes",
        ),
        (
            "title: ''\nchanges:\n  - 3\n",
            "line 1: title: the title must be non-empty text",
        ),
    ],
)
def test_shapeless_files(parameters, text, message):
    assert problems_of(text, parameters)[0] == message


def test_not_yaml_at_all(parameters):
    text = "title: Broken\nchanges:\n  - parameter: [unclosed\n"
    (message,) = problems_of(text, parameters)
    assert message.startswith("line 4: (file): not valid YAML")


def test_every_problem_is_reported_at_once(parameters):
    text = """\
        title: Many mistakes
        changes:
          - parameter: nsis.unemployment.replacement_rate
            value: 1.5
            start: 2025-13-01
          - parameter: nsis.nothing
            value: 1
            start: 2025-07-01
        """
    assert [p.split(":")[0] for p in problems_of(text, parameters)] == [
        "line 4",
        "line 5",
        "line 6",
    ]


def test_json_reforms_name_the_field(parameters):
    payload = {
        "title": "From the API",
        "changes": [{"parameter": RATE, "value": 1.5, "start": "2025-07-01"}],
    }
    with pytest.raises(ReformError) as caught:
        from_json(json.dumps(payload), parameters)
    (problem,) = caught.value.problems
    assert problem.as_dict() == {
        "field": "changes[0].value",
        "message": f"1.5 is above the allowed maximum 1.0 for {RATE} (/1)",
    }


def test_json_that_does_not_parse(parameters):
    with pytest.raises(ReformError) as caught:
        from_json('{"title": "x", "changes": [', parameters)
    assert caught.value.problems[0].message.startswith("not valid JSON")


def test_the_same_changes_give_the_same_digest_in_yaml_and_json(parameters):
    from_yaml = parse_yaml(one_change(RATE, 0.6), parameters)
    from_api = from_json(
        {
            "title": "Other title",
            "changes": [{"parameter": RATE, "value": 0.6, "start": "2025-07-01"}],
        },
        parameters,
    )
    assert from_yaml.digest == from_api.digest


def test_every_shipped_reform_file_is_valid(parameters):
    from policy_bd.reforms.registry import EXAMPLES_DIR, PARAMETRIC

    files = [*PARAMETRIC.values(), *sorted(EXAMPLES_DIR.glob("*.yaml"))]
    assert len(files) >= 10
    for path in files:
        assert load_file(path, parameters).changes, path.name


SCALE = "labour_act.work_injury.temporary_disablement_rates"


def test_a_reform_copies_only_the_paths_it_changes_and_leaves_the_law_as_it_was(system):
    spec = from_json(
        {
            "changes": [
                {"parameter": RATE, "value": 0.9, "start": "2025-07-01"},
                {"parameter": f"{SCALE}[1].rate", "value": 0.5, "start": "2025-07-01"},
                {
                    "parameter": "nsis.unemployment.max_duration_weeks",
                    "value": 7,
                    "start": "2025-07-01",
                },
            ]
        },
        system.parameters,
    )
    baseline_law = system.parameters("2025-08-01")
    before = (baseline_law.nsis.unemployment.replacement_rate, baseline_law.nsis.unemployment)
    reformed = spec.to_reform()(system)
    law = reformed.parameters("2025-08-01")
    assert law.nsis.unemployment.replacement_rate == 0.9
    assert law.nsis.unemployment.max_duration_weeks == 7
    assert law.labour_act.work_injury.temporary_disablement_rates.rates[1] == 0.5
    # The baseline is untouched ...
    again = system.parameters("2025-08-01")
    assert again.nsis.unemployment.replacement_rate == before[0]
    assert again.labour_act.work_injury.temporary_disablement_rates.rates[1] != 0.5
    # ... and shares every node the reform does not touch.
    old, new = system.parameters, reformed.parameters
    assert new is not old and new.nsis is not old.nsis
    assert new.social_assistance is old.social_assistance
    assert new.nsis.unemployment is not old.nsis.unemployment
    assert new.nsis.maternity is old.nsis.maternity
    scale_old, scale_new = (
        old.labour_act.work_injury.temporary_disablement_rates,
        (new.labour_act.work_injury.temporary_disablement_rates),
    )
    assert scale_new.brackets[0] is scale_old.brackets[0]
    assert scale_new.brackets[1] is not scale_old.brackets[1]
    assert new.children["nsis"] is new.nsis  # children and attributes agree
