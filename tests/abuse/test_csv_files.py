"""CSV files a spreadsheet opens without running anything, written atomically, never over an input.

A spreadsheet's CSV import splits the cells and types each as if a person had typed it: text
starting with `=` becomes a formula (openpyxl does the same when a cell is given such text, so
the test builds the workbook a spreadsheet would, saves and re-opens it, and looks for formulas).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from policy_bd.web_api.app import create_app

from policy_bd.adapters.remimis import screen_file, write_table
from policy_bd.adapters.remimis.schema import FIELDS
from policy_bd.cli import main
from policy_bd.files import WriteError, atomic_write, neutralise_formulas

DANGEROUS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("x")']
SAMPLE = os.path.join(
    os.path.dirname(__file__),
    "..",
    "..",
    "policy_bd",
    "adapters",
    "remimis",
    "sample_returnees_synthetic.csv",
)


def as_spreadsheet(path, tmp_path):
    """The CSV imported as a spreadsheet would: every cell typed in, saved, opened again."""
    book = openpyxl.Workbook()
    sheet = book.active
    with open(path, newline="", encoding="utf-8") as stream:
        for row in csv.reader(stream):
            sheet.append(row)
    saved = tmp_path / "imported.xlsx"
    book.save(saved)
    return openpyxl.load_workbook(saved).active


def formulas(sheet) -> list[str]:
    return [cell.value for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_the_unsafe_csv_would_run_formulas(tmp_path):
    """The check itself: without neutralising, the spreadsheet gets formulas."""
    path = tmp_path / "raw.csv"
    pd.DataFrame({"id": DANGEROUS}).to_csv(path, index=False)
    assert formulas(as_spreadsheet(path, tmp_path))


def test_screen_returnees_writes_no_formula_and_keeps_every_id(tmp_path):
    records = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    records.loc[: len(DANGEROUS) - 1, "returnee_id"] = DANGEROUS
    source = tmp_path / "returnees.csv"
    records.to_csv(source, index=False)
    out = tmp_path / "screened.csv"
    assert main(["screen-returnees", str(source), "--out", str(out), "--date", "2025-08-15"]) in (
        0,
        1,
    )
    sheet = as_spreadsheet(out, tmp_path)
    assert formulas(sheet) == []
    header = [cell.value for cell in sheet[1]]
    ids = [row[header.index("returnee_id")].value for row in sheet.iter_rows(min_row=2)]
    # Each id is kept whole after the apostrophe that marks it as text (the returnee validator
    # trims the blanks around an id, so a leading tab or carriage return is not kept there).
    kept = [value for value in DANGEROUS if value == value.strip()]
    for original, shown in zip(DANGEROUS, ids, strict=False):
        if original in kept:
            assert shown == "'" + original
    back = pd.read_csv(out, dtype=str, keep_default_na=False)["returnee_id"].str.removeprefix("'")
    assert [value for value in back.tolist() if value in kept] == kept


def test_batch_csv_answers_hold_no_formula(tmp_path):
    client = create_app(ACCESS_LOG=False).test_client()
    rows = "\n".join(f'1,"{value}",71' for value in ["=cmd|' /C calc'!A0", "@x", "-y", "ok"])
    upload = ("household_id,person_id,age\n" + rows + "\n").encode()
    answer = client.post(
        "/v1/batch",
        data={"persons": (io.BytesIO(upload), "persons.csv"), "outputs": "old_age_allowance"},
    )
    assert answer.status_code == 200
    path = tmp_path / "answer.csv"
    path.write_bytes(answer.data)
    assert formulas(as_spreadsheet(path, tmp_path)) == []
    ids = pd.read_csv(path, dtype=str)["person_id"].tolist()
    assert ids == ["'=cmd|' /C calc'!A0", "'@x", "'-y", "ok"]


def test_numbers_are_not_touched():
    frame = pd.DataFrame({"amount": [-5.0, 3.0], "text": ["-5", "a"]})
    out = neutralise_formulas(frame)
    assert out["amount"].tolist() == [-5.0, 3.0]
    assert out["text"].tolist() == ["'-5", "a"]


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_write(path) as stream:
        stream.write("half a table")
        raise RuntimeError("the disk is full")
    assert path.read_text() == "old\n"
    assert [item.name for item in tmp_path.iterdir()] == ["table.csv"]  # no temporary left


def test_write_errors_name_the_file_and_the_cause(tmp_path, system):
    result = screen_file(SAMPLE, pd.Timestamp("2025-08-15").date(), system)
    with pytest.raises(WriteError, match=r"cannot write .*missing/out\.csv: No such file"):
        write_table(result.table, tmp_path / "missing" / "out.csv")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(WriteError, match="it is a folder"):
        write_table(result.table, folder)


def test_screen_returnees_refuses_to_overwrite_its_input(tmp_path, capsys):
    source = tmp_path / "returnees.csv"
    source.write_bytes(Path(SAMPLE).read_bytes())
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    before = source.read_bytes()
    for target in (source, link, tmp_path / "." / "returnees.csv"):
        assert main(["screen-returnees", str(source), "--out", str(target)]) == 2
        assert "is the input file" in capsys.readouterr().err
    assert source.read_bytes() == before
    assert FIELDS[0].name in before.decode()
