"""The poverty lines read by the microsimulation: their paths, ordering and documented derivation.

The official HIES lines in taka were not found; the encoded values are estimates whose derivation
is written in `parameters/poverty_lines/index.yaml`. These tests recompute that derivation from the
published aggregates it names, so the numbers and their documentation cannot drift apart.
"""

import math
from statistics import NormalDist

import pytest

AREAS = ("national", "rural", "urban")
SURVEY_DATES = ("2016-01-01", "2022-01-01")

# Published aggregates named in the documentation: monthly household consumption by area (Tk),
# mean household size, consumption Gini, and headcount rates (upper, lower) by area.
HOUSEHOLD_CONSUMPTION = {
    # National: final report (Tk 15,715; the preliminary report had 15,915); areas: preliminary.
    "2016-01-01": {"national": 15715, "rural": 14156, "urban": 19697},
    # HIES 2022 publishes national consumption only; areas are split by household income.
    "2022-01-01": {
        area: 31500 * income / 32422
        for area, income in {"national": 32422, "rural": 26163, "urban": 45757}.items()
    },
}
HOUSEHOLD_SIZE = {"2016-01-01": 4.06, "2022-01-01": 4.26}
GINI = {"2016-01-01": 0.324, "2022-01-01": 0.334}
HEADCOUNT = {
    "2016-01-01": {
        "upper": {"national": 0.243, "rural": 0.264, "urban": 0.189},
        "lower": {"national": 0.129, "rural": 0.149, "urban": 0.076},
    },
    "2022-01-01": {
        "upper": {"national": 0.187, "rural": 0.205, "urban": 0.147},
        "lower": {"national": 0.056, "rural": 0.065, "urban": 0.038},
    },
}


def lognormal_line(mean_per_person, gini, headcount):
    normal = NormalDist()
    sigma = math.sqrt(2) * normal.inv_cdf((1 + gini) / 2)
    median = mean_per_person * math.exp(-(sigma**2) / 2)
    return median * math.exp(sigma * normal.inv_cdf(headcount))


@pytest.mark.parametrize("date", SURVEY_DATES)
def test_every_line_exists_at_the_survey_dates(system, date):
    lines = system.parameters(date).poverty_lines
    for line in ("upper", "lower"):
        for area in AREAS:
            assert lines[line][area] > 0


@pytest.mark.parametrize("date", SURVEY_DATES)
def test_lines_are_ordered(system, date):
    lines = system.parameters(date).poverty_lines
    for area in AREAS:
        assert lines.lower[area] < lines.upper[area]
    for line in ("upper", "lower"):
        assert lines[line].rural < lines[line].national < lines[line].urban


def test_lines_rose_between_the_surveys(system):
    before, after = (system.parameters(date).poverty_lines for date in SURVEY_DATES)
    for line in ("upper", "lower"):
        for area in AREAS:
            assert after[line][area] > before[line][area]


@pytest.mark.parametrize("date", SURVEY_DATES)
@pytest.mark.parametrize("line", ["upper", "lower"])
@pytest.mark.parametrize("area", AREAS)
def test_value_follows_the_documented_derivation(system, date, line, area):
    mean = HOUSEHOLD_CONSUMPTION[date][area] / HOUSEHOLD_SIZE[date]
    expected = lognormal_line(mean, GINI[date], HEADCOUNT[date][line][area])
    encoded = system.parameters(date).poverty_lines[line][area]
    assert encoded == round(expected, -1)
