"""The projection's return and horizon are parameters: a reform changes the pension."""

import pytest
from openfisca_core import periods
from openfisca_core.reforms import Reform
from openfisca_core.simulation_builder import SimulationBuilder

from policy_bd.system import baseline_system

SUROKKHA_AT_50 = {
    "persons": {
        "member": {
            "age": {"2025-07": 50},
            "universal_pension_scheme": {"2025-07": "surokkha"},
            "universal_pension_monthly_contribution": {"2025-07": 1000},
            "employer_type": {"2025-07": "self_employed"},
        }
    },
    "households": {"home": {"heads": ["member"]}},
}


def projected(system):
    simulation = SimulationBuilder().build_from_entities(system, SUROKKHA_AT_50)
    return simulation.calculate("universal_pension_projected_monthly_pension", "2025-07")[0]


def reformed(name, value):
    """The baseline with `universal_pension.common.projection.<name>` set to `value` from 2025."""

    class ProjectionReform(Reform):
        def apply(self):
            def modify(parameters):
                leaf = parameters.universal_pension.common.projection.children[name]
                leaf.update(start=periods.instant("2025-01-01"), value=value)
                return parameters

            self.modify_parameters(modifier_function=modify)

    return ProjectionReform(baseline_system())


def test_baseline_matches_the_published_ten_year_figure():
    assert projected(baseline_system()) == pytest.approx(1530.23, abs=0.01)


def test_with_no_return_the_pension_is_the_deposits_over_240_months():
    system = reformed("assumed_annual_return", 0)
    # 120 months x Tk 1,000 = 120,000, spread over 240 months.
    assert projected(system) == pytest.approx(500, abs=0.01)


def test_a_longer_payout_lowers_the_monthly_pension():
    system = reformed("payout_months", 300)
    # 182,946.04 / ((1 - (1 + 0.08/12)^-300) / (0.08/12)) = 182,946.04 / 129.564523 = 1,412.00
    assert projected(system) == pytest.approx(1412.00, abs=0.01)
