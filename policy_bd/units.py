"""Units that parameters and variables may declare in `metadata.unit` / `unit`.

A structural test checks every parameter against this list so a typo cannot hide a unit.
"""

BDT = "currency-BDT"

PARAMETER_UNITS = {
    BDT: "Bangladeshi taka",
    "/1": "a rate or share (1 = 100%)",
    "year": "years",
    "month": "months",
    "week": "weeks",
    "day": "days",
    "person": "persons",
    "child": "children",
    "bool": "true or false (a switch)",
    "code": "a code or label",
    "household": "households",
}

# The plausible range of an input a caller sends, by its unit: a value outside it is refused
# (never clamped). A variable declares its own range with `policy_bd.input_variable` instead.
INPUT_BOUNDS = {
    BDT: (0, 1e12),
    "/1": (0, 1),
    "year": (0, 150),
    "month": (0, 1800),
    "week": (0, 520),
    "day": (0, 3660),
    "person": (0, 10_000_000),
    "child": (0, 30),
}
# Dates a caller may send: the oldest living person's birth to the end of the century.
FIRST_INPUT_DATE = "1900-01-01"
LAST_INPUT_DATE = "2100-12-31"
