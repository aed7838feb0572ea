"""Values that say when they go stale.

Every parameter leaf records `last_value_still_valid_on`: the last date on which someone checked
that its latest value was still the law. Leaves set each year by the budget (allowance rates,
caseloads) may also record `budget_checked_through`: the last day of the last fiscal year whose
budget document was found. A calculation on a later date uses a value nobody has vouched for:

- `past_check`: the date is after `last_value_still_valid_on`;
- `no_budget_source`: the date falls in a fiscal year after `budget_checked_through` (the value
  is carried over from an earlier budget or comes from a decision that is not a budget).

`stale_values(system, date)` lists them for every leaf (the `policy-bd parameters --stale`
command); `warnings(system, period, variables)` for the leaves a calculation of `variables` at
`period` actually reads, each warning naming the parameter and the date it was last checked.
`warning_summary` counts them by reason instead, with the oldest check and one sentence, for
answers sized for a phone (a summary of /v1/entitlements reads over a hundred values).

Which parameters a calculation reads is learned, not declared: one traced run of the variables
on a default one-person situation (OpenFisca's tracer records every parameter a formula reads,
including those read on an event date through `policy_bd.dated_parameters`), done once per system,
period and set of variables and cached. Vectorised formulas read their parameters whatever the
inputs (both branches of `np.where` are computed), so the default situation reads what any
situation of that period would; a formula that reads a parameter only in a branch taken for
some inputs is the exception, and its parameter is then missed, not wrongly reported.
The module is engine-agnostic: it needs only an OpenFisca tax-benefit system.
"""

from __future__ import annotations

import datetime
import threading
import weakref
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import cachetools
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.parameters import Parameter, ParameterScale

from policy_bd import engine
from policy_bd.engine.explain import public_outputs

PAST_CHECK = "past_check"
NO_BUDGET_SOURCE = "no_budget_source"


@dataclass(frozen=True)
class StaleValue:
    """One parameter whose value in force on `on` has not been vouched for on that date."""

    parameter: str
    reason: str  # PAST_CHECK or NO_BUDGET_SOURCE
    on: str  # the date of the calculation
    value_since: str | None  # start date of the value in force
    last_checked: str | None  # last_value_still_valid_on
    budget_checked_through: str | None
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def fiscal_year(date: datetime.date) -> str:
    """'FY2026-27' for any date from 1 July 2026 to 30 June 2027."""
    start = date.year if date.month >= 7 else date.year - 1
    return f"FY{start}-{str(start + 1)[-2:]}"


def _as_date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


_LEAVES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def leaves(system) -> dict[str, Parameter | ParameterScale]:
    """Every parameter leaf (a value or a scale) of `system`, by dotted name.

    Walked once per system: a system's parameter tree does not change once built (a reform
    builds a new system)."""
    found = _LEAVES.get(system)
    if found is None:
        found = _LEAVES[system] = {
            leaf.name: leaf
            for leaf in system.parameters.get_descendants()
            if isinstance(leaf, Parameter | ParameterScale)
        }
    return found


def _value_since(leaf, on: datetime.date) -> str | None:
    values = leaf.values_list if isinstance(leaf, Parameter) else []
    if isinstance(leaf, ParameterScale):
        values = [
            v for bracket in leaf.brackets for c in bracket.children.values() for v in c.values_list
        ]
    starts = sorted(v.instant_str for v in values if v.instant_str <= on.isoformat())
    return starts[-1] if starts else None


def check(leaf, on: datetime.date) -> list[StaleValue]:
    """The staleness of one leaf's value in force on `on` (empty when it is vouched for)."""
    metadata = leaf.metadata or {}
    checked = _as_date(metadata.get("last_value_still_valid_on"))
    budget = _as_date(metadata.get("budget_checked_through"))
    since = _value_since(leaf, on)
    if since is None:  # no value in force: nothing is used, nothing is stale
        return []
    found = []
    common = {
        "parameter": leaf.name,
        "on": on.isoformat(),
        "value_since": since,
        "last_checked": checked.isoformat() if checked else None,
        "budget_checked_through": budget.isoformat() if budget else None,
    }
    if checked is not None and on > checked:
        found.append(
            StaleValue(
                reason=PAST_CHECK,
                message=(
                    f"{leaf.name}: the value in force since {since} was last checked on "
                    f"{checked.isoformat()}, before {on.isoformat()}"
                ),
                **common,
            )
        )
    if budget is not None and on > budget:
        found.append(
            StaleValue(
                reason=NO_BUDGET_SOURCE,
                message=(
                    f"{leaf.name}: no budget source for {fiscal_year(on)} (budget documents "
                    f"checked through {fiscal_year(budget)}); the value in force since {since} "
                    "is used"
                ),
                **common,
            )
        )
    return found


def stale_values(
    system, on: datetime.date, parameters: Iterable[str] | None = None
) -> list[StaleValue]:
    """Stale values on `on`, for the named leaves (dotted names) or for every leaf."""
    found = leaves(system)
    names = sorted(found) if parameters is None else sorted(set(parameters) & set(found))
    return [stale for name in names for stale in check(found[name], on)]


