"""What each legal criterion's formula reads, learnt once per legislation and month.

OpenFisca formulas are vectorised: a criterion's formula reads the same variables (at the same
periods) and the same parameters (at the same instants) for every person. So the tracer is run
once, on a small simulation of default persons, for each (system, month); what each criterion
read is kept as a `ReadSet`. An ordinary untraced simulation of any number of persons then gives
the values of those variables, and the parameters' values are those of the month.

Two things differ from person to person and are kept as rules, not values:
- a parameter picked by an enumeration (`min_age.male` beside `min_age.female`, chosen by `sex`)
  is shown only to the persons of its own value (`ParameterRead.hidden_for`);
- a parameter read by a vectorial access (`rate[status]`) has a value per person: the read set
  is then marked `replayable = False`, and the caller falls back to tracing.
"""

from __future__ import annotations

import datetime
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.parameters import Parameter
from openfisca_core.tracers import TracingParameterNodeAtInstant

from policy_bd import engine
from policy_bd.engine.compute import calculation_period, variable_period

# Months of rules kept per legislation (each costs one traced run of a few default persons).
PERIODS_PER_SYSTEM = 12


@dataclass(frozen=True)
class VariableRead:
    name: str
    period: str
    entity: str
    unit: str | None
    at: periods.Period | None = field(default=None, compare=False)  # `period`, parsed once


@dataclass(frozen=True)
class ParameterRead:
    name: str
    instant: str
    value: object
    unit: str | None
    parameter: Parameter | None
    # (index of the enumeration variable in `variables`, the values for which it is hidden)
    hidden_for: tuple[int, frozenset[str]] | None = None


@dataclass
class ReadSet:
    criterion: str
    period: str  # the period the criterion is computed for
    variables: tuple[VariableRead, ...] = ()
    parameters: tuple[ParameterRead, ...] = ()
    replayable: bool = True
    # Parameters read at instants taken from the data (the law on the day of an event, see
    # `policy_bd.dated_parameters`): read again per request by `replayed_parameters`.
    dated: bool = False
    # Sentences already written, by (language, met, values shown): values repeat across people.
    sentences: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Rules:
    """The read sets of one legislation at one month, and what could not be computed."""

    period: str
    read_sets: dict[str, ReadSet]
    failing: frozenset[str]  # criteria that raise ParameterNotFoundError at this month


def parameter_leaf(system, name: str) -> Parameter | None:
    """The parameter leaf at a dotted name, or None (e.g. a vectorial access `rate[status]`)."""
    node = system.parameters
    for key in name.split("."):
        node = getattr(node, "children", {}).get(key)
        if node is None:
            return None
    return node if isinstance(node, Parameter) else None


def walk(nodes: Iterable) -> Iterator:
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def trace_index(simulation) -> dict[tuple[str, str], object]:
    """The trace node of each computed (variable, period), the one where its formula ran.

    A variable read again is served from the cache and traced with no children; the first
    node, which holds what the formula read, is the one kept.
    """
    index: dict[tuple[str, str], object] = {}
    for node in walk(simulation.tracer.trees):
        key = (node.name, str(node.period))
        known = index.get(key)
        if known is None or (not (known.children or known.parameters) and node.children):
            index[key] = node
    return index


def read_set_of(system, criterion: str, at: str, node) -> ReadSet:
    """A traced node's reads, as rules that hold for any person."""
    variables: list[VariableRead] = []
    enum_members: list[tuple[int, frozenset[str]]] = []
    seen = set()
    for child in node.children:
        key = (child.name, str(child.period))
        variable = system.variables.get(child.name)
        if key in seen or variable is None or child.value is None:
            continue
        seen.add(key)
        enum = getattr(variable, "possible_values", None)
        if enum is not None:
            enum_members.append((len(variables), frozenset(enum.__members__)))
        variables.append(
            VariableRead(
                child.name, str(child.period), variable.entity.key, variable.unit, child.period
            )
        )
    parameters, replayable = parameter_reads(system, node.parameters, enum_members)
    return ReadSet(criterion, at, tuple(variables), parameters, replayable)


def enum_members_of(system, variables: Iterable[VariableRead]) -> list:
    """(index, member names) of each enumeration among a read set's variables."""
    out = []
    for index, item in enumerate(variables):
        enum = getattr(system.variables[item.name], "possible_values", None)
        if enum is not None:
            out.append((index, frozenset(enum.__members__)))
    return out


