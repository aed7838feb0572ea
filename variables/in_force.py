"""Whether each program's law (or a reform) is in force: one boolean `<program>__in_force`.

A program is in force from the date its law, rule or scheme starts, and, where it has an
`in_force` parameter (proposals, the EIS pilot, pension schemes), only while that parameter is
true, so a reform that switches a proposal on makes it in force from the reform's start. Before
the start the variable takes its default, false, so no parameter is read on a date where none is
defined. The program registry names the variable (`in_force_variable`); explanations use it to
say in a plain sentence that a program does not apply on a date, instead of computing it.

Dates work by month: a law that starts within a month is in force from the next whole month,
as the program's own formulas are.
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person

LABOUR_ACT = (
    "Bangladesh Labour Act 2006 (Act XLII of 2006), in force 11 October 2006: "
    "http://bdlaws.minlaw.gov.bd/act-952.html"
)
OAA_HISTORY = "https://socialprotection.gov.bd/en/old-age-allowance/ (programme history: from FY1997-98, paid from April 1998)"
WIDOW_HISTORY = (
    "SSA/ISSA, Social Security Programs Throughout the World: Asia 2018, Bangladesh (survivor "
    "allowance from 1998): https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/bangladesh.html"
)
DISABILITY_HISTORY = (
    "SSA/ISSA, Social Security Programs Throughout the World: Asia 2016, Bangladesh (disability "
    "allowance from FY2005-06): https://www.ssa.gov/policy/docs/progdesc/ssptw/2016-2017/asia/bangladesh.html"
)
NSSS = "National Social Security Strategy 2015, NSIS (a proposal): https://socialprotection.gov.bd/?p=382"
UPS_ACT = (
    "Universal Pension Management Act 2023; schemes opened 17 August 2023: "
    "https://www.tbsnews.net/bangladesh/universal-pension-progoti-scheme-sees-highest-enrollers-685722"
)
EIS = (
    "ILO press release WCMS_849244, EIS pilot launched 21 June 2022: "
    "http://www.ilo.int/global/topics/geip/news/WCMS_849244/lang--en/index.htm"
)
INSURANCE_2019 = "https://en.banglatribune.com/business/news/87659/Expat-workers-to-get-Insurance-soon (compulsory insurance from 19 December 2019)"
INSURANCE_2022 = "https://www.tbsnews.net/bangladesh/migration/5-yr-insurance-expatriate-workers-made-mandatory-598418 (product of 10 December 2022)"
PKB = (
    "Probashi Kallyan Bank Act 2010 (Act 55 of 2010); the bank operates from 20 April 2011: "
    "https://pkb.portal.gov.bd/site/page/f302c371-053f-4b16-9cfc-724f10257560"
)
WEWB = (
    "Wage Earners' Welfare Board, services page (updated 26 Oct 2022): "
    "http://www.wewb.gov.bd/site/page/0d56753b-5231-49bf-8e9e-2c1b808c40d0/"
)

LABOUR_ACT_LABEL = "The program is in force in the month (the Bangladesh Labour Act 2006, in force from 11 October 2006)"
LABOUR_ACT_DOCUMENTATION = (
    "The Bangladesh Labour Act 2006 applies from 11 October 2006, when it came into force."
)


def in_force_with_the_labour_act(person, _period, _parameters):
    """In force from 2006-10-11 (the formula of every Labour Act program's `__in_force`)."""
    return person.filled_array(True)


def any_switched_on(person, period, parameters, names: tuple[str, ...], on_last_day=False):
    """True (for everyone) where any named boolean parameter is true.

    Read on the month's first day, as the programs' own formulas read their rules; the pension
    schemes are read on its last day, as `universal_pension__scheme_open` is.
    """
    node = parameters(period.stop if on_last_day else period.start)
    values = []
    for name in names:
        leaf = node
        for key in name.split("."):
            leaf = leaf[key]
        values.append(bool(leaf))
    return person.filled_array(any(values))


class old_age_allowance__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the Old Age Allowance, paid from April 1998)"
    reference = [OAA_HISTORY]
    documentation = "Applies from 1998-04-01: the Old Age Allowance, paid from April 1998."

    def formula_1998_04_01(person, _period, _parameters):
        """In force from 1998-04-01."""
        return person.filled_array(True)


