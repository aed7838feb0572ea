"""Why a person is or is not entitled: each legal criterion, met or not, and the values it read.

Program knowledge comes from the registry (`policy_bd.programs`): a program names its amount
variable, its eligibility variable and its ordered criteria, each a boolean variable with a label
and a legal reference. Nothing here knows any particular program.

"The value that decided it" comes from OpenFisca's tracer: the simulation records, for each
variable it computes, the variables its formula read (with their values) and the parameters it
read (with the value in force). A criterion's reason lists those direct inputs for the person,
e.g. `age` 66 and `social_assistance.old_age_allowance.min_age.male` 65. Where a formula reads a
parameter per value of an enumeration (`min_age.male` and `min_age.female`, then picks by `sex`),
only the parameter of the person's own value is kept.

Everything here is pure: it takes a simulation (with `trace` on before anything is computed) and
returns plain data. Sentences are given in English or Bangla.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.parameters import Parameter
from openfisca_core.simulations import Simulation

from policy_bd import programs as program_registry
from policy_bd.engine.compute import calculation_period, plain, variable_period
from policy_bd.labels import label as variable_label
from policy_bd.programs import Program

LANGUAGES = ("en", "bn")
BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")

# How a value of each unit is written in a sentence: (English, Bangla) templates.
UNIT_WORDS = {
    "currency-BDT": ("Tk {}", "{} টাকা"),
    "year": ("{} years", "{} বছর"),
    "month": ("{} months", "{} মাস"),
    "week": ("{} weeks", "{} সপ্তাহ"),
    "day": ("{} days", "{} দিন"),
    "person": ("{} persons", "{} জন"),
    "child": ("{} children", "{} সন্তান"),
    "household": ("{} households", "{} পরিবার"),
}
WORDS = {
    "en": {
        True: "yes",
        False: "no",
        "met": "Met",
        "not_met": "Not met",
        "decided_by": "Decided by",
        "separator": "; ",
        "end": ".",
        "not_in_force": "{program} is not in force on {date}. {detail}",
        "undefined": "The rules of {program} are not defined on {date}.",
        "missing_input": "Not given: {label} ({name}). The amount is computed from it, so it"
        " stays 0 until it is given.",
    },
    "bn": {
        True: "হ্যাঁ",
        False: "না",
        "met": "শর্ত পূরণ হয়েছে",
        "not_met": "শর্ত পূরণ হয়নি",
        "decided_by": "নির্ধারক তথ্য",
        "separator": "; ",
        "end": "।",
        "not_in_force": "{date} তারিখে {program} কার্যকর নয়। {detail}",
        "undefined": "{date} তারিখে {program}-এর বিধান সংজ্ঞায়িত নয়।",
        "missing_input": "দেওয়া হয়নি: {label} ({name})। পরিমাণ এটি থেকে হিসাব করা হয়, তাই এটি"
        " না দেওয়া পর্যন্ত ০ থাকে।",
    },
}


@dataclass(frozen=True)
class Evidence:
    """One value a criterion's formula read: an input or computed variable, or a parameter."""

    kind: str  # "variable" or "parameter"
    name: str
    label: str
    period: str
    value: object
    unit: str | None = None
    reference: tuple = ()

    def as_dict(self) -> dict:
        out = {
            "kind": self.kind,
            "name": self.name,
            "label": self.label,
            "period": self.period,
            "value": self.value,
            "unit": self.unit,
        }
        if self.kind == "parameter":
            out["reference"] = list(self.reference)
        return out


@dataclass(frozen=True)
class Reason:
    """One legal criterion of a program for one person."""

    criterion: str
    label: str
    met: bool
    period: str
    sentence: str
    reference: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()

    def as_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "label": self.label,
            "met": self.met,
            "period": self.period,
            "sentence": self.sentence,
            "reference": list(self.reference),
            "values": [item.as_dict() for item in self.evidence],
        }


