"""The source of each dated value in `/parameter/<id>`, which stock OpenFisca's loader drops.

Stock `build_data` serves a parameter's `values` as `{date: value}` and discards the metadata of
each value, so no client can show where a value comes from. `add_value_references` adds, beside
the untouched `values`, a `references` map `{date: [{title, href}, ...]}` and, where a gazette
date is recorded, `official_journal_dates` `{date: "YYYY-MM-DD"}`. Scale brackets contribute the
references of their thresholds and rates under the date of each value.
"""

from __future__ import annotations

from openfisca_core.parameters import Parameter, ParameterScale


def _dated_metadata(leaf):
    if isinstance(leaf, Parameter):
        yield from leaf.values_list
    elif isinstance(leaf, ParameterScale):
        for bracket in leaf.brackets:
            for child in bracket.children.values():
                yield from child.values_list


def value_references(leaf) -> tuple[dict, dict]:
    """({date: [reference, ...]}, {date: official journal date}) of one parameter leaf."""
    references: dict[str, list] = {}
    journal_dates: dict[str, str] = {}
    for value in _dated_metadata(leaf):
        metadata = value.metadata or {}
        for ref in metadata.get("reference") or []:
            entry = ref if isinstance(ref, dict) else {"title": str(ref)}
            if entry not in references.setdefault(value.instant_str, []):
                references[value.instant_str].append(entry)
        if metadata.get("official_journal_date"):
            journal_dates[value.instant_str] = str(metadata["official_journal_date"])
    return dict(sorted(references.items(), reverse=True)), journal_dates


def add_value_references(api_parameters: dict, system) -> None:
    """Add `references` (and `official_journal_dates`) to each leaf of stock's parameter data."""
    for leaf in system.parameters.get_descendants():
        if not isinstance(leaf, Parameter | ParameterScale):
            continue
        served = api_parameters.get(leaf.name.replace(".", "/"))
        if served is None:
            continue
        references, journal_dates = value_references(leaf)
        served["references"] = references
        if journal_dates:
            served["official_journal_dates"] = journal_dates
