"""`policy-bd compare` and `policy-bd reforms`: tables, JSON and user errors, on real computations."""

import json

import pytest
from policy_bd.reforms.registry import EXAMPLES_DIR

from policy_bd.cli import main

SITUATIONS = EXAMPLES_DIR / "situations"
BIRTH = str(SITUATIONS / "garment_worker_gives_birth.json")
DEATH = str(SITUATIONS / "garment_worker_dies_at_work.json")


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_table_shows_each_affected_variable_with_both_values_and_the_difference(capsys):
    status, out, _ = run(
        capsys, "compare", "--reform", "nsis_maternity", BIRTH, "--period", "2025-07"
    )
    assert status == 0
    lines = out.splitlines()
    assert (
        lines[0]
        == "Reform: NSIS maternity insurance from FY2025-26 (ILO C183 design) (nsis_maternity)"
    )
    assert "person rina" in lines
    assert "person karim" in lines
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.startswith("  nsis_")}
    # 0.6667 x 12,500 x 12 / 365 x 98 days; the employer tops up to the Labour Act's Tk 53,846.15.
    assert rows["nsis_maternity_benefit"] == ["0.00", "26,850.66", "+26,850.66"]
    assert rows["nsis_maternity_employer_maternity_benefit"] == [
        "53,846.15",
        "26,995.50",
        "-26,850.66",
    ]
    assert rows["nsis_maternity__eligible"] == ["no", "yes", "changed"]
    # The mother's total is unchanged under offset, so it is not an affected variable.
    assert "nsis_maternity_total_received" not in rows
    assert "maternity_benefit" not in rows


def test_json_output_per_person_and_household(capsys):
    status, out, _ = run(
        capsys,
        "compare",
        "--reform",
        "nsis_employment_injury",
        DEATH,
        "--period",
        "2025-07",
        "--json",
    )
    assert status == 0
    result = json.loads(out)
    assert result["period"] == "2025-07"
    assert result["reform"]["name"] == "nsis_employment_injury"
    jamal = result["persons"]["jamal"]
    assert jamal["nsis_employment_injury_survivors_pension"] == {
        "baseline": 0.0,
        "reform": 7000.0,
        "difference": 7000.0,
    }
    assert jamal["employment_injury_scheme_monthly_top_up"]["difference"] == -5609.38
    assert jamal["nsis_employment_injury_employer_compensation"]["reform"] == 0.0
    # Shirin has no job: only the scheme-wide facts change for her (the scheme and the
    # contributions are now in force), never an amount.
    switched_on = {"baseline": False, "reform": True, "difference": None}
    assert result["persons"]["shirin"] == {
        "nsis_contributions__scheme_in_force": switched_on,
        "nsis_contributions__in_force": switched_on,
        "nsis_employment_injury__in_force": switched_on,
    }
    assert result["households"] == {"home": {}}


def test_chosen_variables_are_shown_even_when_unchanged(capsys):
    status, out, _ = run(
        capsys,
        "compare",
        "--reform",
        "nsis_maternity",
        BIRTH,
        "--period",
        "2025-07",
        "--json",
        "--variables",
        "maternity_benefit,household_size,date_of_birth",
    )
    assert status == 0
    result = json.loads(out)
    assert result["persons"]["rina"] == {
        "maternity_benefit": {"baseline": 53846.15, "reform": 53846.15, "difference": 0.0},
        "date_of_birth": {"baseline": "1970-01-01", "reform": "1970-01-01", "difference": None},
    }
    assert result["households"]["home"]["household_size"] == {
        "baseline": 2,
        "reform": 2,
        "difference": 0,
    }


def test_a_reform_that_changes_nothing_says_so(capsys):
    status, out, _ = run(
        capsys,
        "compare",
        "--reform",
        "national_employment_injury_scheme",
        DEATH,
        "--period",
        "2025-07",
    )
    assert status == 0
    assert out.splitlines()[-1] == "No variable changes for this situation in this month."