@dataclass(frozen=True)
class ProgramDetermination:
    """A program for one person: eligible or not, the amount, and the reasons."""

    program: str
    label: str
    status: str
    in_force: bool
    eligible: bool
    amount: float
    amount_variable: str
    amount_period: str
    period: str
    entity: str
    payment_schedule: str | None
    reasons: tuple[Reason, ...] = ()
    note: str | None = None

    def as_dict(self) -> dict:
        return {
            "program": self.program,
            "label": self.label,
            "status": self.status,
            "in_force": self.in_force,
            "eligible": self.eligible,
            "amount": self.amount,
            "amount_variable": self.amount_variable,
            "amount_period": self.amount_period,
            "period": self.period,
            "entity": self.entity,
            "payment_schedule": self.payment_schedule,
            "note": self.note,
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


@dataclass
class MemberDetermination:
    id: str
    programs: list[ProgramDetermination] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"id": self.id, "programs": [item.as_dict() for item in self.programs]}


# ----- values -------------------------------------------------------------------------------


def _entity_index(simulation: Simulation, entity_key: str, person: int) -> int:
    """Where a person's value sits in an array of `entity_key` (themselves or their group)."""
    if entity_key == "person":
        return person
    return int(simulation.populations[entity_key].members_entity_id[person])


def value_for(simulation: Simulation, array, entity_key: str, person: int) -> object:
    """The person's value (or their group's) in a computed array, as a JSON value."""
    index = _entity_index(simulation, entity_key, person)
    if isinstance(array, EnumArray):
        return str(array.decode_to_str()[index])
    return plain(np.asarray(array)[index])


def _number(value: float | int, language: str) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.translate(BANGLA_DIGITS) if language == "bn" else text


def show(value: object, unit: str | None, language: str, enum=None) -> str:
    """A value written for a sentence: 'Tk 10,000', '65 years', 'yes', '৬৫ বছর'."""
    if isinstance(value, bool):
        return WORDS[language][value]
    if enum is not None and isinstance(value, str) and value in enum.__members__:
        return str(enum[value].value)
    if isinstance(value, int | float):
        if unit == "/1":
            return _number(round(value * 100, 4), language) + "%"
        text = _number(value, language)
        if unit in UNIT_WORDS:
            return UNIT_WORDS[unit][LANGUAGES.index(language)].format(text)
        return text
    text = str(value)
    return text.translate(BANGLA_DIGITS) if language == "bn" else text


# ----- the trace ----------------------------------------------------------------------------


def _walk(nodes: Iterable) -> Iterator:
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def trace_index(simulation: Simulation) -> dict[tuple[str, str], object]:
    """The trace node of each computed (variable, period), the one where its formula ran.

    A variable read again is served from the cache and traced with no children; the first
    node, which holds what the formula read, is the one kept.
    """
    index: dict[tuple[str, str], object] = {}
    for node in _walk(simulation.tracer.trees):
        key = (node.name, str(node.period))
        known = index.get(key)
        if known is None or (not (known.children or known.parameters) and node.children):
            index[key] = node
    return index


def _parameter(system, name: str) -> Parameter | None:
    """The parameter leaf at a dotted name, or None (e.g. a vectorial access `rate[status]`)."""
    node = system.parameters
    for key in name.split("."):
        node = getattr(node, "children", {}).get(key)
        if node is None:
            return None
    return node if isinstance(node, Parameter) else None


def _reference_at(parameter: Parameter, instant: str) -> tuple:
    """The sources of the parameter's value in force at `instant`."""
    for item in parameter.values_list:  # newest first
        if item.instant_str <= instant:
            return tuple((item.metadata or {}).get("reference") or ())
    return ()


def _parameter_label(parameter: Parameter | None, name: str, language: str) -> str:
    if parameter is None:
        return name
    if language == "bn" and parameter.metadata.get("label_bn"):
        return str(parameter.metadata["label_bn"])
    return parameter.description or name


