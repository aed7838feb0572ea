"""Why a person is or is not entitled: each legal criterion, met or not, and the values it read.

Program knowledge comes from the registry (`policy_bd.programs`): a program names its amount
variable, its eligibility variable and its ordered criteria, each a boolean variable with a label
and a legal reference. Nothing here knows any particular program.

"The value that decided it" is what the criterion's formula read: the variables (with the
person's values) and the parameters (with the value in force), e.g. `age` 66 and
`social_assistance.old_age_allowance.min_age.male` 65. Where a formula reads a parameter per
value of an enumeration (`min_age.male` and `min_age.female`, then picks by `sex`), only the
parameter of the person's own value is kept.

`determine` does not trace requests: each criterion's reads are learnt once per legislation and
month (`policy_bd.explain_readsets`), and the values are taken from the simulation's arrays,
converted once per variable for every person. `determine_traced` is the same answer from
OpenFisca's tracer on every request, the reference `determine` is tested against. Everything
here is pure: it takes a fresh simulation and returns plain data, with sentences in English or
Bangla. `explain_answer` shapes it for /v1/entitlements, `explain_batch` gives reasons as
columns for many persons.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.parameters import Parameter
from openfisca_core.simulations import Simulation

from policy_bd import programs as program_registry
from policy_bd.engine.compute import calculation_period, plain, variable_period
from policy_bd.explain_readsets import (
    ReadSet,
    parameter_leaf,
    replayed_parameters,
    rules_for,
    trace_index,
)
from policy_bd.labels import enum_label
from policy_bd.labels import label as variable_label
from policy_bd.labels import payment_schedule as schedule_label
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
        # A summary's one sentence for every program not in force (explain_answer).
        "none_in_force": "Not in force on {date} (not yet law, or a proposal no reform"
        " switches on); detail=full says why.",
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
        # The in-force variable's documentation is English: the Bangla note stands without it.
        "not_in_force": "{date} তারিখে {program} কার্যকর নয়।",
        "undefined": "{date} তারিখে {program}-এর বিধান সংজ্ঞায়িত নয়।",
        "none_in_force": "{date} তারিখে কার্যকর নয় (আইন চালু হয়নি, বা চালু না হওয়া প্রস্তাব);"
        " কারণ detail=full উত্তরে।",
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
        """The evidence as JSON data (built once per object; read it, do not change it)."""
        return self._json

    @functools.cached_property
    def _json(self) -> dict:
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
        """The reason as JSON data (built once per object; read it, do not change it)."""
        return self._json

    @functools.cached_property
    def _json(self) -> dict:
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
        return enum_label(enum, value, language)
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
        parameter = parameter_leaf(system, name)
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


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")


def _program_label(entry: Program, language: str) -> str:
    if language == "bn":
        return entry.label_bn or entry.label
    return entry.label


def _computed(simulation: Simulation, name: str, period: periods.Period) -> tuple[object, str]:
    variable = simulation.tax_benefit_system.variables[name]
    at = calculation_period(variable, period)
    return simulation.calculate(name, at), str(at)


def determine_traced(
    simulation: Simulation,
    period: str | periods.Period,
    language: str = "en",
    program_names: Iterable[str] | None = None,
    *,
    evidence: bool = True,
) -> list[MemberDetermination]:
    """`determine` by OpenFisca's tracer: each criterion's reads recorded as it is computed.

    The reference that `determine` is tested against, and its fallback when a criterion reads
    a parameter by a vectorial access. `simulation` must be fresh: tracing is switched on here,
    before anything is computed.
    """
    _check_language(language)
    period = periods.period(period)
    if not simulation.trace:
        simulation.trace = True
    registry = program_registry.programs()
    chosen = list(registry) if program_names is None else list(program_names)
    ids = [str(item) for item in simulation.persons.ids]
    members = [MemberDetermination(id=person_id) for person_id in ids]

    computed = _computed_programs(simulation, registry, chosen, period)
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


def _program_common(system, entry: Program, language: str) -> dict:
    return {
        "program": entry.name,
        "label": _program_label(entry, language),
        "status": entry.status,
        "amount_variable": entry.amount_variable,
        "amount_period": entry.amount_period,
        "entity": system.variables[entry.amount_variable].entity.key,
        "payment_schedule": schedule_label(entry.name, entry.payment_schedule, language),
    }


def _in_force_note(
    system, entry: Program, values: dict, *, person: int, period, language: str
) -> tuple:
    """(in force, note): not in force before the program's law or while a proposal is off, and
    "not defined" where a rule it reads has no value on the date."""
    in_force = values["in_force"] is None or bool(values["in_force"][0][person])
    date = str(period.start).translate(BANGLA_DIGITS) if language == "bn" else str(period.start)
    label = _program_label(entry, language)
    note = None
    if not in_force:
        detail = system.variables[entry.in_force_variable].documentation or ""
        note = WORDS[language]["not_in_force"].format(
            program=label, date=date, detail=detail.strip()
        )
    if "error" in values:  # OpenFisca's own message names internals: not for the caller
        note = note or WORDS[language]["undefined"].format(program=label, date=date)
    return in_force and "error" not in values, note


def _missing_reasons(system, names, at: str, language: str) -> tuple[Reason, ...]:
    """An eligible person paid 0 for want of an input the amount is computed from: each missing
    input named as a reason, not a silent 0."""
    return tuple(
        Reason(
            criterion=name,
            label=variable_label(system.variables[name], language),
            met=False,
            period=at,
            sentence=WORDS[language]["missing_input"].format(
                label=variable_label(system.variables[name], language), name=name
            ),
            reference=_references(system.variables[name]),
        )
        for name in names
    )


def _program_for_person(
    simulation: Simulation,
    *,
    entry: Program,
    values: dict,
    index: dict,
    person: int,
    period: periods.Period,
    language: str,
) -> ProgramDetermination:
    system = simulation.tax_benefit_system
    amount_variable = system.variables[entry.amount_variable]
    common = _program_common(system, entry, language)
    in_force, note = _in_force_note(
        system, entry, values, person=person, period=period, language=language
    )
    if "error" in values or "skipped" in values:
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
    missing = _missing_reasons(
        system, values["not_given"] if is_eligible and paid == 0 else (), amount_at, language
    )
    return ProgramDetermination(
        **common,
        in_force=in_force,
        eligible=is_eligible,
        amount=paid,
        period=amount_at,
        reasons=(*reasons, *missing),
        note=note or " ".join(reason.sentence for reason in missing) or None,
    )


# ----- untraced: the read sets learnt once, the values from an ordinary simulation ------------

# Sentences kept per criterion and month: one person's values repeat from request to request
# (the same ages, the same thresholds); the bound keeps a worker's memory small.
SENTENCES_PER_CRITERION = 128


def plain_values(array) -> list:
    """A computed array as JSON values, in one vectorised conversion (as `plain` per value)."""
    if isinstance(array, EnumArray):
        return array.decode_to_str().tolist()
    array = np.asarray(array)
    kind = array.dtype.kind
    if kind == "f" and array.dtype != np.float64:
        # float32: the shortest decimal that reads back the same, as `plain` writes it.
        return array.astype(str).astype(np.float64).tolist()
    if kind == "M":
        return array.astype("datetime64[D]").astype(str).tolist()
    return array.tolist()


class _Columns:
    """Each (variable, period) read, as one value per person, converted once per request."""

    def __init__(self, simulation: Simulation) -> None:
        self.simulation = simulation
        self.known: dict[tuple[str, str, str], list] = {}

    def per_person(self, name: str, period: str, entity: str, array=None, at=None) -> list:
        key = (name, period, entity)
        found = self.known.get(key)
        if found is None:
            if array is None:
                at = at or periods.period(period)
                array = self.simulation.get_holder(name).get_array(at)
                if array is None:
                    array = self.simulation.calculate(name, at)
            if entity != "person":
                members = self.simulation.populations[entity].members_entity_id
                array = array[members]
            found = self.known[key] = plain_values(array)
        return found


def _parameter_evidence(system, read_set: ReadSet, language: str) -> tuple[Evidence, ...]:
    """The parameters a criterion read, as evidence: the same for everyone at the month."""
    key = ("parameters", language)
    known = read_set.sentences.get(key)
    if known is None:
        known = read_set.sentences[key] = tuple(
            Evidence(
                kind="parameter",
                name=item.name,
                label=_parameter_label(item.parameter, item.name, language),
                period=item.instant,
                value=plain(item.value),
                unit=item.unit,
                reference=_reference_at(item.parameter, item.instant)
                if item.parameter is not None
                else (),
            )
            for item in read_set.parameters
        )
    return known


def _variable_labels(system, read_set: ReadSet, language: str) -> tuple[str, ...]:
    key = ("labels", language)
    known = read_set.sentences.get(key)
    if known is None:
        known = read_set.sentences[key] = tuple(
            variable_label(system.variables[item.name], language) for item in read_set.variables
        )
    return known


def evidence_and_sentence(
    system,
    read_set: ReadSet,
    values: tuple,
    *,
    met: bool,
    language: str,
    label: str,
    keep: bool = True,
) -> tuple[tuple[Evidence, ...], str]:
    """A criterion's evidence and sentence, given the values of the variables it read (in the
    order of its read set); kept (`keep`), as values repeat from person to person."""
    shown = tuple(
        item.hidden_for is None or values[item.hidden_for[0]] not in item.hidden_for[1]
        for item in read_set.parameters
    )
    key = (language, met, values, shown)
    known = read_set.sentences.get(key)
    if known is None:
        labels = _variable_labels(system, read_set, language)
        evidence = tuple(
            Evidence(
                kind="variable",
                name=item.name,
                label=labels[index],
                period=item.period,
                value=values[index],
                unit=item.unit,
            )
            for index, item in enumerate(read_set.variables)
        ) + tuple(
            item
            for item, keep in zip(
                _parameter_evidence(system, read_set, language), shown, strict=True
            )
            if keep
        )
        known = (evidence, sentence(label, met, evidence, language, system))
        if keep:
            if len(read_set.sentences) > SENTENCES_PER_CRITERION:
                read_set.sentences.clear()  # the parameters' evidence is rebuilt on demand
            read_set.sentences[key] = known
    return known


def _reason(
    system, read_set: ReadSet, columns: _Columns, *, person: int, met: bool, language: str, label
) -> Reason:
    values = tuple(
        columns.per_person(item.name, item.period, item.entity, at=item.at)[person]
        for item in read_set.variables
    )
    # The same values give the same reason: it is kept with its sentence, and shared.
    key = ("reason", language, met, values)
    known = read_set.sentences.get(key)
    if known is None:
        known = read_set.sentences[key] = _new_reason(
            system, read_set, values, met=met, language=language, label=label
        )
    return known


def _new_reason(system, read_set: ReadSet, values: tuple, *, met, language, label) -> Reason:
    evidence, text = evidence_and_sentence(
        system, read_set, values, met=met, language=language, label=label
    )
    return Reason(
        criterion=read_set.criterion,
        label=label,
        met=met,
        period=read_set.period,
        sentence=text,
        reference=_references(system.variables[read_set.criterion]),
        evidence=evidence,
    )


def _request_read_sets(simulation, rules, computed, chosen, registry) -> dict[str, ReadSet]:
    """The learnt read sets, with those of dated criteria read again from this simulation."""
    read_sets = dict(rules.read_sets)
    for name in chosen:
        if "error" in computed[name]:
            continue
        for criterion in registry[name].criteria:
            learnt = read_sets[criterion]
            if learnt.dated and learnt is rules.read_sets[criterion]:
                parameters, _ = replayed_parameters(simulation, learnt)
                read_sets[criterion] = dataclasses.replace(
                    learnt, parameters=parameters, sentences={}
                )
    return read_sets


@dataclasses.dataclass
class _Request:
    """What one `determine` call shares between its programs."""

    simulation: Simulation
    period: periods.Period
    language: str
    evidence: bool
    columns: _Columns
    read_sets: dict[str, ReadSet]
    given: set[str]


def _criterion_reason(request: _Request, criterion: str, at: str, *, person, met, label):
    system = request.simulation.tax_benefit_system
    if not request.evidence:
        read_set = request.read_sets.get(criterion)
        cache = read_set.sentences if read_set is not None else {}
        key = ("bare", request.language, met, label)
        known = cache.get(key)
        if known is None:
            known = cache[key] = Reason(
                criterion, label, met, at, "", _references(system.variables[criterion])
            )
        return known
    if criterion in request.given:
        return Reason(
            criterion=criterion,
            label=label,
            met=met,
            period=at,
            sentence=sentence(label, met, (), request.language, system),
            reference=_references(system.variables[criterion]),
        )
    return _reason(
        system,
        request.read_sets[criterion],
        request.columns,
        person=person,
        met=met,
        language=request.language,
        label=label,
    )


def _uniform(in_force) -> bool:
    """Whether the program is in force for everyone or for no one (or names no in-force
    variable)."""
    return in_force is None or bool(np.all(in_force[0] == in_force[0][0]))


def _program_determinations(request: _Request, entry: Program, values: dict) -> list:
    """One program's determination for every person, from its computed arrays."""
    simulation, columns = request.simulation, request.columns
    system = simulation.tax_benefit_system
    count = simulation.persons.count
    if not count:
        return []
    if "skipped" in values or "error" in values:

        def for_person(person: int) -> ProgramDetermination:
            return _program_for_person(
                simulation,
                entry=entry,
                values=values,
                index={},
                person=person,
                period=request.period,
                language=request.language,
            )

        if "skipped" in values or _uniform(values["in_force"]):
            # Everyone's determination is the same (in force for nobody, or for everybody
            # and undefined): made once. Determinations are frozen, so persons can share it.
            return [for_person(0)] * count
        return [for_person(person) for person in range(count)]
    common = _program_common(system, entry, request.language)
    amount_array, amount_at = values[entry.amount_variable]
    amounts = columns.per_person(entry.amount_variable, amount_at, common["entity"], amount_array)
    eligible_array, eligible_at = values[entry.eligibility_variable]
    eligible = columns.per_person(
        entry.eligibility_variable,
        eligible_at,
        system.variables[entry.eligibility_variable].entity.key,
        eligible_array,
    )
    criteria = [
        (
            criterion,
            values[criterion][1],
            columns.per_person(
                criterion,
                values[criterion][1],
                system.variables[criterion].entity.key,
                values[criterion][0],
            ),
            variable_label(system.variables[criterion], request.language),
        )
        for criterion in entry.criteria
    ]
    determinations = []
    for person in range(count):
        in_force, note = _in_force_note(
            system, entry, values, person=person, period=request.period, language=request.language
        )
        is_eligible, paid = bool(eligible[person]), float(amounts[person])
        missing = _missing_reasons(
            system,
            values["not_given"] if is_eligible and paid == 0 else (),
            amount_at,
            request.language,
        )
        reasons = tuple(
            _criterion_reason(
                request, criterion, at, person=person, met=bool(met[person]), label=label
            )
            for criterion, at, met, label in criteria
        )
        determinations.append(
            ProgramDetermination(
                **common,
                in_force=in_force,
                eligible=is_eligible,
                amount=paid,
                period=amount_at,
                reasons=(*reasons, *missing),
                note=note or " ".join(reason.sentence for reason in missing) or None,
            )
        )
    return determinations


