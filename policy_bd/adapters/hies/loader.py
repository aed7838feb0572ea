"""Read HIES Stata files into the microsimulation's sample, reporting every value not used.

A YAML mapping per survey round (`mappings/hies2022.yaml`, `hies2016.yaml`, `sarmd.yaml`, or a
file of your own) says which file and variable gives each column of the sample schema, with
codes, ranges and defaults. The loader applies it with vectorised pandas operations and builds
what the survey does not hold ready-made, as the World Bank harmonisation does:

- wages per person: (daily cash + daily in-kind) x days a month x months / 12, plus the monthly
  salary x months / 12, plus in-kind pay over 12 months / 12, summed over the person's jobs;
  the main job (most days worked over the year) gives the status, employer and sector;
- enterprise income: each enterprise's net income times the household's share, shared equally
  between the household's self-employed members and employers;
- reported safety-net receipt: one row per person and programme, matched to the program
  registry by code (2016) or by value label (2022), with the cash received over 12 months.

Nothing is dropped silently. Every unmapped code, value out of range, missing value given a
default, row without a household, household without a weight or consumption (dropped), and
column or section the mapping could not build, is a `LoadProblem` in the report.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import yaml

from policy_bd.microsim.sample import Sample
from policy_bd.microsim.schema import (
    HOUSEHOLD_COLUMNS,
    PERSON_COLUMNS,
    reported_columns,
    validate,
)

MAPPINGS_DIR = Path(__file__).parent / "mappings"
ROUNDS = {"2022": "hies2022.yaml", "2016": "hies2016.yaml", "sarmd": "sarmd.yaml"}
PERSON_ID_FACTOR = 1000
MISSING = "missing"


@dataclass(frozen=True)
class LoadProblem:
    file: str
    column: str
    target: str
    problem: str
    count: int
    action: str
    example: str = ""

    def __str__(self) -> str:
        example = f" (e.g. {self.example})" if self.example else ""
        where = f"{self.file}:{self.column}" if self.column else self.file
        return (
            f"{where} -> {self.target}: {self.problem}{example}, {self.count} rows: {self.action}"
        )

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "column": self.column,
            "target": self.target,
            "problem": self.problem,
            "count": self.count,
            "action": self.action,
            "example": self.example,
        }


@dataclass
class LoadReport:
    problems: list[LoadProblem] = field(default_factory=list)

    def add(self, *args, **kwargs) -> None:
        self.problems.append(LoadProblem(*args, **kwargs))

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([problem.as_dict() for problem in self.problems])

    def text(self) -> str:
        return "\n".join(str(problem) for problem in self.problems) or "no problems"

    def __len__(self) -> int:
        return len(self.problems)


@dataclass
class LoadResult:
    sample: Sample
    report: LoadReport


class HiesLoadError(ValueError):
    """The files cannot give a sample at all (a file or key missing); `.report` says why."""

    def __init__(self, message: str, report: LoadReport) -> None:
        self.message = message  # one line: the file and what is wrong with it
        self.report = report
        super().__init__(f"{message}\n{report.text()}" if len(report) else message)


def load_mapping(round_or_path: str | Path) -> dict:
    path = Path(round_or_path)
    if str(round_or_path) in ROUNDS:
        path = MAPPINGS_DIR / ROUNDS[str(round_or_path)]
    if not path.is_file():
        known = ", ".join(ROUNDS)
        raise ValueError(f"{round_or_path!r} is neither a known round ({known}) nor a mapping file")
    try:
        mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        reason = "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else "not valid YAML"
        raise ValueError(f"{path}: not a mapping file ({reason})") from None
    if not isinstance(mapping, dict) or not isinstance(mapping.get("files"), dict):
        raise ValueError(f"{path}: not a mapping file (no 'files' section)")
    return mapping


# ---------------------------------------------------------------------------------------------
# Files and keys
# ---------------------------------------------------------------------------------------------


@dataclass
class SourceFile:
    name: str
    frame: pd.DataFrame
    labels: dict[str, dict]  # column -> {code: value label}
    columns: dict[str, str]  # lower-case name -> actual name
    person_key: str | None = None  # this file's name for the member number, if not the usual

    def column(self, name: str) -> str | None:
        return self.columns.get(name.lower())


def _find(directory: Path, spec: dict) -> Path | None:
    if "name" in spec:
        for path in directory.iterdir():
            if path.name.lower() == spec["name"].lower():
                return path
        return None
    matches = sorted(
        path for path in directory.iterdir() if fnmatch.fnmatch(path.name.lower(), spec["pattern"])
    )
    return matches[0] if matches else None


def _read_files(directory: Path, mapping: dict, report: LoadReport) -> dict[str, SourceFile]:
    files = {}
    for key, spec in mapping["files"].items():
        path = _find(directory, spec)
        if path is None:
            wanted = spec.get("name") or spec.get("pattern")
            if spec.get("optional"):
                report.add(wanted, "", key, "file not found", 0, "section not built")
                continue
            report.add(wanted, "", key, "file not found", 0, "cannot load")
            raise HiesLoadError(
                f"{directory / wanted}: not found (the {key} file the mapping needs)", report
            )
        try:
            frame, meta = pyreadstat.read_dta(str(path))
        except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError, OSError) as error:
            reason = str(error).strip().rstrip("!.") or type(error).__name__
            raise HiesLoadError(f"{path}: not a readable Stata file ({reason})", report) from None
        files[key] = SourceFile(
            path.name,
            frame,
            meta.variable_value_labels or {},
            {column.lower(): column for column in frame.columns},
            spec.get("person_key"),
        )
    return files


def _key_text(values: pd.Series) -> pd.Series:
    """Identifiers as text: 12.0 and 12 give the same key."""
    if values.dtype.kind == "f" and (values.dropna() == values.dropna().round()).all():
        return values.astype("Int64").astype(str)
    return values.astype(str)


def _keys(source: SourceFile, mapping: dict, person: bool) -> pd.Series | None:
    person_key = source.person_key or mapping["keys"]["person"]
    names = list(mapping["keys"]["household"]) + ([person_key] if person else [])
    columns = [source.column(name) for name in names]
    if None in columns:
        return None
    parts = [_key_text(source.frame[column]) for column in columns]
    key = parts[0]
    for part in parts[1:]:
        key = key + "|" + part
    return key


# ---------------------------------------------------------------------------------------------
# Rules: one column of the schema from one or more source columns
# ---------------------------------------------------------------------------------------------


def _example(values: pd.Series) -> str:
    return ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in values.unique()[:3])


def _raw(source: SourceFile, rule: dict, target: str, report: LoadReport) -> pd.Series | None:
    names = rule["sum"] if "sum" in rule else [rule["column"]]
    found = [source.column(name) for name in names]
    missing = [name for name, column in zip(names, found, strict=True) if column is None]
    if missing:
        report.add(source.name, ", ".join(missing), target, "column not found", 0, "not built")
        return None
    if "sum" in rule:
        block = source.frame[found].apply(pd.to_numeric, errors="coerce")
        total = block.sum(axis=1, min_count=1)
        return total
    return source.frame[found[0]]


def apply_rule(
    values: pd.Series, source: SourceFile, rule: dict, target: str, report: LoadReport
) -> pd.Series:
    """Codes, labels, scale, range and default of one rule, every departure reported."""
    column = rule.get("column", "+".join(rule.get("sum", [])))
    out = values.copy()
    present = values.notna()
    if "codes" in rule or "labels" in rule:
        if "codes" in rule:
            codes = {float(code): target_value for code, target_value in rule["codes"].items()}
            numeric = pd.to_numeric(values, errors="coerce")
            out = numeric.map(codes)
        else:
            labels = source.labels.get(source.column(column) or "", {})
            text = values.map(lambda v: labels.get(v, v)).astype(str).str.lower()
            out = pd.Series(np.nan, index=values.index, dtype=object)
            for value, words in rule["labels"].items():
                hit = text.str.contains("|".join(words), regex=True) & out.isna()
                out[hit] = value
        unmapped = present & out.isna()
        if unmapped.any():
            if "otherwise" in rule:
                out[unmapped] = rule["otherwise"]
            else:
                action = (
                    f"set to {rule['default']!r}" if "default" in rule else "treated as missing"
                )
                report.add(
                    source.name,
                    column,
                    target,
                    "unmapped code",
                    int(unmapped.sum()),
                    action,
                    _example(values[unmapped]),
                )
    else:
        out = pd.to_numeric(values, errors="coerce")
        bad_text = present & out.isna()
        if bad_text.any():
            report.add(
                source.name,
                column,
                target,
                "not a number",
                int(bad_text.sum()),
                "treated as missing",
                _example(values[bad_text]),
            )
        if "scale" in rule:
            out = out * float(rule["scale"])
        low, high = rule.get("min", -np.inf), rule.get("max", np.inf)
        outside = out.notna() & ((out < low) | (out > high))
        if outside.any():
            action = f"set to {rule['default']!r}" if "default" in rule else "treated as missing"
            report.add(
                source.name,
                column,
                target,
                f"out of range [{low}, {high}]",
                int(outside.sum()),
                action,
                _example(values[outside]),
            )
            out[outside] = np.nan
    if "default" in rule:
        absent = out.isna()
        originally_missing = absent & ~present
        if originally_missing.any():
            report.add(
                source.name,
                column,
                target,
                "missing value",
                int(originally_missing.sum()),
                f"set to {rule['default']!r}",
            )
        out = out.where(~absent, rule["default"])
    return out


def _by_key(source: SourceFile, keys: pd.Series, values: pd.Series, universe: pd.Index):
    """Values aligned to the universe's keys (first row per key); keys outside are orphans."""
    frame = pd.DataFrame({"key": keys.to_numpy(), "value": values.to_numpy()})
    first = frame.drop_duplicates("key").set_index("key")["value"]
    orphans = int((~frame["key"].isin(universe)).sum())
    return first.reindex(universe), orphans


