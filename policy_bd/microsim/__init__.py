"""Microsimulation on household survey data: cost, reach and poverty impact of a reform.

- `Microsimulation(data, reform, period=...)`.run() -> `Results` (every indicator, weighted);
- `synthetic`: the calibrated synthetic HIES-like sample and its generator;
- `policy_bd.adapters.hies`: the loader for real HIES files;
- `service.summary(period, reform)`: the cached summary the web API serves.
"""

from policy_bd.microsim.fiscal import FiscalYear
from policy_bd.microsim.results import Results
from policy_bd.microsim.sample import ParquetSample, Sample, SampleError
from policy_bd.microsim.simulation import MicroSeries, Microsimulation
from policy_bd.microsim.takeup import TakeUp

__all__ = [
    "FiscalYear",
    "MicroSeries",
    "Microsimulation",
    "ParquetSample",
    "Results",
    "Sample",
    "SampleError",
    "TakeUp",
]