class widow_allowance__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the widow allowance, paid from FY1998-99)"
    reference = [WIDOW_HISTORY]
    documentation = "Applies from 1998-07-01: the widow allowance, paid from FY1998-99."

    def formula_1998_07_01(person, _period, _parameters):
        """In force from 1998-07-01."""
        return person.filled_array(True)


class disability_allowance__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the disability allowance, paid from FY2005-06)"
    reference = [DISABILITY_HISTORY]
    documentation = "Applies from 2005-07-01: the disability allowance, paid from FY2005-06."

    def formula_2005_07_01(person, _period, _parameters):
        """In force from 2005-07-01."""
        return person.filled_array(True)


class mother_and_child_benefit__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the Mother and Child Benefit Programme, which replaced the maternity and lactating mother allowances from FY2021-22)"
    reference = [
        "Department of Women Affairs, Mother and Child Benefit Programme notice (Manikganj): "
        "http://dwa.gior.manikganj.gov.bd/bn/site/news/%E0%A6%AE%E0%A6%BE-%E0%A6%93-%E0%A6%B6%E0%A6%BF%E0%A6%B6%E0%A7%81-%E0%A6%B8%E0%A6%B9%E0%A6%BE%E0%A7%9F%E0%A6%A4%E0%A6%BE-%E0%A6%95%E0%A6%B0%E0%A7%8D%E0%A6%AE%E0%A6%B8%E0%A7%82%E0%A6%9A%E0%A6%BF"
    ]
    documentation = "Applies from 2021-07-01: the Mother and Child Benefit Programme, which replaced the maternity and lactating mother allowances from FY2021-22."

    def formula_2021_07_01(person, _period, _parameters):
        """In force from 2021-07-01."""
        return person.filled_array(True)


class maternity__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = LABOUR_ACT_LABEL
    reference = [LABOUR_ACT]
    documentation = LABOUR_ACT_DOCUMENTATION
    formula_2006_10_11 = in_force_with_the_labour_act


class sickness__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = LABOUR_ACT_LABEL
    reference = [LABOUR_ACT]
    documentation = LABOUR_ACT_DOCUMENTATION
    formula_2006_10_11 = in_force_with_the_labour_act


class work_injury__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = LABOUR_ACT_LABEL
    reference = [LABOUR_ACT]
    documentation = LABOUR_ACT_DOCUMENTATION
    formula_2006_10_11 = in_force_with_the_labour_act


class death_benefit__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = LABOUR_ACT_LABEL
    reference = [LABOUR_ACT]
    documentation = LABOUR_ACT_DOCUMENTATION
    formula_2006_10_11 = in_force_with_the_labour_act


class separation__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = LABOUR_ACT_LABEL
    reference = [LABOUR_ACT]
    documentation = LABOUR_ACT_DOCUMENTATION
    formula_2006_10_11 = in_force_with_the_labour_act


class employment_injury_scheme__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the Employment Injury Scheme pilot, launched 21 June 2022 (parameter employment_injury_scheme.in_force))"
    reference = [EIS]
    documentation = "The Employment Injury Scheme pilot applies from its launch on 21 June 2022, while parameter employment_injury_scheme.in_force is true."

    def formula_2022_06_21(person, period, parameters):
        """In force from 2022-06-21 while any of employment_injury_scheme.in_force is true."""
        return any_switched_on(person, period, parameters, ("employment_injury_scheme.in_force",))


class nsis_unemployment__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the NSIS unemployment insurance, a proposal that applies only where a reform switches on nsis.unemployment.in_force)"
    reference = [NSSS]
    documentation = "The NSIS unemployment insurance is a proposal, not law: it applies only where a reform switches on nsis.unemployment.in_force."

    def formula_2015_06_01(person, period, parameters):
        """In force from 2015-06-01 while any of nsis.unemployment.in_force is true."""
        return any_switched_on(person, period, parameters, ("nsis.unemployment.in_force",))