# ----- which parameters a calculation reads -------------------------------------------------

# Months and program selections are the caller's: bounded, so that no sequence of requests
# can grow a worker's memory without limit.
CACHED_CALCULATIONS = 512
_READS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()  # the caches are shared by a worker's threads


def _cached(caches: weakref.WeakKeyDictionary, system, key, compute):
    """`compute()`, once per system and key while the key stays among the recent ones."""
    with _CACHE_LOCK:
        cache = caches.setdefault(system, cachetools.LRUCache(maxsize=CACHED_CALCULATIONS))
        found = cache.get(key)
    if found is None:
        found = compute()  # outside the lock: two threads may compute it, both get the same
        with _CACHE_LOCK:
            cache[key] = found
    return found


def _leaf_names(system, read_names: Iterable[str]) -> frozenset[str]:
    """Trace names (`a.b.c`, `a.b.c[1]`, a node read whole) mapped to the leaves they cover."""
    known = leaves(system)
    found = set()
    for raw in read_names:
        name = raw.split("[", 1)[0]
        if name in known:
            found.add(name)
        else:  # a node read whole (e.g. a scale's bracket or a node passed to a helper)
            found.update(leaf for leaf in known if leaf.startswith(name + "."))
    return frozenset(found)


def _traced_reads(system, period: periods.Period, variables: tuple[str, ...]) -> frozenset[str]:
    simulation = engine.simulate(system, engine.read_columns(system, period, {"household_id": [1]}))
    simulation.trace = True
    for variable in variables:
        if variable not in system.variables:
            continue
        try:
            simulation.calculate(variable, period)
        except ParameterNotFoundError:  # before its law: it reads nothing
            continue
    names = set()
    stack = list(simulation.tracer.trees)
    while stack:
        node = stack.pop()
        names.update(item.name for item in node.parameters)
        stack.extend(node.children)
    engine.release(simulation)
    return _leaf_names(system, names)


def parameters_read(system, period, variables: Iterable[str]) -> frozenset[str]:
    """The leaves a calculation of `variables` at `period` reads (one traced run, cached)."""
    period = periods.period(period)
    key = (str(period), tuple(sorted(set(variables))))
    return _cached(_READS, system, key, lambda: _traced_reads(system, period, key[1]))


def program_variables() -> tuple[str, ...]:
    """The amount and eligibility variables of every program in the registry."""
    return tuple(public_outputs())


def program_warnings(
    system,
    period,
    program_names: Iterable[str] | None = None,
    language: str = "en",
    *,
    baseline=None,
) -> list[dict]:
    """`warnings` for the named programs of the registry (every program when None)."""
    return warnings(system, period, public_outputs(program_names), language, baseline=baseline)


def _dated_values(leaf) -> list[tuple]:
    if isinstance(leaf, ParameterScale):
        return [
            (f"{index}.{key}", v.instant_str, v.value)
            for index, bracket in enumerate(leaf.brackets)
            for key, child in sorted(bracket.children.items())
            for v in child.values_list
        ]
    return [(v.instant_str, v.value) for v in leaf.values_list]


def set_by_reform(baseline, reformed) -> frozenset[str]:
    """The leaves whose dated values a reform changed: their values are the reform's, which no
    freshness date vouches for or against."""
    if reformed is baseline:
        return frozenset()
    before, after = leaves(baseline), leaves(reformed)
    return frozenset(
        name
        for name, leaf in after.items()
        if name not in before or _dated_values(before[name]) != _dated_values(leaf)
    )


def warnings(
    system,
    period,
    variables: Iterable[str] | None = None,
    language: str = "en",
    *,
    baseline=None,
    read_directly: Iterable[str] = (),
) -> list[dict]:
    """Warnings for the stale values a calculation of `variables` (default: every program) at
    `period` reads, as JSON-ready dictionaries (the message in English or Bangla). With the
    `baseline` a reformed `system` came from, the values the reform sets are not reported;
    `read_directly` names the parameters (or nodes) the caller reads itself, outside formulas."""
    period = periods.period(period)
    variables = program_variables() if variables is None else tuple(variables)
    if baseline is None and not read_directly:
        found = _stale_reads(system, period, variables, language)
    else:
        found = _warning_dicts(
            _stale_values_read(system, period, variables, baseline, read_directly), language
        )
    return [dict(item) for item in found]  # the caller may add to its copies


_WARNINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _stale_reads(system, period: periods.Period, variables: tuple[str, ...], language: str):
    """`warnings` of a calculation under `system`'s own law, once per period, variables and
    language: every entitlements request asks the same, and the answer depends on nothing
    else."""
    return _cached(
        _WARNINGS,
        system,
        (str(period), variables, language),
        lambda: tuple(
            _warning_dicts(_stale_values_read(system, period, variables, None, ()), language)
        ),
    )


def _stale_values_read(system, period, variables, baseline, read_directly) -> list[StaleValue]:
    read = parameters_read(system, period, variables) | _leaf_names(system, read_directly)
    if baseline is not None:
        read = read - set_by_reform(baseline, system)
    return stale_values(system, period.start.date, read)


