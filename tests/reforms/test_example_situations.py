"""The shipped example situations give inputs for every year they are compared in."""

import json
from pathlib import Path

import pytest

from policy_bd.cli.compare import compare
from policy_bd.system import baseline_system

SITUATIONS = Path(__file__).parents[2] / "reforms" / "examples" / "situations"
# The fiscal years the examples' reforms are written for: FY2023-24 to FY2029-30.
YEARS = {str(year) for year in range(2023, 2031)}


@pytest.mark.parametrize("path", sorted(SITUATIONS.glob("*.json")), ids=lambda path: path.stem)
def test_every_dated_input_covers_every_year(path):
    system = baseline_system()
    situation = json.loads(path.read_text(encoding="utf-8"))
    for person, inputs in situation["persons"].items():
        for name, value in inputs.items():
            if not isinstance(value, dict):
                continue  # no period: applies to the compared month
            assert system.variables[name].definition_period == "year", (path.name, name)
            missing = YEARS - set(value)
            assert not missing, f"{path.name}: {person}.{name} has no value for {sorted(missing)}"


@pytest.mark.parametrize("month", ["2025-07", "2026-07", "2027-07"])
def test_the_older_couples_earner_is_never_paid_for_lack_of_an_income(month):
    """Regression: incomes dated 2025 only made the Tk 30,000 earner count as 0 in 2026."""
    situation = json.loads((SITUATIONS / "older_couple.json").read_text(encoding="utf-8"))
    result = compare(
        str(Path(__file__).parents[2] / "reforms/examples/old_age_allowance_tk_800.yaml"),
        situation,
        month,
        "old_age_allowance,old_age_allowance__meets_income_test",
    )
    abdul = result["persons"]["abdul"]
    assert abdul["old_age_allowance__meets_income_test"]["baseline"] is False
    assert abdul["old_age_allowance"] == {"baseline": 0.0, "reform": 0.0, "difference": 0.0}
    assert result["persons"]["amena"]["old_age_allowance"]["baseline"] > 0