# ---------------------------------------------------------------------------------------------
# The loader
# ---------------------------------------------------------------------------------------------


def _columns_for(
    level: str,
    rules: dict,
    *,
    files: dict[str, SourceFile],
    mapping: dict,
    universe: pd.Index,
    report: LoadReport,
) -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    """Each mapped column on the universe, and the rows each required column leaves empty."""
    out, required_missing = {}, {}
    orphan_seen = set()
    for target, rule in rules.items():
        source = files.get(rule["file"])
        if source is None:
            if "default" in rule:
                out[target] = pd.Series(rule["default"], index=universe)
            continue
        keys = _keys(source, mapping, person=level == "person")
        if keys is None:
            report.add(source.name, "", target, "identifier columns not found", 0, "not built")
            continue
        raw = _raw(source, rule, target, report)
        if raw is None:
            continue
        aligned, orphans = _by_key(source, keys, raw, universe)
        if orphans and source.name not in orphan_seen:
            orphan_seen.add(source.name)
            report.add(
                source.name,
                "",
                level,
                f"rows whose {level} is not in the sample",
                orphans,
                "ignored",
            )
        not_found = aligned.isna() & ~universe.isin(keys)
        if not_found.any() and "default" not in rule:
            report.add(
                source.name,
                "",
                target,
                f"{level}s with no row in the file",
                int(not_found.sum()),
                "treated as missing",
            )
        value = apply_rule(aligned, source, rule, target, report)
        out[target] = value
        if rule.get("required"):
            required_missing[target] = value.isna()
    return out, required_missing


