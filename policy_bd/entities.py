"""Entities of the Bangladesh model: a Person, and the Household they live in.

The Household is the unit of the allowances' "one recipient per family" rules and of the HIES
survey; its roles follow the HIES relationship-to-head codes, folded to four.
"""

from openfisca_core.entities import build_entity

Household = build_entity(
    key="household",
    plural="households",
    label="Household: people who live together and share meals (HIES definition)",
    doc="""
    A household as the Household Income and Expenditure Survey defines it: people who live
    together and eat from the same kitchen. The Department of Social Services' "one recipient per
    family" rules for the allowances are applied at this level.
    """,
    roles=[
        {
            "key": "head",
            "plural": "heads",
            "label": "Head",
            "max": 1,
            "doc": "The household head (HIES relationship code 1).",
        },
        {
            "key": "spouse",
            "plural": "spouses",
            "label": "Spouse",
            "doc": "The head's husband or wife (HIES code 2).",
        },
        {
            "key": "child",
            "plural": "children",
            "label": "Child",
            "doc": "A son or daughter of the head (HIES code 3), of any age.",
        },
        {
            "key": "other",
            "plural": "others",
            "label": "Other member",
            "doc": "Any other member: parents, other relatives, servants, boarders (HIES 4-14).",
        },
    ],
)

Person = build_entity(
    key="person",
    plural="persons",
    label="Person",
    doc="An individual; benefits and contributions are computed for persons.",
    is_person=True,
)

entities = [Household, Person]
