"""Payments when a job ends (চাকুরির অবসানজনিত ক্ষতিপূরণ), Labour Act 2006 ss.16-27 and s.2(10).

By how the job ended (input `job_separation`):

- retrenchment (s.20) and discharge for ill health (s.22): after one year of continuous service,
  30 days' wages per completed year;
- termination by the employer other than for misconduct (s.26(4)): a permanent worker gets 30
  days' wages per completed year;
- resignation (s.27(4)): a permanent worker gets 14 days' wages per completed year with five to
  under ten years of service, 30 days' with ten years or more, nothing under five;
- retirement (s.28): the gratuity only (the statutory retirement payment was not sourced);
- dismissal for misconduct (s.23): nothing;
- lay-off (s.16): half the basic wage, dearness allowance and ad hoc pay plus the full housing
  allowance for each laid-off day of the month, up to 45 days a calendar year, after one year of
  service (three months from 17 November 2025). Lay-off suspends the job without ending it, so
  it is compensated month by month and never compared with the gratuity.

Each payment on the end of the job is "or gratuity, whichever is higher"; the gratuity is owed
only where the establishment has a gratuity scheme. Wages in lieu of notice (ss.20, 26, 27) are
not modelled: they depend on whether notice was given. Rules are read on the date the job ended
(input `job_separation_date`, else the first day of the month).
"""

import datetime

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.dated_parameters import at_dates, calc_at_dates, event_dates
from policy_bd.entities import Person
from policy_bd.enums import JobSeparation

ACT = "Bangladesh Labour Act 2006"
S2_10 = f"{ACT}, s.2(10) (gratuity), as substituted by Act 30 of 2013: https://vdocuments.net/bla-2013amended-only.html"
S16 = f"{ACT}, s.16 (lay-off compensation): https://www.thedailystar.net/law-our-rights/news/rights-workers-upon-layoffs-1890607"
S20_26 = (
    f"{ACT}, ss.20, 22, 26 (retrenchment, discharge, termination):"
    " https://today.thefinancialexpress.com.bd/print/how-to-benefit-a-worker-during-termination-of-service"
)
S27 = f"{ACT}, s.27(4) (resignation): https://bdlplaw.com/termination-benefits-of-a-worker.html"
ORDINANCE_2025 = "Bangladesh Labour (Amendment) Ordinance 2025 (Ord. 65 of 2025), s.16 lay-off after three months: https://lexplosion.in/"
SSA_2018 = "https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"
RULES = "labour_act.separation"

# How each way of ending a job is paid; dismissal for misconduct and "no separation" pay nothing.
COMPENSATED = (
    JobSeparation.lay_off,
    JobSeparation.retrenchment,
    JobSeparation.discharge,
    JobSeparation.termination_by_employer,
    JobSeparation.resignation,
    JobSeparation.retirement,
)
PERMANENT_ONLY = (JobSeparation.termination_by_employer, JobSeparation.resignation)


def _is_any(values, members) -> np.ndarray:
    return np.logical_or.reduce([values == member for member in members])


