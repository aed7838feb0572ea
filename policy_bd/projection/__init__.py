"""Multi-year financing projection of the contributory schemes (NSIS branches, the EIS).

    from policy_bd.projection import project
    result = project("nsis_default")            # a file in projections/, a path, or a dict
    result.branches["employment_injury"].general_average_premium   # {"10": 0.0031, ...}

- `scenario`: the typed scenario file (`projections/*.yaml`), validated with line numbers;
- `assumptions`: economic and demographic paths from `parameters/projection/`;
- `base`: the base year's microsimulation, person by person, from the package's variables;
- `model`: insured population, wages, short-term benefits and pension cohorts by year;
- `cohorts`, `fund`: pensions in payment; reserve, premiums, exhaustion year;
- `run`: every branch with sensitivity and a stochastic band; `report`: table, CSV, charts.
See docs/projection.md for the method and every assumption.
"""

from policy_bd.projection.run import Projection, project
from policy_bd.projection.scenario import Scenario, ScenarioError, load_file, resolve

__all__ = ["Projection", "Scenario", "ScenarioError", "load_file", "project", "resolve"]