def _employment(files, mapping, person_keys: pd.Index, report: LoadReport) -> dict:
    spec = mapping.get("employment")
    if not spec:
        return {}
    jobs_spec = spec["jobs"]
    jobs = files.get(jobs_spec["file"])
    if jobs is None:
        return {}
    keys = _keys(jobs, mapping, person=True)
    if keys is None:
        report.add(jobs.name, "", "employment", "identifier columns not found", 0, "not built")
        return {}

    def column(source: SourceFile, name: str | None) -> pd.Series:
        actual = source.column(name) if name else None
        if name and actual is None:
            report.add(source.name, name, "employment", "column not found", 0, "taken as 0")
        return (
            pd.to_numeric(source.frame[actual], errors="coerce")
            if actual
            else pd.Series(np.nan, index=source.frame.index)
        )

    frame = pd.DataFrame({"key": keys.to_numpy()})
    frame["activity"] = column(jobs, jobs_spec.get("activity")).to_numpy()
    for name in ("industry", "months", "days"):
        frame[name] = column(jobs, jobs_spec.get(name)).to_numpy()
    status = pd.Series(np.nan, index=jobs.frame.index)
    for name in jobs_spec.get("status", []):
        status = status.fillna(column(jobs, name))
    frame["status"] = status.to_numpy()
    wage_names = ("daily_cash", "daily_kind", "monthly_salary", "kind_12_months", "employer")
    wages_spec = spec.get("wages")
    if wages_spec and wages_spec["file"] in files:
        wages = files[wages_spec["file"]]
        wage_keys = _keys(wages, mapping, person=True)
        if wage_keys is None:
            report.add(wages.name, "", "wages", "identifier columns not found", 0, "not built")
            wage_keys = pd.Series("", index=wages.frame.index)
        wage_frame = pd.DataFrame({"key": wage_keys.to_numpy()})
        wage_frame["activity"] = column(wages, wages_spec.get("activity")).to_numpy()
        for name in wage_names:
            wage_frame[name] = column(wages, wages_spec.get(name)).to_numpy()
        frame = frame.merge(wage_frame, on=["key", "activity"], how="left")
    else:
        for name in wage_names:
            frame[name] = column(jobs, jobs_spec.get(name)).to_numpy()
    for name, high in (("months", 12), ("days", 31)):
        bad = frame[name].notna() & ((frame[name] < 0) | (frame[name] > high))
        if bad.any():
            report.add(
                jobs.name,
                jobs_spec[name],
                name,
                f"out of range [0, {high}]",
                int(bad.sum()),
                "job taken as not worked",
                _example(frame.loc[bad, name]),
            )
            frame.loc[bad, name] = 0
    for name in ("daily_cash", "daily_kind", "monthly_salary", "kind_12_months"):
        bad = frame[name] < 0
        if bad.any():
            report.add(
                jobs.name,
                name,
                "wage_income_monthly",
                "negative amount",
                int(bad.sum()),
                "taken as 0",
                _example(frame.loc[bad, name]),
            )
            frame.loc[bad, name] = 0
    months, days = frame["months"].fillna(0), frame["days"].fillna(0)
    frame["wage"] = (
        (frame["daily_cash"].fillna(0) + frame["daily_kind"].fillna(0)) * days * months
        + frame["monthly_salary"].fillna(0) * months
        + frame["kind_12_months"].fillna(0)
    ) / 12
    frame["worked"] = days * months
    orphans = ~frame["key"].isin(person_keys)
    if orphans.any():
        report.add(
            jobs.name,
            "",
            "person",
            "rows whose person is not in the sample",
            int(orphans.sum()),
            "ignored",
        )
    frame = frame[~orphans]
    wage = frame.groupby("key")["wage"].sum().reindex(person_keys, fill_value=0.0)
    main = frame.sort_values("worked", ascending=False, kind="stable").drop_duplicates("key")
    main = main.set_index("key").reindex(person_keys)
    employed = main["worked"].fillna(0) > 0

    status_codes = {float(k): v for k, v in spec["status_codes"].items()}
    employment_type = main["status"].map(status_codes)
    unmapped = employed & main["status"].notna() & employment_type.isna()
    if unmapped.any():
        report.add(
            jobs.name,
            ",".join(jobs_spec.get("status", [])),
            "employment_type",
            "unmapped code",
            int(unmapped.sum()),
            "set to 'self_employed'",
            _example(main.loc[unmapped, "status"]),
        )
    employment_type = employment_type.where(~(employed & employment_type.isna()), "self_employed")
    employment_type = employment_type.where(employed, "none")

    employer_codes = {float(k): v for k, v in spec["employer_codes"].items()}
    employer = main["employer"].map(employer_codes)
    wage_earner = employment_type.isin(["employee", "day_labourer"])
    unmapped = wage_earner & main["employer"].notna() & employer.isna()
    if unmapped.any():
        report.add(
            jobs.name,
            "employer",
            "employer_type",
            "unmapped code",
            int(unmapped.sum()),
            "set to 'private_company'",
            _example(main.loc[unmapped, "employer"]),
        )
    employer = employer.fillna("private_company").where(wage_earner, "self_employed")
    employer = employer.where(employed, "none")

    industry = main["industry"]
    sector = pd.Series(spec.get("other_sector", "services"), index=person_keys, dtype=object)
    for low, high, name in spec.get("sectors", []):
        sector[(industry >= low) & (industry <= high)] = name
    sector = sector.where(employed, "none")
    public = employer.isin(["government", "autonomous_body", "local_government"])
    return {
        "labour_status": pd.Series(np.where(employed, "employed", "inactive"), index=person_keys),
        "employment_type": employment_type,
        "employer_type": employer,
        "sector": sector,
        "is_formal": public & employment_type.eq("employee"),
        "wage_income_monthly": wage,
    }


