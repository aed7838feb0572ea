"""The microsimulation summary the web API serves (`GET/POST /v1/microsimulation`).

`summary(period, reform)` runs the bundled synthetic sample (14,400 households) for a fiscal
year and an optional reform, and returns a JSON-serialisable dict: meta (legislation year,
package version, reform, the SYNTHETIC warning), cost and beneficiaries per program, caseloads
three ways, poverty, inequality, winners and losers, and gains by decile. Results are cached
by (period, reform content, pass-through), so a repeated request costs a dictionary look-up.
Errors are raised as `ValueError` (a bad period or take-up) or `ReformError` (a bad reform,
with every problem and its field), for the API to turn into 4xx answers.
"""

from __future__ import annotations

import copy
import functools
import json

from policy_bd.microsim.fiscal import FiscalYear
from policy_bd.microsim.simulation import DEFAULT_PERIOD, Microsimulation
from policy_bd.system import reform_key

CACHE_SIZE = 32


DETAILS = ("summary", "full")


@functools.lru_cache(maxsize=CACHE_SIZE)
def _summary(
    period: str, key: str, reform_json: str | None, pass_through: float, detail: str
) -> dict:
    reform = json.loads(reform_json) if reform_json is not None else None
    results = Microsimulation("synthetic", reform, period=period, pass_through=pass_through).run()
    # "full": every table (poverty by age group, regions, coverage, targeting), as `--out` writes.
    return results.to_dict() if detail == "full" else results.summary()


def summary(
    period: str = DEFAULT_PERIOD,
    reform: str | dict | None = None,
    pass_through: float = 1.0,
    detail: str = "summary",
) -> dict:
    """The summary of baseline law (and the reform, if any) in the fiscal year `period`;
    with `detail="full"`, every indicator table of the run."""
    year = FiscalYear.parse(period)
    if not 0 <= pass_through <= 1:
        raise ValueError("pass_through must be between 0 and 1")
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {', '.join(DETAILS)}")
    key = reform_key(reform)  # validates the reform; raises ReformError with every problem
    reform_json = json.dumps(reform, sort_keys=True) if reform is not None else None
    return copy.deepcopy(_summary(year.short, key, reform_json, float(pass_through), detail))


def clear_cache() -> None:
    _summary.cache_clear()
