"""Projection scenarios: the YAML file a drafter writes in `projections/`, validated on load.

A scenario names the reform that switches the schemes on, the base year and horizon, the
branches to project, the coverage path and the few design choices the parameters do not fix
(indexation, how long-term benefits are financed, the fund's starting reserve)::

    title: NSIS, default design
    reform: nsis
    base_year: 2025          # FY2025-26
    horizon: 2060
    branches:
      unemployment: {}
      eis: {reform: national_employment_injury_scheme}
    coverage:
      phase_in: {2025: 100, 2027: 20, 2030: 5}     # smallest establishment covered, from a year
      sectors: {rmg_export: 2025}                  # a sector joins whatever the size, from a year
      formal_compliance: {2025: 0.6, 2030: 0.8}
      informal_join: {2030: 0.02, 2040: 0.05}
    assumptions:
      economy.real_wage_growth: {2030: 0.03}       # overrides parameters/projection/...

A path (`{year: value}`) holds each value from its year until the next one; before its first
year the first value applies. Every problem is reported with its line, as for reform files;
unknown keys are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from policy_bd.enums import Sector

# A problem and the YAML reader of the reform files: dates stay text, every node keeps its line.
from policy_bd.reform_spec import ReformProblem as ScenarioProblem
from policy_bd.reform_spec import _ReformLoader, _yaml_lines

BRANCHES = ("unemployment", "employment_injury", "maternity", "sickness", "eis")
LONG_TERM_MODES = ("cohorts", "capitalised", "none")
INDEXATION = ("prices", "wages", "none")
PARTIES = ("employee", "employer", "government")
ASSUMPTION_GROUPS = ("economy", "demography", "fund", "eis")
MIN_YEAR, MAX_YEAR = 2015, 2150
# Bounds of an assumption a scenario overrides (rates by default: -50% to 100% a year).
ASSUMPTION_BOUNDS = {
    "economy.nominal_gdp": (1e9, 1e17),
    "demography.mortality.gompertz_a": (0.0, 0.01),
    "demography.mortality.gompertz_b": (0.0, 0.3),
    "demography.mortality.disabled_loading": (0.0, 10.0),
    "economy.interest_rate": (-0.5, 0.5),
}

TOP_KEYS = {
    "title",
    "description",
    "reform",
    "data",
    "base_year",
    "horizon",
    "branches",
    "coverage",
    "wages",
    "long_term_benefits",
    "pension_indexation",
    "fund",
    "assumptions",
    "sensitivity",
    "stochastic",
}
BRANCH_KEYS = {"reform", "contribution_rate", "incidence_factor"}
COVERAGE_KEYS = {"phase_in", "sectors", "formal_compliance", "informal_join"}
WAGES_KEYS = {"floor_ceiling_indexation"}
FUND_KEYS = {
    "initial_reserve",
    "reserve_ratio_target",
    "scaled_premium_period",
    "administration_rate",
}
SENSITIVITY_KEYS = {"incidence", "wage_growth", "interest", "compliance"}
STOCHASTIC_KEYS = {"paths", "seed", "volatility", "autocorrelation"}


class ScenarioError(ValueError):
    """A scenario that cannot be projected; `problems` lists every reason."""

    def __init__(self, problems: list[ScenarioProblem], source: str = "scenario") -> None:
        self.problems = problems
        self.source = source
        super().__init__(f"{source} is not a valid scenario: " + "; ".join(map(str, problems)))


@dataclass(frozen=True)
class Path_:
    """A value that changes by year: sorted (year, value) steps."""

    steps: tuple[tuple[int, float], ...]

    def at(self, years):
        """The value in force in each of `years` (numpy array of ints)."""
        import numpy as np  # noqa: PLC0415

        starts = np.array([year for year, _ in self.steps])
        values = np.array([value for _, value in self.steps], dtype=float)
        index = np.searchsorted(starts, np.asarray(years), side="right") - 1
        return values[np.clip(index, 0, None)]

    @classmethod
    def constant(cls, value: float) -> Path_:
        return cls(((MIN_YEAR, float(value)),))

    def as_dict(self) -> dict:
        return {str(year): value for year, value in self.steps}


@dataclass(frozen=True)
class Branch:
    name: str
    reform: object = None  # None: the scenario's reform
    contribution_rate: dict | None = None  # party -> rate; None: the scheme's parameters
    incidence_factor: float = 1.0


@dataclass(frozen=True)
class Coverage:
    phase_in: Path_ = field(default_factory=lambda: Path_.constant(0))
    sectors: dict = field(default_factory=dict)  # sector name -> first year, whatever the size
    formal_compliance: Path_ = field(default_factory=lambda: Path_.constant(1))
    informal_join: Path_ = field(default_factory=lambda: Path_.constant(0))


@dataclass(frozen=True)
class Scenario:
    title: str
    description: str = ""
    reform: object = "nsis"
    data: str = "synthetic"
    base_year: int = 2025
    horizon: int = 2060
    branches: tuple[Branch, ...] = tuple(Branch(name) for name in BRANCHES)
    coverage: Coverage = field(default_factory=Coverage)
    floor_ceiling_indexation: str = "wages"
    long_term_benefits: str = "cohorts"
    pension_indexation: str = "prices"
    initial_reserve: float = 0.0
    reserve_ratio_target: float = 1.0
    scaled_premium_period: int = 20
    administration_rate: float | None = None  # None: the parameter
    assumptions: dict = field(default_factory=dict)  # parameter path -> Path_
    sensitivity: dict = field(
        default_factory=lambda: {
            "incidence": 0.2,
            "wage_growth": 0.01,
            "interest": 0.01,
            "compliance": 0.1,
        }
    )
    stochastic_paths: int = 1000
    stochastic_seed: int = 2025
    volatility: float | None = None
    autocorrelation: float | None = None

    @property
    def years(self):
        import numpy as np  # noqa: PLC0415

        return np.arange(self.base_year, self.horizon + 1)

    def branch(self, name: str) -> Branch:
        return next(branch for branch in self.branches if branch.name == name)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "description": self.description,
            "reform": self.reform if isinstance(self.reform, str | None) else "inline",
            "base_year": self.base_year,
            "horizon": self.horizon,
            "branches": [branch.name for branch in self.branches],
            "long_term_benefits": self.long_term_benefits,
            "pension_indexation": self.pension_indexation,
            "floor_ceiling_indexation": self.floor_ceiling_indexation,
            "coverage": {
                "phase_in": self.coverage.phase_in.as_dict(),
                "sectors": dict(self.coverage.sectors),
                "formal_compliance": self.coverage.formal_compliance.as_dict(),
                "informal_join": self.coverage.informal_join.as_dict(),
            },
            "initial_reserve": self.initial_reserve,
            "reserve_ratio_target": self.reserve_ratio_target,
            "scaled_premium_period": self.scaled_premium_period,
        }


def _leaf_names() -> set[str]:
    from openfisca_core.parameters import Parameter  # noqa: PLC0415

    from policy_bd.engine import baseline_system  # noqa: PLC0415

    node = baseline_system().parameters.projection
    return {
        leaf.name.removeprefix("projection.")
        for leaf in node.get_descendants()
        if isinstance(leaf, Parameter)
    }


class _Checker:
    def __init__(self, lines: dict) -> None:
        self.lines = lines
        self.problems: list[ScenarioProblem] = []

    def add(self, path: tuple, message: str) -> None:
        line = self.lines.get(path)
        probe = path
        while line is None and probe:
            probe = probe[:-1]
            line = self.lines.get(probe)
        self.problems.append(ScenarioProblem(_path_text(path) or "(scenario)", message, line))

    def mapping(self, value, path: tuple, keys: set[str] | None = None) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(path, "must be a mapping")
            return {}
        if keys is not None:
            for key in sorted(set(value) - keys, key=str):
                self.add((*path, key), f"unknown key; allowed: {', '.join(sorted(keys))}")
        return value

    def number(self, value, path: tuple, low=None, high=None, *, default=None, integer=False):
        if value is None:
            return default
        kind = int if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kind):
            self.add(path, f"must be {'a whole number' if integer else 'a number'}, not {value!r}")
            return default
        if low is not None and value < low:
            self.add(path, f"{value} is below the minimum {low}")
            return default
        if high is not None and value > high:
            self.add(path, f"{value} is above the maximum {high}")
            return default
        return value

    def choice(self, value, path: tuple, allowed: tuple, default: str) -> str:
        if value is None:
            return default
        if value not in allowed:
            self.add(path, f"{value!r} is not one of {', '.join(allowed)}")
            return default
        return value

    def path_value(self, value, path: tuple, low=None, high=None) -> Path_ | None:
        """A number (constant) or a mapping {year: number}."""
        if isinstance(value, dict):
            if not value:
                self.add(path, "give at least one year")
                return None
            steps = []
            for year, item in value.items():
                if isinstance(year, bool) or not isinstance(year, int):
                    self.add((*path, year), f"a year is a whole number such as 2030, not {year!r}")
                    continue
                if not MIN_YEAR <= year <= MAX_YEAR:
                    self.add((*path, year), f"year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
                    continue
                number = self.number(item, (*path, year), low, high)
                if number is not None:
                    steps.append((year, float(number)))
            return Path_(tuple(sorted(steps))) if steps else None
        number = self.number(value, path, low, high)
        return None if number is None else Path_.constant(number)


def _check_reform_name(check: _Checker, reform, path: tuple) -> None:
    """A name that is neither registered nor a reform file's name is a typo: say so now."""
    if not isinstance(reform, str) or reform.endswith((".yaml", ".yml", ".json")):
        return
    from policy_bd.engine import named_reforms  # noqa: PLC0415

    known = sorted(named_reforms())
    if reform not in known:
        import difflib  # noqa: PLC0415

        close = difflib.get_close_matches(reform, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        check.add(path, f"'{reform}' is not a registered reform{hint}; see policy-bd reforms")


def validate(data: object, lines: dict | None = None, source: str = "scenario") -> Scenario:
    """Check a parsed scenario; raise ScenarioError listing every problem."""
    check = _Checker(lines or {})
    if not isinstance(data, dict):
        check.add((), "a scenario is a mapping with at least a title")
        raise ScenarioError(check.problems, source)
    check.mapping(data, (), TOP_KEYS)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        check.add(("title",), "give the scenario a title (non-empty text)")
    description = data.get("description", "")
    if not isinstance(description, str):
        check.add(("description",), "must be text")
    reform = data.get("reform", "nsis")
    if not (isinstance(reform, str | dict) or reform is None):
        check.add(("reform",), "a registered reform name, a reform file, or a reform mapping")
    else:
        _check_reform_name(check, reform, ("reform",))
    data_source = data.get("data", "synthetic")
    if not isinstance(data_source, str):
        check.add(("data",), "'synthetic' or a folder of Parquet files")
    base_year = check.number(
        data.get("base_year"), ("base_year",), 2025, 2100, default=2025, integer=True
    )
    horizon = check.number(
        data.get("horizon"), ("horizon",), 2026, MAX_YEAR, default=2060, integer=True
    )
    if horizon <= base_year:
        check.add(("horizon",), f"the horizon ({horizon}) must come after base_year ({base_year})")

    branches = []
    given = data.get("branches")
    if given is None:
        branches = [Branch(name) for name in BRANCHES]
    elif not isinstance(given, dict) or not given:
        check.add(("branches",), f"a mapping of branch names ({', '.join(BRANCHES)}) to options")
    else:
        for name, options in given.items():
            here = ("branches", name)
            if name not in BRANCHES:
                check.add(here, f"unknown branch; the branches are {', '.join(BRANCHES)}")
                continue
            options = check.mapping(options, here, BRANCH_KEYS)  # noqa: PLW2901
            rate = None
            if "contribution_rate" in options:
                rate_map = check.mapping(
                    options["contribution_rate"], (*here, "contribution_rate"), set(PARTIES)
                )
                rate = {
                    party: check.number(
                        rate_map.get(party), (*here, "contribution_rate", party), 0, 1, default=0.0
                    )
                    for party in PARTIES
                }
            branch_reform = options.get("reform")
            if branch_reform is not None and not isinstance(branch_reform, str | dict):
                check.add((*here, "reform"), "a registered reform name or a reform file")
            else:
                _check_reform_name(check, branch_reform, (*here, "reform"))
            factor = check.number(
                options.get("incidence_factor"), (*here, "incidence_factor"), 0, 100, default=1.0
            )
            branches.append(Branch(name, branch_reform, rate, float(factor)))

    coverage_data = check.mapping(data.get("coverage"), ("coverage",), COVERAGE_KEYS)
    coverage = Coverage(
        phase_in=check.path_value(
            coverage_data.get("phase_in", 0), ("coverage", "phase_in"), 0, 1e7
        )
        or Path_.constant(0),
        formal_compliance=check.path_value(
            coverage_data.get("formal_compliance", 1), ("coverage", "formal_compliance"), 0, 1
        )
        or Path_.constant(1),
        informal_join=check.path_value(
            coverage_data.get("informal_join", 0), ("coverage", "informal_join"), 0, 1
        )
        or Path_.constant(0),
    )
    sectors = {}
    given_sectors = check.mapping(coverage_data.get("sectors"), ("coverage", "sectors"))
    known_sectors = [member.name for member in Sector if member != Sector.none]
    for sector, year in given_sectors.items():
        here = ("coverage", "sectors", sector)
        if sector not in known_sectors:
            check.add(here, f"unknown sector; the sectors are {', '.join(known_sectors)}")
            continue
        first = check.number(year, here, MIN_YEAR, MAX_YEAR, integer=True)
        if first is not None:
            sectors[sector] = first
    coverage = replace(coverage, sectors=sectors)
    wages = check.mapping(data.get("wages"), ("wages",), WAGES_KEYS)
    indexation = check.choice(
        wages.get("floor_ceiling_indexation"),
        ("wages", "floor_ceiling_indexation"),
        INDEXATION,
        "wages",
    )
    long_term = check.choice(
        data.get("long_term_benefits"), ("long_term_benefits",), LONG_TERM_MODES, "cohorts"
    )
    pension_indexation = check.choice(
        data.get("pension_indexation"), ("pension_indexation",), INDEXATION, "prices"
    )
    fund = check.mapping(data.get("fund"), ("fund",), FUND_KEYS)
    initial_reserve = check.number(
        fund.get("initial_reserve"), ("fund", "initial_reserve"), None, None, default=0.0
    )
    target = check.number(
        fund.get("reserve_ratio_target"), ("fund", "reserve_ratio_target"), 0, 100, default=1.0
    )
    period = check.number(
        fund.get("scaled_premium_period"),
        ("fund", "scaled_premium_period"),
        1,
        200,
        default=20,
        integer=True,
    )
    administration = check.number(
        fund.get("administration_rate"), ("fund", "administration_rate"), 0, 1
    )

    assumptions = {}
    given = check.mapping(data.get("assumptions"), ("assumptions",))
    if given:
        known = _leaf_names()
        for name, value in given.items():
            here = ("assumptions", name)
            if name not in known:
                import difflib  # noqa: PLC0415

                close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                check.add(here, f"unknown assumption '{name}'{hint}; see parameters/projection/")
                continue
            low, high = ASSUMPTION_BOUNDS.get(name, (-0.5, 1.0))
            parsed = check.path_value(value, here, low, high)
            if parsed is not None:
                assumptions[name] = parsed

    sensitivity_data = check.mapping(data.get("sensitivity"), ("sensitivity",), SENSITIVITY_KEYS)
    sensitivity = dict(Scenario.__dataclass_fields__["sensitivity"].default_factory())
    for key in SENSITIVITY_KEYS:
        if key in sensitivity_data:
            sensitivity[key] = check.number(
                sensitivity_data[key], ("sensitivity", key), 0, 1, default=sensitivity[key]
            )
    stochastic = check.mapping(data.get("stochastic"), ("stochastic",), STOCHASTIC_KEYS)
    paths = check.number(
        stochastic.get("paths"), ("stochastic", "paths"), 0, 100_000, default=1000, integer=True
    )
    seed = check.number(
        stochastic.get("seed"), ("stochastic", "seed"), 0, None, default=2025, integer=True
    )
    volatility = check.number(stochastic.get("volatility"), ("stochastic", "volatility"), 0, 2)
    autocorrelation = check.number(
        stochastic.get("autocorrelation"), ("stochastic", "autocorrelation"), -0.99, 0.99
    )
    if check.problems:
        raise ScenarioError(check.problems, source)
    return Scenario(
        title=title.strip(),
        description=" ".join(description.split()),
        reform=reform,
        data=data_source,
        base_year=base_year,
        horizon=horizon,
        branches=tuple(branches),
        coverage=coverage,
        floor_ceiling_indexation=indexation,
        long_term_benefits=long_term,
        pension_indexation=pension_indexation,
        initial_reserve=float(initial_reserve),
        reserve_ratio_target=float(target),
        scaled_premium_period=period,
        administration_rate=administration,
        assumptions=assumptions,
        sensitivity=sensitivity,
        stochastic_paths=paths,
        stochastic_seed=seed,
        volatility=volatility,
        autocorrelation=autocorrelation,
    )


def parse_yaml(text: str, source: str = "scenario file") -> Scenario:
    """Validate a scenario written in YAML; every problem names its line."""
    try:
        root = yaml.compose(text, Loader=_ReformLoader)
        data = yaml.load(text, Loader=_ReformLoader)  # a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        message = f"not valid YAML: {getattr(error, 'problem', None) or error}"
        raise ScenarioError(
            [ScenarioProblem("(file)", message, mark.line + 1 if mark else None)], source
        ) from None
    lines, duplicates = _yaml_lines(root)
    repeated = [
        ScenarioProblem(_path_text(path), f"'{path[-1]}' is given twice", line)
        for path, line in duplicates
    ]
    # YAML keys are text in the line map; years are ints in the data.
    lines.update({_int_keys(path): line for path, line in list(lines.items())})
    try:
        scenario = validate(data, lines, source)
    except ScenarioError as error:
        problems = sorted([*repeated, *error.problems], key=lambda p: p.line or 0)
        raise ScenarioError(problems, source) from None
    if repeated:
        raise ScenarioError(repeated, source)
    return scenario


def _path_text(path: tuple) -> str:
    """`coverage.formal_compliance.2030`: a scenario has no lists, so years read as keys."""
    return ".".join(str(part) for part in path)


def _int_keys(path: tuple) -> tuple:
    return tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in path)


