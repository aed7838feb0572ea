"""Axes in /calculate: the values of stock OpenFisca's SimulationBuilder, capped before computing.

Stock openfisca_web_api 46 answers any axes with a 500 (it renames the expanded entities
`rahim0`, `rahim1`, ... and then looks up `rahim`); the answer here gives each requested cell the
list of its values along the axes, computed by the same SimulationBuilder expansion.
"""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
from openfisca_core.simulations import SimulationBuilder
from openfisca_web_api.app import create_app as create_stock_app
from policy_bd.web_api.app import create_app

SITUATION = {
    "persons": {
        "rahim": {"age": {"2025-08": 70}, "old_age_allowance": {"2025-08": None}},
        "amena": {"age": {"2025-08": 40}, "old_age_allowance": {"2025-08": None}},
    },
    "households": {
        "h": {"heads": ["rahim"], "spouses": ["amena"], "household_annual_income": {"2025": None}}
    },
}


@pytest.fixture(scope="module")
def client(system):
    return create_app(system, ACCESS_LOG=False, MAX_AXIS_CELLS=50).test_client()


def with_axes(axes):
    return {**copy.deepcopy(SITUATION), "axes": axes}


def post(client, situation):
    # Sent as written: the test client's `json=` sorts the keys, and the order of the persons
    # is what an axis `index` refers to.
    return client.post("/calculate", data=json.dumps(situation), content_type="application/json")


def stock_values(system, situation, name, period, *, entity_position, entity_count):
    simulation = SimulationBuilder().build_from_entities(system, copy.deepcopy(situation))
    values = simulation.calculate(name, period)
    return [float(str(value)) for value in values[entity_position::entity_count]]


@pytest.mark.parametrize(
    "axes",
    [
        [[{"name": "age", "count": 5, "min": 60, "max": 70, "period": "2025-08"}]],
        [[{"name": "annual_income", "count": 4, "min": 0, "max": 30000, "period": "2025"}]],
        [[{"name": "age", "count": 3, "min": 60, "max": 70, "period": "2025-08", "index": 1}]],
        [  # perpendicular: age of the head x income of the head
            [{"name": "age", "count": 3, "min": 60, "max": 70, "period": "2025-08"}],
            [{"name": "annual_income", "count": 2, "min": 0, "max": 30000, "period": "2025"}],
        ],
    ],
)
def test_axes_give_stock_openfisca_values(client, system, axes):
    situation = with_axes(axes)
    answer = post(client, situation)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["axes"] == axes
    copies = int(np.prod([dimension[0]["count"] for dimension in axes]))
    for position, person in enumerate(["rahim", "amena"]):
        ours = body["persons"][person]["old_age_allowance"]["2025-08"]
        assert len(ours) == copies
        assert ours == stock_values(
            system,
            situation,
            "old_age_allowance",
            "2025-08",
            entity_position=position,
            entity_count=2,
        )
    household = body["households"]["h"]["household_annual_income"]["2025"]
    assert household == stock_values(
        system, situation, "household_annual_income", "2025", entity_position=0, entity_count=1
    )
    assert body["persons"]["rahim"]["age"] == {"2025-08": 70}  # inputs are echoed as sent


def test_the_head_becomes_eligible_along_the_age_axis(client):
    axes = [[{"name": "age", "count": 3, "min": 60, "max": 70, "period": "2025-08"}]]
    body = post(client, with_axes(axes)).get_json()
    assert body["persons"]["rahim"]["old_age_allowance"]["2025-08"] == [0.0, 650.0, 650.0]


def test_stock_openfisca_fails_on_the_same_request(system):
    stock = create_stock_app(system).test_client()
    axes = [[{"name": "age", "count": 3, "min": 60, "max": 70, "period": "2025-08"}]]
    assert post(stock, with_axes(axes)).status_code == 500


@pytest.mark.parametrize(
    ("axes", "status", "words"),
    [
        (
            [[{"name": "age", "count": 5_000_000, "min": 0, "max": 1, "period": "2025-08"}]],
            413,
            "limit of 50 situations",
        ),
        (
            [
                [{"name": "age", "count": 8, "min": 0, "max": 1}],
                [{"name": "age", "count": 8, "min": 0, "max": 1, "index": 1}],
            ],
            413,
            "limit of 50",
        ),
        ([[{"name": "agee", "count": 2, "min": 0, "max": 1}]], 400, "not a variable"),
        ([[{"name": "sex", "count": 2, "min": 0, "max": 1}]], 400, "not a number"),
        ([[{"name": "age", "count": 0, "min": 0, "max": 1}]], 400, "at least 1"),
        ([[{"name": "age", "count": 2, "min": 0, "max": "x"}]], 400, "max must be a finite"),
        ([[{"name": "age", "count": 2, "min": 0, "max": 1, "index": 9}]], 400, "index 9"),
        ([[{"name": "age", "count": 2, "min": 0, "max": 1, "colour": 1}]], 400, "unknown field"),
        (
            [
                [
                    {"name": "age", "count": 2, "min": 0, "max": 1},
                    {"name": "annual_income", "count": 3, "min": 0, "max": 1},
                ]
            ],
            400,
            "same count",
        ),
        ([], 400, "non-empty list"),
    ],
)
def test_bad_axes_are_refused_before_computing(client, axes, status, words):
    answer = post(client, with_axes(axes))
    assert answer.status_code == status
    assert words in answer.get_json()["axes"]


def test_axes_count_against_the_persons_limit(system):
    small = create_app(system, ACCESS_LOG=False, MAX_SITUATION_PERSONS=10).test_client()
    axes = [[{"name": "age", "count": 6, "min": 60, "max": 70, "period": "2025-08"}]]
    answer = post(small, with_axes(axes))
    assert answer.status_code == 413
    assert "2 persons x 6 axis points" in answer.get_json()["axes"]
