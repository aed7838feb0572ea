"""The summary the web API serves: JSON-serialisable, cached, every error a clear exception."""

import json

import pytest

from policy_bd.microsim import service
from policy_bd.reform_spec import ReformError


def test_summary_of_baseline_law_is_json_with_its_provenance():
    summary = service.summary("2024-25")
    json.dumps(summary)
    meta = summary["meta"]
    assert meta["fiscal_year"] == "FY2024-25"
    assert meta["warning"] == "SYNTHETIC: not for inference"
    assert meta["package_version"]
    programs = {row["program"] for row in summary["programs"]}
    assert "old_age_allowance" in programs
    assert {row["line"] for row in summary["poverty"]} == {"upper", "lower"}


def test_summary_with_a_reform_dict_is_cached_by_content():
    reform = {
        "title": "Old Age Allowance Tk 800",
        "description": "test",
        "changes": [
            {
                "parameter": "social_assistance.old_age_allowance.amount",
                "value": 800,
                "start": "2024-07-01",
            }
        ],
    }
    first = service.summary("2024-25", reform)
    held = len(service._RESULTS)
    again = service.summary("2024-25", dict(reform))
    assert len(service._RESULTS) == held  # found by the reform's content digest
    assert first == again
    oaa = next(row for row in first["programs"] if row["program"] == "old_age_allowance")
    assert oaa["cost_crore_reform"] == pytest.approx(oaa["cost_crore_baseline"] * 800 / 600)
    first["meta"]["fiscal_year"] = "changed"  # callers get a copy, the cache is untouched
    assert service.summary("2024-25", reform)["meta"]["fiscal_year"] == "FY2024-25"


def test_summary_errors():
    with pytest.raises(ValueError, match="fiscal year"):
        service.summary("2024")
    with pytest.raises(ReformError):
        service.summary("2024-25", {"title": "bad", "changes": [{"parameter": "nope"}]})
    with pytest.raises(ValueError, match="pass_through"):
        service.summary("2024-25", pass_through=3)