def evidence_for(simulation: Simulation, node, person: int, language: str) -> tuple[Evidence, ...]:
    """The variables and parameters a traced formula read, with the person's values."""
    system = simulation.tax_benefit_system
    n_persons = simulation.persons.count
    variables: list[Evidence] = []
    enum_choices: dict[str, str] = {}  # enumeration item names -> the person's value
    seen = set()
    for child in node.children:
        key = (child.name, str(child.period))
        variable = system.variables.get(child.name)
        if key in seen or variable is None or child.value is None:
            continue
        seen.add(key)
        value = value_for(simulation, child.value, variable.entity.key, person)
        enum = getattr(variable, "possible_values", None)
        if enum is not None:
            enum_choices.update(dict.fromkeys(enum.__members__, value))
        variables.append(
            Evidence(
                kind="variable",
                name=child.name,
                label=variable_label(variable, language),
                period=str(child.period),
                value=value,
                unit=getattr(variable, "unit", None),
            )
        )
    read = {(item.name, str(item.period)): item for item in node.parameters}
    names = {name for name, _ in read}
    parameters: list[Evidence] = []
    for (name, instant), item in read.items():
        parent, _, last = name.rpartition(".")
        # min_age.female read beside min_age.male for a man: only his own threshold decided.
        if (
            last in enum_choices
            and last != enum_choices[last]
            and f"{parent}.{enum_choices[last]}" in names
        ):
            continue
        value = item.value
        if isinstance(value, np.ndarray):
            if value.shape == (n_persons,):
                value = value[person]
            else:
                continue
        parameter = _parameter(system, name)
        unit = parameter.metadata.get("unit") if parameter is not None else None
        parameters.append(
            Evidence(
                kind="parameter",
                name=name,
                label=_parameter_label(parameter, name, language),
                period=instant,
                value=plain(value),
                unit=unit,
                reference=_reference_at(parameter, instant) if parameter is not None else (),
            )
        )
    return (*variables, *parameters)


def sentence(
    label: str, met: bool, evidence: tuple[Evidence, ...], language: str, system=None
) -> str:
    """'Met: <criterion>. Decided by: <value>; <value>.' in the requested language."""
    words = WORDS[language]
    text = f"{words['met'] if met else words['not_met']}: {label.rstrip('.')}{words['end']}"
    if not evidence:
        return text
    parts = []
    for item in evidence:
        variable = system.variables.get(item.name) if system and item.kind == "variable" else None
        enum = getattr(variable, "possible_values", None)
        parts.append(f"{item.label}: {show(item.value, item.unit, language, enum)}")
    return f"{text} {words['decided_by']}: {words['separator'].join(parts)}{words['end']}"


def _references(variable) -> tuple[str, ...]:
    reference = variable.reference or ()
    return (reference,) if isinstance(reference, str) else tuple(reference)


# ----- programs -----------------------------------------------------------------------------


def _program_label(entry: program_registry.Program, language: str) -> str:
    if language == "bn":
        return entry.label_bn or entry.label
    return entry.label


def _computed(simulation: Simulation, name: str, period: periods.Period) -> tuple[object, str]:
    variable = simulation.tax_benefit_system.variables[name]
    at = calculation_period(variable, period)
    return simulation.calculate(name, at), str(at)


