"""Enumerations of the Labour Act programs that more than one variables file reads."""

from openfisca_core.indexed_enums import Enum


class MaternityPayee(Enum):
    """Who receives the maternity benefit (Labour Act 2006, s.49)."""

    none = "No maternity benefit is due"
    mother = "The mother"
    child_carer = "The person who takes charge of the child (the mother has died)"
    nominee_or_heir = "The mother's nominee or legal representative (mother and child have died)"
