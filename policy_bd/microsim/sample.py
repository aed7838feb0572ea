"""A survey sample: a person table, a household table and metadata, in memory or in Parquet.

The microsimulation reads samples in chunks of whole households, so memory stays bounded: an
in-memory sample is sliced; a Parquet sample written by `policy-bd synth` (one row group per
generated chunk in both files, aligned) is read one row group at a time, on whichever process
or Dask worker runs the chunk.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from policy_bd.microsim import schema

PERSON_FILE = "person.parquet"
HOUSEHOLD_FILE = "household.parquet"
METADATA_FILE = "metadata.json"
SYNTHETIC_WARNING = "SYNTHETIC: not for inference"


class SampleError(ValueError):
    """A sample whose columns break the schema; `.problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _grouped(persons: pd.DataFrame, households: pd.DataFrame) -> pd.DataFrame:
    """Persons reordered so each household's members follow in the household table's order."""
    index = pd.Index(households["household_id"]).get_indexer(persons["household_id"])
    order = np.argsort(index, kind="stable")
    if (order == np.arange(len(order))).all():
        return persons.reset_index(drop=True)
    return persons.iloc[order].reset_index(drop=True)


@dataclass(frozen=True)
class FrameChunk:
    """Households [start, stop) of an in-memory sample, with their members."""

    persons: pd.DataFrame
    households: pd.DataFrame

    def load(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self.persons, self.households

    @property
    def n_households(self) -> int:
        return len(self.households)


@dataclass(frozen=True)
class ParquetChunk:
    """One aligned row group of a Parquet sample; read where the chunk runs."""

    directory: str
    row_group: int
    n_households: int

    def load(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        folder = Path(self.directory)
        persons = pq.ParquetFile(folder / PERSON_FILE).read_row_group(self.row_group)
        households = pq.ParquetFile(folder / HOUSEHOLD_FILE).read_row_group(self.row_group)
        return persons.to_pandas(), households.to_pandas()


@dataclass
class Sample:
    """A person table and a household table in the schema of `policy_bd.microsim.schema`."""

    persons: pd.DataFrame
    households: pd.DataFrame
    metadata: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.households = schema.with_defaults(
            self.households.reset_index(drop=True), schema.HOUSEHOLD_COLUMNS
        )
        self.persons = schema.with_defaults(
            _grouped(self.persons, self.households), schema.PERSON_COLUMNS
        )

    @property
    def synthetic(self) -> bool:
        return bool(self.metadata.get("synthetic"))

    @property
    def survey_year(self) -> int:
        return int(self.metadata.get("survey_year", 2022))

    @property
    def n_households(self) -> int:
        return len(self.households)

    @property
    def n_persons(self) -> int:
        return len(self.persons)

    def validate(self) -> Sample:
        problems = schema.validate(self.persons, self.households)
        if problems:
            raise SampleError(problems)
        return self

    def chunks(self, households_per_chunk: int) -> Iterator[FrameChunk]:
        household_ids = self.households["household_id"].to_numpy()
        person_index = pd.Index(household_ids).get_indexer(self.persons["household_id"])
        for start in range(0, len(household_ids), households_per_chunk):
            stop = min(start + households_per_chunk, len(household_ids))
            first, last = np.searchsorted(person_index, [start, stop])
            yield FrameChunk(
                self.persons.iloc[first:last].reset_index(drop=True),
                self.households.iloc[start:stop].reset_index(drop=True),
            )

    def to_parquet(self, directory: str | Path) -> Path:
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        writer = ParquetSampleWriter(folder, self.metadata)
        writer.write(self.persons, self.households)
        writer.close()
        return folder


class ParquetSampleWriter:
    """Writes a sample chunk by chunk: one row group per chunk in each file, aligned."""

    def __init__(self, directory: Path, metadata: dict) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.metadata = dict(metadata)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.households = 0
        self.persons = 0
        self.row_groups = 0

    def _write(self, name: str, frame: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if name not in self._writers:
            self._writers[name] = pq.ParquetWriter(
                self.directory / name, table.schema, compression="zstd"
            )
        self._writers[name].write_table(table, row_group_size=max(len(frame), 1))

    def write(self, persons: pd.DataFrame, households: pd.DataFrame) -> None:
        self._write(PERSON_FILE, persons)
        self._write(HOUSEHOLD_FILE, households)
        self.households += len(households)
        self.persons += len(persons)
        self.row_groups += 1

    def close(self, extra: dict | None = None) -> dict:
        for writer in self._writers.values():
            writer.close()
        self.metadata.update(extra or {})
        self.metadata.update(
            households=self.households,
            persons=self.persons,
            row_groups=self.row_groups,
            aligned_row_groups=True,
        )
        (self.directory / METADATA_FILE).write_text(
            json.dumps(self.metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return self.metadata


def _identifiers(path: Path, columns: list[str]) -> pd.DataFrame:
    """Only the identifier columns of a Parquet file: cheap, read before any chunk is."""
    try:
        schema_names = pq.ParquetFile(path).schema_arrow.names
    except (pa.ArrowException, OSError) as error:
        raise SampleError([f"{path}: not a Parquet file ({error})"]) from None
    missing = [name for name in columns if name not in schema_names]
    if missing:
        raise SampleError([f"{path}: no column {name}" for name in missing])
    return pq.read_table(path, columns=columns).to_pandas()


def _check_identifiers(folder: Path) -> None:
    """Unique households and persons, each person in a household: before any work starts."""
    households = _identifiers(folder / HOUSEHOLD_FILE, ["household_id"])["household_id"]
    persons = _identifiers(folder / PERSON_FILE, ["person_id", "household_id"])
    problems = []
    repeated = households.duplicated()
    if repeated.any():
        row = int(np.flatnonzero(repeated.to_numpy())[0]) + 1
        problems.append(
            f"{folder / HOUSEHOLD_FILE}: household_id {households[repeated].iloc[0]} is given"
            f" twice (row {row}); identifiers must be unique"
        )
    repeated = persons["person_id"].duplicated()
    if repeated.any():
        row = int(np.flatnonzero(repeated.to_numpy())[0]) + 1
        problems.append(
            f"{folder / PERSON_FILE}: person_id {persons['person_id'][repeated].iloc[0]} is given"
            f" twice (row {row}); identifiers must be unique"
        )
    orphans = ~persons["household_id"].isin(households)
    if orphans.any():
        row = int(np.flatnonzero(orphans.to_numpy())[0]) + 1
        problems.append(
            f"{folder / PERSON_FILE}: household_id {persons['household_id'][orphans].iloc[0]}"
            f" (row {row}) is not in {HOUSEHOLD_FILE}"
        )
    if problems:
        raise SampleError(problems)


@dataclass
class ParquetSample:
    """A sample on disk (household.parquet, person.parquet, metadata.json), read in chunks."""

    directory: Path
    metadata: dict

    @classmethod
    def open(cls, directory: str | Path) -> ParquetSample:
        folder = Path(directory)
        missing = [name for name in (PERSON_FILE, HOUSEHOLD_FILE) if not (folder / name).is_file()]
        if missing:
            raise SampleError([f"{folder}: {name} not found" for name in missing])
        meta_path = folder / METADATA_FILE
        metadata = {}
        if meta_path.is_file():
            try:
                metadata = json.loads(meta_path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise SampleError([f"{meta_path}: not a JSON metadata file ({error})"]) from None
            if not isinstance(metadata, dict):
                raise SampleError([f"{meta_path}: not a JSON object of metadata"])
        _check_identifiers(folder)
        return cls(folder, metadata)

    @property
    def synthetic(self) -> bool:
        return bool(self.metadata.get("synthetic"))

    @property
    def survey_year(self) -> int:
        return int(self.metadata.get("survey_year", 2022))

    @property
    def n_households(self) -> int:
        return pq.ParquetFile(self.directory / HOUSEHOLD_FILE).metadata.num_rows

    @property
    def n_persons(self) -> int:
        return pq.ParquetFile(self.directory / PERSON_FILE).metadata.num_rows

    def load(self) -> Sample:
        return Sample(
            pd.read_parquet(self.directory / PERSON_FILE),
            pd.read_parquet(self.directory / HOUSEHOLD_FILE),
            self.metadata,
        )

    def chunks(self, households_per_chunk: int) -> Iterator[ParquetChunk | FrameChunk]:
        """Aligned row groups as they are; any other layout is loaded and sliced."""
        if not self.metadata.get("aligned_row_groups"):
            yield from self.load().chunks(households_per_chunk)
            return
        households = pq.ParquetFile(self.directory / HOUSEHOLD_FILE)
        for index in range(households.num_row_groups):
            yield ParquetChunk(
                str(self.directory), index, households.metadata.row_group(index).num_rows
            )
