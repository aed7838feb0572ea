"""The ReMiMIS returnee adapter: validation, one vectorised screening, files and the CLI."""

import datetime
import json
import time

import numpy as np
import pandas as pd
import pytest

from policy_bd import engine
from policy_bd.adapters.remimis import (
    SAMPLE_FILE,
    RemimisFileError,
    program_column_names,
    read_records,
    screen_file,
    screen_frame,
    write_table,
)
from policy_bd.adapters.remimis.schema import FIELDS
from policy_bd.adapters.remimis.synthetic import synthetic_records
from policy_bd.cli import main

DATE = datetime.date(2025, 6, 1)
COLUMNS = [field.name for field in FIELDS]
BASE = {
    "returnee_id": "R1",
    "sex": "male",
    "date_of_birth": "1988-04-02",
    "date_of_return": "2023-01-10",
    "date_of_departure": "2021-01-05",
    "country_of_last_employment": "saudi_arabia",
    "months_abroad": "24",
    "reason_for_return": "contract_completed",
    "skills": "driving",
    "migrated_with_bmet_clearance": "true",
}


def record(**changes) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(BASE)
    row.update(changes)
    return row


def frame(*records) -> pd.DataFrame:
    return pd.DataFrame(list(records), columns=COLUMNS, dtype=object)


def by_id(result) -> pd.DataFrame:
    return result.table.set_index("returnee_id")


def test_good_rows_get_amounts_schedules_and_reasons(system):
    result = screen_frame(
        frame(
            record(
                returnee_id="R1",
                requested_loan_product="rehabilitation",
                requested_loan_amount="1000000",
                requested_loan_term_months="60",
            ),
            record(
                returnee_id="R2",
                requested_loan_product="rehabilitation",
                requested_loan_amount="6000000",
            ),
            record(returnee_id="R3", date_of_return="2019-01-01", date_of_departure=""),
            record(returnee_id="R4", sex="female", injured_or_ill="yes"),
            record(returnee_id="R5", injured_or_ill="true", treatment_cost="30000"),
        ),
        DATE,
        system,
    )
    table = by_id(result)
    assert result.rows_read == result.rows_screened == 5
    assert table["status"].tolist() == ["screened"] * 5
    assert table["errors"].tolist() == [""] * 5

    rehab = table.loc["R1"]
    assert rehab["pkb_rehabilitation_loan_eligible"]
    assert rehab["pkb_rehabilitation_loan_amount"] == 1_000_000
    assert rehab["pkb_rehabilitation_loan_term_months"] == 60
    assert rehab["pkb_rehabilitation_loan_total_interest"] == 450_000  # 9% x 5 years
    assert rehab["pkb_rehabilitation_loan_monthly_instalment"] == pytest.approx(24_166.67)
    assert rehab["pkb_rehabilitation_loan_reasons"] == ""
    assert rehab["requested_loan_eligible"]

    too_much = table.loc["R2"]
    assert not too_much["pkb_rehabilitation_loan_eligible"]
    assert too_much["pkb_rehabilitation_loan_amount"] == 0
    assert too_much["pkb_rehabilitation_loan_reasons"] == (
        "pkb_rehabilitation_loan__amount_within_limit"
    )
    assert not too_much["requested_loan_eligible"]

    late = table.loc["R3"]
    assert late["pkb_rehabilitation_loan_reasons"] == (
        "pkb_rehabilitation_loan__applies_within_window"
    )

    woman = table.loc["R4"]
    assert (
        woman["wewb_treatment_aid_amount"] == 150_000
    )  # no cost stated: the ceiling (Tk 1.5 lakh from 27 Sep 2023)
    assert woman["pkb_womens_rehabilitation_loan_amount"] == 5_000_000  # no amount: the ceiling
    assert woman["pkb_womens_rehabilitation_loan_term_months"] == 120
    assert woman["pkb_womens_rehabilitation_loan_total_interest"] == 3_500_000  # 7% x 10 years
    assert table.loc["R1", "pkb_womens_rehabilitation_loan_reasons"] == (
        "pkb_womens_rehabilitation_loan__is_woman"
    )
    assert table.loc["R5", "wewb_treatment_aid_amount"] == 30_000
    assert table.loc["R1", "wewb_treatment_aid_reasons"] == (
        "wewb_treatment_aid__returned_injured_or_ill"
    )
    # The proposals are off in baseline law: not in force, as the explanations say.
    assert (table["migrant_reintegration_loan_reasons"] == "not_in_force").all()
    assert result.eligible_counts["pkb_rehabilitation_loan"] == 3  # R1, R4 and R5
    assert result.eligible_counts["migrant_health_insurance"] == 0


