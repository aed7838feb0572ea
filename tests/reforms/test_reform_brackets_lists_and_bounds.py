"""Reforms of scale brackets and list-valued parameters, and reforms that try to cost too much."""

import json
import textwrap
import time

import pytest

from policy_bd.reform_spec import MAX_CHANGES, ReformError, from_json, parse_yaml
from policy_bd.system import system_for

SCALE = "labour_act.separation.resignation_days_per_year"
LEVELS = "universal_pension.probash.contribution_levels"
MONEY = "social_assistance.old_age_allowance.amount"


@pytest.fixture(scope="module")
def parameters(system):
    return system.parameters


def problems(text, parameters):
    with pytest.raises(ReformError) as caught:
        parse_yaml(textwrap.dedent(text), parameters)
    return [str(problem) for problem in caught.value.problems]


def change(parameter, value, start="2026-07-01", stop=None):
    text = f"""\
        title: A drafter's reform
        changes:
          - parameter: {parameter}
            value: {value}
            start: {start}
        """
    return text + (f"    stop: {stop}\n" if stop else "")


def json_problems(reform, parameters):
    with pytest.raises(ReformError) as caught:
        from_json(reform, parameters)
    return [problem.as_dict() for problem in caught.value.problems]


# ----- brackets (policyengine-core `Reform.from_dict` paths: scale[i].amount / .threshold) ------


def test_a_bracket_amount_and_threshold_can_be_changed(parameters):
    text = f"""\
        title: Resignation pay from four years
        changes:
          - parameter: {SCALE}[1].amount
            value: 20
            start: 2026-07-01
          - parameter: {SCALE}[1].threshold
            value: 4
            start: 2026-07-01
        """
    spec = parse_yaml(textwrap.dedent(text), parameters)
    assert [(c.parameter, c.value) for c in spec.changes] == [
        (f"{SCALE}[1].amount", 20),
        (f"{SCALE}[1].threshold", 4),
    ]
    scale = system_for(spec).parameters("2026-07-01").labour_act.separation
    assert scale.resignation_days_per_year.calc(4) == 20  # four years now earn 20 days a year
    assert scale.resignation_days_per_year.calc(12) == 30
    before = system_for(spec).parameters("2026-06-30").labour_act.separation
    assert before.resignation_days_per_year.calc(4) == 0


def test_an_unknown_bracket_index_names_the_brackets_there_are(parameters):
    assert problems(change(f"{SCALE}[5].amount", 20), parameters) == [
        f"line 3: changes[0].parameter: '{SCALE}' has 3 brackets, [0] to [2]; there is no [5]"
    ]


def test_a_bracket_index_is_a_whole_number(parameters):
    assert problems(change(f"{SCALE}[x].amount", 20), parameters) == [
        f"line 3: changes[0].parameter: a bracket is counted from 0 ('{SCALE}[0]'), not [x]"
    ]


def test_a_bracket_has_only_threshold_and_amount(parameters):
    assert problems(change(f"{SCALE}[1].rate", 20), parameters) == [
        f"line 3: changes[0].parameter: a bracket of '{SCALE}' has amount and threshold: name"
        f" one, e.g. '{SCALE}[1].amount'"
    ]


def test_a_scale_itself_is_not_one_value(parameters):
    (message,) = problems(change(SCALE, 20), parameters)
    assert message.startswith(f"line 3: changes[0].parameter: '{SCALE}' is a scale")
    assert f"{SCALE}[0].amount" in message


def test_a_bracket_value_is_checked_against_its_unit(parameters):
    assert problems(change(f"{SCALE}[1].amount", 2.5), parameters) == [
        f"line 4: changes[0].value: {SCALE}[1].amount takes a whole number of days, not 2.5"
    ]
    assert problems(change(f"{SCALE}[1].threshold", -1), parameters) == [
        f"line 4: changes[0].value: -1 is below the allowed minimum 0.0 for"
        f" {SCALE}[1].threshold (year)"
    ]


# ----- list-valued parameters ----------------------------------------------------------------


def test_a_list_parameter_takes_a_new_list(parameters):
    spec = parse_yaml(textwrap.dedent(change(LEVELS, "[2000, 5000, 7500, 10000]")), parameters)
    assert spec.changes[0].value == [2000, 5000, 7500, 10000]
    reformed = system_for(spec).parameters("2026-07-01").universal_pension.probash
    assert list(reformed.contribution_levels) == [2000, 5000, 7500, 10000]


def test_a_wrong_type_in_a_list_names_its_position(parameters):
    assert problems(change(LEVELS, "[2000, lots, 7500]"), parameters) == [
        f"line 4: changes[0].value[1]: {LEVELS} takes a number (currency-BDT), not 'lots'"
    ]
    assert json_problems(
        {"changes": [{"parameter": LEVELS, "value": [5000, -1], "start": "2026-07-01"}]},
        parameters,
    ) == [
        {
            "field": "changes[0].value[1]",
            "message": f"-1 is below the allowed minimum 0.0 for {LEVELS} (currency-BDT)",
        }
    ]


