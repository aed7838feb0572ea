"""The /v1/entitlements answer from determinations: `full` (every criterion with the values it
read) or `summary` (sized for a phone), with household totals; and the criteria catalogue
(GET /v1/criteria) that the summary's codes refer to.

Summary: per member, its programs keyed by name, each `{"eligible": true, "amount": x,
"payment_schedule": "..."}` or, when not eligible, `{"failed": [codes]}` (not eligible and
amount 0 are implied: the two keys on every program would put a household of five over 12 KB;
an amount that is not 0 is given).

Failed criteria's codes are relative to their program: a criterion variable named
`<program>__<rest>` is written `<rest>` (`is_woman` under `widow_allowance` is
`widow_allowance__is_woman`); any other criterion, one shared between programs
(`labour_act__is_employee`) or an input (`dies`), keeps its full variable name. No program has
two criteria with the same code (`program_criteria` refuses it), so the catalogue resolves a
code back to its variable.

What does not depend on the person is not repeated per member:
- the sentence of each failed criterion ("Not met: <criterion>.") is in the catalogue, one per
  legislation and language, which clients cache by its ETag; the answer's `sentences`
  (`{program: {code: sentence}}`) gives only those the baseline catalogue has not, or words
  differently (a criterion a reform adds or relabels), or every failed one when the request
  asks `"sentences": true`;
- the programs not in force on the date (before their law, a proposal no reform switches on)
  are listed once, in `not_in_force`, with one sentence; `detail: full` gives each one's note;
- programs' labels (English and Bangla) are in the catalogue and in GET /v1/version.
Warnings are counted by reason rather than listed (`freshness.warning_summary`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from policy_bd import programs as program_registry
from policy_bd.explain import (
    BANGLA_DIGITS,
    WORDS,
    MemberDetermination,
    ProgramDetermination,
    _program_label,
    sentence,
)
from policy_bd.labels import label as variable_label
from policy_bd.programs import Program

DETAILS = ("summary", "full")


def totals(members: Iterable[MemberDetermination]) -> dict:
    """The household's total of each program and overall, by the period its amounts are for.

    A household program's amount is each member's household value: it is counted once.
    Amounts for different periods (a month, a lump sum, a year) are not added together.
    """
    programs: dict[str, dict] = {}
    for member in members:
        for item in member.programs:
            known = programs.get(item.program)
            if known is None:
                programs[item.program] = {
                    "amount": item.amount,
                    "amount_period": item.amount_period,
                    "period": item.period,
                    "recipients": int(item.amount > 0),
                }
            elif item.entity == "person":
                known["amount"] += item.amount
                known["recipients"] += int(item.amount > 0)
    overall: dict[str, float] = {}
    for item in programs.values():
        overall[item["amount_period"]] = overall.get(item["amount_period"], 0.0) + item["amount"]
    return {"programs": programs, "overall": overall}


def short_sentence(label: str, language: str) -> str:
    """'Not met: <criterion>.': a failed criterion's sentence without the values it read."""
    return sentence(label, False, (), language)


# ----- the criteria catalogue ---------------------------------------------------------------


def criterion_code(program: str, criterion: str) -> str:
    """The criterion's code under its program: `<rest>` for `<program>__<rest>`, else the
    variable's own name."""
    return criterion.removeprefix(f"{program}__")


@dataclass(frozen=True)
class CatalogueCriterion:
    """One criterion of a program, as a client shows it when the criterion is not met."""

    variable: str
    label: str
    sentence: str

    def as_dict(self) -> dict:
        return asdict(self)


def program_criteria(system, entry: Program, language: str) -> dict[str, CatalogueCriterion]:
    """The program's criteria by code, labelled from `system`; a criterion `system` does not
    define (a program of another legislation) is left out."""
    found: dict[str, CatalogueCriterion] = {}
    for criterion in entry.criteria:
        code = criterion_code(entry.name, criterion)
        if code in found:
            raise ValueError(
                f"{entry.name}: criteria {found[code].variable} and {criterion} share the "
                f"code {code}"
            )
        variable = system.variables.get(criterion)
        if variable is None:
            continue
        label = variable_label(variable, language)
        found[code] = CatalogueCriterion(criterion, label, short_sentence(label, language))
    return found