def test_each_kind_of_bad_row_is_reported_and_the_others_screened(system):
    result = screen_frame(
        frame(
            record(returnee_id="G1"),
            record(returnee_id="B2", date_of_birth="1990-13-01"),
            record(returnee_id="B3", sex="x"),
            record(returnee_id="B4", requested_loan_amount="-100"),
            record(returnee_id=""),
            record(returnee_id="G1", sex="female"),
            record(returnee_id="G7", injured_or_ill="true"),
        ),
        DATE,
        system,
    )
    assert [str(problem) for problem in result.problems] == [
        "row 2, date_of_birth: '1990-13-01' is not a date (YYYY-MM-DD, from 1900)",
        "row 3, sex: 'x' is not one of male, female",
        "row 4, requested_loan_amount: '-100' is negative",
        "row 5, returnee_id: a value is required",
        "row 6, returnee_id: 'G1' repeats the returnee_id of row 1",
    ]
    assert (result.rows_read, result.rows_screened, result.rows_rejected) == (7, 2, 5)
    table = result.table
    assert len(table) == 7  # nothing is dropped
    assert table["status"].tolist() == ["screened"] + ["rejected"] * 5 + ["screened"]
    assert table.loc[1, "errors"] == (
        "date_of_birth: '1990-13-01' is not a date (YYYY-MM-DD, from 1900)"
    )
    assert table["pkb_rehabilitation_loan_eligible"].isna().tolist() == [False] + [True] * 5 + [
        False
    ]
    assert table.loc[6, "wewb_treatment_aid_amount"] == 150_000
    assert result.eligible_counts["wewb_treatment_aid"] == 1


def test_every_other_bad_value_is_named(system):
    result = screen_frame(
        frame(
            record(returnee_id="A", months_abroad="ten"),
            record(returnee_id="B", months_abroad="2.5"),
            record(returnee_id="C", country_of_last_employment="atlantis"),
            record(returnee_id="D", wewb_member="maybe"),
            record(returnee_id="E", skills="driving; juggling"),
            record(returnee_id="F", date_of_return="2025-06-02"),
            record(returnee_id="G", date_of_return="1980-01-01", date_of_departure=""),
            record(returnee_id="H", date_of_departure="2024-01-01"),
            record(returnee_id="I", reason_for_return=""),
            record(returnee_id="J", loan_group_members="0"),
            record(returnee_id="K", requested_loan_product="lottery"),
            record(returnee_id="L", date_of_birth="1990-02-30", date_of_return="1985-01-01"),
        ),
        DATE,
        system,
    )
    assert [str(problem) for problem in result.problems] == [
        "row 1, months_abroad: 'ten' is not a number",
        "row 2, months_abroad: '2.5' is not a whole number",
        "row 3, country_of_last_employment: 'atlantis' is not an allowed value (see docs/remimis.md)",
        "row 4, wewb_member: 'maybe' is not true or false",
        "row 5, skills: 'juggling' is not a skill code (see docs/remimis.md)",
        "row 6, date_of_return: is after the screening date 2025-06-01",
        "row 7, date_of_return: is before date_of_birth",
        "row 8, date_of_departure: is after date_of_return",
        "row 9, reason_for_return: a value is required",
        "row 10, loan_group_members: '0' is below 1",
        "row 11, requested_loan_product: 'lottery' is not one of none, migration, "
        "rehabilitation, womens_rehabilitation, special_rehabilitation, reintegration",
        # A bad birth date is not compared with the return date (nor is a bad return date).
        "row 12, date_of_birth: '1990-02-30' is not a date (YYYY-MM-DD, from 1900)",
        "row 12, date_of_departure: is after date_of_return",
    ]
    assert result.rows_screened == 0
    assert list(result.table.columns[6:]) == program_column_names()


