"""Instalments of monthly allowances that are paid together, in arrears.

The Department of Social Services pays its allowances every three months. A monthly entitlement is
computed for each month; the instalment variable pays the sum of the quarter's months in the last
month of each quarter of the fiscal year (July-September, October-December, January-March,
April-June), and nothing in other months.
"""

from __future__ import annotations

FISCAL_YEAR_LAST_MONTH = 6  # June: fiscal years run from 1 July to 30 June.


def instalment_in_arrears(person, period, amount_variable: str, instalments_per_year: int):
    """The instalment of `amount_variable` (a monthly MONTH variable) paid in `period`.

    With four instalments a year, September, December, March and June each pay the three monthly
    amounts of their quarter; with twelve, every month pays its own amount.
    """
    months_per_instalment = 12 // int(instalments_per_year)
    if (period.start.month - FISCAL_YEAR_LAST_MONTH) % months_per_instalment != 0:
        return person.empty_array()
    return sum(
        person(amount_variable, period.offset(-k, "month")) for k in range(months_per_instalment)
    )