def test_a_list_parameter_takes_a_list_not_a_number(parameters):
    assert problems(change(LEVELS, 5000), parameters) == [
        f"line 4: changes[0].value: {LEVELS} takes a non-empty list of numbers (currency-BDT),"
        " not 5000"
    ]
    assert problems(change(LEVELS, "[]"), parameters) == [
        f"line 4: changes[0].value: {LEVELS} takes a non-empty list of numbers (currency-BDT),"
        " not []"
    ]


# ----- bounded cost (issue 10) ----------------------------------------------------------------


@pytest.mark.parametrize("value", [2**63, 10**30, 1e300, -(2**63)])
def test_a_huge_number_is_refused_naming_the_field(parameters, value):
    reform = {"changes": [{"parameter": MONEY, "value": value, "start": "2026-07-01"}]}
    ((found),) = json_problems(reform, parameters)
    assert found["field"] == "changes[0].value"
    assert "the largest number a reform may give" in found["message"] or "below" in found["message"]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_number_is_refused(parameters, value):
    body = f'{{"changes": [{{"parameter": "{MONEY}", "value": {value}, "start": "2026-07-01"}}]}}'
    ((found),) = json_problems(body, parameters)
    assert found["field"] == "changes[0].value"
    assert "finite" in found["message"]


def test_an_integer_of_too_many_digits_is_a_json_error(parameters):
    body = (
        f'{{"changes": [{{"parameter": "{MONEY}", "value": {"9" * 5000}, "start": "2026-07-01"}}]}}'
    )
    ((found),) = json_problems(body, parameters)
    assert found["field"] == "(body)" and "not valid JSON" in found["message"]


@pytest.mark.parametrize("stop", ["9999-12-31", "2200-01-01"])
def test_a_stop_in_the_far_future_is_refused_naming_the_field(parameters, stop):
    assert problems(change(MONEY, 800, stop=stop), parameters) == [
        f"line 6: changes[0].stop: {stop} is outside 1900-01-01 to 2199-12-31, the dates a"
        " reform may give (leave stop out for a change with no end)"
    ]


def test_a_start_in_year_one_is_refused(parameters):
    assert problems(change(MONEY, 800, start="0001-01-01"), parameters) == [
        "line 5: changes[0].start: 0001-01-01 is outside 1900-01-01 to 2199-12-31, the dates a"
        " reform may give (leave stop out for a change with no end)"
    ]


def test_the_latest_date_still_works(parameters):
    spec = parse_yaml(textwrap.dedent(change(MONEY, 800, stop="2199-12-31")), parameters)
    assert (
        system_for(spec).parameters("2199-12-31").social_assistance.old_age_allowance.amount == 800
    )


def test_too_many_changes_are_refused_before_any_is_checked(parameters):
    reform = {
        "changes": [
            {"parameter": f"no.such.parameter_{i}", "value": 1, "start": "2026-07-01"}
            for i in range(10_000)
        ]
    }
    began = time.perf_counter()
    assert json_problems(reform, parameters) == [
        {"field": "changes", "message": f"10000 changes; a reform makes at most {MAX_CHANGES}"}
    ]
    assert time.perf_counter() - began < 1


def test_unknown_names_are_matched_for_a_bounded_number_only(parameters):
    reform = {
        "changes": [
            {
                "parameter": f"social_assistance.old_age_allowance.amount_{i}",
                "value": 1,
                "start": "2026-07-01",
            }
            for i in range(MAX_CHANGES)
        ]
    }
    began = time.perf_counter()
    found = json_problems(reform, parameters)
    assert len(found) == MAX_CHANGES
    assert sum("did you mean" in item["message"] for item in found) == 20
    assert time.perf_counter() - began < 5


def test_a_very_long_name_is_refused_without_matching(parameters):
    reform = {"changes": [{"parameter": "x" * 100_000, "value": 1, "start": "2026-07-01"}]}
    assert json_problems(reform, parameters) == [
        {"field": "changes[0].parameter", "message": "a parameter path has at most 200 characters"}
    ]


def test_yaml_aliases_are_refused_before_they_expand(parameters):
    levels = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for depth in range(1, 12):
        previous = chr(ord("a") + depth - 1)
        name = chr(ord("a") + depth)
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    text = "\n".join(levels) + "\ntitle: bomb\nchanges: *l\n"
    began = time.perf_counter()
    with pytest.raises(ReformError) as caught:
        parse_yaml(text, parameters)
    assert time.perf_counter() - began < 1
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "YAML aliases (*a) are not accepted" in problem.message


def test_a_json_reform_round_trips_a_list_and_a_bracket(parameters):
    reform = {
        "changes": [
            {"parameter": f"{SCALE}[2].amount", "value": 45, "start": "2026-07-01"},
            {"parameter": LEVELS, "value": [2000, 5000], "start": "2026-07-01"},
        ]
    }
    spec = from_json(json.dumps(reform), parameters)
    assert spec.as_dict()["changes"][1]["value"] == [2000, 5000]


def test_thresholds_must_stay_in_increasing_order(parameters):
    assert problems(change(f"{SCALE}[1].threshold", 12), parameters) == [
        f"line 4: changes[0].value: on 2026-07-01 the thresholds of '{SCALE}' would be [1] 12"
        " and [2] 10: each bracket's threshold must be above the one before"
    ]
