"""Mother and Child Benefit Programme (মা ও শিশু সহায়তা কর্মসূচি), Department of Women Affairs.

A poor woman pregnant with her first or second child is enrolled and then paid every month for up
to 36 months, into her child's first years. The enrolment tests (pregnancy, child order, age,
household income) are checked when she applies; once enrolled she keeps the benefit for its whole
duration, so each enrolment test is met by an enrolled mother. `mother_and_child_benefit__eligible`
combines the tests with the 36-month limit.
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person

PROGRAMME = "Mother and Child Benefit Programme (MoWCA, Department of Women Affairs)"
NOTICE = "https://aladipurup.dinajpur.gov.bd/ (Mother and Child Benefit eligibility)"
BUDGET_2024 = "https://bdnews24.com/economy/aae2a0917a9f (budget speech FY2024-25: Tk 800 for up to 36 months)"


class is_pregnant(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is pregnant in the month (holds an antenatal-care card)"
    reference = [f"{PROGRAMME}, application (ANC card)", NOTICE]


class children_ever_born(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "child"
    label = "Number of children the woman has given birth to before the month"
    reference = [
        f"{PROGRAMME}, eligibility (first or second pregnancy)",
        "https://deotiup.noakhali.gov.bd/ (for any one of the first or second child)",
    ]


class mother_and_child_benefit_months_received(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Months of Mother and Child Benefit the woman received before the month (0 for a new applicant)"
    reference = [f"{PROGRAMME}, duration (36 months)", BUDGET_2024]


class mother_and_child_benefit__is_enrolled(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is already enrolled in the Mother and Child Benefit Programme (has received it before)"
    reference = [f"{PROGRAMME}, duration (benefit paid for 36 months once selected)", BUDGET_2024]

    def formula(person, period, _parameters):
        return person("mother_and_child_benefit_months_received", period) > 0


class mother_and_child_benefit__meets_pregnancy_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is pregnant when applying (or already enrolled)"
    reference = [f"{PROGRAMME}, eligibility (pregnant woman with an ANC card)", NOTICE]

    def formula(person, period, _parameters):
        enrolled = person("mother_and_child_benefit__is_enrolled", period)
        return enrolled + person("is_pregnant", period)


class mother_and_child_benefit__meets_child_order_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is pregnant with her first or second child when applying (or already enrolled)"
    reference = [
        f"{PROGRAMME}, eligibility (first or second pregnancy)",
        NOTICE,
        "https://deotiup.noakhali.gov.bd/",
    ]

    def formula(person, period, parameters):
        rule = parameters(period).social_assistance.mother_and_child_benefit
        first_or_second = person("children_ever_born", period) <= rule.max_children_ever_born
        return person("mother_and_child_benefit__is_enrolled", period) + first_or_second


class mother_and_child_benefit__meets_age_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is aged 20 to 35 when applying (or already enrolled)"
    reference = [
        f"{PROGRAMME}, eligibility (age 20-35)",
        NOTICE,
        "https://noutaraup.nilphamari.gov.bd/ (FY2023-24 selection notice)",
    ]

    def formula(person, period, parameters):
        """Both bounds are in completed years and inclusive: 20 and 35 may apply, 19 and 36 not."""
        band = parameters(period).social_assistance.mother_and_child_benefit.age
        age = person("age", period)
        in_band = (age >= band.minimum) * (age <= band.maximum)
        return person("mother_and_child_benefit__is_enrolled", period) + in_band


class mother_and_child_benefit__meets_income_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Monthly household income is at most the programme's cap when applying (or already enrolled)"
    reference = [f"{PROGRAMME}, eligibility (family monthly income at most Tk 8,000)", NOTICE]

    def formula(person, period, parameters):
        """The household's income of the calendar year the month falls in, divided by twelve."""
        rule = parameters(period).social_assistance.mother_and_child_benefit
        monthly = person.household("household_annual_income", period.this_year) / 12
        below_cap = monthly <= rule.household_monthly_income_limit
        return person("mother_and_child_benefit__is_enrolled", period) + below_cap


class mother_and_child_benefit__within_benefit_period(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has received the Mother and Child Benefit for fewer than 36 months"
    reference = [f"{PROGRAMME}, duration", BUDGET_2024]

    def formula(person, period, parameters):
        duration = parameters(period).social_assistance.mother_and_child_benefit.duration_months
        return person("mother_and_child_benefit_months_received", period) < duration


class mother_and_child_benefit__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is entitled to the Mother and Child Benefit in the month"
    reference = [PROGRAMME, NOTICE, BUDGET_2024]

    def formula_2021_07(person, period, _parameters):
        return (
            person("mother_and_child_benefit__meets_pregnancy_test", period)
            * person("mother_and_child_benefit__meets_child_order_test", period)
            * person("mother_and_child_benefit__meets_age_test", period)
            * person("mother_and_child_benefit__meets_income_test", period)
            * person("mother_and_child_benefit__within_benefit_period", period)
        )


class mother_and_child_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Mother and Child Benefit due to the mother for the month (Tk per month)"
    reference = [
        PROGRAMME,
        BUDGET_2024,
        "https://dwa.chapainawabganj.gov.bd/ (merger of the maternity and lactating mother allowances)",
    ]
    documentation = """
    Paid monthly to the mother's own mobile wallet. The programme is modelled from FY2021-22, after
    the Maternity Allowance and the Lactating Mother Allowance it replaced had closed; the
    predecessors are not modelled (see the parameters' documentation), so the amount is 0 before.
    """

    def formula_2021_07(person, period, parameters):
        amount = parameters(period).social_assistance.mother_and_child_benefit.amount
        return person("mother_and_child_benefit__eligible", period) * amount
