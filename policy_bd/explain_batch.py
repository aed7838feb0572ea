"""Reasons as columns: per person and program, the failed criteria's codes or sentences.

For a batch of any size, with array operations only:
- `failed_codes`: each person's failed criteria are the bits of one integer; the text (the
  criteria's variable names joined by ';') is written once per distinct combination;
- `failed_sentences`: each failed criterion's sentence, written by the function that writes
  `explain.determine`'s ("Not met: <criterion>. Decided by: <value>; <value>."), once per
  distinct combination of the values it read among the persons who failed it (found by
  `np.unique` over the values' codes); a program's sentences are joined by a space, once per
  distinct combination of sentences.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError

from policy_bd import programs as program_registry
from policy_bd.engine.compute import calculation_period
from policy_bd.explain import _check_language, evidence_and_sentence, plain_values
from policy_bd.explain_readsets import ReadSet, replayed_parameters, rules_for
from policy_bd.labels import label as variable_label

REASONS = ("codes", "sentences")
NOT_IN_FORCE = "not_in_force"  # the code of a program whose rules are not defined at the month


def _per_person(simulation, array, entity: str) -> np.ndarray:
    if entity == "person":
        return array
    return array[simulation.populations[entity].members_entity_id]


def _met(simulation, name: str, period) -> np.ndarray:
    variable = simulation.tax_benefit_system.variables[name]
    array = simulation.calculate(name, calculation_period(variable, period))
    return np.asarray(_per_person(simulation, array, variable.entity.key), dtype=bool)


def categorical(index: np.ndarray, texts: list[str]) -> pd.Categorical:
    """Each row's text, as the row's number in a list of distinct texts (few, however many
    rows): how the batch answers write them (a dictionary in JSON and Parquet)."""
    codes, distinct = pd.factorize(np.asarray(texts, dtype=object), use_na_sentinel=False)
    return pd.Categorical.from_codes(codes[index], categories=list(distinct))


def failed_codes(met: dict[str, np.ndarray], criteria: list[str]) -> pd.Categorical:
    """Each person's failed criteria, joined by ';' ('' when every criterion is met)."""
    count = len(next(iter(met.values()))) if met else 0
    bits = np.zeros(count, dtype=np.int64)
    for bit, criterion in enumerate(criteria):
        bits |= (~met[criterion]).astype(np.int64) << bit
    combinations, index = np.unique(bits, return_inverse=True)
    texts = [
        ";".join(c for bit, c in enumerate(criteria) if code >> bit & 1) for code in combinations
    ]
    return categorical(index.reshape(-1), texts)


