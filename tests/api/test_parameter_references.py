"""`/parameter/<id>` serves the source of each dated value (stock OpenFisca drops them)."""

import pytest
from policy_bd.web_api.app import create_app


@pytest.fixture(scope="module")
def real_client():
    return create_app().test_client()


def test_each_dated_value_carries_its_references(real_client):
    answer = real_client.get("/parameter/labour_act.maternity.monthly_wage_divisor")
    assert answer.status_code == 200
    document = answer.get_json()
    assert document["values"] == {"2025-11-17": 26, "2022-09-01": 26}
    assert set(document["references"]) == set(document["values"])
    rule_39 = document["references"]["2022-09-01"]
    assert any("SRO 284-Law/2022" in ref["title"] for ref in rule_39)
    assert all(ref["href"].startswith("http") for ref in rule_39)
    assert document["official_journal_dates"] == {
        "2022-09-01": "2022-09-01",
        "2025-11-17": "2025-11-17",
    }


def test_a_scale_serves_the_references_of_its_brackets(real_client):
    document = real_client.get(
        "/parameter/labour_act/work_injury/temporary_disablement_rates"
    ).get_json()
    assert "2006-10-11" in document["references"]
    assert document["references"]["2006-10-11"]


def test_a_node_has_no_value_references(real_client):
    document = real_client.get("/parameter/social_assistance").get_json()
    assert "references" not in document and "subparams" in document