class job_separation_date(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = MONTH
    label = "Date the job ended or the lay-off began, a day in the month (optional; else the first day of the month)"
    reference = [
        ORDINANCE_2025,
        "policy_bd.dated_parameters (the rule in force on the date of an event)",
    ]


class service_end_rule_date(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = MONTH
    label = "Date on which separation and gratuity rules are read: the date of death if the worker dies in the month, else the separation date"
    reference = [S2_10, S20_26]

    def formula(person, period, _parameters):
        dates = np.where(
            person("dies", period),
            person("date_of_death", period),
            person("job_separation_date", period),
        )
        return event_dates(dates, period)


class establishment_has_gratuity_scheme(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The establishment has a gratuity scheme (gratuity is owed only where one exists)"
    reference = [
        S2_10,
        "https://hasanhmt.com/ (gratuity owed where the establishment has a scheme)",
    ]


class is_permanent_worker(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = (
        "Is a permanent worker (not a probationer, apprentice, badli, casual or temporary worker)"
    )
    reference = [f"{ACT}, s.4 (classification of workers)", S20_26, S27]


class lay_off_days(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "day"
    label = "Days the worker is laid off in the month, not counting weekly holidays"
    reference = S16


class monthly_housing_allowance(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Monthly housing (house rent) allowance that would have been paid without the lay-off (Tk per month)"
    reference = S16


class lay_off_days_earlier_in_year(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "day"
    label = "Days laid off in the earlier months of the same calendar year"
    reference = S16

    def formula(person, period, _parameters):
        """The sum of `lay_off_days` from January to the month before (none in January)."""
        earlier_months = period.start.month - 1
        return sum(
            (
                person("lay_off_days", period.offset(-k, "month"))
                for k in range(1, earlier_months + 1)
            ),
            start=person.empty_array().astype(int),
        )


class separation__is_compensated_separation(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The job ended (or was laid off) in the month other than by dismissal for misconduct"
    reference = [S16, S20_26, S27, f"{ACT}, s.23 (dismissal for misconduct)"]

    def formula(person, period, _parameters):
        return _is_any(person("job_separation", period), COMPENSATED)


class separation__meets_service_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has the service the way the job ended requires (one year for retrenchment, discharge and lay-off; three months for lay-off from 17 November 2025)"
    reference = [S16, S20_26, ORDINANCE_2025]

    def formula_2006_10_11(person, period, parameters):
        dates = person("service_end_rule_date", period)
        how = person("job_separation", period)
        minimum = np.select(
            [
                how == JobSeparation.retrenchment,
                how == JobSeparation.discharge,
                how == JobSeparation.lay_off,
            ],
            [
                at_dates(parameters, dates, f"{RULES}.retrenchment_min_service_months"),
                at_dates(parameters, dates, f"{RULES}.discharge_min_service_months"),
                at_dates(parameters, dates, f"{RULES}.lay_off.min_service_months"),
            ],
            0,
        )
        return person("months_of_service", period) >= minimum


class separation__meets_permanent_worker_test(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is a permanent worker, where the way the job ended requires it (termination by the employer, resignation)"
    reference = [S20_26, S27]

    def formula(person, period, _parameters):
        needs_permanent = _is_any(person("job_separation", period), PERMANENT_ONLY)
        return np.logical_not(needs_permanent) + person("is_permanent_worker", period)


class separation__eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is owed a Labour Act payment for the way the job ended (or was laid off) in the month"
    reference = [S16, S20_26, S27, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        return (
            person("labour_act__is_covered_worker", period)
            * person("separation__is_compensated_separation", period)
            * person("separation__meets_service_test", period)
            * person("separation__meets_permanent_worker_test", period)
        )


class last_monthly_basic_wage(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Last monthly basic wage drawn before the service ended (Tk per month; optional, the gratuity's base)"
    reference = [S2_10]


class labour_act_gratuity_wage(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Monthly wage base of the gratuity: the last basic wage, else the separation-payment base (Tk per month)"
    reference = [S2_10]
    documentation = """
    s.2(10) computes the gratuity on the worker's last wages (the last basic wage), not on the
    twelve-month average of s.14(3) used by ss.19-27. The input last_monthly_basic_wage carries
    it; when it is not sent, the separation-payment base (labour_act_service_benefit_wage) stands
    for it, as before.
    """

    def formula(person, period, _parameters):
        last = person("last_monthly_basic_wage", period)
        return np.where(last > 0, last, person("labour_act_service_benefit_wage", period))


class labour_act_gratuity(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Gratuity owed if the service ends in the month, where the establishment has a gratuity scheme (Tk)"
    reference = [S2_10, f"{SSA_2018} (30 days a year under 10 years; 45 days at 10 years or more)"]
    documentation = """
    Days' wages for every completed year of service or part of a year over six months: 30 days,
    or 45 days for every year when the service is more than ten years (from 22 July 2013).
    Nothing where the establishment has no gratuity scheme.
    """

    def formula_2006_10_11(person, period, parameters):
        dates = person("service_end_rule_date", period)
        rules = f"{RULES}.gratuity"
        long_service = person("months_of_service", period) > 12 * at_dates(
            parameters, dates, f"{rules}.long_service_years"
        )
        days = np.where(
            long_service,
            at_dates(parameters, dates, f"{rules}.long_service_days_per_year"),
            at_dates(parameters, dates, f"{rules}.days_per_year"),
        )
        day_wage = (
            person("labour_act_gratuity_wage", period)
            / parameters(period).labour_act.wage_days_per_month
        )
        years = person("labour_act_service_years_with_part_year", period)
        return person("establishment_has_gratuity_scheme", period) * years * days * day_wage


class lay_off_compensation(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Lay-off compensation for the month's laid-off days, within 45 days a calendar year (Tk)"
    )
    reference = [S16, ORDINANCE_2025]

    def formula_2006_10_11(person, period, parameters):
        dates = person("service_end_rule_date", period)
        rules = f"{RULES}.lay_off"
        cap = at_dates(parameters, dates, f"{rules}.max_days_per_year")
        left = np.maximum(cap - person("lay_off_days_earlier_in_year", period), 0)
        days = np.minimum(person("lay_off_days", period), left)
        share = at_dates(parameters, dates, f"{rules}.basic_wage_share")
        monthly = share * person("labour_act_service_benefit_wage", period) + person(
            "monthly_housing_allowance", period
        )
        return days * monthly / parameters(period).labour_act.wage_days_per_month


class separation_service_compensation(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Days' wages per completed year owed for the way the job ended, before comparing with the gratuity (Tk)"
    reference = [S20_26, S27, SSA_2018]

    def formula_2006_10_11(person, period, parameters):
        dates = person("service_end_rule_date", period)
        how = person("job_separation", period)
        years = person("labour_act_completed_service_years", period)
        resignation_days = calc_at_dates(
            parameters, dates, f"{RULES}.resignation_days_per_year", years
        )
        days_per_year = np.select(
            [
                how == JobSeparation.retrenchment,
                how == JobSeparation.discharge,
                how == JobSeparation.termination_by_employer,
                how == JobSeparation.resignation,
            ],
            [
                at_dates(parameters, dates, f"{RULES}.retrenchment_days_per_year"),
                at_dates(parameters, dates, f"{RULES}.discharge_days_per_year"),
                at_dates(parameters, dates, f"{RULES}.termination_by_employer_days_per_year"),
                resignation_days,
            ],
            0,
        )
        day_wage = (
            person("labour_act_service_benefit_wage", period)
            / parameters(period).labour_act.wage_days_per_month
        )
        return years * days_per_year * day_wage


class separation_pay(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act payment due for a job ending (or a lay-off) in the month (Tk, lump sum)"
    reference = [S16, S20_26, S27, S2_10, SSA_2018]

    def formula_2006_10_11(person, period, _parameters):
        """Lay-off compensation for a lay-off; otherwise service compensation or gratuity, whichever is higher."""
        lay_off = person("job_separation", period) == JobSeparation.lay_off
        ending = np.maximum(
            person("separation_service_compensation", period),
            person("labour_act_gratuity", period),
        )
        amount = np.where(lay_off, person("lay_off_compensation", period), ending)
        return person("separation__eligible", period) * amount
