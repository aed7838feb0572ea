"""Values that say when they go stale (`policy_bd.freshness`), and the YAML tests that use them.

Convention for YAML tests: a test whose period is after the last check of a value it uses
(`last_value_still_valid_on`), or in a fiscal year after the last budget found
(`budget_checked_through`), tests the rule *as encoded*, not a claim that the value is still the
law on that date. It must say so with `keywords: [stale_ok]` (OpenFisca's own `keywords` field:
`openfisca test -n stale_ok` runs exactly those tests). A test that is not stale must not carry the
keyword, so the marker keeps its meaning. Which values a test uses is learned the way the API
learns it: one traced run of the test's output variables at the test's period.
"""

from __future__ import annotations

import datetime
import pathlib

import pytest
import yaml
from openfisca_core import periods

from policy_bd import freshness

TESTS = pathlib.Path(__file__).parent
STALE_OK = "stale_ok"


def yaml_test_cases():
    """(path, index in the file, test) of every YAML test under tests/."""
    for path in sorted(TESTS.rglob("*.yaml")):
        documents = yaml.safe_load(path.read_text(encoding="utf-8"))
        documents = documents if isinstance(documents, list) else [documents]
        for index, test in enumerate(documents):
            if isinstance(test, dict) and "period" in test:
                yield str(path), index, test


def _output_variables(system, output: dict) -> list[str]:
    names = []
    for key, value in (output or {}).items():
        if key in system.variables:
            names.append(key)
        elif isinstance(value, dict):  # outputs grouped by person or household
            names.extend(_output_variables(system, value))
    return names


def stale_for(system, test: dict) -> list[freshness.StaleValue]:
    period = periods.period(str(test["period"]))
    variables = _output_variables(system, test.get("output"))
    read = freshness.parameters_read(system, period, variables)
    return freshness.stale_values(system, period.start.date, read)


def test_a_value_past_its_last_check_is_stale(system):
    leaf = system.parameters.social_assistance.old_age_allowance.amount
    checked = datetime.date.fromisoformat(leaf.metadata["last_value_still_valid_on"])
    assert not [s for s in freshness.check(leaf, checked) if s.reason == freshness.PAST_CHECK]
    stale = freshness.check(leaf, checked + datetime.timedelta(days=1))
    assert [s.reason for s in stale if s.reason == freshness.PAST_CHECK] == [freshness.PAST_CHECK]
    assert checked.isoformat() in stale[0].message


def test_a_fiscal_year_without_a_budget_source_is_flagged(system):
    leaf = system.parameters.social_assistance.old_age_allowance.amount
    assert leaf.metadata["budget_checked_through"] == "2026-06-30"
    assert freshness.check(leaf, datetime.date(2026, 6, 30)) == []
    (stale,) = freshness.check(leaf, datetime.date(2026, 7, 1))
    assert stale.reason == freshness.NO_BUDGET_SOURCE
    assert "FY2026-27" in stale.message and "FY2025-26" in stale.message
    assert stale.value_since == "2026-07-01"


def test_a_parameter_without_a_value_at_the_date_is_never_stale(system):
    leaf = system.parameters.labour_act.maternity.monthly_wage_divisor
    assert freshness.check(leaf, datetime.date(2022, 8, 31)) == []


def test_fiscal_years():
    assert freshness.fiscal_year(datetime.date(2026, 7, 1)) == "FY2026-27"
    assert freshness.fiscal_year(datetime.date(2026, 6, 30)) == "FY2025-26"


def test_the_parameters_a_calculation_reads_are_traced_and_cached(system):
    read = freshness.parameters_read(system, "2026-07", ["old_age_allowance"])
    assert "social_assistance.old_age_allowance.amount" in read
    assert "social_assistance.old_age_allowance.oldest.amount" in read
    assert "labour_act.maternity.days_after_birth" not in read
    # Parameters read on an event date through policy_bd.dated_parameters are traced too.
    maternity = freshness.parameters_read(system, "2025-11", ["maternity_benefit"])
    assert "labour_act.maternity.monthly_wage_divisor" in maternity
    assert freshness.parameters_read(system, "2026-07", ["old_age_allowance"]) is read


def test_warnings_name_the_parameter_and_its_last_check(system):
    warnings = freshness.warnings(system, "2026-07", ["old_age_allowance"])
    by_name = {(w["parameter"], w["reason"]) for w in warnings}
    assert ("social_assistance.old_age_allowance.amount", freshness.NO_BUDGET_SOURCE) in by_name
    assert all(w["message"].startswith(w["parameter"]) for w in warnings)
    assert freshness.warnings(system, "2016-07", ["old_age_allowance"]) == []


def test_a_yaml_test_using_a_stale_value_says_so(system):
    unmarked, needless = [], []
    for path, index, test in yaml_test_cases():
        stale = stale_for(system, test)
        marked = STALE_OK in (test.get("keywords") or [])
        where = f"{pathlib.Path(path).relative_to(TESTS)} #{index + 1} {test.get('name', '')!r}"
        if stale and not marked:
            names = sorted({s.parameter for s in stale})
            unmarked.append(f"{where} at {test['period']}: {', '.join(names)}")
        elif marked and not stale:
            needless.append(where)
    assert not unmarked, (
        "YAML tests use values past their last check or budget source without "
        f"`keywords: [{STALE_OK}]`:\n" + "\n".join(unmarked)
    )
    assert not needless, f"`{STALE_OK}` on tests that use no stale value:\n" + "\n".join(needless)


@pytest.mark.parametrize("on", ["2019-07-01", "2026-12-01"])
def test_stale_values_of_the_whole_system(system, on):
    date = datetime.date.fromisoformat(on)
    stale = freshness.stale_values(system, date)
    assert all(s.on == on for s in stale)
    if on == "2026-12-01":
        assert any(s.parameter == "social_assistance.old_age_allowance.amount" for s in stale)
