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