def parameter_reads(system, reads: Iterable, enum_members: list) -> tuple[tuple, bool]:
    """Parameters as the tracer recorded them (objects with name, period, value), as rules."""
    read = {(item.name, str(item.period)): item for item in reads}
    names = {name for name, _ in read}
    parameters: list[ParameterRead] = []
    replayable = True
    for (name, instant), item in read.items():
        parent, _, last = name.rpartition(".")
        hidden_for = None
        # The enumeration that decides whether `parent.last` is shown: the last one read whose
        # values include `last` (min_age.female read beside min_age.male is hidden for a man).
        deciding = [index for index, members in enum_members if last in members]
        if deciding:
            index = deciding[-1]
            members = dict(enum_members)[index]
            others = frozenset(m for m in members if m != last and f"{parent}.{m}" in names)
            if others:
                hidden_for = (index, others)
        if isinstance(item.value, np.ndarray):
            replayable = False  # a value per person: only the tracer knows it
            continue
        parameter = parameter_leaf(system, name)
        parameters.append(
            ParameterRead(
                name=name,
                instant=instant,
                value=item.value,
                unit=parameter.metadata.get("unit") if parameter is not None else None,
                parameter=parameter,
                hidden_for=hidden_for,
            )
        )
    return tuple(parameters), replayable


def _learning_simulation(system, period: periods.Period, *, event_day: int | None):
    """A few default persons; with `event_day`, every date input falls on that day of the
    month, so that parameters read on an event's date move away from the month's first day."""
    simulation = engine.simulate(
        system, engine.read_columns(system, period, {"household_id": [0, 0, 1]})
    )
    if event_day is not None:
        day = np.datetime64(period.start.date, "D") + (event_day - 1)
        for name, variable in system.variables.items():
            if variable.value_type is datetime.date and not variable.formulas:
                count = simulation.get_variable_population(name).count
                simulation.set_input(name, variable_period(variable, period), np.full(count, day))
    simulation.trace = True
    return simulation


def _traced_read_sets(system, period, criteria, *, event_day):
    simulation = _learning_simulation(system, period, event_day=event_day)
    failing = set()
    for name in criteria:
        try:
            simulation.calculate(name, calculation_period(system.variables[name], period))
        except ParameterNotFoundError:
            failing.add(name)
    index = trace_index(simulation)
    read_sets = {}
    for name in criteria:
        if name in failing:
            continue
        at = str(calculation_period(system.variables[name], period))
        node = index.get((name, at))
        read_sets[name] = (
            read_set_of(system, name, at, node) if node is not None else ReadSet(name, at)
        )
    engine.release(simulation)
    return read_sets, failing


def learn(system, period: periods.Period, criteria: Iterable[str]) -> Rules:
    """Every criterion's read set at `period`, from two traced runs of a few default persons.

    The second run puts every date input in the middle of the month: a criterion whose reads
    differ between the runs reads parameters on dates from the data, and is marked `dated`.
    """
    criteria = list(dict.fromkeys(criteria))
    read_sets, failing = _traced_read_sets(system, period, criteria, event_day=None)
    moved, moved_failing = _traced_read_sets(system, period, criteria, event_day=15)
    for name, read_set in read_sets.items():
        if name in moved_failing or moved.get(name) != read_set:
            read_set.dated = True
    return Rules(str(period), read_sets, frozenset(failing))


class _Recorder:
    """Stands for OpenFisca's tracer where a formula's parameter reads are recorded."""

    def __init__(self) -> None:
        self.reads: list[SimpleNamespace] = []

    def record_parameter_access(self, name, period, value) -> None:
        self.reads.append(SimpleNamespace(name=name, period=period, value=value))


def replayed_parameters(simulation, read_set: ReadSet) -> tuple[tuple, bool]:
    """The parameters a dated criterion's formula reads in this simulation: the formula is run
    again (its variables come from the simulation's cache) with its parameter reads recorded."""
    system = simulation.tax_benefit_system
    variable = system.variables[read_set.criterion]
    at = periods.period(read_set.period)
    formula = variable.get_formula(at)
    if formula is None:
        return (), True
    recorder = _Recorder()

    def parameters_at(instant):
        return TracingParameterNodeAtInstant(system.get_parameters_at_instant(instant), recorder)

    formula(simulation.get_variable_population(variable.name), at, parameters_at)
    return parameter_reads(system, recorder.reads, enum_members_of(system, read_set.variables))


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def rules_for(system, period: periods.Period, criteria: Iterable[str]) -> Rules:
    """The read sets of `criteria` at `period`, learnt once per system and month (criteria not
    seen before for this system, e.g. of another registry, are learnt when first asked)."""
    key = str(period)
    criteria = list(dict.fromkeys(criteria))
    with _LOCK:
        by_period = _CACHE.setdefault(system, OrderedDict())
        known = by_period.get(key)
        if known is not None:
            by_period.move_to_end(key)
            missing = [
                name
                for name in criteria
                if name not in known.read_sets and name not in known.failing
            ]
            if not missing:
                return known
    learnt = learn(system, period, criteria if known is None else missing)
    with _LOCK:
        if known is not None:
            learnt = Rules(
                key, {**known.read_sets, **learnt.read_sets}, known.failing | learnt.failing
            )
        by_period[key] = learnt
        while len(by_period) > PERIODS_PER_SYSTEM:
            by_period.popitem(last=False)
    return learnt


def learnt_months(system) -> list[str]:
    """The months whose rules are kept for `system`, the most recently used last."""
    with _LOCK:
        return list(_CACHE.get(system, ()))