def _safety_nets(files, mapping, person_keys: pd.Index, report: LoadReport) -> dict:
    spec = mapping.get("safety_nets")
    if not spec or spec["file"] not in files:
        return {}
    source = files[spec["file"]]
    keys = _keys(source, mapping, person=True)
    received_column = source.column(spec["received"]["column"])
    programme_column = source.column(spec["programme"])
    if keys is None or received_column is None or programme_column is None:
        report.add(source.name, "", "reported receipt", "columns not found", 0, "not built")
        return {}
    frame = pd.DataFrame({"key": keys.to_numpy()})
    frame["received"] = (
        pd.to_numeric(source.frame[received_column], errors="coerce")
        .isin(spec["received"]["yes_codes"])
        .to_numpy()
    )
    code = pd.to_numeric(source.frame[programme_column], errors="coerce")
    labels = source.labels.get(programme_column, {})
    label = code.map(lambda c: labels.get(c, "")).astype(str).str.lower()
    amount = pd.Series(0.0, index=source.frame.index)
    for name in spec.get("amount_12_months", []):
        column = source.column(name)
        if column is None:
            report.add(source.name, name, "reported amount", "column not found", 0, "taken as 0")
            continue
        amount = amount + pd.to_numeric(source.frame[column], errors="coerce").fillna(0)
    negative = amount < 0
    if negative.any():
        report.add(
            source.name,
            ",".join(spec.get("amount_12_months", [])),
            "reported amount",
            "negative amount",
            int(negative.sum()),
            "taken as 0",
            _example(amount[negative]),
        )
        amount = amount.clip(lower=0)
    frame["amount"] = amount.to_numpy()
    program = pd.Series(np.nan, index=source.frame.index, dtype=object)
    for value, name in (spec.get("programmes") or {}).items():
        program[code == float(value)] = name
    for name, words in (spec.get("programmes_by_label") or {}).items():
        program[program.isna() & label.str.contains("|".join(words), regex=True)] = name
    other = code.isin([float(c) for c in spec.get("other_allowance", [])])
    if spec.get("other_allowance_by_label"):
        other |= label.str.contains("|".join(spec["other_allowance_by_label"]), regex=True)
    frame["program"] = program.to_numpy()
    frame["other"] = (other & program.isna()).to_numpy()
    orphans = ~frame["key"].isin(person_keys)
    if orphans.any():
        report.add(
            source.name,
            "",
            "person",
            "rows whose person is not in the sample",
            int(orphans.sum()),
            "ignored",
        )
    frame = frame[~orphans & frame["received"]]
    unmodelled = frame["program"].isna() & ~frame["other"]
    if unmodelled.any():
        names = code[frame.index[unmodelled]]
        shown = [labels.get(c, c) for c in names.unique()[:5]]
        report.add(
            source.name,
            spec["programme"],
            "reported receipt",
            "programme not modelled",
            int(unmodelled.sum()),
            "receipt recorded in no program column",
            ", ".join(map(str, shown)),
        )
    out = {}
    names = [
        *list((spec.get("programmes") or {}).values()),
        *list(spec.get("programmes_by_label") or {}),
    ]
    for name in dict.fromkeys(names):
        rows = frame[frame["program"] == name]
        flag, amount_column = reported_columns(name)
        out[flag] = pd.Series(person_keys.isin(rows["key"]), index=person_keys)
        out[amount_column] = (
            rows.groupby("key")["amount"].sum().reindex(person_keys, fill_value=0.0)
        )
    out["receives_other_allowance"] = pd.Series(
        person_keys.isin(frame.loc[frame["other"], "key"]), index=person_keys
    )
    return out