def test_a_blank_departure_date_is_the_return_minus_the_months_abroad(system):
    jobless = {
        "date_of_return": "2024-04-17",
        "date_of_departure": "",
        "reason_for_return": "job_loss",
    }
    result = screen_frame(
        frame(
            record(returnee_id="five", months_abroad="5", **jobless),
            record(returnee_id="seven", months_abroad="7", **jobless),
        ),
        DATE,
        system,
    )
    table = by_id(result)
    # Departure 17 November 2023: a policy of the 2022 product, return within six months.
    assert table.loc["five", "migrant_insurance_jobless_return_amount"] == 50_000
    # Departure 17 September 2023: the return comes after 17 March 2024.
    assert table.loc["seven", "migrant_insurance_jobless_return_reasons"] == (
        "migrant_insurance_jobless_return__returned_within_window"
    )


def test_an_empty_file_is_an_error(tmp_path):
    for name in ("empty.csv", "empty.json"):
        path = tmp_path / name
        path.write_text("\n")
        with pytest.raises(RemimisFileError, match="is empty: expected a header row"):
            read_records(path)


def test_a_file_with_no_records_gives_an_empty_table(tmp_path, system):
    csv_path = tmp_path / "header_only.csv"
    csv_path.write_text(",".join(COLUMNS) + "\n")
    json_path = tmp_path / "no_records.json"
    json_path.write_text("[]")
    for path in (csv_path, json_path):
        result = screen_file(path, DATE, system)
        assert (result.rows_read, result.rows_screened) == (0, 0)
        assert list(result.table.columns[6:]) == program_column_names()
        assert set(result.eligible_counts.values()) == {0}


def test_unknown_duplicated_and_missing_columns_are_errors(tmp_path, system):
    header = [c for c in COLUMNS if c not in ("sex", "months_abroad")] + ["passport_no"]
    path = tmp_path / "wrong.csv"
    path.write_text(",".join(header) + "\n")
    with pytest.raises(RemimisFileError) as caught:
        screen_file(path, DATE, system)
    assert caught.value.problems == [
        "unknown column 'passport_no' (see docs/remimis.md for the fields)",
        "missing required column(s): sex, months_abroad",
    ]
    path.write_text(",".join([*COLUMNS, "skills"]) + "\n")
    with pytest.raises(RemimisFileError, match="column 'skills' appears more than once"):
        screen_file(path, DATE, system)


def test_csv_and_json_files_give_the_same_table(tmp_path, system):
    records = [
        record(returnee_id="R1", requested_loan_amount="250000", requested_loan_term_months="36"),
        record(returnee_id="R2", sex="female", wewb_member="true", injured_or_ill="true"),
    ]
    csv_path = tmp_path / "returnees.csv"
    frame(*records).to_csv(csv_path, index=False)
    # The JSON file uses JSON types: booleans, numbers and nulls.
    json_records = [
        {
            **{key: value for key, value in row.items() if value != ""},
            "migrated_with_bmet_clearance": True,
            "months_abroad": 24,
            "treatment_cost": None,
        }
        for row in records
    ]
    json_records[0]["requested_loan_amount"] = 250000
    json_path = tmp_path / "returnees.json"
    json_path.write_text(json.dumps({"records": json_records}))
    from_csv = screen_file(csv_path, DATE, system).table
    from_json = screen_file(json_path, DATE, system).table
    assert from_csv.columns.tolist() == from_json.columns.tolist()
    pd.testing.assert_frame_equal(from_csv, from_json)
    assert from_csv.loc[0, "pkb_rehabilitation_loan_total_interest"] == 67_500  # 9% x 3 years


