"""Run the model over a sample chunk by chunk, in this process or on a Dask cluster.

`run_chunk` is a pure function of a chunk (loaded where it runs) and a `ChunkJob` (period,
reform, programs, uprating): it simulates the baseline and the reform with one vectorised
OpenFisca simulation each and returns two compact tables,

- households: weight, size, place, consumption, income, poverty lines, counts by age group;
- entitlements: one row per person, program and scenario where the person is entitled,
  reports receipt or pays a contribution, with the annual amounts and the take-up draw.

Only these tables leave the chunk, so memory is bounded by the chunk size, and the same
function runs on `LocalCluster` workers or a remote scheduler. Chunks are gathered in order, so
the result does not depend on where or in which order they ran.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from policy_bd import engine
from policy_bd.microsim.fiscal import FiscalYear
from policy_bd.microsim.inputs import model_inputs
from policy_bd.microsim.poverty_lines import household_lines
from policy_bd.microsim.programs import ProgramSpec
from policy_bd.microsim.schema import household_annual_income, reported_columns
from policy_bd.microsim.takeup import uniform_draws
from policy_bd.programs import programs as program_registry

ELDERLY_AGE = 60  # "elderly" in the poverty breakdowns: persons aged 60+ (census band)
CHILD_AGE = 18


@dataclass(frozen=True)
class ChunkJob:
    """What every chunk needs to know; small and picklable, sent once to each worker."""

    year: FiscalYear
    reform: object  # None, a registered reform name, or a reform dict
    programs: tuple[ProgramSpec, ...]
    survey_year: int
    uprating: float

    @property
    def scenarios(self) -> tuple[object, ...]:
        return (None,) if self.reform is None else (None, self.reform)


def scenario_system(reform):
    """The system of a scenario (baseline law, a reform's name, spec or Reform class)."""
    return engine.system_for(reform)


def _annual(values: dict, variable: str | None, scale: float, n: int) -> np.ndarray:
    found = values.get(variable) if variable else None
    return np.zeros(n) if found is None else np.asarray(found, dtype=float) * scale


def _scenario_columns(job: ChunkJob, reform, persons, households) -> dict[str, np.ndarray]:
    system = scenario_system(reform)
    person_columns, household_columns = model_inputs(
        system,
        persons,
        households,
        job.year.start_year - job.survey_year,
        job.uprating,
    )
    month = job.year.first_month
    simulation = engine.simulate(
        system, engine.read_columns(system, month, person_columns, household_columns)
    )
    out = {}
    n = len(persons)
    for program in job.programs:
        if not _in_force(simulation, program.name, job.year.first_month):
            # Before its law (or while a proposal is off) a program pays, covers and costs
            # nothing; its formulas are not evaluated where its parameters are not defined.
            for column in ("amount", "contribution"):
                out[f"{program.name}:{column}"] = np.zeros(n)
            out[f"{program.name}:eligible"] = np.zeros(n, bool)
            continue
        wanted = [
            name
            for name in (
                program.amount_variable,
                program.eligibility_variable,
                program.contribution_variable,
            )
            if name and name in system.variables
        ]
        values = engine.compute(simulation, wanted, month).values
        out[f"{program.name}:amount"] = _annual(
            values, program.amount_variable, program.amount_scale, n
        )
        out[f"{program.name}:contribution"] = _annual(
            values, program.contribution_variable, program.contribution_scale, n
        )
        eligible = (
            values.get(program.eligibility_variable) if program.eligibility_variable else None
        )
        out[f"{program.name}:eligible"] = (
            np.asarray(eligible, dtype=bool) if eligible is not None else np.zeros(n, bool)
        )
    return out


def _in_force(simulation, program: str, month: str) -> bool:
    """Whether the program's registered `in_force_variable` is true for anyone in the month."""
    entry = program_registry().get(program)
    name = entry.in_force_variable if entry else None
    if not name or name not in simulation.tax_benefit_system.variables:
        return True
    return bool(np.any(engine.compute(simulation, [name], month).values[name]))


def run_chunk(chunk, job: ChunkJob) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate one chunk: (households, entitlements) tables, see the module docstring."""
    persons, households = chunk.load()
    index = pd.Index(households["household_id"]).get_indexer(persons["household_id"])
    n = len(households)
    size = np.bincount(index, minlength=n)
    age = persons["age"].to_numpy() + max(job.year.start_year - job.survey_year, 0)
    factor = job.uprating

    reported_total = np.zeros(n)
    reported = {}
    for program in job.programs:
        flag, amount = reported_columns(program.name)
        if flag in persons:
            reported[program.name] = (
                persons[flag].to_numpy(dtype=bool),
                persons[amount].to_numpy(dtype=float) * factor
                if amount in persons
                else np.zeros(len(persons)),
            )
            reported_total += np.bincount(index, weights=reported[program.name][1], minlength=n)

    household_table = pd.DataFrame(
        {
            "household_id": households["household_id"].to_numpy(),
            "weight": households["household_weight"].to_numpy(dtype=float),
            "size": size,
            "division": households["division"].to_numpy().astype(str),
            "urban": households["urban"].to_numpy(dtype=bool),
            "consumption_pc": households["consumption_pc_monthly"].to_numpy(dtype=float) * factor,
            "reported_transfers": reported_total,
            "income": household_annual_income(persons, households, index) * factor,
            "line_upper": household_lines(households, "upper", job.survey_year)[0] * factor,
            "line_lower": household_lines(households, "lower", job.survey_year)[0] * factor,
            "children": np.bincount(index, weights=age < CHILD_AGE, minlength=n),
            "elderly": np.bincount(index, weights=age >= ELDERLY_AGE, minlength=n),
        }
    )

    person_ids = persons["person_id"].to_numpy()
    rows = []
    for scenario, reform in enumerate(job.scenarios):
        columns = _scenario_columns(job, reform, persons, households)
        for number, program in enumerate(job.programs):
            amount = columns[f"{program.name}:amount"]
            contribution = columns[f"{program.name}:contribution"]
            flag, reported_amount = reported.get(program.name, (None, None))
            keep = (amount != 0) | (contribution != 0)
            if flag is not None:
                keep |= flag
            selected = np.flatnonzero(keep)
            rows.append(
                pd.DataFrame(
                    {
                        "household_row": index[selected],
                        "person_id": person_ids[selected],
                        "program": np.full(len(selected), number, dtype=np.int16),
                        "scenario": np.full(len(selected), scenario, dtype=np.int8),
                        "amount": amount[selected],
                        "contribution": contribution[selected],
                        "eligible": columns[f"{program.name}:eligible"][selected],
                        "reported": flag[selected] if flag is not None else False,
                        "reported_amount": reported_amount[selected] if flag is not None else 0.0,
                        "draw": uniform_draws(person_ids[selected], program.name),
                    }
                )
            )
    entitlements = pd.concat(rows, ignore_index=True) if rows else _empty_entitlements()
    return household_table, entitlements


def _empty_entitlements() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "household_row": pd.Series(dtype=np.int64),
            "person_id": pd.Series(dtype=np.int64),
            "program": pd.Series(dtype=np.int16),
            "scenario": pd.Series(dtype=np.int8),
            "amount": pd.Series(dtype=float),
            "contribution": pd.Series(dtype=float),
            "eligible": pd.Series(dtype=bool),
            "reported": pd.Series(dtype=bool),
            "reported_amount": pd.Series(dtype=float),
            "draw": pd.Series(dtype=float),
        }
    )


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None):
    """A distributed Client: to a scheduler's address, or on a LocalCluster of N processes."""
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def execute(
    chunks: Iterable,
    job: ChunkJob,
    scheduler: str | None = None,
    workers: int | None = None,
    progress=None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run every chunk and gather the tables in chunk order, with global household rows."""
    if scheduler or workers:
        results = _dask_results(chunks, job, scheduler, workers, progress)
    else:
        results = (run_chunk(chunk, job) for chunk in chunks)
    households, entitlements = [], []
    offset = 0
    for table, chunk_rows in _tick(results, progress):
        households.append(table)
        entitlements.append(
            chunk_rows.assign(household_row=chunk_rows["household_row"].to_numpy() + offset)
        )
        offset += len(table)
    return (
        pd.concat(households, ignore_index=True),
        pd.concat(entitlements, ignore_index=True) if entitlements else _empty_entitlements(),
    )


def _tick(results: Iterator, progress) -> Iterator:
    for result in results:
        yield result
        if progress is not None:
            progress.update(1)


def _dask_results(chunks, job, scheduler, workers, progress) -> Iterator:
    with dask_client(scheduler, workers) as client:
        job_future = client.scatter(job, broadcast=True)
        futures = [client.submit(run_chunk, chunk, job_future, pure=False) for chunk in chunks]
        # Gather in submission order, one at a time, so results stay ordered and memory bounded.
        for future in futures:
            yield future.result()
            future.release()
