"""Sources a reader can open: reference links counted by kind, for parameters and variables.

A reference is a *document* when its URL has a path or a query (a bdlaws section, a gazette PDF,
a union notice, a news article); a *bare site* when it is only a site's address
(https://dss.gov.bd/), which leads to no document; *none* when it has no URL at all (a title
whose page address was not found says so in the title).

Parameters: every reference of every dated value (scale brackets included) is counted.
Variables: OpenFisca's Legislation Explorer turns each item of a variable's `reference` into a
link, so a variable counts as *document* when one of its items is a document URL, *bare* when
its only URLs are bare sites, *none* when no item is a URL (a text-only reference).

Run as a script for the counts: `python tests/test_reference_links.py [--list]`.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from urllib.parse import urlsplit

from openfisca_core.parameters import Parameter, ParameterScale

URL = re.compile(r"https?://[^\s)\]]+")
KINDS = ("document", "bare", "none")
MAX_BARE_SHARE = 0.05


def link_kind(text: str) -> str:
    urls = URL.findall(text or "")
    if not urls:
        return "none"
    for url in urls:
        parts = urlsplit(url)
        if parts.path.strip("/") or parts.query:
            return "document"
    return "bare"


def _dated_values(leaf):
    if isinstance(leaf, Parameter):
        yield from ((leaf.name, value) for value in leaf.values_list)
    elif isinstance(leaf, ParameterScale):
        for index, bracket in enumerate(leaf.brackets):
            for key, child in bracket.children.items():
                for value in child.values_list:
                    yield f"{leaf.name}[{index}].{key}", value


def parameter_links(system) -> list[tuple[str, str, str]]:
    """(parameter@date, reference text, kind) for every reference of every dated value."""
    rows = []
    for leaf in system.parameters.get_descendants():
        for name, value in _dated_values(leaf):
            for ref in (value.metadata or {}).get("reference") or []:
                text = ref.get("href", "") if isinstance(ref, dict) else str(ref)
                label = ref.get("title", "") if isinstance(ref, dict) else str(ref)
                rows.append((f"{name}@{value.instant_str}", label, link_kind(text)))
    return rows


def variable_links(system) -> list[tuple[str, str]]:
    """(variable, kind): the best kind among the items the explorer turns into links."""
    rows = []
    for name, variable in system.variables.items():
        reference = variable.reference or []
        items = [reference] if isinstance(reference, str) else list(reference)
        standalone = [item for item in items if URL.fullmatch(str(item).strip())]
        kinds = {link_kind(item) for item in standalone}
        kind = next((k for k in KINDS if k in kinds), "none")
        rows.append((name, kind))
    return rows


def counts(system) -> dict[str, Counter]:
    return {
        "parameters": Counter(kind for *_, kind in parameter_links(system)),
        "variables": Counter(kind for _, kind in variable_links(system)),
    }


def _share(counter: Counter, kind: str) -> float:
    total = sum(counter.values())
    return counter[kind] / total if total else 0.0


def test_bare_site_links_are_at_most_five_percent_of_parameter_references(system):
    rows = parameter_links(system)
    counter = Counter(kind for *_, kind in rows)
    bare = [f"{where}: {label}" for where, label, kind in rows if kind == "bare"]
    assert _share(counter, "bare") <= MAX_BARE_SHARE, (
        f"{counter['bare']} of {sum(counter.values())} parameter references are bare site "
        "addresses (> 5%); point them at the document:\n" + "\n".join(bare)
    )


def test_bare_site_links_are_at_most_five_percent_of_variables(system):
    rows = variable_links(system)
    counter = Counter(kind for _, kind in rows)
    bare = [name for name, kind in rows if kind == "bare"]
    assert _share(counter, "bare") <= MAX_BARE_SHARE, (
        f"{counter['bare']} of {len(rows)} variables link only to bare sites: {bare}"
    )


def test_every_variable_reference_has_a_link(system):
    """The explorer links every item: a variable with no URL item offers only dead links."""
    missing = [name for name, kind in variable_links(system) if kind == "none"]
    assert not missing, f"variables whose reference has no URL: {missing}"


def test_every_variable_reference_item_is_a_title_or_a_url(system):
    """Titles and URLs alternate as separate items, so each URL item is a whole link."""
    glued = [
        f"{name}: {item}"
        for name, variable in system.variables.items()
        for item in (
            [variable.reference]
            if isinstance(variable.reference, str)
            else variable.reference or []
        )
        if URL.search(str(item)) and not URL.fullmatch(str(item).strip())
    ]
    assert not glued, "reference items mixing a title and a URL:\n" + "\n".join(glued)


def test_link_kinds():
    assert link_kind("http://bdlaws.minlaw.gov.bd/act-952/section-26454.html") == "document"
    assert link_kind("https://socialprotection.gov.bd/?p=382") == "document"
    assert link_kind("https://dss.gov.bd/") == "bare"
    assert link_kind("https://dss.gov.bd") == "bare"
    assert link_kind("Labour Act 2006, s.46") == "none"


def main(argv: list[str]) -> int:
    from policy_bd.system import baseline_system

    system = baseline_system()
    for what, counter in counts(system).items():
        total = sum(counter.values())
        shown = ", ".join(f"{kind} {counter[kind]} ({counter[kind] / total:.1%})" for kind in KINDS)
        print(f"{what}: {total} links - {shown}")
    if "--list" in argv:
        for where, label, kind in parameter_links(system):
            if kind != "document":
                print(f"parameter {kind}: {where}: {label}")
        for name, kind in variable_links(system):
            if kind != "document":
                print(f"variable {kind}: {name}: {system.variables[name].reference}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
