"""`policy-bd parameters --stale [--on DATE]`."""

import json

from policy_bd.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_stale_values_on_a_date_without_a_budget_source(capsys):
    status, out, _ = run(capsys, "parameters", "--stale", "--on", "2026-07-01", "--json")
    assert status == 0
    rows = json.loads(out)
    found = {(row["parameter"], row["reason"]) for row in rows}
    assert ("social_assistance.old_age_allowance.amount", "no_budget_source") in found
    assert all(row["on"] == "2026-07-01" for row in rows)


def test_the_table_names_each_stale_parameter_and_its_last_check(capsys):
    status, out, _ = run(capsys, "parameters", "--stale", "--on", "2026-07-01")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].endswith("parameters have stale values on 2026-07-01")
    oaa = [line for line in lines if "social_assistance.old_age_allowance.amount " in line]
    assert any("no budget source" in line and "2026-06-30" in line for line in oaa)


def test_nothing_is_stale_on_a_date_every_value_was_checked(capsys):
    status, out, _ = run(capsys, "parameters", "--stale", "--on", "2016-08-01")
    assert (status, out) == (0, "0 parameters have stale values on 2016-08-01\n")


def test_without_stale_every_leaf_is_listed(capsys):
    status, out, _ = run(capsys, "parameters", "--on", "2016-08-01", "--json")
    rows = json.loads(out)
    assert status == 0 and len(rows) > 200
    assert not any(row["stale"] for row in rows)


def test_a_bad_date_is_a_one_line_error(capsys):
    status, out, err = run(capsys, "parameters", "--stale", "--on", "2026-13-01")
    assert (status, out) == (2, "")
    assert err == "policy-bd parameters: error: --on '2026-13-01' is not a date: write YYYY-MM-DD\n"