def _warning_dicts(found: Iterable[StaleValue], language: str) -> list[dict]:
    if language == "bn":
        return [{**stale.as_dict(), "message": bangla_message(stale)} for stale in found]
    return [stale.as_dict() for stale in found]


def scenario_warnings(
    baseline,
    reformed,
    period,
    variables: Iterable[str] | None = None,
    language: str = "en",
) -> list[dict]:
    """The warnings of a comparison (a compare, a microsimulation): each stale value once, with
    `scenarios`, the ones that read it (`baseline`, `reform`). `reformed` may be None (baseline
    law only); a value the reform sets is not reported for the reform."""
    found: dict[tuple[str, str], dict] = {}
    runs = [("baseline", baseline, None)]
    if reformed is not None:
        runs.append(("reform", reformed, baseline))
    for scenario, system, origin in runs:
        for item in warnings(system, period, variables, language, baseline=origin):
            key = (item["parameter"], item["reason"])
            found.setdefault(key, {**item, "scenarios": []})["scenarios"].append(scenario)
    return sorted(found.values(), key=lambda item: (item["parameter"], item["reason"]))


def warning_lines(items: Iterable[dict], prefix: str) -> list[str]:
    """One line per stale value, for a command's standard error."""
    return [
        f"{prefix}: warning: {item['message']}"
        + (f" ({', '.join(item['scenarios'])})" if item.get("scenarios") else "")
        for item in items
    ]


BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def bangla_message(stale: StaleValue) -> str:
    """The warning in Bangla: the parameter's name stays as it is (an identifier)."""

    def bn(text: str | None) -> str:
        return (text or "").translate(BANGLA_DIGITS)

    if stale.reason == NO_BUDGET_SOURCE:
        year = bn(fiscal_year(datetime.date.fromisoformat(stale.on)).removeprefix("FY"))
        return (
            f"{stale.parameter}: {year} অর্থবছরের কোনো বাজেট উৎস পাওয়া যায়নি; "
            f"{bn(stale.value_since)} থেকে কার্যকর মানটি ব্যবহার করা হয়েছে"
        )
    return (
        f"{stale.parameter}: {bn(stale.value_since)} থেকে কার্যকর মানটি সর্বশেষ "
        f"{bn(stale.last_checked)} তারিখে যাচাই করা হয়েছিল, {bn(stale.on)}-এর আগে"
    )


# The summary's sentences by reason, (English, Bangla); Bangla numbers and dates in Bangla
# digits, as in `bangla_message`. `detail=full` stays as it is: it is the request's field.
SUMMARY_MESSAGES = {
    PAST_CHECK: (
        "Values last checked before {on}: {count} (the oldest on {oldest}); detail=full lists "
        "them.",
        "{on}-এর আগে যাচাই করা মান: {count}টি (সবচেয়ে পুরোনো {oldest}); তালিকা detail=full উত্তরে।",
    ),
    NO_BUDGET_SOURCE: (
        "Values without a budget source for {year}: {count} (budgets checked through "
        "{oldest}); detail=full lists them.",
        "{year} অর্থবছরের বাজেট উৎস ছাড়া মান: {count}টি (বাজেট যাচাই {oldest} পর্যন্ত); "
        "তালিকা detail=full উত্তরে।",
    ),
}
# The date each reason's summary gives the oldest of: the field of a warning that says when
# its value was last vouched for.
OLDEST_CHECK_FIELD = {PAST_CHECK: "last_checked", NO_BUDGET_SOURCE: "budget_checked_through"}


def _summary_message(reason: str, count: int, on: str, oldest: str, language: str) -> str:
    english, bangla = SUMMARY_MESSAGES[reason]
    year = fiscal_year(datetime.date.fromisoformat(on))
    if reason == NO_BUDGET_SOURCE:
        oldest = fiscal_year(datetime.date.fromisoformat(oldest))
    if language != "bn":
        return english.format(on=on, count=count, oldest=oldest, year=year)
    return bangla.format(
        on=on.translate(BANGLA_DIGITS),
        count=str(count).translate(BANGLA_DIGITS),
        oldest=oldest.removeprefix("FY").translate(BANGLA_DIGITS),
        year=year.removeprefix("FY").translate(BANGLA_DIGITS),
    )


def warning_summary(items: Iterable[dict], language: str = "en") -> list[dict]:
    """The warnings of `warnings` (for one date) counted by reason: `reason`, `count`, the
    oldest `last_checked` (past_check) or `budget_checked_through` (no_budget_source) and one
    `message` in English or Bangla saying that `detail: full` lists them."""
    items = list(items)
    out = []
    for reason, field in OLDEST_CHECK_FIELD.items():
        found = [item for item in items if item["reason"] == reason]
        if not found:
            continue
        oldest = min(item[field] for item in found)
        out.append(
            {
                "reason": reason,
                "count": len(found),
                field: oldest,
                "message": _summary_message(reason, len(found), found[0]["on"], oldest, language),
            }
        )
    return out
