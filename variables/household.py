"""Where a household lives and what it has: division, urban or rural, size and income."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, YEAR
from openfisca_core.variables import Variable

from policy_bd.entities import Household
from policy_bd.enums import Division
from policy_bd.input_variable import InputVariable


class division(Variable):
    value_type = Enum
    possible_values = Division
    default_value = Division.dhaka
    entity = Household
    definition_period = ETERNITY
    label = "Administrative division the household lives in"
    reference = "https://bangladesh.gov.bd/site/page/2a2e5154-e3fa-4fc4-a2c8-0fd03d2e52b1"


class urban(Variable):
    value_type = bool
    entity = Household
    definition_period = ETERNITY
    label = "The household lives in an urban area (city corporation or paurashava)"
    reference = "https://bbs.gov.bd/ (Population and Housing Census 2022, urban definition)"


class household_size(Variable):
    value_type = int
    entity = Household
    definition_period = ETERNITY
    unit = "person"
    label = "Number of members of the household"
    reference = "https://bbs.gov.bd/ (HIES 2022, household roster)"

    def formula(household, _period, _parameters):
        return household.nb_persons()


class household_annual_income(InputVariable):
    """Computed from the members' incomes, or sent whole (a survey records the household's)."""

    value_type = float
    entity = Household
    definition_period = YEAR
    unit = "currency-BDT"
    label = "Annual income of all household members together (Tk per year)"
    reference = "https://bbs.gov.bd/ (HIES 2022, income sections 4, 5, 7 and 8)"

    def formula(household, period, _parameters):
        return household.sum(household.members("annual_income", period))


class household_annual_income_per_capita(Variable):
    value_type = float
    entity = Household
    definition_period = YEAR
    unit = "currency-BDT"
    label = "Annual household income divided by the number of members (Tk per person per year)"
    reference = "https://bbs.gov.bd/ (HIES 2022, income sections 4, 5, 7 and 8)"

    def formula(household, period, _parameters):
        return household("household_annual_income", period) / household.nb_persons()
