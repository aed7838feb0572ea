"""Enumerations of the Universal Pension Scheme (Universal Pension Management Act 2023).

OpenFisca loads each variables file by its path, so an enumeration that variables, the CLI and
tests share lives in an importable module.
"""

from openfisca_core.indexed_enums import Enum


class UniversalPensionScheme(Enum):
    """The scheme a person contributes to (সর্বজনীন পেনশন স্কিম)."""

    none = "Not a member of the Universal Pension Scheme"
    probash = "Probash (প্রবাস): Bangladeshis working or living abroad"
    progoti = "Progoti (প্রগতি): private-sector employees"
    surokkha = "Surokkha (সুরক্ষা): informal-sector and self-employed workers"
    samata = "Samata (সমতা): low-income people (government pays half)"
    prottoy = "Prottoy (প্রত্যয়): new staff of autonomous and state bodies (1 Jul to 3 Aug 2024)"
