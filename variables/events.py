"""Events that trigger benefits: a birth, sickness, a work injury, a death, a job ending.

An event is an input in the month it happens; benefits that are lump sums are due in that month.
The Labour Act, the Employment Injury Scheme and the proposed social insurance read these same
inputs, so a reform can be compared with today's employer liability on one situation.
"""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from policy_bd.entities import Person
from policy_bd.enums import Disablement, JobSeparation


class gives_birth(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Gives birth in the month (the month of delivery)"
    reference = "Bangladesh Labour Act 2006, ss.45-46 (maternity benefit around the delivery)"


class living_children_before_birth(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "child"
    label = "Number of the mother's children alive just before the delivery"
    reference = "Bangladesh Labour Act 2006, s.46(2) (no benefit with two or more living children)"


class sick_leave_days(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "day"
    label = "Days of sick leave in the month, certified by a registered medical practitioner"
    reference = "Bangladesh Labour Act 2006, s.116 (sick leave)"


class work_injury(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Injured in the month by an accident arising out of and in the course of employment"
    reference = "Bangladesh Labour Act 2006, s.150(1) (employer's liability for compensation)"


class work_injury_disablement(Variable):
    value_type = Enum
    possible_values = Disablement
    default_value = Disablement.none
    entity = Person
    definition_period = MONTH
    label = "Outcome of the month's work injury (temporary, permanent partial or total, death)"
    reference = "Bangladesh Labour Act 2006, s.151 (amount of compensation)"


class work_injury_incapacity_days(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "day"
    label = "Days the incapacity from the month's work injury lasts"
    reference = "Bangladesh Labour Act 2006, s.150(2)(a) (no compensation for three days or less)"


class work_injury_loss_of_earning_capacity(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "/1"
    label = "Loss of earning capacity from a permanent partial disablement (share, First Schedule)"
    reference = "Bangladesh Labour Act 2006, s.151(1)(c) and First Schedule"


class dies(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Dies in the month"
    reference = "Bangladesh Labour Act 2006, s.19 (death benefit)"


class death_at_work(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The death happened on duty, at the workplace, or after an accident at work"
    reference = "Bangladesh Labour Act 2006, s.19 as amended in 2013 (45 days' wages per year)"


class job_separation(Variable):
    value_type = Enum
    possible_values = JobSeparation
    default_value = JobSeparation.none
    entity = Person
    definition_period = MONTH
    label = "How the person's job ended in the month, if it did"
    reference = "Bangladesh Labour Act 2006, ss.16-28 (lay-off, retrenchment, discharge, termination, resignation)"