def test_json_files_must_hold_a_list_of_records(tmp_path):
    cases = {
        '{"returnee_id": "R1"}': "expected a list of records",
        "[1, 2]": "record 1 is not an object",
        '[{"returnee_id": ["R1"]}]': "row 1, returnee_id: a single value is expected",
        "[{": "is not valid JSON",
    }
    path = tmp_path / "bad.json"
    for text, message in cases.items():
        path.write_text(text)
        with pytest.raises(RemimisFileError, match=message):
            read_records(path)
    with pytest.raises(RemimisFileError, match=r"use a \.csv or \.json file, not \.xlsx"):
        read_records(tmp_path / "returnees.xlsx")


def test_tables_are_written_as_csv_or_json(tmp_path, system):
    result = screen_frame(frame(record(), record(returnee_id="bad", sex="?")), DATE, system)
    write_table(result.table, tmp_path / "out.csv")
    write_table(result.table, tmp_path / "out.json")
    csv_back = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    json_back = json.loads((tmp_path / "out.json").read_text())
    assert csv_back["pkb_rehabilitation_loan_eligible"].tolist() == ["true", ""]
    assert json_back[0]["pkb_rehabilitation_loan_eligible"] is True
    assert json_back[1]["pkb_rehabilitation_loan_eligible"] is None
    assert json_back[1]["errors"] == "sex: '?' is not one of male, female"
    assert csv_back["pkb_rehabilitation_loan_term_months"].tolist() == ["120", ""]


def test_a_reform_switches_on_the_proposed_products(system):
    from policy_bd.system import system_for

    reformed = system_for("migrant_reintegration_loan")
    records = frame(
        record(
            completed_training="true",
            requested_loan_product="reintegration",
            requested_loan_amount="400000",
            requested_loan_term_months="48",
        )
    )
    date = datetime.date(2026, 8, 1)
    baseline = by_id(screen_frame(records, date, system)).loc["R1"]
    proposal = by_id(screen_frame(records, date, reformed)).loc["R1"]
    assert not baseline["migrant_reintegration_loan_eligible"]
    assert proposal["migrant_reintegration_loan_eligible"]
    assert proposal["migrant_reintegration_loan_total_interest"] == 64_000  # 4% x 4 years
    assert proposal["requested_loan_eligible"]


def test_the_sample_file_is_synthetic_and_screens_cleanly(system):
    result = screen_file(SAMPLE_FILE, DATE, system)
    assert 30 <= result.rows_read <= 50
    assert result.rows_rejected == 0
    assert result.table["returnee_id"].str.startswith("SYN-").all()
    table = by_id(result)
    assert table.loc["SYN-0008", "migrant_insurance_jobless_return_amount"] == 50_000
    assert table.loc["SYN-0022", "migrant_insurance_jobless_return_reasons"] == (
        "migrant_insurance_jobless_return__migration_cost_not_paid_by_employer"
    )
    counts = result.table.filter(like="_eligible").drop(columns="requested_loan_eligible").sum()
    assert {name.removesuffix("_eligible"): n for name, n in counts.items()} == (
        result.eligible_counts
    )


def test_cli_screens_a_file_and_prints_a_summary(tmp_path, capsys):
    out = tmp_path / "screening.csv"
    status = main(["screen-returnees", str(SAMPLE_FILE), "--out", str(out), "--date", "2025-06-01"])
    printed = capsys.readouterr().out
    assert status == 0
    assert "rows read:     40" in printed
    assert "rows rejected: 0" in printed
    assert "  migrant_insurance_jobless_return  1" in printed
    assert f"table written to {out} (40 rows)" in printed
    assert len(pd.read_csv(out)) == 40


