"""`policy-bd microsim` and `policy-bd synth`: the terminal summary, the files, every error."""

import json

import pytest

from policy_bd.cli import main
from policy_bd.microsim.sample import ParquetSample


def test_microsim_prints_the_summary_and_writes_every_file(capsys, tmp_path):
    status = main(["microsim", "--period", "2024-25", "--out", str(tmp_path / "out"), "--quiet"])
    assert status == 0
    text = capsys.readouterr().out
    assert "OpenFisca Bangladesh microsimulation, FY2024-25: baseline law" in text
    assert "SYNTHETIC: not for inference" in text
    assert "Old Age Allowance" in text and "Baseline caseload three ways" in text
    names = {path.name for path in (tmp_path / "out").iterdir()}
    assert names == {
        "results.json",
        "indicators.csv",
        "decile_gains.png",
        "poverty.png",
        "cost_by_program.png",
    }
    document = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert document["meta"]["synthetic"] is True
    assert {"programs", "caseload", "poverty", "targeting", "regions"} <= set(document)


def test_microsim_json_with_a_reform_and_takeup(capsys):
    status = main(
        [
            "microsim",
            "--period",
            "2025-26",
            "--reform",
            "universal_old_age_allowance",
            "--takeup",
            "widow_allowance=full",
            "--json",
        ]
    )
    assert status == 0
    summary = json.loads(capsys.readouterr().out)
    programs = {row["program"]: row for row in summary["programs"]}
    assert programs["old_age_allowance"]["cost_crore_difference"] > 0
    assert programs["widow_allowance"]["takeup_baseline"] == "full"


def test_microsim_reads_a_parquet_folder(capsys, tmp_path):
    assert main(["synth", "--households", "3200", "--out", str(tmp_path / "s"), "--quiet"]) == 0
    assert "3,200 households" in capsys.readouterr().out
    assert ParquetSample.open(tmp_path / "s").synthetic
    assert main(["microsim", "--data", str(tmp_path / "s"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["households"] == 3200


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2024"], "is not a fiscal year"),
        (["--reform", "no_such_reform"], "neither a registered reform"),
        (["--reform", "{not json"], "not valid JSON"),
        (["--takeup", "old_age_allowance"], "write PROGRAM=RULE"),
        (["--takeup", "old_age_allowance=sometimes"], "is not a take-up rule"),
        (["--data", "/nonexistent/folder"], "no such folder"),
        (["--survey", "2022"], "--survey needs --data PATH"),
    ],
)
def test_microsim_user_errors_are_one_line(capsys, arguments, message):
    assert main(["microsim", *arguments]) == 2
    error = capsys.readouterr().err
    assert message in error and error.startswith("policy-bd microsim: error:")


def test_synth_refuses_too_small_a_sample(capsys, tmp_path):
    assert main(["synth", "--households", "100", "--out", str(tmp_path)]) == 2
    assert "at least 320" in capsys.readouterr().err
