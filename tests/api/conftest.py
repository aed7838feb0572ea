"""Fixtures for the explanations and the web API.

`fake_program` registers a small program in a temporary registry, on a system extended with its
variables and parameter, so that the generic code is tested on something other than the Old Age
Allowance: a household-level criterion, an input that is not on this branch yet
(`disability_registered`), a lump-sum amount and a parameter with a reference.
"""

from __future__ import annotations

import numpy as np
import pytest
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable
from openfisca_web_api.app import create_app as create_stock_app
from policy_bd.web_api.app import create_app

from policy_bd import programs as program_registry
from policy_bd.entities import Household, Person
from policy_bd.system import baseline_system

FAKE_PROGRAM = {
    "name": "test_grant",
    "label": "Test grant",
    "label_bn": "পরীক্ষামূলক অনুদান",
    "status": "pilot",
    "category": "test",
    "amount_variable": "test_grant",
    "amount_period": "lump_sum",
    "payment_schedule": "once",
    "eligibility_variable": "test_grant__eligible",
    "criteria": ["test_grant__is_adult", "test_grant__lives_in_town", "test_grant__registered"],
}


class disability_registered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Holds a disability identity card"
    reference = "Persons with Disabilities Rights and Protection Act 2013, s.31"


class test_grant__is_adult(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is an adult"
    reference = "Test Act, s.1"

    def formula(person, period, parameters):
        return person("age", period) >= parameters(period).test_grant.min_age


class test_grant__lives_in_town(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The household lives in a town"
    reference = "Test Act, s.2"

    def formula(household, period, _parameters):
        return household("urban", period)


class test_grant__registered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is registered as disabled"
    reference = "Test Act, s.3"

    def formula(person, period, _parameters):
        return person("disability_registered", period)


class test_grant__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Meets every criterion of the test grant"
    reference = "Test Act"

    def formula(person, period, _parameters):
        return (
            person("test_grant__is_adult", period)
            * person.household("test_grant__lives_in_town", period)
            * person("test_grant__registered", period)
        )


class test_grant(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Test grant paid once (Tk)"
    reference = "Test Act, s.4"

    def formula(person, period, _parameters):
        return np.where(person("test_grant__eligible", period), 1000.0, 0.0)


class with_test_grant(Reform):
    name = "Test grant"

    def apply(self):
        # The disability allowance defines disability_registered; add a stand-in only without it.
        own_input = () if "disability_registered" in self.variables else (disability_registered,)
        for variable in (
            *own_input,
            test_grant__is_adult,
            test_grant__lives_in_town,
            test_grant__registered,
            test_grant__eligible,
            test_grant,
        ):
            self.add_variable(variable)

        def add_parameter(parameters):
            node = ParameterNode(
                "test_grant",
                data={
                    "min_age": {
                        "description": "Minimum age for the test grant",
                        "metadata": {"unit": "year", "label_bn": "ন্যূনতম বয়স"},
                        "values": {
                            "2000-01-01": {
                                "value": 18,
                                "metadata": {
                                    "reference": [
                                        {"title": "Test Act, s.1", "href": "https://example.org/1"}
                                    ]
                                },
                            }
                        },
                    }
                },
            )
            parameters.add_child("test_grant", node)
            return parameters

        self.modify_parameters(modifier_function=add_parameter)


@pytest.fixture(scope="session")
def fake_system():
    return with_test_grant(baseline_system())


@pytest.fixture
def fake_registry(monkeypatch):
    """The registry with the test grant added after the real programs."""
    fake = program_registry.Program.from_dict(FAKE_PROGRAM, "test_grant.yaml")
    registry = {**program_registry.programs(), fake.name: fake}
    monkeypatch.setattr(program_registry, "programs", lambda: registry)
    return registry


@pytest.fixture(scope="session")
def app():
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def stock_client():
    return create_stock_app(baseline_system()).test_client()


@pytest.fixture(scope="session")
def fake_client(fake_system):
    return create_app(fake_system).test_client()
