"""The survey sample's columns: one schema for real HIES files and the synthetic sample.

The HIES loader and the synthetic generator both produce a person table and a household table
with these columns, so the microsimulation cannot tell real data from synthetic data. Money is
in taka at the survey's prices; the unit of each column says per month or per year.

Reported safety-net receipt is a pair of person columns per program of the registry:
`reported_<program>` (bool) and `reported_<program>_amount` (Tk received in the last 12 months).
A program with no such columns is simulated but has no targeting indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from policy_bd.enums import Division, EmployerType, Sector

ROLES = ("head", "spouse", "child", "other")
SEXES = ("male", "female")
# HIES records five marital states; "deserted" (an allowance category) is not a survey answer.
MARITAL_STATUSES = ("never_married", "married", "widowed", "divorced", "separated")
LABOUR_STATUSES = ("employed", "unemployed", "inactive")
EMPLOYMENT_TYPES = ("none", "day_labourer", "self_employed", "employer", "employee")
WASHINGTON_GROUP = (
    "wg_seeing",
    "wg_hearing",
    "wg_walking",
    "wg_remembering",
    "wg_self_care",
    "wg_communicating",
)
DIVISIONS = tuple(item.name for item in Division)
# HIES division codes (the same in the 2016 and 2022 rounds).
DIVISION_CODES = {
    "barishal": 10,
    "chattogram": 20,
    "dhaka": 30,
    "khulna": 40,
    "mymensingh": 45,
    "rajshahi": 50,
    "rangpur": 55,
    "sylhet": 60,
}
REPORTED_PREFIX = "reported_"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id | int | float | bool | category
    unit: str
    description: str
    required: bool = False
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    default: object = None


PERSON_COLUMNS = (
    Column("person_id", "id", "", "Unique person identifier", required=True),
    Column("household_id", "id", "", "The person's household", required=True),
    Column("role", "category", "", "Relationship to the head, folded", True, ROLES),
    Column(
        "age",
        "int",
        "year",
        "Age in completed years at the interview",
        True,
        minimum=0,
        maximum=110,
    ),
    Column("sex", "category", "", "Sex", True, SEXES),
    Column(
        "marital_status",
        "category",
        "",
        "Marital status (HIES codes 1-5; under-10s never married)",
        values=MARITAL_STATUSES,
        default="never_married",
    ),
    *(
        Column(
            name,
            "int",
            "code",
            f"Washington Group short set, {name[3:].replace('_', ' ')}: 1 no difficulty, "
            "2 some, 3 a lot, 4 cannot do at all",
            minimum=1,
            maximum=4,
            default=1,
        )
        for name in WASHINGTON_GROUP
    ),
    Column(
        "labour_status",
        "category",
        "",
        "Employed, unemployed or inactive",
        values=LABOUR_STATUSES,
        default="inactive",
    ),
    Column(
        "employment_type",
        "category",
        "",
        "Status in the main job (HIES 4A q.7/8: day labourer, self-employed, employer, employee)",
        values=EMPLOYMENT_TYPES,
        default="none",
    ),
    Column(
        "employer_type",
        "category",
        "",
        "Employer of the main job",
        values=tuple(item.name for item in EmployerType),
        default="none",
    ),
    Column(
        "sector",
        "category",
        "",
        "Sector of the main job",
        values=tuple(item.name for item in Sector),
        default="none",
    ),
    Column(
        "is_formal", "bool", "", "Formal job (written contract or public employer)", default=False
    ),
    Column(
        "wage_income_monthly",
        "float",
        "Tk/month",
        "Wages and salaries, cash and kind, averaged over 12 months",
        minimum=0,
        default=0.0,
    ),
    Column(
        "self_employment_income_monthly",
        "float",
        "Tk/month",
        "The member's share of the household's farm and enterprise net income",
        default=0.0,
    ),
    Column(
        "months_of_service",
        "int",
        "month",
        "Months with the current employer",
        minimum=0,
        default=0,
    ),
    Column(
        "establishment_size", "int", "person", "Workers in the establishment", minimum=0, default=0
    ),
    Column(
        "receives_other_allowance",
        "bool",
        "",
        "Reports an allowance outside the modelled programs (e.g. freedom fighters' honorarium)",
        default=False,
    ),
)

HOUSEHOLD_COLUMNS = (
    Column("household_id", "id", "", "Unique household identifier", required=True),
    Column("psu_id", "int", "", "Primary sampling unit", default=0),
    Column("stratum", "int", "code", "Sampling stratum (division code x 10 + 1 rural / 2 urban)"),
    Column("division", "category", "", "Administrative division", True, DIVISIONS),
    Column("urban", "bool", "", "Urban area (city corporation or paurashava)", required=True),
    Column("city_corporation", "bool", "", "Lives in a city corporation", default=False),
    Column(
        "household_weight",
        "float",
        "household",
        "Households in the population this household represents",
        required=True,
        minimum=0,
    ),
    Column(
        "consumption_pc_monthly",
        "float",
        "Tk/person/month",
        "Consumption expenditure per person per month (the official welfare measure)",
        required=True,
        minimum=0,
    ),
    Column("food_share", "float", "/1", "Share of food in consumption", minimum=0, maximum=1),
    Column(
        "poverty_line_upper",
        "float",
        "Tk/person/month",
        "Upper poverty line of the household's stratum (cost of basic needs)",
        minimum=0,
    ),
    Column(
        "poverty_line_lower",
        "float",
        "Tk/person/month",
        "Lower (extreme) poverty line of the household's stratum",
        minimum=0,
    ),
    Column(
        "remittance_foreign", "float", "Tk/year", "Remittances from abroad", minimum=0, default=0.0
    ),
    Column(
        "remittance_domestic",
        "float",
        "Tk/year",
        "Remittances from within Bangladesh",
        minimum=0,
        default=0.0,
    ),
    Column("property_income", "float", "Tk/year", "Rent, interest and dividends", default=0.0),
    Column("agri_net_income", "float", "Tk/year", "Net farm income", default=0.0),
    Column("enterprise_income", "float", "Tk/year", "Net non-farm enterprise income", default=0.0),
    Column(
        "other_income",
        "float",
        "Tk/year",
        "Other receipts: gifts, zakat, pensions, insurance (not safety nets)",
        default=0.0,
    ),
    Column("n_migrants_abroad", "int", "person", "Members working abroad", minimum=0, default=0),
)

HOUSEHOLD_INCOME_SOURCES = (
    "remittance_foreign",
    "remittance_domestic",
    "property_income",
    "agri_net_income",
    "enterprise_income",
    "other_income",
)


def reported_columns(program: str) -> tuple[str, str]:
    """The person columns that record a program's reported receipt and its 12-month amount."""
    return f"{REPORTED_PREFIX}{program}", f"{REPORTED_PREFIX}{program}_amount"


