"""`InputVariable`: a Variable a caller may send, with its plausible range declared beside it.

OpenFisca's Variable refuses class attributes it does not know, so the range cannot be a plain
attribute. This subclass takes `minimum`, `maximum` and `example` off the class when it is
defined and keeps them in `__input__` (OpenFisca skips names starting with two underscores); the
input contract (`policy_bd.engine.contract`) reads them there. A variable without a formula is an
input without declaring anything (its range then comes from its unit, `policy_bd.units`); a
computed variable that callers may also send (`age`) is one by being an InputVariable.

    class age(InputVariable):
        value_type = int
        unit = "year"
        minimum, maximum, example = 0, 120, 67
"""

from __future__ import annotations

from dataclasses import dataclass

from openfisca_core.variables import Variable

DECLARED = ("minimum", "maximum", "example")


@dataclass(frozen=True)
class InputDeclaration:
    minimum: float | None = None
    maximum: float | None = None
    example: object = None


class InputVariable(Variable):
    """A Variable that is part of the input contract, with an optional declared range."""

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        declared = {key: cls.__dict__[key] for key in DECLARED if key in cls.__dict__}
        for key in declared:
            delattr(cls, key)
        cls.__input__ = InputDeclaration(**declared)


def declaration(variable: Variable) -> InputDeclaration | None:
    """The declaration of an InputVariable (None for any other variable)."""
    return getattr(type(variable), "__input__", None)