def _given_criteria(simulation: Simulation, criteria: list[str], period) -> set[str]:
    """The criteria given as inputs: not computed by their formula, they read nothing."""
    system = simulation.tax_benefit_system
    return {
        name
        for name in criteria
        if simulation.get_holder(name).get_array(calculation_period(system.variables[name], period))
        is not None
    }


def _computed_programs(
    simulation, registry, chosen, period, *, in_force_only: bool = False
) -> dict[str, dict]:
    """Each program's amount, eligibility and criteria arrays (or the error that stopped them),
    whether it is in force, and the required inputs the caller did not give.

    With `in_force_only`, a program in force for nobody is not computed (`skipped`): it pays
    nobody, and an answer without evidence says only that it is not in force."""
    # Before anything is computed: OpenFisca caches an input's default once a formula reads it.
    not_given = {name: _missing_inputs(simulation, registry[name]) for name in chosen}
    computed: dict[str, dict] = {}
    for name in chosen:
        entry = registry[name]
        in_force = _in_force(simulation, entry, period)
        if in_force_only and in_force is not None and not np.any(in_force[0]):
            values = {"skipped": True}
        else:
            try:
                values = {
                    variable: _computed(simulation, variable, period)
                    for variable in entry.variables
                }
            except ParameterNotFoundError as error:
                values = {"error": error}
        values["in_force"] = in_force
        values["not_given"] = not_given[name]
        computed[name] = values
    return computed


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