class nsis_employment_injury__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the NSIS employment injury insurance, a proposal that applies only where a reform switches on nsis.employment_injury.in_force)"
    reference = [NSSS]
    documentation = "The NSIS employment injury insurance is a proposal, not law: it applies only where a reform switches on nsis.employment_injury.in_force."

    def formula_2015_06_01(person, period, parameters):
        """In force from 2015-06-01 while any of nsis.employment_injury.in_force is true."""
        return any_switched_on(person, period, parameters, ("nsis.employment_injury.in_force",))


class nsis_maternity__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the NSIS maternity insurance, a proposal that applies only where a reform switches on nsis.maternity.in_force)"
    reference = [NSSS]
    documentation = "The NSIS maternity insurance is a proposal, not law: it applies only where a reform switches on nsis.maternity.in_force."

    def formula_2015_06_01(person, period, parameters):
        """In force from 2015-06-01 while any of nsis.maternity.in_force is true."""
        return any_switched_on(person, period, parameters, ("nsis.maternity.in_force",))


class nsis_sickness__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the NSIS sickness insurance, a proposal that applies only where a reform switches on nsis.sickness.in_force)"
    reference = [NSSS]
    documentation = "The NSIS sickness insurance is a proposal, not law: it applies only where a reform switches on nsis.sickness.in_force."

    def formula_2015_06_01(person, period, parameters):
        """In force from 2015-06-01 while any of nsis.sickness.in_force is true."""
        return any_switched_on(person, period, parameters, ("nsis.sickness.in_force",))


class nsis_contributions__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (NSIS contributions, a proposal that applies only where a reform switches on one of the NSIS schemes)"
    reference = [NSSS]
    documentation = "NSIS contributions are a proposal, not law: they apply only where a reform switches on one of the NSIS schemes (nsis.<scheme>.in_force)."

    def formula_2015_06_01(person, period, parameters):
        """In force from 2015-06-01 while any of nsis.unemployment.in_force, nsis.employment_injury.in_force, nsis.maternity.in_force, nsis.sickness.in_force is true."""
        return any_switched_on(
            person,
            period,
            parameters,
            (
                "nsis.unemployment.in_force",
                "nsis.employment_injury.in_force",
                "nsis.maternity.in_force",
                "nsis.sickness.in_force",
            ),
        )


class universal_pension__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the Universal Pension Scheme, whose schemes accept members from 17 August 2023)"
    reference = [UPS_ACT]
    documentation = "The Universal Pension Management Act 2023 was gazetted on 31 January 2023; its schemes accept members from 17 August 2023."

    def formula_2023_01_31(person, period, parameters):
        """In force from 2023-01-31 while any of universal_pension.probash.in_force, universal_pension.progoti.in_force, universal_pension.surokkha.in_force, universal_pension.samata.in_force, universal_pension.prottoy.in_force is true."""
        return any_switched_on(
            person,
            period,
            parameters,
            (
                "universal_pension.probash.in_force",
                "universal_pension.progoti.in_force",
                "universal_pension.surokkha.in_force",
                "universal_pension.samata.in_force",
                "universal_pension.prottoy.in_force",
            ),
            on_last_day=True,
        )


class migrant_insurance__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the compulsory insurance of migrant workers, from 19 December 2019)"
    reference = [INSURANCE_2019, INSURANCE_2022]
    documentation = "Applies from 2019-12-19: the compulsory insurance of migrant workers, from 19 December 2019."

    def formula_2019_12_19(person, _period, _parameters):
        """In force from 2019-12-19."""
        return person.filled_array(True)


class migrant_insurance_death_benefit__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the compulsory insurance of migrant workers, from 19 December 2019)"
    reference = [INSURANCE_2019, INSURANCE_2022]
    documentation = "Applies from 2019-12-19: the compulsory insurance of migrant workers, from 19 December 2019."

    def formula_2019_12_19(person, _period, _parameters):
        """In force from 2019-12-19."""
        return person.filled_array(True)


class migrant_insurance_disability_benefit__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the compulsory insurance of migrant workers, from 19 December 2019)"
    reference = [INSURANCE_2019, INSURANCE_2022]
    documentation = "Applies from 2019-12-19: the compulsory insurance of migrant workers, from 19 December 2019."

    def formula_2019_12_19(person, _period, _parameters):
        """In force from 2019-12-19."""
        return person.filled_array(True)


