"""What the pages show about the legislation: parameters (value today, history, sources) and
programs (status, criteria, parameters), read from the loaded system and the program registry.

Nothing here computes a benefit: it only reads the parameter tree and the registry.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools

from openfisca_core.parameters import Parameter

from policy_bd import programs as program_registry
from policy_bd.labels import label as variable_label


def _references(metadata: dict) -> list[dict]:
    found = metadata.get("reference") or []
    if isinstance(found, dict | str):
        found = [found]
    out = []
    for item in found:
        if isinstance(item, dict):
            out.append(
                {
                    "title": str(item.get("title") or item.get("href") or ""),
                    "href": item.get("href"),
                }
            )
        else:
            out.append(
                {"title": str(item), "href": str(item) if str(item).startswith("http") else None}
            )
    return out


def _plain(value):
    return value.item() if hasattr(value, "item") else value


def value_on(leaf: Parameter, date: datetime.date) -> tuple[object, str | None]:
    """The value in force on `date` and the date it started (None, None before the first)."""
    day = date.isoformat()
    for item in leaf.values_list:  # newest first
        if item.instant_str <= day:
            return _plain(item.value), item.instant_str
    return None, None


def describe_leaf(leaf: Parameter, today: datetime.date) -> dict:
    value, since = value_on(leaf, today)
    history = [
        {
            "start": item.instant_str,
            "value": _plain(item.value),
            "references": _references(item.metadata),
        }
        for item in reversed(leaf.values_list)
    ]
    return {
        "id": leaf.name,
        "label": leaf.description or leaf.name,
        "label_bn": leaf.metadata.get("label_bn") or "",
        "unit": leaf.metadata.get("unit"),
        "value": value,
        "since": since,
        "kind": "boolean" if isinstance(value, bool) else "number",
        "history": history,
        "documentation": (leaf.documentation or "").strip(),
        "checked_on": str(leaf.metadata.get("last_value_still_valid_on") or ""),
    }


@functools.lru_cache(maxsize=4)
def parameters(system, today: datetime.date) -> dict[str, dict]:
    """Every parameter leaf of `system`, described as of `today`, by id."""
    return {
        leaf.name: describe_leaf(leaf, today)
        for leaf in system.parameters.get_descendants()
        if isinstance(leaf, Parameter)
    }


def belongs(name: str, category: str, leaf_id: str) -> bool:
    """Whether a parameter is one of a program's, by the folder convention: the program's name
    mirrors its parameter path (labour_act.maternity -> maternity, nsis.unemployment ->
    nsis_unemployment, migrant_welfare.pkb_loans.migration -> pkb_migration_loan)."""
    target = name.removesuffix("_loan")
    if target.startswith("pkb_"):
        target = target.replace("pkb_", "pkb_loans_", 1)
    parts = leaf_id.split(".")
    heads = [parts[1:]] if parts[0] == category else [parts]
    joins = {"_".join(seq[:j]) for seq in heads for j in range(1, len(seq) + 1)}
    if parts[0] == "migrant_welfare":
        migrant = {"migrant_" + "_".join(parts[1:j]) for j in range(2, len(parts) + 1)}
        # The insurance products share the policy's parameters (cover, premium, ages).
        if any(target.startswith(join + "_") for join in migrant):
            return True
        joins |= migrant
    return target in joins or any(join.startswith(target + "_") for join in joins)


def program_parameters(system, name: str, today: datetime.date) -> list[dict]:
    category = program_registry.programs()[name].category
    return [
        described
        for leaf_id, described in parameters(system, today).items()
        if belongs(name, category, leaf_id)
    ]


def program(system, name: str, language: str, today: datetime.date) -> dict | None:
    entry = program_registry.programs().get(name)
    if entry is None:
        return None
    criteria = []
    for criterion in entry.criteria:
        variable = system.variables.get(criterion)
        if variable is None:
            continue
        reference = variable.reference or []
        criteria.append(
            {
                "name": criterion,
                "label": variable_label(variable, language),
                "references": _references({"reference": list(reference)}),
            }
        )
    return {
        **dataclasses.asdict(entry),
        "title": entry.label_bn if language == "bn" else entry.label,
        "criteria_described": criteria,
        "parameters": program_parameters(system, name, today),
    }
