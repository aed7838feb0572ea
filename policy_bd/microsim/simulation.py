"""`Microsimulation`: the whole weighted sample, a fiscal year, an optional reform.

    from policy_bd.microsim import Microsimulation
    results = Microsimulation(reform="universal_old_age_allowance").run("2024-25")
    print(results.text())

Data is "synthetic" (the bundled sample), a `Sample`, or a folder of Parquet files in the
sample schema (e.g. written by `policy-bd synth` or by the HIES loader). The reform is a
registered name, a YAML or JSON reform file, a dict in the reform-file structure, a validated
spec, or an OpenFisca Reform class. See `indicators.py` for the conventions of every indicator.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import policy_bd
from policy_bd import engine, freshness
from policy_bd import programs as program_registry
from policy_bd.microsim import indicators
from policy_bd.microsim.fiscal import FiscalYear
from policy_bd.microsim.programs import ProgramSpec, program_specs
from policy_bd.microsim.results import Results
from policy_bd.microsim.runner import ChunkJob, execute, scenario_system
from policy_bd.microsim.sample import ParquetSample, Sample
from policy_bd.microsim.takeup import TakeUp
from policy_bd.microsim.uprating import uprating_factor
from policy_bd.microsim.weighted import quantile

DEFAULT_PERIOD = "2024-25"
DEFAULT_CHUNK = 100_000


def open_data(data) -> Sample | ParquetSample:
    """The sample behind `data`: "synthetic", a Sample, or a folder of Parquet files."""
    if isinstance(data, Sample | ParquetSample):
        return data
    if data is None or data == "synthetic":
        from policy_bd.microsim.synthetic import default_sample  # noqa: PLC0415

        return default_sample()
    return ParquetSample.open(Path(data))


def normalise_reform(reform) -> tuple[object, str]:
    """A picklable form of the reform that every worker can apply, and a label for reports."""
    if reform is None:
        return None, "baseline law"
    resolved = engine.resolve_reform(reform)  # raises ReformError before any work starts
    if isinstance(resolved.reform, type):
        label = resolved.name or resolved.reform.__name__
        return (reform if isinstance(reform, type) else str(reform)), label
    return resolved.reform, resolved.reform.title or f"reform {resolved.reform.digest}"


def _rules(rules: dict | None) -> dict[str, TakeUp]:
    out = {}
    for name, rule in (rules or {}).items():
        out[name] = rule if isinstance(rule, TakeUp) else TakeUp.parse(str(rule))
    return out


class Microsimulation:
    """A weighted simulation of every household of a sample, baseline against a reform."""

    def __init__(
        self,
        data="synthetic",
        reform=None,
        *,
        period: str | FiscalYear = DEFAULT_PERIOD,
        takeup: dict | None = None,
        reform_takeup: dict | None = None,
        pass_through: float = 1.0,
        uprate: bool = True,
        chunk_households: int = DEFAULT_CHUNK,
        scheduler: str | None = None,
        workers: int | None = None,
        progress: bool = False,
        registry: dict[str, dict] | None = None,
    ) -> None:
        if not 0 <= pass_through <= 1:
            raise ValueError("pass_through must be between 0 and 1")
        self.data = open_data(data)
        self.year = FiscalYear.parse(period)
        self.reform, self.reform_label = normalise_reform(reform)
        self.baseline_rules = _rules(takeup)
        self.reform_rules = _rules(reform_takeup)
        self.pass_through = pass_through
        self.uprating = uprating_factor(self.data.survey_year, self.year) if uprate else 1.0
        self.chunk_households = chunk_households
        self.scheduler = scheduler
        self.workers = workers
        self.progress = progress
        systems = [scenario_system(None)] + (
            [scenario_system(self.reform)] if self.reform is not None else []
        )
        self.programs, self.not_costed = program_specs(systems, registry)
        unknown = set(self.baseline_rules) | set(self.reform_rules)
        unknown -= {program.name for program in self.programs}
        if unknown:
            raise ValueError(
                f"take-up given for programs not simulated: {', '.join(sorted(unknown))}"
            )

    @property
    def job(self) -> ChunkJob:
        return ChunkJob(
            year=self.year,
            reform=self.reform,
            programs=tuple(self.programs),
            survey_year=self.data.survey_year,
            uprating=self.uprating,
        )

    def gather(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The household and entitlement tables of every chunk (see `runner.py`)."""
        chunks = list(self.data.chunks(self.chunk_households))
        bar = None
        if self.progress:
            from tqdm import tqdm  # noqa: PLC0415

            bar = tqdm(total=len(chunks), desc="simulating", unit="chunk")
        try:
            return execute(chunks, self.job, self.scheduler, self.workers, bar)
        finally:
            if bar is not None:
                bar.close()

    def run(self) -> Results:
        households, entitlements = self.gather()
        return self.results(households, entitlements)

    def results(self, households: pd.DataFrame, entitlements: pd.DataFrame) -> Results:
        n_scenarios = 2 if self.reform is not None else 1
        takeup = indicators.apply_takeup(
            entitlements,
            households["weight"].to_numpy(),
            self.programs,
            self.year,
            baseline_rules=self.baseline_rules,
            reform_rules=self.reform_rules,
            n_scenarios=n_scenarios,
        )
        frame = indicators.Frame(
            households, entitlements, self.programs, n_scenarios, self.pass_through, takeup
        )
        return Results(
            meta=self._meta(frame),
            programs=indicators.program_table(frame, self.year),
            caseload=indicators.caseload_table(frame, self.year),
            poverty=indicators.poverty_table(frame),
            inequality=indicators.inequality_table(frame),
            deciles=indicators.decile_table(frame),
            regions=indicators.region_table(frame),
            coverage=indicators.coverage_table(frame),
            targeting=indicators.targeting_table(frame),
            insurance=indicators.insurance_table(frame),
            winners_losers=indicators.winners_losers(frame),
        )

    def _meta(self, frame: indicators.Frame) -> dict:
        metadata = getattr(self.data, "metadata", {}) or {}
        return {
            "fiscal_year": self.year.label,
            "computed_for_month": self.year.first_month,
            "reform": self.reform_label if self.reform is not None else None,
            "reform_label": self.reform_label,
            "data": "synthetic sample"
            if self.data.synthetic
            else str(metadata.get("source", "survey")),
            "synthetic": self.data.synthetic,
            "warning": metadata.get("warning"),
            "survey_year": self.data.survey_year,
            "households": len(frame.households),
            "persons": int(frame.size.sum()),
            "population": float(frame.person_weight.sum()),
            "uprating_factor": self.uprating,
            "pass_through": self.pass_through,
            "programs": [program.name for program in self.programs],
            "not_costed": self.not_costed,
            "warnings": self.warnings(),
            "median_welfare_monthly": float(quantile(frame.welfare[0], frame.person_weight, 0.5)),
            "package_version": policy_bd.__version__,
            "units": {
                "cost": "Tk crore a year (1 crore = 10 million)",
                "beneficiaries": "lakh persons (1 lakh = 100,000)",
                "poverty": "share of persons",
                "gains": "Tk a year",
            },
        }

    def warnings(self) -> list[dict]:
        """The stale values the simulated programs read in the fiscal year's first month, under
        baseline law and the reform (`policy_bd.freshness.scenario_warnings`)."""
        known = program_registry.programs()
        names = [program.name for program in self.programs if program.name in known]
        reformed = scenario_system(self.reform) if self.reform is not None else None
        return freshness.scenario_warnings(
            scenario_system(None),
            reformed,
            self.year.first_month,
            freshness.public_outputs(names),
        )

    def calculate(self, variable: str, scenario: str = "baseline") -> MicroSeries:
        """One variable for every person or household of the sample, with its weights."""
        from policy_bd.microsim.inputs import model_inputs  # noqa: PLC0415

        sample = self.data if isinstance(self.data, Sample) else self.data.load()
        system = scenario_system(self.reform if scenario == "reform" else None)
        persons, households = model_inputs(
            system,
            sample.persons,
            sample.households,
            self.year.start_year - sample.survey_year,
            self.uprating,
        )
        month = self.year.first_month
        simulation = engine.simulate(
            system, engine.read_columns(system, month, persons, households)
        )
        definition = system.variables[variable]
        values = engine.compute(simulation, [variable], month).values[variable]
        weights = sample.households["household_weight"].to_numpy(dtype=float)
        if definition.entity.key == "person":
            index = pd.Index(sample.households["household_id"]).get_indexer(
                sample.persons["household_id"]
            )
            weights = weights[index]
        return MicroSeries(np.asarray(values), weights)


class MicroSeries:
    """Values with survey weights: weighted sum, mean and count, as PolicyEngine's MicroSeries."""

    def __init__(self, values: np.ndarray, weights: np.ndarray) -> None:
        self.values = values
        self.weights = weights

    def sum(self) -> float:
        return float(np.dot(self.values.astype(float), self.weights))

    def mean(self) -> float:
        return self.sum() / float(self.weights.sum())

    def count(self) -> float:
        """Weighted number of rows with a true (non-zero) value."""
        return float(self.weights[self.values.astype(bool)].sum())

    def __len__(self) -> int:
        return len(self.values)


__all__ = ["MicroSeries", "Microsimulation", "ProgramSpec"]
