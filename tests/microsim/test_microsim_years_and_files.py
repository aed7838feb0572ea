"""`policy-bd microsim` in every fiscal year, the keyed indicators file, and wrong input files."""

import csv
import datetime
import shutil
from pathlib import Path

import pandas as pd
import pytest
from fake_hies import write_hies2022

from policy_bd.cli import main
from policy_bd.cli.microsim import current_fiscal_year
from policy_bd.microsim.fiscal import FiscalYear


def rows(folder: Path) -> list[dict]:
    with (folder / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "arguments",
    [
        ["--period", "2026-27"],  # the current fiscal year: crashed writing the CSV
        ["--period", "2027-28"],
        ["--period", "2026-27", "--reform", "universal_old_age_allowance"],
    ],
    ids=["2026-27", "2027-28", "universal_oaa-2026-27"],
)
def test_the_csv_is_written_with_a_key_and_the_data_marker_on_every_row(
    capsys, tmp_path, arguments
):
    out = tmp_path / "out"
    assert main(["microsim", *arguments, "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    found = rows(out)
    assert found and all(row["item"] for row in found), "a row without a key"
    assert {row["data"] for row in found} == {"SYNTHETIC"}
    tables = {row["table"] for row in found}
    assert {"programs", "targeting", "regions", "coverage", "poverty"} <= tables
    programs = {row["item"] for row in found if row["table"] == "programs"}
    assert "old_age_allowance" in programs
    regions = {row["item"] for row in found if row["table"] == "regions"}
    assert "division/dhaka" in regions
    assert {row["item"] for row in found if row["table"] == "coverage"} >= {"all/baseline"}


@pytest.mark.parametrize("period", ["1998-99", "1999-00", "2005-06", "2015-16", "2040-41"])
def test_every_fiscal_year_the_parameters_reach_runs(capsys, period):
    assert main(["microsim", "--period", period, "--json", "--quiet"]) == 0
    summary = capsys.readouterr().out
    assert FiscalYear.parse(period).label in summary


def test_a_program_not_yet_in_force_costs_nothing(capsys):
    import json

    assert main(["microsim", "--period", "2015-16", "--json", "--quiet"]) == 0
    programs = {row["program"]: row for row in json.loads(capsys.readouterr().out)["programs"]}
    assert programs["mother_and_child_benefit"]["cost_crore_baseline"] == 0  # from FY2021-22
    assert programs["old_age_allowance"]["cost_crore_baseline"] > 0


def test_1999_00_is_a_fiscal_year():
    assert FiscalYear.parse("1999-00") == FiscalYear(1999)
    assert FiscalYear.parse("2099-00").label == "FY2099-00"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 12, 1), "2026-27"),
        (datetime.date(2027, 6, 30), "2026-27"),
        (datetime.date(2027, 7, 1), "2027-28"),
    ],
)
def test_the_current_fiscal_year(today, expected):
    assert current_fiscal_year(today) == expected


def test_no_period_means_the_current_fiscal_year(capsys):
    assert main(["microsim", "--quiet"]) == 0
    expected = FiscalYear.parse(current_fiscal_year()).label
    assert f"OpenFisca Bangladesh microsimulation, {expected}:" in capsys.readouterr().out


def test_a_reform_that_changes_nothing_in_the_year_is_warned(capsys):
    reform = str(Path(__file__).parents[2] / "reforms/examples/old_age_allowance_tk_800.yaml")
    assert main(["microsim", "--period", "2025-26", "--reform", reform, "--quiet"]) == 0
    error = capsys.readouterr().err
    assert "warning: the reform 'Old Age Allowance of Tk 800 in FY2026-27' changes nothing" in error
    assert main(["microsim", "--period", "2026-27", "--reform", reform, "--quiet"]) == 0
    # FY2026-27 still warns of stale values (tests/test_freshness_surfaces.py), not of the reform.
    assert "changes nothing" not in capsys.readouterr().err


# ----- wrong files: one line naming the file and what is wrong ------------------------------