def _distinct_rows(columns: list[np.ndarray], count: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of equal-length columns of codes (each >= -1), and each row's number
    among them: the columns are folded into one key, renumbered by hashing at each step so that
    it stays below the row count (no overflow, no sort)."""
    key = np.zeros(count, dtype=np.int64)
    for column in columns:
        radix = int(column.max(initial=-1)) + 2
        key, _ = pd.factorize(key * radix + (column + 1), use_na_sentinel=False)
        key = key.astype(np.int64, copy=False)
    distinct = int(key.max(initial=-1)) + 1
    first = np.empty(distinct, dtype=np.int64)
    first[key[::-1]] = np.arange(count - 1, -1, -1)  # the first row of each key
    rows = np.stack(columns, axis=1)[first] if columns else np.zeros((distinct, 0), np.int64)
    return rows, key


def criterion_sentences(
    simulation, read_set: ReadSet, rows: np.ndarray, language: str
) -> tuple[np.ndarray, list[str]]:
    """The 'Not met' sentence of a criterion for each of `rows` (persons who failed it): each
    row's number in a list of sentences, each written once by `explain.evidence_and_sentence`
    for one distinct combination of the values the criterion read."""
    system = simulation.tax_benefit_system
    label = variable_label(system.variables[read_set.criterion], language)
    codes, uniques = [], []
    for item in read_set.variables:
        array = simulation.calculate(item.name, periods.period(item.period))
        array = _per_person(simulation, array, item.entity)[rows]
        column_codes, column_values = pd.factorize(
            np.asarray(plain_values(array), dtype=object), use_na_sentinel=False
        )
        codes.append(column_codes)
        uniques.append(column_values)
    distinct, index = _distinct_rows(codes, rows.size)
    texts = [
        evidence_and_sentence(
            system,
            read_set,
            tuple(values[code] for values, code in zip(uniques, combination, strict=True)),
            met=False,
            language=language,
            label=label,
            keep=False,  # a batch has many distinct values: written once each, not kept
        )[1]
        for combination in distinct.tolist()
    ]
    return index, texts


def failed_sentences(
    simulation, read_sets: dict[str, ReadSet], met: dict, criteria: list[str], language: str
) -> pd.Categorical:
    """Each person's failed criteria's sentences, joined by a space ('' when none failed)."""
    count = simulation.persons.count
    numbers, texts = [], []
    for criterion in criteria:
        rows = np.flatnonzero(~met[criterion])
        number = np.full(count, -1, dtype=np.int64)
        found: list[str] = []
        if rows.size:
            number[rows], found = criterion_sentences(
                simulation, read_sets[criterion], rows, language
            )
        numbers.append(number)
        texts.append(found)
    distinct, index = _distinct_rows(numbers, count)
    joined = [
        " ".join(texts[column][n] for column, n in enumerate(combination) if n >= 0)
        for combination in distinct.tolist()
    ]
    return categorical(index, joined)


def reason_columns(
    simulation,
    period: str | periods.Period,
    program_names: Iterable[str],
    *,
    reasons: str = "codes",
    language: str = "en",
    given: Iterable[str] = (),
) -> dict[str, pd.Categorical]:
    """Person columns `<program>__failed` (codes) and, for sentences, `<program>__reasons`.

    `given`: the input columns; a criterion given as an input read nothing, so its sentence
    has no deciding values (as in `explain.determine`)."""
    if reasons not in REASONS:
        raise ValueError(f"reasons must be one of {', '.join(REASONS)}, not {reasons!r}")
    _check_language(language)
    period = periods.period(period)
    registry = program_registry.programs()
    names = list(program_names)
    given = set(given)
    criteria = list(dict.fromkeys(c for name in names for c in registry[name].criteria))
    rules = rules_for(simulation.tax_benefit_system, period, criteria)
    count = simulation.persons.count
    columns: dict[str, pd.Categorical] = {}
    replayed: dict[str, ReadSet] = {}
    for name in names:
        entry = registry[name]
        try:
            met = {criterion: _met(simulation, criterion, period) for criterion in entry.criteria}
        except ParameterNotFoundError:
            columns[f"{name}__failed"] = categorical(np.zeros(count, np.int64), [NOT_IN_FORCE])
            if reasons == "sentences":
                columns[f"{name}__reasons"] = columns[f"{name}__failed"]
            continue
        columns[f"{name}__failed"] = failed_codes(met, entry.criteria)
        if reasons == "sentences":
            read_sets = {}
            for criterion in entry.criteria:
                learnt = rules.read_sets[criterion]
                if criterion in given:
                    learnt = ReadSet(criterion, learnt.period)
                elif learnt.dated:
                    if criterion not in replayed:
                        parameters, _ = replayed_parameters(simulation, learnt)
                        replayed[criterion] = ReadSet(
                            learnt.criterion,
                            learnt.period,
                            learnt.variables,
                            parameters,
                            learnt.replayable,
                        )
                    learnt = replayed[criterion]
                read_sets[criterion] = learnt
            sentences = failed_sentences(simulation, read_sets, met, entry.criteria, language)
            columns[f"{name}__reasons"] = sentences
        if entry.in_force_variable:
            in_force = _met(simulation, entry.in_force_variable, period)
            for column in (f"{name}__failed", f"{name}__reasons"):
                if column in columns:
                    columns[column] = _where_not_in_force(columns[column], in_force)
    return columns


def _where_not_in_force(column: pd.Categorical, in_force: np.ndarray) -> pd.Categorical:
    """`column`, with NOT_IN_FORCE for the persons the program does not apply to on the date."""
    if in_force.all():
        return column
    texts = [*column.categories, NOT_IN_FORCE]
    codes = np.where(in_force, column.codes, len(texts) - 1)
    return categorical(codes, texts)


def programs_of_outputs(outputs: Iterable[str]) -> list[str]:
    """The programs whose amount or eligibility is among `outputs`, in registry order."""
    wanted = set(outputs)
    return [
        name
        for name, entry in program_registry.programs().items()
        if entry.amount_variable in wanted or entry.eligibility_variable in wanted
    ]


def batch_reasons(simulation, period, outputs: Iterable[str], batch) -> dict[str, np.ndarray]:
    """The reason columns a batch request asks for (`batch.reasons`, `batch.language`)."""
    return reason_columns(
        simulation,
        period,
        programs_of_outputs(outputs),
        reasons=batch.reasons,
        language=batch.language,
        given={*batch.persons, *(batch.households or {})},
    )


def sentence_columns(simulation, period, program_names, language: str) -> dict[str, np.ndarray]:
    """`<program>_sentences`: each program's failed criteria as sentences (returnee screening)."""
    columns = reason_columns(
        simulation, period, list(program_names), reasons="sentences", language=language
    )
    return {f"{name}_sentences": columns[f"{name}__reasons"] for name in program_names}
