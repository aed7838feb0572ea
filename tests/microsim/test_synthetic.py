"""The synthetic HIES-like sample: calibrated within the design's tolerances, reproducible."""

import numpy as np
import pandas as pd
import pytest

from policy_bd.microsim.sample import SYNTHETIC_WARNING, ParquetSample
from policy_bd.microsim.schema import validate
from policy_bd.microsim.synthetic import (
    calibration_report,
    chunk_sizes,
    generate,
    generate_to_parquet,
)


def test_default_sample_size_and_schema(sample):
    assert sample.n_households == 14_400
    assert 58_000 < sample.n_persons < 64_000  # about 61,000 persons
    assert validate(sample.persons, sample.households) == []
    assert sample.households["psu_id"].nunique() == 720
    assert (sample.households.groupby("psu_id").size() == 20).all()


def test_default_sample_is_marked_synthetic(sample):
    assert sample.synthetic
    assert sample.metadata["warning"] == SYNTHETIC_WARNING == "SYNTHETIC: not for inference"
    assert sample.metadata["seed"] == 2022


def test_every_target_is_met_within_its_tolerance(sample):
    report = pd.DataFrame(calibration_report(sample.persons, sample.households))
    checked = report[report["within"].notna()]
    assert len(checked) >= 35
    outside = checked[~checked["within"].astype(bool)]
    assert outside.empty, outside.to_string()
    by_check = report.set_index("check")["achieved"]
    assert by_check["poverty_upper.national"] == pytest.approx(0.187, abs=0.003)
    assert by_check["poverty_lower.national"] == pytest.approx(0.056, abs=0.003)
    assert by_check["consumption_gini"] == pytest.approx(0.334, abs=0.01)
    assert by_check["income_gini"] == pytest.approx(0.499, abs=0.02)
    assert by_check["population"] == pytest.approx(169_828_911, rel=0.005)
    assert by_check["caseloads.old_age_allowance"] == pytest.approx(5_701_000, rel=0.02)


def test_same_seed_same_data_other_seed_other_data():
    first, again = generate(3_200, seed=7), generate(3_200, seed=7)
    pd.testing.assert_frame_equal(first.persons, again.persons)
    pd.testing.assert_frame_equal(first.households, again.households)
    other = generate(3_200, seed=8)
    assert not np.allclose(
        first.households["consumption_pc_monthly"], other.households["consumption_pc_monthly"]
    )


def test_chunk_sizes_are_whole_psus():
    assert chunk_sizes(14_400, 250_000) == [14_400]
    assert chunk_sizes(1_000_000, 250_000) == [250_000] * 4
    assert chunk_sizes(2_010, 1_000) == [680, 660, 670]


def test_scalable_mode_writes_aligned_row_groups(tmp_path):
    metadata = generate_to_parquet(tmp_path / "big", 6_400, seed=3, chunk_households=3_200)
    assert metadata["row_groups"] == 2 and metadata["households"] == 6_400
    assert metadata["synthetic"] and metadata["warning"] == SYNTHETIC_WARNING
    # Each chunk stands for half of the country, and is calibrated as such.
    assert len(metadata["calibration_by_chunk"]) == 2
    stored = ParquetSample.open(tmp_path / "big")
    chunks = list(stored.chunks(1_000_000))
    persons, households = chunks[1].load()
    assert len(households) == 3_200
    assert persons["household_id"].isin(households["household_id"]).all()
    assert households["household_weight"].sum() == pytest.approx(39_865_942 / 2, rel=0.01)
    # The first chunk is the same as a 3,200-household sample of the same seed scaled by half.
    whole = stored.load()
    assert whole.n_households == 6_400
    assert whole.persons["person_id"].is_unique