def _enterprise(files, mapping, household_keys: pd.Index, report: LoadReport) -> pd.Series | None:
    spec = mapping.get("enterprise")
    if not spec or spec["file"] not in files:
        return None
    source = files[spec["file"]]
    keys = _keys(source, mapping, person=False)
    net, share = source.column(spec["net_annual"]), source.column(spec["share_percent"])
    if keys is None or net is None or share is None:
        report.add(source.name, "", "enterprise_income", "columns not found", 0, "not built")
        return None
    share_values = pd.to_numeric(source.frame[share], errors="coerce")
    bad = share_values.notna() & ((share_values < 0) | (share_values > 100))
    if bad.any():
        report.add(
            source.name,
            spec["share_percent"],
            "enterprise_income",
            "out of range [0, 100]",
            int(bad.sum()),
            "taken as 100",
            _example(share_values[bad]),
        )
    share_values = share_values.where(~bad & share_values.notna(), 100.0)
    income = pd.to_numeric(source.frame[net], errors="coerce").fillna(0) * share_values / 100
    return (
        pd.DataFrame({"key": keys.to_numpy(), "income": income.to_numpy()})
        .groupby("key")["income"]
        .sum()
        .reindex(household_keys, fill_value=0.0)
    )


def _whole_numbers(frame: pd.DataFrame, columns) -> None:
    """Integer columns of the schema as integers (Stata stores most numbers as doubles)."""
    for column in columns:
        if column.kind == "int" and column.name in frame and frame[column.name].notna().all():
            frame[column.name] = frame[column.name].astype(np.int64)


