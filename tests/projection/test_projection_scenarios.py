"""Scenario files: validated on load, every problem with its line; the bundled ones load."""

import json
import subprocess
import sys

import pytest

from policy_bd.projection import ScenarioError, load_file, resolve
from policy_bd.projection.scenario import bundled_names, parse_yaml

BAD = """\
title: A scenario with mistakes
horizon: 2060
branches:
  unemployment: {}
  pensions: {}
coverage:
  formal_compliance:
    2025: 1.5
    soon: 0.9
assumptions:
  economy.real_wage_grwth: 0.02
colour: blue
"""


def test_every_problem_is_reported_with_its_line():
    with pytest.raises(ScenarioError) as caught:
        parse_yaml(BAD, source="bad.yaml")
    found = {(p.line, p.path) for p in caught.value.problems}
    assert (5, "branches.pensions") in found
    assert (8, "coverage.formal_compliance.2025") in found
    assert (9, "coverage.formal_compliance.soon") in found
    assert (11, "assumptions.economy.real_wage_grwth") in found
    assert (12, "colour") in found
    messages = " ".join(p.message for p in caught.value.problems)
    assert "1.5 is above the maximum 1" in messages
    assert "did you mean 'economy.real_wage_growth'" in messages
    assert "unknown branch" in messages


def test_duplicate_keys_and_broken_yaml_are_errors():
    with pytest.raises(ScenarioError) as caught:
        parse_yaml("title: x\nhorizon: 2050\nhorizon: 2055\n")
    assert caught.value.problems[0].line == 3
    with pytest.raises(ScenarioError) as caught:
        parse_yaml("title: [unclosed\n")
    assert "not valid YAML" in caught.value.problems[0].message


def test_horizon_before_base_year_and_missing_title():
    with pytest.raises(ScenarioError) as caught:
        parse_yaml("base_year: 2030\nhorizon: 2028\n")
    paths = {p.path for p in caught.value.problems}
    assert {"title", "horizon"} <= paths


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_scenarios_load(name):
    scenario = resolve(name)
    assert scenario.title
    assert scenario.horizon == 2060
    assert {branch.name for branch in scenario.branches} == {
        "unemployment",
        "employment_injury",
        "maternity",
        "sickness",
        "eis",
    }
    assert load_file(f"projections/{name}.yaml") == scenario


def test_default_scenario_paths():
    scenario = resolve("nsis_default")
    assert list(scenario.coverage.phase_in.at([2025, 2026, 2027, 2035])) == [100, 100, 20, 5]
    assert scenario.coverage.informal_join.at([2029, 2030])[1] == 0.02
    assert scenario.branch("eis").reform == "national_employment_injury_scheme"


def _cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "policy_bd.cli", "project", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_cli_bad_scenario_is_a_one_line_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    answer = _cli(str(path))
    assert answer.returncode == 2
    assert answer.stdout == ""
    lines = answer.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("policy-bd project: error: bad.yaml: line 5: branches.pensions")
    assert "line 8: coverage.formal_compliance.2025" in lines[0]
    missing = _cli(str(tmp_path / "none.yaml"))
    assert missing.returncode == 2 and "neither a scenario file" in missing.stderr


def test_cli_json_and_out(tmp_path):
    answer = _cli("nsis_default", "--json", "--no-sensitivity", "--out", str(tmp_path))
    assert answer.returncode == 0, answer.stderr
    data = json.loads(answer.stdout)
    assert set(data["branches"]) == {
        "unemployment",
        "employment_injury",
        "maternity",
        "sickness",
        "eis",
    }
    injury = data["branches"]["employment_injury"]
    assert set(injury["general_average_premium"]) == {"10", "20", "30", "36"}
    row = injury["years"][0]
    for key in (
        "year",
        "insured",
        "contributions",
        "co_financing",
        "benefits",
        "administration",
        "investment_income",
        "reserve",
        "reserve_ratio",
        "payg_cost_rate",
        "new_awards",
        "pensions_in_payment",
        "expenditure_share_of_gdp",
    ):
        assert key in row
    assert row["year"] == 2025 and injury["years"][-1]["year"] == 2060
    assert 0 < injury["general_average_premium"]["36"] < 0.05
    assert len(injury["stochastic"]["reserve_percentiles"]["50"]) == 36
    for name in (
        "projection.json",
        "projection.csv",
        "summary.txt",
        "reserve.png",
        "cost_rate.png",
    ):
        assert (tmp_path / name).stat().st_size > 100
    csv_lines = (tmp_path / "projection.csv").read_text().splitlines()
    assert csv_lines[0].startswith("branch,year,insured")
    assert len(csv_lines) == 1 + 5 * 36


def test_cli_table():
    answer = _cli("nsis_default", "--no-sensitivity", "--no-stochastic", "--quiet")
    assert answer.returncode == 0, answer.stderr
    assert "general average premium: 10 years" in answer.stdout
    assert "== employment_injury ==" in answer.stdout
    assert "fund runs out" in answer.stdout


def test_a_reform_file_beside_the_scenario_is_found(tmp_path):
    (tmp_path / "maternity_only.yaml").write_text(
        "title: maternity only\nchanges:\n"
        "  - parameter: nsis.maternity.in_force\n    value: true\n    start: 2025-07-01\n",
        encoding="utf-8",
    )
    (tmp_path / "scenario.yaml").write_text(
        "title: maternity\nreform: maternity_only.yaml\nhorizon: 2030\nbranches:\n  maternity: {}\n",
        encoding="utf-8",
    )
    answer = _cli(str(tmp_path / "scenario.yaml"), "--json", "--no-stochastic", "--no-sensitivity")
    assert answer.returncode == 0, answer.stderr
    rows = json.loads(answer.stdout)["branches"]["maternity"]["years"]
    assert rows[0]["benefits"] > 0 and rows[0]["contributions"] > 0


def test_unknown_reform_names_are_found_on_load(tmp_path):
    with pytest.raises(ScenarioError) as caught:
        parse_yaml("title: t\nreform: nsis_maternty\nbranches:\n  eis: {reform: nope}\n")
    problems = {(p.line, p.path): p.message for p in caught.value.problems}
    assert "did you mean 'nsis_maternity'" in problems[(2, "reform")]
    assert (4, "branches.eis.reform") in problems
    path = tmp_path / "missing_file.yaml"
    path.write_text("title: t\nreform: no_such_file.yaml\n", encoding="utf-8")
    answer = _cli(str(path))
    assert answer.returncode == 2
    assert answer.stderr.count("\n") == 1 and "no_such_file.yaml" in answer.stderr
