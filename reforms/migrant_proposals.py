"""The proposed migrant products as Reform classes, for YAML tests and Python callers.

Each class applies its parametric file in `reforms/parametric/` (validated by
`policy_bd.reform_spec`), so the file a drafter edits stays the only definition of the reform.
In a YAML test: `reforms: [policy_bd.reforms.migrant_proposals.migrant_health_insurance]`.
"""

from __future__ import annotations

from openfisca_core import periods
from openfisca_core.reforms import Reform
from policy_bd.reforms.registry import PARAMETRIC_DIR

from policy_bd.reform_spec import load_file


def _apply_file(reform: Reform, file_name: str) -> None:
    spec = load_file(PARAMETRIC_DIR / file_name, reform.parameters)

    def modify(parameters):
        for change in spec.changes:
            leaf = parameters
            for name in change.parameter.split("."):
                leaf = getattr(leaf, name)
            stop = periods.instant(change.stop) if change.stop else None
            leaf.update(start=periods.instant(change.start), stop=stop, value=change.value)
        return parameters

    reform.modify_parameters(modifier_function=modify)


class migrant_health_insurance(Reform):
    name = "Health insurance for migrant workers and their families (proposal)"

    def apply(self) -> None:
        _apply_file(self, "migrant_health_insurance.yaml")


class migrant_reintegration_loan(Reform):
    name = "Entrepreneurship loan with training for returnee migrant workers (proposal)"

    def apply(self) -> None:
        _apply_file(self, "migrant_reintegration_loan.yaml")