def one_line_error(capsys, arguments) -> str:
    assert main(["microsim", *arguments, "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "Traceback" not in error, error
    assert error.startswith("policy-bd microsim: error:")
    return error


@pytest.fixture(scope="module")
def hies(tmp_path_factory):
    return write_hies2022(tmp_path_factory.mktemp("hies") / "good")


def test_a_survey_file_in_the_wrong_format(capsys, hies, tmp_path):
    folder = tmp_path / "wrong"
    shutil.copytree(hies, folder)
    (folder / "HH_SEC_1A1.dta").write_text("not a Stata file", encoding="utf-8")
    error = one_line_error(capsys, ["--data", str(folder), "--survey", "2022"])
    assert f"{folder / 'HH_SEC_1A1.dta'}: not a readable Stata file" in error


def test_a_missing_survey_file(capsys, hies, tmp_path):
    folder = tmp_path / "missing"
    shutil.copytree(hies, folder)
    (folder / "HH_SEC_1A1.dta").unlink()
    error = one_line_error(capsys, ["--data", str(folder), "--survey", "2022"])
    assert "HH_SEC_1A1" in error and "not found" in error


def test_a_broken_link_to_a_survey_file(capsys, hies, tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(hies, folder)
    (folder / "HH_SEC_1A1.dta").unlink()
    (folder / "HH_SEC_1A1.dta").symlink_to(tmp_path / "nowhere.dta")
    error = one_line_error(capsys, ["--data", str(folder), "--survey", "2022"])
    assert "HH_SEC_1A1.dta: not a readable Stata file" in error


def test_a_mapping_that_is_not_yaml(capsys, hies):
    mapping = hies / "HH_SEC_1A1.dta"
    error = one_line_error(capsys, ["--data", str(hies), "--survey", str(mapping)])
    assert f"{mapping}: not a mapping file" in error


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parquet") / "good"
    assert main(["synth", "--households", "640", "--out", str(folder), "--quiet"]) == 0
    return folder


def _copy(parquet, tmp_path, name):
    folder = tmp_path / name
    shutil.copytree(parquet, folder)
    return folder


def test_a_sample_with_a_household_given_twice(capsys, parquet, tmp_path):
    folder = _copy(parquet, tmp_path, "duplicate")
    households = pd.read_parquet(folder / "household.parquet")
    pd.concat([households, households.iloc[:1]]).to_parquet(folder / "household.parquet")
    error = one_line_error(capsys, ["--data", str(folder)])
    assert f"{folder / 'household.parquet'}: household_id" in error and "given twice" in error


def test_a_sample_file_that_is_not_parquet(capsys, parquet, tmp_path):
    folder = _copy(parquet, tmp_path, "text")
    (folder / "person.parquet").write_text("hello", encoding="utf-8")
    error = one_line_error(capsys, ["--data", str(folder)])
    assert f"{folder / 'person.parquet'}: not a Parquet file" in error


def test_a_person_whose_household_is_missing(capsys, parquet, tmp_path):
    folder = _copy(parquet, tmp_path, "orphan")
    persons = pd.read_parquet(folder / "person.parquet")
    persons.loc[0, "household_id"] = 999_999
    persons.to_parquet(folder / "person.parquet")
    error = one_line_error(capsys, ["--data", str(folder)])
    assert "household_id 999999 (row 1) is not in household.parquet" in error


def test_broken_sample_metadata(capsys, parquet, tmp_path):
    folder = _copy(parquet, tmp_path, "metadata")
    (folder / "metadata.json").write_text("{bad", encoding="utf-8")
    error = one_line_error(capsys, ["--data", str(folder)])
    assert f"{folder / 'metadata.json'}: not a JSON metadata file" in error


def test_a_survey_file_without_its_identifiers(capsys, hies, tmp_path):
    import pyreadstat

    folder = tmp_path / "no_keys"
    shutil.copytree(hies, folder)
    frame, _ = pyreadstat.read_dta(str(folder / "HH_SEC_1A1.dta"))
    pyreadstat.write_dta(frame.drop(columns=["HHID"]), str(folder / "HH_SEC_1A1.dta"))
    error = one_line_error(capsys, ["--data", str(folder), "--survey", "2022"])
    assert f"{folder / 'HH_SEC_1A1.dta'}: no identifier column HHID" in error