def load_hies(directory: str | Path, survey_round: str = "2022") -> LoadResult:
    """The sample in `directory`'s Stata files, by the round's mapping, with the report."""
    mapping = load_mapping(survey_round)
    folder = Path(directory)
    report = LoadReport()
    files = _read_files(folder, mapping, report)
    base = files.get(mapping["households_from"])
    roster_name = mapping["person"]["age"]["file"]
    roster = files.get(roster_name)
    if base is None or roster is None:
        raise HiesLoadError(f"{folder}: the household or person file is missing", report)
    household_keys = _keys(base, mapping, person=False)
    person_keys_all = _keys(roster, mapping, person=True)
    if household_keys is None or person_keys_all is None:
        source = base if household_keys is None else roster
        wanted = [*mapping["keys"]["household"]]
        if source is roster:
            wanted.append(roster.person_key or mapping["keys"]["person"])
        absent = [name for name in wanted if source.column(name) is None]
        raise HiesLoadError(
            f"{folder / source.name}: no identifier column {', '.join(absent)}", report
        )
    duplicates = household_keys.duplicated()
    if duplicates.any() and base is not roster:  # a person-level file repeats its households
        report.add(
            base.name,
            "",
            "household",
            "duplicate household rows",
            int(duplicates.sum()),
            "first kept",
        )
    households = pd.Index(household_keys[~duplicates].to_numpy())

    # Persons: roster rows of the sample's households, in household order.
    person_household = _keys(roster, mapping, person=False)
    in_sample = person_household.isin(households)
    if (~in_sample).any():
        report.add(
            roster.name,
            "",
            "person",
            f"members of households not in {base.name}",
            int((~in_sample).sum()),
            "ignored",
        )
    duplicate_person = person_keys_all.duplicated() & in_sample
    if duplicate_person.any():
        report.add(
            roster.name,
            mapping["keys"]["person"],
            "person",
            "duplicate person rows",
            int(duplicate_person.sum()),
            "first kept",
        )
    keep = in_sample & ~duplicate_person
    persons = pd.Index(person_keys_all[keep].to_numpy())
    person_household = pd.Index(person_household[keep].to_numpy())

    household_columns, household_missing = _columns_for(
        "household",
        mapping["household"],
        files=files,
        mapping=mapping,
        universe=households,
        report=report,
    )
    person_columns, person_missing = _columns_for(
        "person", mapping["person"], files=files, mapping=mapping, universe=persons, report=report
    )

    # Households dropped: a required household value missing, or a member's required value.
    drop = pd.Series(False, index=households)
    for target, missing in household_missing.items():
        if missing.any():
            report.add(
                base.name,
                mapping["household"][target].get("column", ""),
                target,
                "required value missing",
                int(missing.sum()),
                "household dropped",
            )
            drop |= missing
    for target, missing in person_missing.items():
        if missing.any():
            affected = pd.Index(person_household[missing.to_numpy()]).unique()
            report.add(
                roster.name,
                mapping["person"][target].get("column", ""),
                target,
                "required value missing",
                int(missing.sum()),
                f"{len(affected)} household(s) dropped",
            )
            drop[affected] = True
    no_members = ~households.isin(person_household)
    if no_members.any():
        report.add(
            base.name,
            "",
            "household",
            "households with no member in the roster",
            int(no_members.sum()),
            "household dropped",
        )
        drop |= no_members

    person_columns.update(_employment(files, mapping, persons, report))
    person_columns.update(_safety_nets(files, mapping, persons, report))
    enterprise = _enterprise(files, mapping, households, report)

    kept = households[~drop.to_numpy()]
    household_id = pd.Series(np.arange(len(kept), dtype=np.int64), index=kept)
    household_frame = pd.DataFrame(
        {name: values.reindex(kept).to_numpy() for name, values in household_columns.items()}
    )
    household_frame.insert(0, "household_id", household_id.to_numpy())
    household_frame["survey_household_key"] = kept.to_numpy()
    if "urban" in household_frame:
        household_frame["urban"] = household_frame["urban"].astype(bool)

    member = person_household.isin(kept)
    person_frame = pd.DataFrame(
        {
            name: pd.Series(values).reindex(persons).to_numpy()[member]
            for name, values in person_columns.items()
        }
    )
    hh = household_id.reindex(person_household[member]).to_numpy()
    order = np.argsort(hh, kind="stable")
    person_frame = person_frame.iloc[order].reset_index(drop=True)
    hh = hh[order]
    position = np.arange(len(hh)) - np.searchsorted(hh, hh, side="left")
    person_frame.insert(0, "household_id", hh)
    person_frame.insert(0, "person_id", hh * PERSON_ID_FACTOR + position)
    person_frame["survey_person_key"] = persons[member][order]

    if enterprise is not None:
        business = person_frame.get("employment_type", pd.Series("none", index=person_frame.index))
        business = business.isin(["self_employed", "employer"]).to_numpy()
        counts = np.bincount(hh, weights=business, minlength=len(kept))
        totals = enterprise.reindex(kept).to_numpy()
        household_frame["enterprise_income"] = totals
        per_member = np.where(counts > 0, totals / np.maximum(counts, 1) / 12, 0.0)
        person_frame["self_employment_income_monthly"] = np.where(business, per_member[hh], 0.0)
        unattributed = (totals != 0) & (counts == 0)
        if unattributed.any():
            report.add(
                files[mapping["enterprise"]["file"]].name,
                "",
                "self_employment_income_monthly",
                "enterprise income in households with no self-employed member",
                int(unattributed.sum()),
                "kept in household income only",
            )
    for name in ("agri_net_income",):
        if name not in household_frame:
            report.add("(mapping)", "", name, "not built by this mapping", 0, "set to 0")
            household_frame[name] = 0.0

    _whole_numbers(person_frame, PERSON_COLUMNS)
    _whole_numbers(household_frame, HOUSEHOLD_COLUMNS)
    problems = validate(person_frame, household_frame)
    if problems:
        for problem in problems:
            report.add("(sample)", "", "schema", problem, 0, "cannot load")
        raise HiesLoadError(f"{folder}: the loaded sample breaks the schema", report)
    metadata = {
        "synthetic": False,
        "source": mapping.get("source", "HIES"),
        "round": mapping.get("round"),
        "survey_year": mapping.get("survey_year"),
        "directory": folder.name,
        "files": {key: source.name for key, source in files.items()},
        "load_problems": len(report),
    }
    return LoadResult(Sample(person_frame, household_frame, metadata), report)
