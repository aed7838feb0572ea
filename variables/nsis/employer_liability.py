"""What the Labour Act's employer liability becomes when an NSIS scheme pays, and what the worker gets.

Each scheme's `employer_liability` parameter says whether, for an insured worker, the Labour Act
benefit the employer pays remains, is offset by the insurance benefit for the same contingency,
or ends. In baseline law no scheme is in force, so the employer's part equals the Labour Act
benefit and the worker's total equals it too: a reform shows the shift between the two payers.
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.social_insurance import employer_liability_after_insurance

NSSS = "National Social Security Strategy 2015, National Social Insurance Scheme (proposal): https://socialprotection.gov.bd/?p=382"
C183_6_8 = "ILO C183 Art. 6(8) (maternity cash benefits through social insurance or public funds)"


def _employer_part(person, period, parameters, scheme, *, labour, insurance):
    return employer_liability_after_insurance(
        person(labour, period),
        person(insurance, period),
        person(f"nsis_{scheme}__insured", period),
        parameters(period).nsis[scheme].employer_liability,
    )


class nsis_maternity_employer_maternity_benefit(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act maternity benefit the employer still pays for a birth in the month, under the NSIS maternity rule (Tk)"
    reference = [NSSS, C183_6_8, "Bangladesh Labour Act 2006, ss.45-50"]

    def formula_2015_06(person, period, parameters):
        return _employer_part(
            person,
            period,
            parameters,
            "maternity",
            labour="maternity_benefit",
            insurance="nsis_maternity_benefit",
        )


class nsis_maternity_total_received(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Maternity benefit the mother receives for a birth in the month: NSIS benefit and the employer's part (Tk)"
    reference = [NSSS, C183_6_8, "Bangladesh Labour Act 2006, ss.45-50"]

    def formula_2015_06(person, period, _parameters):
        return person("nsis_maternity_benefit", period) + person(
            "nsis_maternity_employer_maternity_benefit", period
        )


class nsis_sickness_employer_sick_leave_pay(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act sick leave pay the employer still pays for the month, under the NSIS sickness rule (Tk)"
    reference = [NSSS, "ILO C130", "Bangladesh Labour Act 2006, s.116"]

    def formula_2015_06(person, period, parameters):
        return _employer_part(
            person,
            period,
            parameters,
            "sickness",
            labour="sick_leave_pay",
            insurance="nsis_sickness_benefit",
        )


class nsis_sickness_total_received(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = (
        "Sickness pay the worker receives for the month: NSIS benefit and the employer's part (Tk)"
    )
    reference = [NSSS, "ILO C130", "Bangladesh Labour Act 2006, s.116"]

    def formula_2015_06(person, period, _parameters):
        return person("nsis_sickness_benefit", period) + person(
            "nsis_sickness_employer_sick_leave_pay", period
        )


class nsis_unemployment_employer_separation_pay(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act separation pay the employer still pays for a job ending in the month, under the NSIS unemployment rule (Tk)"
    reference = [NSSS, "ILO C168; ILO C158 Art. 12", "Bangladesh Labour Act 2006, ss.16-27"]

    def formula_2015_06(person, period, parameters):
        return _employer_part(
            person,
            period,
            parameters,
            "unemployment",
            labour="separation_pay",
            insurance="nsis_unemployment_benefit_entitlement",
        )


class nsis_unemployment_total_received(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "What a worker losing the job in the month receives: the employer's separation pay and the NSIS benefit for a full spell (Tk)"
    reference = [NSSS, "ILO C168", "Bangladesh Labour Act 2006, ss.16-27"]

    def formula_2015_06(person, period, _parameters):
        return person("nsis_unemployment_benefit_entitlement", period) + person(
            "nsis_unemployment_employer_separation_pay", period
        )


class nsis_employment_injury_employer_compensation(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Labour Act work-injury compensation the employer still pays for the month's injury, under the NSIS employment injury rule (Tk)"
    reference = [NSSS, "ILO C121", "Bangladesh Labour Act 2006, ss.150-151"]

    def formula_2015_06(person, period, parameters):
        return _employer_part(
            person,
            period,
            parameters,
            "employment_injury",
            labour="work_injury_compensation",
            insurance="nsis_employment_injury_benefit_value",
        )


class nsis_employment_injury_total_value(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Value of what an injured worker (or the survivors) receives for the month's injury: employer's compensation and the NSIS award's value (Tk)"
    reference = [NSSS, "ILO C121", "Bangladesh Labour Act 2006, ss.150-151"]

    def formula_2015_06(person, period, _parameters):
        return person("nsis_employment_injury_benefit_value", period) + person(
            "nsis_employment_injury_employer_compensation", period
        )
