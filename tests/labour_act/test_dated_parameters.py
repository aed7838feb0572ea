"""The law in force on the day of an event: `policy_bd.dated_parameters` on the real legislation."""

import numpy as np
from openfisca_core import periods

from policy_bd.dated_parameters import at_dates, calc_at_dates, event_dates


def dates(*days):
    return np.array(days, dtype="datetime64[D]")


def test_event_dates_keep_days_in_the_month_and_default_the_rest():
    november = periods.period("2025-11")
    given = dates("2025-11-17", "1970-01-01", "2025-12-02", "2025-11-30")
    assert (
        event_dates(given, november).tolist()
        == dates("2025-11-17", "2025-11-01", "2025-11-01", "2025-11-30").tolist()
    )


def test_at_dates_reads_each_day_on_both_sides_of_the_2018_amendment(system):
    parameters = system.get_parameters_at_instant
    values = at_dates(
        parameters,
        dates("2018-11-13", "2018-11-14", "2018-11-13", "2019-01-01"),
        "labour_act.work_injury.death_compensation",
    )
    assert values.tolist() == [100000, 200000, 100000, 200000]


def test_at_dates_gives_missing_before_a_parameter_exists(system):
    parameters = system.get_parameters_at_instant
    values = at_dates(
        parameters,
        dates("2022-08-31", "2022-09-01"),
        "labour_act.maternity.monthly_wage_divisor",
    )
    assert np.isnan(values[0])  # before SRO 284-Law/2022 (Labour Rules r.39) there is no divisor
    assert values[1] == 26


def test_calc_at_dates_applies_the_scale_in_force(system):
    parameters = system.get_parameters_at_instant
    months = np.array([1.0, 3.0, 5.0])
    shares = calc_at_dates(
        parameters,
        dates("2019-05-01", "2019-05-01", "2019-05-20"),
        "labour_act.work_injury.temporary_disablement_rates",
        months,
    )
    np.testing.assert_allclose(shares, [1.0, 2 + 2 / 3, 3 + 5 / 6], atol=1e-12)


def test_a_large_population_is_computed_in_one_vectorised_call(system):
    """10,000 workers with deliveries spread over November 2025: 56 + 56 days become 60 + 60 on the 17th."""
    from openfisca_core.simulation_builder import SimulationBuilder

    count = 10_000
    days = np.arange(count) % 30 + 1
    simulation = SimulationBuilder().build_default_simulation(system, count)
    month = "2025-11"
    simulation.set_input("gives_birth", month, np.ones(count, dtype=bool))
    simulation.set_input("employer_type", month, np.array(["private_company"] * count))
    simulation.set_input("months_of_service", month, np.full(count, 12))
    simulation.set_input("monthly_wage", month, np.full(count, 26000.0))
    simulation.set_input(
        "wages_in_three_months_before_maternity_notice", month, np.full(count, 30000.0)
    )
    simulation.set_input(
        "days_worked_in_three_months_before_maternity_notice", month, np.full(count, 75)
    )
    delivery = np.datetime64("2025-11-01") + (days - 1).astype("timedelta64[D]")
    simulation.set_input("delivery_date", month, delivery)
    benefit = simulation.calculate("maternity_benefit", month)
    expected = np.where(days >= 17, 120000.0, 112000.0)  # Tk 1,000 a day (26,000 / 26)
    np.testing.assert_allclose(benefit, expected)
