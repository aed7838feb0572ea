"""The synthetic HIES-like sample: generated from a seed, calibrated, marked as synthetic.

`default_sample()` is what the microsimulation, the CLI and the API use when no survey file is
given: 14,400 households (720 PSUs of 20), seed 2022. It is generated on first use (about a
second) and cached as Parquet in the user's cache folder (`POLICY_BD_CACHE_DIR`, else
`$XDG_CACHE_HOME/policy_bd`, else `~/.cache/policy_bd`), keyed by the generator version, the
design file's hash, the size and the seed; nothing is downloaded, so a fresh clone works
offline. `generate_to_parquet` writes samples of millions of households chunk by chunk.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from policy_bd.microsim.sample import (
    SYNTHETIC_WARNING,
    ParquetSample,
    ParquetSampleWriter,
    Sample,
)
from policy_bd.microsim.synthetic import plan
from policy_bd.microsim.synthetic.checks import calibration_report
from policy_bd.microsim.synthetic.generator import GENERATOR_VERSION, generate_chunk

DEFAULT_SEED = 2022
DEFAULT_HOUSEHOLDS = 14_400
DEFAULT_CHUNK = 250_000

__all__ = [
    "DEFAULT_HOUSEHOLDS",
    "DEFAULT_SEED",
    "calibration_report",
    "default_sample",
    "generate",
    "generate_to_parquet",
]


def design_digest() -> str:
    return hashlib.sha256(plan.DESIGN_PATH.read_bytes()).hexdigest()[:16]


def chunk_sizes(n_households: int, chunk_households: int) -> list[int]:
    """Chunk sizes as equal as possible, each a whole number of 20-household PSUs if it can be."""
    n_chunks = max(1, -(-n_households // chunk_households))
    per_psu = plan.design()["sampling"]["households_per_psu"]
    psus, spare = divmod(n_households, per_psu)
    base, extra = divmod(psus, n_chunks)
    sizes = [(base + (i < extra)) * per_psu for i in range(n_chunks)]
    sizes[-1] += spare
    return sizes


def _chunks(n_households: int, seed: int, chunk_households: int) -> Iterator[tuple]:
    """(persons, households) of each chunk; chunk i's seed depends only on seed and i."""
    for index, size in enumerate(chunk_sizes(n_households, chunk_households)):
        sequence = np.random.SeedSequence(entropy=seed, spawn_key=(index,))
        yield generate_chunk(size, sequence, size / n_households, chunk=index)


def metadata(n_households: int, seed: int) -> dict:
    return {
        "warning": SYNTHETIC_WARNING,
        "synthetic": True,
        "description": "Synthetic HIES-like sample calibrated to published 2022 aggregates",
        "generator": "policy_bd.microsim.synthetic",
        "generator_version": GENERATOR_VERSION,
        "design_sha256": design_digest(),
        "seed": seed,
        "survey_year": plan.design()["survey_year"],
        "requested_households": n_households,
        "numpy": np.__version__,
    }


def _summarise(reports: list[list[dict]]) -> dict:
    return {
        "all_within_tolerance": all(
            row["within"] is not False for report in reports for row in report
        ),
        "chunks": len(reports),
    }


def generate(
    n_households: int = DEFAULT_HOUSEHOLDS,
    seed: int = DEFAULT_SEED,
    chunk_households: int = DEFAULT_CHUNK,
    progress: bool = False,
) -> Sample:
    """A calibrated synthetic sample in memory (use `generate_to_parquet` for millions)."""
    parts = list(
        _progress(
            _chunks(n_households, seed, chunk_households), n_households, chunk_households, progress
        )
    )
    persons = pd.concat([p for p, _ in parts], ignore_index=True)
    households = pd.concat([h for _, h in parts], ignore_index=True)
    report = calibration_report(persons, households)
    meta = metadata(n_households, seed) | {
        "households": len(households),
        "persons": len(persons),
        "calibration": report,
        **_summarise([report]),
    }
    return Sample(persons, households, meta)


def _progress(iterator, n_households, chunk_households, enabled):
    if not enabled:
        return iterator
    from tqdm import tqdm  # noqa: PLC0415

    return tqdm(
        iterator,
        total=len(chunk_sizes(n_households, chunk_households)),
        desc="generating",
        unit="chunk",
    )


def generate_to_parquet(
    directory: str | Path,
    n_households: int,
    seed: int = DEFAULT_SEED,
    chunk_households: int = DEFAULT_CHUNK,
    progress: bool = False,
) -> dict:
    """Write a synthetic sample chunk by chunk (one aligned row group each); memory stays at one
    chunk. The metadata records each chunk's calibration report."""
    writer = ParquetSampleWriter(Path(directory), metadata(n_households, seed))
    reports = []
    for persons, households in _progress(
        _chunks(n_households, seed, chunk_households), n_households, chunk_households, progress
    ):
        reports.append(calibration_report(persons, households, len(households) / n_households))
        writer.write(persons, households)
    return writer.close(
        {
            "calibration": reports[0] if len(reports) == 1 else None,
            "calibration_by_chunk": reports if len(reports) > 1 else None,
            **_summarise(reports),
        }
    )


def cache_dir() -> Path:
    explicit = os.environ.get("POLICY_BD_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "policy_bd"


def cached_path(n_households: int = DEFAULT_HOUSEHOLDS, seed: int = DEFAULT_SEED) -> Path:
    return cache_dir() / (
        f"synthetic-v{GENERATOR_VERSION}-{design_digest()}-n{n_households}-s{seed}"
    )


@functools.lru_cache(maxsize=4)
def default_sample(n_households: int = DEFAULT_HOUSEHOLDS, seed: int = DEFAULT_SEED) -> Sample:
    """The bundled synthetic sample, from the cache folder or generated (and cached) now."""
    folder = cached_path(n_households, seed)
    if (folder / "metadata.json").is_file():
        return ParquetSample.open(folder).load()
    sample = generate(n_households, seed)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the final folder and rename, so a concurrent reader never sees half a file.
        staging = Path(tempfile.mkdtemp(prefix=".synthetic-", dir=folder.parent))
        sample.to_parquet(staging)
        staging.rename(folder)
    except OSError:
        pass  # a read-only home: keep the sample in memory only
    return sample
