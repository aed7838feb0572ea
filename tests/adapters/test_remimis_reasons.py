"""`policy-bd screen-returnees --reasons sentences`: each program's failed criteria in words."""

from __future__ import annotations

import datetime

import pandas as pd

from policy_bd.adapters.remimis import SAMPLE_FILE, screen_file
from policy_bd.adapters.remimis.screening import SCREENED_PROGRAMS
from policy_bd.cli import main
from policy_bd.explain_batch import NOT_IN_FORCE

DATE = datetime.date(2025, 6, 1)


def test_sentences_explain_every_failed_criterion(system):
    table = screen_file(SAMPLE_FILE, DATE, system, sentences="en").table
    screened = table[table["status"] == "screened"]
    assert len(screened) > 10
    for name in SCREENED_PROGRAMS:
        codes = screened[f"{name}_reasons"]
        words = screened[f"{name}_sentences"]
        assert ((codes == "") == (words == "")).all(), name
        # Before its law (or while a proposal is off) a program is "not_in_force" in both.
        assert ((codes == NOT_IN_FORCE) == (words == NOT_IN_FORCE)).all(), name
        failed = (codes != "") & (codes != NOT_IN_FORCE)
        counts = codes[failed].str.count(";") + 1
        assert (words[failed].str.count("Not met: ") == counts).all(), name


def test_the_command_writes_bangla_sentences(tmp_path, capsys):
    out = tmp_path / "screened.csv"
    status = main(
        [
            "screen-returnees",
            str(SAMPLE_FILE),
            "--out",
            str(out),
            "--date",
            "2025-06-01",
            "--reasons",
            "sentences",
            "--language",
            "bn",
        ]
    )
    assert status in (0, 1)
    table = pd.read_csv(out, keep_default_na=False)
    sentences = table["pkb_rehabilitation_loan_sentences"]
    assert sentences[sentences != ""].str.startswith("শর্ত পূরণ হয়নি").all()
    assert (sentences != "").any()
    assert "table written" in capsys.readouterr().out


def test_without_the_option_no_sentences_are_written(system):
    table = screen_file(SAMPLE_FILE, DATE, system).table
    assert not [column for column in table if column.endswith("_sentences")]
