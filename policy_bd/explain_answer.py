"""The /v1/entitlements answer from determinations: `full` (every criterion with the values it
read) or `summary` (sized for a phone), with household totals.

Summary: per member and program, eligibility, amount and, when eligible, the payment schedule;
when not eligible, the codes of the failed criteria. The sentence of each failed criterion
("Not met: <criterion>.") is given once per answer, in `sentences`, rather than once per member:
it does not depend on the person. Programs' labels (English and Bangla) do not change between
answers: they are in GET /v1/version, which clients can cache.
"""

from __future__ import annotations

from collections.abc import Iterable

from policy_bd.explain import WORDS, MemberDetermination, ProgramDetermination

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


def short_sentence(reason, language: str) -> str:
    words = WORDS[language]
    return f"{words['not_met']}: {reason.label.rstrip('.')}{words['end']}"


def _summary_program(item: ProgramDetermination, sentences: dict, language: str) -> dict:
    out: dict = {"program": item.program, "eligible": item.eligible, "amount": item.amount}
    if item.eligible:
        out["payment_schedule"] = item.payment_schedule
        return out
    if not item.in_force:
        out["note"] = item.note
        return out
    failed = [reason for reason in item.reasons if not reason.met]
    out["failed"] = [reason.criterion for reason in failed]
    for reason in failed:
        if reason.criterion not in sentences:
            sentences[reason.criterion] = short_sentence(reason, language)
    return out


def summary(members: list[MemberDetermination], language: str) -> dict:
    sentences: dict[str, str] = {}
    answer_members = []
    for member in members:
        programs = []
        for item in member.programs:
            programs.append(_summary_program(item, sentences, language))
        answer_members.append({"id": member.id, "programs": programs})
    household = totals(members)
    household["programs"] = {
        name: {"amount": value["amount"], "amount_period": value["amount_period"]}
        for name, value in household["programs"].items()
        if value["amount"]
    }
    return {
        "members": answer_members,
        "sentences": sentences,
        "household": household,
    }


def full(members: list[MemberDetermination]) -> dict:
    return {
        "members": [member.as_dict() for member in members],
        "household": totals(members),
    }


def answer(members: list[MemberDetermination], language: str, detail: str) -> dict:
    """The members' part of an entitlements answer, in the asked detail."""
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {', '.join(DETAILS)}, not {detail!r}")
    return summary(members, language) if detail == "summary" else full(members)