def test_cli_reports_rejected_rows_and_exits_1(tmp_path, capsys):
    source = tmp_path / "returnees.json"
    source.write_text(json.dumps([BASE, {**BASE, "returnee_id": "R2", "sex": "unknown"}]))
    out = tmp_path / "screening.json"
    status = main(["screen-returnees", str(source), "--out", str(out), "--date", "2025-06-01"])
    printed = capsys.readouterr().out
    assert status == 1
    assert "rows screened: 1" in printed
    assert "  row 2, sex: 'unknown' is not one of male, female" in printed
    assert [row["status"] for row in json.loads(out.read_text())] == ["screened", "rejected"]


def test_cli_screens_under_a_named_reform(tmp_path, capsys):
    source = tmp_path / "returnees.csv"
    frame(
        record(completed_training="true", requested_loan_product="reintegration"),
    ).to_csv(source, index=False)
    out = tmp_path / "screening.json"
    args = ["screen-returnees", str(source), "--out", str(out), "--date", "2026-08-01"]
    assert main([*args, "--reform", "migrant_reintegration_loan"]) == 0
    printed = capsys.readouterr().out
    assert "reform migrant_reintegration_loan, rules of 2026-08" in printed
    assert "  migrant_reintegration_loan        1" in printed
    (row,) = json.loads(out.read_text())
    assert row["migrant_reintegration_loan_amount"] == 500_000  # no amount stated: the ceiling
    assert row["requested_loan_eligible"] is True
    assert main([*args, "--reform", "no_such_reform"]) == 2
    assert "--reform no_such_reform: " in capsys.readouterr().err


