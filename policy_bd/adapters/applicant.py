"""One household as a welfare app describes it -> an OpenFisca situation and simulation.

This is the one place where the fields of the applicant contract (the `/v1/entitlements` body,
documented in docs/api.md) are mapped to variables of the model. A field is set only when the
caller sent it, for the period of its variable (the determination month for monthly variables,
its calendar year for yearly ones, forever for eternal ones); a field whose variable this version
of the legislation does not have is an error ("not supported"), never silently dropped.

A member's `age` is turned into a date of birth: the first day of the determination month, `age`
years earlier. OpenFisca sets an input for every member of a simulation at once (a member without
a value gets the default), so `age` given for one member and `date_of_birth` for another cannot
both be inputs; with a birth date for everyone, the model's own `age` formula gives each member
exactly the age sent (or computed from the birth date sent) in the determination month.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from openfisca_core import periods
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd.adapters.columnar import ROLE_KEYS, variable_period

# Contract field (dotted for nested objects) -> model variable.
MEMBER_FIELDS = {
    "date_of_birth": "date_of_birth",
    "age": "date_of_birth",  # see the module's docstring
    "sex": "sex",
    "marital_status": "marital_status",
    "annual_income": "annual_income",
    "disability_registered": "disability_registered",
    "receives_other_allowance": "receives_other_allowance",
    "employment.monthly_wage": "monthly_wage",
    "employment.months_of_service": "months_of_service",
    "employment.sector": "sector",
    "employment.employer_type": "employer_type",
    "employment.establishment_size": "establishment_size",
    "events.gives_birth": "gives_birth",
    "events.living_children_before_birth": "living_children_before_birth",
    "events.work_injury": "work_injury",
    "events.work_injury_disablement": "work_injury_disablement",
    "events.work_injury_incapacity_days": "work_injury_incapacity_days",
    "events.dies": "dies",
    "events.death_at_work": "death_at_work",
    "events.job_separation": "job_separation",
    "migration.status": "migrant_status",
    "migration.date_of_return": "date_of_return",
    "migration.months_abroad": "months_abroad",
    "migration.reason_for_return": "reason_for_return",
    "migration.wewb_member": "wewb_member",
    "migration.migrated_with_bmet_clearance": "migrated_with_bmet_clearance",
}
HOUSEHOLD_FIELDS = {"division": "division", "urban": "urban"}
MEMBER_KEYS = {"id", "role"}  # who the member is, not inputs of the model
HOUSEHOLD_KEYS = {"members"}
HOUSEHOLD_ID = "household"


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


class ApplicantError(ValueError):
    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def _flatten(data: Mapping, prefix: str = "") -> dict[str, object]:
    out = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _json_value(name: str, value: object, period: periods.Period) -> object:
    if name == "age":
        start = period.start
        return datetime.date(start.year - int(value), start.month, 1).isoformat()
    return value.isoformat() if isinstance(value, datetime.date) else value


def _inputs(
    system: TaxBenefitSystem,
    data: Mapping,
    *,
    fields: Mapping[str, str],
    reserved: set[str],
    where: str,
    period: periods.Period,
    problems: list[FieldProblem],
) -> dict[str, dict[str, object]]:
    """The model inputs for one member or the household: {variable: {period: value}}."""
    inputs = {}
    for name, value in _flatten(data).items():
        if name.split(".")[0] in reserved or value is None:
            continue
        variable_name = fields.get(name)
        if variable_name is None:
            problems.append(FieldProblem(f"{where}.{name}", "unknown field"))
            continue
        variable = system.variables.get(variable_name)
        if variable is None:
            problems.append(
                FieldProblem(
                    f"{where}.{name}",
                    f"not supported: this legislation has no variable '{variable_name}' yet",
                )
            )
            continue
        at = str(variable_period(variable, period))
        inputs[variable_name] = {at: _json_value(name, value, period)}
    return inputs


def to_situation(
    system: TaxBenefitSystem, household: Mapping, period: str | periods.Period
) -> dict:
    """The OpenFisca situation (as POSTed to /calculate) of one household's members and fields.

    `household` is a validated contract object: `members` (each with `id`, `role` and any member
    fields) and the household fields. Raises ApplicantError naming every unsupported field.
    """
    period = periods.period(period)
    problems: list[FieldProblem] = []
    persons = {}
    roles: dict[str, list[str]] = {key: [] for key in ROLE_KEYS}
    for index, member in enumerate(household.get("members", [])):
        where = f"household.members[{index}]"
        persons[str(member["id"])] = _inputs(
            system,
            member,
            fields=MEMBER_FIELDS,
            reserved=MEMBER_KEYS,
            where=where,
            period=period,
            problems=problems,
        )
        roles[member["role"]].append(str(member["id"]))
    group = _inputs(
        system,
        household,
        fields=HOUSEHOLD_FIELDS,
        reserved=HOUSEHOLD_KEYS,
        where="household",
        period=period,
        problems=problems,
    )
    if problems:
        raise ApplicantError(problems)
    plurals = {role.key: role.plural for role in system.entities_by_singular()["household"].roles}
    group.update({plurals[key]: ids for key, ids in roles.items() if ids})
    return {"persons": persons, "households": {HOUSEHOLD_ID: group}}


def build_simulation(
    system: TaxBenefitSystem, household: Mapping, period: str | periods.Period
) -> Simulation:
    """A simulation of one household described by the applicant contract."""
    situation = to_situation(system, household, period)
    try:
        return SimulationBuilder().build_from_entities(system, situation)
    except (SituationParsingError, PeriodMismatchError) as error:
        raise ApplicantError([FieldProblem("household", str(error))]) from None
