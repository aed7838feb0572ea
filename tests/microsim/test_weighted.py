"""Weighted statistics against values worked out by hand."""

import numpy as np
import pytest

from policy_bd.microsim import weighted


def test_total_and_mean_use_the_weights():
    assert weighted.total([10, 20], [1, 3]) == 70
    assert weighted.mean([10, 20], [1, 3]) == 17.5


def test_quantile_is_the_value_where_the_cumulative_weight_reaches_the_share():
    values, weights = np.array([5.0, 1.0, 3.0]), np.array([1.0, 1.0, 2.0])
    # Sorted: 1 (w1), 3 (w2), 5 (w1); cumulative 1, 3, 4 of 4.
    assert weighted.quantile(values, weights, 0.25) == 1.0
    assert weighted.quantile(values, weights, 0.5) == 3.0
    assert weighted.quantile(values, weights, 0.8) == 5.0


def test_quantile_groups_split_the_weight_evenly():
    values = np.arange(10.0)
    assert weighted.quantile_group(values, np.ones(10), 5).tolist() == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]
    # One heavy row fills the top half on its own.
    groups = weighted.quantile_group(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 2.0]), 2)
    assert groups.tolist() == [1, 1, 2]


def test_fgt_headcount_gap_and_severity_by_hand():
    welfare = np.array([50.0, 80.0, 120.0])
    weights = np.array([1.0, 2.0, 1.0])
    line = 100.0
    assert weighted.fgt(welfare, line, weights, 0) == pytest.approx(3 / 4)
    # Gaps 0.5 and 0.2 (twice), 0 for the non-poor.
    assert weighted.fgt(welfare, line, weights, 1) == pytest.approx((0.5 + 2 * 0.2) / 4)
    assert weighted.fgt(welfare, line, weights, 2) == pytest.approx((0.25 + 2 * 0.04) / 4)


def test_fgt_reads_one_line_per_row():
    welfare = np.array([90.0, 90.0])
    assert weighted.fgt(welfare, np.array([100.0, 80.0]), np.ones(2), 0) == 0.5


def test_gini_equals_the_mean_absolute_difference_formula():
    values = np.array([2800.0, 5000.0, 2900.0])
    weights = np.array([200.0, 400.0, 50.0])
    mean = np.dot(values, weights) / weights.sum()
    pairs = 2 * (2200 * 200 * 400 + 100 * 200 * 50 + 2100 * 400 * 50)
    assert weighted.gini(values, weights) == pytest.approx(pairs / (2 * 650**2 * mean))


def test_gini_of_equal_shares_is_zero_and_a_weight_is_a_repeated_row():
    assert weighted.gini(np.full(4, 7.0), np.ones(4)) == pytest.approx(0.0)
    repeated = weighted.gini(np.array([1.0, 1.0, 4.0]), np.ones(3))
    assert weighted.gini(np.array([1.0, 4.0]), np.array([2.0, 1.0])) == pytest.approx(repeated)
    # Two people, one with everything: G = 1/2 for a population of two.
    assert weighted.gini(np.array([0.0, 10.0]), np.ones(2)) == pytest.approx(0.5)


def test_ratio_gives_nan_for_empty_groups():
    out = weighted.ratio([1.0, 2.0], [2.0, 0.0])
    assert out[0] == 0.5
    assert np.isnan(out[1])


def test_negative_weights_are_refused():
    with pytest.raises(ValueError, match="negative"):
        weighted.total([1.0], [-1.0])