def load_file(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScenarioError(
            [ScenarioProblem("(file)", f"cannot read {path}: {error.strerror}")], path.name
        ) from None
    scenario = parse_yaml(text, source=path.name)
    return _reform_files_beside(scenario, path.parent)


def _reform_files_beside(scenario: Scenario, folder: Path) -> Scenario:
    """A reform file named in a scenario file is looked for beside the scenario first."""

    def beside(reform):
        if isinstance(reform, str) and reform.endswith((".yaml", ".yml", ".json")):
            candidate = folder / reform
            if candidate.is_file():
                return str(candidate)
        return reform

    branches = tuple(replace(branch, reform=beside(branch.reform)) for branch in scenario.branches)
    return replace(scenario, reform=beside(scenario.reform), branches=branches)


def resolve(scenario) -> Scenario:
    """A Scenario from a Scenario, a dict (JSON), a file path or the name of a bundled file."""
    from policy_bd.paths import PROJECTIONS_DIR  # noqa: PLC0415

    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, dict):
        return validate(_json_years(scenario), None, "scenario")
    text = str(scenario)
    bundled = PROJECTIONS_DIR / f"{text}.yaml"
    if bundled.is_file():
        return load_file(bundled)
    path = Path(text)
    if path.is_file():
        return load_file(path)
    names = ", ".join(bundled_names()) or "none"
    raise ScenarioError(
        [ScenarioProblem("scenario", f"'{text}' is neither a scenario file nor one of {names}")]
    )


def bundled_names() -> list[str]:
    from policy_bd.paths import PROJECTIONS_DIR  # noqa: PLC0415

    return sorted(path.stem for path in PROJECTIONS_DIR.glob("*.yaml"))


def _json_years(data):
    """JSON keys are text: a key like "2030" in a path becomes the year 2030."""
    if isinstance(data, dict):
        return {
            (int(key) if isinstance(key, str) and key.isdigit() else key): _json_years(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_json_years(item) for item in data]
    return data