def reported_programs(persons: pd.DataFrame) -> list[str]:
    """Programs whose reported receipt the person table records."""
    return sorted(
        column[len(REPORTED_PREFIX) :]
        for column in persons.columns
        if column.startswith(REPORTED_PREFIX) and not column.endswith("_amount")
    )


def _problems_for(frame: pd.DataFrame, columns: tuple[Column, ...], table: str) -> list[str]:
    problems = []
    for column in columns:
        if column.name not in frame:
            if column.required:
                problems.append(f"{table}.{column.name}: required column is missing")
            continue
        values = frame[column.name]
        if values.isna().any():
            row = int(np.flatnonzero(values.isna().to_numpy())[0])
            problems.append(f"{table}.{column.name} (row {row}): missing value")
            continue
        if column.kind == "category":
            bad = ~values.astype(str).isin(column.values)
            if bad.any():
                row = int(np.flatnonzero(bad.to_numpy())[0])
                problems.append(
                    f"{table}.{column.name} (row {row}): {values.iloc[row]!r} is not one of "
                    f"{', '.join(column.values)}"
                )
        elif column.kind in {"int", "float"}:
            numbers = values.to_numpy(dtype=float)
            low = column.minimum if column.minimum is not None else -np.inf
            high = column.maximum if column.maximum is not None else np.inf
            bad = (numbers < low) | (numbers > high)
            if bad.any():
                row = int(np.flatnonzero(bad)[0])
                problems.append(
                    f"{table}.{column.name} (row {row}): {numbers[row]:g} is outside "
                    f"[{low:g}, {high:g}]"
                )
    return problems


def validate(persons: pd.DataFrame, households: pd.DataFrame) -> list[str]:
    """Every problem with a sample's columns, or an empty list."""
    problems = _problems_for(persons, PERSON_COLUMNS, "persons")
    problems += _problems_for(households, HOUSEHOLD_COLUMNS, "households")
    if "household_id" in households and households["household_id"].duplicated().any():
        problems.append("households.household_id: identifiers must be unique")
    if "person_id" in persons and persons["person_id"].duplicated().any():
        problems.append("persons.person_id: identifiers must be unique")
    if "household_id" in persons and "household_id" in households:
        orphans = ~persons["household_id"].isin(households["household_id"])
        if orphans.any():
            row = int(np.flatnonzero(orphans.to_numpy())[0])
            problems.append(f"persons.household_id (row {row}): not in the household table")
    if "role" in persons and "household_id" in persons:
        heads = persons.loc[persons["role"] == "head", "household_id"]
        if heads.duplicated().any():
            problems.append(
                f"persons.role: household {heads[heads.duplicated()].iloc[0]} has more than one head"
            )
    return problems


def with_defaults(frame: pd.DataFrame, columns: tuple[Column, ...]) -> pd.DataFrame:
    """The frame with every optional column that has a default filled in."""
    missing = {
        column.name: column.default
        for column in columns
        if column.name not in frame and column.default is not None
    }
    return frame.assign(**missing) if missing else frame


def household_annual_income(
    persons: pd.DataFrame, households: pd.DataFrame, person_household: np.ndarray
) -> np.ndarray:
    """Household income in Tk per year, before safety-net transfers.

    Wages of every member over 12 months, plus the household's farm and enterprise net income
    (members' self-employment income is their share of these, so it is not added again), plus
    remittances, property and other income. `person_household` is each person's row in the
    household table.
    """
    wages = np.bincount(
        person_household,
        weights=persons["wage_income_monthly"].to_numpy(dtype=float) * 12,
        minlength=len(households),
    )
    sources = sum(households[name].to_numpy(dtype=float) for name in HOUSEHOLD_INCOME_SOURCES)
    return wages + sources
