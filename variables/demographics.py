"""Who a person is: birth date, age, sex and marital status.

These are inputs every program reads; callers send `age` directly or a `date_of_birth`.
"""

import datetime

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import MaritalStatus, Sex
from policy_bd.input_variable import InputVariable


class date_of_birth(Variable):
    value_type = datetime.date
    default_value = datetime.date(1970, 1, 1)
    entity = Person
    definition_period = ETERNITY
    label = "Date of birth (as on the National Identity card or birth registration)"
    reference = "https://www.nidw.gov.bd/"


class age(InputVariable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "year"
    minimum, maximum, example = 0, 120, 67
    label = "Age in completed years on the first day of the month"
    reference = "https://www.nidw.gov.bd/"

    def formula(person, period, _parameters):
        """Completed years between the date of birth and the first day of the month."""
        birth = person("date_of_birth", period)
        birth_year = birth.astype("datetime64[Y]").astype(int) + 1970
        birth_month = birth.astype("datetime64[M]").astype(int) % 12 + 1
        birth_day = (birth - birth.astype("datetime64[M]")).astype(int) + 1
        start = period.start
        had_birthday = (birth_month < start.month) | (
            (birth_month == start.month) & (birth_day <= start.day)
        )
        return start.year - birth_year - np.where(had_birthday, 0, 1)


class sex(Variable):
    value_type = Enum
    possible_values = Sex
    default_value = Sex.male
    entity = Person
    definition_period = ETERNITY
    label = "Sex (male or female), as recorded on the National Identity card"
    reference = "https://www.nidw.gov.bd/"


class marital_status(Variable):
    value_type = Enum
    possible_values = MaritalStatus
    default_value = MaritalStatus.never_married
    entity = Person
    definition_period = MONTH
    label = "Marital status in the month (HIES codes, with deserted women told apart)"
    reference = "https://bbs.gov.bd/ (HIES 2022 questionnaire, section 1A question 5)"