def determine(
    simulation: Simulation,
    period: str | periods.Period,
    language: str = "en",
    program_names: Iterable[str] | None = None,
    *,
    evidence: bool = True,
) -> list[MemberDetermination]:
    """Every person's determination for every registered program (or the named ones).

    `simulation` must be fresh (nothing computed yet). It is not traced: what each criterion
    reads is learnt once per legislation and month (`explain_readsets`), and the values come
    from the simulation's arrays; the answer is the one `determine_traced` gives. Without
    `evidence`, each reason only says whether its criterion is met (no values, no sentence),
    and a program in force for nobody is not computed (no reasons; its note says why): what a
    summary needs.
    """
    _check_language(language)
    period = periods.period(period)
    registry = program_registry.programs()
    chosen = list(registry) if program_names is None else list(program_names)
    if simulation.trace:
        return determine_traced(simulation, period, language, chosen)
    system = simulation.tax_benefit_system
    criteria = list(dict.fromkeys(c for name in chosen for c in registry[name].criteria))
    rules = rules_for(system, period, criteria)
    if not all(rules.read_sets[c].replayable for c in criteria if c in rules.read_sets):
        simulation.trace = True
        return determine_traced(simulation, period, language, chosen)
    given = _given_criteria(simulation, criteria, period) if evidence else set()
    computed = _computed_programs(simulation, registry, chosen, period, in_force_only=not evidence)
    request = _Request(
        simulation=simulation,
        period=period,
        language=language,
        evidence=evidence,
        columns=_Columns(simulation),
        read_sets=_request_read_sets(simulation, rules, computed, chosen, registry)
        if evidence
        else rules.read_sets,
        given=given,
    )
    members = [MemberDetermination(id=str(item)) for item in simulation.persons.ids]
    for name in chosen:
        for member, program in zip(
            members, _program_determinations(request, registry[name], computed[name]), strict=True
        ):
            member.programs.append(program)
    return members


def warm(system, months: Iterable[str]) -> None:
    """Learn each month's rules and determine one default person for it, with and without
    evidence: what a process's first explanation for a month costs (about 75 ms, against 10-20
    ms afterwards), done before anyone waits for it."""
    from policy_bd import engine  # noqa: PLC0415 (engine's explanations import this module)

    for month in months:
        inputs = engine.read_columns(system, month, {"household_id": np.array([0])})
        for evidence in (True, False):
            with engine.simulated(system, inputs) as simulation:
                determine(simulation, month, evidence=evidence)


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