def determine(
    simulation: Simulation,
    period: str | periods.Period,
    language: str = "en",
    program_names: Iterable[str] | None = None,
) -> list[MemberDetermination]:
    """Every person's determination for every registered program (or the named ones).

    `simulation` must be fresh: tracing is switched on here, before anything is computed, so
    that each criterion's inputs are recorded.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    period = periods.period(period)
    if not simulation.trace:
        simulation.trace = True
    registry = program_registry.programs()
    chosen = list(registry) if program_names is None else list(program_names)
    ids = [str(item) for item in simulation.persons.ids]
    members = [MemberDetermination(id=person_id) for person_id in ids]

    computed: dict[str, dict] = {}
    # Before anything is computed: OpenFisca caches an input's default once a formula reads it.
    not_given = {name: _missing_inputs(simulation, registry[name]) for name in chosen}
    for name in chosen:
        entry = registry[name]
        in_force = _in_force(simulation, entry, period)
        try:
            values = {
                variable: _computed(simulation, variable, period) for variable in entry.variables
            }
        except ParameterNotFoundError as error:
            values = {"error": error}
        values["in_force"] = in_force
        values["not_given"] = not_given[name]
        computed[name] = values
    index = trace_index(simulation)

    for person, member in enumerate(members):
        for name in chosen:
            member.programs.append(
                _program_for_person(
                    simulation,
                    entry=registry[name],
                    values=computed[name],
                    index=index,
                    person=person,
                    period=period,
                    language=language,
                )
            )
    return members


def _program_for_person(
    simulation: Simulation,
    *,
    entry: program_registry.Program,
    values: dict,
    index: dict,
    person: int,
    period: periods.Period,
    language: str,
) -> ProgramDetermination:
    system = simulation.tax_benefit_system
    amount_variable = system.variables[entry.amount_variable]
    common = {
        "program": entry.name,
        "label": _program_label(entry, language),
        "status": entry.status,
        "amount_variable": entry.amount_variable,
        "amount_period": entry.amount_period,
        "entity": amount_variable.entity.key,
        "payment_schedule": entry.payment_schedule,
    }
    in_force = values["in_force"] is None or bool(values["in_force"][0][person])
    date = str(period.start).translate(BANGLA_DIGITS) if language == "bn" else str(period.start)
    note = None
    if not in_force:
        detail = system.variables[entry.in_force_variable].documentation or ""
        note = WORDS[language]["not_in_force"].format(
            program=common["label"], date=date, detail=detail.strip()
        )
    if "error" in values:  # OpenFisca's own message names internals: not for the caller
        note = note or WORDS[language]["undefined"].format(program=common["label"], date=date)
        return ProgramDetermination(
            **common,
            in_force=False,
            eligible=False,
            amount=0.0,
            period=str(variable_period(amount_variable, period)),
            note=note,
        )
    amount, amount_at = values[entry.amount_variable]
    eligible, _ = values[entry.eligibility_variable]
    reasons = []
    for criterion in entry.criteria:
        variable = system.variables[criterion]
        array, at = values[criterion]
        met = bool(value_for(simulation, array, variable.entity.key, person))
        node = index.get((criterion, at))
        evidence = evidence_for(simulation, node, person, language) if node is not None else ()
        label = variable_label(variable, language)
        reasons.append(
            Reason(
                criterion=criterion,
                label=label,
                met=met,
                period=at,
                sentence=sentence(label, met, evidence, language, system),
                reference=_references(variable),
                evidence=evidence,
            )
        )
    eligibility = system.variables[entry.eligibility_variable]
    is_eligible = bool(value_for(simulation, eligible, eligibility.entity.key, person))
    paid = float(value_for(simulation, amount, amount_variable.entity.key, person))
    # Eligible but 0 for want of an input the amount is computed from: name it, not a silent 0.
    missing = [
        Reason(
            criterion=name,
            label=variable_label(system.variables[name], language),
            met=False,
            period=amount_at,
            sentence=WORDS[language]["missing_input"].format(
                label=variable_label(system.variables[name], language), name=name
            ),
            reference=_references(system.variables[name]),
        )
        for name in (values["not_given"] if is_eligible and paid == 0 else ())
    ]
    return ProgramDetermination(
        **common,
        in_force=in_force,
        eligible=is_eligible,
        amount=paid,
        period=amount_at,
        reasons=(*reasons, *missing),
        note=note or " ".join(reason.sentence for reason in missing) or None,
    )


def _in_force(simulation: Simulation, entry: Program, period: periods.Period):
    """The program's `in_force_variable` (array, period), or None when it names none."""
    name = entry.in_force_variable
    return _computed(simulation, name, period) if name else None


def _missing_inputs(simulation: Simulation, entry: Program) -> list[str]:
    """The program's `required_inputs` that the caller gave no value for, at any period."""
    return [
        name
        for name in entry.required_inputs
        if not simulation.get_holder(name).get_known_periods()
    ]


def public_outputs(program_names: Iterable[str] | None = None) -> list[str]:
    """Every program's amount and eligibility variables: what a batch computes by default."""
    registry = program_registry.programs()
    out: list[str] = []
    for name in registry if program_names is None else program_names:
        for variable in registry[name].public:
            if variable not in out:
                out.append(variable)
    return out


def program_variables(program_names: Iterable[str] | None = None) -> list[str]:
    """Every program's amount, eligibility and criteria variables: what a comparison shows."""
    registry = program_registry.programs()
    out: list[str] = []
    for name in registry if program_names is None else program_names:
        for variable in registry[name].variables:
            if variable not in out:
                out.append(variable)
    return out
