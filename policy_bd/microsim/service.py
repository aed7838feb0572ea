"""The microsimulation summary the web API serves (`GET/POST /v1/microsimulation`).

`summary(period, reform)` runs the bundled synthetic sample (14,400 households) for a fiscal
year and an optional reform and returns `Results.summary()`, the very figures
`policy-bd microsim --json` prints. Results are kept by (fiscal year, the reform's content
digest from the engine, pass-through), so a repeated request costs a dictionary look-up. Errors
are raised as `ValueError` (a bad period or take-up) or `ReformError` (a bad reform, with every
problem and its field), for the API to turn into 4xx answers.
"""

from __future__ import annotations

import copy
import threading

from cachetools import LRUCache

from policy_bd import engine
from policy_bd.microsim.fiscal import FiscalYear
from policy_bd.microsim.simulation import DEFAULT_PERIOD, Microsimulation

CACHE_SIZE = 32
_RESULTS: LRUCache = LRUCache(maxsize=CACHE_SIZE)
_LOCK = threading.Lock()
DETAILS = ("summary", "full")


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
    resolved = engine.resolve_reform(reform, files=False)  # ReformError with every problem
    # The title is in the summary's meta: the same changes under another title are another entry.
    title = getattr(resolved.reform, "title", None)
    key = (year.short, resolved.digest, title, float(pass_through), detail)
    with _LOCK:
        found = _RESULTS.get(key)
    if found is None:
        results = Microsimulation(
            "synthetic", reform, period=year.short, pass_through=pass_through
        ).run()
        # "full": every table (poverty by age group, regions, coverage, targeting), as `--out`
        # writes them.
        found = results.to_dict() if detail == "full" else results.summary()
        with _LOCK:
            _RESULTS[key] = found
    return copy.deepcopy(found)


def clear_cache() -> None:
    with _LOCK:
        _RESULTS.clear()