def test_cli_file_errors_exit_2_with_one_line(tmp_path, capsys):
    source = tmp_path / "returnees.csv"
    source.write_text("returnee_id,sex\nR1,male\n")
    out = str(tmp_path / "out.csv")
    assert main(["screen-returnees", str(source), "--out", out, "--date", "2025-06-01"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("policy-bd screen-returnees: error: missing required column(s): ")
    assert main(["screen-returnees", str(source), "--out", out, "--date", "1 June"]) == 2
    assert "--date '1 June' is not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_100000_returnees_are_screened_in_one_vectorised_simulation(system, monkeypatch, capsys):
    records = synthetic_records(100_000, seed=7, bad_share=0.01)
    built = []
    original = engine.simulate

    def counting_build(system, inputs):
        built.append(inputs.persons)
        return original(system, inputs)

    monkeypatch.setattr(engine, "simulate", counting_build)
    started = time.perf_counter()
    result = screen_frame(records, DATE, system)
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n[remimis] 100,000 returnees screened in {seconds:.2f} s")

    bad = (records["date_of_birth"] == "1990-02-30").to_numpy()
    assert built == [100_000 - bad.sum()]  # one simulation for all the good rows
    assert (result.table["status"] == "rejected").to_numpy().tolist() == bad.tolist()

    good = result.table[~bad]
    f = records[~bad]
    returned = pd.to_datetime(f["date_of_return"])
    departed = pd.to_datetime(f["date_of_departure"])
    born = pd.to_datetime(f["date_of_birth"])
    amount = pd.to_numeric(f["requested_loan_amount"].replace("", "0")).to_numpy()
    term = pd.to_numeric(f["requested_loan_term_months"].replace("", "0")).to_numpy()
    group = pd.to_numeric(f["loan_group_members"].replace("", "1")).to_numpy()
    yes = {column: (f[column] == "true").to_numpy() for column in f.columns}

    # Rehabilitation loan on 1 June 2025: returned since 1 June 2020, Tk 50 lakh, 120 months, 9%.
    rehab = (
        yes["migrated_with_bmet_clearance"]
        & (returned >= "2020-06-01").to_numpy()
        & (amount <= 5_000_000)
        & (term <= 120)
    )
    assert (good["pkb_rehabilitation_loan_eligible"].to_numpy(dtype=bool) == rehab).all()
    principal = np.where(rehab, np.where(amount > 0, amount, 5_000_000), 0)
    months = np.where(term > 0, term, 120)
    instalment = np.where(rehab, principal * (1 + 0.09 * months / 12) / months, 0)
    assert np.allclose(good["pkb_rehabilitation_loan_amount"], principal)
    assert np.allclose(good["pkb_rehabilitation_loan_monthly_instalment"], instalment, atol=0.02)

    # Special rehabilitation loan: COVID-19 returnees since 2020 or bereaved families.
    covid = (f["reason_for_return"] == "covid19").to_numpy() & (returned >= "2020-01-01").to_numpy()
    special = (
        (covid | yes["family_member_died_abroad"])
        & (group >= 1)
        & (group <= 5)
        & (amount <= 500_000 * np.clip(group, 1, 5))
        & (term <= 60)
    )
    assert (good["pkb_special_rehabilitation_loan_eligible"].to_numpy(dtype=bool) == special).all()

    womens = (f["sex"] == "female").to_numpy() & (amount <= 5_000_000) & (term <= 120)
    assert (good["pkb_womens_rehabilitation_loan_eligible"].to_numpy(dtype=bool) == womens).all()
    migration = yes["has_overseas_job_offer"] & (amount <= 300_000) & (term <= 36)
    assert (good["pkb_migration_loan_eligible"].to_numpy(dtype=bool) == migration).all()

    # Treatment aid: covered and injured; the cost up to Tk 1 lakh, or the ceiling.
    aid = (yes["migrated_with_bmet_clearance"] | yes["wewb_member"]) & yes["injured_or_ill"]
    cost = pd.to_numeric(f["treatment_cost"], errors="coerce").to_numpy()  # blank: NaN
    expected_aid = np.where(aid, np.where(np.isnan(cost), 150_000, np.minimum(cost, 150_000)), 0)
    assert np.allclose(good["wewb_treatment_aid_amount"], expected_aid)

    # Jobless return: a policy from 10 December 2022, insurable age 18-55 on that day, back
    # without work within six months, the employer not having paid the migration cost.
    age = (
        departed.dt.year
        - born.dt.year
        - ((departed.dt.month * 100 + departed.dt.day) < (born.dt.month * 100 + born.dt.day))
    ).to_numpy()
    jobless = (
        (departed >= "2022-12-10").to_numpy()
        & (age >= 18)
        & (age <= 55)
        & (f["reason_for_return"] == "job_loss").to_numpy()
        & (returned <= departed + pd.DateOffset(months=6)).to_numpy()
        & ~yes["employer_paid_full_migration_cost"]
    )
    assert jobless.sum() > 0
    assert (good["migrant_insurance_jobless_return_eligible"].to_numpy(dtype=bool) == jobless).all()
    assert result.eligible_counts["migrant_insurance_jobless_return"] == jobless.sum()


def test_the_schema_documentation_lists_every_field():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "remimis.md").read_text()
    for field in FIELDS:
        required = "yes" if field.required else "no"
        assert f"| `{field.name}` | {field.kind} | {required} |" in text, field.name
        for value in field.allowed:
            assert f"`{value}`" in text, f"{field.name}: {value}"


def test_a_value_outside_the_input_contract_rejects_its_row_in_the_contracts_words(system):
    """The screening checks values through the engine's contract too: 5,000 months abroad
    passes the file's own checks, but no model input takes it; the row is rejected, not fed."""
    result = screen_frame(
        frame(record(returnee_id="G1"), record(returnee_id="B2", months_abroad="5000")),
        DATE,
        system,
    )
    assert [str(problem) for problem in result.problems] == [
        "row 2, months_abroad: 5000 is above the maximum of 1800"
    ]
    assert by_id(result)["status"].to_dict() == {"G1": "screened", "B2": "rejected"}
    assert result.rows_screened == 1