class migrant_insurance_jobless_return__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the jobless-return support of the migrant insurance, from 10 December 2022)"
    reference = [INSURANCE_2022]
    documentation = "Applies from 2022-12-10: the jobless-return support of the migrant insurance, from 10 December 2022."

    def formula_2022_12_10(person, _period, _parameters):
        """In force from 2022-12-10."""
        return person.filled_array(True)


class pkb_migration_loan__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (Probashi Kallyan Bank loans, from 20 April 2011)"
    reference = [PKB]
    documentation = "Applies from 2011-04-20: Probashi Kallyan Bank loans, from 20 April 2011."

    def formula_2011_04_20(person, _period, _parameters):
        """In force from 2011-04-20."""
        return person.filled_array(True)


class pkb_rehabilitation_loan__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (Probashi Kallyan Bank loans, from 20 April 2011)"
    reference = [PKB]
    documentation = "Applies from 2011-04-20: Probashi Kallyan Bank loans, from 20 April 2011."

    def formula_2011_04_20(person, _period, _parameters):
        """In force from 2011-04-20."""
        return person.filled_array(True)


class pkb_special_rehabilitation_loan__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the special rehabilitation loan for returnees, from February 2021)"
    reference = [PKB]
    documentation = "Applies from 2021-02-01: the special rehabilitation loan for returnees, from February 2021."

    def formula_2021_02_01(person, _period, _parameters):
        """In force from 2021-02-01."""
        return person.filled_array(True)


class pkb_womens_rehabilitation_loan__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The program is in force in the month (the women's rehabilitation loan, from November 2021)"
    )
    reference = [PKB]
    documentation = "Applies from 2021-11-01: the women's rehabilitation loan, from November 2021."

    def formula_2021_11_01(person, _period, _parameters):
        """In force from 2021-11-01."""
        return person.filled_array(True)


class wewb_death_grant__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the WEWB death grant, from April 2013)"
    reference = [WEWB]
    documentation = "Applies from 2013-04-01: the WEWB death grant, from April 2013."

    def formula_2013_04_01(person, _period, _parameters):
        """In force from 2013-04-01."""
        return person.filled_array(True)


class wewb_funeral_grant__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the WEWB funeral grant, from June 2013)"
    reference = [WEWB]
    documentation = "Applies from 2013-06-01: the WEWB funeral grant, from June 2013."

    def formula_2013_06_01(person, _period, _parameters):
        """In force from 2013-06-01."""
        return person.filled_array(True)


class wewb_welfare_fee__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the Wage Earners' Welfare Board Act 2018)"
    reference = [WEWB]
    documentation = "Applies from 2018-05-01: the Wage Earners' Welfare Board Act 2018."

    def formula_2018_05_01(person, _period, _parameters):
        """In force from 2018-05-01."""
        return person.filled_array(True)


class wewb_scholarship__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the WEWB scholarships, from January 2022)"
    reference = [WEWB]
    documentation = "Applies from 2022-01-01: the WEWB scholarships, from January 2022."

    def formula_2022_01_01(person, _period, _parameters):
        """In force from 2022-01-01."""
        return person.filled_array(True)


class wewb_treatment_aid__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The program is in force in the month (the WEWB treatment aid under the WEWB Rules 2023)"
    )
    reference = [WEWB]
    documentation = "Applies from 2023-04-01: the WEWB treatment aid under the WEWB Rules 2023."

    def formula_2023_04_01(person, _period, _parameters):
        """In force from 2023-04-01."""
        return person.filled_array(True)


class wewb_disabled_child_allowance__in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The program is in force in the month (the WEWB allowance for disabled children of migrants, from 1 January 2025)"
    reference = [WEWB]
    documentation = "Applies from 2025-01-01: the WEWB allowance for disabled children of migrants, from 1 January 2025."

    def formula_2025_01_01(person, _period, _parameters):
        """In force from 2025-01-01."""
        return person.filled_array(True)
