"""Real HIES survey files (BBS Stata files, or the World Bank harmonised profile) as a sample.

from policy_bd.adapters.hies import load_hies
result = load_hies("path/to/HIES2022", survey_round="2022")
print(result.report.text())          # every value not used, and why
result.sample.to_parquet("hies2022")  # then: policy-bd microsim --data hies2022
"""

from policy_bd.adapters.hies.loader import (
    ROUNDS,
    HiesLoadError,
    LoadProblem,
    LoadReport,
    LoadResult,
    apply_rule,
    load_hies,
    load_mapping,
)

__all__ = [
    "ROUNDS",
    "HiesLoadError",
    "LoadProblem",
    "LoadReport",
    "LoadResult",
    "apply_rule",
    "load_hies",
    "load_mapping",
]
