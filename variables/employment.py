"""A person's job: wage, service, sector, employer and establishment.

These inputs feed the Labour Act's employer-liability benefits, the Employment Injury Scheme and
the proposed social insurance contributions.
"""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import EmployerType, Sector


class monthly_wage(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-BDT"
    label = "Gross monthly wage of the main job: basic pay and allowances (Tk per month)"
    reference = "Bangladesh Labour Act 2006, s.2(45) (definition of wages)"


class months_of_service(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "month"
    label = "Completed months of continuous service with the current employer"
    reference = "Bangladesh Labour Act 2006, s.14 (computation of continuous service)"


class sector(Variable):
    value_type = Enum
    possible_values = Sector
    default_value = Sector.none
    entity = Person
    definition_period = MONTH
    label = "Sector of the main job"
    reference = "https://bbs.gov.bd/ (Labour Force Survey 2022, BSIC industry codes)"


class employer_type(Variable):
    value_type = Enum
    possible_values = EmployerType
    default_value = EmployerType.none
    entity = Person
    definition_period = MONTH
    label = "Type of employer of the main job"
    reference = "https://bbs.gov.bd/ (HIES 2022, section 4B question 6)"


class establishment_size(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "person"
    label = "Number of workers employed in the establishment of the main job"
    reference = "Bangladesh Labour Act 2006, s.2(31) (definition of establishment)"
