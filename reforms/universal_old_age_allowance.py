"""Universal Old Age Allowance from FY2025-26: no income test, and every eligible member is paid.

A structural reform: from 1 July 2025 the income criterion of the Old Age Allowance is met by
everyone, and the rule of one recipient per household is lifted, so every man of 65 and every
woman of 62 who receives no other allowance is paid. Before July 2025 the law is unchanged.
"""

from __future__ import annotations

import numpy as np
from openfisca_core import periods
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

from policy_bd.entities import Person

START = "2025-07-01"


class old_age_allowance__meets_income_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Annual income does not exceed the Old Age Allowance ceiling (no income test from July 2025 under the universal allowance)"
    reference = [
        "Old Age Allowance Programme Implementation Manual (revised) 2013, selection criteria (income)",
        "Reform universal_old_age_allowance (policy_bd.reforms): the income test is removed from 1 July 2025",
    ]

    def formula_2025_07(person, _period, _parameters):
        """Everyone meets the income criterion once the allowance is universal."""
        return np.ones(person.count, dtype=bool)


def lift_one_recipient_rule(parameters: ParameterNode) -> ParameterNode:
    rule = parameters.social_assistance.old_age_allowance.one_recipient_per_household
    rule.update(start=periods.instant(START), value=False)
    return parameters


class universal_old_age_allowance(Reform):
    name = "Universal Old Age Allowance from FY2025-26 (no income test, every eligible member of a household)"

    def apply(self) -> None:
        self.update_variable(old_age_allowance__meets_income_test)
        self.modify_parameters(modifier_function=lift_one_recipient_rule)