# Built once per legislation and language: the registry does not change while a service runs.
@functools.lru_cache(maxsize=8)
def catalogue(system, language: str) -> dict[str, dict[str, CatalogueCriterion]]:
    """Every registered program's criteria by code (`program_criteria`)."""
    return {
        name: program_criteria(system, entry, language)
        for name, entry in program_registry.programs().items()
    }


def catalogue_answer(system, language: str) -> dict:
    """GET /v1/criteria: per program, its label and its criteria by code."""
    registry = program_registry.programs()
    return {
        "language": language,
        "programs": {
            name: {
                "label": _program_label(registry[name], language),
                "criteria": {code: item.as_dict() for code, item in criteria.items()},
            }
            for name, criteria in catalogue(system, language).items()
        },
    }


# ----- summary ------------------------------------------------------------------------------


def programs_not_in_force(members: list[MemberDetermination]) -> list[str]:
    """The programs in force for no member (the same for all: it depends on the date)."""
    in_force = {item.program for member in members for item in member.programs if item.in_force}
    return [item.program for item in members[0].programs if item.program not in in_force]


def _not_in_force(names: list[str], legislation_date: str, language: str) -> dict:
    date = legislation_date.translate(BANGLA_DIGITS) if language == "bn" else legislation_date
    text = WORDS[language]["none_in_force"].format(date=date) if names else None
    return {"programs": names, "sentence": text}


@dataclass
class _Sentences:
    """The sentences a summary inlines: those the client's catalogue lacks, or all asked."""

    known: dict[str, dict[str, CatalogueCriterion]]
    language: str
    every_failed: bool
    found: dict[str, dict[str, str]]

    def note(self, program: str, code: str, criterion: str, label: str) -> None:
        text = short_sentence(label, self.language)
        listed = self.known.get(program, {}).get(code)
        in_catalogue = listed == CatalogueCriterion(criterion, label, text)
        if self.every_failed or not in_catalogue:
            self.found.setdefault(program, {})[code] = text


def _summary_program(item: ProgramDetermination, sentences: _Sentences) -> dict:
    if item.eligible:
        return {
            "eligible": True,
            "amount": item.amount,
            "payment_schedule": item.payment_schedule,
        }
    # Not eligible: `eligible: false` and `amount: 0.0` go without saying (they would be a
    # quarter of a household's summary); an amount is given only where it is not 0.
    out: dict = {"amount": item.amount} if item.amount else {}
    if not item.in_force:  # for this member, while it is in force for another one
        return {**out, "in_force": False}
    codes = []
    for reason in item.reasons:
        if reason.met:
            continue
        code = criterion_code(item.program, reason.criterion)
        codes.append(code)
        sentences.note(item.program, code, reason.criterion, reason.label)
    return {**out, "failed": codes}


def _household_totals(members: list[MemberDetermination]) -> dict:
    household = totals(members)
    household["programs"] = {
        name: {"amount": value["amount"], "amount_period": value["amount_period"]}
        for name, value in household["programs"].items()
        if value["amount"]
    }
    return household


def summary(
    members: list[MemberDetermination],
    language: str,
    *,
    legislation_date: str,
    known: dict[str, dict[str, CatalogueCriterion]],
    every_sentence: bool = False,
) -> dict:
    """The summary (module doc); `known` is the client's catalogue, the baseline's."""
    not_in_force = programs_not_in_force(members)
    sentences = _Sentences(known, language, every_sentence, {})
    answer_members = [
        {
            "id": member.id,
            "programs": {
                item.program: _summary_program(item, sentences)
                for item in member.programs
                if item.program not in not_in_force
            },
        }
        for member in members
    ]
    return {
        "members": answer_members,
        "not_in_force": _not_in_force(not_in_force, legislation_date, language),
        "sentences": sentences.found,
        "household": _household_totals(members),
    }


def full(members: list[MemberDetermination]) -> dict:
    return {
        "members": [member.as_dict() for member in members],
        "household": totals(members),
    }