def test_a_drafters_file_with_a_changed_rate(capsys, tmp_path):
    text = (EXAMPLES_DIR / "nsis_maternity_c183.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "maternity_80.yaml"
    mine.write_text(text.replace("value: 0.6667", "value: 0.8"), encoding="utf-8")
    status, out, _ = run(
        capsys, "compare", "--reform", str(mine), BIRTH, "--period", "2025-07", "--json"
    )
    assert status == 0
    # 0.8 x 12,500 x 12 / 365 x 98 days
    assert json.loads(out)["persons"]["rina"]["nsis_maternity_benefit"]["reform"] == 32219.18


def test_an_invalid_reform_file_is_an_error_naming_its_lines(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: Too generous\n"
        "changes:\n"
        "  - parameter: nsis.unemployment.replacement_rate\n"
        "    value: 1.5\n"
        "    start: 2025-07-01\n"
        "  - parameter: nsis.unemployment.in_force\n"
        "    value: yes please\n"
        "    start: 01-07-2025\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "compare", "--reform", str(bad), BIRTH, "--period", "2025-07")
    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        f"policy-bd compare: error: {bad} is not a valid reform:",
        "  line 4: changes[0].value: 1.5 is above the allowed maximum 1.0 for "
        "nsis.unemployment.replacement_rate (/1)",
        "  line 7: changes[1].value: nsis.unemployment.in_force is a switch: give true or false, "
        "not 'yes please'",
        "  line 8: changes[1].start: a date is written YYYY-MM-DD, not '01-07-2025'",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--reform", "no_such_reform", BIRTH, "--period", "2025-07"],
            "neither a registered reform",
        ),
        (["--reform", "nsis", BIRTH, "--period", "2025"], "is not one month"),
        (["--reform", "nsis", BIRTH, "--period", "July"], "is not a month"),
        (["--reform", "nsis", "missing.json", "--period", "2025-07"], "cannot read the situation"),
        (
            ["--reform", "nsis", BIRTH, "--period", "2025-07", "--variables", "no_such"],
            "unknown variable(s): no_such",
        ),
    ],
)
def test_user_errors_exit_2_with_one_message(capsys, argv, message):
    status, _, err = run(capsys, "compare", *argv)
    assert status == 2
    assert err.startswith("policy-bd compare: error: ")
    assert message in err


def test_a_situation_openfisca_rejects(capsys, tmp_path):
    bad = tmp_path / "situation.json"
    bad.write_text(json.dumps({"persons": {"a": {"no_such_input": 1}}}), encoding="utf-8")
    status, _, err = run(capsys, "compare", "--reform", "nsis", str(bad), "--period", "2025-07")
    assert status == 2
    assert "the situation cannot be used" in err
    assert "no_such_input" in err


def test_reforms_lists_every_named_reform(capsys):
    status, out, _ = run(capsys, "reforms", "--json")
    assert status == 0
    names = {entry["name"]: entry["kind"] for entry in json.loads(out)}
    assert names == {
        "allowance_rates_fy2025_26_early": "parametric",
        "national_employment_injury_scheme": "parametric",
        "nsis": "parametric",
        "nsis_employment_injury": "parametric",
        "nsis_maternity": "parametric",
        "nsis_sickness": "parametric",
        "nsis_unemployment": "parametric",
        "migrant_health_insurance": "parametric",
        "migrant_reintegration_loan": "parametric",
        "universal_old_age_allowance": "structural",
    }


def test_reforms_check_validates_a_file(capsys, tmp_path):
    status, out, _ = run(
        capsys, "reforms", "--check", str(EXAMPLES_DIR / "old_age_allowance_tk_800.yaml")
    )
    assert status == 0
    assert out.splitlines() == [
        "old_age_allowance_tk_800.yaml: valid reform 'Old Age Allowance of Tk 800 in FY2026-27' (1 change(s))",
        "  social_assistance.old_age_allowance.amount = 800 from 2026-07-01 to 2027-06-30",
    ]
    bad = tmp_path / "typo.yaml"
    bad.write_text(
        "title: t\nchanges:\n  - parameter: nsis.sickness.waiting_dayz\n    value: 2\n    start: 2025-07-01\n",
        encoding="utf-8",
    )
    status, _, err = run(capsys, "reforms", "--check", str(bad))
    assert status == 2
    assert (
        "line 3: changes[0].parameter: unknown parameter 'nsis.sickness.waiting_dayz' "
        "(did you mean 'nsis.sickness.waiting_days'?)" in err
    )
