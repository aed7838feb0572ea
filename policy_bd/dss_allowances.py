"""One allowance per person among the DSS allowances: which one a person entitled to several gets.

The selection criteria of the Old Age, widow and disability allowances each exclude a person who
receives another allowance. A person who meets the criteria of several is paid the one with the
highest monthly amount on the date; on equal amounts the order of `ALLOWANCES` decides
(documented in `parameters/social_assistance/dss_allowances/one_allowance_per_person.yaml`).
Each allowance's criterion `<allowance>__no_preferred_dss_allowance` reads the allowances that
come before it, so the rule is computed once, vectorised, with no cycle.
"""

from __future__ import annotations

from openfisca_core.errors import ParameterNotFoundError

ALLOWANCES = ("disability_allowance", "old_age_allowance", "widow_allowance")  # tie order
CRITERION_LABEL = "Is not paid another DSS allowance that comes first (one allowance per person)"
PRIORITY_REFERENCE = (
    "parameters/social_assistance/dss_allowances/one_allowance_per_person.yaml (priority)"
)


def criterion_documentation(allowance_name: str) -> str:
    """The `documentation` of `<allowance>__no_preferred_dss_allowance`."""
    return (
        "A person may hold only one of the Old Age, widow and disability allowances. Someone who "
        "meets the criteria of several is paid the one with the highest monthly amount on the "
        "date; on equal amounts the disability allowance comes first, then the Old Age "
        "Allowance, then the widow allowance. This criterion is false where the person is paid "
        f"one that comes before the {allowance_name}."
    )


def _amount(parameters, period, allowance: str) -> float:
    """The allowance's monthly amount on the date; 0 before the programme exists."""
    try:
        return float(parameters(period).social_assistance[allowance].amount)
    except ParameterNotFoundError:
        return 0.0


def preferred_over(parameters, period, allowance: str) -> tuple[str, ...]:
    """The DSS allowances a person would be paid instead of `allowance`, if entitled to them."""
    rule = parameters(period).social_assistance.dss_allowances.one_allowance_per_person
    if not rule:
        return ()
    order = sorted(
        ALLOWANCES, key=lambda name: (-_amount(parameters, period, name), ALLOWANCES.index(name))
    )
    return tuple(order[: order.index(allowance)])


def not_paid_any(person, period, parameters, allowance: str):
    """True where the person is paid none of the allowances preferred over `allowance`."""
    paid = person.filled_array(False)
    for other in preferred_over(parameters, period, allowance):
        paid = paid | (person(other, period) > 0)
    return ~paid
