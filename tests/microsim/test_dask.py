"""The same runner on a Dask LocalCluster of two worker processes gives the same results."""

import pandas as pd
import pytest

from policy_bd.microsim import Microsimulation
from policy_bd.microsim.synthetic import generate


@pytest.fixture(scope="module")
def small():
    return generate(3_200, seed=11)


def test_local_cluster_with_two_workers_equals_one_process(small):
    options = {"period": "2025-26", "chunk_households": 800}
    serial = Microsimulation(small, "universal_old_age_allowance", **options)
    households, entitlements = serial.gather()
    distributed = Microsimulation(small, "universal_old_age_allowance", workers=2, **options)
    dask_households, dask_entitlements = distributed.gather()
    pd.testing.assert_frame_equal(households, dask_households)
    pd.testing.assert_frame_equal(entitlements, dask_entitlements)
    assert (
        serial.results(households, entitlements).to_dict()
        == distributed.results(dask_households, dask_entitlements).to_dict()
    )


def test_chunking_does_not_change_the_results(small):
    one = Microsimulation(small, "universal_old_age_allowance", period="2025-26").run()
    many = Microsimulation(
        small, "universal_old_age_allowance", period="2025-26", chunk_households=500
    ).run()
    pd.testing.assert_frame_equal(one.programs, many.programs)
    pd.testing.assert_frame_equal(one.poverty, many.poverty)
    pd.testing.assert_frame_equal(one.deciles, many.deciles)
