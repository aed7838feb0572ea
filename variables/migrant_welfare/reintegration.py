"""PROPOSAL (not law): entrepreneurship loan with training for the reintegration of returnees.

One of four products DataSense designed for the Ministry of Expatriates' Welfare and Overseas
Employment in April-June 2022: "a dedicated loan facility combined with training for returning
migrant workers seeking to establish businesses". Every figure is a parameter of a default design
(`parameters/migrant_welfare/reintegration/`), off in baseline law (`in_force` false); the
reform `migrant_reintegration_loan` switches it on.
"""

from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.migrant_enums import MigrantStatus
from policy_bd.migrant_helpers import (
    amount_requested_within,
    applies_within_years_of_return,
    loan_granted,
    loan_term_months,
    simple_interest_schedule,
    term_requested_within,
)

DESIGN = (
    "PROPOSAL: DataSense for MoEWOE, 'New Welfare Schemes for Migrant Workers in light of Global "
    "Good Practices' (April-June 2022), product 3: entrepreneurship loan for reintegration"
)


class completed_reintegration_training(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "Has completed an entrepreneurship or reintegration training course for returnees"
    reference = DESIGN


class migrant_reintegration_loan__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "PROPOSAL - the entrepreneurship loan for reintegration is in force (not in baseline law)"
    )
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        in_force = parameters(period).migrant_welfare.reintegration.in_force
        return person.filled_array(bool(in_force))


class migrant_reintegration_loan__returned_covered_migrant(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - has come home for good and migrated with a BMET clearance or holds a WEWB membership"
    reference = DESIGN

    def formula(person, period, _parameters):
        returned = person("migrant_status", period) == MigrantStatus.returned
        return returned & person("wewb_covered", period)


class migrant_reintegration_loan__applies_within_window(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - applies within the window after coming home (default five years)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        years = parameters(period).migrant_welfare.reintegration.application_window_years
        return applies_within_years_of_return(person, period, years)


class migrant_reintegration_loan__worked_abroad_long_enough(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - worked abroad at least the minimum time (default 12 months)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        minimum = parameters(period).migrant_welfare.reintegration.min_months_abroad
        return person("months_abroad", period) >= minimum


class migrant_reintegration_loan__completed_training(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - has completed the entrepreneurship training, when the design requires it"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        required = parameters(period).migrant_welfare.reintegration.training_required
        return person("completed_reintegration_training", period) | (not required)


class migrant_reintegration_loan__amount_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - the amount applied for does not exceed the loan ceiling (default Tk 5 lakh)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        limit = parameters(period).migrant_welfare.reintegration.max_amount
        return amount_requested_within(person, period, limit)


class migrant_reintegration_loan__term_within_limit(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - the term applied for does not exceed the longest term (default five years)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        years = parameters(period).migrant_welfare.reintegration.max_term_years
        return term_requested_within(person, period, years)


class migrant_reintegration_loan__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "PROPOSAL - can obtain the entrepreneurship loan for reintegration"
    reference = DESIGN

    def formula(person, period, _parameters):
        return (
            person("migrant_reintegration_loan__in_force", period)
            & person("migrant_reintegration_loan__returned_covered_migrant", period)
            & person("migrant_reintegration_loan__applies_within_window", period)
            & person("migrant_reintegration_loan__worked_abroad_long_enough", period)
            & person("migrant_reintegration_loan__completed_training", period)
            & person("migrant_reintegration_loan__amount_within_limit", period)
            & person("migrant_reintegration_loan__term_within_limit", period)
        )


class migrant_reintegration_loan_limit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "PROPOSAL - entrepreneurship loan ceiling (Tk)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        limit = parameters(period).migrant_welfare.reintegration.max_amount
        return person.filled_array(limit)


class migrant_reintegration_loan(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "PROPOSAL - entrepreneurship loan the returnee can obtain (Tk; the amount requested, or the ceiling)"
    reference = DESIGN

    def formula(person, period, _parameters):
        limit = person("migrant_reintegration_loan_limit", period)
        eligible = person("migrant_reintegration_loan__eligible", period)
        return loan_granted(person, period, eligible, limit)


class migrant_reintegration_loan_term_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "PROPOSAL - term of the entrepreneurship loan, in months (the term requested, or the longest)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        years = parameters(period).migrant_welfare.reintegration.max_term_years
        eligible = person("migrant_reintegration_loan__eligible", period)
        return loan_term_months(person, period, eligible, years)


class migrant_reintegration_loan_total_interest(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "PROPOSAL - total simple interest on the entrepreneurship loan over its term (Tk)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        rate = parameters(period).migrant_welfare.reintegration.interest_rate
        interest, _ = simple_interest_schedule(
            person("migrant_reintegration_loan", period),
            rate,
            person("migrant_reintegration_loan_term_months", period),
        )
        return interest


class migrant_reintegration_loan_monthly_instalment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "PROPOSAL - equal monthly instalment repaying the entrepreneurship loan with its interest (Tk per month)"
    reference = DESIGN

    def formula_2022_07(person, period, parameters):
        rate = parameters(period).migrant_welfare.reintegration.interest_rate
        _, instalment = simple_interest_schedule(
            person("migrant_reintegration_loan", period),
            rate,
            person("migrant_reintegration_loan_term_months", period),
        )
        return instalment
