"""Every YAML test of the package as (name, system, period, simulation factory).

The YAML tests are the law's own examples; built as `openfisca test` builds them (reforms,
extensions and inline parameter changes applied), they are the situations on which the untraced
explanations are compared with the traced ones.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from openfisca_core import periods
from openfisca_core.reforms.in_yaml_test_reform import InYamlTestReform
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.tools.test_runner import _get_tax_benefit_system, build_test

TESTS = Path(__file__).resolve().parent.parent


def yaml_cases(baseline):
    for path in sorted(TESTS.rglob("*.yaml")):
        tests = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, raw in enumerate(tests if isinstance(tests, list) else [tests]):
            test = build_test(raw)
            system = _get_tax_benefit_system(baseline, test.reforms, test.extensions)
            if test.parameters:
                system = InYamlTestReform(system, test.parameters)

            def simulation(system=system, test=test):
                builder = SimulationBuilder()
                builder.set_default_period(test.period)
                return builder.build_from_dict(system, test.input)

            name = f"{path.relative_to(TESTS)}#{number} {test.name}"
            yield name, system, periods.period(test.period).first_month, simulation
