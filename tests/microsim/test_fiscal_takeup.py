"""Fiscal years, price uprating, take-up rules and quota thresholds."""

import math

import numpy as np
import pytest

from policy_bd.microsim.admin import admin_figure, slots
from policy_bd.microsim.fiscal import FiscalYear
from policy_bd.microsim.takeup import TakeUp, quota_threshold, uniform_draws
from policy_bd.microsim.uprating import uprating_factor


@pytest.mark.parametrize("text", ["2024-25", "FY2024-25", "2024-2025", "fy 2024/25", "2024-07"])
def test_fiscal_year_forms(text):
    year = FiscalYear.parse(text)
    assert (year.start_year, year.label, year.first_month) == (2024, "FY2024-25", "2024-07")
    assert year.months[0] == "2024-07" and year.months[-1] == "2025-06"


def test_a_july_month_and_a_fiscal_year_agree():
    assert FiscalYear.parse("2006-07") == FiscalYear.parse("FY2006-07") == FiscalYear(2006)


@pytest.mark.parametrize("text", ["2024", "2024-26", "twenty", "2024-09"])
def test_bad_fiscal_years_are_refused(text):
    with pytest.raises(ValueError, match="fiscal year"):
        FiscalYear.parse(text)


def test_uprating_from_calendar_2022_to_fy2024_25_by_hand():
    # BBS average inflation: FY2022-23 9.02%, FY2023-24 9.73%, FY2024-25 10.03%. Calendar 2022
    # sits between FY2021-22 and FY2022-23: its level is the geometric mean of theirs.
    expected = math.sqrt(1.0902) * 1.0973 * 1.1003
    assert uprating_factor(2022, FiscalYear(2024)) == pytest.approx(expected)
    assert uprating_factor(2022, FiscalYear(2022)) == pytest.approx(math.sqrt(1.0902))


def test_admin_figures_and_slots():
    figure = admin_figure("old_age_allowance", FiscalYear(2024))
    assert figure["beneficiaries"] == 6_001_000 and figure["cost_crore"] == 4351
    derived = admin_figure("old_age_allowance", FiscalYear(2022))
    assert derived["cost_crore"] == pytest.approx(5_701_000 * 500 * 12 / 1e7)
    assert derived["cost_basis"].startswith("derived")
    # No widow figure for FY2025-26: the latest earlier year's slots, with a note.
    quota, note = slots("widow_allowance", FiscalYear(2025))
    assert quota == 2_775_000 and "FY2024-25" in note
    assert slots("old_age_allowance", FiscalYear(2010)) is None


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("full", TakeUp("full")),
        ("quota", TakeUp("quota")),
        ("quota:6000000", TakeUp("quota", 6_000_000)),
        ("rate:0.8", TakeUp("rate", 0.8)),
        ("0.5", TakeUp("rate", 0.5)),
    ],
)
def test_takeup_rules_parse(text, rule):
    assert TakeUp.parse(text) == rule


@pytest.mark.parametrize("text", ["rate:1.5", "sometimes", "quota:-3"])
def test_bad_takeup_rules_are_refused(text):
    with pytest.raises(ValueError):
        TakeUp.parse(text)


def test_draws_are_uniform_per_program_and_stable():
    ids = np.arange(200_000, dtype=np.int64)
    draws = uniform_draws(ids, "old_age_allowance")
    assert draws.min() >= 0 and draws.max() < 1
    assert abs(draws.mean() - 0.5) < 0.005
    assert np.array_equal(draws, uniform_draws(ids, "old_age_allowance"))
    other = uniform_draws(ids, "widow_allowance")
    assert abs(np.corrcoef(draws, other)[0, 1]) < 0.01


def test_quota_threshold_fills_the_slots_as_closely_as_the_weights_allow():
    draws = np.array([0.9, 0.1, 0.5, 0.3])
    weights = np.array([10.0, 10.0, 10.0, 10.0])
    threshold = quota_threshold(draws, weights, 20)
    assert sorted(draws[draws < threshold]) == [0.1, 0.3]
    assert quota_threshold(draws, weights, 100) == 1.0  # the quota does not bind
    assert quota_threshold(draws, weights, 0) == 0.0
