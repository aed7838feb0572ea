"""Enumerations shared by variables of several programs.

OpenFisca loads each variables file by its path, so enumerations that more than one file needs
live here, in an importable module.
"""

from openfisca_core.indexed_enums import Enum


class Sex(Enum):
    male = "Male"
    female = "Female"


class MaritalStatus(Enum):
    never_married = "Never married"
    married = "Married"
    widowed = "Widowed (husband or wife has died)"
    divorced = "Divorced"
    separated = "Separated (living apart, still married)"
    deserted = "Deserted (abandoned by the spouse, no contact)"


class Division(Enum):
    barishal = "Barishal"
    chattogram = "Chattogram"
    dhaka = "Dhaka"
    khulna = "Khulna"
    mymensingh = "Mymensingh"
    rajshahi = "Rajshahi"
    rangpur = "Rangpur"
    sylhet = "Sylhet"


class Sector(Enum):
    """Sector of the main job, at the grain the Labour Act and the injury schemes need."""

    none = "No job"
    rmg_export = "Ready-made garments, export-oriented"
    rmg_domestic = "Ready-made garments, domestic market"
    leather = "Leather and footwear"
    frozen_food = "Frozen food and fish processing"
    other_manufacturing = "Other manufacturing"
    construction = "Construction"
    transport = "Transport"
    agriculture = "Agriculture, forestry and fishing"
    domestic_work = "Domestic work in a private household"
    services = "Trade and other services"
    public_administration = "Public administration"


class EmployerType(Enum):
    """Who the person works for (after HIES section 4B question 6)."""

    none = "Not employed"
    government = "Government"
    autonomous_body = "Autonomous or state-owned body"
    local_government = "Local government"
    private_company = "Private company, mill or factory"
    ngo = "NGO"
    household = "Private household"
    self_employed = "Self-employed or own-account"


class Disablement(Enum):
    """Outcome of a work injury, in the Labour Act's categories (s.151)."""

    none = "No disablement beyond three days"
    temporary = "Temporary disablement"
    permanent_partial = "Permanent partial disablement"
    permanent_total = "Permanent total disablement"
    death = "Death"


class JobSeparation(Enum):
    """How a job ended in the month, in the Labour Act's categories (ss.16-27)."""

    none = "No separation"
    lay_off = "Lay-off (s.16)"
    retrenchment = "Retrenchment (s.20)"
    discharge = "Discharge for ill health (s.22)"
    dismissal_for_misconduct = "Dismissal for misconduct (s.23)"
    termination_by_employer = "Termination by the employer other than for misconduct (s.26)"
    resignation = "Resignation (s.27)"
    retirement = "Retirement (s.28)"
